"""Cabinet-ready reports (issue 16, part 5): a cover, contents, an executive summary, page
numbers, status in colour beside its word and shape, owners and dates filled, captions whole."""

import io
import zipfile
from xml.etree import ElementTree

import pikepdf
import pytest
from docx import Document
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from councilplan.demo.generated_plan import report_plan_document
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import PlanItem
from councilplan.plans.selectors import period_current
from councilplan.reports.data import RAG_TEXT_COLOURS, Rag
from councilplan.reports.selectors import plan_position
from councilplan.reports.services import report_render

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _word(plan, period) -> Document:
    return Document(io.BytesIO(report_render(plan=plan, period=period, format="docx")))


def _milestone_rows(document: Document) -> list[list[str]]:
    return [
        [cell.text for cell in row.cells]
        for table in document.tables
        if table.rows[0].cells[0].text == "Milestone"
        for row in table.rows[1:]
    ]


def test_owner_and_dates_are_filled_in_every_milestone_row_of_harlows_report(
    harlow_plan, harlow_q1
):
    # Harlow's plan names no owner and prints no dates: the milestones are judged by the
    # plan's year, and the report says so (the column was empty in all 100 rows).
    rows = _milestone_rows(_word(harlow_plan, harlow_q1))
    assert len(rows) == 100
    plans_year = "start 1 Apr 2024; due 31 Mar 2025 (the plan's dates)"
    for cells in rows:
        assert cells[1].startswith("No owner named"), cells[1]
        # A milestone's own due date ("by end April 2024") is kept; its start is the plan's.
        assert plans_year in cells[1] or (
            "start 1 Apr 2024 (the plan's dates); due " in cells[1]
        ), cells[1]
    assert sum(plans_year in cells[1] for cells in rows) > 50


def test_an_item_without_dates_of_its_own_prints_those_of_the_item_above(harlow_plan, harlow_q1):
    action = PlanItem.objects.get(plan=harlow_plan, ref="RN1")
    PlanItem.objects.filter(pk=action.pk).update(due_date="2024-12-31")
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    milestones = [row for row in position.rows if row.parent_key == action.key]
    assert milestones
    for row in milestones:
        assert row.effective_due.isoformat() == "2024-12-31"
        assert row.dates_from == "RN1"
    cells = [c for c in _milestone_rows(_word(harlow_plan, harlow_q1)) if "(as RN1)" in c[1]]
    assert len(cells) == len(milestones)
    assert all("due 31 Dec 2024 (as RN1)" in c[1] for c in cells)


def test_word_report_has_a_cover_contents_summary_and_page_n_of_m(harlow_plan, harlow_q1):
    document = _word(harlow_plan, harlow_q1)
    texts = [p.text for p in document.paragraphs]
    assert "Council: Harlow Council" in texts
    assert "Period: Q1 2024/25 (1 April 2024 to 30 June 2024)" in texts
    assert "Status of publication: Draft: not yet published" in texts
    contents = next(p for p in document.paragraphs if p.style.name == "TOC Heading")
    assert contents.text == "Contents"
    body = document.element.body.xml
    assert "TOC \\o" in body
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings.index("Executive summary") < headings.index("Summary")
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert " PAGE " in footer
    assert " NUMPAGES " in footer
    assert "Page " in footer
    assert " of " in footer


def test_word_report_colours_each_status_beside_its_word_and_shape(harlow_plan, harlow_q1):
    document = _word(harlow_plan, harlow_q1)
    coloured = {}
    for element in document.element.body.iter(f"{W}r"):
        colour = element.find(f"{W}rPr/{W}color")
        text = "".join(t.text or "" for t in element.iter(f"{W}t"))
        if colour is not None and text:
            coloured.setdefault(text, colour.get(f"{W}val"))
    assert coloured["△ Suggested: Red"] == RAG_TEXT_COLOURS[Rag.RED].lstrip("#")
    assert coloured["◇ Suggested: Amber"] == RAG_TEXT_COLOURS[Rag.AMBER].lstrip("#")
    # The colour is never alone: every coloured run carries a shape and a word.
    assert all(text[0] in "▲◆●★○△◇◌☆" and len(text) > 2 for text in coloured)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("rag", list(Rag))
def test_every_printed_status_colour_meets_aa_contrast_on_white(rag):
    ratio = 1.05 / (_luminance(RAG_TEXT_COLOURS[rag]) + 0.05)
    assert ratio >= 4.5, (rag, round(ratio, 2))


def test_captions_name_their_item_whole(harlow_plan, harlow_q1):
    document = _word(harlow_plan, harlow_q1)
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    headings = {row.heading for row in position.rows}
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    under = [c.split(" under ", 1)[1] for c in captions if c.startswith("Milestones under ")]
    assert under
    assert all(name in headings for name in under)
    assert not any(c.endswith("…") for c in captions)


