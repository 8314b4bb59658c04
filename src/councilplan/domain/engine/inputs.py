"""What the engine reads: a plan's items, their updates per period, measures and settings.

Plain frozen dataclasses, filled by `councilplan.reports.selectors` from the database or by
tests by hand. Nothing here knows about Django.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from councilplan.domain.indicators import Bands, Polarity, ValueState


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"
    GREY = "grey"

    @property
    def word(self) -> str:
        return RAG_WORDS[self]

    @property
    def rank(self) -> int:
        """Lower is worse: red 0, amber 1, green 2, blue 3; grey (not rated) 9."""
        return RAG_RANKS[self]


RAG_WORDS = {
    Rag.RED: "Red",
    Rag.AMBER: "Amber",
    Rag.GREEN: "Green",
    Rag.BLUE: "Complete",
    Rag.GREY: "Not rated",
}
RAG_RANKS = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2, Rag.BLUE: 3, Rag.GREY: 9}
# The RAG choices of a status and of a risk (a risk is never complete or not rated), in the
# order a person choosing one reads them, with the words the council's reports print.
RAG_CHOICES = [(rag.value, rag.word) for rag in (Rag.GREEN, Rag.AMBER, Rag.RED, Rag.BLUE, Rag.GREY)]
RISK_RAG_CHOICES = RAG_CHOICES[:3]


class ProgressRollup(StrEnum):
    MEAN_OF_LEAVES = "mean_of_leaves"
    WEIGHTED = "weighted"
    MEAN_OF_CHILDREN = "mean_of_children"


class RagRollup(StrEnum):
    WORST = "worst"
    PROPORTION = "proportion"


@dataclass(frozen=True)
class StatusValue:
    """A status as the plan's scheme words it, with its colour and flags."""

    label: str
    rag: Rag
    is_complete: bool = False
    is_inactive: bool = False


@dataclass(frozen=True)
class ItemUpdate:
    """An approved progress update for one item and one period."""

    status: StatusValue | None = None
    status_text: str = ""
    percent: float | None = None
    commentary: str = ""
    next_steps: str = ""
    # What the owner expects the status to be at the end of the year.
    forecast: StatusValue | None = None


@dataclass(frozen=True)
class Quantity:
    """A value as printed, with its number and comparator when one could be read."""

    text: str = ""
    value: float | None = None
    comparator: str = ""  # "", "=", ">=", ">", "<=", "<"
    # For a target of a measure that should stay within a range: the top (value is the bottom).
    upper: float | None = None
    # For an actual: not yet available (expected on a date) or not applicable is no figure.
    state: ValueState = ValueState.AVAILABLE
    expected_on: date | None = None
    # For an actual: the RAG and trend the council's report printed beside it.
    reported_status: str = ""
    reported_trend: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.value is None and not self.is_unavailable

    @property
    def is_unavailable(self) -> bool:
        return self.state is not ValueState.AVAILABLE

    @property
    def number(self) -> float | None:
        """The figure to rate: none when the value is not (yet) available."""
        return None if self.is_unavailable else self.value


@dataclass(frozen=True)
class ItemInput:
    key: str
    title: str
    parent_key: str | None = None
    ref: str = ""
    depth: int = 0
    weight: float = 1.0
    start_date: date | None = None
    due_date: date | None = None
    # The due date as it stood when the previous period was reported (None: unknown/unchanged).
    previous_due_date: date | None = None
    open_ended: bool = False
    timescale_text: str = ""
    description: str = ""
    # role -> names, e.g. {"lead_officer": ("Jane Greer",)}
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # period key -> approved update
    updates: Mapping[str, ItemUpdate] = field(default_factory=dict)
    # End date of the latest period with an approved update, whichever period it was.
    last_updated_on: date | None = None


@dataclass(frozen=True)
class MeasureInput:
    key: str
    item_key: str
    name: str
    unit: str = ""
    polarity: Polarity = Polarity.HIGHER
    frequency: str = "quarterly"
    # percentage, count, money, days, rate or "" (Measure.Kind): what figures it may hold.
    kind: str = ""
    baseline: Quantity = Quantity()
    # The measure's one target, used in a period with no target of its own.
    target: Quantity = Quantity()
    # period key -> that period's target (a profile for the year)
    targets: Mapping[str, Quantity] = field(default_factory=dict)
    # period key -> actual
    actuals: Mapping[str, Quantity] = field(default_factory=dict)
    # The measure's own tolerance bands; None: the plan's.
    bands: Bands | None = None

    def target_at(self, period_key: str) -> Quantity:
        return self.targets.get(period_key) or self.target


@dataclass(frozen=True)
class PeriodInput:
    key: str
    label: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class EngineSettings:
    progress_rollup: ProgressRollup = ProgressRollup.MEAN_OF_LEAVES
    rag_rollup: RagRollup = RagRollup.WORST
    # A milestone is Green within this many points of its elapsed time, Amber within twice
    # (the plan's amber band).
    tolerance_percent: float = 10.0
    # The plan's tolerance bands for measures.
    bands: Bands = Bands()
    plan_starts_on: date | None = None
    plan_ends_on: date | None = None
    # Owner roles: an item or one of its ancestors must hold one of these.
    owner_roles: tuple[str, ...] = ("lead_officer", "owner", "deputy_lead_officer", "cmt_lead")
    stale_after_days: int = 90
    missing_periods: int = 3


@dataclass(frozen=True)
class EngineInput:
    """A plan at one period. `items` are depth-first in printed order."""

    items: tuple[ItemInput, ...]
    period: PeriodInput
    measures: tuple[MeasureInput, ...] = ()
    previous: PeriodInput | None = None
    last_year: PeriodInput | None = None
    # Every period of the plan up to and including `period`, oldest first.
    history: tuple[PeriodInput, ...] = ()
    settings: EngineSettings = EngineSettings()
