"""The plan as a whole: archived and restored, its status words changed without touching
another plan's, and next year's plan started from it."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from councilplan.cycle.models import PublishedSnapshot
from councilplan.editing import services
from councilplan.editing.carry_forward import (
    CarryForward,
    carry_forward_proposed,
    plan_carry_forward,
    unfinished_item_ids,
)
from councilplan.editing.errors import EditError
from councilplan.editing.statuses import (
    STATUS_LABEL_REPEATED_ERROR,
    STATUS_NONE_OFFERED_ERROR,
    StatusWord,
    status_words_change,
    status_words_of,
)
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Measure, Plan, ProgressUpdate
from tests.cycle.world import World, cycle_document


def test_an_archived_plan_is_off_the_working_pages_and_restored_whole(world: World) -> None:
    client = Client()
    client.force_login(world.officer)
    items, updates = world.plan.items.count(), ProgressUpdate.objects.count()
    services.plan_archive(user=world.officer, plan=world.plan, reason="Superseded in May")
    assert client.get(reverse("web:plan-dashboard", args=[world.plan.slug])).status_code == 404
    home = client.get(reverse("web:plan-index")).content.decode()
    assert "Superseded in May" in home
    response = client.post(reverse("web:plan-restore", args=[world.plan.slug]))
    assert response.status_code == 302
    assert client.get(reverse("web:plan-dashboard", args=[world.plan.slug])).status_code == 200
    assert world.plan.items.count() == items
    assert ProgressUpdate.objects.count() == updates


def test_changing_one_plans_status_words_leaves_anothers_alone(world: World) -> None:
    other_document = cycle_document()
    other_document["plan"]["id"] = "other-plan"
    other = plan_import_document(document=other_document).plan
    assert other.status_scheme_id == world.plan.status_scheme_id  # shared to begin with
    words = status_words_of(world.plan)
    green = next(word for word in words if word.label == "Green")
    green.label = "On track"
    words.append(StatusWord(label="Closed", rag="blue", is_complete=True))
    status_words_change(user=world.officer, plan=world.plan, words=words)

    world.plan.refresh_from_db()
    assert world.plan.status_scheme_id != other.status_scheme_id
    labels = [word.label for word in status_words_of(world.plan)]
    assert "On track" in labels
    assert "Closed" in labels
    assert "Green" in [word.label for word in status_words_of(other)]
    # A1's Q1 update said Green: it now names the plan's own word, renamed.
    a1_update = ProgressUpdate.objects.get(item=world.item("A1"))
    assert a1_update.status.scheme_id == world.plan.status_scheme_id
    assert a1_update.status.label == "On track"


def test_status_words_refuse_repeats_and_an_empty_choice(world: World) -> None:
    words = status_words_of(world.plan)
    words[1].label = words[0].label
    with pytest.raises(EditError, match=STATUS_LABEL_REPEATED_ERROR.format(label="Green")):
        status_words_change(user=world.officer, plan=world.plan, words=words)
    words = status_words_of(world.plan)
    for word in words:
        word.offered = False
    with pytest.raises(EditError, match=STATUS_NONE_OFFERED_ERROR):
        status_words_change(user=world.officer, plan=world.plan, words=words)


def test_next_years_title_and_dates_are_proposed_a_year_on(world: World) -> None:
    proposed = carry_forward_proposed(world.plan)
    assert proposed.title == "Testborough corporate plan 2025/26"
    assert proposed.starts_on == date(2025, 4, 1)
    assert proposed.ends_on == date(2026, 3, 31)


def test_next_years_plan_copies_the_unfinished_with_links_both_ways(world: World) -> None:
    unfinished = unfinished_item_ids(world.plan)
    # A1 is Green at 20%, A2 Amber, B1 not started: all unfinished, with their priorities.
    assert unfinished == {item.pk for item in world.plan.items.all()}
    finished = world.item("A2").updates.get()
    finished.status = world.plan.status_scheme.statuses.get(code="complete")
    finished.save()
    proposed = carry_forward_proposed(world.plan)
    proposed.unfinished_only = True
    snapshots = PublishedSnapshot.objects.count()
    new = plan_carry_forward(user=world.officer, plan=world.plan, choice=proposed)

    assert new.follows == world.plan
    assert sorted(new.items.values_list("key", flat=True)) == ["A1", "B1", "P1", "P2"]
    copy = new.items.get(key="A1")
    assert copy.carried_from == world.item("A1")
    assert copy.carried_unfinished
    assert copy.parent == new.items.get(key="P1")
    assert Measure.objects.filter(plan=new, item=copy).count() == 1
    assert copy.roles.count() == world.item("A1").roles.count()
    assert new.periods.count() == 4
    assert not ProgressUpdate.objects.filter(item__plan=new).exists()
    # The old plan is as it was.
    assert world.plan.items.filter(archived_on=None).count() == 5
    assert PublishedSnapshot.objects.count() == snapshots
    page = Client()
    page.force_login(world.officer)
    old_page = page.get(reverse("web:item-detail", args=[world.plan.slug, world.item("A1").pk]))
    assert "Carried forward to" in old_page.content.decode()


def test_next_years_plan_needs_a_title(world: World) -> None:
    with pytest.raises(EditError):
        plan_carry_forward(
            user=world.officer,
            plan=world.plan,
            choice=CarryForward(title=" ", starts_on=None, ends_on=None),
        )
    assert Plan.objects.count() == 1
