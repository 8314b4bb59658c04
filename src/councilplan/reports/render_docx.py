"""The report as a Word document: real headings and tables, for officers to edit."""

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.shared import Cm

from councilplan.reports.charts import Chart
from councilplan.reports.data import PlanPosition
from councilplan.reports.docx_tools import (
    document_prepare,
    facts_add,
    heading_add,
    paragraph_add,
    picture_add,
    table_add,
)
from councilplan.reports.outline import report_outline_write, risk_table_write


class DocxWriter:
    """Writes the report's outline into a python-docx document (see `outline.ReportWriter`)."""

    def __init__(self, document: DocumentType) -> None:
        self.document = document

    def heading(self, text: str, level: int) -> None:
        heading_add(self.document, text, level)

    def paragraph(self, text: str, *, bullet: bool = False) -> None:
        paragraph_add(self.document, text, "List Bullet" if bullet else "")

    def table(
        self,
        *,
        caption: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float] | None = None,
    ) -> None:
        # Word fits the columns to their text itself; `widths` are the PDF's.
        table_add(self.document, caption=caption, headers=headers, rows=rows)

    def facts(self, facts: Sequence[tuple[str, str]]) -> None:
        facts_add(self.document, facts)

    def chart(self, chart: Chart) -> None:
        alt_text = f"{chart.title}: {chart.description}"
        # A4 with 2 cm margins leaves 17 cm by 25.7 cm; room is kept for the heading above.
        width = chart.print_width_cm(width_cm=15, height_cm=21)
        picture_add(self.document, png=chart.png, alt_text=alt_text, width=Cm(width))


def report_docx(position: PlanPosition, *, charts: list[Chart] | None = None) -> bytes:
    document = Document()
    document_prepare(
        document,
        title=position.title,
        author=position.organisation,
        subject=f"Quarterly performance report, {position.period_label}",
    )
    report_body_add(document, position, charts=charts, top_level=1)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_body_add(
    document: DocumentType,
    position: PlanPosition,
    *,
    charts: list[Chart] | None = None,
    top_level: int = 1,
) -> None:
    """The whole performance report, its title at heading `top_level` (0 = Title style)."""
    report_outline_write(DocxWriter(document), position, charts=charts, top_level=top_level)


def risk_table_add(document: DocumentType, position: PlanPosition) -> None:
    risk_table_write(DocxWriter(document), position)
