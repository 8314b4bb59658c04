"""Values torn off their rows, waiting for the item they belong to.

A conversion can print a section line's percentage on a line of its own, before or after
the line (`Workstream: Housing` / `45%`). Such values wait here; sections read with no
value of their own wait for one. Each value goes to the first waiting section, in order
(`value_moved`); a value left when the next item with a reference comes, or at the end,
is kept on the item above (`orphan_value`). Nothing is dropped.
"""

from decimal import Decimal

from councilplan.domain.quantities import percent_parse
from councilplan.imports.draft import Draft, DraftItem
from councilplan.imports.source import Cell

MOVED_VALUE_MESSAGE = (
    "a percentage printed on a line of its own was taken as the roll-up of '{title}'"
)
ORPHAN_VALUE_MESSAGE = (
    "a value printed on a line of its own could not be placed; kept on the item above"
)


class PendingValues:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self._values: list[tuple[Decimal, Cell]] = []  # in the order printed
        self._sections: list[DraftItem] = []  # sections read with no value, waiting for one

    def hold(self, cells: list[Cell]) -> None:
        """Percentages printed on a row of their own (each cell must be one)."""
        for cell in cells:
            value = percent_parse(cell.text)
            assert value is not None, cell.text
            self._values.append((value, cell))

    def offer(self, section: DraftItem) -> None:
        """A section read without a value: it takes the first waiting value, or waits."""
        if section.progress is not None:
            return
        if self._values:
            self._give(section)
        else:
            self._sections.append(section)

    def settle(self, last: DraftItem | None) -> None:
        """Give the waiting values to the waiting sections, in order; keep any left over on
        `last`, the item above, and say so. Nothing waits afterwards."""
        while self._values and self._sections:
            self._give(self._sections.pop(0))
        self._sections = []
        for value, cell in self._values:
            if last is not None:
                last.cell_keep("(unplaced)", cell.text, str(cell.location))
            self.draft.anomaly(
                "orphan_value",
                ORPHAN_VALUE_MESSAGE,
                location=str(cell.location),
                text=str(value),
                item=last.id if last else None,
            )
        self._values = []

    def _give(self, section: DraftItem) -> None:
        value, cell = self._values.pop(0)
        section.progress = value
        section.reported_rollup = True
        section.cell_keep("(moved)", cell.text, str(cell.location))
        self.draft.anomaly(
            "value_moved",
            MOVED_VALUE_MESSAGE.format(title=section.title),
            location=str(cell.location),
            text=cell.text,
            item=section.id,
        )
