"""Readers: one per kind of file, each returning a SourceDocument (see imports.source)."""

from pathlib import Path

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.imports.progress import READING_STAGE, Progress, progress_quiet
from councilplan.imports.readers.guards import (
    MAX_UNCOMPRESSED_BYTES,
    NO_TEXT_ERROR,
    empty_check,
)
from councilplan.imports.source import SourceDocument

UNKNOWN_KIND_ERROR = (
    "councilplan cannot read '{suffix}' documents: use .docx, .xlsx, .csv, .pdf, .txt or .tsv"
)
UNREADABLE_ERROR = "cannot read the file: {reason}"


def document_read(
    path: Path,
    *,
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES,
    progress: Progress = progress_quiet,
) -> SourceDocument:
    """Read any supported document; PlanInputError (with the file named) when it cannot,
    when it is empty or holds no text, or when a Word or Excel file would unpack to more
    than `max_uncompressed_bytes`."""
    from councilplan.imports.readers import docx_reader, pdf_reader, sheet_reader, text_reader

    readers = {
        ".txt": text_reader.text_read,
        ".tsv": text_reader.text_read,
        ".text": text_reader.text_read,
        ".docx": docx_reader.docx_read,
        ".xlsx": sheet_reader.xlsx_read,
        ".xlsm": sheet_reader.xlsx_read,
        ".csv": sheet_reader.csv_read,
        ".pdf": pdf_reader.pdf_read,
    }
    suffix = path.suffix.lower()
    reader = readers.get(suffix)
    if reader is None:
        raise PlanInputError(
            [Problem(SourceLocation(file=path.name), UNKNOWN_KIND_ERROR.format(suffix=suffix))]
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise PlanInputError(
            [Problem(SourceLocation(file=path.name), UNREADABLE_ERROR.format(reason=reason))]
        ) from error
    empty_check(data, file=path.name)
    progress(READING_STAGE, 5)
    if suffix == ".pdf":  # page by page: the long read
        document = pdf_reader.pdf_read(data, file=path.name, progress=progress)
    elif suffix in (".docx", ".xlsx", ".xlsm"):
        document = reader(data, file=path.name, max_uncompressed_bytes=max_uncompressed_bytes)
    else:
        document = reader(data, file=path.name)
    if not any(line.strip() for line in document.text_lines):
        message = NO_TEXT_ERROR.format(file=path.name)
        raise PlanInputError([Problem(SourceLocation(file=path.name), message)])
    return document
