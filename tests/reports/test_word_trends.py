"""The Word report's small trends: each indicator's picture shows its own figures (the points
where they are, the dashed target, the last figure written), with its alt text; the document
is written in one go and keeps its contents in the contents field."""

import io
import math

import pytest
from docx import Document
from PIL import Image

from councilplan.demo.generated_plan import report_plan_document
from councilplan.interchange.load import plan_import_document
from councilplan.plans.selectors import period_current
from councilplan.reports.render.charts import (
    REPORTED_COLOUR,
    TARGET_COLOUR,
    TREND_HEIGHT,
    TREND_WIDTH,
    TrendShape,
    trend_small,
)
from councilplan.reports.render.trend_png import SCALE, dashes, trend_png
from councilplan.reports.selectors import plan_position
from councilplan.reports.services import report_render_position

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _near(pixel, colour: str, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], _rgb(colour), strict=True))


def _distance_to_line(x: float, y: float, points) -> float:
    best = math.inf
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        dx, dy = x1 - x0, y1 - y0
        share = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / ((dx * dx + dy * dy) or 1)))
        best = min(best, math.hypot(x - (x0 + share * dx), y - (y0 + share * dy)))
    return best


def assert_trend_drawn(png: bytes, shape: TrendShape) -> None:
    """The picture is the trend of `shape`: a blue dot at every point and blue nowhere but on
    the line through them; the target dark at the middle of each dash and not between
    them; the last figure dark beside the last point."""
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    assert picture.size == (TREND_WIDTH * SCALE, TREND_HEIGHT * SCALE)
    for x, y in shape.points:
        assert _near(_pixel(picture, x, y), REPORTED_COLOUR), (x, y)
    for py in range(picture.height):
        for px in range(picture.width):
            if _near(picture.getpixel((px, py)), REPORTED_COLOUR, tolerance=25):
                # The line is 2 wide and the dots 2.5 in radius, in the SVG's pixels.
                distance = _distance_to_line((px + 0.5) / SCALE, (py + 0.5) / SCALE, shape.points)
                assert distance <= 2.5 + 1 / SCALE, (px, py)
    if shape.targets:
        _assert_dashed(picture, shape)
    x, y, _ = shape.last
    figure = [
        picture.getpixel((px, py))
        for px in range(int(x * SCALE), min(int((x + 14) * SCALE), picture.width))
        for py in range(int((y - 8) * SCALE), int(y * SCALE))
    ]
    assert sum(_near(p, TARGET_COLOUR, tolerance=60) for p in figure) > 20


def _pixel(picture: Image.Image, x: float, y: float):
    """The pixel at a point given in the SVG's pixels."""
    return picture.getpixel((min(int(x * SCALE), picture.width - 1), int(y * SCALE)))


