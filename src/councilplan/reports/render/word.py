"""The report as a Word document: real headings and tables, for officers to edit."""

import struct
from collections.abc import Sequence
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.parts.image import ImagePart
from docx.shared import Cm

from councilplan.reports.data import PlanPosition
from councilplan.reports.outline import CONTENTS_DEPTH, report_outline_write, risk_table_write
from councilplan.reports.render.charts import TREND_HEIGHT, TREND_WIDTH, Chart, SmallTrend
from councilplan.reports.render.docx_tools import (
    CellPicture,
    body_append,
    document_prepare,
    facts_xml,
    field_runs_xml,
    fields_update_on_open,
    page_break_xml,
    page_numbers_add,
    paragraph_xml,
    picture_xml,
    plain_runs_xml,
    runs_xml,
    table_xml,
)
from councilplan.reports.render.trend_png import trend_png

# A measure's small trend in its table cell.
TREND_WIDTH_CM = 2.6


class DocxWriter:
    """Writes the report's outline into a python-docx document (see `outline.ReportWriter`).

    What it writes is kept as WordprocessingML and added to the document in one go by
    `finish` (python-docx's calls cost a millisecond a paragraph, a 2,000-item report has
    thousands); nothing else may add to the document's body before then."""

    def __init__(self, document: DocumentType) -> None:
        self.document = document
        self.pieces: list[str] = []
        self.headings: list[tuple[str, int]] = []
        self.contents_at: int | None = None  # the contents' place in `pieces`
        self.shapes = 1000  # ids for the pictures' drawing properties
        self.pictures: dict[bytes, str] = {}  # each picture's relationship id, by its bytes

    def heading(self, text: str, level: int) -> None:
        style = "Title" if level == 0 else f"Heading {min(level, 9)}"
        self.pieces.append(paragraph_xml(plain_runs_xml(text), style))
        self.headings.append((text, level))

    def paragraph(self, text: str, *, bullet: bool = False) -> None:
        self.pieces.append(paragraph_xml(runs_xml(text), "List Bullet" if bullet else ""))

    def cover(self, *, title: str, level: int, facts: Sequence[tuple[str, str]]) -> None:
        self.pieces.append(paragraph_xml(plain_runs_xml(dict(facts).get("Council", ""))))
        self.heading(title, level)
        self.facts(facts)
        self.page_break()

    def contents(self, title: str) -> None:
        self.pieces.append(paragraph_xml(plain_runs_xml(title), "TOC Heading"))
        self.contents_at = len(self.pieces)
        self.pieces.append(paragraph_xml())
        self.page_break()

    def contents_fill(self) -> None:
        """A contents field Word fills with page numbers when the document is opened; until
        then it lists the sections and their parts (known once the outline is written)."""
        if self.contents_at is None:
            return
        shown = "\n".join(
            ("    " * (level - 2)) + text
            for text, level in self.headings
            if 2 <= level <= CONTENTS_DEPTH
        )
        self.pieces[self.contents_at] = paragraph_xml(
            field_runs_xml(f'TOC \\o "2-{CONTENTS_DEPTH}" \\h \\z \\u', shown)
        )

    def page_break(self) -> None:
        self.pieces.append(page_break_xml())

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
        self.pieces.extend(table_xml(caption=caption, headers=headers, rows=rows))

    def _cell(self, value: Any) -> Any:
        if not isinstance(value, SmallTrend):
            return value
        width = Cm(TREND_WIDTH_CM)
        height = int(width * TREND_HEIGHT / TREND_WIDTH)
        return self._picture(trend_png(value.shape), width, height, value.label)

    def _picture(
        self, png: bytes, width: int, height: int, alt_text: str, name: str = "Trend"
    ) -> CellPicture:
        """A picture added to the package as a part of its own, named and related by count
        (identical pictures share one): python-docx's get_or_add_image looks for a twin among
        every picture already added (and names each by scanning them), and relate_to scans
        every relationship for one to the same part, which took a 2,000-indicator report from
        1 s to nearly a minute."""
        self.shapes += 1
        rel_id = self.pictures.get(png)
        if rel_id is None:
            rel_id = f"rIdPicture{self.shapes}"
            part = ImagePart(
                PackURI(f"/word/media/picture{self.shapes}.png"),
                CT.PNG,
                png,
            )
            self.document.part.rels.add_relationship(RT.IMAGE, part, rel_id)
            self.pictures[png] = rel_id
        file_name = "trend.png" if name == "Trend" else "image.png"
        return CellPicture(rel_id, int(width), height, alt_text, self.shapes, name, file_name)

    def facts(self, facts: Sequence[tuple[str, str]]) -> None:
        self.pieces.extend(facts_xml(facts))

    def chart(self, chart: Chart) -> None:
        # A4 with 2 cm margins leaves 17 cm by 25.7 cm; room is kept for the heading above.
        width = Cm(chart.print_width_cm(width_cm=15, height_cm=21))
        png = chart.png
        pixels_wide, pixels_high = struct.unpack(">II", png[16:24])  # the PNG's header
        height = round(width * pixels_high / pixels_wide)
        picture = self._picture(png, width, height, chart.alt_text, name="Picture")
        self.pieces.append(paragraph_xml(f"<w:r>{picture_xml(picture)}</w:r>"))

    def finish(self) -> None:
        """Adds what was written to the document."""
        body_append(self.document, self.pieces)
        self.pieces = []


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
    writer.finish()


def risk_table_add(document: DocumentType, position: PlanPosition) -> None:
    writer = DocxWriter(document)
    risk_table_write(writer, position)
    writer.finish()
