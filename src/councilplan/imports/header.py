"""A table's header row: which role each column plays, and how a row's cells line up."""

from dataclasses import dataclass, field
from typing import Any

from councilplan.domain.quantities import percent_list, percent_parse
from councilplan.imports.source import Cell
from councilplan.imports.vocabulary import is_ref, role_of_header


@dataclass
class Header:
    roles: list[str]  # one per column; '' for a column with no role or no header text
    names: list[str]  # the header text as printed
    inserted_title: bool = False  # the ref column's header also covers a title column
    cells: list[Cell] = field(default_factory=list)
    scales: dict[int, int] = field(default_factory=dict)  # column → 100 for fractions of one
    guessed: bool = False  # read from the table's shape: no row of header words was found
    guesses: dict[int, Any] = field(default_factory=dict)  # column → imports.columns guess

    @property
    def role_set(self) -> set[str]:
        return {r for r in self.roles if r}

    def name_of(self, index: int) -> str:
        return self.names[index] if index < len(self.names) else ""


def header_match(cells: list[Cell], extra: dict[str, str] | None = None) -> Header | None:
    """A Header when the row reads as column headers, else None."""
    filled = [c for c in cells if c.text]
    if len(filled) < 2 or not role_of_header(filled[0].text, extra):
        return None  # the first cell of a header names a column: most rows stop here
    roles = [role_of_header(c.text, extra) if c.text else "" for c in cells]
    mapped = [r for r, c in zip(roles, cells, strict=True) if c.text and r]
    if len(mapped) < 2 or len(mapped) < 0.6 * len(filled):
        return None
    names = [c.text for c in cells]
    return title_column_placed(Header(roles, names, cells=cells))


def title_column_placed(header: Header) -> Header:
    """`MISSION / PRIORITY` heads both the reference and the title of each row."""
    if "ref_title" not in header.roles:
        return header
    index = header.roles.index("ref_title")
    roles, names = list(header.roles), list(header.names)
    roles[index] = "ref"
    if index + 1 < len(roles) and not names[index + 1]:
        roles[index + 1] = "title"
        return Header(roles, names, cells=header.cells)
    roles.insert(index + 1, "title")
    names.insert(index + 1, names[index])
    while roles and not roles[-1] and not names[-1]:
        roles.pop()
        names.pop()
    return Header(roles, names, inserted_title=True, cells=header.cells)


def _fit(role: str, text: str) -> int:
    """How well a cell's text suits a column's role (alignment score)."""
    if not text:
        return 0
    if role == "progress":
        return 2 if percent_parse(text) is not None or percent_list(text) else -2
    if role == "ref":
        return 1 if is_ref(text) else 0
    if role == "":
        return -1
    return 0


def row_aligned(header: Header, cells: list[Cell]) -> list[int]:
    """For each cell, the header column it belongs to.

    A header may print columns the rows leave out (an empty interior header cell): each
    row is matched to the header as printed or with one such column dropped, whichever
    puts its percentages under PROGRESS.
    """
    identity = list(range(len(cells)))
    unnamed = [
        i
        for i, (role, name) in enumerate(zip(header.roles, header.names, strict=True))
        if not role and not name and 0 < i < len(header.roles) - 1
    ]
    best, best_score = identity, _score(header, cells, identity)
    for dropped in unnamed:
        columns = [i if i < dropped else i + 1 for i in range(len(cells))]
        score = _score(header, cells, columns)
        if score > best_score:
            best, best_score = columns, score
    return best


def _score(header: Header, cells: list[Cell], columns: list[int]) -> int:
    total = 0
    for cell, column in zip(cells, columns, strict=True):
        role = header.roles[column] if column < len(header.roles) else ""
        total += _fit(role, cell.text)
    return total
