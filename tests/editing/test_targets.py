"""Setting, changing and clearing a measure's target for one period."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from councilplan.editing.errors import TARGET_CHANGE_REASON_REQUIRED_ERROR, EditError
from councilplan.editing.targets import measure_target_set
from councilplan.history.models import ChangeRecord
from councilplan.plans.models import Measure, MeasureTarget
from tests.cycle.world import World


def test_a_target_per_period_is_read_as_a_figure_and_a_change_keeps_who_and_why(
    world: World,
) -> None:
    measure = Measure.objects.get(plan=world.plan, key="A1-M1")
    q2 = world.plan.periods.get(key="2024-Q2")
    target = measure_target_set(user=world.officer, measure=measure, period=q2, text="at least 12")
    assert (target.value, target.comparator) == (12, ">=")
    with pytest.raises(EditError, match=TARGET_CHANGE_REASON_REQUIRED_ERROR):
        measure_target_set(user=world.officer, measure=measure, period=q2, text="10")
    measure_target_set(
        user=world.officer, measure=measure, period=q2, text="10", reason="Supplier delay"
    )
    change = ChangeRecord.objects.get(object_id=str(target.pk), action="updated")
    assert change.actor == world.officer
    assert change.reason == "Supplier delay"
    assert [Decimal(value) for value in change.changes["value"]] == [12, 10]


def test_a_target_that_is_not_a_number_is_kept_as_text_never_zero(world: World) -> None:
    measure = Measure.objects.get(plan=world.plan, key="A1-M1")
    q3 = world.plan.periods.get(key="2024-Q3")
    target = measure_target_set(user=world.officer, measure=measure, period=q3, text="TBC")
    assert (target.text, target.value) == ("TBC", None)
    assert (
        measure_target_set(
            user=world.officer, measure=measure, period=q3, text="", reason="Dropped"
        )
        is None
    )
    assert not MeasureTarget.objects.filter(measure=measure).exists()


def test_only_those_who_may_edit_the_plan_set_targets(world: World) -> None:
    measure = Measure.objects.get(plan=world.plan, key="A1-M1")
    q2 = world.plan.periods.get(key="2024-Q2")
    with pytest.raises(PermissionDenied):
        measure_target_set(user=world.reader, measure=measure, period=q2, text="12")
