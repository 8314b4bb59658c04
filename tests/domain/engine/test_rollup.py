import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.engine import Rag, RagRollup
from councilplan.domain.engine.rollup import (
    percent_mean,
    percent_weighted_mean,
    rag_rollup,
)

percents = st.floats(min_value=0, max_value=100, allow_nan=False)
rags = st.sampled_from(list(Rag))


def test_mean_ignores_unknown_values():
    assert percent_mean([0, None, 20]) == 10


def test_mean_of_nothing_known_is_unknown():
    assert percent_mean([None, None]) is None
    assert percent_mean([]) is None


@given(st.lists(percents, min_size=1))
def test_mean_lies_between_the_smallest_and_largest(values):
    mean = percent_mean(values)
    assert min(values) - 1e-9 <= mean <= max(values) + 1e-9


@given(st.lists(percents, min_size=1), st.floats(min_value=0.1, max_value=50))
def test_equal_weights_give_the_plain_mean(values, weight):
    weighted = percent_weighted_mean([(value, weight) for value in values])
    assert weighted == pytest.approx(percent_mean(values))


def test_weights_pull_the_mean_towards_the_heavier_item():
    assert percent_weighted_mean([(100, 3), (0, 1)]) == 75


def test_zero_weights_fall_back_to_the_plain_mean_rather_than_hide_progress():
    assert percent_weighted_mean([(100, 0), (0, 0)]) == 50


def test_worst_of_takes_the_worst_rated_colour_and_ignores_grey():
    assert rag_rollup([Rag.GREEN, Rag.AMBER, Rag.GREY], method=RagRollup.WORST) is Rag.AMBER
    assert rag_rollup([Rag.GREEN, Rag.RED, Rag.BLUE], method=RagRollup.WORST) is Rag.RED


def test_all_complete_rolls_up_to_complete_and_all_unrated_to_grey():
    assert rag_rollup([Rag.BLUE, Rag.BLUE], method=RagRollup.WORST) is Rag.BLUE
    assert rag_rollup([Rag.GREY, Rag.GREY], method=RagRollup.PROPORTION) is Rag.GREY
    assert rag_rollup([], method=RagRollup.WORST) is None


def test_complete_items_count_as_good_beside_green_ones():
    assert rag_rollup([Rag.BLUE, Rag.GREEN], method=RagRollup.WORST) is Rag.GREEN


@pytest.mark.parametrize(
    ("colours", "expected"),
    [
        ([Rag.GREEN] * 3 + [Rag.AMBER], Rag.GREEN),  # 75% good
        ([Rag.GREEN] * 2 + [Rag.AMBER] * 2, Rag.AMBER),
        ([Rag.GREEN] * 3 + [Rag.RED], Rag.RED),  # 25% red
        ([Rag.GREEN] * 4 + [Rag.RED], Rag.GREEN),  # 20% red, 80% good
        ([Rag.GREEN] * 5 + [Rag.AMBER] * 4 + [Rag.RED], Rag.AMBER),
    ],
)
def test_proportions_roll_up_by_shares(colours, expected):
    assert rag_rollup(colours, method=RagRollup.PROPORTION) is expected


@given(st.lists(rags, min_size=1))
def test_worst_of_is_never_better_than_any_rated_child(colours):
    result = rag_rollup(colours, method=RagRollup.WORST)
    rated = [c for c in colours if c is not Rag.GREY]
    if rated and result is not Rag.BLUE:
        assert all(result.rank <= c.rank for c in rated)
    if not rated:
        assert result is Rag.GREY


@given(st.lists(rags, min_size=1))
def test_proportions_never_worse_than_worst_of(colours):
    worst = rag_rollup(colours, method=RagRollup.WORST)
    proportion = rag_rollup(colours, method=RagRollup.PROPORTION)
    assert proportion.rank >= worst.rank
