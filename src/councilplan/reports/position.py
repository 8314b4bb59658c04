"""The engine's results, with the plan's facts, made into the report's PlanPosition."""

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any

from councilplan.domain.engine import (
    ChangeKind,
    EngineResult,
    ItemInput,
    ItemResult,
    MeasureInput,
    MeasureResult,
    Rag,
)
from councilplan.domain.wording import cut_at_word
from councilplan.reports.data import (
    COMPUTED,
    NO_STATUS,
    PLAN_DATES,
    REPORTED,
    SUGGESTED,
    SUGGESTED_BELOW,
    SUGGESTED_BY_FIGURE,
    ChangeRow,
    FindingRow,
    ItemRow,
    MeasureRow,
    PlanPosition,
    ProgressRow,
    ReportFilters,
    RiskRow,
    StatusCount,
    StatusShown,
)
from councilplan.reports.source import ReportSource

CHANGE_ORDER = [
    ChangeKind.NEWLY_RED,
    ChangeKind.COMPLETED,
    ChangeKind.SLIPPED,
    ChangeKind.IMPROVED,
    ChangeKind.WORSENED,
]
ROLLUP_WORDS = {
    "mean_of_leaves": "the mean of the lowest-level items",
    "weighted": "the weighted mean of the lowest-level items",
    "mean_of_children": "the mean of the items directly below",
}
RAG_ROLLUP_WORDS = {"worst": "the worst status below", "proportion": "the proportions below"}
RAG_FILTER_WORDS = {"complete": Rag.BLUE, "not rated": Rag.GREY}


def position_build(
    *,
    source: ReportSource,
    result: EngineResult,
    filters: ReportFilters,
    today: date,
    role_labels: Mapping[str, str],
) -> PlanPosition:
    rows = _rows_built(source, result, role_labels, source.engine_input.items)
    return _position_assembled(source, result, rows, filters, today)


def position_rebuild(
    *,
    kept: PlanPosition,
    source: ReportSource,
    result: EngineResult,
    changed: Collection[str],
    today: date,
    role_labels: Mapping[str, str],
) -> PlanPosition:
    """`position_build` of `source` and `result` for a position `kept` without filters, when
    only the items `changed` differ from what it was built from: their rows, those of the
    items below them (they inherit lead officers and dates) and above them (their roll-ups)
    are built again, the others kept. The same position as `position_build`."""
    engine = source.engine_input
    parents = {item.key: item.parent_key for item in engine.items}
    again = set(changed)
    for item in engine.items:  # parents first: an item below one built again is built again
        if item.parent_key in again:
            again.add(item.key)
    for key in changed:
        parent = parents.get(key)
        while parent is not None:
            again.add(parent)
            parent = parents[parent]
    chosen = [item for item in engine.items if item.key in again]
    built = {row.key: row for row in _rows_built(source, result, role_labels, chosen)}
    rows = [built.get(row.key, row) for row in kept.rows]
    position = _position_assembled(source, result, rows, kept.filters, today)
    position.publication_status = kept.publication_status
    position.publication_note = kept.publication_note
    return position


def _rows_built(
    source: ReportSource,
    result: EngineResult,
    role_labels: Mapping[str, str],
    items: Iterable[ItemInput],
) -> list[ItemRow]:
    """The rows of `items` (parents before children; every item's parent among them or at
    the top), each with the lead officer and dates it inherits, made once."""
    engine = source.engine_input
    inputs = {item.key: item for item in engine.items}
    measures = {m.key: m for m in engine.measures}
    plan_dates = (engine.settings.plan_starts_on, engine.settings.plan_ends_on)
    leads: dict[str, str] = {}
    effective: dict[str, _Dates] = {}
    rows = []
    for item in items:
        own_lead = ", ".join(item.roles.get("lead_officer", ()))
        lead = own_lead or leads.get(item.parent_key or "", "")
        leads[item.key] = lead
        dates = _dates_of(item, inputs.get(item.parent_key or ""), effective, plan_dates)
        effective[item.key] = dates
        rows.append(
            _item_row(
                item, result.items[item.key], measures, source.level_names, role_labels,
                lead, dates,
            )
        )  # fmt: skip
    return rows


