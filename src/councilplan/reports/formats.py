"""The one table of report formats: the command line, the website, the API, the task worker
and the renderers read it. No Django here: the command line builds its options from it
before Django is set up, and a renderer is named as text so that none is imported until a
report in its format is asked for."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportFormat:
    label: str  # as a download link names it
    content_type: str
    renderer: str  # "module:function" taking a PlanPosition, giving bytes (or str for HTML)
    inline: bool = False  # shown in the browser rather than downloaded


# Keyed by the file extension, which is also the format's name in URLs and on the command line.
REPORT_FORMATS = {
    "html": ReportFormat(
        "Web page (HTML)",
        "text/html; charset=utf-8",
        renderer="councilplan.reports.render.html:report_html",
        inline=True,
    ),
    "pdf": ReportFormat(
        "PDF (tagged, accessible)",
        "application/pdf",
        renderer="councilplan.reports.pdf.report:report_pdf",
    ),
    "docx": ReportFormat(
        "Word document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        renderer="councilplan.reports.render.word:report_docx",
    ),
    "xlsx": ReportFormat(
        "Excel workbook",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        renderer="councilplan.reports.render.excel:report_xlsx",
    ),
}
DEFAULT_FORMAT = "html"
# The covering report to Cabinet is a Word document only.
COVER_FORMAT = "docx"
COVER_RENDERER = "councilplan.reports.render.cover:cover_report_docx"


def formats_in_words() -> str:
    """The formats as a sentence lists them: "html, pdf, docx or xlsx"."""
    *others, last = REPORT_FORMATS
    return f"{', '.join(others)} or {last}"


def report_file_name(*, plan_slug: str, period_key: str, format: str, cover: bool = False) -> str:
    """The name a report's file is given, for the plan and the period."""
    kind = "cabinet-report" if cover else "performance-report"
    return f"{plan_slug}-{period_key}-{kind}.{format}"
