"""Reads for reports: a plan and a period into the engine, and the engine into a PlanPosition.

Queries per report are constant: every read below is one query whatever the plan's size.
Only approved progress updates count.
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import FloatField, Max
from django.db.models.functions import Cast
from django.utils import timezone

from councilplan.domain.engine import (
    Bands,
    EngineInput,
    EngineResult,
    EngineSettings,
    ItemInput,
    ItemUpdate,
    MeasureInput,
    PeriodInput,
    Polarity,
    ProgressRollup,
    Quantity,
    Rag,
    RagRollup,
    StatusValue,
    ValueState,
    plan_position_compute,
    plan_position_recompute,
)
from councilplan.domain.periods import FinancialCalendar, PeriodError, period_parse
from councilplan.domain.trees import tree_depth_first
from councilplan.history.selectors import change_record_list_for, field_changes_since
from councilplan.plans.models import (
    ROLE_LABELS,
    ItemRole,
    Measure,
    MeasureTarget,
    MeasureValue,
    Plan,
    PlanItem,
    ProgressUpdate,
    ReportingPeriod,
    Risk,
    RiskMitigation,
)
from councilplan.plans.revisions import items_changed_between
from councilplan.plans.selectors import period_list
from councilplan.plans.tolerance import measure_bands_of, plan_bands
from councilplan.reports.collector import collector_paused
from councilplan.reports.data import (
    PUBLICATION_DRAFT,
    PUBLICATION_PUBLISHED,
    PUBLICATION_REOPENED,
    PlanPosition,
    ReportFilters,
)
from councilplan.reports.frozen import position_thaw
from councilplan.reports.position import position_build, position_filtered, position_rebuild
from councilplan.reports.source import MeasureSource, ReportSource


def report_source_load(*, plan: Plan, period: ReportingPeriod) -> ReportSource:
    """Load a plan and a period into the engine's inputs with a fixed number of queries."""
    periods, previous, last_year, history = _periods_around(plan, period)
    items = _items_load(plan)
    key_of = {item["id"]: item["key"] for item in items}

    key_of_period = {p.pk: p.key for p in periods}
    item_facts = _item_facts_load(plan, period, previous, last_year, key_of_period, None)
    bands = plan_bands(plan)
    measures, measure_inputs = _measures_load(plan, period, key_of, key_of_period, bands)

    risks = list(
        Risk.objects.filter(plan=plan, archived_on=None)
        .order_by("position")
        .values(
            "id", "key", "description", "cause", "consequence", "owner", "likelihood", "impact",
            "rag", "rag_text",
        )
    )  # fmt: skip
    mitigations: dict[int, list[str]] = defaultdict(list)
    for risk_id, text in (
        RiskMitigation.objects.filter(risk__plan=plan)
        .order_by("risk_id", "position")
        .values_list("risk_id", "text")
    ):
        mitigations[risk_id].append(text)
    risk_items: dict[int, list[str]] = defaultdict(list)
    risk_refs: dict[int, list[str]] = defaultdict(list)
    ref_of = {item["id"]: item["ref"] or item["key"] for item in items}
    in_plan_order = {item["id"]: index for index, item in enumerate(items)}
    links = Risk.items.through.objects.filter(risk__plan=plan).values_list("risk_id", "planitem_id")
    for risk_id, item_id in sorted(links, key=lambda link: in_plan_order.get(link[1], -1)):
        if item_id in key_of:
            risk_items[risk_id].append(key_of[item_id])
            risk_refs[risk_id].append(ref_of[item_id])
    for risk in risks:
        risk["mitigations"] = mitigations.get(risk["id"], [])
        risk["items"] = risk_items.get(risk["id"], [])
        risk["item_refs"] = risk_refs.get(risk["id"], [])

    level_names = list(plan.levels.order_by("depth").values_list("name", flat=True))
    engine_input = EngineInput(
        items=tuple(_item_input(item, key_of, item_facts) for item in items),
        measures=measure_inputs,
        period=_period_input(period),
        previous=_period_input(previous) if previous else None,
        last_year=_period_input(last_year) if last_year else None,
        history=tuple(_period_input(p) for p in history),
        settings=_engine_settings(plan, bands),
    )
    return ReportSource(
        plan=plan,
        period=period,
        engine_input=engine_input,
        items=items,
        roles=item_facts.roles,
        measures=measures,
        risks=risks,
        level_names=level_names,
    )


