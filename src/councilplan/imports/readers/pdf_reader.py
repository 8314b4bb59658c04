"""PDF documents (pdfplumber): ruled tables exactly, aligned tables by their columns.

Each page's tables and lines of text are read top to bottom. Lines of text whose words
stand in columns (gaps wider than one and a half characters' height) are rows of an
aligned table, each cell placed under the column of the first such row; other lines are
joined into paragraphs. Lines a cell or paragraph was wrapped onto are joined again
(`re-` + `opening` → `re-opening`).
"""

import io
import re
from typing import Any

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.imports.progress import Progress, page_progress, progress_quiet
from councilplan.imports.source import Block, Cell, Paragraph, SourceDocument, Table

NOT_A_PDF_ERROR = "this is not a PDF that can be opened ({detail})"
_STARTS_NEW = re.compile(r"^\s*([·•▪\-–]\s|\d{1,2}\.\d{0,2}\s|[A-Z][A-Za-z ]{0,30}:)")


def pdf_read(data: bytes, *, file: str, progress: Progress = progress_quiet) -> SourceDocument:
    import pdfplumber

    number = 0
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except Exception as error:  # pdfminer raises many kinds of error on damaged files
        raise _error(file, None, error) from error
    document = SourceDocument(file=file, pages=len(pages))
    page_done = page_progress(progress, len(pages))
    try:
        for number, page in enumerate(pages, start=1):
            document.blocks.extend(_page_blocks(page, number, file))
            page_done(number)
    except PlanInputError:
        raise
    except Exception as error:
        raise _error(file, number, error) from error
    finally:
        pdf.close()
    return document


def _error(file: str, page: int | None, error: Exception) -> PlanInputError:
    detail = str(error) or type(error).__name__
    location = SourceLocation(file=file, page=page)
    return PlanInputError([Problem(location, NOT_A_PDF_ERROR.format(detail=detail))])


def joined(text: str) -> str:
    """A wrapped cell or paragraph as one line of text."""
    text = re.sub(r"(?<=[\w/][-/])[ \t]*\n\s*(?=\w)", "", text or "")
    return " ".join(text.split())


def _page_blocks(page: Any, number: int, file: str) -> list[Block]:
    found = page.find_tables()
    placed: list[tuple[float, Block]] = []
    for index, table in enumerate(found, start=1):
        rows = [
            [
                Cell(joined(text), SourceLocation(file=file, page=number, row=r, column=c))
                for c, text in enumerate(row, start=1)
            ]
            for r, row in enumerate(table.extract(), start=1)
        ]
        location = SourceLocation(file=file, page=number, path=f"table {index}")
        placed.append((table.bbox[1], Table(rows, location)))
    outside = page
    for table in found:
        outside = outside.outside_bbox(table.bbox)
    lines = outside.extract_text_lines(layout=False, return_chars=True)
    placed.extend(_text_blocks(lines, number, file))
    placed.sort(key=lambda pair: pair[0])
    return [block for _, block in placed]


def _chars_of(line: dict) -> list[dict]:
    """A line's characters, each once: pdfplumber lists a ligature's glyph once for every
    letter it prints (`ff` twice), which would read "officer" as "offfficer"."""
    chars: list[dict] = []
    for char in line.get("chars", []):
        if chars and all(char[key] == chars[-1][key] for key in ("text", "x0", "top")):
            continue
        chars.append(char)
    return chars


def _cells_of(line: dict) -> list[tuple[float, str]]:
    """A line's words grouped into cells at wide gaps: [(x0, text), …]."""
    cells: list[list] = []
    previous = None
    for char in _chars_of(line):
        gap = char["x0"] - previous["x1"] if previous is not None else 0
        if previous is None or gap > 1.5 * max(char.get("size", 8), 1):
            cells.append([char["x0"], ""])
        elif gap > 0.15 * max(char.get("size", 8), 1) and not cells[-1][1].endswith(" "):
            cells[-1][1] += " "
        cells[-1][1] += char["text"]
        previous = char
    return [(x0, " ".join(text.split())) for x0, text in cells if text.strip()]


def _text_blocks(lines: list[dict], number: int, file: str) -> list[tuple[float, Block]]:
    blocks: list[tuple[float, Block]] = []
    prose: list[dict] = []
    rows: list[list[tuple[float, str]]] = []
    top = 0.0
    for line in lines:
        cells = _cells_of(line)
        if len(cells) > 1:
            if prose:
                blocks.extend(_paragraphs(prose, number, file))
                prose = []
            if not rows:
                top = line["top"]
            rows.append(cells)
            continue
        if rows:
            blocks.append((top, _aligned_table(rows, number, file)))
            rows = []
        prose.append(line)
    if rows:
        blocks.append((top, _aligned_table(rows, number, file)))
    blocks.extend(_paragraphs(prose, number, file))
    return blocks


def _aligned_table(rows: list[list[tuple[float, str]]], number: int, file: str) -> Table:
    anchors = [x0 for x0, _ in rows[0]]
    table_rows = []
    for r, row in enumerate(rows, start=1):
        texts = [""] * len(anchors)
        for x0, text in row:
            column = max([i for i, anchor in enumerate(anchors) if anchor <= x0 + 2] or [0])
            texts[column] = f"{texts[column]} {text}".strip()
        table_rows.append(
            [
                Cell(text, SourceLocation(file=file, page=number, row=r, column=c))
                for c, text in enumerate(texts, start=1)
            ]
        )
    return Table(table_rows, SourceLocation(file=file, page=number))


def _paragraphs(lines: list[dict], number: int, file: str) -> list[tuple[float, Block]]:
    """Lines joined into paragraphs: a line close below the last one continues it, unless
    it starts a bullet, a numbered heading or a `Label:`."""
    paragraphs: list[list] = []
    previous = None
    for line in lines:
        text = line["text"].strip()
        if not text:
            continue
        height = line["bottom"] - line["top"]
        close = previous is not None and line["top"] - previous["bottom"] < 0.6 * height
        if close and paragraphs and not _STARTS_NEW.match(text):
            paragraphs[-1][1] = joined(paragraphs[-1][1] + "\n" + text)
        else:
            paragraphs.append([line["top"], text])
        previous = line
    return [
        (top, Paragraph(text, SourceLocation(file=file, page=number, line=int(top))))
        for top, text in paragraphs
    ]
