"""The report as a Word document: real headings and tables, for officers to edit."""

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.parts.image import ImagePart
from docx.shared import Cm
from docx.text.paragraph import Paragraph

from councilplan.reports.data import PlanPosition
from councilplan.reports.outline import CONTENTS_DEPTH, report_outline_write, risk_table_write
from councilplan.reports.render.charts import Chart, SmallTrend
from councilplan.reports.render.docx_tools import (
    CellPicture,
    document_prepare,
    facts_add,
    field_add,
    fields_update_on_open,
    heading_add,
    page_break,
    page_numbers_add,
    paragraph_add,
    picture_add,
    runs_add,
    table_add,
)

# A measure's small trend in its table cell.
TREND_WIDTH_CM = 2.6


class DocxWriter:
    """Writes the report's outline into a python-docx document (see `outline.ReportWriter`)."""

    def __init__(self, document: DocumentType) -> None:
        self.document = document
        self.headings: list[tuple[str, int]] = []
        self.contents_at: Paragraph | None = None
        self.shapes = 1000  # ids for the trend pictures' drawing properties

    def heading(self, text: str, level: int) -> None:
        heading_add(self.document, text, level)
        self.headings.append((text, level))

    def paragraph(self, text: str, *, bullet: bool = False) -> None:
        paragraph = paragraph_add(self.document, "", "List Bullet" if bullet else "")
        runs_add(paragraph, text)

    def cover(self, *, title: str, level: int, facts: Sequence[tuple[str, str]]) -> None:
        paragraph_add(self.document, dict(facts).get("Council", ""))
        self.heading(title, level)
        facts_add(self.document, facts)
        page_break(self.document)

    def contents(self, title: str) -> None:
        paragraph_add(self.document, title, "TOC Heading")
        self.contents_at = paragraph_add(self.document)
        page_break(self.document)

    def contents_fill(self) -> None:
        """A contents field Word fills with page numbers when the document is opened; until
        then it lists the sections and their parts (known once the outline is written)."""
        if self.contents_at is None:
            return
        field_add(self.contents_at, f'TOC \\o "2-{CONTENTS_DEPTH}" \\h \\z \\u')
        shown = self.contents_at.runs[-1]
        for number, (text, level) in enumerate(
            (text, level) for text, level in self.headings if 2 <= level <= CONTENTS_DEPTH
        ):
            if number:
                shown.add_break()
            shown.add_text(("    " * (level - 2)) + text)

    def page_break(self) -> None:
        page_break(self.document)

    def table(
        self,
        *,
        caption: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float] | None = None,
    ) -> None:
        # Word fits the columns to their text itself; `widths` are the PDF's.
        rows = [[self._cell(value) for value in row] for row in rows]
        table_add(self.document, caption=caption, headers=headers, rows=rows)

    def _cell(self, value: Any) -> Any:
        if not isinstance(value, SmallTrend):
            return value
        # Added as a part of its own, named and related by count: python-docx's
        # get_or_add_image looks for a twin among every picture already added (and names
        # each by scanning them), and relate_to scans every relationship for one to the same
        # part, which took a 2,000-indicator report from 1 s to nearly a minute.
        self.shapes += 1
        part = ImagePart.from_image(
            Image.from_blob(value.png), PackURI(f"/word/media/trend{self.shapes}.png")
        )
        rel_id = f"rIdTrend{self.shapes}"
        self.document.part.rels.add_relationship(RT.IMAGE, part, rel_id)
        width = Cm(TREND_WIDTH_CM)
        height = int(width * value.drawing.height / value.drawing.width)
        return CellPicture(rel_id, int(width), height, value.label, self.shapes)

    def facts(self, facts: Sequence[tuple[str, str]]) -> None:
        facts_add(self.document, facts)

    def chart(self, chart: Chart) -> None:
        alt_text = f"{chart.title}: {chart.description}"
        # A4 with 2 cm margins leaves 17 cm by 25.7 cm; room is kept for the heading above.
        width = chart.print_width_cm(width_cm=15, height_cm=21)
        picture_add(self.document, png=chart.png, alt_text=alt_text, width=Cm(width))


def report_docx(position: PlanPosition) -> bytes:
    document = Document()
    document_prepare(
        document,
        title=position.title,
        author=position.organisation,
        subject=f"Quarterly performance report, {position.period_label}",
    )
    page_numbers_add(document, position.title)
    fields_update_on_open(document)
    report_body_add(document, position, top_level=1)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_body_add(
    document: DocumentType,
    position: PlanPosition,
    *,
    top_level: int = 1,
    front_matter: bool = True,
) -> None:
    """The whole performance report, its title at heading `top_level` (0 = Title style);
    with `front_matter`, after a cover and the contents."""
    writer = DocxWriter(document)
    report_outline_write(writer, position, top_level=top_level, front_matter=front_matter)
    writer.contents_fill()


def risk_table_add(document: DocumentType, position: PlanPosition) -> None:
    risk_table_write(DocxWriter(document), position)