def report_source_update(*, source: ReportSource, item_ids: Collection[int]) -> ReportSource | None:
    """`source` with the items of `item_ids` (their rows, roles, updates and measures) read
    again, everything else as it was: eight queries, whatever the plan's size. None when one
    of them left the plan, moved in its tree or gained or lost a measure: read it whole."""
    plan, period = source.plan, source.period
    rows = {row["id"]: row for row in source.items}
    fresh = {item["id"]: item for item in _items_query(plan).filter(id__in=item_ids)}
    if fresh.keys() != set(item_ids) or not fresh.keys() <= rows.keys():
        return None
    for item_id, item in fresh.items():
        if any(item[field] != rows[item_id][field] for field in ITEM_SHAPE_FIELDS):
            return None
    periods, previous, last_year, _history = _periods_around(plan, period)
    key_of_period = {p.pk: p.key for p in periods}
    key_of = {row["id"]: row["key"] for row in source.items}
    facts = _item_facts_load(plan, period, previous, last_year, key_of_period, item_ids)
    engine = source.engine_input
    measures, measure_inputs = _measures_load(
        plan, period, key_of, key_of_period, engine.settings.bands, item_ids
    )
    kept_measures = [index for index, m in enumerate(source.measures) if m["item_id"] in fresh]
    if [source.measures[index]["id"] for index in kept_measures] != [m["id"] for m in measures]:
        return None
    items = [fresh.get(row["id"], row) for row in source.items]
    item_inputs = list(engine.items)
    for index, item in enumerate(items):
        if item["id"] in fresh:
            item_inputs[index] = _item_input(item, key_of, facts)
    all_measures = list(source.measures)
    all_inputs = list(engine.measures)
    for index, measure, measure_input in zip(kept_measures, measures, measure_inputs, strict=True):
        all_measures[index] = measure
        all_inputs[index] = measure_input
    roles = {item_id: r for item_id, r in source.roles.items() if item_id not in fresh}
    roles.update(facts.roles)
    return replace(
        source,
        engine_input=replace(engine, items=tuple(item_inputs), measures=tuple(all_inputs)),
        items=items,
        roles=roles,
        measures=all_measures,
    )


# An item's fields that place it in its plan's tree: a change to one means reading it whole.
ITEM_SHAPE_FIELDS = ("key", "parent_id", "depth", "position", "ref")


@dataclass
class _ItemFacts:
    """What the engine reads about items besides their own row, by item id."""

    roles: dict[int, dict[str, list[str]]]
    updates: dict[int, dict[str, ItemUpdate]]
    last_updated: dict[int, date]
    previous_due: dict[int, date]


