"""What the layout recogniser is told from outside the document (mapping file, options)."""

from dataclasses import dataclass, field


@dataclass
class LayoutOptions:
    columns: dict[str, str] = field(default_factory=dict)  # header text → role (mapping file)
    sections: tuple = ()  # extra (kind, level, pattern) section lines (mapping file)
    financial_year: int | None = None
    year_start_month: int = 4
    narrative_levels: tuple[str, str] = ("Priority", "Achievement")
