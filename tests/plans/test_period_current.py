"""Where a plan stands: the round under way, else the import's period, else today's."""

from datetime import date

from councilplan.domain.periods import FinancialCalendar, periods_between
from councilplan.plans.models import Plan, ReportingPeriod
from councilplan.plans.selectors import period_current_among
from councilplan.plans.services import reporting_period_new

State = ReportingPeriod.State


def quarters(plan: Plan, states: dict[str, str]) -> list[ReportingPeriod]:
    return [
        reporting_period_new(plan=plan, period=period, state=states.get(period.key, State.PLANNED))
        for period in periods_between(date(2024, 4, 1), date(2026, 3, 31), FinancialCalendar())
    ]


def current(states: dict[str, str], *, named: str = "", today: date = date(2025, 5, 20)) -> str:
    plan = Plan(metadata={"current_period": named} if named else {})
    period = period_current_among(plan=plan, periods=quarters(plan, states), today=today)
    return period.key if period else ""


def test_the_latest_round_begun_is_where_the_plan_stands():
    assert current({"2024-Q1": State.PUBLISHED, "2024-Q2": State.OPEN}, named="2024-Q1") == (
        "2024-Q2"
    )
    assert current({"2024-Q1": State.CLOSED, "2024-Q3": State.PUBLISHED}) == "2024-Q3"


def test_with_no_round_begun_the_imports_period_then_todays():
    assert current({}, named="2024-Q3") == "2024-Q3"
    assert current({}) == "2025-Q1"  # 20 May 2025 is in Q1 2025/26
    assert current({}, named="2019-Q1") == "2025-Q1"  # a period the plan does not have


def test_before_the_plan_starts_its_first_period():
    assert current({}, today=date(2023, 1, 1)) == "2024-Q1"
    assert current({}, today=date(2030, 1, 1)) == "2025-Q4"


def test_no_periods_no_current_period():
    assert period_current_among(plan=Plan(metadata={}), periods=[]) is None
