"""A plan moved between sites keeps what was published: the JSON export carries each
published snapshot, and importing it gives the public the same page."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle import services
from councilplan.domain.problems import PlanInputError
from councilplan.interchange.export import plan_export
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Plan
from tests.cycle.world import PLAN_ID, cycle_world

pytestmark = pytest.mark.django_db


def _published_plan() -> Plan:
    world = cycle_world()
    period = services.period_open(user=SYSTEM_USER, period=world.period("2024-Q1"))
    services.period_publish(user=SYSTEM_USER, period=period)
    return world.plan


def test_the_export_carries_each_published_snapshot_and_the_import_restores_it():
    plan = _published_plan()
    published = plan.snapshots.get()
    exported = json.loads(json.dumps(plan_export(plan=plan)))
    assert [s["period"] for s in exported["published_snapshots"]] == ["2024-Q1"]

    public_before = Client().get(reverse("web:public-plan", args=[PLAN_ID]))
    assert public_before.status_code == 200
    Plan.objects.filter(pk=plan.pk).delete()  # the plan leaves this site…

    moved = plan_import_document(document=exported, file="moved.json").plan  # …and comes back
    restored = moved.snapshots.get()
    assert restored.content == published.content
    assert restored.published_on == published.published_on
    assert restored.period.key == "2024-Q1"
    public_after = Client().get(reverse("web:public-plan", args=[PLAN_ID]))
    assert public_after.status_code == 200
    assert public_after.text.count("<tr") == public_before.text.count("<tr")


def test_a_snapshot_of_a_period_the_plan_does_not_have_is_refused_by_its_place():
    exported = plan_export(plan=_published_plan())
    exported["published_snapshots"][0]["period"] = "2031-Q1"
    Plan.objects.all().delete()
    with pytest.raises(PlanInputError) as refused:
        plan_import_document(document=exported, file="moved.json")
    assert str(refused.value.problems[0].location) == "moved.json, published_snapshots[0].period"
    assert not Plan.objects.exists()
