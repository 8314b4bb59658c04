"""Where a plan stands at one period: roll-ups, suggested status, slippage and changes."""

from dataclasses import dataclass, replace
from datetime import date

from councilplan.domain.engine.evidence import (
    direction_of_travel,
    measure_suggestion,
    milestone_suggestion,
)
from councilplan.domain.engine.findings import (
    FindingGroups,
    findings_grouped,
    findings_in_order,
    measure_findings_find,
)
from councilplan.domain.engine.inputs import (
    EngineInput,
    ItemInput,
    MeasureInput,
    PeriodInput,
    ProgressRollup,
    Rag,
    StatusValue,
)
from councilplan.domain.engine.results import (
    Change,
    ChangeKind,
    EngineResult,
    Finding,
    ItemResult,
    MeasureResult,
    Suggestion,
)
from councilplan.domain.engine.rollup import percent_mean, percent_weighted_mean, rag_rollup
from councilplan.domain.engine.tree import Tree
from councilplan.domain.indicators import last_value_before

# A reported roll-up differing from the computed one by more than this many points is
# flagged; less is rounding.
ROLLUP_DIFFERENCE_POINTS = 1.0


@dataclass
class _State:
    """One item at one period, before it becomes an ItemResult."""

    reported_status: StatusValue | None
    suggestion: Suggestion | None
    computed_rag: Rag | None
    rag: Rag
    reported_percent: float | None
    computed_percent: float | None
    is_complete: bool
    overdue: bool
    due: date | None
    # For roll-ups: a leaf with no update this period counts at its previous period's percent.
    carried_percent: float | None = None
    # The colour rests on the evidence's suggestion somewhere (here or below), not only on
    # what owners reported: it is shown as a suggestion and never compared with a report.
    rag_suggested: bool = False
    # The roll-up from the items below rests on a suggestion somewhere below.
    computed_suggested: bool = False


@dataclass(frozen=True)
class _Working:
    """What `plan_position_compute` worked out on the way, for `plan_position_recompute`."""

    inputs: EngineInput
    now: dict[str, _State]
    before: dict[str, _State] | None
    measure_results: dict[str, MeasureResult]
    findings: FindingGroups = ()


def plan_position_compute(inputs: EngineInput) -> EngineResult:
    """Work out every item's position at `inputs.period`, what changed since the previous
    period, and what the data-quality checks find. Pure: the same input, the same result."""
    tree = Tree(inputs.items)
    measures_by_item = _measures_by_item(inputs)
    measure_results = {measure.key: _measure_result(inputs, measure) for measure in inputs.measures}
    now = _evaluate(inputs, tree, inputs.period, measures_by_item, measure_results)
    before = (
        _evaluate(inputs, tree, inputs.previous, measures_by_item, None)
        if inputs.previous is not None
        else None
    )
    items: dict[str, ItemResult] = {}
    for item in inputs.items:
        state = now[item.key]
        previous = before[item.key] if before is not None else None
        items[item.key] = _item_result(
            item, tree, state, previous, inputs.period.key, measures_by_item, measure_results
        )
    return _result(inputs, tree, items, _Working(inputs, now, before, measure_results), None)