def _position_assembled(
    source: ReportSource,
    result: EngineResult,
    rows: list[ItemRow],
    filters: ReportFilters,
    today: date,
) -> PlanPosition:
    """The position from every item's row: what the filters choose, the status mix,
    progress, changes, exceptions, findings and counts."""
    plan, period = source.plan, source.period
    engine = source.engine_input
    inputs = {item.key: item for item in engine.items}
    levels = source.level_names
    chosen = _filter(rows, inputs, filters)
    context = set() if filters.is_empty else _ancestors_of(chosen, inputs)
    shown = [
        row if row.key in chosen else replace(row, context_only=True)
        for row in rows
        if row.key in chosen or row.key in context
    ]
    by_key = {row.key: row for row in rows}
    leaves = [row for row in shown if row.is_leaf and not row.context_only]
    return PlanPosition(
        plan_slug=plan.slug,
        plan_title=plan.title,
        organisation=plan.organisation.name,
        period_key=period.key,
        period_label=period.label,
        period_starts_on=period.starts_on,
        period_ends_on=period.ends_on,
        previous_label=engine.previous.label if engine.previous else "",
        last_year_label=engine.last_year.label if engine.last_year else "",
        generated_on=today,
        level_names=tuple(levels),
        progress_rollup=ROLLUP_WORDS.get(plan.progress_rollup, plan.progress_rollup),
        rag_rollup=RAG_ROLLUP_WORDS.get(plan.rag_rollup, plan.rag_rollup),
        tolerance_percent=float(plan.tolerance_percent),
        tolerance_rule=engine.settings.bands.describe(),
        metadata=dict(plan.metadata or {}),
        filters=filters,
        status_mix=_status_mix(leaves),
        progress=[
            ProgressRow(
                key=row.key,
                heading=row.heading,
                level=row.level,
                depth=row.depth,
                reported_percent=row.reported_percent,
                computed_percent=row.computed_percent,
                differs=row.percent_differs,
                status=row.status,
            )
            for row in shown
            if not row.is_leaf and row.depth <= 1
        ],
        changes=[
            ChangeRow(
                kind=change.kind.value,
                title=change.title,
                key=change.item_key,
                heading=by_key[change.item_key].heading,
                before=change.before,
                after=change.after,
                is_leaf=by_key[change.item_key].is_leaf,
            )
            for kind in CHANGE_ORDER
            for change in result.changes
            if change.kind is kind and change.item_key in chosen
        ],
        exceptions=[
            row
            for row in shown
            if not row.context_only
            and row.is_exception
            and (row.is_leaf or row.status.source == REPORTED)
        ],
        findings=[
            FindingRow(
                kind=finding.kind.value,
                title=finding.title,
                key=finding.item_key,
                heading=by_key[finding.item_key].heading,
                message=finding.message,
            )
            for finding in result.findings
            if finding.item_key in chosen or filters.is_empty
        ],
        rows=shown,
        risks=[_risk_row(risk) for risk in source.risks],
        counts={
            "items": len(rows),
            "items_shown": len([row for row in shown if not row.context_only]),
            "measures": len(engine.measures),
            "risks": len(source.risks),
        },
    )


# An item's dates as it is judged by them: (start, whence, due, whence); whence "" when
# the item's own.
_Dates = tuple[date | None, str, date | None, str]


def _dates_of(
    item: ItemInput,
    parent: ItemInput | None,
    effective: Mapping[str, _Dates],
    plan_dates: tuple[date | None, date | None],
) -> _Dates:
    """The dates an item is judged by, as the engine judges it: its own, else the nearest
    item's above, else the plan's (an open-ended item has no due date). A milestone of a
    plan that prints no dates is not left blank in the report."""
    if parent is None:
        start, start_from, due, due_from = plan_dates[0], PLAN_DATES, plan_dates[1], PLAN_DATES
    else:
        start, start_from, due, due_from = effective[parent.key]
        if not (start_from and due_from):
            name = parent.ref or cut_at_word(parent.title, 60)
            start_from, due_from = start_from or name, due_from or name
    if item.start_date:
        start, start_from = item.start_date, ""
    if item.open_ended:
        due, due_from = None, ""
    elif item.due_date:
        due, due_from = item.due_date, ""
    return start, start_from, due, due_from


