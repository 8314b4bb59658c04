"""A plan's and a measure's tolerance bands, as the pure domain reads them."""

from decimal import Decimal

from councilplan.domain.indicators import Bands
from councilplan.plans.models import Measure, Plan


def plan_bands(plan: Plan) -> Bands:
    return Bands(
        green_within=float(plan.green_within_percent),
        amber_within=float(plan.amber_within_percent),
        relative=plan.tolerance_relative,
    )


def measure_bands_of(
    *,
    green: Decimal | None,
    amber: Decimal | None,
    relative: bool | None,
    plan: Bands,
) -> Bands | None:
    """A measure's own bands, or None when it follows the plan's. An own amber band is what
    makes them its own; green defaults to 0 and relative to the plan's."""
    if amber is None:
        return None
    return Bands(
        green_within=float(green or 0),
        amber_within=float(amber),
        relative=plan.relative if relative is None else relative,
    )


def measure_bands(measure: Measure, plan: Bands) -> Bands:
    """The bands a measure is judged by: its own, else the plan's."""
    own = measure_bands_of(
        green=measure.tolerance_green_within_percent,
        amber=measure.tolerance_amber_within_percent,
        relative=measure.tolerance_relative,
        plan=plan,
    )
    return own or plan
