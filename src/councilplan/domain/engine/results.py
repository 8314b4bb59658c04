"""What the engine works out for a plan at one period."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from councilplan.domain.engine.inputs import Quantity, Rag, StatusValue


class Trend(StrEnum):
    IMPROVED = "improved"
    SAME = "same"
    WORSE = "worse"
    HIGHER = "higher"  # no polarity: only the direction is known
    LOWER = "lower"


TREND_ARROWS = {
    Trend.IMPROVED: "▲",
    Trend.WORSE: "▼",
    Trend.SAME: "►",
    Trend.HIGHER: "▲",
    Trend.LOWER: "▼",
}


@dataclass(frozen=True)
class Direction:
    """Direction of travel: an arrow and a word, never the arrow alone."""

    trend: Trend
    before: float
    now: float

    @property
    def arrow(self) -> str:
        return TREND_ARROWS[self.trend]

    @property
    def word(self) -> str:
        return self.trend.value

    def __str__(self) -> str:
        return f"{self.arrow} {self.word}"


@dataclass(frozen=True)
class Suggestion:
    """A status the evidence supports, and why."""

    rag: Rag
    reason: str


@dataclass(frozen=True)
class MeasureResult:
    key: str
    item_key: str
    actual: Quantity | None
    suggestion: Suggestion | None
    direction_previous: Direction | None
    direction_last_year: Direction | None
    # (period key, value) for every period in the history that has a number.
    series: tuple[tuple[str, float], ...] = ()
    # The target the period's status was judged against (the period's own, else the measure's).
    target: Quantity = Quantity()


@dataclass(frozen=True)
class ItemResult:
    key: str
    is_leaf: bool
    reported_status: StatusValue | None
    suggestion: Suggestion | None
    # The RAG rolled up from the items below (None for leaves).
    computed_rag: Rag | None
    # What the report colours the item by: reported, else computed, else suggested, else grey.
    rag: Rag
    # True when `rag` rests on a suggestion (the item's own, or one below it rolled up):
    # it must be shown as a suggestion, never as a reported status.
    rag_suggested: bool
    # True when `computed_rag` rolls up a suggestion from below (the parent's roll-up is
    # then a suggestion too, even under a reported status).
    computed_suggested: bool
    status_disagrees: bool
    reported_percent: float | None
    computed_percent: float | None
    percent_differs: bool
    is_complete: bool
    overdue: bool
    slipped: bool
    effective_due_date: date | None
    direction: Direction | None
    previous_percent: float | None
    commentary: str = ""
    next_steps: str = ""
    measures: tuple[MeasureResult, ...] = ()
    forecast: StatusValue | None = None

    @property
    def percent(self) -> float | None:
        """The percent shown first: reported when there is one, else computed."""
        return self.reported_percent if self.reported_percent is not None else self.computed_percent

    @property
    def status_word(self) -> str:
        if self.reported_status is not None:
            return self.reported_status.label
        return self.rag.word

    @property
    def is_exception(self) -> bool:
        return self.rag in (Rag.RED, Rag.AMBER) or self.overdue


class FindingKind(StrEnum):
    NO_OWNER = "no-owner"
    NO_TARGET = "no-target"
    NO_DUE_DATE = "no-due-date"
    NO_MEASURE = "no-measure"
    PLACEHOLDER = "placeholder"
    STATUS_CONTRADICTS_PROGRESS = "status-contradicts-progress"
    ROLLUP_DIFFERS = "rollup-differs"
    STATUS_DISAGREES = "status-disagrees"
    NO_DATA = "no-data"
    NEVER_UPDATED = "never-updated"
    STALE = "stale"
    TARGET_ZERO = "target-zero"
    REPORTED_STATUS_DISAGREES = "reported-status-disagrees"
    TARGET_OUT_OF_SCALE = "target-out-of-scale"
    NOT_A_FIGURE = "not-a-figure"
    FIGURE_IMPOSSIBLE = "figure-impossible"
    ZERO_SUSPECT = "zero-suspect"


FINDING_TITLES = {
    FindingKind.NO_OWNER: "No owner",
    FindingKind.NO_TARGET: "Measure without a target",
    FindingKind.NO_DUE_DATE: "No due date",
    FindingKind.NO_MEASURE: "No measure",
    FindingKind.PLACEHOLDER: "Placeholder text",
    FindingKind.STATUS_CONTRADICTS_PROGRESS: "Status contradicts progress",
    FindingKind.ROLLUP_DIFFERS: "Reported roll-up differs from computed",
    FindingKind.STATUS_DISAGREES: "Reported status differs from the evidence",
    FindingKind.NO_DATA: "No data for several periods",
    FindingKind.NEVER_UPDATED: "Never updated",
    FindingKind.STALE: "Stale: not updated for 90 days or more",
    FindingKind.TARGET_ZERO: "Target of 0",
    FindingKind.REPORTED_STATUS_DISAGREES: "Reported RAG differs from the council's own rule",
    FindingKind.TARGET_OUT_OF_SCALE: "Target out of scale with results",
    FindingKind.NOT_A_FIGURE: "Target or value that is not a figure",
    FindingKind.FIGURE_IMPOSSIBLE: "Figure the measure cannot hold",
    FindingKind.ZERO_SUSPECT: "A value of 0 that may stand for a missing figure",
}


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    item_key: str
    message: str
    measure_key: str = ""

    @property
    def title(self) -> str:
        return FINDING_TITLES[self.kind]


class ChangeKind(StrEnum):
    NEWLY_RED = "newly_red"
    COMPLETED = "completed"
    SLIPPED = "slipped"
    IMPROVED = "improved"
    WORSENED = "worsened"


CHANGE_TITLES = {
    ChangeKind.NEWLY_RED: "Newly red",
    ChangeKind.COMPLETED: "Completed",
    ChangeKind.SLIPPED: "Slipped",
    ChangeKind.IMPROVED: "Improved",
    ChangeKind.WORSENED: "Worsened",
}


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    item_key: str
    before: str
    after: str

    @property
    def title(self) -> str:
        return CHANGE_TITLES[self.kind]


@dataclass(frozen=True)
class EngineResult:
    items: dict[str, ItemResult]
    findings: tuple[Finding, ...] = ()
    changes: tuple[Change, ...] = ()
    # RAG -> number of lowest-level items (each counted once) with that colour.
    status_mix: dict[Rag, int] = field(default_factory=dict)
    # The engine's own working (each item's state at both periods, the measures' results),
    # kept so that `plan_position_recompute` works out only what a change touches.
    working: object | None = field(default=None, compare=False, repr=False)
