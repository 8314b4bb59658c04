from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.engine import Bands, Polarity, Quantity, Rag, Trend, ValueState
from councilplan.domain.engine.evidence import (
    direction_of_travel,
    measure_suggestion,
    milestone_suggestion,
    time_elapsed_percent,
)

STRICT = Bands(0, 10)


def suggest(actual, target, comparator=">=", polarity=Polarity.HIGHER, bands=STRICT):
    return measure_suggestion(
        actual=Quantity(str(actual), actual),
        target=Quantity(f"{comparator} {target}", target, comparator),
        polarity=polarity,
        bands=bands,
    )


@pytest.mark.parametrize(
    ("actual", "target", "comparator", "polarity", "expected"),
    [
        (77, 77, ">=", Polarity.HIGHER, Rag.GREEN),  # Harlow: equal to or > 77%
        (80, 77, ">=", Polarity.HIGHER, Rag.GREEN),
        (72, 77, ">=", Polarity.HIGHER, Rag.AMBER),  # within 10% of 77
        (60, 77, ">=", Polarity.HIGHER, Rag.RED),
        (77, 77, ">", Polarity.HIGHER, Rag.AMBER),  # must be more than 77
        (3990, 4007, "<", Polarity.LOWER, Rag.GREEN),  # Harlow: < 4,007 t CO2e
        (4007, 4007, "<", Polarity.LOWER, Rag.AMBER),
        (4300, 4007, "<", Polarity.LOWER, Rag.AMBER),
        (5000, 4007, "<", Polarity.LOWER, Rag.RED),
        (1, 2, "", Polarity.LOWER, Rag.GREEN),  # no comparator: polarity decides
        (3, 2, "=", Polarity.LOWER, Rag.RED),
    ],
)
def test_measure_status_follows_target_comparator_polarity_and_tolerance(
    actual, target, comparator, polarity, expected
):
    assert suggest(actual, target, comparator, polarity).rag is expected


def test_status_is_judged_by_the_bands_alone_and_says_the_rule():
    # A miss beyond the amber band is Red whatever last year was: the council's rule decides.
    suggestion = suggest(50, 77)
    assert suggestion.rag is Rag.RED
    assert suggestion.reason == (
        "50 misses the target 77 by 27: Green on or better than target, Amber within 10%, "
        "Red beyond"
    )
    assert suggest(74, 77, bands=Bands(5, 10)).rag is Rag.GREEN


def test_a_value_not_yet_available_is_not_rated_and_not_read_as_zero():
    pending = Quantity("Not yet available", None, state=ValueState.NOT_YET_AVAILABLE)
    assert measure_suggestion(
        actual=pending, target=Quantity("< 5", 5, "<"), polarity=Polarity.LOWER, bands=Bands()
    ) is None  # fmt: skip


def test_no_suggestion_without_numbers_or_for_context_measures():
    assert measure_suggestion(
        actual=Quantity("Baseline set"), target=Quantity("77", 77), polarity=Polarity.HIGHER,
        bands=Bands(),
    ) is None  # fmt: skip
    assert measure_suggestion(
        actual=Quantity("5", 5), target=Quantity("New programmes operational"),
        polarity=Polarity.HIGHER, bands=Bands(),
    ) is None  # fmt: skip
    assert suggest(5, 7, polarity=Polarity.NONE) is None
    assert measure_suggestion(
        actual=None, target=Quantity("7", 7), polarity=Polarity.HIGHER, bands=Bands()
    ) is None  # fmt: skip


def test_time_elapsed_at_the_end_of_q1_is_a_quarter_of_the_year():
    share = time_elapsed_percent(
        starts_on=date(2024, 4, 1), due_on=date(2025, 3, 31), as_of=date(2024, 6, 30)
    )
    assert share == pytest.approx(24.9, abs=0.1)


@given(st.dates(), st.integers(min_value=1, max_value=2000), st.dates())
def test_time_elapsed_is_always_between_0_and_100(start, length, as_of):
    from datetime import timedelta

    try:
        due = start + timedelta(days=length)
    except OverflowError:
        return
    share = time_elapsed_percent(starts_on=start, due_on=due, as_of=as_of)
    assert 0 <= share <= 100


def milestone(percent, as_of=date(2024, 6, 30), due=date(2025, 3, 31)):
    return milestone_suggestion(
        percent=percent, starts_on=date(2024, 4, 1), due_on=due, as_of=as_of, tolerance_percent=10
    )


def test_milestone_on_pace_with_its_time_is_green_behind_is_amber_far_behind_is_red():
    assert milestone(20).rag is Rag.GREEN  # 25% of the time gone, 5 points behind
    assert milestone(10).rag is Rag.AMBER  # 15 points behind
    assert milestone(0).rag is Rag.RED  # 25 points behind
    assert "0% done with 25% of its time gone" in milestone(0).reason


def test_milestone_complete_is_blue_and_past_due_unfinished_is_red():
    assert milestone(100).rag is Rag.BLUE
    late = milestone(90, as_of=date(2024, 9, 30), due=date(2024, 7, 31))
    assert late.rag is Rag.RED
    assert "past its due date" in late.reason


def test_no_milestone_suggestion_without_progress_or_dates():
    assert milestone(None) is None
    assert (
        milestone_suggestion(
            percent=10, starts_on=None, due_on=None, as_of=date(2024, 6, 30), tolerance_percent=10
        )
        is None
    )


@pytest.mark.parametrize(
    ("before", "now", "polarity", "trend", "arrow"),
    [
        (10, 20, Polarity.HIGHER, Trend.IMPROVED, "▲"),
        (20, 10, Polarity.HIGHER, Trend.WORSE, "▼"),
        (20, 10, Polarity.LOWER, Trend.IMPROVED, "▲"),
        (10, 20, Polarity.LOWER, Trend.WORSE, "▼"),
        (10, 10, Polarity.HIGHER, Trend.SAME, "►"),
        (10, 20, Polarity.NONE, Trend.HIGHER, "▲"),
    ],
)
def test_direction_of_travel_is_an_arrow_and_a_word_the_arrow_up_when_better(
    before, now, polarity, trend, arrow
):
    direction = direction_of_travel(before=before, now=now, polarity=polarity)
    assert direction.trend is trend
    assert str(direction) == f"{arrow} {trend.value}"


def test_no_direction_without_both_values():
    assert direction_of_travel(before=None, now=3) is None
    assert direction_of_travel(before=3, now=None) is None
