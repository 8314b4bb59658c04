"""A plan's pages for its readers: the dashboard, the items, the indicators, one item, one
indicator, and the risk register."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from councilplan.accounts.permissions import Action, permission_has
from councilplan.editing.selectors import risks_for_register
from councilplan.plans.models import Measure, Plan, PlanItem, ReportingPeriod
from councilplan.plans.selectors import period_list
from councilplan.web import indicator, selectors
from councilplan.web.forms import TreeFilterForm
from councilplan.web.indicator_chart import indicator_chart
from councilplan.web.scorecard import STATUS_ORDER, STATUS_WORDS
from councilplan.web.views.common import periods_context, plan_visible_or_404, sign_in_or_refuse

TREE_PAGE_SIZE = 100
DASHBOARD_LIST_LIMIT = 50


@require_GET
def plan_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_visible_or_404(slug)
    if (refused := sign_in_or_refuse(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = periods_context(request, plan)
    context.update(plan=plan)
    period = context["period"]
    if period is not None:
        position = selectors.dashboard_position(plan=plan, period=period)
        findings: dict[str, int] = {}
        for finding in position.findings_shown:
            findings[finding.title] = findings.get(finding.title, 0) + 1
        progress = [row for row in position.progress if row.depth == 0]
        exceptions = position.exceptions[:DASHBOARD_LIST_LIMIT]
        changes = position.changes[:DASHBOARD_LIST_LIMIT]
        shown = [row.key for row in (*progress, *exceptions)] + [c.key for c in changes]
        suggested = sum(row.status.is_suggested and not row.overdue for row in position.exceptions)
        context.update(
            indicators_only=position.indicators_only,
            position=position,
            ids=selectors.item_ids_by_key(plan=plan, keys=shown),
            mix=position.status_mix,
            leaf_count=sum(entry.count for entry in position.status_mix),
            progress=progress,
            exceptions=exceptions,
            exceptions_suggested=suggested,
            exceptions_reported=len(position.exceptions) - suggested,
            changes=changes,
            findings=sorted(findings.items(), key=lambda entry: -entry[1]),
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
    plan = plan_visible_or_404(slug)
    if (refused := sign_in_or_refuse(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = periods_context(request, plan)
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
    plan = plan_visible_or_404(slug)
    if (refused := sign_in_or_refuse(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = periods_context(request, plan)
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
    plan = plan_visible_or_404(slug)
    if (refused := sign_in_or_refuse(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    try:
        detail = selectors.item_detail(plan=plan, item_id=item_id)
    except PlanItem.DoesNotExist:
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
    plan = plan_visible_or_404(slug)
    if (refused := sign_in_or_refuse(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = periods_context(request, plan)
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
    plan = plan_visible_or_404(slug)
    if (refused := sign_in_or_refuse(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = periods_context(request, plan)
    context.update(plan=plan, risks=risks_for_register(plan=plan))
    return render(request, "web/risk_register.html", context)
