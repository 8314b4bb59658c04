"""Checks made before a library opens a file: nothing to read, zip bombs, XML entities.

Word and Excel files are zip packages of XML parts. openpyxl and python-docx unpack and
parse whatever the package holds, so a small upload can expand to gigabytes (a zip bomb)
or declare XML entities that expand or reach outside the file (billion laughs, XXE).
Python's zipfile never unpacks more than a part's declared size (it stops, then fails the
checksum), so checking the declared sizes before opening is enough to bound the memory.
No Django here: the web and the command line pass the configured limit in.
"""

import re
import zipfile
import zlib
from io import BytesIO

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation

MAX_UNCOMPRESSED_BYTES = 100 * 2**20
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 2**20  # small parts of repeated markup may compress very well

EMPTY_FILE_ERROR = "{file} is empty: there is nothing in it to import"
NO_TEXT_ERROR = (
    "{file} holds no text that councilplan can read (a scanned PDF holds only pictures of "
    "text: import the document it was printed from instead)"
)
UNPACKED_TOO_LARGE_ERROR = (
    "the file unpacks to {size_mb} MB, more than the limit of {limit_mb} MB, so it was not "
    "opened (save the plan without pictures or embedded files, or split it)"
)
ZIP_BOMB_ERROR = (
    "the part '{part}' unpacks to {ratio} times its packed size (the limit is {limit} times): "
    "files like this are made to exhaust the server's memory, so it was not opened"
)
XML_DECLARATION_ERROR = (
    "the part '{part}' declares a document type or XML entities (<!DOCTYPE or <!ENTITY), "
    "which Word and Excel never write: files like this are made to attack the server, so it "
    "was not opened"
)
DAMAGED_PART_ERROR = "the part '{part}' cannot be unpacked ({detail})"

_WHITESPACE = b" \t\r\n\x0b\x0c\x00\xef\xbb\xbf\xff\xfe"  # and the byte-order marks
_DECLARATIONS = [
    needle.encode(encoding)
    for needle in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
]
_OVERLAP = max(len(needle) for needle in _DECLARATIONS)
_XML_PART = re.compile(r"\.(xml|rels)$", re.IGNORECASE)
_CHUNK = 2**20


def _refusal(file: str, message: str) -> PlanInputError:
    return PlanInputError([Problem(SourceLocation(file=file), message)])


def empty_check(data: bytes, *, file: str) -> None:
    """Refuse a file of no bytes, or of nothing but spaces, blank lines and byte-order marks."""
    if not data.strip(_WHITESPACE):
        raise _refusal(file, EMPTY_FILE_ERROR.format(file=file))


def package_check(
    data: bytes,
    *,
    file: str,
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: int = MAX_COMPRESSION_RATIO,
) -> None:
    """Refuse a zip package (.docx, .xlsx) that would unpack beyond the limits or whose XML
    declares entities. A file that is not a zip at all passes: its reader says so."""
    archive = _archive(data)
    if archive is None:
        return
    with archive:
        _sizes_check(archive, file, max_uncompressed_bytes, max_ratio)
        for member in archive.infolist():
            if _XML_PART.search(member.filename) and _declares_entities(archive, member, file):
                raise _refusal(file, XML_DECLARATION_ERROR.format(part=member.filename))


def _archive(data: bytes) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None


def _sizes_check(
    archive: zipfile.ZipFile, file: str, max_uncompressed_bytes: int, max_ratio: int
) -> None:
    members = archive.infolist()
    total = sum(member.file_size for member in members)
    if total > max_uncompressed_bytes:
        message = UNPACKED_TOO_LARGE_ERROR.format(
            size_mb=_megabytes(total), limit_mb=_megabytes(max_uncompressed_bytes)
        )
        raise _refusal(file, message)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECKED_FROM_BYTES and ratio > max_ratio:
            message = ZIP_BOMB_ERROR.format(part=member.filename, ratio=int(ratio), limit=max_ratio)
            raise _refusal(file, message)


def _declares_entities(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str) -> bool:
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                window = tail + chunk
                if any(needle in window for needle in _DECLARATIONS):
                    return True
                tail = window[-_OVERLAP:]
    except (
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,
        RuntimeError,
        OSError,
        EOFError,
    ) as error:
        detail = str(error) or type(error).__name__
        raise _refusal(
            file, DAMAGED_PART_ERROR.format(part=member.filename, detail=detail)
        ) from error
    return False


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.0f}" if size >= 2**20 else f"{size / 2**20:.2f}"
