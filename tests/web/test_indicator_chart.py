"""The indicator chart's drawing: round ticks that hold every figure, one period or many,
figures below zero, a period with no value (a gap, not a zero)."""

from datetime import date

import pytest

from councilplan.domain.engine import Bands, Polarity, Quantity
from councilplan.domain.engine.series import MeasurePoint
from councilplan.domain.indicators import Target, band_edges
from councilplan.plans.models import ReportingPeriod
from councilplan.web.indicator import IndicatorPeriod
from councilplan.web.indicator_chart import _Scale, indicator_chart


def _row(key: str, value: float | None, target: float | None) -> IndicatorPeriod:
    edges = band_edges(Target(target), Polarity.HIGHER, Bands(5, 10)) if target else None
    point = MeasurePoint(
        period_key=key,
        actual=Quantity(value=value) if value is not None else None,
        target=Quantity(value=target),
        suggestion=None,
        edges=edges,
        direction_previous=None,
        direction_last_year=None,
    )
    period = ReportingPeriod(
        key=key, label=key, starts_on=date(2024, 4, 1), ends_on=date(2024, 6, 30)
    )
    return IndicatorPeriod(
        period=period, point=point, reported_status="", reported_trend="", note=""
    )


@pytest.mark.parametrize(
    "rows",
    [
        [_row("2024-Q1", 18900, 19875), _row("2024-Q2", 17600, 19625)],
        [_row("2024-Q1", 73, 75)],
        [_row("2024-Q1", -4.5, None), _row("2024-Q2", 2.0, None)],
        [_row("2024-Q1", 5, 5), _row("2024-Q2", 5, 5)],
        [_row("2024-Q1", 0.12, 0.1)],
    ],
)
def test_the_scale_holds_every_figure_on_round_ticks(rows):
    scale = _Scale(rows)
    figures = [r.point.number for r in rows if r.point.number is not None]
    figures += [r.point.target.value for r in rows if r.point.target.value is not None]
    assert scale.low <= min(figures)
    assert max(figures) <= scale.high
    assert 3 <= len(scale.ticks) <= 8
    steps = {round(b - a, 9) for a, b in zip(scale.ticks, scale.ticks[1:], strict=False)}
    assert len(steps) == 1  # evenly spaced
    if min(figures) >= 0:
        assert scale.low >= 0


def test_a_period_with_no_value_is_a_gap_not_a_zero():
    chart = indicator_chart(
        [_row("2024-Q1", 10, 12), _row("2024-Q2", None, 12), _row("2024-Q3", 11, 12)],
        name="Cases",
        unit="",
    )
    assert chart.svg.count("<circle") == 2 + 1  # two values, and the legend's mark
    assert "2024-Q2: No value against a target of 12" in chart.description
