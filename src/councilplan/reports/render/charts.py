"""Charts a councillor reads at a glance, each with its data as a table.

Each chart is drawn here as plain SVG (a few bars or a line: far quicker than starting a
charting engine for each report); Word gets the same drawing as PNG, turned by vl-convert's
SVG renderer, on this machine, with no network, and each measure's small trend drawn from its
shape by trend_png.py (thousands of them: quicker than converting each SVG). Bars carry their
status word or figure as a label: never colour alone.
"""

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import vl_convert as vlc

from councilplan.domain.wording import cut_at_word, percent_text
from councilplan.reports.data import RAG_COLOURS, ChartTable, MeasureRow, PlanPosition, ProgressRow

# A measure's small trend, drawn beside it in its table: every measure with two or more
# figures has one (no cap), so it is small, plain SVG.
TREND_WIDTH = 150
TREND_HEIGHT = 46
TARGET_COLOUR = "#0b0c0c"
# A progress chart of more lines than this is split in several, so that each fits a printed
# page at a readable size (a line is up to 48 pixels high).
PROGRESS_LINES_PER_CHART = 12
CHART_WIDTH = 480
# Room for the bar labels on the left of a bar chart, and a bar's height.
LABEL_WIDTH = 260
LABEL_CHARACTERS = 36  # as many as fit in LABEL_WIDTH at 11 pixels
BAR_HEIGHT = 22
# One font for every word and status shape of a chart: DejaVu Sans draws them all (△ ◇ ◌ ☆
# too). With Arial or Liberation Sans first, the PNG renderer falls back word by word and a
# chart came out in three fonts, serif and bold among them.
FONT = "'DejaVu Sans', Verdana, sans-serif"
FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
REPORTED_COLOUR = "#1d70b8"
COMPUTED_COLOUR = "#505a5f"
TEXT_COLOUR = "#0b0c0c"


@dataclass(frozen=True)
class Drawing:
    svg: str  # without its accessible name
    width: float  # pixels
    height: float


@dataclass
class Chart:
    title: str
    description: str
    drawing: Drawing
    table: ChartTable
    # The widest it is printed (a short chart need not fill the page's width).
    widest_cm: float = 16.0

    @cached_property
    def svg(self) -> str:
        # A title and a description make the image readable to screen readers.
        label = _attribute(f"{self.title}: {self.description}")
        return self.drawing.svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)

    @cached_property
    def png(self) -> bytes:
        return vlc.svg_to_png(self.drawing.svg, scale=1.5)

    def print_width_cm(self, *, width_cm: float, height_cm: float) -> float:
        """The width to print the chart at: `width_cm`, or less where the chart would then be
        taller than `height_cm` (a picture taller than the page is cut off)."""
        return min(width_cm, self.widest_cm, height_cm * self.drawing.width / self.drawing.height)

    @property
    def png_base64(self) -> str:
        return base64.b64encode(self.png).decode("ascii")

    @property
    def alt_text(self) -> str:
        return f"{self.title}: {self.description}"


def charts_for(position: PlanPosition) -> list[Chart]:
    charts = [_status_mix(position)]
    charts.extend(_progress_charts(position))
    return charts


def status_mix_chart(position: PlanPosition) -> Chart:
    return _status_mix(position)


def progress_charts(position: PlanPosition) -> list[Chart]:
    return _progress_charts(position) if position.progress else []


@dataclass(frozen=True)
class TrendShape:
    """A small trend's lines in its drawing's pixels (y downwards; the SVG writes them to a
    tenth), for a renderer that draws it itself (the PDF): the figures' points, the
    target's, and the last figure as written beside its point (where its baseline starts,
    and its text)."""

    points: tuple[tuple[float, float], ...]
    targets: tuple[tuple[float, float], ...]
    last: tuple[float, float, str]


@dataclass(frozen=True)
class SmallTrend:
    """A measure's figures by period as a small line, its target as a dashed line."""

    label: str  # the figures in words: the trend's alt text
    shape: TrendShape

    @cached_property
    def drawing(self) -> Drawing:
        # Drawn as SVG only when asked: Word and the PDF draw the trend from its shape.
        return _small_line(self.shape)

    @cached_property
    def svg(self) -> str:
        label = _attribute(self.label)
        return self.drawing.svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def trend_small(measure: MeasureRow) -> SmallTrend | None:
    """The measure's trend, or None with fewer than two figures."""
    if not measure.has_trend:
        return None
    targets = [(key, float(v)) for key, v in measure.target_series if v is not None]
    figures = ", ".join(f"{key} {_figure(value)}" for key, value in measure.series)
    label = f"Trend of {measure.name}: {figures}"
    if targets:
        distinct = sorted({value for _, value in targets})
        label += (
            f"; target {_figure(distinct[0])}"
            if len(distinct) == 1
            else "; targets " + ", ".join(f"{key} {_figure(value)}" for key, value in targets)
        )
        label += " (dashed line)"
    shape = _small_shape(measure.series, measure.target_series)
    return SmallTrend(label, shape)