SHOWN_ROLES = frozenset({"lead_officer", "portfolio", "portfolio_holder", "service_area"})


def _item_row(
    item: ItemInput,
    result: ItemResult,
    measures: dict[str, MeasureInput],
    levels: list[str],
    role_labels: Mapping[str, str],
    lead_officer: str,
    dates: _Dates,
) -> ItemRow:
    """An item's row, with the lead officer it is led by (its own, else its nearest
    parent's: a milestone is updated by its action's lead officer, and every table names
    the same person) and the dates it is judged by."""
    roles = item.roles
    start, start_from, due, due_from = dates
    status = _status_shown(result)
    suggestion = result.suggestion
    return ItemRow(
        key=item.key,
        ref=item.ref,
        title=item.title,
        depth=item.depth,
        level=levels[item.depth] if item.depth < len(levels) else f"Level {item.depth + 1}",
        description=item.description,
        is_leaf=result.is_leaf,
        lead_officer=lead_officer,
        portfolio=", ".join((*roles.get("portfolio", ()), *roles.get("portfolio_holder", ()))),
        service_area=", ".join(roles.get("service_area", ())),
        other_roles=tuple(
            (role_labels.get(role, role), ", ".join(names))
            for role, names in roles.items()
            if role not in SHOWN_ROLES and names
        ),
        start_date=item.start_date,
        due_date=item.due_date,
        timescale_text=item.timescale_text,
        status=status,
        forecast=(
            _shown(result.forecast.label, result.forecast.rag, REPORTED)
            if result.forecast
            else None
        ),
        reported_status_text=result.reported_status.label if result.reported_status else "",
        suggested=_suggested(suggestion.rag) if suggestion else None,
        suggestion_reason=suggestion.reason if suggestion else "",
        computed_status=_computed_shown(result),
        status_disagrees=result.status_disagrees,
        reported_percent=result.reported_percent,
        computed_percent=result.computed_percent,
        percent_differs=result.percent_differs,
        previous_percent=result.previous_percent,
        direction=str(result.direction) if result.direction else "",
        overdue=result.overdue,
        slipped=result.slipped,
        is_complete=result.is_complete,
        commentary=result.commentary,
        next_steps=result.next_steps,
        measures=tuple(_measure_row(measures[m.key], m) for m in result.measures),
        parent_key=item.parent_key,
        effective_start=start,
        effective_due=due,
        start_from=start_from if start else "",
        dates_from=due_from if due else "",
    )


def _status_shown(result: ItemResult) -> StatusShown:
    """The status an item is shown with. Reported, else rolled up from what was reported
    below, else a suggestion that says so ("Suggested: Red"), else not rated: a mission
    rolled up from its actions' suggestions is itself only a suggestion."""
    if result.reported_status is not None:
        return _shown(result.reported_status.label, result.reported_status.rag, REPORTED)
    computed = _computed_shown(result)
    if computed is not None and computed.rag is not Rag.GREY:
        return computed
    if result.suggestion is not None:
        return _suggested(result.suggestion.rag)
    return _shown(Rag.GREY.word, Rag.GREY, NO_STATUS)


# A plan prints a few statuses on thousands of rows: one StatusShown for each (they are
# frozen, so shared).
@lru_cache(maxsize=1024)
def _shown(word: str, rag: Rag, source: str) -> StatusShown:
    return StatusShown(word, rag, source)


@lru_cache(maxsize=64)
def _suggested(rag: Rag, source: str = SUGGESTED) -> StatusShown:
    return StatusShown.suggestion(rag, source)


