"""Performance indicators: a value's status against its period's target, within tolerance
bands, and its direction of travel.

Pure Python, no Django. A council's published rule ("Green on, above or within 5% of target,
Amber 5–10% off, Red beyond") is a `Bands`; its indicator's sense is a `Polarity`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

# Values closer than this are "the same" (rounding in printed figures).
SAME_EPSILON = 1e-9


class Polarity(StrEnum):
    HIGHER = "higher"  # higher is better
    LOWER = "lower"  # lower is better
    RANGE = "range"  # within a range is best
    NONE = "none"  # information only: no status, no better or worse


class Status(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"  # not rated: information only, no value or no numeric target

    @property
    def rank(self) -> int:
        """Higher is better; not rated is below everything so comparisons stay total."""
        return STATUS_RANKS[self]


STATUS_RANKS = {Status.NONE: -1, Status.RED: 0, Status.AMBER: 1, Status.GREEN: 2}


class Travel(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "same"
    NONE = "none"  # nothing to compare with, or information only


class ValueState(StrEnum):
    AVAILABLE = "available"
    NOT_YET_AVAILABLE = "not_yet_available"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Bands:
    """Green within `green_within` of the target (0: only on or better), Amber within
    `amber_within`, Red beyond. Percent of the target when `relative`, else in the
    indicator's own units (percentage points for a percentage)."""

    green_within: float = 0.0
    amber_within: float = 10.0
    relative: bool = True

    def allowance(self, within: float, target: float) -> float:
        return abs(target) * within / 100 if self.relative else within

    def describe(self) -> str:
        return _bands_described(self)


@lru_cache(maxsize=256)  # a plan has a few bands; every figure off target names its own
def _bands_described(bands: Bands) -> str:
    unit = "%" if bands.relative else ""
    of = " of the target" if bands.relative else ""
    green = (
        "Green on or better than target"
        if bands.green_within == 0
        else f"Green within {_number(bands.green_within)}{unit}{of}"
    )
    return f"{green}, Amber within {_number(bands.amber_within)}{unit}, Red beyond"


@dataclass(frozen=True)
class Target:
    """A period's target: `value` with its comparator; for a range, `value` to `upper`."""

    value: float | None
    comparator: str = ""  # "", "=", ">=", ">", "<=", "<"
    upper: float | None = None
    text: str = ""


_LOWER_COMPARATORS = ("<", "<=")
_HIGHER_COMPARATORS = (">", ">=")


def sense_of(polarity: Polarity, target: Target) -> Polarity:
    """Which way is better for this target: a printed comparator (`< 4,007 t`) says it
    outright; otherwise the indicator's polarity."""
    if polarity in (Polarity.RANGE, Polarity.NONE):
        return polarity
    if target.comparator in _LOWER_COMPARATORS:
        return Polarity.LOWER
    if target.comparator in _HIGHER_COMPARATORS:
        return Polarity.HIGHER
    return polarity


def shortfall(value: float, target: Target, polarity: Polarity) -> float | None:
    """How far the value falls short of the target in the worse direction (0 when on or
    better); None when there is nothing to compare."""
    if target.value is None or polarity is Polarity.NONE:
        return None
    sense = sense_of(polarity, target)
    if sense is Polarity.RANGE:
        upper = target.upper if target.upper is not None else target.value
        low, high = min(target.value, upper), max(target.value, upper)
        return max(0.0, low - value, value - high)
    if sense is Polarity.LOWER:
        return max(0.0, value - target.value)
    return max(0.0, target.value - value)


def target_met(value: float, target: Target, polarity: Polarity) -> bool:
    """On or better than the target; a strict comparator (`> 77%`) is not met by 77."""
    gap = shortfall(value, target, polarity)
    if gap is None or gap > 0:
        return False
    if target.comparator in ("<", ">") and target.value is not None:
        return abs(value - target.value) > SAME_EPSILON
    return True


def status_of(
    *,
    value: float | None,
    target: Target,
    polarity: Polarity,
    bands: Bands,
    state: ValueState = ValueState.AVAILABLE,
) -> Status:
    """The status of a value against its period's target: Green on or better (or within the
    green band), Amber within the amber band, Red beyond. Not rated (NONE) for information-
    only indicators, a value not (yet) available, or a target that is not a number."""
    if state is not ValueState.AVAILABLE or value is None or target.value is None:
        return Status.NONE
    gap = shortfall(value, target, polarity)
    if gap is None:
        return Status.NONE
    if target_met(value, target, polarity):
        return Status.GREEN
    reference = _reference(value, target, polarity)
    if bands.green_within > 0 and gap <= bands.allowance(bands.green_within, reference):
        return Status.GREEN
    if gap <= bands.allowance(bands.amber_within, reference):
        return Status.AMBER
    return Status.RED


@dataclass(frozen=True)
class BandEdges:
    """The figures where Green and Amber end, as (lowest, highest); None where there is no
    limit on that side (higher is better: no highest). On the target or better is Green."""

    green: tuple[float | None, float | None]
    amber: tuple[float | None, float | None]


def band_edges(target: Target, polarity: Polarity, bands: Bands) -> BandEdges | None:
    """Where a value turns Amber and Red for this target, as `status_of` judges it (charts
    shade the bands; their tables print these figures). None when nothing is rated."""
    if target.value is None or polarity is Polarity.NONE:
        return None
    sense = sense_of(polarity, target)

    def edges(within: float) -> tuple[float | None, float | None]:
        assert target.value is not None
        if sense is Polarity.RANGE:
            upper = target.upper if target.upper is not None else target.value
            low, high = min(target.value, upper), max(target.value, upper)
            return low - bands.allowance(within, low), high + bands.allowance(within, high)
        allowance = bands.allowance(within, target.value)
        if sense is Polarity.LOWER:
            return None, target.value + allowance
        return target.value - allowance, None

    return BandEdges(green=edges(bands.green_within), amber=edges(bands.amber_within))


def _reference(value: float, target: Target, polarity: Polarity) -> float:
    """The target figure a relative band is a percentage of (the bound missed, for a range)."""
    assert target.value is not None
    if sense_of(polarity, target) is Polarity.RANGE and target.upper is not None:
        low, high = min(target.value, target.upper), max(target.value, target.upper)
        return high if value > high else low
    return target.value


def travel_of(
    *,
    before: float | None,
    now: float | None,
    polarity: Polarity,
    target: Target | None = None,
) -> Travel:
    """Better, worse or the same, with the indicator's polarity (for a range: nearer the
    range is better). NONE when either value is missing or the indicator is for information
    only."""
    if before is None or now is None or polarity is Polarity.NONE:
        return Travel.NONE
    if abs(now - before) <= SAME_EPSILON:
        return Travel.SAME
    if polarity is Polarity.RANGE:
        if target is None or target.value is None:
            return Travel.NONE
        gap_before = shortfall(before, target, polarity) or 0.0
        gap_now = shortfall(now, target, polarity) or 0.0
        if abs(gap_now - gap_before) <= SAME_EPSILON:
            return Travel.SAME
        return Travel.BETTER if gap_now < gap_before else Travel.WORSE
    up = now > before
    return Travel.BETTER if up == (polarity is Polarity.HIGHER) else Travel.WORSE


def last_value_before(
    series: Sequence[tuple[str, float | None]], period_key: str
) -> tuple[str, float] | None:
    """The last (period, value) before `period_key` that has a value: the short-term
    comparison skips periods with no figure."""
    found = None
    for key, value in series:
        if key == period_key:
            break
        if value is not None:
            found = (key, value)
    return found


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"