def _small_shape(
    series: Sequence[tuple[str, float]], targets: Sequence[tuple[str, float | None]]
) -> TrendShape:
    left, right, top, bottom = 4, 40, 6, TREND_HEIGHT - 6
    values = [float(value) for _, value in series]
    target_values = {key: float(value) for key, value in targets if value is not None}
    everything = values + list(target_values.values())
    low, high = min(everything), max(everything)
    span = (high - low) or 1
    step = (TREND_WIDTH - left - right) / max(len(series) - 1, 1)

    def y(value: float) -> float:
        return bottom - (value - low) / span * (bottom - top)

    points = [(left + index * step, y(value)) for index, value in enumerate(values)]
    target_points = [
        (left + index * step, y(target_values[key]))
        for index, (key, _) in enumerate(series)
        if key in target_values
    ]
    if len(target_points) == 1:  # one period's target: a level line across
        target_points = [(left, target_points[0][1]), (TREND_WIDTH - right, target_points[0][1])]
    last_x, last_y = points[-1]
    last = (last_x + 5, last_y + 4, _figure(values[-1]))
    return TrendShape(tuple(points), tuple(target_points), last)


def _small_line(shape: TrendShape) -> Drawing:
    # Written in pieces, each point formatted once for its stretch of line and its dot: a
    # plan draws thousands of these, and the same SVG as _svg and _text would write.
    parts = [TREND_HEAD]
    if shape.targets:
        parts += [
            '<polyline points="',
            " ".join(["%.1f,%.1f" % point for point in shape.targets]),
            TREND_TARGET_LINE,
        ]
    parts += [
        '<polyline points="',
        " ".join(["%.1f,%.1f" % point for point in shape.points]),
        TREND_FIGURES_LINE,
    ]
    parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}{TREND_DOT}' for x, y in shape.points]
    x, y, text = shape.last
    parts += [_text(x, y, text, size=11), "</svg>"]
    return Drawing(svg="".join(parts), width=TREND_WIDTH, height=TREND_HEIGHT)


def _status_mix(position: PlanPosition) -> Chart:
    bars = [
        (f"{count.shape} {count.word}", [(count.count, RAG_COLOURS[count.rag], str(count.count))])
        for count in position.status_mix
    ]
    return Chart(
        title="Items by status",
        description="; ".join(f"{label}: {values[0][0]}" for label, values in bars),
        drawing=_bar_chart(bars, axis_title="Items"),
        table=ChartTable(
            caption="Items by status (lowest-level items)",
            headers=("Status", "Items", "Share"),
            rows=tuple(
                (count.word, count.count, percent_text(count.share))
                for count in position.status_mix
            ),
        ),
        widest_cm=11.0,
    )


def _progress_charts(position: PlanPosition) -> list[Chart]:
    parts = progress_parts(position.progress, PROGRESS_LINES_PER_CHART)
    title = "Progress: reported and computed"
    caption = "Progress by " + " and ".join(position.level_names[:2]).lower()
    if len(parts) == 1:
        return [_progress(parts[0], title=title, caption=caption)]
    return [
        _progress(
            rows,
            title=f"{title} ({number} of {len(parts)})",
            caption=f"{caption} ({number} of {len(parts)})",
        )
        for number, rows in enumerate(parts, start=1)
    ]


def progress_parts(rows: Sequence[ProgressRow], lines: int) -> list[list[ProgressRow]]:
    """The progress rows in parts of at most `lines`, each top-level item kept with the items
    below it where they fit in one part."""
    branches: list[list[ProgressRow]] = []
    for row in rows:
        if row.depth == 0 or not branches:
            branches.append([])
        branches[-1].append(row)
    parts: list[list[ProgressRow]] = []
    for branch in branches:
        if parts and len(parts[-1]) + len(branch) <= lines:
            parts[-1].extend(branch)
            continue
        parts.extend(branch[start : start + lines] for start in range(0, len(branch), lines))
    return parts


