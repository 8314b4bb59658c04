"""A plan's reports: the choice of report and its filters, the report made at once, and a
long one made in the background and followed on its own page."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from councilplan.accounts.permissions import Action
from councilplan.plans.models import Plan
from councilplan.plans.selectors import PeriodNotFoundError, period_get, plan_item_count
from councilplan.reports.background import (
    ReportRequestError,
    prepared_report_content,
    prepared_report_get,
    report_request,
)
from councilplan.reports.formats import REPORT_FORMATS
from councilplan.reports.models import PreparedReport
from councilplan.reports.selectors import plan_position, report_filter_choices
from councilplan.reports.services import report_filename, report_render_position
from councilplan.web.forms import COVER, ReportChoiceForm
from councilplan.web.reports import report_download_response, report_file_response
from councilplan.web.views.common import (
    period_or_404,
    periods_context,
    plan_visible_or_404,
    sign_in_or_refuse,
)


@require_GET
def report_list(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_visible_or_404(slug)
    if (refused := sign_in_or_refuse(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    context = periods_context(request, plan)
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
    plan = plan_visible_or_404(slug)
    if (refused := sign_in_or_refuse(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    period = period_or_404(plan, period_key)
    chosen = _report_form_context(plan, request.GET)
    form = chosen["form"]
    if not form.is_valid():
        context = periods_context(request, plan)
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
    plan = plan_visible_or_404(slug)
    if (refused := sign_in_or_refuse(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    try:
        period = period_get(plan=plan, key=period_key)
        prepared = report_request(user=request.user, plan=plan, period=period, fmt=fmt)
    except (PeriodNotFoundError, ReportRequestError) as error:
        raise Http404(str(error)) from error
    return redirect("web:report-prepared", slug=plan.slug, prepared_id=prepared.pk)


@require_GET
def report_prepared(request: HttpRequest, slug: str, prepared_id: int) -> HttpResponse:
    plan = plan_visible_or_404(slug)
    if (refused := sign_in_or_refuse(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    prepared = prepared_report_get(plan=plan, prepared_id=prepared_id)
    if prepared is None:
        raise Http404("No such report.")
    if request.GET.get("download") and prepared.state == PreparedReport.State.READY:
        content = prepared_report_content(prepared=prepared)
        return report_file_response(
            plan=plan, period=prepared.period, fmt=prepared.format, content=content
        )
    return render(
        request,
        "web/report_prepared.html",
        {"plan": plan, "prepared": prepared, "format": REPORT_FORMATS[prepared.format]},
    )


@require_GET
def report_download(request: HttpRequest, slug: str, period_key: str, fmt: str) -> HttpResponse:
    plan = plan_visible_or_404(slug)
    if (refused := sign_in_or_refuse(request, Action.VIEW_PLAN, plan)) is not None:
        return refused
    period = period_or_404(plan, period_key)
    if fmt not in REPORT_FORMATS:
        raise Http404("There is no such report.")
    items = plan_item_count(plan=plan)
    if fmt != "html" and items > background_report_items():
        # Too long for a web request: offered to the worker instead (a GET queues nothing).
        context = {"plan": plan, "period": period, "fmt": fmt, "items": items}
        context["format"] = REPORT_FORMATS[fmt]
        return render(request, "web/report_large.html", context)
    return report_download_response(plan=plan, period=period, fmt=fmt)


def background_report_items() -> int:
    """Above this many items, a PDF, Word or Excel report is made by the worker."""
    return settings.COUNCILPLAN_BACKGROUND_REPORT_ITEMS
