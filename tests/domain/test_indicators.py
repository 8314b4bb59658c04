"""Indicator status within tolerance bands, and direction of travel."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from councilplan.domain.indicators import (
    Bands,
    Polarity,
    Status,
    Target,
    Travel,
    ValueState,
    band_edges,
    last_value_before,
    status_of,
    travel_of,
)

MIRROR = {"": "", "=": "=", ">=": "<=", ">": "<", "<=": ">=", "<": ">"}
figures = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
comparators = st.sampled_from(list(MIRROR))


@st.composite
def bands(draw):
    green = draw(st.sampled_from([0.0, 1.0, 2.5, 5.0, 10.0]))
    amber = green + draw(st.sampled_from([0.0, 2.0, 5.0, 10.0, 50.0]))
    return Bands(green, amber, draw(st.booleans()))


PLAIN = Bands()


def status(value, target, polarity=Polarity.HIGHER, band=PLAIN, comparator=">=", upper=None):
    return status_of(
        value=value, target=Target(target, comparator, upper), polarity=polarity, bands=band
    )


# A council's published rule: "Green on, above or within 5% of target; Amber 5-10% off;
# Red beyond" (bands 5/10), and the stricter "Green only on target, Amber when close" (0/10).
@pytest.mark.parametrize(
    ("value", "target", "polarity", "band", "expected"),
    [
        (75.0, 75.0, Polarity.HIGHER, Bands(5, 10), Status.GREEN),
        (71.5, 75.0, Polarity.HIGHER, Bands(5, 10), Status.GREEN),  # 4.7% short
        (71.5, 75.0, Polarity.HIGHER, Bands(0, 10), Status.AMBER),
        (68.0, 75.0, Polarity.HIGHER, Bands(5, 10), Status.AMBER),  # 9.3% short
        (67.0, 75.0, Polarity.HIGHER, Bands(5, 10), Status.RED),  # 10.7% short
        (53.1, 35.0, Polarity.LOWER, Bands(5, 10), Status.RED),
        (36.0, 35.0, Polarity.LOWER, Bands(5, 10), Status.GREEN),
        (36.0, 35.0, Polarity.LOWER, Bands(0, 10), Status.AMBER),
        (72.0, 75.0, Polarity.HIGHER, Bands(0, 5, relative=False), Status.AMBER),  # 3 points
        (69.0, 75.0, Polarity.HIGHER, Bands(0, 5, relative=False), Status.RED),
        (12.0, 75.0, Polarity.NONE, Bands(), Status.NONE),
    ],
)
def test_status_follows_the_bands_and_polarity(value, target, polarity, band, expected):
    assert status(value, target, polarity, band, comparator="") is expected


def test_a_printed_comparator_says_which_way_is_better():
    # "< 4,007 t CO2e" on a measure left at the default polarity
    assert status(3990, 4007, Polarity.HIGHER, comparator="<") is Status.GREEN
    assert status(4007, 4007, Polarity.HIGHER, comparator="<") is Status.AMBER
    assert status(5000, 4007, Polarity.HIGHER, comparator="<") is Status.RED


def test_a_range_is_green_inside_and_rated_by_the_bound_missed():
    assert status(98, 95, Polarity.RANGE, upper=105) is Status.GREEN
    assert status(110, 95, Polarity.RANGE, upper=105) is Status.AMBER  # 5 over 105: 4.8%
    assert status(80, 95, Polarity.RANGE, upper=105) is Status.RED


def test_a_value_not_available_or_not_applicable_has_no_status_and_is_not_zero():
    for state in (ValueState.NOT_YET_AVAILABLE, ValueState.NOT_APPLICABLE):
        assert (
            status_of(
                value=0, target=Target(5), polarity=Polarity.LOWER, bands=Bands(), state=state
            )
            is Status.NONE
        )
    assert status_of(value=0, target=Target(5), polarity=Polarity.LOWER, bands=Bands()) is (
        Status.GREEN
    )


def test_no_status_without_a_numeric_value_or_target():
    assert status(None, 5) is Status.NONE
    assert status(5, None) is Status.NONE


@given(
    figures,
    figures,
    figures,
    comparators,
    bands(),
    st.sampled_from([Polarity.HIGHER, Polarity.LOWER]),
)
def test_status_is_monotone_a_better_value_is_never_worse(a, b, target, comparator, band, polarity):
    worse, better = sorted((a, b)) if polarity is Polarity.HIGHER else sorted((a, b), reverse=True)
    # Without a printed comparator the polarity decides which way is better.
    assert (
        status(better, target, polarity, band, "").rank
        >= status(worse, target, polarity, band, "").rank
    )
    # With one, the comparator decides: take one that agrees with the polarity.
    assume(comparator not in ("<", "<="))
    agreeing = comparator if polarity is Polarity.HIGHER else MIRROR[comparator]
    assert (
        status(better, target, polarity, band, agreeing).rank
        >= status(worse, target, polarity, band, agreeing).rank
    )


@given(figures, figures, figures, figures, bands())
def test_a_value_closer_to_a_range_is_never_worse(a, b, low, high, band):
    low, high = sorted((low, high))
    for side in (1, -1):  # approaching from above, then from below
        edge = high if side == 1 else low
        nearer, further = sorted(
            (edge + side * abs(a), edge + side * abs(b)), key=lambda v: abs(v - edge)
        )
        assert (
            status(nearer, low, Polarity.RANGE, band, "", high).rank
            >= status(further, low, Polarity.RANGE, band, "", high).rank
        )


@given(figures, figures, comparators, bands())
def test_status_is_polarity_symmetric(value, target, comparator, band):
    higher = status(value, target, Polarity.HIGHER, band, comparator)
    lower = status(-value, -target, Polarity.LOWER, band, MIRROR[comparator])
    assert higher is lower


@given(figures, figures, figures, bands())
def test_range_status_is_symmetric_about_zero(value, low, high, band):
    low, high = sorted((low, high))
    assert status(value, low, Polarity.RANGE, band, "", high) is status(
        -value, -high, Polarity.RANGE, band, "", -low
    )


@given(figures, figures, bands())
def test_on_target_is_always_green(target, extra, band):
    assert status(target, target, Polarity.HIGHER, band, ">=") is Status.GREEN
    assert status(target + abs(extra), target, Polarity.HIGHER, band, ">=") is Status.GREEN


@pytest.mark.parametrize(
    ("before", "now", "polarity", "expected"),
    [
        (70.0, 75.0, Polarity.HIGHER, Travel.BETTER),
        (70.0, 65.0, Polarity.HIGHER, Travel.WORSE),
        (70.0, 65.0, Polarity.LOWER, Travel.BETTER),
        (70.0, 70.0, Polarity.LOWER, Travel.SAME),
        (70.0, 75.0, Polarity.NONE, Travel.NONE),
        (None, 75.0, Polarity.HIGHER, Travel.NONE),
    ],
)
def test_direction_of_travel_follows_polarity(before, now, polarity, expected):
    assert travel_of(before=before, now=now, polarity=polarity) is expected


def test_direction_for_a_range_is_towards_the_range():
    band = Target(95, "", 105)
    assert travel_of(before=120, now=110, polarity=Polarity.RANGE, target=band) is Travel.BETTER
    assert travel_of(before=100, now=90, polarity=Polarity.RANGE, target=band) is Travel.WORSE
    assert travel_of(before=98, now=102, polarity=Polarity.RANGE, target=band) is Travel.SAME


@given(figures, figures)
def test_direction_is_polarity_symmetric(before, now):
    assert travel_of(before=before, now=now, polarity=Polarity.HIGHER) is travel_of(
        before=-before, now=-now, polarity=Polarity.LOWER
    )


def test_short_term_direction_compares_with_the_last_period_that_has_a_value():
    series = [("2024-Q1", 10.0), ("2024-Q2", None), ("2024-Q3", 12.0)]
    assert last_value_before(series, "2024-Q3") == ("2024-Q1", 10.0)
    assert last_value_before(series, "2024-Q1") is None


def test_bands_describe_themselves_in_plain_words():
    assert Bands(5, 10).describe() == (
        "Green within 5% of the target, Amber within 10%, Red beyond"
    )
    assert Bands(0, 3, relative=False).describe() == (
        "Green on or better than target, Amber within 3, Red beyond"
    )


def _inside(value, edges):
    low, high = edges
    return (low is None or value >= low) and (high is None or value <= high)


@given(figures, figures, st.sampled_from([Polarity.HIGHER, Polarity.LOWER]), bands())
def test_band_edges_are_where_status_changes(value, target, polarity, band):
    """A chart's shaded bands and its table's figures say what `status_of` says."""
    edges = band_edges(Target(target), polarity, band)
    assert edges is not None
    # Away from an edge itself, where rounding may fall either way.
    scale = max(1.0, abs(target), abs(value))
    for edge in (*edges.green, *edges.amber):
        assume(edge is None or abs(value - edge) > 1e-6 * scale)
    expected = (
        Status.GREEN if _inside(value, edges.green)
        else Status.AMBER if _inside(value, edges.amber)
        else Status.RED
    )  # fmt: skip
    assert status(value, target, polarity, band, comparator="") is expected


def test_band_edges_of_a_published_rule():
    """Green on, above or within 5% of 75; Amber within 10%: Green from 71.25, Amber from 67.5."""
    edges = band_edges(Target(75.0, ">="), Polarity.HIGHER, Bands(5, 10))
    assert edges is not None
    assert (edges.green, edges.amber) == ((71.25, None), (67.5, None))
    lower = band_edges(Target(35.0), Polarity.LOWER, Bands(0, 5, relative=False))
    assert lower is not None
    assert (lower.green, lower.amber) == ((None, 35.0), (None, 40.0))
    assert band_edges(Target(None), Polarity.HIGHER, Bands()) is None
    assert band_edges(Target(5.0), Polarity.NONE, Bands()) is None
