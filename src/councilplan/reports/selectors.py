"""Reads for reports: a plan and a period into the engine, and the engine into a PlanPosition.

Queries per report are constant: every read below is one query whatever the plan's size.
Only approved progress updates count.
"""

from collections import defaultdict
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
from councilplan.plans.selectors import period_list
from councilplan.plans.tolerance import measure_bands_of, plan_bands
from councilplan.reports.data import (
    PUBLICATION_DRAFT,
    PUBLICATION_PUBLISHED,
    PUBLICATION_REOPENED,
    PlanPosition,
    ReportFilters,
)
from councilplan.reports.frozen import position_thaw
from councilplan.reports.position import position_build, position_filtered
from councilplan.reports.source import MeasureSource, ReportSource


def report_source_load(*, plan: Plan, period: ReportingPeriod) -> ReportSource:
    """Load a plan and a period into the engine's inputs with a fixed number of queries."""
    periods, previous, last_year, history = _periods_around(plan, period)
    items = _items_load(plan)
    key_of = {item["id"]: item["key"] for item in items}

    roles: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for item_id, role, name in (
        ItemRole.objects.filter(item__plan=plan)
        .order_by("item_id", "role", "position")
        .values_list("item_id", "role", "party__name")
    ):
        roles[item_id][role].append(name)

    wanted = [p.pk for p in (period, previous, last_year) if p is not None]
    key_of_period = {p.pk: p.key for p in periods}
    updates: dict[int, dict[str, ItemUpdate]] = defaultdict(dict)
    for row in (
        ProgressUpdate.objects.filter(period_id__in=wanted, state=ProgressUpdate.State.APPROVED)
        .values(
            "item_id", "period_id", "status_text", "percent_complete", "commentary", "next_steps",
            "status__label", "status__rag", "status__is_complete", "status__is_inactive",
            "forecast_status__label", "forecast_status__rag", "forecast_status__is_complete",
            "forecast_status__is_inactive",
        )
    ):  # fmt: skip
        updates[row["item_id"]][key_of_period[row["period_id"]]] = ItemUpdate(
            status=_status_value(row, "status"),
            forecast=_status_value(row, "forecast_status"),
            status_text=row["status_text"],
            percent=_float(row["percent_complete"]),
            commentary=row["commentary"],
            next_steps=row["next_steps"],
        )
    last_updated = dict(
        ProgressUpdate.objects.filter(
            period__plan=plan,
            state=ProgressUpdate.State.APPROVED,
            period__ends_on__lte=period.ends_on,
        )
        .values("item_id")
        .annotate(last=Max("period__ends_on"))
        .values_list("item_id", "last")
    )
    previous_due = _previous_due_dates(plan, previous)

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
        items=tuple(
            ItemInput(
                key=item["key"],
                title=item["title"],
                parent_key=key_of.get(item["parent_id"]),
                ref=item["ref"],
                depth=item["depth"],
                weight=float(item["weight"]),
                start_date=item["start_date"],
                due_date=item["due_date"],
                previous_due_date=previous_due.get(item["id"]),
                open_ended=item["open_ended"],
                timescale_text=item["timescale_text"],
                description=item["description"],
                roles={role: tuple(names) for role, names in roles.get(item["id"], {}).items()},
                updates=updates.get(item["id"], {}),
                last_updated_on=last_updated.get(item["id"]),
            )
            for item in items
        ),
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
        roles={item_id: dict(r) for item_id, r in roles.items()},
        measures=measures,
        risks=risks,
        level_names=level_names,
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
    items = list(
        PlanItem.objects.filter(plan=plan, archived_on=None)
        .order_by("position")
        .values(
            "id", "key", "parent_id", "ref", "depth", "position", "title", "description",
            "weight", "start_date", "due_date", "open_ended", "timescale_text",
        )
    )  # fmt: skip
    return _depth_first(items)


