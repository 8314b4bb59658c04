from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.periods import (
    FinancialCalendar,
    PeriodError,
    period_containing,
    period_parse,
    periods_between,
)


def test_2024_q1_is_april_to_june_2024():
    period = period_parse("2024-Q1")
    assert (period.starts_on, period.ends_on) == (date(2024, 4, 1), date(2024, 6, 30))
    assert period.label == "Q1 2024/25"


def test_q4_falls_in_the_next_calendar_year():
    period = period_parse("2024-q4")
    assert (period.starts_on, period.ends_on) == (date(2025, 1, 1), date(2025, 3, 31))


def test_q1_previous_is_last_years_q4():
    assert period_parse("2024-Q1").previous().key == "2023-Q4"
    assert period_parse("2023-Q4").next().key == "2024-Q1"


@pytest.mark.parametrize("key", ["2024-Q5", "2024-Q0", "Q1 2024", "24-Q1", ""])
def test_bad_period_keys_are_explained(key):
    with pytest.raises(PeriodError) as raised:
        period_parse(key)
    assert key in str(raised.value)


def test_calendar_year_calendar_and_half_years():
    calendar = FinancialCalendar(year_start_month=1, period_months=6)
    period = period_parse("2024-H2", calendar)
    assert (period.starts_on, period.ends_on, period.label) == (
        date(2024, 7, 1),
        date(2024, 12, 31),
        "H2 2024",
    )


def test_periods_between_covers_a_plan_life_span():
    keys = [p.key for p in periods_between(date(2024, 4, 1), date(2025, 3, 31))]
    assert keys == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(1, 12),
    st.sampled_from([1, 3, 6, 12]),
)
def test_every_day_falls_in_the_period_that_contains_it(day, start_month, months):
    calendar = FinancialCalendar(start_month, months)
    period = period_containing(day, calendar)
    assert period.starts_on <= day <= period.ends_on
    assert period_parse(period.key, calendar) == period
