"""The round page puts the submissions waiting for review first, with a bulk approve that
checks permission, is audited and refuses updates changed since the page was shown."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from councilplan.cycle import services
from councilplan.cycle.errors import BULK_APPROVE_STALE_ERROR, CycleError
from councilplan.history.models import ChangeRecord
from councilplan.plans.models import ProgressUpdate
from tests.cycle.world import PLAN_ID


@pytest.fixture
def q2(world):
    return services.period_open(
        user=world.officer, period=world.period("2024-Q2"), updates_due_on=date(2024, 10, 14)
    )


def _submitted(world, period, key):
    update = services.update_save(
        user=world.owner,
        item=world.item(key),
        period=period,
        based_on_version=0,
        draft=services.UpdateDraft(
            status=world.plan.status_scheme.statuses.get(code="green"), commentary="Done"
        ),
    )
    return services.update_submit(user=world.owner, update=update)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _round_url() -> str:
    return reverse("cycle:round", kwargs={"plan": PLAN_ID, "period": "2024-Q2"})


def _approve_url() -> str:
    return reverse("cycle:updates-approve", kwargs={"plan": PLAN_ID, "period": "2024-Q2"})


def test_submissions_waiting_for_review_come_before_the_items_not_updated(world, q2):
    _submitted(world, q2, "A1")
    page = _client(world.officer).get(_round_url()).content.decode()
    waiting = page.index("Waiting for your review (1)")
    assert waiting < page.index("Not updated yet (2)")
    assert waiting < page.index("Renew street furniture")


def test_the_reviewer_approves_the_selected_updates_at_once_and_it_is_audited(world, q2):
    first, second = _submitted(world, q2, "A1"), _submitted(world, q2, "A2")
    response = _client(world.officer).post(
        _approve_url(),
        {"scope": "selected", "update": [f"{first.pk}:{first.version}"]},
        follow=True,
    )
    assert "1 update approved." in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == ("approved", "submitted")
    event = ChangeRecord.objects.filter(changes__event="updates_approved").get()
    assert event.changes["items"] == ["1.1"]
    assert event.actor == world.officer
    assert ChangeRecord.objects.filter(object_id=str(first.pk), actor=world.officer).exists()


def test_approve_all_takes_every_update_the_page_listed(world, q2):
    updates = [_submitted(world, q2, key) for key in ("A1", "A2")]
    _client(world.officer).post(
        _approve_url(),
        {"scope": "all", "shown": [f"{u.pk}:{u.version}" for u in updates]},
    )
    assert set(ProgressUpdate.objects.filter(period=q2).values_list("state", flat=True)) == {
        "approved"
    }


def test_an_update_changed_since_the_page_was_shown_stops_the_whole_bulk_approve(world, q2):
    first, second = _submitted(world, q2, "A1"), _submitted(world, q2, "A2")
    shown = [f"{first.pk}:{first.version}", f"{second.pk}:{second.version}"]
    services.update_return(user=world.officer, update=second, comment="Add the figures")
    response = _client(world.officer).post(
        _approve_url(), {"scope": "all", "shown": shown}, follow=True
    )
    expected = BULK_APPROVE_STALE_ERROR.format(item="1.2", state_label="returned for changes")
    assert expected in response.content.decode()
    assert ProgressUpdate.objects.filter(period=q2, state="approved").count() == 0


def test_an_owner_cannot_bulk_approve(world, q2):
    update = _submitted(world, q2, "A1")
    with pytest.raises(PermissionDenied):
        services.updates_approve(user=world.owner, period=q2, versions={update.pk: update.version})
    response = _client(world.owner).post(
        _approve_url(), {"scope": "selected", "update": [f"{update.pk}:{update.version}"]}
    )
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.state == "submitted"


def test_nothing_selected_is_refused_with_a_message(world, q2):
    with pytest.raises(CycleError, match="Select the updates"):
        services.updates_approve(user=world.officer, period=q2, versions={})
