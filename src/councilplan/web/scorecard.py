"""The scorecard: a plan's indicators at one period by computed status, filterable by service
(the top-level item they sit under), with the direction of travel in an arrow and a word and
the status the council's report printed kept apart. Read from `measure_list`, the one
reading of the measures that `councilplan measures` and the reports use."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from councilplan.domain.engine import EngineResult
from councilplan.domain.wording import figure_text
from councilplan.plans.models import Plan, ReportingPeriod
from councilplan.reports.measures import MeasureLine, measure_lines
from councilplan.reports.selectors import measure_source_load
from councilplan.reports.source import MeasureSource

# The computed statuses in the order a councillor reads them: what needs attention first.
STATUS_ORDER = ("red", "amber", "green", "none")
STATUS_WORDS = {"red": "Red", "amber": "Amber", "green": "Green", "none": "Not rated"}
# Why an indicator is not rated, in words (its value's state, else no target figure).
NOT_RATED_REASONS = {
    "not_yet_available": "Not yet available",
    "not_applicable": "Not applicable",
}
# Direction of travel: an arrow (hidden from screen readers) and always the word beside it.
DIRECTIONS = {
    "better": ("▲", "Better"),
    "worse": ("▼", "Worse"),
    "same": ("►", "No change"),
    "none": ("", "No comparison"),
}


@dataclass(frozen=True)
class ScorecardLine:
    measure_id: int
    item_id: int
    item_title: str
    service_key: str
    service_title: str
    line: MeasureLine

    @property
    def value_shown(self) -> str:
        """The value as printed, else its figure, else why there is none."""
        line = self.line
        if reason := NOT_RATED_REASONS.get(line.state):
            return reason
        return line.value_text or figure_text(line.value) or "No value"

    @property
    def target_shown(self) -> str:
        return self.line.target_text or figure_text(self.line.target) or "No target"

    @property
    def status_word(self) -> str:
        return STATUS_WORDS[self.line.status]

    @property
    def not_rated_reason(self) -> str:
        if self.line.status != "none":
            return ""
        if self.line.polarity == "none":
            return "Information only"
        if reason := NOT_RATED_REASONS.get(self.line.state):
            return reason
        if self.line.value is None:
            return "No value"
        return "No target figure" if self.line.target is None else ""

    @property
    def reported_word(self) -> str:
        return STATUS_WORDS.get(self.line.reported_status, "")

    @property
    def status_differs(self) -> bool:
        reported = self.line.reported_status
        return bool(reported) and self.line.status != "none" and reported != self.line.status

    @property
    def direction(self) -> tuple[str, str]:
        return DIRECTIONS.get(self.line.direction, DIRECTIONS["none"])

    @property
    def direction_long(self) -> tuple[str, str]:
        return DIRECTIONS.get(self.line.direction_long, DIRECTIONS["none"])


@dataclass(frozen=True)
class StatusCount:
    status: str
    word: str
    count: int


@dataclass(frozen=True)
class Scorecard:
    lines: tuple[ScorecardLine, ...]
    services: tuple[tuple[str, str], ...]  # (key, title) of each top-level item with indicators
    # Sorted and counted once, not at every request: a plan may have thousands of lines.
    reddest_first: tuple[ScorecardLine, ...] = field(init=False, repr=False, compare=False)
    status_counts: tuple[StatusCount, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        order = sorted(self.lines, key=lambda line: STATUS_ORDER.index(line.line.status))
        object.__setattr__(self, "reddest_first", tuple(order))
        object.__setattr__(self, "status_counts", tuple(self._counted(self.lines)))

    def filtered(self, *, service: str = "", status: str = "") -> list[ScorecardLine]:
        """The lines of one service (all when ""), of one computed status (all when ""),
        the reddest first and in printed order within a status."""
        return [
            line
            for line in self.reddest_first
            if (not service or line.service_key == service)
            and (not status or line.line.status == status)
        ]

    def counts(self, *, service: str = "") -> list[StatusCount]:
        if not service:
            return list(self.status_counts)
        return self._counted([line for line in self.lines if line.service_key == service])

    @staticmethod
    def _counted(lines: Sequence[ScorecardLine]) -> list[StatusCount]:
        tally = Counter(line.line.status for line in lines)
        return [StatusCount(status, STATUS_WORDS[status], tally[status]) for status in STATUS_ORDER]


def scorecard_build(*, plan: Plan, period: ReportingPeriod) -> Scorecard:
    """Every indicator of the plan (not archived) at the period, with its service: a fixed
    number of queries, whatever the number of indicators."""
    return scorecard_of(measure_source_load(plan=plan, period=period))


def scorecard_of(source: MeasureSource, worked_out: EngineResult | None = None) -> Scorecard:
    """`scorecard_build` from a source already loaded, and with `worked_out` the engine's
    result for it (a kept plan position's): no query."""
    by_id = {row["id"]: row for row in source.items}
    items = {row["key"]: row for row in source.items}
    measure_ids = {row["key"]: row["id"] for row in source.measures}
    lines = []
    for line in measure_lines(source, worked_out):
        item = items[line.item]
        service = _top(item, by_id)
        lines.append(
            ScorecardLine(
                measure_id=measure_ids[line.id],
                item_id=item["id"],
                item_title=_heading(item),
                service_key=service["key"],
                service_title=_heading(service),
                line=line,
            )
        )
    services = {line.service_key: line.service_title for line in lines}
    return Scorecard(lines=tuple(lines), services=tuple(services.items()))


def _top(item: dict[str, Any], by_id: dict[int, dict[str, Any]]) -> dict[str, Any]:
    while item["parent_id"] is not None and item["parent_id"] in by_id:
        item = by_id[item["parent_id"]]
    return item


def _heading(item: dict[str, Any]) -> str:
    return f"{item['ref']} {item['title']}".strip() if item["ref"] else item["title"]
