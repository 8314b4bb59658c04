"""`measure_list`: every measure at a period, with a query count that does not grow with the
number of indicators. The generated plans' figures are made up."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councilplan.demo.generated_plan import report_plan_document
from councilplan.interchange.load import plan_import_document
from councilplan.plans.selectors import period_current, period_get
from councilplan.reports.measures import measure_list
from tests.interchange.full_plan import full_plan_document
from tests.interchange.test_indicator_format import with_a_target_only_entry

pytestmark = pytest.mark.django_db


def imported(actions: int, plan_id: str, quarters: int = 4):
    document = report_plan_document(actions=actions, quarters=quarters, plan_id=plan_id)
    # A profiled target in every period, beside each value.
    for position, value in enumerate(document["measure_values"]):
        value["target"] = {"text": f"{55 + position % 10}%", "value": 55 + position % 10}
        value["reported_status"] = "green"
    return plan_import_document(document=document).plan


def queries_for(plan) -> int:
    period = period_current(plan=plan)
    with CaptureQueriesContext(connection) as context:
        lines = measure_list(plan=plan, period=period)
    assert lines
    return len(context.captured_queries)


def test_queries_do_not_grow_with_the_number_of_indicators():
    assert queries_for(imported(5, "five")) == queries_for(imported(50, "fifty"))


def satisfaction(plan, period):
    return next(m for m in measure_list(plan=plan, period=period) if m.id == "BE6-M1")


def test_each_measure_has_its_periods_target_status_and_directions():
    plan = plan_import_document(document=with_a_target_only_entry(full_plan_document())).plan
    q1, q2 = period_get(plan=plan, key="2024-Q1"), period_get(plan=plan, key="2024-Q2")
    first = satisfaction(plan, q1)
    assert (first.id, first.ref, first.item, first.item_ref) == ("BE6-M1", "CS01", "BE6", "BE6")
    assert (first.value, first.target, first.target_text) == (76.5, 75, "75%")
    assert (first.status, first.reported_status, first.reported_trend) == (
        "green", "green", "Improving",
    )  # fmt: skip
    assert (first.direction, first.direction_long) == ("none", "none")
    second = satisfaction(plan, q2)
    # No target of Q2's own: the measure's one target (equal to or > 77%) applies.
    assert (second.value, second.target, second.status) == (78, 77, "green")
    assert second.direction == "better"
    q3 = period_get(plan=plan, key="2024-Q3")
    third = satisfaction(plan, q3)
    assert (third.value, third.state, third.status, third.direction) == (
        None, "not_yet_available", "none", "none",
    )  # fmt: skip
    assert third.target == 80