def _measures_load(
    plan: Plan,
    period: ReportingPeriod,
    key_of: dict[int, str],
    key_of_period: dict[int, str],
    bands: Bands,
) -> tuple[list[dict[str, Any]], tuple[MeasureInput, ...]]:
    """The plan's measures (not archived) as rows and as engine inputs, with their actuals
    and targets up to the period: three queries."""
    measures = list(
        Measure.objects.filter(plan=plan, archived_on=None)
        .order_by("position")
        .values(
            "id", "key", "ref", "item_id", "name", "unit", "polarity", "frequency", "kind",
            "baseline_text", "baseline_value", "baseline_comparator",
            "target_text", "target_value", "target_comparator",
            "tolerance_green_within_percent", "tolerance_amber_within_percent",
            "tolerance_relative",
        )
    )  # fmt: skip
    actuals = measure_actuals_load(plan=plan, up_to=period, key_of_period=key_of_period)
    targets = measure_targets_load(plan=plan, up_to=period, key_of_period=key_of_period)
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


def measure_actuals_load(
    *, plan: Plan, up_to: ReportingPeriod, key_of_period: dict[int, str]
) -> dict[int, dict[str, Quantity]]:
    """Every measure's actuals up to the period: measure id -> period key -> actual. One
    query, whatever the number of measures."""
    actuals: dict[int, dict[str, Quantity]] = defaultdict(dict)
    # The figure read as a float in the database: no Decimal per row (thousands of rows).
    rows = (
        MeasureValue.objects.filter(measure__plan=plan, period__ends_on__lte=up_to.ends_on)
        .annotate(number=Cast("value", FloatField()))
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
            state=ValueState(state),
            expected_on=expected_on,
            reported_status=rag,
            reported_trend=trend,
        )
    return actuals


def measure_targets_load(
    *, plan: Plan, up_to: ReportingPeriod, key_of_period: dict[int, str]
) -> dict[int, dict[str, Quantity]]:
    """Every measure's targets per period up to the period: measure id -> period key ->
    target. One query, whatever the number of measures."""
    targets: dict[int, dict[str, Quantity]] = defaultdict(dict)
    rows = (
        MeasureTarget.objects.filter(measure__plan=plan, period__ends_on__lte=up_to.ends_on)
        .annotate(number=Cast("value", FloatField()), upper=Cast("upper_value", FloatField()))
        .values_list("measure_id", "period_id", "text", "number", "comparator", "upper")
    )
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
    if snapshot is not None and period.state == ReportingPeriod.State.PUBLISHED:
        frozen = position_thaw(snapshot.report)
        if frozen is not None:
            frozen = position_filtered(frozen, filters)
            frozen.publication_note = PUBLISHED_NOTE.format(
                when=_when(snapshot.published_on), who=_who(snapshot.published_by)
            )
            frozen.publication_status = PUBLICATION_PUBLISHED
            return frozen
    position = plan_position_live(plan=plan, period=period, filters=filters, today=today)
    position.publication_status = (
        PUBLICATION_PUBLISHED
        if period.state == ReportingPeriod.State.PUBLISHED
        else PUBLICATION_REOPENED
        if snapshot is not None
        else PUBLICATION_DRAFT
    )
    if snapshot is not None and period.state != ReportingPeriod.State.PUBLISHED:
        position.publication_note = _reopened_note(period, snapshot)
    return position


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
    source = report_source_load(plan=plan, period=period)
    result: EngineResult = plan_position_compute(source.engine_input)
    return position_build(
        source=source,
        result=result,
        filters=filters or ReportFilters(),
        today=today or timezone.localdate(),
        role_labels=ROLE_LABELS,
    )


def _previous_due_dates(plan: Plan, previous: ReportingPeriod | None) -> dict[int, date]:
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
        plan_id=plan.pk, model=PlanItem, field="due_date", since=moment
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


def _status_value(row: dict[str, Any], field: str) -> StatusValue | None:
    """A status read with `values()` under the field's name, or None when there is none."""
    if not row[f"{field}__rag"]:
        return None
    return StatusValue(
        label=row[f"{field}__label"],
        rag=Rag(row[f"{field}__rag"]),
        is_complete=row[f"{field}__is_complete"],
        is_inactive=row[f"{field}__is_inactive"],
    )
