"""The reviewed import, for the website, the API and the command line alike: upload a
document (kept, never written to the plans) → read its report (import_report.py) →
choose how its columns are read → confirm it in one transaction, or cancel it."""

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from councilplan.accounts.permissions import (
    NOT_ALLOWED_ERROR,
    Action,
    permission_check,
    user_may_import_into,
)
from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.editing.reimport import (
    plan_matching_document,
)
from councilplan.history.context import acting_as
from councilplan.imports.mapping import mapping_from_data
from councilplan.imports.mapping_suggest import reading_columns, table_header_texts
from councilplan.interchange.import_reading import (
    pending_read,
    upload_document_read,
)
from councilplan.interchange.load import plan_holding_id, plan_import_document
from councilplan.interchange.models import PendingImport, SavedMapping
from councilplan.interchange.uploads import upload_suffix
from councilplan.interchange.validation import current_period_check, document_validate
from councilplan.plans.models import Organisation, Plan

DEFAULT_UPLOAD_MAX_BYTES = 20 * 2**20
PENDING_IMPORT_LIFETIME = timedelta(days=1)
EXISTING_PLAN_CHOICE_ERROR = (
    "Choose whether to update the existing plan with these changes or to import this as a "
    "separate new plan"
)
WAITING_STAGE = "Waiting to start"
IMPORT_NOT_READY_ERROR = (
    "{file} has not been read yet, or could not be read: check its import report first"
)


class ImportNotReadyError(Exception):
    """A confirm of an upload the worker has not read (or could not)."""


# Below this share of its cells read into the plan, an import needs the officer's tick.
COVERAGE_MINIMUM = 90
COVERAGE_NOT_ACCEPTED_ERROR = (
    "Only {percent}% of {file} was read into the plan. Tick the box to say you have checked "
    "the text that was not read, or change how its columns are read"
)
READ_AGAIN_UNAVAILABLE_ERROR = (
    "This upload's columns cannot be chosen: it has no tables, or it was uploaded before "
    "the column step existed. Upload the file again"
)
# The plan settings kept for next time: the period changes every quarter, so it is not kept.
SAVED_PLAN_SETTINGS = ("title", "organisation", "levels")


