"""PDF documents (pdfplumber): ruled tables exactly, aligned tables by their columns of text.

Each page's tables and lines of text are read top to bottom. On a page with no ruled
table, a line whose words stand in columns (gaps of two spaces or more) becomes a row.
"""

import io
import re

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.imports.readers.text_reader import RowBuilder
from councilplan.imports.source import Cell, Paragraph, SourceDocument, Table

NOT_A_PDF_ERROR = "this is not a PDF that can be opened ({detail})"
_COLUMN_GAP = re.compile(r"\s{2,}")


def pdf_read(data: bytes, *, file: str) -> SourceDocument:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except Exception as error:  # pdfminer raises many kinds of error on damaged files
        detail = str(error) or type(error).__name__
        raise PlanInputError(
            [Problem(SourceLocation(file=file), NOT_A_PDF_ERROR.format(detail=detail))]
        ) from error
    document = SourceDocument(file=file, pages=len(pages))
    try:
        for number, page in enumerate(pages, start=1):
            _page_read(page, number, document)
    except Exception as error:
        detail = str(error) or type(error).__name__
        location = SourceLocation(file=file, page=number)
        raise PlanInputError([Problem(location, NOT_A_PDF_ERROR.format(detail=detail))]) from error
    finally:
        pdf.close()
    return document


def _page_read(page, number: int, document: SourceDocument) -> None:  # noqa: ANN001
    file = document.file
    found = page.find_tables()
    placed: list[tuple[float, object]] = []
    for index, table in enumerate(found, start=1):
        rows = []
        for row_number, row in enumerate(table.extract(), start=1):
            rows.append(
                [
                    Cell(
                        " ".join((text or "").split()),
                        SourceLocation(file=file, page=number, row=row_number, column=column),
                    )
                    for column, text in enumerate(row, start=1)
                ]
            )
        placed.append(
            (
                table.bbox[1],
                Table(rows, SourceLocation(file=file, page=number, path=f"table {index}")),
            )
        )
    outside = page
    for table in found:
        outside = outside.outside_bbox(table.bbox)
    for top, text in _paragraphs(outside.extract_text_lines(layout=False)):
        location = SourceLocation(file=file, page=number, line=int(top))
        placed.append((top, Paragraph(text, location)))
    placed.sort(key=lambda pair: pair[0])
    if found:
        document.blocks.extend(block for _, block in placed)  # type: ignore[misc]
        return
    _aligned_read(page, number, document)


_STARTS_NEW = re.compile(r"^\s*([·•▪\-–]\s|\d{1,2}\.\d{0,2}\s|[A-Z][A-Za-z ]{0,30}:)")


def _paragraphs(lines: list[dict]) -> list[tuple[float, str]]:
    """Lines of text joined into paragraphs: a line close below the last one continues it,
    unless it starts a bullet, a numbered heading or a `Label:`."""
    paragraphs: list[list] = []
    previous = None
    for line in lines:
        text = line["text"].strip()
        if not text:
            continue
        height = line["bottom"] - line["top"]
        close = previous is not None and line["top"] - previous["bottom"] < 0.6 * height
        if close and paragraphs and not _STARTS_NEW.match(text):
            paragraphs[-1][1] += " " + text
        else:
            paragraphs.append([line["top"], text])
        previous = line
    return [(top, text) for top, text in paragraphs]


def _aligned_read(page, number: int, document: SourceDocument) -> None:  # noqa: ANN001
    builder = _PageBuilder(document, document.file, number)
    text = page.extract_text(layout=True) or ""
    for line_number, line in enumerate(text.splitlines(), start=1):
        cells = [c for c in _COLUMN_GAP.split(line.strip())]
        if len(cells) > 1:
            builder.line(line_number, cells)
        else:
            builder.plain(line_number, line)
    builder.finish()


class _PageBuilder(RowBuilder):
    def __init__(self, document: SourceDocument, file: str, page: int) -> None:
        super().__init__(document, file)
        self.page = page

    def location(self, number: int, column: int | None = None) -> SourceLocation:
        return SourceLocation(file=self.file, page=self.page, line=number, column=column)
