"""Timescales as the seed documents print them (Harlow 000 and 002)."""

from datetime import date

import pytest

from councilplan.domain.timescales import (
    IMPOSSIBLE_DATE_PROBLEM,
    NO_YEAR_PROBLEM,
    timescale_parse,
)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Sep-20", date(2020, 9, 30)),
        ("Oct-20", date(2020, 10, 31)),
        ("Mar-21", date(2021, 3, 31)),
        ("End of August", date(2020, 8, 31)),
        ("End of September", date(2020, 9, 30)),
        ("November", date(2020, 11, 30)),
        ("by end April 2024", date(2024, 4, 30)),
        ("by September 2024", date(2024, 9, 30)),
        (
            "July 2020 - MOU in place, on going activity to meet plan requirements",
            date(2020, 7, 31),
        ),
        ("31/03/2021", date(2021, 3, 31)),
        ("6 May 2021", date(2021, 5, 6)),
    ],
)
def test_printed_timescales_get_their_due_date(text, due):
    assert timescale_parse(text, financial_year=2020).due == due


def test_a_bare_month_falls_in_the_plans_financial_year():
    assert timescale_parse("February", financial_year=2020).due == date(2021, 2, 28)
    assert timescale_parse("August", financial_year=2024).due == date(2024, 8, 31)


def test_a_bare_month_with_no_known_year_is_flagged_not_guessed():
    timescale = timescale_parse("End of August")
    assert timescale.due is None
    assert timescale.problems == (NO_YEAR_PROBLEM.format(text="End of August"),)


def test_and_ongoing_starts_then_stays_open():
    timescale = timescale_parse("October 20 and ongoing")
    assert (timescale.start, timescale.due, timescale.open_ended) == (date(2020, 10, 1), None, True)


def test_uk_dates_are_day_first_then_ongoing():
    timescale = timescale_parse("03/09/2020 then ongoing")
    assert timescale.start == date(2020, 9, 3)
    assert timescale.open_ended


@pytest.mark.parametrize("text", ["Ongoing", "On going - commenced", "Started"])
def test_ongoing_and_started_are_open_ended_without_dates(text):
    timescale = timescale_parse(text)
    assert timescale.open_ended
    assert (timescale.start, timescale.due, timescale.problems) == (None, None, ())


@pytest.mark.parametrize("text", ["TBC", "TBA", "tba."])
def test_placeholders_are_missing_values(text):
    timescale = timescale_parse(text)
    assert timescale.missing == "placeholder"
    assert timescale.due is None


def test_quarters_end_with_the_quarter_of_the_financial_year():
    assert timescale_parse("Q4", financial_year=2024).due == date(2025, 3, 31)
    assert timescale_parse("Q2 2024/25").due == date(2024, 9, 30)


def test_an_impossible_date_is_flagged_never_guessed():
    timescale = timescale_parse("51/5/2024", financial_year=2024)
    assert timescale.due is None
    assert timescale.start is None
    assert timescale.problems == (IMPOSSIBLE_DATE_PROBLEM.format(text="51/5/2024"),)


def test_words_that_are_no_date_are_reported():
    timescale = timescale_parse("when the money comes")
    assert timescale.due is None
    assert "could not be read" in timescale.problems[0]
