"""The reviewed import: upload a document, read its import report and preview, choose how
its columns are read, then confirm it or cancel it. The workflow is
`councilplan.interchange.reviewed_import`' (the API's too); these pages translate it."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from councilplan.accounts.permissions import NOT_ALLOWED_ERROR, user_may_import
from councilplan.domain.problems import PlanInputError
from councilplan.interchange.import_report import (
    existing_plan_review,
    import_column_headers,
    import_column_tables,
    import_report,
)
from councilplan.interchange.models import PendingImport
from councilplan.interchange.reviewed_import import (
    EXISTING_PLAN_CHOICE_ERROR,
    coverage_is_low,
    pending_import_cancel,
    pending_import_confirm,
    pending_import_create,
    pending_import_of,
    pending_import_reread,
    upload_max_bytes,
)
from councilplan.interchange.uploads import UploadRejectedError
from councilplan.web import selectors
from councilplan.web.forms import ColumnsForm, UploadForm

# --- import -----------------------------------------------------------------------------------


def _import_allowed(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    if not user_may_import(user=request.user):
        raise PermissionDenied(NOT_ALLOWED_ERROR)
    return None


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    if (refused := _import_allowed(request)) is not None:
        return refused
    max_bytes = upload_max_bytes()
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    organisations = selectors.organisations_for_import(user=request.user)
    form = UploadForm(*data, max_bytes=max_bytes, organisations=organisations)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            pending = pending_import_create(
                user=request.user,
                file_name=upload.name,
                data=upload.read(),
                organisation=form.cleaned_data["organisation"],
                period=form.cleaned_data["period"],
                plan_id=form.cleaned_data["plan_id"],
                title=form.cleaned_data["title"],
            )
        except UploadRejectedError as error:
            form.add_error("document", str(error))
        except PlanInputError as error:
            problems = [str(problem) for problem in error.problems]
            form.add_error("document", "The selected file could not be read as a plan.")
        else:
            return redirect("web:import-review", pending_id=pending.pk)
    return render(
        request,
        "web/import_upload.html",
        {"form": form, "problems": problems, "max_mb": max_bytes // 2**20},
        status=400 if form.errors else 200,
    )


def _pending(request: HttpRequest, pending_id: str) -> PendingImport:
    """The person's own upload; anyone else's is not there."""
    pending = pending_import_of(user=request.user, pending_id=pending_id)
    if pending is None:
        raise Http404("No such upload.")
    return pending


def _review_context(pending: PendingImport, **extra: Any) -> dict[str, Any]:
    return {
        "pending": pending,
        "report": import_report(document=pending.document),
        "column_tables": import_column_tables(document=pending.document),
        "columns_choosable": bool(pending.data) and bool(pending.document.get("tables")),
        "existing": existing_plan_review(pending=pending, user=pending.uploaded_by),
        **extra,
    }


@require_GET
def import_review(request: HttpRequest, pending_id: str) -> HttpResponse:
    if (refused := _import_allowed(request)) is not None:
        return refused
    pending = _pending(request, pending_id)
    if pending.state != PendingImport.State.READY:
        # Still being read by the worker (the page refreshes itself), or it could not be read.
        reading = pending.state == PendingImport.State.READING
        context = {"pending": pending, "refresh": reading and request.GET.get("refresh") != "off"}
        return render(request, "web/import_reading.html", context)
    return render(request, "web/import_review.html", _review_context(pending))


@require_POST
def import_confirm(request: HttpRequest, pending_id: str) -> HttpResponse:
    if (refused := _import_allowed(request)) is not None:
        return refused
    pending = _pending(request, pending_id)
    if pending.state != PendingImport.State.READY:
        return redirect("web:import-review", pending_id=pending.pk)
    choice = request.POST.get("existing", "")
    replace = request.POST.get("replace") == "yes" or choice == "update"
    accept_partial = request.POST.get("accept_partial") == "yes"
    try:
        plan = pending_import_confirm(
            pending=pending,
            user=request.user,
            replace=replace,
            accept_partial=accept_partial,
            separate=choice == "separate",
        )
    except PlanInputError as error:
        # The coverage tick and the choice about an existing plan are the service's rules;
        # their messages are shown at the checkbox and the radios.
        problems = [problem.message for problem in error.problems]
        if coverage_is_low(pending.document) and not accept_partial:
            context = _review_context(pending, coverage_error=problems[0])
        elif problems == [EXISTING_PLAN_CHOICE_ERROR]:
            context = _review_context(pending, existing_error=problems[0])
        else:
            context = _review_context(pending, problems=[str(p) for p in error.problems])
        return render(request, "web/import_review.html", context, status=400)
    verb = "updated with the document's changes" if replace else "imported"
    messages.success(request, f"{plan.title} was {verb}.")
    return redirect("web:plan-dashboard", slug=plan.slug)


@require_http_methods(["GET", "POST"])
def import_columns(request: HttpRequest, pending_id: str) -> HttpResponse:
    """The import's column step: choose how each column is read, and the plan's title,
    council, period and level names; the file is read again and the review shows it."""
    if (refused := _import_allowed(request)) is not None:
        return refused
    pending = _pending(request, pending_id)
    if pending.state != PendingImport.State.READY:
        return redirect("web:import-review", pending_id=pending.pk)
    document = pending.document
    organisations = selectors.organisations_for_import(user=request.user)
    named = document.get("organisation", {}).get("name", "")
    known = {name for name, _ in organisations}
    form = ColumnsForm(
        request.POST if request.method == "POST" else None,
        headers=import_column_headers(document=document),
        levels=list(document.get("plan", {}).get("levels") or []),
        organisations=organisations,
        initial={
            "title": document.get("plan", {}).get("title", ""),
            "organisation": named if named in known else "",
            "period": document.get("plan", {}).get("current_period", ""),
        },
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        settings_chosen = form.plan_settings()
        try:
            pending_import_reread(
                pending=pending,
                user=request.user,
                roles=form.roles(),
                plan_settings=settings_chosen,
            )
        except PlanInputError as error:
            problems = [str(problem) for problem in error.problems]
        else:
            messages.success(
                request,
                "The document was read again with your choices. They are saved for "
                f"{settings_chosen['organisation']}'s documents with the same columns.",
            )
            return redirect(reverse("web:import-review", args=[pending.pk]) + "#preview")
    return render(
        request,
        "web/import_columns.html",
        {
            "pending": pending,
            "form": form,
            "problems": problems,
            "column_tables": import_column_tables(document=document),
            "column_fields": form.column_fields(),
            "columns_choosable": bool(pending.data) and bool(document.get("tables")),
        },
        status=400 if form.errors or problems else 200,
    )


@require_POST
def import_cancel(request: HttpRequest, pending_id: str) -> HttpResponse:
    if (refused := _import_allowed(request)) is not None:
        return refused
    pending = _pending(request, pending_id)
    pending_import_cancel(pending=pending, user=request.user)
    messages.info(request, f"The import of {pending.file_name} was cancelled. Nothing was saved.")
    return redirect("web:import-upload")


# --- published pages (no sign-in) ---------------------------------------------------------------
