"""Properties that hold for any plan: generated trees of any shape and progress."""

from hypothesis import given, settings
from hypothesis import strategies as st

from councilplan.domain.engine import (
    ItemUpdate,
    ProgressRollup,
    Rag,
    RagRollup,
    plan_position_compute,
)
from tests.domain.engine.builders import AMBER, COMPLETE, GREEN, RED, engine_input, item

statuses = st.sampled_from([None, GREEN, AMBER, RED, COMPLETE])


@st.composite
def plans(draw):
    """A random tree (each item's parent is an earlier item) with random leaf updates."""
    count = draw(st.integers(min_value=1, max_value=25))
    parents = [None] + [draw(st.sampled_from([None, *range(index)])) for index in range(1, count)]
    children = {index: [] for index in range(count)}
    for index, parent in enumerate(parents):
        if parent is not None:
            children[parent].append(index)
    order: list[int] = []

    def visit(index: int) -> None:
        order.append(index)
        for child in children[index]:
            visit(child)

    for index, parent in enumerate(parents):
        if parent is None:
            visit(index)
    depth = {}
    for index in order:
        depth[index] = 0 if parents[index] is None else depth[parents[index]] + 1
    items = []
    for index in order:
        updates = {}
        if not children[index] and draw(st.booleans()):
            updates["2024-Q1"] = ItemUpdate(
                status=draw(statuses),
                percent=draw(st.none() | st.floats(min_value=0, max_value=100)),
            )
        parent = parents[index]
        items.append(
            item(
                f"I{index}",
                None if parent is None else f"I{parent}",
                depth=depth[index],
                weight=draw(st.sampled_from([0.5, 1.0, 2.0])),
                updates=updates,
            )
        )
    return items


@settings(max_examples=60, deadline=None)
@given(
    plans(),
    st.sampled_from(list(ProgressRollup)),
    st.sampled_from(list(RagRollup)),
)
def test_rollups_stay_within_what_the_leaves_say(items, progress_rollup, rag_rollup):
    result = plan_position_compute(
        engine_input(items, progress_rollup=progress_rollup, rag_rollup=rag_rollup)
    )
    leaves = [i.key for i in items if not any(c.parent_key == i.key for c in items)]
    assert sum(result.status_mix.values()) == len(leaves)
    # A leaf counts at its percent, or at 100% when reported Complete without one.
    percents = [
        result.items[key].percent if result.items[key].percent is not None else 100.0
        for key in leaves
        if result.items[key].percent is not None or result.items[key].is_complete
    ]
    for key, position in result.items.items():
        assert position.key == key
        if position.computed_percent is not None:
            assert min(percents) - 1e-6 <= position.computed_percent <= max(percents) + 1e-6
        if not position.is_leaf and rag_rollup is RagRollup.WORST:
            assert position.computed_rag is not None
        assert position.rag in Rag
    assert result.changes == ()  # no previous period, no changes