def plan_position_recompute(*, kept: EngineResult, inputs: EngineInput) -> EngineResult:
    """`plan_position_compute(inputs)`, given the result `kept` of an earlier input of the same
    plan: only the items whose input differs, those below them (they inherit dates) and
    those above them (they roll them up) are worked out again, unless the tree, the periods
    or the settings differ, when everything is. The same result as a full computation."""
    working = kept.working
    if not isinstance(working, _Working) or not _same_shape(working.inputs, inputs):
        return plan_position_compute(inputs)
    earlier = working.inputs
    tree = Tree(inputs.items)
    measures_by_item = _measures_by_item(inputs)
    measure_results = dict(working.measure_results)
    changed: set[str] = set()
    owners_same = True
    for item, was in zip(inputs.items, earlier.items, strict=True):
        if item is not was and item != was:
            changed.add(item.key)
            owners_same = owners_same and item.roles == was.roles
    for measure, measured in zip(inputs.measures, earlier.measures, strict=True):
        if measure is not measured and measure != measured:
            measure_results[measure.key] = _measure_result(inputs, measure)
            changed.add(measure.item_key)
    if not changed:
        return replace(kept, working=replace(working, inputs=inputs))
    affected = _with_ancestors(tree, _with_descendants(tree, changed))
    now = _evaluate(
        inputs, tree, inputs.period, measures_by_item, measure_results,
        kept=working.now, only=affected,
    )  # fmt: skip
    before = (
        _evaluate(
            inputs,
            tree,
            inputs.previous,
            measures_by_item,
            None,
            kept=working.before,
            only=affected,
        )  # fmt: skip
        if inputs.previous is not None
        else None
    )
    items = dict(kept.items)
    for item in inputs.items:
        if item.key in affected:
            items[item.key] = _item_result(
                item, tree, now[item.key], before[item.key] if before is not None else None,
                inputs.period.key, measures_by_item, measure_results,
            )  # fmt: skip
    working = _Working(inputs, now, before, measure_results, working.findings)
    return _result(inputs, tree, items, working, (affected, owners_same))


def _result(
    inputs: EngineInput,
    tree: Tree,
    items: dict[str, ItemResult],
    working: _Working,
    again: tuple[set[str], bool] | None,
) -> EngineResult:
    """The plan-wide parts (changes, status mix, findings) from every item's result; with
    `again` (the items worked out again, and whether every item's roles are as they were),
    only the findings about those are found again, the others are `working`'s."""
    changes = _changes(inputs, working.now, working.before, items)
    status_mix: dict[Rag, int] = {rag: 0 for rag in Rag}
    for key in tree.leaf_keys:
        status_mix[items[key].rag] += 1
    groups = findings_grouped(
        inputs=inputs,
        tree=tree,
        items=items,
        measures=working.measure_results,
        kept=working.findings if again is not None else None,
        only=again[0] if again is not None else None,
        owners_same=again[1] if again is not None else False,
    )
    return EngineResult(
        items=items,
        findings=tuple(findings_in_order(inputs, groups)),
        changes=tuple(changes),
        status_mix=status_mix,
        working=replace(working, findings=groups),
    )


def _measures_by_item(inputs: EngineInput) -> dict[str, list[MeasureInput]]:
    measures_by_item: dict[str, list[MeasureInput]] = {}
    for measure in inputs.measures:
        measures_by_item.setdefault(measure.item_key, []).append(measure)
    return measures_by_item


def _same_shape(earlier: EngineInput, inputs: EngineInput) -> bool:
    """The same tree, measures, periods and settings: what a recomputation may rely on."""
    return (
        earlier.settings == inputs.settings
        and earlier.period == inputs.period
        and earlier.previous == inputs.previous
        and earlier.last_year == inputs.last_year
        and earlier.history == inputs.history
        and len(earlier.items) == len(inputs.items)
        and all(
            a.key == b.key and a.parent_key == b.parent_key
            for a, b in zip(earlier.items, inputs.items, strict=True)
        )
        and len(earlier.measures) == len(inputs.measures)
        and all(
            a.key == b.key and a.item_key == b.item_key
            for a, b in zip(earlier.measures, inputs.measures, strict=True)
        )
    )


def _with_descendants(tree: Tree, keys: set[str]) -> set[str]:
    found = set(keys)
    waiting = list(keys)
    while waiting:
        for child in tree.children(waiting.pop()):
            if child not in found:
                found.add(child)
                waiting.append(child)
    return found


def _with_ancestors(tree: Tree, keys: set[str]) -> set[str]:
    found = set(keys)
    for key in keys:
        found.update(tree.ancestors(key))
    return found


def measure_position_compute(
    inputs: EngineInput,
) -> tuple[dict[str, MeasureResult], list[Finding]]:
    """Every measure's result at `inputs.period` and the findings about measures, worked out
    exactly as `plan_position_compute` does, without the items' roll-ups (which need every
    update): for lists of indicators."""
    results = {measure.key: _measure_result(inputs, measure) for measure in inputs.measures}
    return results, measure_findings_find(inputs=inputs, measures=results)


