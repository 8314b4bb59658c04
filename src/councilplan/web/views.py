"""The website's pages. Views only translate: they check permission, call selectors and
services, and render. Every view calls `permission_check` or is marked public."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from councilplan.accounts.permissions import (
    NOT_ALLOWED_ERROR,
    Action,
    permission_check,
    permission_has,
    user_may_import,
)
from councilplan.cycle.models import PublishedSnapshot
from councilplan.domain.problems import PlanInputError
from councilplan.editing.selectors import plans_archived_for, risks_for_register
from councilplan.plans.models import Measure, Plan, ReportingPeriod
from councilplan.plans.selectors import (
    PeriodNotFoundError,
    period_before,
    period_chosen,
    period_get,
    period_list,
)
from councilplan.reports.background import ReportRequestError, report_request
from councilplan.reports.formats import REPORT_FORMATS
from councilplan.reports.models import PreparedReport
from councilplan.reports.selectors import plan_position, report_filter_choices
from councilplan.reports.services import report_filename, report_render_position
from councilplan.web import indicator, open_data, public_charts, selectors
from councilplan.web.forms import COVER, ColumnsForm, ReportChoiceForm, TreeFilterForm, UploadForm
from councilplan.web.indicator_chart import indicator_chart
from councilplan.web.models import PendingImport
from councilplan.web.reports import report_download_response, report_file_response
from councilplan.web.scorecard import STATUS_ORDER, STATUS_WORDS
from councilplan.web.services import (
    EXISTING_PLAN_CHOICE_ERROR,
    coverage_is_low,
    existing_plan_review,
    import_column_headers,
    import_column_tables,
    import_report,
    pending_import_cancel,
    pending_import_confirm,
    pending_import_create,
    pending_import_reread,
    upload_max_bytes,
)
from councilplan.web.uploads import UploadRejectedError

TREE_PAGE_SIZE = 100
DASHBOARD_LIST_LIMIT = 50
PUBLIC_PAGE_SIZE = 200


def public(view: Any) -> Any:
    """Marks a view as deliberately open to everyone (the permission matrix test reads it)."""
    view.councilplan_public = True
    return view


def _plan(slug: str) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("organisation", "status_scheme"), slug=slug, archived_on=None
    )


def _period_or_404(plan: Plan, key: str) -> ReportingPeriod:
    """The plan's period by key; a page not found (naming the plan's periods) otherwise."""
    try:
        return period_get(plan=plan, key=key)
    except PeriodNotFoundError as error:
        raise Http404(str(error)) from None


def _check(request: HttpRequest, action: Action, plan: Plan) -> HttpResponse | None:
    """Send anonymous visitors to sign in; refuse signed-in users without permission."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    permission_check(request.user, action, plan=plan)
    return None


@public
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For the load balancer and monitoring: 200 when the site can reach its database, 503
    when it cannot. Says nothing else about the site."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@public
@require_GET
def plan_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/plan_index.html",
        {
            "entries": selectors.plans_for_home(user=request.user),
            "archived_plans": plans_archived_for(user=request.user)
            if request.user.is_authenticated
            else [],
        },
    )


@public
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


