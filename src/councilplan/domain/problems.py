"""Errors that name where the bad input is, in words a council officer understands."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceLocation:
    """Where a value came from: file, page or line, row, column (any may be unknown)."""

    file: str = ""
    page: int | None = None
    line: int | None = None
    row: int | None = None
    column: int | str | None = None
    path: str = ""  # a path inside a structured file: items[3].parent

    def __str__(self) -> str:
        parts = [self.file] if self.file else []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.path:
            parts.append(self.path)
        return ", ".join(parts) or "unknown place"


@dataclass(frozen=True)
class Problem:
    location: SourceLocation
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class PlanInputError(Exception):
    """Input that cannot be imported; nothing was changed. Lists every problem found."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        count = len(self.problems)
        heading = f"The plan was not imported: {count} problem{'s' if count != 1 else ''} found."
        return "\n".join([heading, *(f"  - {problem}" for problem in self.problems)])
