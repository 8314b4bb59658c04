"""Status suggested by evidence, and direction of travel."""

from datetime import date

from councilplan.domain.engine.inputs import Polarity, Quantity, Rag
from councilplan.domain.engine.results import Direction, Suggestion, Trend

# Values closer than this are "the same" (rounding in printed figures).
SAME_EPSILON = 1e-9


def measure_target_met(*, actual: float, target: Quantity, polarity: Polarity) -> bool:
    """Whether an actual meets a target, reading the target's comparator first."""
    assert target.value is not None
    comparator = target.comparator or {Polarity.LOWER: "<="}.get(polarity, ">=")
    if comparator == "=":
        comparator = "<=" if polarity is Polarity.LOWER else ">="
    return {
        ">=": actual >= target.value,
        ">": actual > target.value,
        "<=": actual <= target.value,
        "<": actual < target.value,
    }[comparator]


def measure_suggestion(
    *,
    actual: Quantity | None,
    target: Quantity,
    polarity: Polarity,
    tolerance_percent: float,
    last_year: Quantity | None = None,
) -> Suggestion | None:
    """Green on or better than target; Amber within tolerance, or missed but better than the
    same period last year; Red beyond. None without a numeric actual and target."""
    if actual is None or actual.value is None or target.value is None:
        return None
    if polarity is Polarity.NONE:
        return None
    value = actual.value
    if measure_target_met(actual=value, target=target, polarity=polarity):
        return Suggestion(Rag.GREEN, f"{_number(value)} meets the target {target.text or ''}")
    gap = abs(value - target.value)
    allowed = abs(target.value) * tolerance_percent / 100
    if gap <= allowed:
        return Suggestion(
            Rag.AMBER,
            f"{_number(value)} misses the target {_number(target.value)} "
            f"by {_number(gap)}, within the {_number(tolerance_percent)}% tolerance",
        )
    if last_year is not None and last_year.value is not None:
        better = value > last_year.value if polarity is Polarity.HIGHER else value < last_year.value
        if better:
            return Suggestion(
                Rag.AMBER,
                f"{_number(value)} misses the target {_number(target.value)} but is better "
                f"than the same period last year ({_number(last_year.value)})",
            )
    return Suggestion(
        Rag.RED,
        f"{_number(value)} misses the target {_number(target.value)} "
        f"by more than the {_number(tolerance_percent)}% tolerance",
    )


def time_elapsed_percent(*, starts_on: date, due_on: date, as_of: date) -> float:
    """Share of the time from start to due that has passed by the end of `as_of`, 0–100."""
    if as_of >= due_on:
        return 100.0
    if as_of < starts_on:
        return 0.0
    # Whole days, both ends included: at the end of 30 June, 91 of Q1's 91 days have gone.
    return 100 * ((as_of - starts_on).days + 1) / ((due_on - starts_on).days + 1)


def milestone_suggestion(
    *,
    percent: float | None,
    starts_on: date | None,
    due_on: date | None,
    as_of: date,
    tolerance_percent: float,
) -> Suggestion | None:
    """Progress against the share of the time elapsed at the period's end."""
    if percent is None:
        return None
    if percent >= 100:
        return Suggestion(Rag.BLUE, "100% complete")
    if due_on is None or starts_on is None or starts_on > due_on:
        return None
    if as_of > due_on:
        return Suggestion(
            Rag.RED, f"{_number(percent)}% done and past its due date {due_on:%d %B %Y}"
        )
    expected = time_elapsed_percent(starts_on=starts_on, due_on=due_on, as_of=as_of)
    shortfall = expected - percent
    reason = f"{_number(percent)}% done with {expected:.0f}% of its time gone"
    if shortfall <= tolerance_percent:
        return Suggestion(Rag.GREEN, reason)
    if shortfall <= 2 * tolerance_percent:
        return Suggestion(Rag.AMBER, reason)
    return Suggestion(Rag.RED, reason)


def direction_of_travel(
    *, before: float | None, now: float | None, polarity: Polarity = Polarity.HIGHER
) -> Direction | None:
    if before is None or now is None:
        return None
    if abs(now - before) <= SAME_EPSILON:
        return Direction(Trend.SAME, before, now)
    up = now > before
    if polarity is Polarity.NONE:
        return Direction(Trend.HIGHER if up else Trend.LOWER, before, now)
    improved = up if polarity is Polarity.HIGHER else not up
    return Direction(Trend.IMPROVED if improved else Trend.WORSE, before, now)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"
