"""The sections open above the row being read: priorities, objectives, workstreams….

Each kind of section line gets a rank when first seen: a kind seen earlier ranks higher
(`Priority A –` before `Objective One:` puts objectives under priorities), and numbered
lines rank below all others (`2.` above `2.1`). A new section closes the open sections of
its own rank and below, and opens under the nearest one left.
"""

from councilplan.imports.draft import DraftItem

_NUMBERED_RANKS = {"numbered-1": 100, "numbered-2": 101}


class SectionStack:
    def __init__(self) -> None:
        self._open: list[DraftItem] = []  # outermost first
        self._ranks: dict[str, int] = {}  # section kind → rank: higher is further in
        # Level names a `Mission / Priority` reference header gives numbered sections.
        self.numbered_levels: list[str] = []

    @property
    def innermost(self) -> DraftItem | None:
        """The section the rows being read belong to."""
        return self._open[-1] if self._open else None

    @property
    def depth(self) -> int:
        """How many sections are open: the depth of an item placed in the innermost."""
        return len(self._open)

    def close_for(self, kind: str) -> None:
        """Close the open sections that a new section of `kind` ends: those of its rank or
        further in."""
        rank = self._ranks.setdefault(kind, _NUMBERED_RANKS.get(kind, len(self._ranks)))
        while self._open and self._ranks.get(self._open[-1].kind, 0) >= rank:
            self._open.pop()

    def open(self, section: DraftItem) -> None:
        """`section` (made under `innermost`, after `close_for` its kind) is now open."""
        self._open.append(section)

    def innermost_of_kind(self, kind: str) -> DraftItem | None:
        return next((item for item in reversed(self._open) if item.kind == kind), None)

    def numbered_level(self, kind: str) -> str:
        """The level name of a numbered section line (`2.` or `2.1`) that names none."""
        depth = 0 if kind == "numbered-1" else 1
        if depth < len(self.numbered_levels):
            return self.numbered_levels[depth]
        return "Section" if depth == 0 else "Sub-section"