def _periods(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    """The period asked for and the one before it, and what the plan's pages link to."""
    periods = period_list(plan=plan)
    period = period_chosen(plan=plan, periods=periods, key=request.GET.get("period"))
    previous = period_before(periods=periods, period=period)
    return {
        "periods": periods,
        "period": period,
        "previous": previous,
        "may_run_cycle": permission_has(request.user, Action.RUN_CYCLE, plan=plan),
        "may_edit_plan": permission_has(request.user, Action.EDIT_PLAN, plan=plan),
    }


# The findings about indicators, the ones a plan of indicators only counts on its dashboard.
INDICATOR_FINDING_KINDS = {
    "no-target",
    "placeholder",
    "target-zero",
    "reported-status-disagrees",
    "target-out-of-scale",
    "not-a-figure",
    "figure-impossible",
    "zero-suspect",
}


@require_GET
def plan_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug)
    if (refused := _check(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = _periods(request, plan)
    context.update(plan=plan)
    period = context["period"]
    if period is not None:
        position = selectors.dashboard_position(plan=plan, period=period)
        indicators_only = selectors.plan_holds_indicators_only(plan=plan)
        findings: dict[str, int] = {}
        for finding in position.findings:
            if indicators_only and finding.kind not in INDICATOR_FINDING_KINDS:
                continue  # about the groups, not the indicators: "Never updated", "No owner"
            findings[finding.title] = findings.get(finding.title, 0) + 1
        context.update(
            indicators_only=indicators_only,
            position=position,
            ids=selectors.item_ids_by_key(plan=plan),
            mix=position.status_mix,
            leaf_count=sum(entry.count for entry in position.status_mix),
            progress=[row for row in position.progress if row.depth == 0],
            exceptions=position.exceptions[:DASHBOARD_LIST_LIMIT],
            exceptions_suggested=sum(
                row.status.is_suggested and not row.overdue for row in position.exceptions
            ),
            exceptions_reported=sum(
                not (row.status.is_suggested and not row.overdue) for row in position.exceptions
            ),
            changes=position.changes[:DASHBOARD_LIST_LIMIT],
            findings=sorted(findings.items(), key=lambda entry: -entry[1]),
            finding_rows=position.findings[:DASHBOARD_LIST_LIMIT],
        )
        context.update(_scorecard_context(request, plan, period, limit=DASHBOARD_LIST_LIMIT))
    return render(request, "web/plan_dashboard.html", context)


def _scorecard_context(
    request: HttpRequest, plan: Plan, period: ReportingPeriod, *, limit: int | None
) -> dict[str, Any]:
    """The scorecard of indicators for one service (`?service=`, a top-level item's key) or
    all, by computed status (`?indicator_status=`); at most `limit` lines."""
    card = selectors.scorecard_cached(plan=plan, period=period)
    services = dict(card.services)
    service = request.GET.get("service", "")
    service = service if service in services else ""
    status = request.GET.get("indicator_status", "")
    status = status if status in STATUS_ORDER else ""
    lines = card.filtered(service=service, status=status)
    return {
        "scorecard": card,
        "scorecard_service": service,
        "scorecard_service_title": services.get(service, ""),
        "scorecard_status": status,
        "scorecard_status_word": STATUS_WORDS.get(status, ""),
        "scorecard_counts": card.counts(service=service),
        "scorecard_total": len(lines),
        "scorecard_lines": lines if limit is None else lines[:limit],
    }


@require_GET
def plan_indicators(request: HttpRequest, slug: str) -> HttpResponse:
    """Every indicator of the plan at a period: the scorecard without the dashboard's limit,
    100 a page."""
    plan = _plan(slug)
    if (refused := _check(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = _periods(request, plan)
    context.update(plan=plan)
    if context["period"] is not None:
        context.update(_scorecard_context(request, plan, context["period"], limit=None))
        page = Paginator(context["scorecard_lines"], TREE_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        query = request.GET.copy()
        query.pop("page", None)
        context.update(scorecard_lines=page.object_list, page=page, query=query.urlencode())
    return render(request, "web/plan_indicators.html", context)


@require_GET
def plan_tree(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug)
    if (refused := _check(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = _periods(request, plan)
    rows = selectors.plan_rows_cached(
        plan=plan, period=context["period"], previous=context["previous"]
    ).rows
    choices = selectors.filter_choices(plan=plan, rows=rows)
    form = TreeFilterForm(request.GET or None, choices=choices)
    filters = form.filters() if form.is_bound and form.is_valid() else selectors.TreeFilters()
    period = context["period"]
    found = (
        selectors.findings_by_key(selectors.dashboard_position(plan=plan, period=period))
        if period is not None
        else {}
    )
    matching = selectors.rows_filtered(rows, filters, found)
    page = Paginator(matching, TREE_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.rows_with_findings(list(page.object_list), found)
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        plan=plan,
        form=form,
        filters=filters,
        page=page,
        total=len(rows),
        matching=len(matching),
        matching_leaves=sum(row.is_leaf for row in matching),
        query=query.urlencode(),
        item_base=reverse("web:item-detail", args=[plan.slug, 0]).removesuffix("0/"),
    )
    return render(request, "web/plan_tree.html", context)


@require_GET
def item_detail(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = _plan(slug)
    if (refused := _check(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    try:
        detail = selectors.item_detail(plan=plan, item_id=item_id)
    except plan.items.model.DoesNotExist:
        raise Http404("No such item in this plan.") from None
    open_periods = [
        period for period in period_list(plan=plan) if period.state == ReportingPeriod.State.OPEN
    ]
    may_update = permission_has(request.user, Action.UPDATE_ITEM, plan=plan, item=detail.item)
    archived = detail.item.archived_on is not None
    return render(
        request,
        "web/item_detail.html",
        {
            "plan": plan,
            "detail": detail,
            "update_periods": open_periods if may_update and not archived else [],
            "may_edit_plan": permission_has(request.user, Action.EDIT_PLAN, plan=plan),
        },
    )


@require_GET
def indicator_detail(request: HttpRequest, slug: str, measure_id: int) -> HttpResponse:
    """One indicator: its trend chart (values, target line, bands shaded), the same figures
    in a table, and where it stands at the chosen period."""
    plan = _plan(slug)
    if (refused := _check(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = _periods(request, plan)
    try:
        detail = indicator.indicator_detail(
            plan=plan, measure_id=measure_id, period=context["period"]
        )
    except Measure.DoesNotExist:
        raise Http404("No such indicator in this plan.") from None
    charted = detail.charted
    findings: list[dict[str, str]] = []
    if context["period"] is not None and detail.measure.archived_on is None:
        card = selectors.scorecard_cached(plan=plan, period=context["period"])
        line = next((x for x in card.lines if x.measure_id == detail.measure.pk), None)
        findings = line.line.findings if line else []
    context.update(
        plan=plan,
        detail=detail,
        charted=charted,
        chart=indicator_chart(charted, name=detail.measure.name, unit=detail.measure.unit)
        if charted
        else None,
        findings=findings,
    )
    return render(request, "web/indicator_detail.html", context)


@require_GET
def risk_register(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug)
    if (refused := _check(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = _periods(request, plan)
    context.update(plan=plan, risks=risks_for_register(plan=plan))
    return render(request, "web/risk_register.html", context)


@require_GET
def report_list(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug)
    if (refused := _check(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = _periods(request, plan)
    context.update(plan=plan, formats=REPORT_FORMATS, **_report_form_context(plan, None))
    return render(request, "web/report_list.html", context)


def _report_form_context(plan: Plan, data: Any) -> dict[str, Any]:
    form = _report_form(plan, data)
    return {
        "form": form,
        "filter_fields": [form[name] for name in ("portfolio", "lead_officer", "service_area")]
        + [form["status"]],
        "date_parts": [
            (part, part.title(), width, form[f"meeting_{part}"].value() or "")
            for part, width in (("day", 2), ("month", 2), ("year", 4))
        ],
    }


def _report_form(plan: Plan, data: Any) -> ReportChoiceForm:
    kinds = [(fmt, details.label) for fmt, details in REPORT_FORMATS.items()]
    kinds.append((COVER, "Covering report to Cabinet (Word), with this report as Appendix 1"))
    return ReportChoiceForm(
        data,
        kinds=kinds,
        names=report_filter_choices(plan=plan),
        initial={"kind": "pdf"},
        auto_id="report-%s",
    )


@require_GET
def report_make(request: HttpRequest, slug: str, period_key: str) -> HttpResponse:
    """The report chosen on the reports page, narrowed by its filters; the page again with
    the problem named when the choice is not complete."""
    plan = _plan(slug)
    if (refused := _check(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    period = _period_or_404(plan, period_key)
    chosen = _report_form_context(plan, request.GET)
    form = chosen["form"]
    if not form.is_valid():
        context = _periods(request, plan)
        context.update(plan=plan, period=period, formats=REPORT_FORMATS, **chosen)
        return render(request, "web/report_list.html", context, status=400)
    kind = form.cleaned_data["kind"]
    cover = kind == COVER
    fmt = "docx" if cover else kind
    position = plan_position(plan=plan, period=period, filters=form.filters())
    content = report_render_position(
        position=position,
        format=fmt,
        cover=cover,
        meeting_date=form.cleaned_data["meeting_date"],
    )
    return report_file_response(
        plan=plan,
        period=period,
        fmt=fmt,
        content=content,
        name=report_filename(position=position, format=fmt, cover=cover),
    )


@require_POST
def report_prepare(request: HttpRequest, slug: str, period_key: str, fmt: str) -> HttpResponse:
    """Ask for a report to be made in the background, then follow it on its own page."""
    plan = _plan(slug)
    if (refused := _check(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    try:
        period = period_get(plan=plan, key=period_key)
        prepared = report_request(user=request.user, plan=plan, period=period, fmt=fmt)
    except (PeriodNotFoundError, ReportRequestError) as error:
        raise Http404(str(error)) from error
    return redirect("web:report-prepared", slug=plan.slug, prepared_id=prepared.pk)


@require_GET
def report_prepared(request: HttpRequest, slug: str, prepared_id: int) -> HttpResponse:
    plan = _plan(slug)
    if (refused := _check(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    prepared = get_object_or_404(
        PreparedReport.objects.select_related("period").defer("content"), pk=prepared_id, plan=plan
    )
    if request.GET.get("download") and prepared.state == PreparedReport.State.READY:
        content = PreparedReport.objects.values_list("content", flat=True).get(pk=prepared.pk)
        return report_file_response(
            plan=plan, period=prepared.period, fmt=prepared.format, content=bytes(content)
        )
    return render(
        request,
        "web/report_prepared.html",
        {"plan": plan, "prepared": prepared, "format": REPORT_FORMATS[prepared.format]},
    )


@require_GET
def report_download(request: HttpRequest, slug: str, period_key: str, fmt: str) -> HttpResponse:
    plan = _plan(slug)
    if (refused := _check(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    period = _period_or_404(plan, period_key)
    if fmt not in REPORT_FORMATS:
        raise Http404("There is no such report.")
    items = plan.items.filter(archived_on=None).count()
    if fmt != "html" and items > background_report_items():
        # Too long for a web request: offered to the worker instead (a GET queues nothing).
        context = {"plan": plan, "period": period, "fmt": fmt, "items": items}
        context["format"] = REPORT_FORMATS[fmt]
        return render(request, "web/report_large.html", context)
    return report_download_response(plan=plan, period=period, fmt=fmt)


def background_report_items() -> int:
    """Above this many items, a PDF, Word or Excel report is made by the worker."""
    return settings.COUNCILPLAN_BACKGROUND_REPORT_ITEMS


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
    pending = get_object_or_404(PendingImport, pk=pending_id)
    if pending.uploaded_by_id != request.user.pk:
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


@public
@require_GET
def public_plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "web/public_plan_list.html", {"plans": selectors.published_plans()})


def _published_snapshot(plan: Plan, period_key: str | None) -> PublishedSnapshot:
    """The snapshot of the period asked for (else the latest); 404 for one not published."""
    snapshots = selectors.published_snapshots(plan=plan)
    if not snapshots:
        raise Http404("This plan has not published any progress.")
    chosen = (
        snapshots[-1]
        if period_key is None
        else next((one for one in snapshots if one.period.key == period_key), None)
    )
    if chosen is None:
        raise Http404("This period has not been published.")
    # The signed-in readers' report kept with it is not the public's, and is large.
    return (
        PublishedSnapshot.objects.select_related("plan__organisation", "period")
        .defer("report")
        .get(pk=chosen.pk)
    )


@public
@require_GET
def public_plan_data(request: HttpRequest, slug: str, period_key: str, fmt: str) -> HttpResponse:
    """A published period as open data: JSON or CSV, under the site's open-data licence."""
    if fmt not in ("json", "csv"):
        raise Http404("Open data is offered as JSON or CSV.")
    snapshot = _published_snapshot(_plan(slug), period_key)
    if fmt == "json":
        response = HttpResponse(
            open_data.snapshot_json(snapshot), content_type="application/json; charset=utf-8"
        )
    else:
        response = HttpResponse(
            open_data.snapshot_csv(snapshot), content_type="text/csv; charset=utf-8"
        )
    name = f"{slug}-{period_key}-published.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Link"] = f'<{settings.COUNCILPLAN_OPEN_DATA_LICENCE_URL}>; rel="license"'
    return response


@public
@require_GET
def public_plan(request: HttpRequest, slug: str, period_key: str | None = None) -> HttpResponse:
    """A plan's published progress, read only from its published snapshots."""
    plan = _plan(slug)
    snapshots = selectors.published_snapshots(plan=plan)
    snapshot = _published_snapshot(plan, period_key)
    rows = selectors.snapshot_rows(content=snapshot.content)
    search = request.GET.get("search", "").strip()[:200]
    shown = selectors.public_rows_matching(rows, search)
    page = Paginator(shown, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    levels = snapshot.content.get("plan", {}).get("levels") or ["item"]
    return render(
        request,
        "web/public_plan.html",
        {
            "plan": plan,
            "snapshot": snapshot,
            "period_label": snapshot.content.get("period", {}).get("label", ""),
            "snapshots": snapshots,
            "mix": selectors.status_mix(rows),
            "theme_mix": public_charts.mix_by_top_item(snapshot.content),
            "top_level_name": str(levels[0]).lower(),
            "period_mix": public_charts.mix_by_period(
                selectors.published_contents(snapshots=snapshots), current=snapshot.period.key
            ),
            "page": page,
            "total": len(rows),
            "search": search,
            "search_query": urlencode({"search": search}) if search else "",
            "found": len(shown),
            "licence": open_data.licence(),
        },
    )


@public
@require_GET
def public_item(request: HttpRequest, slug: str, period_key: str, key: str) -> HttpResponse:
    """One published item on a page of its own, exactly as it was published."""
    plan = _plan(slug)
    snapshot = _published_snapshot(plan, period_key)
    item = selectors.snapshot_item(content=snapshot.content, key=key)
    if item is None:
        raise Http404("This item was not published.")
    # Earlier periods' contents are read only for an item with measures to follow over time.
    earlier = [
        other
        for other in selectors.published_snapshots(plan=plan)
        if other.period.starts_on <= snapshot.period.starts_on
    ]
    published = selectors.published_contents(snapshots=earlier) if item.measures else []
    return render(
        request,
        "web/public_item.html",
        {
            "plan": plan,
            "snapshot": snapshot,
            "period_label": snapshot.content.get("period", {}).get("label", ""),
            "item": item,
            "history": public_charts.measures_over_time(
                key, published, current=snapshot.period.key
            ),
        },
    )
