"""What the layout recogniser builds before it becomes an open-format document. No Django."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from councilplan.domain.timescales import Timescale


@dataclass
class DraftItem:
    id: str
    ref: str
    level: str
    depth: int
    parent: "DraftItem | None"
    title: str
    location: str = ""
    description: str = ""
    outcome: str = ""
    resources: str = ""
    roles: dict[str, list[str]] = field(default_factory=dict)
    timescale: Timescale | None = None
    status: str = ""
    status_text: str = ""
    forecast: str = ""  # the status expected at the year end (a scheme code)
    forecast_text: str = ""
    progress: Decimal | None = None
    reported_rollup: bool = False  # a section's own printed %, beside what its children imply
    commentary: str = ""
    next_steps: str = ""
    measures: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    cells: list[dict[str, str]] = field(default_factory=list)
    children: list["DraftItem"] = field(default_factory=list)
    kind: str = ""  # the section kind for section items, '' for table items

    def cell_keep(self, header: str, text: str, location: str) -> None:
        if text:
            header = " ".join((header or "(no header)").split())[:300]
            self.cells.append({"header": header, "text": text, "location": location[:200]})


@dataclass
class DraftRisk:
    description: str
    mitigations: list[str] = field(default_factory=list)
    rag: str = ""
    rag_text: str = ""
    owner: str = ""
    location: str = ""


@dataclass
class Draft:
    file: str
    items: list[DraftItem] = field(default_factory=list)
    risks: list[DraftRisk] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    anomalies: list[dict[str, Any]] = field(default_factory=list)
    unplaced: list[dict[str, Any]] = field(default_factory=list)
    level_names: dict[int, str] = field(default_factory=dict)
    period_hints: list[str] = field(default_factory=list)
    tables: list[Any] = field(default_factory=list)  # imports.table_shape.TableReading
    ids: set[str] = field(default_factory=set)  # of the items, each used once

    def item_new(
        self,
        identifier: str,
        level: str,
        depth: int,
        parent: DraftItem | None,
        title: str,
        location: str,
    ) -> DraftItem:
        """A new item with this id, added to the draft (and to its parent's children); the
        first item at a depth names that depth's level."""
        item = DraftItem(identifier, identifier, level, depth, parent, title, location=location)
        self.ids.add(identifier)
        self.items.append(item)
        self.level_names.setdefault(depth, level)
        if parent is not None:
            parent.children.append(item)
        return item

    def anomaly(
        self,
        kind: str,
        message: str,
        *,
        location: str = "",
        text: str = "",
        item: str | None = None,
    ) -> None:
        self.anomalies.append(
            {"kind": kind, "message": message, "location": location, "text": text, "item": item}
        )
