"""An indicator's trend chart, drawn on the server as plain SVG (as reports/render/charts.py draws
the reports' charts): the value in each period as a line of labelled points, the period's
target as a dashed line, and the tolerance bands shaded beside the target. A legend says
what each mark is in words, the image has a text alternative, and the page prints the same
figures in a table beneath it: never colour alone."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from councilplan.domain.wording import figure_text
from councilplan.web.indicator import IndicatorPeriod

WIDTH = 640
LEFT, RIGHT, TOP, PLOT_HEIGHT = 64, 16, 44, 220
FONT = "Arial, 'Liberation Sans', sans-serif"
TEXT_COLOUR = "#0b0c0c"
VALUE_COLOUR = "#1d70b8"  # GOV.UK blue
GRID_COLOUR = "#b1b4b6"
GREEN_BAND = "#cce2d8"  # GOV.UK green, tinted
AMBER_BAND = "#fcd6c3"  # GOV.UK orange, tinted
TICKS = 5
ROTATE_LABELS_OVER = 8  # periods: beyond this the period labels are drawn slanting


@dataclass(frozen=True)
class IndicatorChart:
    svg: str  # with its text alternative (role="img", aria-label)
    description: str


def indicator_chart(rows: Sequence[IndicatorPeriod], *, name: str, unit: str) -> IndicatorChart:
    """The chart of `rows` (periods in date order); rows with no value leave a gap."""
    scale = _Scale(rows)
    step = (WIDTH - LEFT - RIGHT) / max(len(rows), 1)
    centres = [LEFT + step * (index + 0.5) for index in range(len(rows))]
    parts = [
        _grid(scale),
        *_bands(rows, centres, step, scale),
        _target_line(rows, centres, step, scale),
    ]
    parts += _values(rows, centres, scale)
    parts += _period_labels(rows, centres)
    parts += _legend(has_bands=any(row.point.edges for row in rows))
    bottom = TOP + PLOT_HEIGHT + (62 if len(rows) > ROTATE_LABELS_OVER else 44)
    parts.append(_text(LEFT + (WIDTH - LEFT - RIGHT) / 2, bottom - 6, "Period", anchor="middle"))
    parts.append(_text(14, TOP + PLOT_HEIGHT / 2, unit or "Value", anchor="middle", rotate=True))
    description = _description(rows, unit)
    label = escape(f"Trend of {name}: {description}", quote=True)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" '
        f'width="{WIDTH}" height="{bottom:.0f}" viewBox="0 0 {WIDTH} {bottom:.0f}" '
        f'font-family="{FONT}"><rect width="100%" height="100%" fill="#ffffff"/>'
        + "".join(parts)
        + "</svg>"
    )
    return IndicatorChart(svg=svg, description=description)


class _Scale:
    """Figures to heights: every value, target and band edge fits, on round ticks."""

    def __init__(self, rows: Sequence[IndicatorPeriod]) -> None:
        figures: list[float] = []
        for row in rows:
            point = row.point
            quantities = (point.number, point.target.value, point.target.upper)
            figures += [figure for figure in quantities if figure is not None]
            if point.edges is not None:
                edges = (*point.edges.green, *point.edges.amber)
                figures += [figure for figure in edges if figure is not None]
        low, high = min(figures, default=0.0), max(figures, default=1.0)
        room = (high - low) * 0.05 or abs(high) * 0.1 or 1.0
        step = _round_step((high - low + 2 * room) / (TICKS - 1))
        # Figures that are all 0 or more keep the axis at 0 or above.
        bottom = low - room if low < 0 or low - room >= 0 else 0.0
        self.low = math.floor(bottom / step) * step
        self.high = max(math.ceil((high + room) / step) * step, self.low + step)
        self.ticks = [self.low + step * n for n in range(round((self.high - self.low) / step) + 1)]

    def y(self, figure: float) -> float:
        figure = min(max(figure, self.low), self.high)
        return TOP + PLOT_HEIGHT - (figure - self.low) / (self.high - self.low) * PLOT_HEIGHT


def _round_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `raw`."""
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _grid(scale: _Scale) -> str:
    parts = []
    for figure in scale.ticks:
        y = scale.y(figure)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 6, y + 4, figure_text(round(figure, 6)), size=10, anchor="end"))
    bottom = TOP + PLOT_HEIGHT
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="{TEXT_COLOUR}"/>'
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" '
        f'stroke="{TEXT_COLOUR}"/>'
    )
    return "".join(parts)


