"""Word documents (.docx, python-docx): headings, paragraphs and tables in document order.

A cell merged across columns is read once (the columns it covers stay empty, so the rows
line up); a cell merged down the rows is read in its first row only.
"""

import io
import zipfile

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.imports.readers.guards import MAX_UNCOMPRESSED_BYTES, package_check
from councilplan.imports.source import Cell, Paragraph, SourceDocument, Table

NOT_A_DOCUMENT_ERROR = "this is not a Word document that can be opened ({detail})"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_read(
    data: bytes, *, file: str, max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
) -> SourceDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    package_check(data, file=file, max_uncompressed_bytes=max_uncompressed_bytes)
    try:
        word = docx.Document(io.BytesIO(data))
        body = list(word.element.body.iterchildren())
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        EOFError,
    ) as error:
        detail = str(error) or type(error).__name__
        raise PlanInputError(
            [Problem(SourceLocation(file=file), NOT_A_DOCUMENT_ERROR.format(detail=detail))]
        ) from error
    except Exception as error:  # lxml raises its own errors for damaged XML parts
        detail = str(error) or type(error).__name__
        raise PlanInputError(
            [Problem(SourceLocation(file=file), NOT_A_DOCUMENT_ERROR.format(detail=detail))]
        ) from error
    document = SourceDocument(file=file)
    styles = {s.style_id: s.name for s in word.styles}
    tables = 0
    for number, element in enumerate(body, start=1):
        if element.tag == f"{_W}p":
            paragraph = _paragraph(element, styles, file, number)
            if paragraph is not None:
                document.blocks.append(paragraph)
        elif element.tag == f"{_W}tbl":
            tables += 1
            document.blocks.append(_table(element, file, tables))
    document.pages = max(1, len(document.blocks) // 40)
    return document


def _text_of(element) -> str:
    parts = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}p"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        elif node.tag in (f"{_W}br", f"{_W}p") and parts:
            parts.append("\n")
    return "".join(parts).strip()


def _paragraph(element, styles: dict[str, str], file: str, number: int) -> Paragraph | None:
    text = _text_of(element)
    if not text:
        return None
    style_node = element.find(f"{_W}pPr/{_W}pStyle")
    style = styles.get(style_node.get(f"{_W}val"), "") if style_node is not None else ""
    heading = 0
    if style.lower().startswith("heading"):
        digits = "".join(ch for ch in style if ch.isdigit())
        heading = int(digits or 1)
    elif style.lower().startswith("list") or element.find(f"{_W}pPr/{_W}numPr") is not None:
        text = "• " + text
    location = SourceLocation(file=file, path=f"paragraph {number}")
    return Paragraph(text, location, heading=heading)


def _table(element, file: str, number: int) -> Table:
    rows = []
    for row_number, tr in enumerate(element.iter(f"{_W}tr"), start=1):
        cells: list[Cell] = []
        for tc in tr.findall(f"{_W}tc"):
            column = len(cells) + 1
            location = SourceLocation(
                file=file, row=row_number, column=column, path=f"table {number}"
            )
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            continued = merge is not None and merge.get(f"{_W}val") in (None, "continue")
            text = "" if continued else _text_of(tc)
            cells.append(Cell(text, location))
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            for _ in range(int(span.get(f"{_W}val", "1")) - 1 if span is not None else 0):
                cells.append(Cell("", location))
        rows.append(cells)
    return Table(rows, SourceLocation(file=file, path=f"table {number}"))
