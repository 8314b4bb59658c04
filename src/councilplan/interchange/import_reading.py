"""Reading an uploaded document into the open plan format, with the council's saved column
choices for documents of its shape: in the request for a small file, by the task worker
(`import_tasks`) for a PDF or a large one."""

import hashlib
from typing import Any

from councilplan.accounts.permissions import user_may_import_into
from councilplan.imports.mapping import Mapping
from councilplan.imports.mapping_suggest import table_header_texts
from councilplan.imports.progress import CHECKING_STAGE, FIND_ENDS_AT, Progress, progress_quiet
from councilplan.interchange.documents import document_from_bytes
from councilplan.interchange.models import PendingImport, SavedMapping
from councilplan.interchange.validation import current_period_check, document_validate


def pending_read(pending: PendingImport, progress: Progress = progress_quiet) -> None:
    """Read the upload's file into its document (with the council's saved column choices
    for documents of its shape) and check it; PlanInputError when it is no plan. Saves
    nothing: the caller keeps the outcome."""
    data = bytes(pending.data)
    options = pending.options
    document = upload_document_read(
        file_name=pending.file_name, data=data, options=options, progress=progress
    )
    signature = header_signature(document) if document.get("tables") else ""
    named = options.get("organisation") or document.get("organisation", {}).get("name", "")
    saved = saved_mapping_for(user=pending.uploaded_by, signature=signature, organisation=named)
    if saved is not None:
        mapping = Mapping(plan=dict(saved.plan_settings), columns=dict(saved.columns))
        document = upload_document_read(
            file_name=pending.file_name, data=data, options=options, mapping=mapping
        )
    progress(CHECKING_STAGE, FIND_ENDS_AT)
    document_validate(document, file=pending.file_name)
    current_period_check(document, file=pending.file_name)
    pending.document = document
    pending.header_signature = signature
    pending.saved_mapping = saved
    pending.state = PendingImport.State.READY
    pending.stage = ""
    pending.percent = 100


def upload_document_read(
    *,
    file_name: str,
    data: bytes,
    options: dict[str, str],
    mapping: Mapping | None = None,
    progress: Progress = progress_quiet,
) -> dict[str, Any]:
    """The uploaded bytes as an open-format document (never written to a file); a council
    document read with `mapping` when one is given."""
    return document_from_bytes(
        data,
        file_name,
        convert_options=convert_options(**options),
        mapping=mapping,
        progress=progress,
    )


def convert_options(**values: str) -> Any:
    from councilplan.imports.convert import ConvertOptions

    return ConvertOptions(**values)


def header_signature(document: dict[str, Any]) -> str:
    """The shape of a document's tables: a hash of their sorted, normalised header words."""
    text = "\n".join(table_header_texts(document))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def saved_mapping_for(*, user: Any, signature: str, organisation: str) -> SavedMapping | None:
    """The council's saved choices for documents of this shape, if the user may use them."""
    if not signature or not user_may_import_into(user=user, organisation_name=organisation):
        return None
    return SavedMapping.objects.filter(
        organisation__name=organisation, organisation__archived_on=None, header_signature=signature
    ).first()
