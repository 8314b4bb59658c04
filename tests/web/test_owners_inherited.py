"""Owners as the round sees them (issue 16, part 3): an item with no owner of its own is its
parent's lead officer's to update. Before, the tree's owner filter missed those items and the
dashboard's exceptions said "None named" while the round named the inherited officer."""

import pytest
from django.test import Client
from django.urls import reverse

from councilplan.plans.models import Party
from councilplan.reports.selectors import plan_position
from tests.cycle.world import cycle_world

pytestmark = pytest.mark.django_db


def test_the_owner_filter_finds_the_items_below_the_ones_she_leads():
    world = cycle_world()
    olivia = Party.objects.get(name="Olivia Owner")
    client = Client()
    client.force_login(world.reader)
    response = client.get(
        reverse("web:plan-tree", args=[world.plan.slug]), {"owner": str(olivia.pk)}
    )
    keys = {row.key for row in response.context["page"].object_list}
    assert keys == {"P1", "A1", "A2"}  # she leads P1; A1 and A2 have no owner of their own
    assert "from the item above" in response.text


def test_every_table_names_the_inherited_lead_officer():
    world = cycle_world()
    position = plan_position(plan=world.plan, period=world.period("2024-Q1"))
    leads = {row.key: row.lead_officer for row in position.rows}
    assert leads["A1"] == leads["A2"] == leads["P1"] == "Olivia Owner"
