"""Downloads of a period's report, through the reports engine (councilplan.reports)."""

from django.http import HttpResponse
from django.utils.csp import CSP, build_policy

from councilplan.plans.models import Plan, ReportingPeriod
from councilplan.reports.formats import REPORT_FORMATS, report_file_name

# The HTML report is one self-contained document: its styles are inline, it runs no script.
REPORT_HTML_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}


def report_download_response(*, plan: Plan, period: ReportingPeriod, fmt: str) -> HttpResponse:
    from councilplan.reports.services import report_render_position
    from councilplan.web.selectors import dashboard_position

    # The position the dashboard keeps, brought up to date rather than worked out again:
    # the report says what the dashboard says, and costs only its rendering.
    position = dashboard_position(plan=plan, period=period)
    content = report_render_position(position=position, format=fmt)
    return report_file_response(plan=plan, period=period, fmt=fmt, content=content)


def report_file_response(
    *, plan: Plan, period: ReportingPeriod, fmt: str, content: bytes, name: str = ""
) -> HttpResponse:
    """A report's bytes as a download named for the plan and the period (or `name`)."""
    details = REPORT_FORMATS[fmt]
    response = HttpResponse(content, content_type=details.content_type)
    disposition = "inline" if details.inline else "attachment"
    name = name or report_file_name(plan_slug=plan.slug, period_key=period.key, format=fmt)
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    if fmt == "html":
        response["Content-Security-Policy"] = build_policy(REPORT_HTML_CSP)
    return response