def _plan_with_trends(actions: int):

    document = report_plan_document(actions=actions, quarters=4, plan_id="trends")
    for value in document["measure_values"]:
        value["target"] = {"text": "60%", "value": 60}
    plan = plan_import_document(document=document).plan
    return plan, period_current(plan=plan)


def test_every_indicator_has_its_own_small_trend_with_a_target_line_in_every_format():
    plan, period = _plan_with_trends(actions=7)
    position = plan_position(plan=plan, period=period)
    measures = [m for row in position.items_shown for m in row.measures if m.has_trend]
    assert len(measures) == 7  # one each, not capped at three
    html = report_render(plan=plan, period=period, format="html").decode()
    assert html.count('aria-label="Trend of ') == 7
    assert html.count('stroke-dasharray="4 3"') == 7  # the target line
    document = Document(io.BytesIO(report_render(plan=plan, period=period, format="docx")))
    trends = [
        shape
        for shape in document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
        if (shape.get("descr") or "").startswith("Trend of ")
    ]
    assert len(trends) == 7
    assert all("target 60 (dashed line)" in shape.get("descr") for shape in trends)
    pdf = report_render(plan=plan, period=period, format="pdf")
    with pikepdf.open(io.BytesIO(pdf)) as reader:
        alts = [
            str(element.get("/Alt"))
            for element in _struct_elements(reader.Root.StructTreeRoot)
            if str(element.get("/S")) == "/Figure" and element.get("/Alt") is not None
        ]
    assert sum(alt.startswith("Trend of ") for alt in alts) == 7


def _struct_elements(node):
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            yield kid
            yield from _struct_elements(kid)


def test_excel_colours_status_words_by_conditional_formatting_on_every_status_column(
    harlow_plan, harlow_q1
):
    data = report_render(plan=harlow_plan, period=harlow_q1, format="xlsx")
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames[:2] == ["Summary", "Indicators"]
    for name in ("Summary", "Indicators", "Progress", "Exceptions", "Items", "Measures"):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref.startswith("A1:"), name
    items = workbook["Items"]
    headers = [cell.value for cell in items[1]]
    status_column = get_column_letter(headers.index("Status") + 1)
    rules = {
        rule.formula[0]: rule
        for ranges in items.conditional_formatting
        if str(ranges.sqref).startswith(f"{status_column}2:")
        for rule in ranges.rules
    }
    red = rules[f'LEFT({status_column}2,3)="Red"']
    suggested_red = rules[f'LEFT({status_column}2,14)="Suggested: Red"']
    assert red.dxf.fill.fgColor.rgb.endswith(RAG_TEXT_COLOURS[Rag.RED].lstrip("#").upper())
    assert suggested_red.dxf.fill.fgColor.rgb != red.dxf.fill.fgColor.rgb
    # The rules match the words the cells hold: Harlow's 47 suggested reds.
    words = [row[headers.index("Status")].value for row in items.iter_rows(min_row=2)]
    assert words.count("Suggested: Red") >= 47
    assert not any(word.startswith("Red") for word in words)  # nothing reported
    exceptions = workbook["Exceptions"]
    assert any(exceptions.conditional_formatting)


# openpyxl reads no sparklines: it says so when it opens the workbook.
@pytest.mark.filterwarnings("ignore:Sparkline Group extension")
def test_excel_has_every_indicators_figures_and_targets_by_period():
    plan, period = _plan_with_trends(actions=3)
    data = report_render(plan=plan, period=period, format="xlsx")
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["Trends"]
    headers = [cell.value for cell in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3
    assert headers[5] == "Trend"
    periods = [h for h in headers[6:] if not h.startswith("Target")]
    assert len(periods) >= 2
    for row in rows:
        targets = row[6 + len(periods) :]
        assert set(targets) == {60}
        assert all(isinstance(value, float | int) for value in row[6 : 6 + len(periods)])
    # A sparkline in each indicator's Trend cell, drawn from its own row's figures.
    number = workbook.sheetnames.index("Trends") + 1
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read(f"xl/worksheets/sheet{number}.xml").decode()
    last = get_column_letter(6 + len(periods))
    for row in range(2, 5):
        assert f"<xm:f>Trends!G{row}:{last}{row}</xm:f><xm:sqref>F{row}</xm:sqref>" in xml
    root = ElementTree.fromstring(xml)  # noqa: S314 (our own file) well-formed, extLst last
    assert root[-1].tag.endswith("extLst")


def test_a_direction_of_travel_is_not_coloured_as_a_status():
    from councilplan.reports.data import status_split

    assert status_split("▲ improved") == (None, "▲ improved", "")
    assert status_split("▲ Red (reported)") == (Rag.RED, "▲ Red", " (reported)")
    assert status_split("△ Suggested: Red; overdue")[0] is Rag.RED
