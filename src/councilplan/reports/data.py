"""The report's one data structure: every format is rendered from a PlanPosition.

Plain dataclasses holding words and numbers ready to print, so the HTML, PDF, Word and
Excel reports cannot disagree.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from councilplan.domain.engine import Rag
from councilplan.domain.engine.results import CHANGE_TITLES, ChangeKind, FindingKind, Trend

# Shapes beside status words, so status never rests on colour alone (WCAG 1.4.1).
RAG_SHAPES = {
    Rag.RED: "▲",
    Rag.AMBER: "◆",
    Rag.GREEN: "●",
    Rag.BLUE: "★",
    Rag.GREY: "○",
}
# A suggestion's shape is the hollow twin of a report's: never the same mark for both.
SUGGESTED_SHAPES = {
    Rag.RED: "△",
    Rag.AMBER: "◇",
    Rag.GREEN: "◌",
    Rag.BLUE: "☆",
    Rag.GREY: "○",
}
SUGGESTED_PREFIX = "Suggested: "
# Indicators with no status from their figure: none this period, or none to judge.
NO_FIGURE = "No figure this period"
NOT_RATED_MEASURE = "Not rated"
# Where a status came from, as printed after it.
REPORTED = "reported"
COMPUTED = "computed from the statuses reported below"
SUGGESTED = "from the evidence; no status reported"
SUGGESTED_BELOW = "rolled up from suggestions below; no status reported"
NO_STATUS = "no status reported"
# A report's status of publication, as its cover prints it.
PUBLICATION_DRAFT = "Draft: not yet published"
PUBLICATION_PUBLISHED = "Published"
PUBLICATION_REOPENED = "Reopened after publishing: draft"
# Where an item's dates come from when it has none of its own and nothing above it has any.
PLAN_DATES = "the plan's dates"
# Printed where an item and every item above it name no owner: never a blank cell.
NO_OWNER = "No owner named"
# A measure's suggestion, printed in a "Suggested status" column: hollow, its word plain.
SUGGESTED_BY_FIGURE = "the figure against its target"
SUGGESTED_SOURCES = (SUGGESTED, SUGGESTED_BELOW, SUGGESTED_BY_FIGURE)
# Sources a renderer need not print after the status: the column or the word says it.
QUIET_SOURCES = (REPORTED, SUGGESTED_BY_FIGURE)
RAG_COLOURS = {
    Rag.RED: "#d4351c",
    Rag.AMBER: "#f47738",
    Rag.GREEN: "#00703c",
    Rag.BLUE: "#1d70b8",
    Rag.GREY: "#505a5f",
}
# The same colours for text on white in print (PDF and Word): each at least 4.5:1 against
# white (WCAG 1.4.3 AA); amber darkened, as GOV.UK's orange is too light for text.
RAG_TEXT_COLOURS = {**RAG_COLOURS, Rag.AMBER: "#a34400"}
# A line that starts with a status shape is a status: its colour follows the shape.
SHAPE_RAGS = {
    shape: rag for shapes in (RAG_SHAPES, SUGGESTED_SHAPES) for rag, shape in shapes.items()
}
# Any status shape, to pass over quickly the many texts that hold none.
ANY_SHAPE = re.compile("|".join(map(re.escape, SHAPE_RAGS)))


# "▲ improved" is a direction of travel, not a Red status, though it shares the triangle.
DIRECTION_WORDS = frozenset(trend.value for trend in Trend)


def status_split(line: str) -> tuple[Rag | None, str, str]:
    """A printed line that starts with a status shape, as (its RAG, the status, the rest):
    "▲ Red (reported) [Overdue]" is (RED, "▲ Red", " (reported) [Overdue]"), so that a
    renderer colours the status alone. (None, line, "") for a line with no status."""
    rag = SHAPE_RAGS.get(line[:1])
    if rag is None or line[2:].split(" ", 1)[0] in DIRECTION_WORDS:
        return None, line, ""
    cut = min((i for i in (line.find(" ("), line.find(" ["), line.find("; ")) if i > 0), default=-1)
    if cut < 0:
        return rag, line, ""
    return rag, line[:cut], line[cut:]


@dataclass(frozen=True)
class ReportFilters:
    """Which items a report shows. Names match case-insensitively, on the item or above it."""

    portfolio: str = ""
    lead_officer: str = ""
    service_area: str = ""
    status: str = ""  # a RAG (red, amber, green, blue, grey) or a status word
    exceptions_only: bool = False

    @property
    def is_empty(self) -> bool:
        return not (
            self.portfolio
            or self.lead_officer
            or self.service_area
            or self.status
            or self.exceptions_only
        )

    def describe(self) -> str:
        parts = []
        for label, value in (
            ("portfolio", self.portfolio),
            ("lead officer", self.lead_officer),
            ("service area", self.service_area),
            ("status", self.status),
        ):
            if value:
                parts.append(f"{label} “{value}”")
        if self.exceptions_only:
            parts.append("exceptions only")
        return ", ".join(parts)


@dataclass(frozen=True)
class StatusShown:
    """A status as printed: its word, its colour and shape, and where it came from."""

    word: str  # a suggestion's word says so: "Suggested: Red"
    rag: Rag
    source: str  # REPORTED, COMPUTED, SUGGESTED, SUGGESTED_BELOW or NO_STATUS

    @classmethod
    def suggestion(cls, rag: Rag, source: str = SUGGESTED) -> "StatusShown":
        return cls(f"{SUGGESTED_PREFIX}{rag.word}", rag, source)

    @property
    def is_suggested(self) -> bool:
        return self.source in SUGGESTED_SOURCES

    @property
    def source_quiet(self) -> bool:
        """Printed without its source: reported, or a measure's in its own column."""
        return self.source in QUIET_SOURCES

    @property
    def shape(self) -> str:
        return (SUGGESTED_SHAPES if self.is_suggested else RAG_SHAPES)[self.rag]

    @property
    def colour(self) -> str:
        return RAG_COLOURS[self.rag]

    def __str__(self) -> str:
        return self.word


