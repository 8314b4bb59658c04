"""The one table of report formats. No Django here: the command line builds its options
from it before Django is set up."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportFormat:
    label: str  # as a download link names it
    content_type: str


# The one table of report formats: the command line, the website and the renderers use it.
REPORT_FORMATS = {
    "html": ReportFormat("Web page (HTML)", "text/html; charset=utf-8"),
    "pdf": ReportFormat("PDF (tagged, accessible)", "application/pdf"),
    "docx": ReportFormat(
        "Word document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": ReportFormat(
        "Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
}
