"""Status suggested by evidence, and direction of travel."""

from datetime import date

from councilplan.domain.engine.inputs import Quantity, Rag
from councilplan.domain.engine.results import Direction, Suggestion, Trend
from councilplan.domain.indicators import (
    SAME_EPSILON,
    Bands,
    Polarity,
    Status,
    Target,
    Travel,
    shortfall,
    status_of,
    target_met,
    travel_of,
)


def target_of(quantity: Quantity) -> Target:
    return Target(quantity.value, quantity.comparator, quantity.upper, quantity.text)


def measure_suggestion(
    *,
    actual: Quantity | None,
    target: Quantity,
    polarity: Polarity,
    bands: Bands,
) -> Suggestion | None:
    """The status of the period's actual against the period's target within the bands
    (`indicators.status_of`), with the reason in words. None without a numeric actual and
    target, for a value not (yet) available, or for an information-only measure."""
    if actual is None:
        return None
    goal = target_of(target)
    status = status_of(
        value=actual.value, target=goal, polarity=polarity, bands=bands, state=actual.state
    )
    if status is Status.NONE:
        return None
    assert actual.value is not None
    assert target.value is not None
    value = actual.value
    if status is Status.GREEN and target_met(value, goal, polarity):
        return Suggestion(Rag.GREEN, f"{_number(value)} meets the target {target.text or ''}")
    gap = shortfall(value, goal, polarity) or 0.0
    return Suggestion(
        STATUS_RAG[status],
        f"{_number(value)} misses the target {_target_number(target)} by {_number(gap)}: "
        f"{bands.describe()}",
    )


STATUS_RAG = {Status.GREEN: Rag.GREEN, Status.AMBER: Rag.AMBER, Status.RED: Rag.RED}


def _target_number(target: Quantity) -> str:
    assert target.value is not None
    if target.upper is not None:
        return f"{_number(target.value)} to {_number(target.upper)}"
    return _number(target.value)


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


TRAVEL_TRENDS = {Travel.BETTER: Trend.IMPROVED, Travel.WORSE: Trend.WORSE, Travel.SAME: Trend.SAME}


def direction_of_travel(
    *,
    before: float | None,
    now: float | None,
    polarity: Polarity = Polarity.HIGHER,
    target: Quantity | None = None,
) -> Direction | None:
    """`indicators.travel_of` as an arrow and a word; an information-only measure only
    goes up or down."""
    if before is None or now is None:
        return None
    if polarity is Polarity.NONE:
        if abs(now - before) <= SAME_EPSILON:
            return Direction(Trend.SAME, before, now)
        return Direction(Trend.HIGHER if now > before else Trend.LOWER, before, now)
    travel = travel_of(
        before=before, now=now, polarity=polarity,
        target=target_of(target) if target is not None else None,
    )  # fmt: skip
    if travel is Travel.NONE:
        return None
    return Direction(TRAVEL_TRENDS[travel], before, now)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"
