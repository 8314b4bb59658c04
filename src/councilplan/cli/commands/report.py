"""Produce a plan's performance report for a period, or the covering report to Cabinet."""

import argparse
import sys
from datetime import date
from pathlib import Path

from councilplan.cli.progress import progress_bar
from councilplan.reports.formats import (
    COVER_FORMAT,
    DEFAULT_FORMAT,
    REPORT_FORMATS,
    formats_in_words,
)

NAME = "report"
HELP = f"write a plan's performance report for a period ({', '.join(REPORT_FORMATS)})"
OUT_ERROR = "Cannot write {path}: {reason}"
POSITION_STAGE = "Working out where the plan stands"
LAYOUT_STAGE = "Laying out the {format}"
MEETING_DATE_ERROR = "'{value}' is not a date: give the meeting's date as 2024-09-12."
MEETING_DATE_COVER_ERROR = "--meeting-date is for the covering report: add --cover."


def _meeting_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(MEETING_DATE_ERROR.format(value=value)) from error


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="the plan's id, as `councilplan plans` lists it")
    parser.add_argument(
        "--period",
        help="the reporting period, as 2024-Q1 for April to June 2024 (default: the plan's "
        "current period)",
    )
    parser.add_argument(
        "--format",
        choices=list(REPORT_FORMATS),
        help=f"{formats_in_words()} (default: {DEFAULT_FORMAT}); the covering report is "
        f"{COVER_FORMAT}",
    )
    parser.add_argument("--out", type=Path, help="file to write (default: a name from the plan)")
    parser.add_argument(
        "--cover",
        action="store_true",
        help="the covering report to Cabinet (Word), with the performance report as appendix",
    )
    parser.add_argument(
        "--meeting-date",
        type=_meeting_date,
        help="with --cover: the date of the meeting, as 2024-09-12 (else left for the officer)",
    )
    filters = parser.add_argument_group("filters")
    filters.add_argument("--portfolio", default="", help="only items in this portfolio")
    filters.add_argument("--lead-officer", default="", help="only items this officer leads")
    filters.add_argument("--service-area", default="", help="only items of this service area")
    filters.add_argument(
        "--status", default="", help="only items of this status (red, amber, green, …)"
    )
    filters.add_argument(
        "--exceptions-only",
        action="store_true",
        help="only items red, amber, overdue, or forecast red or amber",
    )


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready()
    from councilplan.plans.selectors import (
        PeriodNotFoundError,
        PlanNotFoundError,
        period_given_or_current,
        plan_get,
    )
    from councilplan.reports.data import ReportFilters
    from councilplan.reports.selectors import plan_position
    from councilplan.reports.services import (
        ReportFormatError,
        report_filename,
        report_render_position,
    )

    format_ = args.format or (COVER_FORMAT if args.cover else DEFAULT_FORMAT)
    if args.meeting_date and not args.cover:
        print(MEETING_DATE_COVER_ERROR, file=sys.stderr)
        return 1
    try:
        plan = plan_get(identifier=args.plan)
        period = period_given_or_current(plan=plan, key=args.period)
        filters = ReportFilters(
            portfolio=args.portfolio,
            lead_officer=args.lead_officer,
            service_area=args.service_area,
            status=args.status,
            exceptions_only=args.exceptions_only,
        )
        with progress_bar(f"The {period.label} report") as progress:
            progress(POSITION_STAGE, 5)
            position = plan_position(plan=plan, period=period, filters=filters)
            progress(LAYOUT_STAGE.format(format=format_.upper()), 40)
            data = report_render_position(
                position=position,
                format=format_,
                cover=args.cover,
                meeting_date=args.meeting_date,
            )
            progress("Done", 100)
    except (PlanNotFoundError, PeriodNotFoundError, ReportFormatError) as error:
        print(error, file=sys.stderr)
        return 1
    out = args.out or Path(report_filename(position=position, format=format_, cover=args.cover))
    try:
        out.write_bytes(data)
    except OSError as error:
        print(OUT_ERROR.format(path=out, reason=error.strerror), file=sys.stderr)
        return 1
    what = "covering report" if args.cover else "performance report"
    print(f"Wrote the {what} for {plan.title}, {period.label}, to {out}", file=sys.stderr)
    return 0
