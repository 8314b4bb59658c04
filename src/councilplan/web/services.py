"""Writes behind the website's import pages: upload → report and preview → confirm or cancel."""

import re
import tempfile
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from councilplan.accounts.permissions import NOT_ALLOWED_ERROR, user_may_import_into
from councilplan.history.context import acting_as
from councilplan.interchange.load import plan_holding_id, plan_import_document
from councilplan.interchange.services import document_from_path
from councilplan.interchange.validation import current_period_check, document_validate
from councilplan.plans.models import Plan
from councilplan.web.models import PendingImport
from councilplan.web.uploads import upload_suffix

DEFAULT_UPLOAD_MAX_BYTES = 20 * 2**20
PENDING_IMPORT_LIFETIME = timedelta(days=1)
PLAN_EXISTS_NO_REPLACE_ERROR = (
    "A plan with the identifier '{id}' already exists. Choose to replace it, or cancel."
)


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
) -> PendingImport:
    """Check the upload's type by content, convert it to the open plan format and validate it,
    then keep it for the user to confirm. For a council document, `organisation`, `period`,
    `plan_id` and `title` say what the document does not (an open-format file names its own).
    Raises UploadRejectedError or PlanInputError; writes nothing to the plans."""
    suffix = upload_suffix(data=data, max_bytes=upload_max_bytes())
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(file_name).stem).strip("-.") or "upload"
    display_name = f"{stem}{suffix}"
    with tempfile.TemporaryDirectory(prefix="councilplan-upload-") as folder:
        path = Path(folder) / display_name
        path.write_bytes(data)
        document = document_from_path(
            path,
            convert_options=_convert_options(
                organisation=organisation, period=period, plan_id=plan_id, title=title
            ),
        )
    document_validate(document, file=display_name)
    current_period_check(document, file=display_name)
    PendingImport.objects.filter(uploaded_on__lt=timezone.now() - PENDING_IMPORT_LIFETIME).delete()
    pending = PendingImport(
        uploaded_by=user,
        file_name=display_name,
        file_type=suffix.lstrip("."),
        size=len(data),
        document=document,
    )
    pending.full_clean()
    pending.save()
    return pending


def _convert_options(**values: str) -> Any:
    try:
        from councilplan.imports.convert import ConvertOptions
    except ImportError:
        return None
    return ConvertOptions(**values)


def pending_import_confirm(*, pending: PendingImport, user: Any, replace: bool) -> Plan:
    """Import the pending document in one transaction, as `user`, and forget the upload.

    Raises PermissionDenied unless the user may import for the document's organisation,
    and PlanInputError (nothing changed) if the plan exists and `replace` is false."""
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
    with transaction.atomic(), acting_as(user, reason=f"imported {pending.file_name}"):
        result = plan_import_document(
            document=pending.document, file=pending.file_name, replace=replace
        )
        pending.delete()
    return result.plan


def pending_import_cancel(*, pending: PendingImport, user: Any) -> None:
    if pending.uploaded_by_id != user.pk:
        raise PermissionDenied(NOT_ALLOWED_ERROR)
    pending.delete()


def import_report(*, document: dict[str, Any], preview_limit: int = 60) -> dict[str, Any]:
    """What the officer checks before confirming: counts by level, anomalies with their
    location and original text, and the first items as they will be mapped."""
    items = document.get("items", [])
    levels = document.get("plan", {}).get("levels", [])
    depth = _depths(items)

    def level_of(item: dict[str, Any]) -> str:
        """The item's level as written, else the plan's name for its depth."""
        if item.get("level"):
            return item["level"]
        index = depth.get(item["id"], 0)
        return levels[index] if index < len(levels) else f"Level {index + 1}"

    by_level = Counter(level_of(item) for item in items)
    preview = [
        {
            "id": item["id"],
            "ref": item.get("ref", ""),
            "title": item.get("title", ""),
            "level": level_of(item),
            "depth": min(depth.get(item["id"], 0), 4),
            "roles": {
                role.replace("_", " ").capitalize(): ", ".join(names)
                for role, names in (item.get("roles") or {}).items()
                if names
            },
            "status": item.get("status") or "",
            "progress": item.get("progress"),
            "timescale": (item.get("timescale") or {}).get("text", ""),
        }
        for item in items[:preview_limit]
    ]
    organisation = document.get("organisation", {}).get("name", "")
    holder = plan_holding_id(document.get("plan", {}).get("id", ""))
    existing = holder if holder and holder.organisation.name == organisation else None
    return {
        "organisation": organisation,
        "plan": document.get("plan", {}),
        "counts_by_level": [(level, by_level.get(level, 0)) for level in levels]
        + [(level, count) for level, count in by_level.items() if level not in levels],
        "item_count": len(items),
        "measure_count": sum(len(item.get("measures") or []) for item in items),
        "risk_count": len(document.get("risks", [])),
        "anomalies": document.get("anomalies", []),
        "preview": preview,
        "preview_truncated": len(items) > preview_limit,
        "existing_plan": existing,
        "id_held_elsewhere": holder is not None and existing is None,
    }


def _depths(items: list[dict[str, Any]]) -> dict[str, int]:
    parents = {item["id"]: item.get("parent") for item in items}
    depths: dict[str, int] = {}
    for key in parents:
        depth, parent, seen = 0, parents.get(key), set()
        while parent and parent not in seen:
            seen.add(parent)
            depth += 1
            parent = parents.get(parent)
        depths[key] = depth
    return depths