@dataclass(frozen=True)
class MeasureRow:
    key: str
    name: str
    unit: str
    baseline: str
    target: str
    actual: str
    actual_value: float | None
    target_value: float | None
    suggested: StatusShown | None
    suggestion_reason: str
    direction_previous: str
    direction_last_year: str
    series: tuple[tuple[str, float], ...] = ()
    # The target each period of `series` was judged against (None where it had no number).
    target_series: tuple[tuple[str, float | None], ...] = ()

    @property
    def has_trend(self) -> bool:
        return len(self.series) >= 2


@dataclass(frozen=True)
class ItemRow:
    key: str
    ref: str
    title: str
    depth: int
    level: str
    description: str
    is_leaf: bool
    lead_officer: str
    portfolio: str
    service_area: str
    other_roles: tuple[tuple[str, str], ...]
    start_date: date | None
    due_date: date | None
    timescale_text: str
    status: StatusShown
    reported_status_text: str
    suggested: StatusShown | None
    suggestion_reason: str
    computed_status: StatusShown | None
    status_disagrees: bool
    reported_percent: float | None
    computed_percent: float | None
    percent_differs: bool
    previous_percent: float | None
    direction: str
    overdue: bool
    slipped: bool
    is_complete: bool
    commentary: str
    next_steps: str
    measures: tuple[MeasureRow, ...]
    # True when shown only as the heading above items the filters chose.
    context_only: bool = False
    parent_key: str | None = None
    # The status the owner expects at the end of the year (DOMAIN: show it beside the
    # status now, or councillors are misled).
    forecast: StatusShown | None = None
    # The dates the item is judged by: its own, else inherited from the nearest item above
    # that has them, else the plan's; `start_from` and `dates_from` (the due date's) say
    # whence ("" when its own).
    effective_start: date | None = None
    effective_due: date | None = None
    dates_from: str = ""
    start_from: str = ""

    @property
    def heading(self) -> str:
        return f"{self.ref} {self.title}".strip() if self.ref else self.title

    @property
    def is_exception(self) -> bool:
        """Red or amber now, overdue, or forecast to end the year red or amber."""
        forecast_bad = self.forecast is not None and self.forecast.rag in (Rag.RED, Rag.AMBER)
        return self.status.rag in (Rag.RED, Rag.AMBER) or self.overdue or forecast_bad

    @property
    def forecast_worse(self) -> bool:
        """The year-end forecast is worse than the status now (Amber now, Red forecast)."""
        if self.forecast is None:
            return False
        severity = {Rag.RED: 2, Rag.AMBER: 1}
        return severity.get(self.forecast.rag, 0) > severity.get(self.status.rag, 0)

    @property
    def measure_pairs(self) -> list[tuple["ItemRow", MeasureRow]]:
        return [(self, measure) for measure in self.measures]

    @property
    def flags(self) -> list[str]:
        flags = []
        if self.overdue:
            flags.append("Overdue")
        if self.slipped:
            flags.append("Due date moved")
        if self.percent_differs:
            flags.append("Reported % differs from computed")
        if self.status_disagrees:
            flags.append("Status differs from evidence")
        if self.forecast_worse:
            flags.append("Forecast worse than now")
        return flags


