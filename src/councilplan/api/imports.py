"""An import through the API, as on the website: upload a document (nothing is written to the
plans), read the import report — what was understood, what was not, what would change — and
confirm it or cancel it."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from councilplan.accounts.permissions import NOT_ALLOWED_ERROR, user_may_import
from councilplan.api.auth import SIGNED_IN, may_write
from councilplan.api.schemas import ImportConfirmIn, ImportDoneOut, ImportOptionsIn, ImportOut
from councilplan.interchange.import_report import existing_plan_review, import_report
from councilplan.interchange.models import PendingImport
from councilplan.interchange.reviewed_import import (
    pending_import_cancel,
    pending_import_confirm,
    pending_import_create,
    pending_import_of,
)

router = Router(auth=SIGNED_IN, tags=["Imports"])


def _may_import(request: HttpRequest, *, writing: bool = True) -> None:
    if writing:
        may_write(request)
    if not user_may_import(user=request.user):
        raise PermissionDenied(NOT_ALLOWED_ERROR)


def _pending(request: HttpRequest, pending_id: str, *, writing: bool = True) -> PendingImport:
    """The person's own upload; anyone else's is not there."""
    _may_import(request, writing=writing)
    pending = pending_import_of(user=request.user, pending_id=pending_id)
    if pending is None:  # a malformed id is as absent as another person's
        raise Http404
    return pending


def _import_out(request: HttpRequest, pending: PendingImport) -> dict[str, Any]:
    progress = {
        "id": str(pending.pk),
        "state": pending.state,
        "stage": pending.stage,
        "percent": pending.percent,
        "problems": pending.problems,
        "file_name": pending.file_name,
        "file_type": pending.file_type,
    }
    if pending.state != PendingImport.State.READY:
        return progress  # the report once the worker has read it
    report = import_report(document=pending.document)
    review = existing_plan_review(pending=pending, user=request.user)
    return {
        **progress,
        "organisation": report["organisation"],
        "plan_id": report["plan"].get("id", ""),
        "title": report["plan"].get("title", ""),
        "levels": [{"level": level, "count": count} for level, count in report["counts_by_level"]],
        "item_count": report["item_count"],
        "measure_count": report["measure_count"],
        "risk_count": report["risk_count"],
        "coverage_percent": float(report["coverage_percent"] or 100),
        "coverage_low": report["coverage_low"],
        "unplaced": report["unplaced"],
        "anomalies": report["anomalies"],
        "existing_plan": review["plan"].slug if review else None,
        "may_update_existing": bool(review and review["may_update"]),
        "changes": [{"what": what, "count": count} for what, count in review["counts"]]
        if review
        else [],
    }


@router.post(
    "/imports",
    response={201: ImportOut, 202: ImportOut},
    summary="Upload a plan document",
    description="A Word, Excel, PDF, CSV, text or open-format file, as on the website's import "
    "page. Nothing is written to the plans: the answer is the import report (what was read, "
    "what was not understood, what would change in a plan the council already has). Confirm "
    "it with POST /imports/{id}/confirm, or cancel it. A PDF or a large file is read in the "
    "background: the answer is then 202 with its `state` (reading), `stage` and `percent`; "
    "read GET /imports/{id} until the state is ready (or failed, with its `problems`). Needs a "
    "'Read and write' token and the right to import.",
)
def import_upload(
    request: HttpRequest,
    response: HttpResponse,
    file: File[UploadedFile],
    options: Form[ImportOptionsIn],
) -> Any:
    _may_import(request)
    pending = pending_import_create(
        user=request.user, file_name=file.name or "upload", data=file.read(), **options.dict()
    )
    response["Location"] = f"/api/v1/imports/{pending.pk}"
    status = 202 if pending.state == PendingImport.State.READING else 201
    return Status(status, _import_out(request, pending))


@router.get("/imports/{pending_id}", response=ImportOut, summary="An upload's import report")
def import_read(request: HttpRequest, pending_id: str) -> Any:
    return _import_out(request, _pending(request, pending_id, writing=False))


@router.post(
    "/imports/{pending_id}/confirm",
    response=ImportDoneOut,
    summary="Import the uploaded document",
    description="In one transaction: all of it or nothing. When the council already has the "
    "plan, choose `replace` (update it with the document's changes) or `separate` (import "
    "beside it); when less than the minimum share of the document was read, "
    "`accept_partial` must say so.",
)
def import_confirm(request: HttpRequest, pending_id: str, body: ImportConfirmIn) -> Any:
    pending = _pending(request, pending_id)
    plan = pending_import_confirm(
        pending=pending,
        user=request.user,
        replace=body.replace,
        separate=body.separate,
        accept_partial=body.accept_partial,
    )
    return {"plan": plan.slug, "title": plan.title, "items": plan.items.count()}


@router.delete("/imports/{pending_id}", response={204: None}, summary="Cancel an upload")
def import_cancel(request: HttpRequest, pending_id: str) -> Any:
    pending_import_cancel(pending=_pending(request, pending_id), user=request.user)
    return Status(204, None)
