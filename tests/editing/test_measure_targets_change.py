"""A measure's targets for every period and its own tolerance bands, changed at once from
the targets page: permission, a lock on the measure, a reason for a changed target, and
the history of who changed what and why."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from councilplan.editing.errors import (
    GREEN_BEYOND_AMBER_ERROR,
    TARGET_CHANGE_REASON_REQUIRED_ERROR,
    TOLERANCE_RANGE_ERROR,
    EditError,
    StaleEditError,
)
from councilplan.editing.targets import MeasureBands, MeasureTargets, measure_targets_change
from councilplan.history.models import ChangeRecord
from councilplan.plans.models import Measure, MeasureTarget
from councilplan.plans.tolerance import measure_bands, plan_bands
from tests.cycle.world import World


def _measure(world: World) -> Measure:
    return Measure.objects.select_related("plan").get(plan=world.plan, key="A1-M1")


def _periods(world: World) -> dict[str, int]:
    return dict(world.plan.periods.values_list("key", "pk"))


def test_targets_for_each_period_and_own_bands_are_saved_together(world: World) -> None:
    measure, periods = _measure(world), _periods(world)
    changed = measure_targets_change(
        user=world.officer,
        measure=measure,
        based_on_version=measure.version,
        change=MeasureTargets(
            targets={periods["2024-Q1"]: "75%", periods["2024-Q2"]: "at least 76%"},
            bands=MeasureBands(Decimal(5), Decimal(10), relative=True),
        ),
    )
    saved = dict(MeasureTarget.objects.filter(measure=measure).values_list("period__key", "value"))
    assert saved == {"2024-Q1": 75, "2024-Q2": 76}
    assert changed.version == measure.version + 1
    bands = measure_bands(changed, plan_bands(world.plan))
    assert (bands.green_within, bands.amber_within, bands.relative) == (5, 10, True)
    # Back to the plan's bands: the measure holds none of its own.
    measure_targets_change(
        user=world.officer,
        measure=changed,
        based_on_version=changed.version,
        change=MeasureTargets(targets={}, bands=None),
    )
    changed.refresh_from_db()
    assert changed.tolerance_amber_within_percent is None
    assert not changed.has_own_tolerance


def test_a_changed_target_needs_a_reason_which_the_history_keeps(world: World) -> None:
    measure, periods = _measure(world), _periods(world)
    q2 = periods["2024-Q2"]
    measure_targets_change(
        user=world.officer, measure=measure, based_on_version=measure.version,
        change=MeasureTargets(targets={q2: "75%"}, bands=None),
    )  # fmt: skip
    measure.refresh_from_db()
    with pytest.raises(EditError, match=TARGET_CHANGE_REASON_REQUIRED_ERROR):
        measure_targets_change(
            user=world.officer, measure=measure, based_on_version=measure.version,
            change=MeasureTargets(targets={q2: "70%"}, bands=None),
        )  # fmt: skip
    assert MeasureTarget.objects.get(measure=measure).text == "75%"  # nothing saved
    measure_targets_change(
        user=world.officer, measure=measure, based_on_version=measure.version,
        change=MeasureTargets(targets={q2: "70%"}, bands=None, reason="Cabinet 12 Nov"),
    )  # fmt: skip
    target = MeasureTarget.objects.get(measure=measure)
    change = ChangeRecord.objects.get(object_id=str(target.pk), action="updated")
    assert (change.actor, change.reason) == (world.officer, "Cabinet 12 Nov")
    assert [Decimal(value) for value in change.changes["value"]] == [75, 70]


def test_an_edit_from_an_older_version_is_refused_and_nothing_is_saved(world: World) -> None:
    measure, periods = _measure(world), _periods(world)
    opened = measure.version
    measure_targets_change(
        user=world.officer, measure=measure, based_on_version=opened,
        change=MeasureTargets(targets={periods["2024-Q1"]: "75%"}, bands=None),
    )  # fmt: skip
    with pytest.raises(StaleEditError) as refused:
        measure_targets_change(
            user=world.officer, measure=measure, based_on_version=opened,
            change=MeasureTargets(targets={periods["2024-Q1"]: "80%"}, bands=None),
        )  # fmt: skip
    assert "Target for Q1 2024/25: 75% saved now, 80% yours" in str(refused.value) or (
        "75%" in str(refused.value) and "80%" in str(refused.value)
    )
    assert MeasureTarget.objects.get(measure=measure).text == "75%"


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        (MeasureBands(Decimal(0), Decimal(120), relative=True), TOLERANCE_RANGE_ERROR),
        (MeasureBands(Decimal(-1), Decimal(10), relative=True), TOLERANCE_RANGE_ERROR),
        (MeasureBands(Decimal(12), Decimal(10), relative=True), GREEN_BEYOND_AMBER_ERROR),
    ],
)
def test_bands_out_of_range_are_refused(world: World, bands, message) -> None:
    measure = _measure(world)
    with pytest.raises(EditError, match=message):
        measure_targets_change(
            user=world.officer, measure=measure, based_on_version=measure.version,
            change=MeasureTargets(targets={}, bands=bands),
        )  # fmt: skip


def test_only_those_who_may_edit_the_plan_change_targets(world: World) -> None:
    measure = _measure(world)
    with pytest.raises(PermissionDenied):
        measure_targets_change(
            user=world.reader, measure=measure, based_on_version=measure.version,
            change=MeasureTargets(targets={}, bands=None),
        )  # fmt: skip
