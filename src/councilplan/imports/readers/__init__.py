"""Readers: one per kind of file, each returning a SourceDocument (see imports.source)."""

from pathlib import Path, PurePath

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


def file_bytes(path: Path) -> bytes:
    """The file's bytes; PlanInputError naming the file when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise PlanInputError(
            [Problem(SourceLocation(file=path.name), UNREADABLE_ERROR.format(reason=reason))]
        ) from error


def document_read(
    data: bytes,
    name: str,
    *,
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES,
    progress: Progress = progress_quiet,
) -> SourceDocument:
    """Read the bytes of any supported document, whose kind its file `name` tells (an
    upload's bytes need no file on disk); PlanInputError (with the file named) when it
    cannot be read, when it is empty or holds no text, or when a Word or Excel file would
    unpack to more than `max_uncompressed_bytes`."""
    from councilplan.imports.readers import docx_reader, pdf_reader, sheet_reader, text_reader

    packaged = {  # zip packages: checked against the unpacked-size limit
        ".docx": docx_reader.docx_read,
        ".xlsx": sheet_reader.xlsx_read,
        ".xlsm": sheet_reader.xlsx_read,
    }
    plain = {
        ".txt": text_reader.text_read,
        ".tsv": text_reader.text_read,
        ".text": text_reader.text_read,
        ".csv": sheet_reader.csv_read,
    }
    suffix = PurePath(name).suffix.lower()
    if suffix not in packaged and suffix not in plain and suffix != ".pdf":
        raise PlanInputError(
            [Problem(SourceLocation(file=name), UNKNOWN_KIND_ERROR.format(suffix=suffix))]
        )
    empty_check(data, file=name)
    progress(READING_STAGE, 5)
    if suffix == ".pdf":  # page by page: the long read
        document = pdf_reader.pdf_read(data, file=name, progress=progress)
    elif suffix in packaged:
        document = packaged[suffix](data, file=name, max_uncompressed_bytes=max_uncompressed_bytes)
    else:
        document = plain[suffix](data, file=name)
    if not any(line.strip() for line in document.text_lines):
        message = NO_TEXT_ERROR.format(file=name)
        raise PlanInputError([Problem(SourceLocation(file=name), message)])
    return document
