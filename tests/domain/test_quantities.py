"""Numbers from real cells of the seed documents."""

from decimal import Decimal

import pytest

from councilplan.domain.quantities import (
    actual_parse,
    figures_find,
    money_parse,
    percent_list,
    percent_parse,
    quantity_parse,
    target_parse,
)


@pytest.mark.parametrize(
    ("text", "value"), [("25%", 25), ("0%", 0), ("100%", 100), ("25.19 %", Decimal("25.19"))]
)
def test_a_percentage_cell(text, value):
    assert percent_parse(text) == value


@pytest.mark.parametrize("text", ["25% 25%", "Resident survey", "", "75% compliance"])
def test_anything_but_one_percentage_is_not_a_percentage(text):
    assert percent_parse(text) is None


def test_several_percentages_packed_into_one_cell():
    assert percent_list("25% 25% 25%") == [25, 25, 25]
    assert percent_list("25% of staff") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("£20K", 20_000),
        ("£3.3m", 3_300_000),
        ("£23,845.99", Decimal("23845.99")),
        ("totalling £67m", 67_000_000),
        ("no money here", None),
    ],
)
def test_money(text, value):
    assert money_parse(text) == value


def test_numbers_with_units():
    quantity = quantity_parse("4,007 t CO2e reported at 2021")
    assert (quantity.value, quantity.unit) == (4007, "t CO2e")
    assert quantity_parse("In 2023 77% of Harlow residents are satisfied").value == 77
    assert quantity_parse("2023 baseline = 0").value == 0
    assert quantity_parse("5585").value == 5585


@pytest.mark.parametrize(
    ("text", "comparator", "value", "unit"),
    [
        ("equal to or > 77%", ">=", 77, "%"),
        ("equal to or >65% satisfaction", ">=", 65, "%"),
        ("<4,007 t CO2e for most recent reporting period", "<", 4007, "t CO2e"),
        ("> 25.19%", ">", Decimal("25.19"), "%"),
        ("<5585", "<", 5585, ""),
        ("> 2023 baseline", ">", None, ""),
        ("< Q1 position", "<", None, ""),
        ("Baseline set", "", None, ""),
        ("100%", "=", 100, "%"),
    ],
)
def test_targets_with_comparators(text, comparator, value, unit):
    target = target_parse(text)
    assert (target.comparator, target.value, target.unit) == (comparator, value, unit)


def test_figures_in_narrative_stay_beside_their_sentence():
    sentence = (
        "Grants totalling £67m have been given to around 2,500 local businesses, to support "
        "them through the pandemic."
    )
    figures = figures_find(sentence)
    assert [(f.kind, f.value, f.qualifier) for f in figures] == [
        ("money", 67_000_000, ""),
        ("count", 2500, "around"),
    ]
    assert figures[1].unit == "local businesses"
    assert all(f.sentence == sentence for f in figures)


def test_counts_keep_their_qualifier_and_years_are_not_counts():
    text = (
        "During the two waves in 2020, we made over 70,000 call outs to residents and nearly "
        "7,000 food deliveries."
    )
    found = [(f.value, f.qualifier, f.unit) for f in figures_find(text)]
    assert found == [(70000, "over", "call outs"), (7000, "nearly", "food deliveries")]


def test_a_reported_figure_reads_as_exactly_its_number_and_text_keeps_no_comparator():
    assert (actual_parse("about 12").value, actual_parse("about 12").comparator) == (12, "=")
    assert (actual_parse("£3.3m").unit, actual_parse("£3.3m").comparator) == ("£", "=")
    assert (actual_parse("TBC").value, actual_parse("TBC").comparator) == (None, "")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("-28", Decimal("-28")),  # days behind a project's timetable
        ("-16%", Decimal("-16")),  # a "% reduction" that went the other way
        ("−9.5", Decimal("-9.5")),  # the typographic minus
        ("-£3.3m", Decimal("-3300000.0")),
        ("10-20", Decimal("10")),  # a range's hyphen is no sign
        ("Q1 - 25%", Decimal("25")),  # nor is a dash set apart
    ],
)
def test_a_minus_sign_stuck_to_its_figure_makes_it_negative(text, value):
    assert quantity_parse(text).value == value