def _item_facts_load(
    plan: Plan,
    period: ReportingPeriod,
    previous: ReportingPeriod | None,
    last_year: ReportingPeriod | None,
    key_of_period: dict[int, str],
    item_ids: Collection[int] | None,
) -> _ItemFacts:
    """The items' roles, approved updates at the period, the one before and a year before,
    last update and previous due date: four queries, for every item or those of `item_ids`."""
    roles: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    role_rows = ItemRole.objects.filter(item__plan=plan)
    wanted = [p.pk for p in (period, previous, last_year) if p is not None]
    # One update an item and period, one figure a measure and period: read in any order
    # (the models' orderings join the items, measures and plans and sort thousands of rows).
    update_rows = ProgressUpdate.objects.filter(
        period_id__in=wanted, state=ProgressUpdate.State.APPROVED
    ).order_by()
    last_rows = ProgressUpdate.objects.filter(
        period__plan=plan, state=ProgressUpdate.State.APPROVED, period__ends_on__lte=period.ends_on
    ).order_by()
    if item_ids is not None:
        role_rows = role_rows.filter(item_id__in=item_ids)
        update_rows = update_rows.filter(item_id__in=item_ids)
        last_rows = last_rows.filter(item_id__in=item_ids)
    for item_id, role, name in role_rows.order_by("item_id", "role", "position").values_list(
        "item_id", "role", "party__name"
    ):
        roles[item_id][role].append(name)
    updates: dict[int, dict[str, ItemUpdate]] = defaultdict(dict)
    # A plan has a few status words and thousands of updates: one StatusValue for each word.
    statuses: dict[tuple[Any, ...], StatusValue | None] = {}
    rows = update_rows.annotate(percent=Cast("percent_complete", FloatField())).values_list(
        "item_id", "period_id", "status_text", "percent", "commentary", "next_steps",
        "status__label", "status__rag", "status__is_complete", "status__is_inactive",
        "forecast_status__label", "forecast_status__rag", "forecast_status__is_complete",
        "forecast_status__is_inactive",
    )  # fmt: skip
    for item_id, period_id, status_text, percent, commentary, next_steps, *words in rows:
        status, forecast = tuple(words[:4]), tuple(words[4:])
        if status not in statuses:
            statuses[status] = _status_value(*status)
        if forecast not in statuses:
            statuses[forecast] = _status_value(*forecast)
        updates[item_id][key_of_period[period_id]] = ItemUpdate(
            status=statuses[status],
            forecast=statuses[forecast],
            status_text=status_text,
            percent=percent,
            commentary=commentary,
            next_steps=next_steps,
        )
    last_updated = dict(
        last_rows.values("item_id")
        .annotate(last=Max("period__ends_on"))
        .values_list("item_id", "last")
    )
    return _ItemFacts(
        roles={item_id: dict(r) for item_id, r in roles.items()},
        updates=updates,
        last_updated=last_updated,
        previous_due=_previous_due_dates(plan, previous, item_ids),
    )


def _item_input(item: dict[str, Any], key_of: dict[int, str], facts: _ItemFacts) -> ItemInput:
    return ItemInput(
        key=item["key"],
        title=item["title"],
        parent_key=key_of.get(item["parent_id"]),
        ref=item["ref"],
        depth=item["depth"],
        weight=float(item["weight"]),
        start_date=item["start_date"],
        due_date=item["due_date"],
        previous_due_date=facts.previous_due.get(item["id"]),
        open_ended=item["open_ended"],
        timescale_text=item["timescale_text"],
        description=item["description"],
        roles={role: tuple(names) for role, names in facts.roles.get(item["id"], {}).items()},
        updates=facts.updates.get(item["id"], {}),
        last_updated_on=facts.last_updated.get(item["id"]),
    )


def measure_source_load(*, plan: Plan, period: ReportingPeriod) -> MeasureSource:
    """Load a plan's items, measures, values and targets into the engine's inputs, without
    the progress updates the items' roll-ups need: a fixed number of queries."""
    periods, previous, last_year, history = _periods_around(plan, period)
    items = _items_load(plan)
    key_of = {item["id"]: item["key"] for item in items}
    key_of_period = {p.pk: p.key for p in periods}
    bands = plan_bands(plan)
    measures, measure_inputs = _measures_load(plan, period, key_of, key_of_period, bands)
    engine_input = EngineInput(
        items=tuple(
            ItemInput(
                key=item["key"], title=item["title"], parent_key=key_of.get(item["parent_id"]),
                ref=item["ref"], depth=item["depth"],
            )
            for item in items
        ),
        measures=measure_inputs,
        period=_period_input(period),
        previous=_period_input(previous) if previous else None,
        last_year=_period_input(last_year) if last_year else None,
        history=tuple(_period_input(p) for p in history),
        settings=_engine_settings(plan, bands),
    )  # fmt: skip
    return MeasureSource(engine_input=engine_input, items=items, measures=measures)


