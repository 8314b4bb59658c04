"""Each bump of a plan's revision notes the one item it was about, when it was about one item
alone; a revision about anything else has no note, so a kept position is worked out whole."""

from collections.abc import Callable

import pytest

from councilplan.cycle import services as cycle
from councilplan.cycle.measure_values import FigureEntry, figures_record
from councilplan.editing import services as editing
from councilplan.editing.services import PlanSettings
from councilplan.plans.models import Plan, PlanRevisionItem
from councilplan.plans.revisions import items_changed_between
from councilplan.plans.services import REVISION_NOTES_KEPT, plan_revision_bump
from tests.cycle.world import World, cycle_world
from tests.plans.test_revision import _item_renamed, _submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db) -> World:
    return cycle_world()


def _revision(world: World) -> int:
    return Plan.objects.get(pk=world.plan.pk).revision


def _approved(world: World) -> None:
    cycle.update_approve(user=world.officer, update=world.submitted)  # type: ignore[attr-defined]


def _figure(world: World) -> None:
    entry = FigureEntry(measure="A1-M1", period="2024-Q1", text="12", place="test")
    figures_record(user=world.officer, plan=world.plan, entries=[entry])


def _lead_named(world: World) -> None:
    editing.item_role_add(
        user=world.officer, item=world.item("A1"), role="lead_officer", new_person_name="Ann Lee"
    )


LOCAL_ACTS: dict[str, Callable[[World], object]] = {
    "an item renamed": _item_renamed,
    "an update approved": _approved,
    "a figure recorded": _figure,
    "a lead officer named": _lead_named,
}


@pytest.mark.parametrize("act", LOCAL_ACTS)
def test_an_act_about_one_item_notes_that_item(world: World, act: str) -> None:
    if act == "an update approved":
        world.submitted = _submitted(world)  # type: ignore[attr-defined]
    before = _revision(world)
    LOCAL_ACTS[act](world)
    after = _revision(world)
    assert after > before
    changed = items_changed_between(plan_id=world.plan.pk, since=before, until=after)
    assert changed == {world.item("A1").pk}


def _moved(world: World) -> None:
    editing.item_move(user=world.officer, item=world.item("A1"), parent=world.item("P2"))


def _settings_changed(world: World) -> None:
    settings = PlanSettings.of(world.plan)
    settings.tolerance_relative = not settings.tolerance_relative
    editing.plan_settings_change(
        user=world.officer, plan=world.plan, based_on_version=world.plan.version, settings=settings
    )


def _period_opened(world: World) -> None:
    cycle.period_open(user=world.officer, period=world.period("2024-Q2"))


@pytest.mark.parametrize("act", [_moved, _settings_changed, _period_opened])
def test_an_act_about_more_than_one_item_has_the_plan_worked_out_whole(world: World, act) -> None:
    before = _revision(world)
    act(world)
    after = _revision(world)
    assert after > before
    assert items_changed_between(plan_id=world.plan.pk, since=before, until=after) is None


def test_notes_of_old_revisions_are_let_go(world: World) -> None:
    item_id = world.item("A1").pk
    for _ in range(REVISION_NOTES_KEPT + 5):
        plan_revision_bump(plan_ids={world.plan.pk}, item_id=item_id)
    notes = PlanRevisionItem.objects.filter(plan=world.plan)
    assert notes.count() <= REVISION_NOTES_KEPT + 1
    now = _revision(world)
    assert items_changed_between(plan_id=world.plan.pk, since=now - 5, until=now) == {item_id}
    assert items_changed_between(plan_id=world.plan.pk, since=0, until=now) is None


def test_a_deleted_plan_leaves_no_notes(world: World) -> None:
    _figure(world)
    _lead_named(world)
    world.plan.delete()
    assert not PlanRevisionItem.objects.exists()