def _progress(rows: Sequence[ProgressRow], *, title: str, caption: str) -> Chart:
    bars = []
    for row in rows:
        label = _short(row.heading, LABEL_CHARACTERS)
        values = []
        if row.reported_percent is not None:
            values.append(
                (
                    row.reported_percent,
                    REPORTED_COLOUR,
                    f"Reported {percent_text(row.reported_percent)}",
                )
            )
        if row.computed_percent is not None:
            computed = round(row.computed_percent, 1)
            values.append((computed, COMPUTED_COLOUR, f"Computed {percent_text(computed)}"))
        bars.append((label, values))
    return Chart(
        title=title,
        description=(
            "Percent complete of each top-level item as reported and as its items imply, "
            f"from {rows[0].heading} to {rows[-1].heading}"
            if len(rows) > 1
            else f"Percent complete of {rows[0].heading} as reported and as its items imply"
        ),
        drawing=_bar_chart(bars, axis_title="Percent complete", maximum=100),
        table=ChartTable(
            caption=caption,
            headers=("Item", "Reported %", "Computed %", "Differs"),
            rows=tuple(
                (
                    row.heading,
                    row.reported_percent,
                    None if row.computed_percent is None else round(row.computed_percent, 1),
                    "Yes" if row.differs else "No",
                )
                for row in rows
            ),
        ),
    )


Bar = tuple[float, str, str]  # value, colour, label written beside the bar


def _bar_chart(
    bars: Sequence[tuple[str, Sequence[Bar]]],
    *,
    axis_title: str,
    maximum: float | None = None,
) -> Drawing:
    """Horizontal bars, one group a line: its label on the left, each bar's label after it
    (the title is the figure's caption, not drawn)."""
    top = 8
    plot_width = CHART_WIDTH - LABEL_WIDTH - 70
    largest = maximum or max((value for _, values in bars for value, _, _ in values), default=0)
    largest = largest or 1
    parts = []
    y = top
    for label, values in bars:
        group_height = BAR_HEIGHT * max(len(values), 1)
        parts.append(_text(LABEL_WIDTH - 8, y + group_height / 2 + 4, label, anchor="end"))
        for index, (value, colour, text) in enumerate(values):
            bar_y = y + index * BAR_HEIGHT + 3
            length = max(0.0, value) / largest * plot_width
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{length:.1f}" '
                f'height="{BAR_HEIGHT - 6}" fill="{colour}"/>'
            )
            parts.append(_text(LABEL_WIDTH + length + 4, bar_y + BAR_HEIGHT - 10, text, size=10))
        y += group_height + 4
    axis_y = y + 2
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{top}" x2="{LABEL_WIDTH}" y2="{axis_y}" '
        f'stroke="{TEXT_COLOUR}"/>'
        f'<line x1="{LABEL_WIDTH}" y1="{axis_y}" x2="{LABEL_WIDTH + plot_width}" y2="{axis_y}" '
        f'stroke="{TEXT_COLOUR}"/>'
    )
    parts.append(_text(LABEL_WIDTH, axis_y + 14, "0", size=10, anchor="middle"))
    parts.append(
        _text(LABEL_WIDTH + plot_width, axis_y + 14, f"{largest:g}", size=10, anchor="middle")
    )
    parts.append(_text(LABEL_WIDTH + plot_width / 2, axis_y + 30, axis_title, anchor="middle"))
    return _svg(CHART_WIDTH, axis_y + 40, parts)


def _figure(value: float) -> str:
    return f"{value:,.4g}"


def _svg(width: float, height: float, parts: list[str]) -> Drawing:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT}">'
        f'<rect width="100%" height="100%" fill="#ffffff"/>' + "".join(parts) + "</svg>"
    )
    return Drawing(svg=svg, width=round(width), height=round(height))


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 11,
    anchor: str = "start",
    rotate: bool = False,
) -> str:
    transform = f' transform="rotate(-90 {x:.1f} {y:.1f})"' if rotate else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{TEXT_COLOUR}"{transform}>{_escape(text)}</text>'
    )


def _short(text: str, length: int) -> str:
    """A bar's label: whole, or cut at a word with an ellipsis (its data table has it whole)."""
    return cut_at_word(text, length)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


# A small trend's fixed pieces (see _small_line).
TREND_HEAD = _svg(TREND_WIDTH, TREND_HEIGHT, []).svg.removesuffix("</svg>")
TREND_TARGET_LINE = (
    f'" fill="none" stroke="{TARGET_COLOUR}" stroke-width="1.2" stroke-dasharray="4 3"/>'
)
TREND_FIGURES_LINE = f'" fill="none" stroke="{REPORTED_COLOUR}" stroke-width="2"/>'
TREND_DOT = f'" r="2.5" fill="{REPORTED_COLOUR}"/>'