def upload_max_bytes() -> int:
    return int(getattr(settings, "COUNCILPLAN_UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_MAX_BYTES))


def pending_import_create(
    *,
    user: Any,
    file_name: str,
    data: bytes,
    organisation: str = "",
    period: str = "",
    plan_id: str = "",
    title: str = "",
    background: bool | None = None,
) -> PendingImport:
    """Check the upload's type by content, convert it to the open plan format and validate it,
    then keep it (the file too) for the user to confirm. For a council document,
    `organisation`, `period`, `plan_id` and `title` say what the document does not (an
    open-format file names its own). When the council saved column choices for documents
    of this shape (`pending_import_reread`), they are used and `saved_mapping` names them.

    A PDF or a file over COUNCILPLAN_BACKGROUND_IMPORT_BYTES is read by the task worker
    (`background` None decides so; True or False insists): the upload is kept at once in the
    state READING, its progress and outcome on it. Otherwise it is read here. Raises
    UploadRejectedError or PlanInputError; writes nothing to the plans."""
    suffix = upload_suffix(data=data, max_bytes=upload_max_bytes())
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(file_name).stem).strip("-.") or "upload"
    PendingImport.objects.filter(uploaded_on__lt=timezone.now() - PENDING_IMPORT_LIFETIME).delete()
    pending = PendingImport(
        uploaded_by=user,
        file_name=f"{stem}{suffix}",
        file_type=suffix.lstrip("."),
        size=len(data),
        document={},
        data=data,
        options={"organisation": organisation, "period": period, "plan_id": plan_id,
                 "title": title},
    )  # fmt: skip
    if background is None:
        background = suffix == ".pdf" or len(data) > background_import_bytes()
    if not background:
        pending_read(pending)
        pending.full_clean()
        pending.save()
        return pending
    pending.state = PendingImport.State.READING
    pending.stage = WAITING_STAGE
    pending.full_clean()
    pending.save()
    from councilplan.interchange.import_tasks import pending_import_read

    # Queued once the upload is committed, so the worker always finds it.
    transaction.on_commit(lambda: pending_import_read.enqueue(pending_id=str(pending.pk)))
    return pending


def background_import_bytes() -> int:
    return settings.COUNCILPLAN_BACKGROUND_IMPORT_BYTES


def pending_import_reread(
    *,
    pending: PendingImport,
    user: Any,
    roles: dict[str, str],
    plan_settings: dict[str, Any],
) -> PendingImport:
    """Read the uploaded file again with the officer's choices: `roles` (printed header →
    role, for the columns to read differently) and `plan_settings` (title, organisation,
    current_period, levels). The choices are saved as the council's mapping for documents
    of this shape, used for the next upload like it. Raises PermissionDenied unless the
    user uploaded it and may import for the chosen council, and PlanInputError (nothing
    changed) when the choices do not make a plan."""
    organisation = str(plan_settings.get("organisation", ""))
    if pending.uploaded_by_id != user.pk or not user_may_import_into(
        user=user, organisation_name=organisation
    ):
        raise PermissionDenied(NOT_ALLOWED_ERROR)
    if not pending.data or not pending.document.get("tables"):
        location = SourceLocation(file=pending.file_name)
        raise PlanInputError([Problem(location, READ_AGAIN_UNAVAILABLE_ERROR)])
    columns = {**mapping_columns(pending.document), **roles}
    settings_given = {key: value for key, value in plan_settings.items() if value}
    mapping = mapping_from_data({"plan": settings_given, "columns": columns}, file="your choices")
    options = {"plan_id": pending.options.get("plan_id", "")}
    document = upload_document_read(
        file_name=pending.file_name, data=bytes(pending.data), options=options, mapping=mapping
    )
    document_validate(document, file=pending.file_name)
    current_period_check(document, file=pending.file_name)
    with transaction.atomic(), acting_as(user, reason=f"chose the columns of {pending.file_name}"):
        council = Organisation.objects.filter(name=organisation, archived_on=None).first()
        if council is not None and pending.header_signature:
            SavedMapping.objects.update_or_create(
                organisation=council,
                header_signature=pending.header_signature,
                defaults={
                    "headers": table_header_texts(document),
                    "columns": columns,
                    "plan_settings": {
                        key: settings_given[key]
                        for key in SAVED_PLAN_SETTINGS
                        if key in settings_given
                    },
                },
            )
        pending.document = document
        pending.saved_mapping = None
        pending.save(update_fields=["document", "saved_mapping"])
    return pending


def mapping_columns(document: dict[str, Any]) -> dict[str, str]:
    """Printed header → role as the document was read (the column step's starting point)."""
    return {name: role for name, (role, _) in reading_columns(document).items()}


def pending_import_confirm(
    *,
    pending: PendingImport,
    user: Any,
    replace: bool,
    accept_partial: bool = False,
    separate: bool = False,
) -> Plan:
    """Import the pending document in one transaction, as `user`, and forget the upload.

    When the council already has the plan (`existing_plan_review`), `replace` updates it with
    the document's changes (editing.reimport; the user must be allowed to edit it) and
    `separate` imports the document beside it as a new plan; one of them must be chosen.
    Raises PermissionDenied unless the user may import for the document's organisation,
    and PlanInputError (nothing changed) if the plan exists and neither is chosen, or if
    less than COVERAGE_MINIMUM % of the document was read and `accept_partial` is false."""
    if pending.state != PendingImport.State.READY:
        raise ImportNotReadyError(IMPORT_NOT_READY_ERROR.format(file=pending.file_name))
    organisation = pending.document.get("organisation", {}).get("name", "")
    if pending.uploaded_by_id != user.pk or not user_may_import_into(
        user=user, organisation_name=organisation
    ):
        raise PermissionDenied(NOT_ALLOWED_ERROR)
    existing = plan_holding_id(pending.document.get("plan", {}).get("id", ""))
    if (
        replace
        and existing is not None
        and not user_may_import_into(user=user, organisation_name=existing.organisation.name)
    ):
        raise PermissionDenied(NOT_ALLOWED_ERROR)  # never touch a plan the user may not import
    same = plan_matching_document(document=pending.document)
    if same is not None and replace:
        permission_check(user, Action.EDIT_PLAN, plan=same)
    if coverage_is_low(pending.document) and not accept_partial:
        percent = percent_text(pending.document["coverage"]["percent"])
        message = COVERAGE_NOT_ACCEPTED_ERROR.format(percent=percent, file=pending.file_name)
        raise PlanInputError([Problem(SourceLocation(file=pending.file_name), message)])
    if same is not None and not (replace or separate):
        location = SourceLocation(file=pending.file_name)
        raise PlanInputError([Problem(location, EXISTING_PLAN_CHOICE_ERROR)])
    with transaction.atomic(), acting_as(user, reason=f"imported {pending.file_name}"):
        result = plan_import_document(
            document=pending.document,
            file=pending.file_name,
            replace=replace,
            separate=separate and not replace,
            user=user,
        )
        pending.delete()
    return result.plan


def coverage_is_low(document: dict[str, Any]) -> bool:
    """Whether less than COVERAGE_MINIMUM % of the document's cells were read into the plan
    (an open-format file, which states no coverage, is read whole)."""
    coverage = document.get("coverage")
    return bool(coverage) and float(coverage.get("percent", 100)) < COVERAGE_MINIMUM


def percent_text(percent: float) -> str:
    """94.0 → "94", 87.5 → "87.5"; never rounded up to the minimum it falls short of."""
    return f"{percent:g}"


def pending_import_of(*, user: Any, pending_id: Any) -> PendingImport | None:
    """The user's own upload by its id; None for anyone else's, or an id that is no id."""
    try:
        return PendingImport.objects.filter(pk=pending_id, uploaded_by=user).first()
    except (ValidationError, ValueError):
        return None


def pending_import_cancel(*, pending: PendingImport, user: Any) -> None:
    if pending.uploaded_by_id != user.pk:
        raise PermissionDenied(NOT_ALLOWED_ERROR)
    pending.delete()