def _periods_around(
    plan: Plan, period: ReportingPeriod
) -> tuple[
    list[ReportingPeriod], ReportingPeriod | None, ReportingPeriod | None, list[ReportingPeriod]
]:
    """The plan's periods, the one before `period`, the same one last year, and the history
    up to `period`."""
    periods = period_list(plan=plan)
    calendar = FinancialCalendar(plan.year_start_month, plan.period_months)
    by_key = {p.key: p for p in periods}
    previous = last_year = None
    try:
        parsed = period_parse(period.key, calendar)
        previous = by_key.get(parsed.previous().key)
        last_year = by_key.get(parsed.same_period_last_year().key)
    except PeriodError:
        earlier = [p for p in periods if p.starts_on < period.starts_on]
        previous = earlier[-1] if earlier else None
    history = [p for p in periods if p.ends_on <= period.ends_on]
    return periods, previous, last_year, history


def _items_load(plan: Plan) -> list[dict[str, Any]]:
    return _depth_first(list(_items_query(plan).order_by("position")))


def _items_query(plan: Plan) -> Any:
    return PlanItem.objects.filter(plan=plan, archived_on=None).values(
        "id", "key", "parent_id", "ref", "depth", "position", "title", "description",
        "weight", "start_date", "due_date", "open_ended", "timescale_text",
    )  # fmt: skip


def _measures_load(
    plan: Plan,
    period: ReportingPeriod,
    key_of: dict[int, str],
    key_of_period: dict[int, str],
    bands: Bands,
    item_ids: Collection[int] | None = None,
) -> tuple[list[dict[str, Any]], tuple[MeasureInput, ...]]:
    """The plan's measures (not archived; only those of `item_ids` when given) as rows and as
    engine inputs, with their actuals and targets up to the period: three queries."""
    chosen = Measure.objects.filter(plan=plan, archived_on=None)
    if item_ids is not None:
        chosen = chosen.filter(item_id__in=item_ids)
    measures = list(
        chosen.order_by("position")
        .values(
            "id", "key", "ref", "item_id", "name", "unit", "polarity", "frequency", "kind",
            "baseline_text", "baseline_value", "baseline_comparator",
            "target_text", "target_value", "target_comparator",
            "tolerance_green_within_percent", "tolerance_amber_within_percent",
            "tolerance_relative",
        )
    )  # fmt: skip
    measure_ids = None if item_ids is None else [m["id"] for m in measures]
    actuals = measure_actuals_load(
        plan=plan, up_to=period, key_of_period=key_of_period, measure_ids=measure_ids
    )
    targets = measure_targets_load(
        plan=plan, up_to=period, key_of_period=key_of_period, measure_ids=measure_ids
    )
    inputs = tuple(
        MeasureInput(
            key=m["key"],
            item_key=key_of[m["item_id"]],
            name=m["name"],
            unit=m["unit"],
            polarity=Polarity(m["polarity"] or "higher"),
            frequency=m["frequency"],
            kind=m["kind"],
            baseline=Quantity(
                m["baseline_text"], _float(m["baseline_value"]), m["baseline_comparator"]
            ),
            target=Quantity(m["target_text"], _float(m["target_value"]), m["target_comparator"]),
            targets=targets.get(m["id"], {}),
            actuals=actuals.get(m["id"], {}),
            bands=measure_bands_of(
                green=m["tolerance_green_within_percent"],
                amber=m["tolerance_amber_within_percent"],
                relative=m["tolerance_relative"],
                plan=bands,
            ),
        )
        for m in measures
        if m["item_id"] in key_of
    )
    return measures, inputs