def _computed_shown(result: ItemResult) -> StatusShown | None:
    if result.computed_rag is None:
        return None
    if result.computed_suggested:
        return _suggested(result.computed_rag, SUGGESTED_BELOW)
    return _shown(result.computed_rag.word, result.computed_rag, COMPUTED)


def _measure_row(measure: MeasureInput, result: MeasureResult) -> MeasureRow:
    actual = result.actual
    actual_text = ""
    if actual is not None:
        actual_text = actual.text or (_number(actual.value) if actual.value is not None else "")
    return MeasureRow(
        key=measure.key,
        name=measure.name,
        unit=measure.unit,
        baseline=measure.baseline.text or _number(measure.baseline.value),
        target=result.target.text or _number(result.target.value),
        actual=actual_text,
        actual_value=actual.value if actual else None,
        target_value=result.target.value,
        suggested=(
            _shown(result.suggestion.rag.word, result.suggestion.rag, SUGGESTED_BY_FIGURE)
            if result.suggestion
            else None
        ),
        suggestion_reason=result.suggestion.reason if result.suggestion else "",
        direction_previous=str(result.direction_previous) if result.direction_previous else "",
        direction_last_year=str(result.direction_last_year) if result.direction_last_year else "",
        series=result.series,
        target_series=tuple((key, measure.target_at(key).value) for key, _ in result.series),
    )


def _risk_row(risk: dict[str, Any]) -> RiskRow:
    status = None
    if risk["rag"]:
        rag = Rag(risk["rag"])
        status = StatusShown(risk["rag_text"] or rag.word, rag, REPORTED)
    elif risk["rag_text"]:
        status = StatusShown(risk["rag_text"], Rag.GREY, REPORTED)
    return RiskRow(
        key=risk["key"],
        description=risk["description"],
        cause=risk["cause"],
        consequence=risk["consequence"],
        owner=risk["owner"],
        likelihood=risk["likelihood"],
        impact=risk["impact"],
        mitigations=tuple(risk["mitigations"]),
        status=status,
        items=tuple(risk["items"]),
        item_refs=tuple(risk["item_refs"]),
    )


def _status_mix(leaves: list[ItemRow]) -> list[StatusCount]:
    """Lowest-level items by status. Items with no reported status count apart, under the
    status the evidence suggests, so a councillor never reads a suggestion as an owner's
    report (Harlow's corporate plan reports no RAG at all)."""
    total = len(leaves) or 1
    order = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE]
    counts = []
    for suggested in (False, True):
        for rag in order:
            count = sum(
                row.status.rag is rag and row.status.is_suggested is suggested for row in leaves
            )
            if count or not suggested:
                shown = StatusShown.suggestion(rag) if suggested else StatusShown(rag.word, rag, "")
                counts.append(
                    StatusCount(
                        rag, shown.word, count, 100 * count / total, suggested, status_key(shown)
                    )
                )
    # Grey statuses keep the owner's words ("Start later in year", "Deferred until 2021/22"):
    # not due and not started are different news. No status at all is "Not rated", last.
    grey = Counter(
        row.status.word if row.status.source == REPORTED else Rag.GREY.word
        for row in leaves
        if row.status.rag is Rag.GREY
    )
    not_rated = grey.pop(Rag.GREY.word, 0)
    for word, count in [*grey.items(), (Rag.GREY.word, not_rated)]:
        if count:
            key = status_key(StatusShown(word, Rag.GREY, REPORTED if word in grey else NO_STATUS))
            counts.append(StatusCount(Rag.GREY, word, count, 100 * count / total, key=key))
    return counts


def status_key(status: StatusShown) -> str:
    """The group a status is counted in, as the status mix counts and the tree filters:
    "red" (reported, or rolled up from reports), "suggested-red", a grey status by its
    words ("grey:start later in year"), "not-rated"."""
    if status.is_suggested:
        return f"suggested-{status.rag.value}"
    if status.rag is Rag.GREY:
        return "not-rated" if status.source == NO_STATUS else f"grey:{status.word.lower()}"
    return status.rag.value


