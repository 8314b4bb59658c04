"""Editing a plan after import: each act checks permission, validates, refuses a stale edit,
archives instead of deleting, and leaves a history line."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from councilplan.editing import services
from councilplan.editing.errors import (
    ARCHIVE_REASON_REQUIRED_ERROR,
    DUE_BEFORE_START_ERROR,
    DUPLICATE_REFERENCE_ERROR,
    GREEN_BEYOND_AMBER_ERROR,
    MOVE_UNDER_ITSELF_ERROR,
    PERIOD_IN_USE_ERROR,
    RESTORE_PARENT_FIRST_ERROR,
    TOLERANCE_RANGE_ERROR,
    EditError,
    StaleEditError,
)
from councilplan.editing.services import ItemFields, MeasureFields, PlanSettings
from councilplan.history.models import ChangeRecord
from councilplan.plans.models import ItemRole, Measure, MeasureValue, ProgressUpdate
from tests.cycle.world import World


def test_an_officer_adds_an_action_under_a_priority_at_the_end(world: World) -> None:
    parent = world.item("P1")
    item = services.item_create(
        user=world.officer,
        plan=world.plan,
        parent=parent,
        values=ItemFields(title="Open a community library", ref="1.3", due_date=date(2025, 3, 31)),
    )
    assert item.parent == parent
    assert item.depth == 1
    siblings = list(parent.children.order_by("position").values_list("key", flat=True))
    assert siblings[-1] == item.key
    assert item.key == "1-3"  # from the reference; the title when there is none
    record = ChangeRecord.objects.get(
        content_type__model="planitem", object_id=str(item.pk), action="created"
    )
    assert record.actor == world.officer


@pytest.mark.parametrize("who", ["owner", "reader", "outsider"])
def test_only_officers_and_administrators_edit_the_plan(world: World, who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.item_create(
            user=getattr(world, who), plan=world.plan, parent=None, values=ItemFields(title="X")
        )


def test_a_change_is_saved_with_a_new_version_and_audited(world: World) -> None:
    item = world.item("A1")
    values = ItemFields.of(item)
    values.due_date = date(2025, 6, 30)
    changed = services.item_change(
        user=world.officer, item=item, based_on_version=item.version, values=values
    )
    assert changed.version == item.version + 1
    record = ChangeRecord.objects.filter(
        content_type__model="planitem", object_id=str(item.pk), action="updated"
    ).first()
    assert record is not None
    assert "due_date" in record.changes


def test_a_stale_change_is_refused_naming_the_differences(world: World) -> None:
    item = world.item("A1")
    first = ItemFields.of(item)
    first.title = "Renew benches and bins"
    services.item_change(user=world.officer, item=item, based_on_version=item.version, values=first)
    second = ItemFields.of(item)
    second.title = "Renew street lights"
    with pytest.raises(StaleEditError) as refused:
        services.item_change(
            user=world.administrator, item=item, based_on_version=item.version, values=second
        )
    assert [d.field for d in refused.value.differences] == ["Title"]
    assert refused.value.differences[0].theirs == "Renew benches and bins"
    item.refresh_from_db()
    assert item.title == "Renew benches and bins"


def test_bad_values_are_refused_with_the_field_at_fault(world: World) -> None:
    item = world.item("A1")
    values = ItemFields.of(item)
    values.start_date, values.due_date = date(2025, 1, 1), date(2024, 1, 1)
    with pytest.raises(EditError, match=DUE_BEFORE_START_ERROR) as refused:
        services.item_change(
            user=world.officer, item=item, based_on_version=item.version, values=values
        )
    assert refused.value.field == "due_date"
    values = ItemFields.of(item)
    values.ref = "1.2"  # A2's reference, under the same priority
    with pytest.raises(EditError, match=DUPLICATE_REFERENCE_ERROR.format(ref="1.2")[:30]):
        services.item_change(
            user=world.officer, item=item, based_on_version=item.version, values=values
        )


def test_an_item_cannot_move_under_itself_or_below(world: World) -> None:
    priority = world.item("P1")
    with pytest.raises(EditError, match=MOVE_UNDER_ITSELF_ERROR):
        services.item_move(user=world.officer, item=priority, parent=world.item("A1"))
    with pytest.raises(EditError, match=MOVE_UNDER_ITSELF_ERROR):
        services.item_move(user=world.officer, item=priority, parent=priority)


def test_moving_a_branch_takes_its_children_and_sets_their_depth(world: World) -> None:
    child = services.item_create(
        user=world.officer,
        plan=world.plan,
        parent=world.item("A1"),
        values=ItemFields(title="Milestone: survey"),
    )
    services.item_move(user=world.officer, item=world.item("A1"), parent=world.item("P2"))
    moved = world.item("A1")
    child.refresh_from_db()
    assert moved.parent == world.item("P2")
    assert moved.depth == 1
    assert child.depth == 2
    assert child.parent == moved
    services.item_move(user=world.officer, item=moved, parent=None)
    child.refresh_from_db()
    assert world.item("A1").depth == 0
    assert child.depth == 1


def test_reordering_swaps_with_the_neighbour_and_stops_at_the_ends(world: World) -> None:
    def order() -> list[str]:
        return list(world.item("P1").children.order_by("position").values_list("key", flat=True))

    assert order() == ["A1", "A2"]
    services.item_reorder(user=world.officer, item=world.item("A2"), step=-1)
    assert order() == ["A2", "A1"]
    services.item_reorder(user=world.officer, item=world.item("A2"), step=-1)
    assert order() == ["A2", "A1"]


def test_archiving_keeps_updates_and_values_and_restoring_brings_back_the_branch(
    world: World,
) -> None:
    priority = world.item("P1")
    updates_before = ProgressUpdate.objects.filter(item__plan=world.plan).count()
    values_before = MeasureValue.objects.filter(measure__plan=world.plan).count()
    with pytest.raises(EditError, match=ARCHIVE_REASON_REQUIRED_ERROR):
        services.item_archive(user=world.officer, item=priority, reason="  ")
    archived = services.item_archive(
        user=world.officer, item=priority, reason="Merged into priority 2 by Cabinet"
    )
    assert archived == 3  # P1, A1, A2
    assert not world.plan.items.filter(archived_on=None, key__in=["P1", "A1", "A2"]).exists()
    assert Measure.objects.get(key="A1-M1").archived_on is not None
    assert ProgressUpdate.objects.filter(item__plan=world.plan).count() == updates_before
    assert MeasureValue.objects.filter(measure__plan=world.plan).count() == values_before
    record = ChangeRecord.objects.filter(
        content_type__model="planitem", object_id=str(priority.pk)
    ).first()
    assert record is not None
    assert record.reason == "Merged into priority 2 by Cabinet"

    with pytest.raises(
        EditError, match=RESTORE_PARENT_FIRST_ERROR.format(parent="1 Thriving neighbourhoods")
    ):
        services.item_restore(user=world.officer, item=world.item("A1"))
    assert services.item_restore(user=world.officer, item=priority) == 3
    assert world.plan.items.filter(archived_on=None).count() == 5
    assert Measure.objects.get(key="A1-M1").archived_on is None


def test_an_item_archived_on_its_own_stays_archived_when_its_parent_is_restored(
    world: World,
) -> None:
    services.item_archive(user=world.officer, item=world.item("A2"), reason="Dropped")
    services.item_archive(user=world.officer, item=world.item("P1"), reason="Merged")
    services.item_restore(user=world.officer, item=world.item("P1"))
    assert world.item("A1").archived_on is None
    assert world.item("A2").archived_on is not None


def test_settings_give_a_plan_without_dates_its_reporting_periods(world: World) -> None:
    plan = world.plan
    plan.periods.filter(updates=None).delete()  # as if imported without dates: Q1 only
    plan.starts_on = plan.ends_on = None
    plan.save()
    settings = PlanSettings.of(plan)
    settings.starts_on, settings.ends_on = date(2024, 4, 1), date(2026, 3, 31)
    added = services.plan_settings_change(
        user=world.officer, plan=plan, based_on_version=plan.version, settings=settings
    )
    keys = [period.key for period in added]
    assert keys[0] == "2024-Q2"
    assert keys[-1] == "2025-Q4"
    assert len(keys) == 7


def test_settings_rename_levels_and_refuse_a_band_over_100_or_green_beyond_amber(
    world: World,
) -> None:
    plan = world.plan
    settings = PlanSettings.of(plan)
    settings.level_names = ["Theme", "Commitment", ""]
    services.plan_settings_change(
        user=world.officer, plan=plan, based_on_version=plan.version, settings=settings
    )
    assert list(plan.levels.values_list("name", flat=True)) == ["Theme", "Commitment"]
    settings = PlanSettings.of(plan)
    settings.amber_within_percent = Decimal("150")
    with pytest.raises(EditError, match=TOLERANCE_RANGE_ERROR):
        services.plan_settings_change(
            user=world.officer, plan=plan, based_on_version=plan.version, settings=settings
        )
    settings = PlanSettings.of(plan)
    settings.green_within_percent = Decimal("12")
    with pytest.raises(EditError, match=GREEN_BEYOND_AMBER_ERROR):
        services.plan_settings_change(
            user=world.officer, plan=plan, based_on_version=plan.version, settings=settings
        )


def test_settings_set_the_plans_tolerance_bands(world: World) -> None:
    plan = world.plan
    settings = PlanSettings.of(plan)
    assert (settings.green_within_percent, settings.amber_within_percent) == (0, 10)
    settings.green_within_percent = Decimal("5")
    settings.amber_within_percent = Decimal("250")  # absolute: in the measure's own units
    settings.tolerance_relative = False
    services.plan_settings_change(
        user=world.officer, plan=plan, based_on_version=plan.version, settings=settings
    )
    plan.refresh_from_db()
    assert (plan.green_within_percent, plan.amber_within_percent) == (5, 250)
    assert not plan.tolerance_relative
    assert plan.tolerance_percent == 250  # the one tolerance of earlier versions reads amber


def test_settings_never_drop_a_period_with_updates(world: World) -> None:
    plan = world.plan
    settings = PlanSettings.of(plan)
    settings.starts_on = date(2024, 10, 1)  # Q1 has approved updates
    with pytest.raises(EditError, match=PERIOD_IN_USE_ERROR.format(period="")[:20]):
        services.plan_settings_change(
            user=world.officer, plan=plan, based_on_version=plan.version, settings=settings
        )
    plan.refresh_from_db()
    assert plan.starts_on == date(2024, 4, 1)


def test_a_person_is_named_in_a_role_and_removed(world: World) -> None:
    item = world.item("B1")
    held = services.item_role_add(
        user=world.officer, item=item, role="lead_officer", new_person_name="Nadia New"
    )
    assert held.party.organisation == world.plan.organisation
    again = services.item_role_add(
        user=world.officer, item=world.item("A2"), role="partner", new_person_name="nadia new"
    )
    assert again.party == held.party  # the same person, not a second one
    services.item_role_remove(user=world.officer, held=held)
    assert not ItemRole.objects.filter(pk=held.pk).exists()


def test_a_measure_is_added_with_its_target_read_as_a_figure(world: World) -> None:
    measure = services.measure_create(
        user=world.officer,
        item=world.item("B1"),
        values=MeasureFields(name="Trees planted", unit="count", target_text="at least 500"),
    )
    assert measure.target_value == 500
    assert measure.target_comparator == ">="
    values = MeasureFields.of(measure)
    values.target_text = "£3.3m"
    changed = services.measure_change(
        user=world.officer, measure=measure, based_on_version=measure.version, values=values
    )
    assert changed.target_value == Decimal("3300000")
    services.measure_archive(user=world.officer, measure=changed, reason="No longer reported")
    assert Measure.objects.get(pk=measure.pk).archived_on is not None