def _engine_settings(plan: Plan, bands: Bands) -> EngineSettings:
    return EngineSettings(
        progress_rollup=ProgressRollup(plan.progress_rollup),
        rag_rollup=RagRollup(plan.rag_rollup),
        tolerance_percent=float(plan.tolerance_percent),
        bands=bands,
        plan_starts_on=plan.starts_on,
        plan_ends_on=plan.ends_on,
    )


# A figure's state by its stored word: a look-up, not an enum call for each of thousands.
VALUE_STATES = {state.value: state for state in ValueState}


def measure_actuals_load(
    *,
    plan: Plan,
    up_to: ReportingPeriod,
    key_of_period: dict[int, str],
    measure_ids: Collection[int] | None = None,
) -> dict[int, dict[str, Quantity]]:
    """Every measure's actuals up to the period (only those of `measure_ids` when given):
    measure id -> period key -> actual. One query, whatever the number of measures."""
    actuals: dict[int, dict[str, Quantity]] = defaultdict(dict)
    chosen = MeasureValue.objects.filter(
        measure__plan=plan, period__ends_on__lte=up_to.ends_on
    ).order_by()  # one a measure and period: any order (see _item_facts_load)
    if measure_ids is not None:
        chosen = chosen.filter(measure_id__in=measure_ids)
    # The figure read as a float in the database: no Decimal per row (thousands of rows).
    rows = (
        chosen.annotate(number=Cast("value", FloatField()))
        .values_list(
            "measure_id", "period_id", "number", "comparator", "text", "state", "expected_on",
            "reported_status", "reported_trend",
        )
    )  # fmt: skip
    for measure_id, period_id, number, comparator, text, state, expected_on, rag, trend in rows:
        actuals[measure_id][key_of_period[period_id]] = Quantity(
            text,
            number,
            comparator,
            state=VALUE_STATES[state],
            expected_on=expected_on,
            reported_status=rag,
            reported_trend=trend,
        )
    return actuals


def measure_targets_load(
    *,
    plan: Plan,
    up_to: ReportingPeriod,
    key_of_period: dict[int, str],
    measure_ids: Collection[int] | None = None,
) -> dict[int, dict[str, Quantity]]:
    """Every measure's targets per period up to the period (only those of `measure_ids` when
    given): measure id -> period key -> target. One query, whatever the number of measures."""
    targets: dict[int, dict[str, Quantity]] = defaultdict(dict)
    chosen = MeasureTarget.objects.filter(
        measure__plan=plan, period__ends_on__lte=up_to.ends_on
    ).order_by()
    if measure_ids is not None:
        chosen = chosen.filter(measure_id__in=measure_ids)
    rows = chosen.annotate(
        number=Cast("value", FloatField()), upper=Cast("upper_value", FloatField())
    ).values_list("measure_id", "period_id", "text", "number", "comparator", "upper")
    for measure_id, period_id, text, number, comparator, upper in rows:
        targets[measure_id][key_of_period[period_id]] = Quantity(
            text, number, comparator, upper=upper
        )
    return targets


# The roles each report filter reads (as `position._filter` matches them).
FILTER_ROLES = {
    "portfolio": ("portfolio", "portfolio_holder"),
    "lead_officer": ("lead_officer", "deputy_lead_officer", "owner", "cmt_lead"),
    "service_area": ("service_area",),
}


def report_filter_choices(*, plan: Plan) -> dict[str, list[str]]:
    """The names a report can be narrowed to, by filter, in one query: the portfolios, lead
    officers and service areas the plan's working items name."""
    pairs = (
        ItemRole.objects.filter(item__plan=plan, item__archived_on__isnull=True)
        .values_list("role", "party__name")
        .distinct()
    )
    choices: dict[str, set[str]] = {name: set() for name in FILTER_ROLES}
    for role, name in pairs:
        for which, roles in FILTER_ROLES.items():
            if role in roles:
                choices[which].add(name)
    return {which: sorted(names, key=str.lower) for which, names in choices.items()}


