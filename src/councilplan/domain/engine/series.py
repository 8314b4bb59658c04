"""One indicator across its periods: each period's value, target, status, band edges and
directions, by the same rules as the engine's measure results (`compute._measure_result`),
for the indicator page's chart and its table."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from councilplan.domain.engine.evidence import direction_of_travel, measure_suggestion, target_of
from councilplan.domain.engine.inputs import MeasureInput, Quantity
from councilplan.domain.engine.results import Direction, Suggestion
from councilplan.domain.indicators import BandEdges, Bands, band_edges, last_value_before


@dataclass(frozen=True)
class MeasurePoint:
    period_key: str
    actual: Quantity | None
    target: Quantity  # the period's own target, else the measure's one target
    suggestion: Suggestion | None  # the computed status, with its reason
    edges: BandEdges | None  # where Green and Amber end for this period's target
    direction_previous: Direction | None
    direction_last_year: Direction | None

    @property
    def number(self) -> float | None:
        return self.actual.number if self.actual else None


def measure_points_compute(
    *,
    measure: MeasureInput,
    period_keys: Sequence[str],
    last_year: Mapping[str, str],
    bands: Bands,
) -> list[MeasurePoint]:
    """The measure at each of `period_keys` (in date order). `last_year` maps a period key
    to the same period a year before; `bands` are the plan's (the measure's own win)."""
    bands = measure.bands or bands
    values = [(key, _number(measure.actuals.get(key))) for key in period_keys]
    points = []
    for key, now in values:
        target = measure.target_at(key)
        last = last_value_before(values, key)
        points.append(
            MeasurePoint(
                period_key=key,
                actual=measure.actuals.get(key),
                target=target,
                suggestion=measure_suggestion(
                    actual=measure.actuals.get(key),
                    target=target,
                    polarity=measure.polarity,
                    bands=bands,
                ),
                edges=band_edges(target_of(target), measure.polarity, bands),
                direction_previous=direction_of_travel(
                    before=last[1] if last else None,
                    now=now,
                    polarity=measure.polarity,
                    target=target,
                ),
                direction_last_year=direction_of_travel(
                    before=_number(measure.actuals.get(last_year.get(key, ""))),
                    now=now,
                    polarity=measure.polarity,
                    target=target,
                ),
            )
        )
    return points


def _number(quantity: Quantity | None) -> float | None:
    return quantity.number if quantity else None
