"""Each period's measure status is judged against that period's own target and the plan's
tolerance bands. The figures are made up for the test."""

from decimal import Decimal

import pytest

from councilplan.history.models import ChangeRecord
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Measure, MeasureTarget, MeasureValue
from councilplan.plans.selectors import period_get
from councilplan.reports.selectors import plan_position
from tests.interchange.full_plan import full_plan_document

pytestmark = pytest.mark.django_db


def measure_row(plan, period):
    position = plan_position(plan=plan, period=period)
    return next(m for row in position.rows for m in row.measures if m.key == "BE6-M1")


@pytest.fixture
def plan():
    """The full plan with one target for BE6-M1 (77%) and the plan's bands (green 0)."""
    document = full_plan_document()
    document["plan"]["tolerance"] = {"green_within_percent": 0, "amber_within_percent": 10}
    for item in document["items"]:
        for measure in item["measures"]:
            measure["tolerance"] = None
    for value in document["measure_values"]:
        value["target"] = None
    return plan_import_document(document=document).plan


def test_a_profiled_target_judges_each_quarter_by_its_own_figure(plan):
    # BE6-M1 reads 76.5% in Q1 and 78% in Q2 against one target of 77%.
    q1, q2 = period_get(plan=plan, key="2024-Q1"), period_get(plan=plan, key="2024-Q2")
    assert measure_row(plan, q1).suggested.word == "Amber"
    assert measure_row(plan, q2).suggested.word == "Green"
    measure = Measure.objects.get(plan=plan, key="BE6-M1")
    MeasureTarget.objects.create(measure=measure, period=q1, text="75%", value=75, comparator=">=")
    MeasureTarget.objects.create(
        measure=measure, period=q2, text="80%", value=80, comparator=">=", reason="Profiled"
    )
    assert measure_row(plan, q1).suggested.word == "Green"
    row = measure_row(plan, q2)
    assert (row.target, row.suggested.word) == ("80%", "Amber")
    assert "misses the target 80 by 2" in row.suggestion_reason


def test_the_plans_bands_decide_between_green_amber_and_red(plan):
    q2 = period_get(plan=plan, key="2024-Q2")
    MeasureTarget.objects.create(
        measure=Measure.objects.get(plan=plan, key="BE6-M1"), period=q2, text="80%", value=80
    )
    plan.green_within_percent, plan.amber_within_percent = Decimal(5), Decimal(10)
    plan.save()
    assert measure_row(plan, q2).suggested.word == "Green"  # 2.5% short, within 5%
    plan.green_within_percent, plan.amber_within_percent = Decimal(0), Decimal(1)
    plan.save()
    assert measure_row(plan, q2).suggested.word == "Red"
    # The measure's own bands override the plan's.
    Measure.objects.filter(plan=plan, key="BE6-M1").update(tolerance_amber_within_percent=3)
    assert measure_row(plan, q2).suggested.word == "Amber"


def test_a_value_not_yet_available_has_no_status_and_is_not_zero(plan):
    q2 = period_get(plan=plan, key="2024-Q2")
    MeasureValue.objects.filter(measure__key="BE6-M1", period=q2).update(
        value=None, text="Not yet available", state=MeasureValue.State.NOT_YET_AVAILABLE
    )
    row = measure_row(plan, q2)
    assert row.suggested is None
    assert row.actual == "Not yet available"


def test_a_changed_target_keeps_who_changed_it_and_why(plan):
    q2 = period_get(plan=plan, key="2024-Q2")
    target = MeasureTarget.objects.create(
        measure=Measure.objects.get(plan=plan, key="BE6-M1"), period=q2, text="80%", value=80
    )
    target.value, target.text, target.reason = Decimal(79), "79%", "Cabinet lowered it"
    target.save()
    change = ChangeRecord.objects.filter(object_id=str(target.pk), action="updated").get()
    assert change.plan_id == plan.pk
    assert change.changes["reason"] == ["", "Cabinet lowered it"]
    assert change.changes["value"] == ["80", "79"]
