"""Measures' figures pushed in a batch — from a council's own systems through the API, or a
CSV file on the command line: all or nothing, every refusal naming its row and column.

An owner records the figures of the items they update, while the period is open; a
performance officer records any figure of a period not yet published (a figure reported a
period late is the rule for some indicators). A figure that is not a number (`TBC`, `n/a`)
is kept as written, never read as 0, and said back as a warning."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from councilplan.accounts.permissions import Action, permission_has
from councilplan.cycle.errors import CycleError
from councilplan.domain.quantities import actual_parse
from councilplan.history.context import acting_for
from councilplan.plans.models import Measure, MeasureValue, Plan, ReportingPeriod

PeriodState = ReportingPeriod.State

MEASURE_UNKNOWN_PROBLEM = "the plan has no measure “{key}” (give its reference or its key)"
PERIOD_UNKNOWN_PROBLEM = "the plan has no period “{key}”; its periods: {known}"
PERIOD_PUBLISHED_PROBLEM = "{period} has been published and is locked"
PERIOD_NOT_OPEN_PROBLEM = (
    "{period} is {state}: only a performance officer records figures outside an open period"
)
NOT_YOURS_PROBLEM = "you may not record figures for “{measure}” (it is not an item you update)"
STATE_UNKNOWN_PROBLEM = "“{state}” is not a state; use one of: {states}"
TWICE_PROBLEM = "“{measure}” in {period} is given twice (first in {first})"
VERSION_STALE_PROBLEM = (
    "“{measure}” in {period} changed since you read it (now version {current}, you sent "
    "{sent}): nothing was saved"
)
NO_FIGURE_PROBLEM = "give a figure, or a state of not_yet_available or not_applicable"
MEASURE_VALUES_REFUSED_ERROR = "Nothing was saved: {count} {things} to put right. {first}"
NOT_A_NUMBER_WARNING = "{place}: “{text}” is not a number; it is kept as written, not read as 0"
EMPTY_BATCH_ERROR = "There are no figures to record."


@dataclass(frozen=True)
class FigureEntry:
    """One figure as sent: which measure (its reference or key), which period, the figure as
    written, and where it came from (`row 3` of a file, `values[2]` of a request)."""

    measure: str
    period: str
    text: str = ""
    place: str = ""
    state: str = MeasureValue.State.AVAILABLE
    expected_on: date | None = None
    note: str = ""
    based_on_version: int | None = None  # the version read; None when not checking


@dataclass(frozen=True)
class FigureProblem:
    place: str
    column: str
    message: str
    kind: str = "invalid"  # or "not_allowed", or "stale" (changed since it was read)

    def __str__(self) -> str:
        return f"{self.place}, column {self.column}: {self.message}"


class FiguresRefusedError(CycleError):
    def __init__(self, problems: list[FigureProblem]) -> None:
        self.problems = problems
        kinds = {problem.kind for problem in problems}
        # One kind of refusal throughout is that kind; a mixture is bad input.
        self.kind = kinds.pop() if len(kinds) == 1 else "invalid"
        things = "thing" if len(problems) == 1 else "things"
        super().__init__(
            MEASURE_VALUES_REFUSED_ERROR.format(
                count=len(problems), things=things, first=str(problems[0])
            )
        )


@dataclass
class FiguresRecorded:
    values: list[MeasureValue] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Checked:
    entry: FigureEntry
    measure: Measure
    period: ReportingPeriod


def figures_record(*, user: Any, plan: Plan, entries: list[FigureEntry]) -> FiguresRecorded:
    """Record every figure or none: each refusal (unknown measure or period, a locked
    period, a measure the person may not update, a figure given twice, a stale version) is
    collected with its place, and all of them are raised together."""
    if not entries:
        raise CycleError(EMPTY_BATCH_ERROR)
    measures = measures_by_name(plan)
    periods = {period.key.lower(): period for period in plan.periods.all()}
    problems: list[FigureProblem] = []
    checked: list[_Checked] = []
    first_place: dict[tuple[int, int], str] = {}
    for entry in entries:
        found = _entry_check(user, plan, entry, measures, periods, problems)
        if found is None:
            continue
        pair = (found.measure.pk, found.period.pk)
        if pair in first_place:
            problems.append(
                FigureProblem(
                    entry.place, "measure", TWICE_PROBLEM.format(
                        measure=entry.measure, period=found.period.label, first=first_place[pair]
                    ),
                )
            )  # fmt: skip
            continue
        first_place[pair] = entry.place
        checked.append(found)
    if problems:
        raise FiguresRefusedError(problems)
    with acting_for(user), transaction.atomic():
        return _figures_save(checked)


def measures_by_name(plan: Plan) -> dict[str, Measure]:
    """A plan's live measures by key and by reference, lower-cased (a key wins over another
    measure's reference; a reference shared by two measures is a name for neither)."""
    live = Measure.objects.filter(item__plan=plan, archived_on=None, item__archived_on=None)
    by_key: dict[str, Measure] = {}
    refs: dict[str, list[Measure]] = {}
    for measure in live.select_related("item"):
        by_key[measure.key.lower()] = measure
        if measure.ref:
            refs.setdefault(measure.ref.strip().lower(), []).append(measure)
    by_ref = {ref: found[0] for ref, found in refs.items() if len(found) == 1}
    return by_ref | by_key


