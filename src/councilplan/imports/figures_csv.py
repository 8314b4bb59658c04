"""A CSV file of measures' figures, one per row: which measure, which period, the figure, and
optionally its state, the date it is expected and a note. Column names vary a little from
one council's export to another; a column not understood is refused, never ignored."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.imports.readers.text_reader import text_decode

# Each column the file may have, with the headings it goes by (compared without case,
# spaces, underscores or hyphens).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "measure": ("measure", "ref", "reference", "indicator", "indicatorref", "measureref", "kpi"),
    "period": ("period", "quarter", "month"),
    "text": ("value", "figure", "actual", "result", "text"),
    "state": ("state",),
    "expected_on": ("expectedon", "expected", "due"),
    "note": ("note", "notes", "comment", "commentary"),
}
REQUIRED = ("measure", "period", "text")
STATE_WORDS = {
    "": "available",
    "available": "available",
    "notyetavailable": "not_yet_available",
    "notavailable": "not_yet_available",
    "notapplicable": "not_applicable",
    "na": "not_applicable",
}

NO_HEADER_ERROR = "the file is empty: its first row must name the columns"
COLUMN_UNKNOWN_ERROR = (
    "“{heading}” is not a column this file may have; use measure, period, value, and "
    "optionally state, expected on and note"
)
COLUMN_TWICE_ERROR = "“{heading}” names the {column} column a second time"
COLUMN_MISSING_ERROR = "there is no {column} column (headings found: {found})"
CELLS_TOO_MANY_ERROR = "the row has {count} cells, more than the {columns} headings"
STATE_UNKNOWN_ERROR = "“{text}” is not a state; use available, not yet available or not applicable"
DATE_INVALID_ERROR = "“{text}” is not a date; write it as 2025-07-31"
NO_ROWS_ERROR = "the file has a header but no figures"


@dataclass(frozen=True)
class FigureRow:
    row: int  # the row number as a spreadsheet shows it (the header is row 1)
    measure: str
    period: str
    text: str
    state: str
    expected_on: date | None
    note: str


def _folded(heading: str) -> str:
    return "".join(ch for ch in heading.lower() if ch.isalnum())


def _columns(header: list[str], file: str) -> dict[str, int]:
    problems = []
    found: dict[str, int] = {}
    for index, heading in enumerate(header):
        folded = _folded(heading)
        if not folded:
            continue
        column = next((c for c, names in COLUMN_NAMES.items() if folded in names), None)
        where = SourceLocation(file=file, row=1, column=index + 1)
        if column is None:
            problems.append(Problem(where, COLUMN_UNKNOWN_ERROR.format(heading=heading)))
        elif column in found:
            message = COLUMN_TWICE_ERROR.format(heading=heading, column=column)
            problems.append(Problem(where, message))
        else:
            found[column] = index
    listed = ", ".join(f"“{h}”" for h in header if h.strip()) or "none"
    for column in REQUIRED:
        if column not in found:
            where = SourceLocation(file=file, row=1)
            wanted = "value" if column == "text" else column
            message = COLUMN_MISSING_ERROR.format(column=wanted, found=listed)
            problems.append(Problem(where, message))
    if problems:
        raise PlanInputError(problems)
    return found


def figures_csv_read(data: bytes, *, file: str) -> list[FigureRow]:
    """Every row of figures, or PlanInputError naming each bad row and column. Nothing is
    checked against a plan here: that is the recording service's part."""
    text, _notes = text_decode(data, file=file)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise PlanInputError([Problem(SourceLocation(file=file, row=1), NO_HEADER_ERROR)])
    columns = _columns(rows[0], file)
    figures: list[FigureRow] = []
    problems: list[Problem] = []
    for number, cells in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in cells):
            figure = _row_read(cells, number, len(rows[0]), columns, file, problems)
            if figure is not None:
                figures.append(figure)
    if problems:
        raise PlanInputError(problems)
    if not figures:
        raise PlanInputError([Problem(SourceLocation(file=file, row=2), NO_ROWS_ERROR)])
    return figures


def _row_read(
    cells: list[str],
    number: int,
    headings: int,
    columns: dict[str, int],
    file: str,
    problems: list[Problem],
) -> FigureRow | None:
    if any(cell.strip() for cell in cells[headings:]):
        message = CELLS_TOO_MANY_ERROR.format(count=len(cells), columns=headings)
        problems.append(Problem(SourceLocation(file=file, row=number), message))
        return None

    def cell(column: str) -> str:
        index = columns.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def refuse(column: str, message: str) -> None:
        where = SourceLocation(file=file, row=number, column=columns[column] + 1)
        problems.append(Problem(where, message))

    state = STATE_WORDS.get(_folded(cell("state")))
    if state is None:
        refuse("state", STATE_UNKNOWN_ERROR.format(text=cell("state")))
    expected_on = None
    if cell("expected_on"):
        try:
            expected_on = date.fromisoformat(cell("expected_on"))
        except ValueError:
            refuse("expected_on", DATE_INVALID_ERROR.format(text=cell("expected_on")))
    return FigureRow(
        row=number,
        measure=cell("measure"),
        period=cell("period"),
        text=cell("text"),
        state=state or "available",
        expected_on=expected_on,
        note=cell("note"),
    )
