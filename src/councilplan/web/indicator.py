"""One indicator's page: its value, target, computed and reported status and directions in
every period, from the engine's own measure rules (domain/engine/series.py). A fixed number
of queries: the measure, the plan's periods, its values and its targets."""

from dataclasses import dataclass
from typing import Any

from councilplan.domain.engine import Bands, MeasureInput, Polarity, Quantity, ValueState
from councilplan.domain.engine.series import MeasurePoint, measure_points_compute
from councilplan.domain.periods import FinancialCalendar, PeriodError, period_parse
from councilplan.domain.wording import figure_text
from councilplan.plans.models import Measure, MeasureTarget, MeasureValue, Plan, ReportingPeriod
from councilplan.plans.selectors import period_list
from councilplan.plans.tolerance import measure_bands, plan_bands
from councilplan.web.scorecard import DIRECTIONS, NOT_RATED_REASONS, STATUS_WORDS

DIRECTION_WORDS = {"improved": "better", "worse": "worse", "same": "same"}


@dataclass(frozen=True)
class IndicatorPeriod:
    """One period of an indicator as its page's table prints it."""

    period: ReportingPeriod
    point: MeasurePoint
    reported_status: str
    reported_trend: str
    note: str

    @property
    def value_shown(self) -> str:
        actual = self.point.actual
        if actual is None:
            return "No value"
        if reason := NOT_RATED_REASONS.get(str(actual.state)):
            when = f", expected {actual.expected_on:%-d %b %Y}" if actual.expected_on else ""
            return reason + when
        return actual.text or figure_text(actual.value) or "No value"

    @property
    def target_shown(self) -> str:
        target = self.point.target
        return target.text or figure_text(target.value) or "No target"

    @property
    def status(self) -> str:
        suggestion = self.point.suggestion
        return suggestion.rag.value if suggestion else "none"

    @property
    def status_word(self) -> str:
        return STATUS_WORDS.get(self.status, STATUS_WORDS["none"])

    @property
    def reported_word(self) -> str:
        return STATUS_WORDS.get(self.reported_status, "")

    @property
    def status_differs(self) -> bool:
        return bool(self.reported_status) and self.status not in ("none", self.reported_status)

    @property
    def direction(self) -> tuple[str, str]:
        return _direction(self.point.direction_previous)

    @property
    def direction_long(self) -> tuple[str, str]:
        return _direction(self.point.direction_last_year)

    @property
    def band_words(self) -> str:
        """Where Green and Amber end, in words ("Green 71.25 or more; Amber 67.5 or more")."""
        edges = self.point.edges
        if edges is None:
            return ""
        return f"Green {_range_words(edges.green)}; Amber {_range_words(edges.amber)}"


@dataclass(frozen=True)
class IndicatorDetail:
    measure: Measure
    bands: Bands
    own_bands: bool
    periods: list[IndicatorPeriod]
    chosen: IndicatorPeriod | None  # the period asked for, when the indicator has it

    @property
    def has_bands(self) -> bool:
        return any(row.point.edges is not None for row in self.periods)

    @property
    def charted(self) -> list[IndicatorPeriod]:
        """The periods with a value or a target figure, and those between them."""
        shown = [
            index
            for index, row in enumerate(self.periods)
            if row.point.number is not None or row.point.target.value is not None
        ]
        return self.periods[shown[0] : shown[-1] + 1] if shown else []


def indicator_detail(
    *, plan: Plan, measure_id: int, period: ReportingPeriod | None
) -> IndicatorDetail:
    """The indicator in every period of the plan (Measure.DoesNotExist if not the plan's)."""
    measure = plan.measures.select_related("item").get(pk=measure_id)
    periods = period_list(plan=plan)
    keys = {p.pk: p.key for p in periods}
    values = {v.period_id: v for v in MeasureValue.objects.filter(measure=measure)}
    targets = {t.period_id: t for t in MeasureTarget.objects.filter(measure=measure)}
    plan_band = plan_bands(plan)
    bands = measure_bands(measure, plan_band)
    inputs = MeasureInput(
        key=measure.key,
        item_key="",
        name=measure.name,
        unit=measure.unit,
        polarity=Polarity(measure.polarity or "higher"),
        kind=measure.kind,
        target=Quantity(
            measure.target_text, _float(measure.target_value), measure.target_comparator
        ),
        targets={keys[pk]: _target(target) for pk, target in targets.items()},
        actuals={keys[pk]: _actual(value) for pk, value in values.items()},
        bands=bands,
    )
    points = measure_points_compute(
        measure=inputs,
        period_keys=[p.key for p in periods],
        last_year=_last_year(plan, [p.key for p in periods]),
        bands=plan_band,
    )
    rows = []
    for each, point in zip(periods, points, strict=True):
        value = values.get(each.pk)
        rows.append(
            IndicatorPeriod(
                period=each,
                point=point,
                reported_status=value.reported_status if value else "",
                reported_trend=value.reported_trend if value else "",
                note=value.note if value else "",
            )
        )
    chosen = next((row for row in rows if period and row.period.pk == period.pk), None)
    return IndicatorDetail(
        measure=measure,
        bands=bands,
        own_bands=measure.has_own_tolerance,
        periods=rows,
        chosen=chosen,
    )


def _last_year(plan: Plan, keys: list[str]) -> dict[str, str]:
    calendar = FinancialCalendar(plan.year_start_month, plan.period_months)
    found = {}
    for key in keys:
        try:
            found[key] = period_parse(key, calendar).same_period_last_year().key
        except PeriodError:
            continue
    return found


def _target(target: MeasureTarget) -> Quantity:
    return Quantity(
        target.text, _float(target.value), target.comparator, upper=_float(target.upper_value)
    )


def _actual(value: MeasureValue) -> Quantity:
    return Quantity(
        value.text,
        _float(value.value),
        value.comparator,
        state=ValueState(value.state),
        expected_on=value.expected_on,
        reported_status=value.reported_status,
        reported_trend=value.reported_trend,
    )


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _direction(direction: Any) -> tuple[str, str]:
    if direction is None:
        return DIRECTIONS["none"]
    word = DIRECTION_WORDS.get(direction.trend.value)
    if word is None:  # information only: up or down, neither better nor worse
        return direction.arrow, direction.trend.value.capitalize()
    return DIRECTIONS[word]


def _range_words(edges: tuple[float | None, float | None]) -> str:
    low, high = edges
    if low is not None and high is not None:
        return f"{figure_text(low)} to {figure_text(high)}"
    if low is not None:
        return f"{figure_text(low)} or more"
    return f"{figure_text(high)} or less"
