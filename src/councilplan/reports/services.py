"""Producing reports: one PlanPosition, rendered to HTML, PDF, Word or Excel."""

from collections.abc import Callable
from datetime import date
from importlib import import_module
from typing import Any

from councilplan.plans.models import Plan, ReportingPeriod
from councilplan.reports.collector import collector_paused
from councilplan.reports.data import PlanPosition, ReportFilters
from councilplan.reports.formats import (
    COVER_FORMAT,
    COVER_RENDERER,
    REPORT_FORMATS,
    formats_in_words,
    report_file_name,
)
from councilplan.reports.frozen import position_freeze
from councilplan.reports.selectors import plan_position, plan_position_live

FORMAT_ERROR = "'{format}' is not a report format: choose one of " + formats_in_words() + "."
COVER_FORMAT_ERROR = (
    f"The covering report to Cabinet is a Word document: use the {COVER_FORMAT} format."
)


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
    # The collector held while the report is made, and the position let go before it runs
    # again: the objects it is made of are freed, never walked (none forms a cycle).
    with collector_paused():
        position = plan_position(plan=plan, period=period, filters=filters)
        rendered = report_render_position(
            position=position, format=format, cover=cover, meeting_date=meeting_date
        )
        del position
    return rendered


def report_render_position(
    *,
    position: PlanPosition,
    format: str,
    cover: bool = False,
    meeting_date: date | None = None,
) -> bytes:
    """Render an already-built PlanPosition (the web pages may hold one)."""
    _format_check(format, cover)
    with collector_paused():
        if cover:
            return _renderer(COVER_RENDERER)(position, meeting_date=meeting_date)
        rendered = _renderer(REPORT_FORMATS[format].renderer)(position)
    return rendered.encode("utf-8") if isinstance(rendered, str) else rendered


def _renderer(name: str) -> Callable[..., Any]:
    """A renderer named in the formats table, imported only when its format is asked for."""
    module, _, function = name.partition(":")
    return getattr(import_module(module), function)


def report_freeze(*, snapshot: Any, **_signal: Any) -> None:
    """Keep the period's report in its published snapshot, in the publishing transaction:
    from now on the period's reports are rendered from it (`plan_position`)."""
    position = plan_position_live(plan=snapshot.plan, period=snapshot.period)
    snapshot.report = position_freeze(position)
    snapshot.save(update_fields=["report"])


def _format_check(format: str, cover: bool) -> None:
    if format not in REPORT_FORMATS:
        raise ReportFormatError(FORMAT_ERROR.format(format=format))
    if cover and format != COVER_FORMAT:
        raise ReportFormatError(COVER_FORMAT_ERROR)


def report_filename(*, position: PlanPosition, format: str, cover: bool = False) -> str:
    return report_file_name(
        plan_slug=position.plan_slug, period_key=position.period_key, format=format, cover=cover
    )