def position_filtered(position: PlanPosition, filters: ReportFilters) -> PlanPosition:
    """A kept (published) position narrowed by the report filters, as `position_build`
    narrows a live one, reading the people each row prints (its own and those above it)."""
    if filters.is_empty:
        return position
    rows = {row.key: row for row in position.rows}

    def chain(row: ItemRow) -> list[ItemRow]:
        found = [row]
        while found[-1].parent_key in rows:
            found.append(rows[found[-1].parent_key or ""])
        return found

    def names(row: ItemRow, which: str) -> str:
        if which == "lead":
            return " ".join([row.lead_officer, *(people for _, people in row.other_roles)])
        return row.portfolio if which == "portfolio" else row.service_area

    def held(row: ItemRow, which: str, wanted: str) -> bool:
        return any(wanted.strip().lower() in names(each, which).lower() for each in chain(row))

    chosen = {
        row.key
        for row in position.rows
        if not (filters.portfolio and not held(row, "portfolio", filters.portfolio))
        and not (filters.lead_officer and not held(row, "lead", filters.lead_officer))
        and not (filters.service_area and not held(row, "service", filters.service_area))
        and not (filters.status and not _status_matches(row, filters.status))
        and not (filters.exceptions_only and not row.is_exception)
    }
    context = {each.key for key in chosen for each in chain(rows[key])[1:]}
    shown = [
        row if row.key in chosen else replace(row, context_only=True)
        for row in position.rows
        if row.key in chosen or row.key in context
    ]
    exceptions = {row.key for row in position.exceptions}
    return replace(
        position,
        filters=filters,
        status_mix=_status_mix([row for row in shown if row.is_leaf and not row.context_only]),
        progress=[row for row in position.progress if row.key in chosen | context],
        changes=[change for change in position.changes if change.key in chosen],
        exceptions=[row for row in shown if row.key in exceptions and not row.context_only],
        findings=[finding for finding in position.findings if finding.key in chosen],
        rows=shown,
        counts={**position.counts, "items_shown": len(chosen)},
    )


def _filter(rows: list[ItemRow], inputs: dict[str, ItemInput], filters: ReportFilters) -> set[str]:
    """The keys of the items the filters choose (every item when there are none)."""
    if filters.is_empty:
        return {row.key for row in rows}
    chosen = set()
    for row in rows:
        chain = [row.key, *_ancestor_keys(row.key, inputs)]
        if filters.portfolio and not _holds(
            chain, inputs, ("portfolio", "portfolio_holder"), filters.portfolio
        ):
            continue
        if filters.lead_officer and not _holds(
            chain,
            inputs,
            ("lead_officer", "deputy_lead_officer", "owner", "cmt_lead"),
            filters.lead_officer,
        ):
            continue
        if filters.service_area and not _holds(
            chain, inputs, ("service_area",), filters.service_area
        ):
            continue
        if filters.status and not _status_matches(row, filters.status):
            continue
        if filters.exceptions_only and not row.is_exception:
            continue
        chosen.add(row.key)
    return chosen


def _status_matches(row: ItemRow, wanted: str) -> bool:
    wanted = wanted.strip().lower()
    rag = RAG_FILTER_WORDS.get(wanted)
    if rag is None:
        try:
            rag = Rag(wanted)
        except ValueError:
            rag = None
    return (rag is not None and row.status.rag is rag) or row.status.word.lower() == wanted


def _holds(
    chain: list[str], inputs: dict[str, ItemInput], roles: tuple[str, ...], name: str
) -> bool:
    name = name.strip().lower()
    return any(
        name in person.lower()
        for key in chain
        for role in roles
        for person in inputs[key].roles.get(role, ())
    )


def _ancestor_keys(key: str, inputs: dict[str, ItemInput]) -> list[str]:
    chain = []
    parent = inputs[key].parent_key
    while parent is not None:
        chain.append(parent)
        parent = inputs[parent].parent_key
    return chain


def _ancestors_of(chosen: set[str], inputs: dict[str, ItemInput]) -> set[str]:
    ancestors: set[str] = set()
    for key in chosen:
        ancestors.update(_ancestor_keys(key, inputs))
    return ancestors


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
