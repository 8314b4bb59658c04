"""Readers: one per kind of file, each returning a SourceDocument (see imports.source)."""

from pathlib import Path

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.imports.source import SourceDocument

UNKNOWN_KIND_ERROR = (
    "councilplan cannot read '{suffix}' documents: use .docx, .xlsx, .csv, .pdf, .txt or .tsv"
)
UNREADABLE_ERROR = "cannot read the file: {reason}"


def document_read(path: Path) -> SourceDocument:
    """Read any supported document; PlanInputError (with the file named) when it cannot."""
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
    return reader(data, file=path.name)