@dataclass(frozen=True)
class BodyGroup:
    """One heading of the plan's body and the lowest-level items directly below it, which
    print as one table (as the council's own monitoring tables do)."""

    heading: ItemRow | None
    items: list[ItemRow]

    @property
    def measures(self) -> list[tuple[ItemRow, MeasureRow]]:
        return [(row, measure) for row in self.items for measure in row.measures]

    @property
    def level(self) -> str:
        return self.items[0].level if self.items else ""


@dataclass(frozen=True)
class StatusCount:
    rag: Rag
    word: str
    count: int
    share: float  # 0–100
    # No status was reported: the count is of the status the evidence suggests.
    suggested: bool = False
    # What the tree's status filter calls this group, so a filter and a count agree.
    key: str = ""

    @property
    def shape(self) -> str:
        return (SUGGESTED_SHAPES if self.suggested else RAG_SHAPES)[self.rag]


@dataclass(frozen=True)
class ProgressRow:
    key: str
    heading: str
    level: str
    depth: int
    reported_percent: float | None
    computed_percent: float | None
    differs: bool
    status: StatusShown


@dataclass(frozen=True)
class ChangeRow:
    kind: str
    title: str
    key: str
    heading: str
    before: str
    after: str
    # A lowest-level item's change; counts of changes count only these.
    is_leaf: bool = True


# The kinds of finding about an indicator's figures and targets.
INDICATOR_FINDING_KINDS = frozenset(
    kind.value
    for kind in (
        FindingKind.NO_TARGET,
        FindingKind.PLACEHOLDER,
        FindingKind.TARGET_ZERO,
        FindingKind.REPORTED_STATUS_DISAGREES,
        FindingKind.TARGET_OUT_OF_SCALE,
        FindingKind.NOT_A_FIGURE,
        FindingKind.FIGURE_IMPOSSIBLE,
        FindingKind.ZERO_SUSPECT,
    )
)


@dataclass(frozen=True)
class FindingRow:
    kind: str
    title: str
    key: str
    heading: str
    message: str


@dataclass(frozen=True)
class RiskRow:
    key: str
    description: str
    cause: str
    consequence: str
    owner: str
    likelihood: int | None
    impact: int | None
    mitigations: tuple[str, ...]
    status: StatusShown | None
    items: tuple[str, ...]  # the linked items' identifiers
    item_refs: tuple[str, ...] = ()  # the same items as printed (reference, else identifier)

    @property
    def score_text(self) -> str:
        """`L4 × I3 = 12`, as councils' registers print a score; `—` when not scored."""
        if self.likelihood is None or self.impact is None:
            return "—"
        return f"L{self.likelihood} × I{self.impact} = {self.likelihood * self.impact}"