def _item_result(
    item: ItemInput,
    tree: Tree,
    state: _State,
    previous: _State | None,
    period_key: str,
    measures_by_item: dict[str, list[MeasureInput]],
    measure_results: dict[str, MeasureResult],
) -> ItemResult:
    update = item.updates.get(period_key)
    is_leaf = tree.is_leaf(item.key)
    percent_now = _shown_percent(state)
    percent_before = _shown_percent(previous) if previous is not None else None
    slipped = (
        item.previous_due_date is not None
        and item.due_date is not None
        and item.due_date > item.previous_due_date
    )
    return ItemResult(
        key=item.key,
        is_leaf=is_leaf,
        reported_status=state.reported_status,
        suggestion=state.suggestion,
        computed_rag=state.computed_rag,
        rag=state.rag,
        rag_suggested=state.rag_suggested,
        computed_suggested=state.computed_suggested,
        status_disagrees=_disagrees(state, is_leaf),
        reported_percent=state.reported_percent,
        computed_percent=state.computed_percent,
        percent_differs=(
            not is_leaf
            and state.reported_percent is not None
            and state.computed_percent is not None
            and abs(state.reported_percent - state.computed_percent) > ROLLUP_DIFFERENCE_POINTS
        ),
        is_complete=state.is_complete,
        overdue=state.overdue,
        slipped=slipped,
        effective_due_date=state.due,
        direction=direction_of_travel(before=percent_before, now=percent_now),
        previous_percent=percent_before,
        commentary=update.commentary if update else "",
        next_steps=update.next_steps if update else "",
        forecast=update.forecast if update else None,
        measures=tuple(measure_results[m.key] for m in measures_by_item.get(item.key, [])),
    )


def _shown_percent(state: _State) -> float | None:
    if state.reported_percent is not None:
        return state.reported_percent
    return state.computed_percent


def _disagrees(state: _State, is_leaf: bool) -> bool:
    reported = state.reported_status
    if reported is None or reported.is_inactive or reported.rag is Rag.GREY:
        return False
    evidence = state.suggestion.rag if is_leaf and state.suggestion else state.computed_rag
    if evidence is None or evidence is Rag.GREY:
        return False
    return evidence is not reported.rag


def _evaluate(
    inputs: EngineInput,
    tree: Tree,
    period: PeriodInput,
    measures_by_item: dict[str, list[MeasureInput]],
    measure_results: dict[str, MeasureResult] | None,
    *,
    kept: dict[str, _State] | None = None,
    only: set[str] | None = None,
) -> dict[str, _State]:
    """Every item's state at one period, children before parents; with `kept` and `only`,
    the states of `kept` with those of the items in `only` worked out again."""
    states: dict[str, _State] = dict(kept) if kept is not None else {}
    for item in reversed(inputs.items):
        if only is None or item.key in only:
            states[item.key] = _state_at(
                inputs, tree, item, period, states, measures_by_item, measure_results
            )
    return states


