"""Spreadsheets (.xlsx with openpyxl) and CSV files: each row a line of cells."""

import csv
import io
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.imports.readers.formulas import UncalculatedFormulas
from councilplan.imports.readers.guards import MAX_UNCOMPRESSED_BYTES, package_check
from councilplan.imports.readers.text_reader import RowBuilder, text_decode
from councilplan.imports.source import SourceDocument

NOT_A_WORKBOOK_ERROR = "this is not an Excel workbook that can be opened ({detail})"
BAD_CSV_ERROR = "the CSV cannot be read: {detail}"
MAX_CELL = 100_000


class _SheetBuilder(RowBuilder):
    def __init__(self, document: SourceDocument, file: str, sheet: str) -> None:
        super().__init__(document, file)
        self.sheet = sheet

    def location(self, number: int, column: int | None = None) -> SourceLocation:
        return SourceLocation(file=self.file, row=number, column=column, path=self.sheet)


def _feed(builder: RowBuilder, number: int, texts: list[str]) -> None:
    texts = [t[:MAX_CELL] for t in texts]
    while texts and not texts[-1].strip():
        texts.pop()
    if not texts:
        builder.plain(number, "")
    elif len(texts) == 1 and not builder.rows:
        builder.plain(number, texts[0])
    else:
        builder.line(number, texts)


def cell_text(cell: Any) -> str:
    """A spreadsheet cell as a person reads it: a date cell as a UK date, a percentage-
    formatted cell as a percentage (0.35 → 35%), whole numbers without `.0`."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.strftime("%d/%m/%Y")
            if value.time() == time(0)
            else value.strftime("%d/%m/%Y %H:%M")
        )
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if "%" in (getattr(cell, "number_format", "") or ""):
            percent = Decimal(str(value)) * 100
            return f"{percent.normalize():f}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
    return str(value)


def xlsx_read(
    data: bytes, *, file: str, max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
) -> SourceDocument:
    import openpyxl

    package_check(data, file=file, max_uncompressed_bytes=max_uncompressed_bytes)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, EOFError) as error:
        message = NOT_A_WORKBOOK_ERROR.format(detail=str(error) or type(error).__name__)
        raise PlanInputError([Problem(SourceLocation(file=file), message)]) from error
    document = SourceDocument(file=file, pages=len(workbook.worksheets))
    try:
        formulas = UncalculatedFormulas(data)
        for index, sheet in enumerate(workbook.worksheets):
            builder = _SheetBuilder(document, file, f"sheet {sheet.title}")
            for number, row in enumerate(sheet.iter_rows(), start=1):
                texts = [cell_text(cell) or None for cell in row]
                values = formulas.fill(index, sheet.title, number, texts)
                _feed(builder, number, ["" if v is None else str(v) for v in values])
            builder.finish()
        document.notes.extend(formulas.notes())
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
        message = NOT_A_WORKBOOK_ERROR.format(detail=str(error) or type(error).__name__)
        raise PlanInputError([Problem(SourceLocation(file=file), message)]) from error
    finally:
        workbook.close()
    return document


def csv_read(data: bytes, *, file: str) -> SourceDocument:
    text, notes = text_decode(data, file=file)
    document = SourceDocument(file=file, notes=notes)
    builder = _SheetBuilder(document, file, "")
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    number = 0
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            _feed(builder, number, row)
    except csv.Error as error:
        location = SourceLocation(file=file, row=number + 1)
        raise PlanInputError([Problem(location, BAD_CSV_ERROR.format(detail=error))]) from error
    builder.finish()
    return document
