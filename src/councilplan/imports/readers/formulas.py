"""Excel formula cells saved without their result.

A workbook keeps each formula's last result beside it, and the reader reads those results.
A workbook written by a program (or saved with calculation turned off) may hold formulas
with no result: read naively they look empty. They are read as the formula, as written,
with a note naming the sheet and cell, so nobody mistakes them for blank cells.
"""

import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

UNCALCULATED_FORMULA_NOTE = (
    "sheet {sheet}, cell {cell}: the formula {formula} has no saved result (the workbook "
    "was saved without calculating it), so the formula is read as written"
)
MORE_UNCALCULATED_NOTE = (
    "{count} more formula cells have no saved result and are read as written too: open the "
    "workbook in Excel and save it again to keep their results"
)
NOTED_FORMULAS = 20

_WORKSHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


class UncalculatedFormulas:
    """The formulas of a workbook, to stand in for cells whose saved result is missing."""

    def __init__(self, data: bytes) -> None:
        self.by_cell: dict[tuple[int, int, int], str] = {}
        self.found: list[tuple[str, str, str]] = []
        if _has_formulas(data):
            self._read(data)

    def _read(self, data: bytes) -> None:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            for index, sheet in enumerate(workbook.worksheets):
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                    for column, value in enumerate(row, start=1):
                        formula = _formula_text(value)
                        if formula:
                            self.by_cell[(index, number, column)] = formula
        finally:
            workbook.close()

    def fill(self, index: int, sheet: str, number: int, row: Sequence[Any]) -> list[Any]:
        """The row's values, each empty cell that holds a formula given the formula."""
        if not self.by_cell:
            return list(row)
        values = list(row)
        for column, value in enumerate(values, start=1):
            formula = self.by_cell.get((index, number, column))
            if value is None and formula is not None:
                values[column - 1] = formula
                self.found.append((sheet, _cell_name(number, column), formula))
        return values

    def notes(self) -> list[str]:
        notes = [
            UNCALCULATED_FORMULA_NOTE.format(sheet=sheet, cell=cell, formula=formula)
            for sheet, cell, formula in self.found[:NOTED_FORMULAS]
        ]
        if len(self.found) > NOTED_FORMULAS:
            notes.append(MORE_UNCALCULATED_NOTE.format(count=len(self.found) - NOTED_FORMULAS))
        return notes


def _has_formulas(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if _WORKSHEET_PART.match(name) and _FORMULA_ELEMENT.search(archive.read(name)):
                    return True
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False
    return False


def _formula_text(value: Any) -> str:
    text = getattr(value, "text", value)  # array formulas come as objects holding the text
    return text if isinstance(text, str) and text.startswith("=") else ""


def _cell_name(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column)}{row}"
