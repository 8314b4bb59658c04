"""Any file councilplan reads, as an open-format document. No Django models here, and
what only some files need is imported when one comes: the command line's `convert` reads a
document without setting Django up, in a fraction of a second (it asks Django's settings
for the unpacked-size limit of Word and Excel files only)."""

from dataclasses import replace
from pathlib import Path, PurePath
from typing import Any

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.imports.mapping import mapping_file_beside
from councilplan.imports.progress import Progress, progress_quiet
from councilplan.imports.readers.guards import MAX_UNCOMPRESSED_BYTES, empty_check
from councilplan.imports.readers.text_reader import text_decode

# Documents that are zip packages, which the readers check against the unpacked-size limit.
PACKAGED_SUFFIXES = (".docx", ".xlsx", ".xlsm")

UNREADABLE_FILE_ERROR = "cannot read the file: {reason}"


def max_uncompressed_bytes() -> int:
    """How far a Word or Excel file may unpack before it is refused (zip bombs)."""
    from django.conf import settings

    return int(getattr(settings, "COUNCILPLAN_MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES))


def document_from_path(
    path: Path,
    *,
    convert_options: Any = None,
    mapping: Any = None,
    progress: Progress = progress_quiet,
) -> dict[str, Any]:
    """Any file councilplan reads, as an open-format document (not yet validated): its
    bytes read once (see `document_from_bytes`), a council document with the mapping file
    beside it unless `convert_options` name another."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise PlanInputError(
            [Problem(SourceLocation(file=str(path)), UNREADABLE_FILE_ERROR.format(reason=reason))]
        ) from error
    if mapping_file_beside(path) is not None:
        from councilplan.imports.convert import options_for_file

        convert_options = options_for_file(path, convert_options)
    return document_from_bytes(
        data, path.name, convert_options=convert_options, mapping=mapping, progress=progress
    )


def document_from_bytes(
    data: bytes,
    name: str,
    *,
    convert_options: Any = None,
    mapping: Any = None,
    progress: Progress = progress_quiet,
) -> dict[str, Any]:
    """A file's bytes (an upload's, say: no file on disk needed), as an open-format document
    (not yet validated); `name`, the file's name, tells its kind.

    `convert_options` (an imports.convert.ConvertOptions) says what a council document
    does not: the plan's id, title, period, organisation, mapping file; `mapping` (an
    imports.mapping.Mapping) is read instead of a mapping file; `progress` hears each stage
    of a long read.
    """
    empty_check(data, file=name)
    suffix = PurePath(name).suffix.lower()
    if suffix == ".json":
        from councilplan.interchange.validation import document_parse

        return document_parse(data, file=name)
    if suffix == ".csv":
        text, _ = text_decode(data, file=name)
        if text.startswith("plan_id,"):
            from councilplan.interchange.flat_csv import flat_csv_read

            return flat_csv_read(text, file=name)
    from councilplan.imports.convert import ConvertOptions, bytes_convert

    options = convert_options or ConvertOptions()
    if suffix in PACKAGED_SUFFIXES:
        options = replace(options, max_uncompressed_bytes=max_uncompressed_bytes())
    return bytes_convert(data=data, name=name, options=options, mapping=mapping, progress=progress)
