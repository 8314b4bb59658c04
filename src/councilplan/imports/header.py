"""A table's header row: which role each column plays, and how a row's cells line up."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from councilplan.domain.quantities import percent_list, percent_parse, target_parse
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


BOUND_COMPARATORS = (">", ">=", "<", "<=")
# How much better a row must fit moved one column right before it is moved.
SHIFT_GAIN = 3


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


def _shape_fit(role: str, text: str) -> int:
    """`_fit` with what a figure's shape says: a negative fit is a cell that cannot be what
    its column says (a sentence under PROGRESS, `> 64,982` under a position, a bare
    percentage as commentary)."""
    if not text or role in ("progress", "ref", ""):
        return _fit(role, text)
    bounded = target_parse(text).comparator in BOUND_COMPARATORS
    if role == "target":
        return 2 if bounded else 0
    if role in ("actual", "baseline"):
        return -2 if bounded else 0
    if role in ("commentary", "next_steps"):
        return -1 if percent_parse(text) is not None else 1
    return 0


@dataclass(frozen=True)
class RowAlignment:
    columns: list[int]  # for each cell, the header column it belongs to
    moved_from: int | None = None  # the first cell moved one column right, if any were


def row_aligned(header: Header, cells: list[Cell]) -> RowAlignment:
    """For each cell, the header column it belongs to.

    A header may print columns the rows leave out (an empty interior header cell): each
    row is matched to the header as printed or with one such column dropped, whichever
    puts its percentages under PROGRESS. A row with a target's figure (`> 64,982`) under a
    position or baseline — a merged or missing cell in the export pulled the rest one
    column left — is moved one column right from the cell where that fits clearly better
    (the fewest cells moved); the caller says so.
    """
    columns = _columns_fitted(header, cells)
    identity = list(range(len(cells)))
    roles = [_role(header, column) for column in columns]
    fits = [_shape_fit(role, cell.text) for cell, role in zip(cells, roles, strict=True)]
    bound_in_a_position = any(
        role in ("actual", "baseline") and fit < 0 for role, fit in zip(roles, fits, strict=True)
    )
    if columns != identity or not bound_in_a_position:
        return RowAlignment(columns)
    score = sum(fits)
    best: tuple[int, int] | None = None
    for start in range(1, len(cells)):
        if not cells[start].text:
            continue
        moved = [i if i < start else i + 1 for i in range(len(cells))]
        if any(column >= len(header.roles) and cells[i].text for i, column in enumerate(moved)):
            continue  # no text is pushed off the end of the header
        gain = _score(header, cells, moved, _shape_fit) - score
        if gain >= SHIFT_GAIN and (best is None or gain >= best[0]):
            best = (gain, start)  # on a tie, the later start: the fewest cells moved
    if best is None:
        return RowAlignment(columns)
    start = best[1]
    return RowAlignment([i if i < start else i + 1 for i in range(len(cells))], moved_from=start)


def _role(header: Header, column: int) -> str:
    return header.roles[column] if column < len(header.roles) else ""


def _columns_fitted(header: Header, cells: list[Cell]) -> list[int]:
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


def _score(
    header: Header, cells: list[Cell], columns: list[int], fit: Callable[[str, str], int] = _fit
) -> int:
    total = 0
    for cell, column in zip(cells, columns, strict=True):
        total += fit(_role(header, column), cell.text)
    return total
