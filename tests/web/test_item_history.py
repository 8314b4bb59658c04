"""The item page's history reads as sentences (issue 16, part 3): people by their names,
fields by their labels, values as people write them, and no false changes. Before, it
listed field names, user names and "30.00" → "30" as a change."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from councilplan.cycle import services
from councilplan.editing.services import ItemFields, item_change
from tests.cycle.world import cycle_world


@pytest.fixture
def world(db):
    return cycle_world()


def _page(world, item) -> str:
    client = Client()
    client.force_login(world.reader)
    return client.get(reverse("web:item-detail", args=[world.plan.slug, item.pk])).text


def test_a_due_date_change_reads_as_a_sentence_with_the_persons_name(world):
    world.administrator.first_name, world.administrator.last_name = "Jane", "Greer"
    world.administrator.save()
    item = world.item("A1")
    item.due_date = date(2025, 9, 30)
    item.save()
    item.refresh_from_db()
    values = replace(ItemFields.of(item), due_date=date(2025, 12, 31))
    item_change(user=world.administrator, item=item, based_on_version=item.version, values=values)
    page = _page(world, item)
    assert "Jane Greer changed the due date from 30 Sep 2025 to 31 Dec 2025." in page
    assert "due_date" not in page
    assert world.administrator.username not in page


def test_saving_the_same_percent_again_is_not_a_change_and_the_owner_is_named(world):
    q2 = services.period_open(user=world.officer, period=world.period("2024-Q2"))
    item = world.item("A1")
    draft = services.UpdateDraft(percent_complete=Decimal("30"), commentary="Benches ordered")
    first = services.update_save(
        user=world.owner, item=item, period=q2, based_on_version=0, draft=draft
    )
    first.refresh_from_db()  # the database hands back 30.00
    again = replace(draft, percent_complete=Decimal("30.00"), commentary="Benches delivered")
    services.update_save(
        user=world.owner, item=item, period=q2, based_on_version=first.version, draft=again
    )
    page = _page(world, item)
    assert (
        "Olivia Owner changed the commentary from Benches ordered to Benches delivered in "
        "the Q2 2024/25 update." in page
    )
    assert "changed the percent complete" not in page
    assert "30.00" not in page
    assert "olivia" not in page.replace("Olivia", "")
