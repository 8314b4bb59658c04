"""PDF documents (pdfplumber): ruled tables exactly, tables without ruling lines by the
gutters between their columns (pdf_columns).

Each page's ruled tables and lines of text are read top to bottom. Runs of lines that
keep empty gutters between columns are tables, their wrapped cells joined again; other
lines are joined into paragraphs. Lines a cell or paragraph was wrapped onto are joined
again (`re-` + `opening` → `re-opening`).
"""

import io
import re
from typing import Any

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.imports.progress import Progress, page_progress, progress_quiet
from councilplan.imports.readers.pdf_columns import Line, line_of, rows_of, runs_of
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


def _text_blocks(lines: list[dict], number: int, file: str) -> list[tuple[float, Block]]:
    """Lines of text outside ruled tables: tables without ruling lines, and paragraphs."""
    read = [line_of(_chars_of(line), line["text"]) for line in lines]
    blocks: list[tuple[float, Block]] = []
    for run in runs_of(read):
        if run.columns:
            blocks.append((run.lines[0].top, _aligned_table(rows_of(run), number, file)))
        else:
            blocks.extend(_paragraphs(run.lines, number, file))
    return blocks


def _aligned_table(rows: list[list[str]], number: int, file: str) -> Table:
    return Table(
        [
            [
                Cell(joined(text), SourceLocation(file=file, page=number, row=r, column=c))
                for c, text in enumerate(row, start=1)
            ]
            for r, row in enumerate(rows, start=1)
        ],
        SourceLocation(file=file, page=number),
    )


def _paragraphs(lines: list[Line], number: int, file: str) -> list[tuple[float, Block]]:
    """Lines joined into paragraphs: a line close below the last one continues it, unless
    it starts a bullet, a numbered heading or a `Label:`."""
    paragraphs: list[list] = []
    previous = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        height = line.bottom - line.top
        close = previous is not None and line.top - previous.bottom < 0.6 * height
        if close and paragraphs and not _STARTS_NEW.match(text):
            paragraphs[-1][1] = joined(paragraphs[-1][1] + "\n" + text)
        else:
            paragraphs.append([line.top, text])
        previous = line
    return [
        (top, Paragraph(text, SourceLocation(file=file, page=number, line=int(top))))
        for top, text in paragraphs
    ]