def plan_position(
    *,
    plan: Plan,
    period: ReportingPeriod,
    filters: ReportFilters | None = None,
    today: date | None = None,
) -> PlanPosition:
    """Where the plan stands at the period: status mix, progress by top-level items,
    exceptions, changes since the last period, findings, and the tree with computed values.

    The one source every report format and web page renders from. A published period's is
    the position kept when it was published (its PublishedSnapshot), whatever changed
    since; a period reopened after publishing is read live and says so."""
    filters = filters or ReportFilters()
    snapshot = _snapshot_latest(period)
    frozen = _published_position(period, snapshot, filters)
    if frozen is not None:
        return frozen
    _source, _result, position = _live_worked_out(plan, period, filters, today)
    _publication_noted(position, period, snapshot)
    return position


@dataclass
class KeptPosition:
    """A plan's position at a period as worked out at a revision, on a day, with what it was
    worked out from (none for a published period's kept snapshot), so that the next revision
    needs only what changed worked out again (`plan_position_kept`)."""

    revision: int
    day: date
    position: PlanPosition
    source: ReportSource | None = None
    result: EngineResult | None = None


def plan_position_kept(
    *, plan: Plan, period: ReportingPeriod, revision: int, kept: KeptPosition | None
) -> KeptPosition:
    """`plan_position(plan=plan, period=period)` at the plan's `revision`, from `kept`, the
    position of an earlier revision, when the revisions since were each about one item
    (plans.revisions): only those items, the items below them and those above them are read
    and worked out again. Worked out whole when there is nothing kept, or kept from another
    day or period, or a revision since was about anything else."""
    today = timezone.localdate()
    if kept is not None and kept.revision == revision and kept.day == today:
        return kept
    if (
        kept is not None
        and kept.source is not None
        and kept.result is not None
        and kept.day == today
        and kept.source.period.pk == period.pk
        and kept.position.filters.is_empty
    ):
        item_ids = items_changed_between(plan_id=plan.pk, since=kept.revision, until=revision)
        source = (
            report_source_update(source=kept.source, item_ids=item_ids)
            if item_ids is not None
            else None
        )
        if source is not None and item_ids is not None:
            key_of = {row["id"]: row["key"] for row in source.items}
            result = plan_position_recompute(kept=kept.result, inputs=source.engine_input)
            position = position_rebuild(
                kept=kept.position,
                source=source,
                result=result,
                changed={key_of[item_id] for item_id in item_ids},
                today=today,
                role_labels=ROLE_LABELS,
            )
            return KeptPosition(revision, today, position, source, result)
    snapshot = _snapshot_latest(period)
    frozen = _published_position(period, snapshot, ReportFilters())
    if frozen is not None:
        return KeptPosition(revision, today, frozen)
    source, result, position = _live_worked_out(plan, period, ReportFilters(), today)
    _publication_noted(position, period, snapshot)
    return KeptPosition(revision, today, position, source, result)


def _published_position(
    period: ReportingPeriod, snapshot: Any, filters: ReportFilters
) -> PlanPosition | None:
    """A published period's position as it was kept when it was published."""
    if snapshot is None or period.state != ReportingPeriod.State.PUBLISHED:
        return None
    frozen = position_thaw(snapshot.report)
    if frozen is None:
        return None
    frozen = position_filtered(frozen, filters)
    frozen.publication_note = PUBLISHED_NOTE.format(
        when=_when(snapshot.published_on), who=_who(snapshot.published_by)
    )
    frozen.publication_status = PUBLICATION_PUBLISHED
    return frozen


def _publication_noted(position: PlanPosition, period: ReportingPeriod, snapshot: Any) -> None:
    position.publication_status = (
        PUBLICATION_PUBLISHED
        if period.state == ReportingPeriod.State.PUBLISHED
        else PUBLICATION_REOPENED
        if snapshot is not None
        else PUBLICATION_DRAFT
    )
    if snapshot is not None and period.state != ReportingPeriod.State.PUBLISHED:
        position.publication_note = _reopened_note(period, snapshot)


