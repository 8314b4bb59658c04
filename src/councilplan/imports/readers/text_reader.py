"""Text exports of Word and PDF tables (.txt, .tsv): tabs separate cells.

Lines of tab-separated cells become table rows; other lines become paragraphs. A line
`<tab>value` is one cell of a table exported one cell per line, and the untabbed lines
right after it continue that cell. Rules made of dashes are dropped.
"""

import re

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.imports.readers.encodings import utf16_decode
from councilplan.imports.source import Cell, Paragraph, SourceDocument, Table

NOT_TEXT_ERROR = "this is not a text file (it holds binary data)"
NOT_DECODABLE_ERROR = "the text is neither UTF-8 nor Windows-1252 (byte {position})"
DECODED_AS_WINDOWS_NOTE = "read as Windows-1252 text: the file is not UTF-8"

_RULE = re.compile(r"^[\s\-–—=_*|]*$")


def text_decode(data: bytes, *, file: str) -> tuple[str, list[str]]:
    """Bytes to text: UTF-16 (with a BOM, or by its NUL bytes), UTF-8 (with or without BOM),
    else Windows-1252 with a note."""
    if (utf16_text := utf16_decode(data)) is not None:
        return utf16_text.removeprefix("\ufeff"), []
    if data.count(b"\x00") > max(8, len(data) // 100):
        raise PlanInputError([Problem(SourceLocation(file=file), NOT_TEXT_ERROR)])
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        try:
            return data.decode("cp1252"), [DECODED_AS_WINDOWS_NOTE]
        except UnicodeDecodeError:
            location = SourceLocation(file=file, path=f"byte {error.start}")
            message = NOT_DECODABLE_ERROR.format(position=error.start)
            raise PlanInputError([Problem(location, message)]) from None


def text_read(data: bytes, *, file: str) -> SourceDocument:
    text, notes = text_decode(data, file=file)
    document = SourceDocument(file=file, notes=notes)
    builder = RowBuilder(document, file)
    for number, raw in enumerate(text.splitlines(), start=1):
        if "\t" in raw:
            builder.line(number, raw.split("\t"), raw)
        else:
            builder.plain(number, raw)
    builder.finish()
    return document


class RowBuilder:
    """Rows of cell texts (from text, CSV or a spreadsheet) into paragraphs and tables."""

    def __init__(self, document: SourceDocument, file: str) -> None:
        self.document = document
        self.file = file
        self.rows: list[list[Cell]] = []
        self.table_start = 0
        self.last_cell: Paragraph | None = None

    def location(self, number: int, column: int | None = None) -> SourceLocation:
        return SourceLocation(file=self.file, line=number, column=column)

    def line(self, number: int, raw_cells: list[str], raw: str = "") -> None:
        texts = [t.strip() for t in raw_cells]
        cells = [Cell(t, self.location(number, i + 1)) for i, t in enumerate(texts)]
        if _RULE.match(raw or "".join(texts)):
            return
        filled = [c for c in cells if c.text]
        if len(texts) == 2 and not texts[0] and texts[1] and not self.rows:
            self.flush()
            paragraph = Paragraph(texts[1], cells[1].location, cell_like=True)
            self.document.blocks.append(paragraph)
            self.last_cell = paragraph
            return
        self.last_cell = None
        if not filled:
            return
        if cells[0].text and len(filled) == 1 and not self.rows:
            self.document.blocks.append(Paragraph(cells[0].text, cells[0].location))
            return
        if not self.rows:
            self.table_start = number
        self.rows.append(cells)

    def plain(self, number: int, raw: str) -> None:
        text = raw.strip()
        if not text:
            self.last_cell = None
            return
        if _RULE.match(raw):
            return
        if self.last_cell is not None:
            self.last_cell.text += "\n" + text
            return
        self.flush()
        self.document.blocks.append(Paragraph(text, self.location(number)))

    def flush(self) -> None:
        if self.rows:
            self.document.blocks.append(Table(self.rows, self.rows[0][0].location))
            self.rows = []

    def finish(self) -> None:
        self.flush()
