"""Every format read back: the four formats carry the same facts from one PlanPosition."""

import io
import subprocess

import pdfplumber
import pytest
from docx import Document
from openpyxl import load_workbook

from councilplan.reports.selectors import plan_position
from councilplan.reports.services import report_render

pytestmark = pytest.mark.django_db

MISSION_TITLE = "Renew our Neighbourhoods"
COMMENT = "Work on new landscape maintenance scope has commenced"


def test_html_report_shows_reported_and_computed_rollup_with_the_difference_flagged(
    harlow_plan, harlow_q1
):
    html = report_render(plan=harlow_plan, period=harlow_q1, format="html").decode()
    assert '<html lang="en-GB">' in html
    assert MISSION_TITLE in html
    assert COMMENT in html
    # Mission 2 reports 25%; its ten milestones (0% but one at 20%) imply 2%.
    assert "reported 25%; computed 2%" in html
    assert "Reported % differs from computed" in html


def test_pdf_report_is_tagged_and_its_text_holds_the_plan(harlow_plan, harlow_q1, tmp_path):
    pdf = report_render(plan=harlow_plan, period=harlow_q1, format="pdf")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout
    assert "performance report, Q1 2024/25" in info.stdout
    with pdfplumber.open(path) as document:
        text = " ".join((page.extract_text() or "") for page in document.pages)
    text = " ".join(text.split())
    assert MISSION_TITLE in text
    assert "Reported % differs from computed" in text


def test_word_report_uses_real_headings_and_tables_with_repeating_headers(harlow_plan, harlow_q1):
    data = report_render(plan=harlow_plan, period=harlow_q1, format="docx")
    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any(MISSION_TITLE in heading for heading in headings)
    assert "Summary" in headings
    assert "Risk register" in headings
    assert document.core_properties.language == "en-GB"
    table = document.tables[0]
    header_row = table.rows[0]._tr
    assert header_row.trPr is not None
    assert header_row.trPr.xpath("./w:tblHeader")
    assert table._tbl.tblPr.xpath("./w:tblCaption")
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(COMMENT in cell for cell in cells)
    # The lowest-level items are one table under their parent, with a header row.
    milestones = next(t for t in document.tables if t.rows[0].cells[0].text == "Milestone")
    assert milestones._tbl.tblPr.xpath("./w:tblCaption")


def test_excel_report_has_one_typed_row_per_item_a_frozen_header_and_filters(
    harlow_plan, harlow_q1
):
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    data = report_render(plan=harlow_plan, period=harlow_q1, format="xlsx")
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["Items"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    headers = [cell.value for cell in sheet[1]]
    rows = [
        dict(zip(headers, [c.value for c in row], strict=True))
        for row in sheet.iter_rows(min_row=2)
    ]
    assert len(rows) == len(position.items_shown)
    mission = next(row for row in rows if row["Key"] == "2")
    assert mission["Reported % complete"] == pytest.approx(0.25)
    assert mission["Computed % complete"] == pytest.approx(0.02)
    assert mission["Reported differs from computed"] is True
    assert isinstance(mission["Depth"], int)