@dataclass(frozen=True)
class ChartTable:
    """A chart's data as a table, for readers who cannot see the chart."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass
class PlanPosition:
    """Where a plan stands at a period: everything any report prints, worked out once."""

    plan_slug: str
    plan_title: str
    organisation: str
    period_key: str
    period_label: str
    period_starts_on: date
    period_ends_on: date
    previous_label: str
    last_year_label: str
    generated_on: date
    level_names: tuple[str, ...]
    progress_rollup: str
    rag_rollup: str
    # The milestone tolerance (the plan's amber band), and the measures' rule in words.
    tolerance_percent: float
    tolerance_rule: str
    metadata: dict[str, Any]
    filters: ReportFilters
    status_mix: list[StatusCount]
    progress: list[ProgressRow]
    changes: list[ChangeRow]
    exceptions: list[ItemRow]
    findings: list[FindingRow]
    rows: list[ItemRow]
    risks: list[RiskRow]
    counts: dict[str, int] = field(default_factory=dict)
    # Whether this is the report as published ("As published on 14 October 2024 …") or a
    # reopened period's, with the changes since ("Reopened on … by …"); "" otherwise.
    publication_note: str = ""
    # "Published", "Reopened" or "Draft: not yet published", as a cover prints it.
    publication_status: str = ""

    @property
    def title(self) -> str:
        return f"{self.plan_title}: performance report, {self.period_label}"

    @property
    def items_shown(self) -> list[ItemRow]:
        return [row for row in self.rows if not row.context_only]

    @property
    def indicators_only(self) -> bool:
        """A plan whose items only group its indicators (a council's KPI table, imported):
        every lowest-level item holds a measure, and no item has dates or reported anything.
        Its dashboard and reports lead with the indicators: counting the groups as actions
        ("Suggested: Red", "never updated", "no owner") would tell a reader nothing."""
        leaves = [row for row in self.rows if row.is_leaf]
        if not leaves or not all(row.measures for row in leaves):
            return False
        return not any(
            row.start_date
            or row.due_date
            or row.timescale_text
            or row.reported_percent is not None
            or row.commentary
            or row.status.source == REPORTED
            for row in self.rows
        )

    @property
    def findings_shown(self) -> list[FindingRow]:
        """The findings a report lists: of a plan of indicators only, those about its
        indicators (not "no owner" or "never updated" of the groups)."""
        if not self.indicators_only:
            return self.findings
        return [f for f in self.findings if f.kind in INDICATOR_FINDING_KINDS]

    @property
    def indicator_exceptions(self) -> list[tuple[ItemRow, MeasureRow]]:
        """The Red, then the Amber indicators, each with the item it sits under."""
        found = []
        for rag in (Rag.RED, Rag.AMBER):
            for row in self.items_shown:
                found += [(row, m) for m in row.measures if m.suggested and m.suggested.rag is rag]
        return found

    def changes_of(self, kind: str) -> list[ChangeRow]:
        return [change for change in self.changes if change.kind == kind]

    @property
    def body_groups(self) -> list[BodyGroup]:
        """The body in printed order: each heading item with the leaves directly below it."""
        leaves: dict[str | None, list[ItemRow]] = {}
        for row in self.rows:
            if row.is_leaf:
                leaves.setdefault(row.parent_key, []).append(row)
        shown = {row.key for row in self.rows}
        groups = []
        orphans = [row for key, rows in leaves.items() if key not in shown for row in rows]
        if orphans:
            groups.append(BodyGroup(None, orphans))
        for row in self.rows:
            if not row.is_leaf:
                groups.append(BodyGroup(row, leaves.get(row.key, [])))
        return groups

    @property
    def measure_mix(self) -> list[StatusCount]:
        """The indicators of the items shown by the status their figure gives against its
        target, then those with no figure and those that suggest no status."""
        measures = [m for row in self.items_shown for m in row.measures]
        total = len(measures) or 1
        counts = []
        for rag in (Rag.RED, Rag.AMBER, Rag.GREEN):
            count = sum(1 for m in measures if m.suggested and m.suggested.rag is rag)
            counts.append(StatusCount(rag, rag.word, count, 100 * count / total, key=rag.value))
        no_figure = sum(1 for m in measures if m.actual_value is None and not m.suggested)
        unrated = len(measures) - sum(c.count for c in counts) - no_figure
        for word, count in ((NO_FIGURE, no_figure), (NOT_RATED_MEASURE, unrated)):
            if count:
                counts.append(StatusCount(Rag.GREY, word, count, 100 * count / total))
        return counts

    @property
    def measures_with_series(self) -> list[tuple[ItemRow, MeasureRow]]:
        return [
            (row, measure)
            for row in self.items_shown
            for measure in row.measures
            if len(measure.series) >= 2
        ]


def kind_title(kind: str) -> str:
    """A kind of change as a report's heading names it."""
    return CHANGE_TITLES[ChangeKind(kind)]
