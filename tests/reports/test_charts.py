"""Charts: every figure in exactly one chart, each chart small enough for a printed page."""

import io

import pdfplumber
import pytest
from docx import Document

from councilplan.reports.data import ChartTable, ProgressRow, Rag, StatusShown
from councilplan.reports.render.charts import (
    PROGRESS_LINES_PER_CHART,
    Chart,
    Drawing,
    charts_for,
    progress_parts,
)
from councilplan.reports.selectors import plan_position
from councilplan.reports.services import report_render_position

GREEN = StatusShown(word="Green", rag=Rag.GREEN, source="reported")


def _row(heading: str, depth: int) -> ProgressRow:
    return ProgressRow(
        key=heading,
        heading=heading,
        level="Mission" if depth == 0 else "Priority",
        depth=depth,
        reported_percent=50,
        computed_percent=40,
        differs=True,
        status=GREEN,
    )


def _branch(name: str, priorities: int) -> list[ProgressRow]:
    return [_row(name, 0), *(_row(f"{name}.{n}", 1) for n in range(1, priorities + 1))]


def test_progress_parts_keep_a_mission_with_its_priorities_where_they_fit():
    rows = _branch("1", 4) + _branch("2", 5) + _branch("3", 3)  # 5, 6 and 4 lines
    parts = progress_parts(rows, 12)
    assert [[row.heading for row in part] for part in parts] == [
        ["1", "1.1", "1.2", "1.3", "1.4", "2", "2.1", "2.2", "2.3", "2.4", "2.5"],
        ["3", "3.1", "3.2", "3.3"],
    ]


def test_progress_parts_split_a_mission_too_long_for_one_chart_and_lose_no_row():
    rows = _branch("1", 2) + _branch("2", 30)
    parts = progress_parts(rows, 12)
    assert all(len(part) <= 12 for part in parts)
    assert [row for part in parts for row in part] == rows
    assert parts[0][0].heading == "1"
    assert parts[1][0].heading == "2"


def test_a_chart_taller_than_the_page_prints_narrower():
    table = ChartTable(caption="", headers=(), rows=())
    short = Chart(title="Short", description="", drawing=Drawing("<svg/>", 480, 300), table=table)
    tall = Chart(title="Tall", description="", drawing=Drawing("<svg/>", 480, 1200), table=table)
    assert short.print_width_cm(width_cm=16, height_cm=22) == 16
    assert tall.print_width_cm(width_cm=16, height_cm=22) == pytest.approx(8.8)


@pytest.mark.django_db
def test_seed_002_progress_is_drawn_in_parts_that_hold_every_mission_and_priority(
    harlow_plan, harlow_q1
):
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    progress = [c for c in charts_for(position) if c.title.startswith("Progress")]
    assert len(position.progress) > PROGRESS_LINES_PER_CHART  # 6 missions, 17 priorities
    assert [c.title for c in progress] == [
        "Progress: reported and computed (1 of 2)",
        "Progress: reported and computed (2 of 2)",
    ]
    shown = [values[0] for chart in progress for values in chart.table.rows]
    assert shown == [row.heading for row in position.progress]
    for chart in progress:
        # Printed 16 cm wide, each part stays shorter than the page's 26 cm of text.
        assert chart.print_width_cm(width_cm=16, height_cm=22) > 12, chart.title
        assert chart.svg.startswith('<svg role="img" aria-label="Progress: reported')


@pytest.mark.django_db
def test_word_pictures_fit_the_a4_page(harlow_plan, harlow_q1):
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    document = Document(io.BytesIO(report_render_position(position=position, format="docx")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    room = section.page_height - section.top_margin - section.bottom_margin
    pictures = document.inline_shapes
    assert len(pictures) == len(charts_for(position))
    for picture in pictures:
        assert picture.height < room
        assert picture.width <= section.page_width - section.left_margin - section.right_margin


@pytest.mark.django_db
def test_pdf_charts_stay_inside_their_pages(harlow_plan, harlow_q1):
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    data = report_render_position(position=position, format="pdf")
    bottom_margin = 18 / 25.4 * 72
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        rects = [(page, rect) for page in pdf.pages for rect in page.rects]
        # A chart is drawn as rectangles (its background and bars) on the page it starts on.
        assert len(rects) > 20
        for page, rect in rects:
            assert rect["top"] >= 0, page.page_number
            assert rect["bottom"] <= page.height - bottom_margin, page.page_number


def test_a_chart_is_drawn_in_one_font_that_has_every_status_shape():
    from fontTools.ttLib import TTFont

    from councilplan.reports.data import RAG_SHAPES, SUGGESTED_SHAPES
    from councilplan.reports.render.charts import FONT, FONT_FILE, _bar_chart

    glyphs = TTFont(FONT_FILE).getBestCmap()
    assert FONT.startswith("'DejaVu Sans'")
    for shape in (*RAG_SHAPES.values(), *SUGGESTED_SHAPES.values()):
        assert ord(shape) in glyphs, shape
    drawing = _bar_chart([("△ Suggested: Red", [(3, "#d4351c", "3")])], axis_title="Items")
    assert drawing.svg.count("font-family=") == 1  # the root's, nothing else
    assert f'font-family="{FONT}"' in drawing.svg


def test_a_bar_label_too_long_is_cut_at_a_word():
    from councilplan.reports.render.charts import LABEL_CHARACTERS, _short

    label = _short("2.2 Respect our natural resources through minimising pollution", 36)
    assert label == "2.2 Respect our natural resources…"
    assert len(label) <= LABEL_CHARACTERS