PUBLISHED_NOTE = "As published on {when} by {who}: this report does not change afterwards."
REOPENED_NOTE = (
    "Reopened on {when} by {who} ({reason}). This report shows the changes since it was "
    "published on {published}; the published report is kept as it was until the period is "
    "published again."
)


def _snapshot_latest(period: ReportingPeriod) -> Any:
    from councilplan.cycle.models import PublishedSnapshot

    return (
        PublishedSnapshot.objects.filter(period=period)
        .select_related("published_by", "plan", "period")
        .order_by("-published_on", "-id")
        .first()
    )


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"


def _who(user: Any) -> str:
    from councilplan.accounts.selectors import person_name

    return person_name(user) if user is not None else "the system"


def _reopened_note(period: ReportingPeriod, snapshot: Any) -> str:
    reopened = (
        change_record_list_for(instance=period)
        .filter(changes__event="period_reopened")
        .order_by("-at", "-id")
        .first()
    )
    if reopened is None:
        return ""
    from councilplan.accounts.selectors import people_names

    who = people_names(user_ids=[reopened.actor_id]).get(reopened.actor_id or 0)
    return REOPENED_NOTE.format(
        when=_when(reopened.at),
        who=who or reopened.actor_name,
        reason=reopened.reason or reopened.changes.get("reason", "no reason recorded"),
        published=_when(snapshot.published_on),
    )


def plan_position_live(
    *,
    plan: Plan,
    period: ReportingPeriod,
    filters: ReportFilters | None = None,
    today: date | None = None,
) -> PlanPosition:
    """The position worked out now from the plan's approved updates (see plan_position)."""
    return _live_worked_out(plan, period, filters or ReportFilters(), today)[2]


def _live_worked_out(
    plan: Plan, period: ReportingPeriod, filters: ReportFilters, today: date | None
) -> tuple[ReportSource, EngineResult, PlanPosition]:
    with collector_paused():
        source = report_source_load(plan=plan, period=period)
        result: EngineResult = plan_position_compute(source.engine_input)
        position = position_build(
            source=source,
            result=result,
            filters=filters,
            today=today or timezone.localdate(),
            role_labels=ROLE_LABELS,
        )
    return source, result, position


def _previous_due_dates(
    plan: Plan, previous: ReportingPeriod | None, item_ids: Collection[int] | None = None
) -> dict[int, date]:
    """Each item's due date as it stood when the previous period was reported.

    The previous period counts as reported when it was published, else when its updates
    were due, else at its end. The old value of the first due-date change after that moment
    is the due date then."""
    if previous is None:
        return {}
    if previous.published_on is not None:
        moment = previous.published_on
    else:
        day = previous.updates_due_on or previous.ends_on
        moment = timezone.make_aware(datetime.combine(day, time.max))
    first_old: dict[int, date | None] = {}
    for object_id, changes in field_changes_since(
        plan_id=plan.pk, model=PlanItem, field="due_date", since=moment, object_ids=item_ids
    ):
        item_id = int(object_id)
        if item_id in first_old:
            continue
        old = (changes.get("due_date") or [None])[0]
        first_old[item_id] = date.fromisoformat(old) if old else None
    return {item_id: due for item_id, due in first_old.items() if due is not None}


def _depth_first(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    walked = tree_depth_first(
        items, key=lambda item: item["id"], parent=lambda item: item["parent_id"]
    )
    return [item for item, _top in walked]


def _period_input(period: ReportingPeriod) -> PeriodInput:
    return PeriodInput(
        key=period.key, label=period.label, starts_on=period.starts_on, ends_on=period.ends_on
    )


def _float(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def _status_value(
    label: str, rag: str | None, is_complete: bool, is_inactive: bool
) -> StatusValue | None:
    """A status word read with its colour and flags, or None when there is none."""
    if not rag:
        return None
    return StatusValue(label=label, rag=Rag(rag), is_complete=is_complete, is_inactive=is_inactive)
