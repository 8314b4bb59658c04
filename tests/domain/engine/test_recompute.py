"""Working out only what a change touches gives what working out the whole plan gives: for
generated trees, after each of a generated series of changes to items and measures."""

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from councilplan.domain.engine import (
    EngineInput,
    ItemUpdate,
    MeasureInput,
    ProgressRollup,
    Quantity,
    RagRollup,
    plan_position_compute,
    plan_position_recompute,
)
from tests.domain.engine.builders import (
    AMBER,
    COMPLETE,
    GREEN,
    NOT_STARTED,
    Q1,
    Q2,
    RED,
    engine_input,
    item,
)
from tests.domain.engine.test_properties import plans

STATUSES = st.sampled_from([None, GREEN, AMBER, RED, COMPLETE, NOT_STARTED])
DATES = st.sampled_from([None, date(2024, 6, 1), date(2024, 8, 31), date(2025, 1, 31)])
PERIOD_KEYS = st.sampled_from([Q1.key, Q2.key])


@st.composite
def updates(draw):
    return ItemUpdate(
        status=draw(STATUSES),
        percent=draw(st.none() | st.sampled_from([0.0, 25.0, 50.0, 99.0, 100.0])),
        commentary=draw(st.sampled_from(["", "On track", "TBC"])),
    )


@st.composite
def changes(draw):
    """One change: (what, which item or measure by index, the new value)."""
    what = draw(
        st.sampled_from(["update", "no update", "due", "start", "open", "weight", "title"])
        | st.sampled_from(["owner", "actual", "target", "same"])
    )
    value = {
        "update": updates(),
        "no update": PERIOD_KEYS,
        "due": DATES,
        "start": st.sampled_from([None, date(2024, 4, 1), date(2024, 7, 1)]),
        "open": st.booleans(),
        "weight": st.sampled_from([0.0, 1.0, 3.0]),
        "title": st.sampled_from(["Build homes", "XX", "Item"]),
        "owner": st.sampled_from([(), ("Jane Greer",)]),
        "actual": st.none() | st.sampled_from([0.0, 40.0, 75.0, 120.0]),
        "target": st.none() | st.sampled_from([0.0, 50.0, 80.0]),
        "same": st.just(None),
    }[what]
    return what, draw(st.integers(min_value=0, max_value=1000)), draw(PERIOD_KEYS), draw(value)


ITEM_CHANGES = {
    "update": lambda item, period_key, value: replace(
        item, updates={**item.updates, period_key: value}
    ),
    "no update": lambda item, _, value: replace(
        item, updates={k: v for k, v in item.updates.items() if k != value}
    ),
    "due": lambda item, _, value: replace(item, due_date=value),
    "start": lambda item, _, value: replace(item, start_date=value),
    "open": lambda item, _, value: replace(item, open_ended=value),
    "weight": lambda item, _, value: replace(item, weight=value),
    "title": lambda item, _, value: replace(item, title=value),
    "owner": lambda item, _, value: replace(item, roles={"lead_officer": value} if value else {}),
    "same": lambda item, _, value: item,
}


def _changed(inputs: EngineInput, change) -> EngineInput:
    """The input with one item or measure changed; every other one the same object."""
    what, index, period_key, value = change
    if what in ITEM_CHANGES:
        position = index % len(inputs.items)
        item = ITEM_CHANGES[what](inputs.items[position], period_key, value)
        items = (*inputs.items[:position], item, *inputs.items[position + 1 :])
        return replace(inputs, items=items)
    if not inputs.measures:
        return inputs
    position = index % len(inputs.measures)
    measure = inputs.measures[position]
    if what == "actual":
        actuals = {k: v for k, v in measure.actuals.items() if k != period_key}
        if value is not None:
            actuals[period_key] = Quantity("", value)
        measure = replace(measure, actuals=actuals)
    else:
        measure = replace(measure, target=Quantity("", value))
    measures = (*inputs.measures[:position], measure, *inputs.measures[position + 1 :])
    return replace(inputs, measures=measures)


def _with_measures(items, draw_flags) -> tuple[MeasureInput, ...]:
    return tuple(
        MeasureInput(
            key=f"M{index}",
            item_key=item.key,
            name=f"Measure {index}",
            target=Quantity("50", 50.0),
            actuals={Q2.key: Quantity("45", 45.0)},
        )
        for index, (item, flag) in enumerate(zip(items, draw_flags, strict=False))
        if flag
    )


@settings(max_examples=200, deadline=None)
@given(
    plans(),
    st.lists(st.booleans(), min_size=25, max_size=25),
    st.sampled_from(list(ProgressRollup)),
    st.sampled_from(list(RagRollup)),
    st.lists(changes(), min_size=1, max_size=8),
)
def test_recomputing_what_changed_equals_working_out_the_whole_plan(
    items, measured, progress_rollup, rag_rollup, series
):
    inputs = engine_input(
        items,
        period=Q2,
        previous=Q1,
        history=[Q1, Q2],
        measures=_with_measures(items, measured),
        progress_rollup=progress_rollup,
        rag_rollup=rag_rollup,
    )
    kept = plan_position_compute(inputs)
    for change in series:
        inputs = _changed(inputs, change)
        kept = plan_position_recompute(kept=kept, inputs=inputs)
        whole = plan_position_compute(inputs)
        assert kept.items == whole.items
        assert list(kept.items) == list(whole.items)
        assert kept.changes == whole.changes
        assert kept.findings == whole.findings
        assert kept.status_mix == whole.status_mix


def test_a_different_tree_is_worked_out_whole():
    inputs = engine_input([item("M1"), item("A1", "M1"), item("A2", "M1"), item("M2")])
    kept = plan_position_compute(inputs)
    fewer = replace(inputs, items=inputs.items[:-1])
    assert plan_position_recompute(kept=kept, inputs=fewer) == plan_position_compute(fewer)