def _entry_check(
    user: Any,
    plan: Plan,
    entry: FigureEntry,
    measures: dict[str, Measure],
    periods: dict[str, ReportingPeriod],
    problems: list[FigureProblem],
) -> _Checked | None:
    def refuse(column: str, message: str, kind: str = "invalid") -> None:
        problems.append(FigureProblem(entry.place, column, message, kind))

    measure = measures.get(entry.measure.strip().lower())
    period = periods.get(entry.period.strip().lower())
    if measure is None:
        refuse("measure", MEASURE_UNKNOWN_PROBLEM.format(key=entry.measure))
    if period is None:
        known = ", ".join(sorted(p.key for p in periods.values())) or "none yet"
        refuse("period", PERIOD_UNKNOWN_PROBLEM.format(key=entry.period, known=known))
    if entry.state not in MeasureValue.State.values:
        states = ", ".join(MeasureValue.State.values)
        refuse("state", STATE_UNKNOWN_PROBLEM.format(state=entry.state, states=states))
    elif entry.state == MeasureValue.State.AVAILABLE and not entry.text.strip():
        refuse("value", NO_FIGURE_PROBLEM)
    if measure is None or period is None:
        return None
    if not permission_has(user, Action.UPDATE_ITEM, plan=plan, item=measure.item):
        refuse("measure", NOT_YOURS_PROBLEM.format(measure=entry.measure), "not_allowed")
    elif period.state == PeriodState.PUBLISHED:
        refuse("period", PERIOD_PUBLISHED_PROBLEM.format(period=period.label))
    elif period.state != PeriodState.OPEN and not permission_has(user, Action.RUN_CYCLE, plan=plan):
        state = period.get_state_display().lower()
        refuse("period", PERIOD_NOT_OPEN_PROBLEM.format(period=period.label, state=state))
    return _Checked(entry, measure, period)


def _figures_save(checked: list[_Checked]) -> FiguresRecorded:
    # Lock the periods first, so a publish cannot slip in between the check and the write.
    period_ids = {found.period.pk for found in checked}
    states = dict(
        ReportingPeriod.objects.select_for_update()
        .filter(pk__in=period_ids)
        .values_list("pk", "state")
    )
    saved = {
        (value.measure_id, value.period_id): value
        for value in MeasureValue.objects.select_for_update().filter(
            measure_id__in={found.measure.pk for found in checked}, period_id__in=period_ids
        )
    }
    recorded = FiguresRecorded()
    problems = []
    for found in checked:
        entry = found.entry
        if states[found.period.pk] == PeriodState.PUBLISHED:
            problems.append(
                FigureProblem(entry.place, "period", PERIOD_PUBLISHED_PROBLEM.format(
                    period=found.period.label))
            )  # fmt: skip
            continue
        value = saved.get((found.measure.pk, found.period.pk))
        current = value.version if value else 0
        if entry.based_on_version is not None and entry.based_on_version != current:
            problems.append(
                FigureProblem(entry.place, "version", VERSION_STALE_PROBLEM.format(
                    measure=entry.measure, period=found.period.label, current=current,
                    sent=entry.based_on_version), "stale")
            )  # fmt: skip
            continue
        if value is None:
            value = MeasureValue(measure=found.measure, period=found.period, version=0)
        if _figure_apply(value, entry):
            value.version += 1
            value.full_clean()
            value.save()
            recorded.values.append(value)
        else:
            recorded.unchanged += 1
        if value.state == MeasureValue.State.AVAILABLE and value.value is None:
            text = entry.text.strip()
            recorded.warnings.append(NOT_A_NUMBER_WARNING.format(place=entry.place, text=text))
    if problems:  # raised inside the transaction: nothing of the batch stays
        raise FiguresRefusedError(problems)
    return recorded


def _figure_apply(value: MeasureValue, entry: FigureEntry) -> bool:
    """Put the entry's figure on the value; whether anything changed."""
    before = (value.text, value.value, value.comparator, value.state, value.expected_on)
    before_note = value.note
    text = entry.text.strip() if entry.state == MeasureValue.State.AVAILABLE else ""
    quantity = actual_parse(text)
    value.text = text
    value.value = quantity.value
    value.comparator = quantity.comparator
    value.state = entry.state
    value.expected_on = (
        entry.expected_on if entry.state == MeasureValue.State.NOT_YET_AVAILABLE else None
    )
    if entry.note.strip():
        value.note = entry.note.strip()
    after = (value.text, value.value, value.comparator, value.state, value.expected_on)
    return before != after or before_note != value.note