def _bands(
    rows: Sequence[IndicatorPeriod], centres: Sequence[float], step: float, scale: _Scale
) -> list[str]:
    """Each period's amber band (between where Green ends and where Red begins) and green
    band (between the target and where Green ends), on the worse side of the target."""
    parts = []
    for row, centre in zip(rows, centres, strict=True):
        edges, target = row.point.edges, row.point.target
        if edges is None or target.value is None:
            continue
        low_target = min(target.value, target.upper if target.upper is not None else target.value)
        high_target = max(target.value, target.upper if target.upper is not None else target.value)
        green_low, green_high = edges.green
        amber_low, amber_high = edges.amber
        spans = []
        if green_low is not None and amber_low is not None:
            spans += [(green_low, low_target, GREEN_BAND), (amber_low, green_low, AMBER_BAND)]
        if green_high is not None and amber_high is not None:
            spans += [(high_target, green_high, GREEN_BAND), (green_high, amber_high, AMBER_BAND)]
        for bottom, top, colour in spans:
            if top <= bottom:
                continue
            y_top, y_bottom = scale.y(top), scale.y(bottom)
            parts.append(
                f'<rect x="{centre - step / 2:.1f}" y="{y_top:.1f}" width="{step:.1f}" '
                f'height="{y_bottom - y_top:.1f}" fill="{colour}"/>'
            )
    return parts


def _target_line(
    rows: Sequence[IndicatorPeriod], centres: Sequence[float], step: float, scale: _Scale
) -> str:
    """The target of each period as a dashed step line (both ends of a range)."""
    paths = []
    for which in ("value", "upper"):
        commands = []
        joined = False
        for row, centre in zip(rows, centres, strict=True):
            figure = getattr(row.point.target, which)
            if figure is None:
                joined = False
                continue
            y = scale.y(figure)
            start, end = centre - step / 2, centre + step / 2
            commands.append(f"{'L' if joined else 'M'}{start:.1f},{y:.1f} L{end:.1f},{y:.1f}")
            joined = True
        if commands:
            paths.append(
                f'<path d="{" ".join(commands)}" fill="none" stroke="{TEXT_COLOUR}" '
                f'stroke-width="2" stroke-dasharray="6 4"/>'
            )
    return "".join(paths)


def _values(rows: Sequence[IndicatorPeriod], centres: Sequence[float], scale: _Scale) -> list[str]:
    points = [
        (centre, scale.y(row.point.number), row.point.number)
        for row, centre in zip(rows, centres, strict=True)
        if row.point.number is not None
    ]
    parts = []
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{VALUE_COLOUR}" stroke-width="3"/>'
        )
    for x, y, figure in points:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{VALUE_COLOUR}"/>')
        parts.append(_text(x, y - 10, figure_text(figure), size=11, anchor="middle", bold=True))
    return parts


def _period_labels(rows: Sequence[IndicatorPeriod], centres: Sequence[float]) -> list[str]:
    slanted = len(rows) > ROTATE_LABELS_OVER
    y = TOP + PLOT_HEIGHT + 16
    return [
        _text(
            x,
            y,
            row.period.key,
            size=10,
            anchor="end" if slanted else "middle",
            rotate_by=-40 if slanted else 0,
        )
        for row, x in zip(rows, centres, strict=True)
    ]


def _legend(*, has_bands: bool) -> list[str]:
    y = 16
    parts = [
        _line(LEFT, y, LEFT + 24, y, VALUE_COLOUR, width=3),
        f'<circle cx="{LEFT + 12}" cy="{y}" r="4" fill="{VALUE_COLOUR}"/>',
        _text(LEFT + 30, y + 4, "Value"),
        _line(LEFT + 90, y, LEFT + 114, y, TEXT_COLOUR, width=2, dashed=True),
        _text(LEFT + 120, y + 4, "Target"),
    ]
    if has_bands:
        parts += [
            _swatch(LEFT + 180, y - 7, GREEN_BAND),
            _text(LEFT + 206, y + 4, "Green band"),
            _swatch(LEFT + 300, y - 7, AMBER_BAND),
            _text(LEFT + 326, y + 4, "Amber band (Red beyond)"),
        ]
    return parts


def _line(
    x1: float, y1: float, x2: float, y2: float, colour: str, *, width: int, dashed: bool = False
) -> str:
    dashes = ' stroke-dasharray="6 4"' if dashed else ""
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" '
        f'stroke-width="{width}"{dashes}/>'
    )


def _swatch(x: float, y: float, colour: str) -> str:
    return f'<rect x="{x}" y="{y}" width="20" height="14" fill="{colour}" stroke="{GRID_COLOUR}"/>'


def _description(rows: Sequence[IndicatorPeriod], unit: str) -> str:
    """The chart in words: each period's value, target and computed status."""
    said = []
    for row in rows:
        words = f"{row.period.label}: {row.value_shown}"
        if row.point.target.value is not None:
            words += f" against a target of {row.target_shown}, {row.status_word}"
        said.append(words)
    return "; ".join(said) + ". The table below gives the same figures."


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 12,
    anchor: str = "start",
    rotate: bool = False,
    rotate_by: int = 0,
    bold: bool = False,
) -> str:
    angle = -90 if rotate else rotate_by
    transform = f' transform="rotate({angle} {x:.1f} {y:.1f})"' if angle else ""
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{TEXT_COLOUR}"{weight}{transform}>{escape(text, quote=False)}</text>'
    )