def _state_at(
    inputs: EngineInput,
    tree: Tree,
    item: ItemInput,
    period: PeriodInput,
    states: dict[str, _State],
    measures_by_item: dict[str, list[MeasureInput]],
    measure_results: dict[str, MeasureResult] | None,
) -> _State:
    """One item's state at one period, from its inputs and its children's states."""
    settings = inputs.settings
    update = item.updates.get(period.key)
    reported_status = update.status if update else None
    reported_percent = update.percent if update else None
    carried = None
    if update is None and period.key == inputs.period.key and inputs.previous is not None:
        earlier = item.updates.get(inputs.previous.key)
        carried = earlier.percent if earlier else None
    due = tree.due_date(item.key, default=settings.plan_ends_on)
    children = tree.children(item.key)
    if children:
        computed_percent = _computed_percent(inputs, tree, item.key, states)
        computed_rag = rag_rollup(
            [states[child].rag for child in children], method=settings.rag_rollup
        )
        suggestion = None
    else:
        computed_percent = None
        computed_rag = None
        suggestion = _leaf_suggestion(
            inputs, tree, item, period, reported_status, reported_percent, due,
            measures_by_item, measure_results,
        )  # fmt: skip
    shown = reported_percent if reported_percent is not None else computed_percent
    is_complete = bool(reported_status and reported_status.is_complete) or (
        shown is not None and shown >= 100
    )
    rag = _effective_rag(reported_status, computed_rag, suggestion, is_complete)
    computed_suggested = bool(children) and any(
        states[child].rag_suggested and states[child].rag is not Rag.GREY for child in children
    )
    if reported_status is not None:
        rag_suggested = False
    else:
        rag_suggested = computed_suggested if children else suggestion is not None
    return _State(
        reported_status=reported_status,
        suggestion=suggestion,
        computed_rag=computed_rag,
        rag=rag,
        reported_percent=reported_percent,
        computed_percent=computed_percent,
        is_complete=is_complete,
        overdue=(
            due is not None and not item.open_ended and due < period.ends_on and not is_complete
        ),
        due=due,
        carried_percent=carried,
        rag_suggested=rag_suggested,
        computed_suggested=computed_suggested,
    )


def _effective_rag(
    reported: StatusValue | None,
    computed: Rag | None,
    suggestion: Suggestion | None,
    is_complete: bool,
) -> Rag:
    if reported is not None:
        return reported.rag
    if computed is not None:
        return computed
    if suggestion is not None:
        return suggestion.rag
    return Rag.BLUE if is_complete else Rag.GREY


def _computed_percent(
    inputs: EngineInput, tree: Tree, key: str, states: dict[str, _State]
) -> float | None:
    method = inputs.settings.progress_rollup
    if method is ProgressRollup.MEAN_OF_CHILDREN:
        values = []
        for child in tree.children(key):
            state = states[child]
            if tree.is_leaf(child):
                values.append(_leaf_state_percent(state))
            else:
                values.append(
                    state.computed_percent
                    if state.computed_percent is not None
                    else state.reported_percent
                )
        return percent_mean(values)
    leaves = tree.leaves_below(key)
    if method is ProgressRollup.WEIGHTED:
        return percent_weighted_mean(
            [(_leaf_state_percent(states[leaf]), tree.weight_below(key, leaf)) for leaf in leaves]
        )
    return percent_mean([_leaf_state_percent(states[leaf]) for leaf in leaves])


def _leaf_state_percent(state: _State) -> float | None:
    if state.reported_percent is not None:
        return state.reported_percent
    if state.reported_status is not None and state.reported_status.is_complete:
        return 100.0
    return state.carried_percent


def _leaf_suggestion(
    inputs: EngineInput,
    tree: Tree,
    item: ItemInput,
    period: PeriodInput,
    reported_status: StatusValue | None,
    reported_percent: float | None,
    due: date | None,
    measures_by_item: dict[str, list[MeasureInput]],
    measure_results: dict[str, MeasureResult] | None,
) -> Suggestion | None:
    """The worst of what the milestone's timing and its measures' results suggest."""
    settings = inputs.settings
    percent = reported_percent
    if percent is None and reported_status is not None and reported_status.is_complete:
        percent = 100.0
    suggestions = []
    if not item.open_ended:
        timing = milestone_suggestion(
            percent=percent,
            starts_on=tree.start_date(item.key, default=settings.plan_starts_on),
            due_on=due,
            as_of=period.ends_on,
            tolerance_percent=settings.tolerance_percent,
        )
        if timing is not None:
            suggestions.append(timing)
    for measure in measures_by_item.get(item.key, []):
        if measure_results is not None and period.key == inputs.period.key:
            suggestion = measure_results[measure.key].suggestion
        else:
            suggestion = _measure_suggestion_at(inputs, measure, period)
        if suggestion is not None:
            suggestions.append(suggestion)
    if len(suggestions) < 2:
        return suggestions[0] if suggestions else None
    if any(s.rag is Rag.BLUE for s in suggestions) and all(
        s.rag in (Rag.BLUE, Rag.GREEN) for s in suggestions
    ):
        return next(s for s in suggestions if s.rag is Rag.BLUE)
    rated = [s for s in suggestions if s.rag is not Rag.BLUE] or suggestions
    worst = min(rated, key=lambda s: s.rag.rank)
    return Suggestion(worst.rag, "; ".join(s.reason for s in rated))


