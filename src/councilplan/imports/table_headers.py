"""The header the rows are read with, and what the document's earlier headers taught.

A header printed again on a new page, or a part of it repeated inside the table, changes
nothing. A column whose role was guessed from its cells means the same in the next table
of the document with the same header word (a column means the same throughout a
document); the mapping file's words win over what was learned. Every guess is said.
"""

from dataclasses import replace

from councilplan.imports.draft import Draft
from councilplan.imports.header import Header
from councilplan.imports.options import LayoutOptions
from councilplan.imports.source import Cell
from councilplan.imports.table_shape import header_completed, header_like, table_reading
from councilplan.imports.vocabulary import level_name_of_header

# Header words that say what a column holds, not what its items are called.
_NOT_LEVEL_WORDS = {"description", "title", "details", "detail", "what", "name", "text", "column"}
LEARNED_MESSAGE = "column '{name}' read as {role}, as in an earlier table of this document"


class TableHeaders:
    def __init__(self, draft: Draft, options: LayoutOptions) -> None:
        self.draft = draft
        self.options = options
        self.current: Header | None = None  # the header the rows are read with
        self.rows_have_refs = False  # whether the rows under it carry references
        self._learned: dict[str, str] = {}  # header word → role guessed in an earlier table

    @property
    def guessed(self) -> bool:
        """Whether the rows are read with a header found by the table's shape."""
        return self.current is not None and self.current.guessed

    def columns_known(self) -> dict[str, str]:
        """Header words → roles: the mapping file's, and what this document's earlier tables
        showed its own headers to mean."""
        return {**self._learned, **self.options.columns}

    def starts_new_table(self, rows: list[list[Cell]]) -> bool:
        """Whether a table with no header words is a table of its own, to be read by its
        shape: not when it carries on the table before over a page or past a heading (no
        header row of its own, or as wide as the one before)."""
        if self.current is None:
            return True
        if not rows or not header_like(rows[0]):
            return False
        width = max(len(row) for row in rows)
        return abs(width - len(self.current.roles)) > 1

    def seen(self, header: Header, following: list[list[Cell]]) -> bool:
        """A header row in a table: used (with its columns' roles completed from the rows
        `following` it) unless it repeats the current one; whether it was used."""
        current = self.current
        if current is not None and header.role_set < current.role_set:
            return False  # a partial header repeated inside the table (`Performance measures …`)
        if current is not None and header.names == current.names:
            return False  # the same header printed again at the top of a page
        location = str(header.cells[0].location) if header.cells else ""
        known = replace(self.options, columns=self.columns_known())
        self.use(header_completed(header, following, known), location)
        return True

    def use(self, header: Header, location: str) -> None:
        """Read the rows below with this header; say what was guessed, and learn it."""
        self.current = header
        self.rows_have_refs = False
        reading = table_reading(header, location, self.options)
        self.draft.tables.append(reading)
        for column in reading.columns:
            if column.how == "header" and self._learned.get(column.name) == column.role:
                column.how = "guess"
                column.reason = LEARNED_MESSAGE.format(name=column.name, role=column.role)
                continue
            if column.how == "guess":
                self.draft.anomaly("column_guessed", column.reason, location=location)
                if column.name:
                    self._learned[column.name] = column.role
        self.draft.period_hints.extend(header.names)

    def item_level(self) -> str:
        """The level of the items the rows are: what a title column's header calls them
        (`Key Activities` → `Key activity`) in a table with no references, else Action."""
        header = self.current
        if header is not None and "ref" not in header.roles and "title" in header.roles:
            name = level_name_of_header(header.names[header.roles.index("title")])
            if name and name.split()[0].lower() not in _NOT_LEVEL_WORDS:
                return name
        return "Action"

    def sub_item_level(self) -> str:
        """The level of the items a sub-item column holds (`Milestones` → `Milestone`)."""
        header = self.current
        if header is None or "milestone" not in header.roles:
            return "Milestone"
        name = header.names[header.roles.index("milestone")]
        return level_name_of_header(name) or "Milestone"

    def repeats_guessed(self, row: list[Cell]) -> bool:
        """Whether `row` is the guessed header printed again on a new page."""
        if self.current is None or not self.current.guessed:
            return False
        texts = [" ".join(c.text.split()).casefold() for c in row if c.text]
        names = [" ".join(n.split()).casefold() for n in self.current.names if n]
        return bool(names) and texts == names


def numbered_levels_named(header: Header) -> list[str] | None:
    """The levels a `Mission / Priority` reference header names for numbered sections (the
    last such column's), or None when it names none."""
    levels = None
    for role, name in zip(header.roles, header.names, strict=True):
        if role == "ref" and "/" in name:
            levels = [part.strip().capitalize() for part in name.split("/")]
    return levels
