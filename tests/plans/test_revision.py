"""Every act that changes a plan bumps its revision in the act's transaction, whichever service
makes it, so caches keyed on the revision are never stale; an act that fails bumps nothing."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle import services as cycle
from councilplan.cycle.services import UpdateDraft
from councilplan.editing import services as editing
from councilplan.editing.reimport import plan_reimport
from councilplan.editing.risks import RiskFields, risk_change, risk_create
from councilplan.editing.services import ItemFields, PlanSettings
from councilplan.editing.statuses import status_words_change, status_words_of
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Party, Plan
from councilplan.plans.services import plan_revision
from councilplan.web.selectors import _plan_version_key
from tests.cycle.world import World, cycle_document, cycle_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db) -> World:
    return cycle_world()


def _revision(world: World) -> int:
    return Plan.objects.get(pk=world.plan.pk).revision


def _q2_update(world: World, **typed: object):
    period = cycle.period_open(user=world.officer, period=world.period("2024-Q2"))
    green = world.plan.status_scheme.statuses.get(code="green")
    draft = UpdateDraft(status=green, percent_complete=Decimal(40), **typed)  # type: ignore[arg-type]
    return cycle.update_save(
        user=world.owner, item=world.item("A1"), period=period, based_on_version=0, draft=draft
    )


def _submitted(world: World):
    return cycle.update_submit(user=world.owner, update=_q2_update(world))


def _item_renamed(world: World) -> None:
    item = world.item("A1")
    values = ItemFields.of(item)
    values.title = "Renew benches"
    editing.item_change(user=world.officer, item=item, based_on_version=item.version, values=values)


def _settings_changed(world: World) -> None:
    settings = PlanSettings.of(world.plan)
    settings.title = "Testborough plan, renamed"
    editing.plan_settings_change(
        user=world.officer, plan=world.plan, based_on_version=world.plan.version, settings=settings
    )


def _risk(world: World) -> RiskFields:
    return RiskFields(description="Funding withdrawn", owner="Director", likelihood=3, impact=4)


def _mitigation_only_changed(world: World) -> None:
    risk = risk_create(user=world.officer, plan=world.plan, values=_risk(world))
    before = _revision(world)
    values = _risk(world)
    values.mitigations = ["Seek grants"]
    risk_change(user=world.officer, risk=risk, based_on_version=risk.version, values=values)
    assert _revision(world) > before


def _status_word_renamed(world: World) -> None:
    words = status_words_of(world.plan)
    words[0].label = "On track, renamed"
    status_words_change(user=world.officer, plan=world.plan, words=words)


def _party_renamed(world: World) -> None:
    party = Party.objects.get(name="Oscar Other")
    party.name = "Oscar Renamed"
    party.save()


def _reimported(world: World) -> None:
    document = cycle_document()
    document["items"][0]["title"] = "Thriving neighbourhoods, renamed"
    plan_reimport(user=world.officer, plan=world.plan, document=document, file="next.json")


def _replaced_by_import(world: World) -> None:
    document = cycle_document()
    document["items"][0]["title"] = "Thriving neighbourhoods, renamed"
    plan_import_document(document=document, replace=True)


ACTS: dict[str, Callable[[World], object]] = {
    "item changed": _item_renamed,
    "item added": lambda world: editing.item_create(
        user=world.officer, plan=world.plan, parent=None, values=ItemFields(title="New")
    ),
    "item moved": lambda world: editing.item_move(
        user=world.officer, item=world.item("B1"), parent=world.item("P1")
    ),
    "item archived": lambda world: editing.item_archive(
        user=world.officer, item=world.item("B1"), reason="Done elsewhere"
    ),
    "plan settings changed": _settings_changed,
    "period opened": lambda world: cycle.period_open(
        user=world.officer, period=world.period("2024-Q2"), updates_due_on=date(2024, 10, 14)
    ),
    "update saved": _q2_update,
    "measure actual saved": lambda world: _q2_update(
        world, measure_actuals={world.item("A1").measures.get().pk: "12"}
    ),
    "update submitted": _submitted,
    "update approved": lambda world: cycle.update_approve(
        user=world.officer, update=_submitted(world)
    ),
    "updates approved in bulk": lambda world: cycle.updates_approve(
        user=world.officer,
        period=world.period("2024-Q2"),
        versions={(update := _submitted(world)).pk: update.version},
    ),
    "period published": lambda world: cycle.period_publish(
        user=SYSTEM_USER, period=cycle.period_open(user=SYSTEM_USER, period=world.period("2024-Q1"))
    ),
    "risk added": lambda world: risk_create(
        user=world.officer, plan=world.plan, values=_risk(world)
    ),
    "risk's mitigations alone changed": _mitigation_only_changed,
    "status word renamed": _status_word_renamed,
    "party renamed": _party_renamed,
    "re-imported as edits": _reimported,
    "replaced by an import": _replaced_by_import,
}


@pytest.mark.parametrize("act", ACTS.values(), ids=ACTS.keys())
def test_every_act_bumps_the_plans_revision(world: World, act) -> None:
    before = _revision(world)
    act(world)
    assert _revision(world) > before


def _renamed_then_failed(world: World) -> None:
    with transaction.atomic():
        _item_renamed(world)
        raise RuntimeError("the act's transaction is rolled back")


def test_an_act_that_fails_bumps_nothing(world: World) -> None:
    before = _revision(world)
    with pytest.raises(RuntimeError):
        _renamed_then_failed(world)
    assert _revision(world) == before


def test_a_plan_read_before_an_act_never_writes_its_older_revision_back(world: World) -> None:
    stale = Plan.objects.get(pk=world.plan.pk)
    _item_renamed(world)
    bumped = _revision(world)
    stale.save()  # nothing changed: no history, so no bump, but no step back either
    assert _revision(world) == bumped


def test_another_plans_acts_leave_this_plan_alone(world: World) -> None:
    before = _revision(world)
    document = cycle_document()
    document["plan"]["id"] = "another-plan"
    plan_import_document(document=document, separate=True)
    assert _revision(world) == before


def test_the_page_cache_key_follows_the_revision_in_one_query(
    world: World, django_assert_num_queries
) -> None:
    period = world.period("2024-Q1")
    with django_assert_num_queries(1):
        first = _plan_version_key("position", world.plan, period)
    assert _plan_version_key("position", world.plan, period) == first
    _item_renamed(world)  # world.plan, the instance, is not refreshed: the key still moves
    assert _plan_version_key("position", world.plan, period) != first
    assert plan_revision(plan_id=world.plan.pk) == _revision(world)
