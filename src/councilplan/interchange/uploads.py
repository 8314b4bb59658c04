"""What an uploaded file really is, judged by its content and never by its name."""

import csv
import io
import re
import zipfile

from councilplan.imports.readers.encodings import utf16_decode

UPLOAD_EMPTY_ERROR = "The selected file is empty."
UPLOAD_TOO_LARGE_ERROR = "The selected file must be smaller than {limit_mb} MB."
UPLOAD_UNKNOWN_TYPE_ERROR = (
    "The selected file must be a Word document (.docx), an Excel workbook (.xlsx), a PDF, "
    "a CSV or text file, or an open plan format JSON file."
)

ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
TEXT_ENCODINGS = ("utf-8-sig", "cp1252")
# A JSON array, not a council's text that opens with "[Draft]": it is refused as JSON.
_JSON_ARRAY_START = re.compile(r"\[\s*[\[{\"\]\d\-tfn]")


class UploadRejectedError(ValueError):
    pass


def upload_suffix(*, data: bytes, max_bytes: int) -> str:
    """The file type of `data` as a suffix (".docx", ".xlsx", ".pdf", ".json", ".csv" or
    ".txt"), from its magic bytes or, for text, from whether it decodes and parses."""
    if not data:
        raise UploadRejectedError(UPLOAD_EMPTY_ERROR)
    if len(data) > max_bytes:
        raise UploadRejectedError(UPLOAD_TOO_LARGE_ERROR.format(limit_mb=max_bytes // 2**20))
    if data.startswith(ZIP_MAGIC):
        return _office_suffix(data)
    if data.startswith(PDF_MAGIC):
        return ".pdf"
    text = _decoded(data)
    if text is None:
        raise UploadRejectedError(UPLOAD_UNKNOWN_TYPE_ERROR)
    stripped = text.lstrip()
    if stripped.startswith("{") or _JSON_ARRAY_START.match(stripped):
        return ".json"
    if _looks_like_csv(text):
        return ".csv"
    return ".txt"


def _office_suffix(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise UploadRejectedError(UPLOAD_UNKNOWN_TYPE_ERROR) from None
    if "word/document.xml" in names:
        return ".docx"
    if "xl/workbook.xml" in names:
        return ".xlsx"
    raise UploadRejectedError(UPLOAD_UNKNOWN_TYPE_ERROR)


def _decoded(data: bytes) -> str | None:
    if (utf16_text := utf16_decode(data)) is not None:
        return utf16_text.removeprefix("\ufeff")
    if b"\x00" in data[:8192]:
        return None  # binary: text never holds NUL bytes
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _looks_like_csv(text: str) -> bool:
    """Comma-separated with the same number of fields on the first lines."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if len(lines) < 2 or "," not in lines[0]:
        return False
    rows = list(csv.reader(lines))
    widths = {len(row) for row in rows}
    return len(widths) == 1 and len(rows[0]) > 1