def _measure_suggestion_at(
    inputs: EngineInput, measure: MeasureInput, period: PeriodInput
) -> Suggestion | None:
    """The period's actual against that period's own target, within the measure's bands
    (else the plan's)."""
    return measure_suggestion(
        actual=measure.actuals.get(period.key),
        target=measure.target_at(period.key),
        polarity=measure.polarity,
        bands=measure.bands or inputs.settings.bands,
    )


def _measure_result(inputs: EngineInput, measure: MeasureInput) -> MeasureResult:
    actual = measure.actuals.get(inputs.period.key)
    now = actual.number if actual else None
    target = measure.target_at(inputs.period.key)

    def value_at(period: PeriodInput | None) -> float | None:
        if period is None:
            return None
        quantity = measure.actuals.get(period.key)
        return quantity.number if quantity else None

    history = inputs.history or (inputs.period,)
    actuals = measure.actuals
    values = []
    for period in history:  # value_at for each, without a call each: thousands of measures
        quantity = actuals.get(period.key)
        values.append((period.key, quantity.number if quantity else None))
    series = tuple([(key, value) for key, value in values if value is not None])
    # Short term: against the last period before this one that has a figure.
    last = last_value_before(values, inputs.period.key)
    before = last[1] if last else value_at(inputs.previous)
    return MeasureResult(
        key=measure.key,
        item_key=measure.item_key,
        actual=actual,
        suggestion=_measure_suggestion_at(inputs, measure, inputs.period),
        direction_previous=direction_of_travel(
            before=before, now=now, polarity=measure.polarity, target=target
        ),
        direction_last_year=direction_of_travel(
            before=value_at(inputs.last_year), now=now, polarity=measure.polarity, target=target
        ),
        series=series,
        target=target,
    )


def _changes(
    inputs: EngineInput,
    now: dict[str, _State],
    before: dict[str, _State] | None,
    items: dict[str, ItemResult],
) -> list[Change]:
    """What changed since the previous period: newly red, completed, slipped, improved.

    Statuses are compared like with like: only when both periods' colours rest on what
    owners reported. A suggestion last quarter and a report this quarter is not a change
    of status (Harlow's Q1 suggestions against its Q2 reports said "Improved Red → Amber").
    """
    if before is None:
        return []
    changes = []
    for item in inputs.items:
        current, previous, result = now[item.key], before[item.key], items[item.key]
        was, became = previous.rag, current.rag
        if current.is_complete and not previous.is_complete:
            changes.append(Change(ChangeKind.COMPLETED, item.key, was.word, became.word))
        elif not (current.rag_suggested or previous.rag_suggested):
            kind = _status_change(was, became)
            if kind is not None:
                changes.append(Change(kind, item.key, was.word, became.word))
        if result.slipped:
            changes.append(
                Change(
                    ChangeKind.SLIPPED,
                    item.key,
                    f"due {item.previous_due_date:%d %B %Y}",
                    f"due {item.due_date:%d %B %Y}",
                )
            )
        elif current.overdue and not previous.overdue:
            changes.append(
                Change(
                    ChangeKind.SLIPPED, item.key, "on time", f"overdue since {current.due:%d %B %Y}"
                )
            )
    return changes


def _status_change(was: Rag, became: Rag) -> ChangeKind | None:
    """How a reported colour moved between two periods, if it did."""
    if became is Rag.RED and was is not Rag.RED:
        return ChangeKind.NEWLY_RED
    if Rag.GREY in (was, became) or became.rank == was.rank:
        return None
    return ChangeKind.IMPROVED if became.rank > was.rank else ChangeKind.WORSENED