def _assert_dashed(picture: Image.Image, shape: TrendShape) -> None:
    """Dark at the middle of each dash of the target, not in the gaps between (where the
    figures' line does not cover them)."""
    pieces = dashes(shape.targets, (4.0, 3.0))
    assert len(pieces) > 3
    for piece in pieces:
        (x0, y0), (x1, y1) = piece[0], piece[-1]
        middle = ((x0 + x1) / 2, (y0 + y1) / 2)
        if _distance_to_line(*middle, shape.points) > 3:
            # A thin line drawn slanting covers its pixels in part: the darkest of those
            # around its middle is the target's colour.
            x, y = int(middle[0] * SCALE), int(middle[1] * SCALE)
            around = [picture.getpixel((x + dx, y + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
            assert _near(min(around, key=sum), TARGET_COLOUR), middle
    for before, after in zip(pieces, pieces[1:], strict=False):
        gap = ((before[-1][0] + after[0][0]) / 2, (before[-1][1] + after[0][1]) / 2)
        if _distance_to_line(*gap, shape.points) > 3:
            assert not _near(_pixel(picture, *gap), TARGET_COLOUR, tolerance=60), gap


def _shape(series, targets) -> TrendShape:
    from councilplan.reports.render.charts import _small_shape

    return _small_shape(series, targets)


def test_a_trend_is_drawn_where_its_figures_are():
    series = [("Q1", 10.0), ("Q2", 40.0), ("Q3", 25.0), ("Q4", 35.0)]
    shape = _shape(series, [(key, 30.0) for key, _ in series])
    assert_trend_drawn(trend_png(shape), shape)


def test_a_trend_with_changing_targets_and_no_target():
    series = [("Q1", 5.0), ("Q2", 7.5), ("Q3", 2.0)]
    changing = _shape(series, [("Q1", 4.0), ("Q2", 6.0), ("Q3", 8.0)])
    assert_trend_drawn(trend_png(changing), changing)
    alone = _shape(series, [])
    assert alone.targets == ()
    png = trend_png(alone)
    assert_trend_drawn(png, alone)
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    assert not any(
        _near(picture.getpixel((px, py)), TARGET_COLOUR, tolerance=60)
        for px in range(0, int(alone.last[0] * SCALE) - 10)
        for py in range(picture.height)
    )  # nothing dark but the figure


def test_a_wrong_trend_fails_the_check():
    """The check above can fail: the picture of other figures is not this trend's."""
    series = [("Q1", 10.0), ("Q2", 40.0), ("Q3", 25.0), ("Q4", 35.0)]
    shape = _shape(series, [(key, 30.0) for key, _ in series])
    other = _shape(list(reversed(series)), [(key, 30.0) for key, _ in series])
    with pytest.raises(AssertionError):
        assert_trend_drawn(trend_png(other), shape)


def _plan(actions: int, *, twins: bool = False):
    document = report_plan_document(actions=actions, quarters=4, plan_id="word-trends")
    for value in document["measure_values"]:
        value["target"] = {"text": "60%", "value": 60}
    if twins:  # the second measure's figures the same as the first's
        values = document["measure_values"]
        first, second = (sorted({v["measure"] for v in values})[i] for i in (0, 1))
        by_period = {v["period"]: v for v in values if v["measure"] == first}
        for value in values:
            if value["measure"] == second:
                value["value"] = by_period[value["period"]]["value"]
                value["text"] = by_period[value["period"]]["text"]
    plan = plan_import_document(document=document).plan
    return plan_position(plan=plan, period=period_current(plan=plan))


def _trend_pictures(data: bytes) -> list[tuple[str, bytes, str]]:
    """Each trend picture's alt text, its PNG and its relationship id, in order."""
    document = Document(io.BytesIO(data))
    rels = document.part.rels
    found = []
    for inline in document.element.body.iter(f"{WP}inline"):
        alt = inline.find(f"{WP}docPr").get("descr")
        if alt.startswith("Trend of "):
            rel_id = inline.find(f".//{A}blip").get(f"{R}embed")
            found.append((alt, rels[rel_id].target_part.blob, rel_id))
    return found


@pytest.mark.django_db
def test_each_word_trend_shows_its_own_indicators_figures():
    position = _plan(actions=6)
    trends = {
        trend.label: trend
        for row in position.items_shown
        for measure in row.measures
        if (trend := trend_small(measure))
    }
    assert len(trends) == 6
    pictures = _trend_pictures(report_render_position(position=position, format="docx"))
    assert sorted(alt for alt, _, _ in pictures) == sorted(trends)  # each once, alt text whole
    for alt, png, _ in pictures:
        assert_trend_drawn(png, trends[alt].shape)


@pytest.mark.django_db
def test_identical_trends_share_one_picture_each_with_its_own_alt_text():
    position = _plan(actions=3, twins=True)
    pictures = _trend_pictures(report_render_position(position=position, format="docx"))
    assert len(pictures) == 3
    assert len({alt for alt, _, _ in pictures}) == 3  # the measures' names differ
    assert len({rel_id for _, _, rel_id in pictures}) == 2
    assert len({png for _, png, _ in pictures}) == 2


@pytest.mark.django_db
def test_word_contents_lists_the_sections_inside_its_field():
    position = _plan(actions=2)
    document = Document(io.BytesIO(report_render_position(position=position, format="docx")))
    paragraph = next(
        p
        for p in document.element.body.iter(f"{W}p")
        if any("TOC" in (t.text or "") for t in p.iter(f"{W}instrText"))
    )
    marks = [
        ("text", t.text) if t.tag == f"{W}t" else ("field", t.get(f"{W}fldCharType"))
        for t in paragraph.iter(f"{W}t", f"{W}fldChar")
    ]
    kinds = [mark for mark, _ in marks]
    # begin, separate, the sections as the field's result until Word works it out, end.
    assert [value for mark, value in marks if mark == "field"] == ["begin", "separate", "end"]
    assert kinds.index("text") > 1
    assert kinds[-1] == "field"
    shown = "\n".join(value for mark, value in marks if mark == "text")
    assert "Executive summary" in shown
    assert "The plan in full" in shown
    # Every piece of the body was added in order, the section properties last.
    assert document.element.body[-1].tag == f"{W}sectPr"
