"""The report as a tagged, accessible PDF (PDF/UA-1), made from the same HTML."""

from weasyprint import HTML

from councilplan.reports.charts import Chart
from councilplan.reports.data import PlanPosition
from councilplan.reports.render_html import report_html

PDF_VARIANT = "pdf/ua-1"


def report_pdf(position: PlanPosition, *, charts: list[Chart] | None = None) -> bytes:
    html = report_html(position, charts=charts, charts_as_images=True)
    document = HTML(string=html, base_url=None)
    # PDF/UA-1 tags the structure (headings, tables, lists) and carries the language and title.
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
