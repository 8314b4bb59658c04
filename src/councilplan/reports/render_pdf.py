"""The report as a tagged, accessible PDF (PDF/UA-1), made from the same HTML."""

import pydyf
from weasyprint import HTML

from councilplan.reports.charts import Chart
from councilplan.reports.data import PlanPosition
from councilplan.reports.render_html import report_html

PDF_VARIANT = "pdf/ua-1"


def _page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """pydyf's `PDF.page_references`, remembered until a page is added.

    pydyf (0.13) rebuilds the tuple of every page's reference each time it is read, and
    WeasyPrint reads it for every tagged element when it builds the PDF/UA structure tree:
    elements × pages, which made a 1,000-page report spend minutes here."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_page_references_cache")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_page_references_cache"] = cached
    return cached[1]


pydyf.PDF.page_references = property(_page_references)  # type: ignore[method-assign,assignment]


def report_pdf(position: PlanPosition, *, charts: list[Chart] | None = None) -> bytes:
    html = report_html(position, charts=charts, charts_as_images=True)
    document = HTML(string=html, base_url=None)
    # PDF/UA-1 tags the structure (headings, tables, lists) and carries the language and title.
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
