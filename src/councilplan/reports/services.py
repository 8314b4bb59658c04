"""Producing reports: one PlanPosition, rendered to HTML, PDF, Word or Excel."""

from datetime import date
from typing import Any

from councilplan.plans.models import Plan, ReportingPeriod
from councilplan.reports.data import PlanPosition, ReportFilters
from councilplan.reports.formats import REPORT_FORMATS
from councilplan.reports.frozen import position_freeze
from councilplan.reports.selectors import plan_position, plan_position_live

FORMAT_ERROR = "'{format}' is not a report format: choose one of html, pdf, docx or xlsx."
COVER_FORMAT_ERROR = "The covering report to Cabinet is a Word document: use the docx format."


class ReportFormatError(ValueError):
    pass


def report_render(
    *,
    plan: Plan,
    period: ReportingPeriod,
    format: str,
    filters: ReportFilters | None = None,
    cover: bool = False,
    meeting_date: date | None = None,
) -> bytes:
    """The performance report for a plan at a period, as bytes in the format asked for.

    With `cover`, the covering report to Cabinet (Word only) with the performance report as
    its appendix, for the meeting on `meeting_date` if given. Every format is rendered from
    the same `plan_position`."""
    _format_check(format, cover)
    position = plan_position(plan=plan, period=period, filters=filters)
    return report_render_position(
        position=position, format=format, cover=cover, meeting_date=meeting_date
    )


def report_render_position(
    *,
    position: PlanPosition,
    format: str,
    cover: bool = False,
    meeting_date: date | None = None,
) -> bytes:
    """Render an already-built PlanPosition (the web pages may hold one)."""
    _format_check(format, cover)
    if format == "html":
        from councilplan.reports.render_html import report_html

        return report_html(position).encode("utf-8")
    if format == "pdf":
        from councilplan.reports.render_pdf import report_pdf

        return report_pdf(position)
    if format == "docx":
        if cover:
            from councilplan.reports.render_cover import cover_report_docx

            return cover_report_docx(position, meeting_date=meeting_date)
        from councilplan.reports.render_docx import report_docx

        return report_docx(position)
    if format == "xlsx":
        from councilplan.reports.render_xlsx import report_xlsx

        return report_xlsx(position)
    raise ReportFormatError(FORMAT_ERROR.format(format=format))


def report_freeze(*, snapshot: Any, **_signal: Any) -> None:
    """Keep the period's report in its published snapshot, in the publishing transaction:
    from now on the period's reports are rendered from it (`plan_position`)."""
    position = plan_position_live(plan=snapshot.plan, period=snapshot.period)
    snapshot.report = position_freeze(position)
    snapshot.save(update_fields=["report"])


def _format_check(format: str, cover: bool) -> None:
    if format not in REPORT_FORMATS:
        raise ReportFormatError(FORMAT_ERROR.format(format=format))
    if cover and format != "docx":
        raise ReportFormatError(COVER_FORMAT_ERROR)


def report_filename(*, position: PlanPosition, format: str, cover: bool = False) -> str:
    stem = f"{position.plan_slug}-{position.period_key}"
    return f"{stem}-cabinet-report.{format}" if cover else f"{stem}-performance-report.{format}"
