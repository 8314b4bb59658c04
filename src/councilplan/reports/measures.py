"""Every measure of a plan at one period: its value, the period's target, computed status and
directions beside the reported ones, and its findings. Worked out by the engine's own measure
rules (`measure_position_compute`), so the list agrees with the reports and the dashboard by
construction, without reading every progress update."""

from dataclasses import asdict, dataclass, field
from typing import Any

from councilplan.domain.engine import (
    EngineResult,
    MeasureResult,
    Rag,
    Trend,
    measure_position_compute,
)
from councilplan.plans.models import Plan, ReportingPeriod
from councilplan.reports.selectors import measure_source_load
from councilplan.reports.source import MeasureSource

STATUS_WORDS = {Rag.GREEN: "green", Rag.AMBER: "amber", Rag.RED: "red"}
DIRECTION_WORDS = {Trend.IMPROVED: "better", Trend.WORSE: "worse", Trend.SAME: "same"}


@dataclass(frozen=True)
class MeasureLine:
    id: str
    ref: str
    name: str
    item: str
    item_ref: str
    unit: str
    polarity: str
    value: float | None
    value_text: str
    state: str
    target: float | None
    target_text: str
    status: str  # green, amber, red or none
    reported_status: str  # as the council's report printed it: green, amber, red or ""
    reported_trend: str
    direction: str  # better, worse, same or none: against the last period with a figure
    direction_long: str  # the same, against the same period last year
    findings: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def measure_list(*, plan: Plan, period: ReportingPeriod) -> list[MeasureLine]:
    """Every measure of the plan (not archived) in printed order, at the period. A fixed
    number of queries, whatever the number of measures."""
    return measure_lines(measure_source_load(plan=plan, period=period))


def measure_lines(
    source: MeasureSource, worked_out: EngineResult | None = None
) -> list[MeasureLine]:
    """`measure_list` from a source already loaded (the scorecard reads its items too); with
    `worked_out`, the engine's whole result for the same items and measures, its measures'
    results and findings are read from it rather than worked out again (they are the same)."""
    if worked_out is None:
        results, found = measure_position_compute(source.engine_input)
    else:
        results = {m.key: m for item in worked_out.items.values() for m in item.measures}
        found = [finding for finding in worked_out.findings if finding.measure_key]
    findings: dict[str, list[dict[str, str]]] = {}
    for finding in found:
        if finding.measure_key:
            findings.setdefault(finding.measure_key, []).append(
                {"kind": finding.kind.value, "title": finding.title, "message": finding.message}
            )
    item_of = {item["id"]: item for item in source.items}
    inputs = {m.key: m for m in source.engine_input.measures}
    lines = []
    for row in source.measures:
        measure = inputs.get(row["key"])
        if measure is None:  # under an archived item
            continue
        item = item_of[row["item_id"]]
        lines.append(
            _line(row, item, results[row["key"]], measure.polarity, findings.get(row["key"], []))
        )
    return lines


def _line(
    row: dict[str, Any],
    item: dict[str, Any],
    result: MeasureResult,
    polarity: str,
    findings: list[dict[str, str]],
) -> MeasureLine:
    actual = result.actual
    return MeasureLine(
        id=row["key"],
        ref=row["ref"],
        name=row["name"],
        item=item["key"],
        item_ref=item["ref"],
        unit=row["unit"],
        polarity=str(polarity),
        value=actual.number if actual else None,
        value_text=actual.text if actual else "",
        state=str(actual.state) if actual else "",
        target=result.target.value,
        target_text=result.target.text,
        status=STATUS_WORDS.get(result.suggestion.rag, "none") if result.suggestion else "none",
        reported_status=actual.reported_status if actual else "",
        reported_trend=actual.reported_trend if actual else "",
        direction=_direction(result.direction_previous),
        direction_long=_direction(result.direction_last_year),
        findings=findings,
    )


def _direction(direction: Any) -> str:
    if direction is None:
        return "none"
    return DIRECTION_WORDS.get(direction.trend, "none")
