"""Publishing asks first (issue 16, part 4): the counts, and an explicit choice when any
update is not approved. Before, one POST published and locked the period at once."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from councilplan.cycle import services
from councilplan.cycle.errors import PUBLISH_CHOICE_REQUIRED_ERROR, PUBLISH_COUNTS_CHANGED_ERROR
from councilplan.cycle.models import PublishedSnapshot
from councilplan.cycle.selectors import round_summary
from councilplan.plans.models import ReportingPeriod
from tests.cycle.world import PLAN_ID


@pytest.fixture
def q2(world):
    return services.period_open(
        user=world.officer, period=world.period("2024-Q2"), updates_due_on=date(2024, 10, 14)
    )


def _officer(world) -> Client:
    client = Client()
    client.force_login(world.officer)
    return client


def _url() -> str:
    return reverse("cycle:period-publish", kwargs={"plan": PLAN_ID, "period": "2024-Q2"})


def _submit(world, period, key, *, approve=False, submit=True):
    owner = world.other_owner if key == "B1" else world.owner
    update = services.update_save(
        user=owner,
        item=world.item(key),
        period=period,
        based_on_version=0,
        draft=services.UpdateDraft(
            status=world.plan.status_scheme.statuses.get(code="green"), commentary="Done"
        ),
    )
    if submit:
        update = services.update_submit(user=owner, update=update)
    if approve:
        update = services.update_approve(user=world.officer, update=update)
    return update


def _state(period) -> str:
    period.refresh_from_db()
    return period.state


def test_the_publish_page_counts_updates_by_state_and_publishes_nothing(world, q2):
    _submit(world, q2, "A1", approve=True)
    _submit(world, q2, "A2")
    _submit(world, q2, "B1", submit=False)
    page = _officer(world).get(_url()).content.decode()
    counts = page[page.index('id="publish-counts"') :]
    for label, count in (
        ("Approved", 1),
        ("Submitted, waiting for review", 1),
        ("Draft or returned to the owner", 1),
        ("Not started", 0),
    ):
        assert f'<dt class="govuk-summary-list__key">{label}</dt>' in counts
        row = counts[counts.index(label) :]
        assert row[row.index('value">') + 7 :].startswith(str(count))
    assert "Yes, publish with only the 1 approved update" in page
    assert _state(q2) == ReportingPeriod.State.OPEN
    assert not PublishedSnapshot.objects.filter(period=q2).exists()


def test_publishing_with_updates_not_approved_needs_an_explicit_choice(world, q2):
    _submit(world, q2, "A1", approve=True)
    seen = round_summary(period=q2).readiness().fingerprint
    officer = _officer(world)
    refused = officer.post(_url(), {"seen": seen})
    assert refused.status_code == 400
    assert PUBLISH_CHOICE_REQUIRED_ERROR in refused.content.decode()
    assert _state(q2) == ReportingPeriod.State.OPEN
    waited = officer.post(_url(), {"seen": seen, "choice": "wait"}, follow=True)
    assert "has not been published" in waited.content.decode()
    assert _state(q2) == ReportingPeriod.State.OPEN
    published = officer.post(_url(), {"seen": seen, "choice": "publish"}, follow=True)
    assert "has been published with 1 approved update, and is now locked" in (
        published.content.decode()
    )
    assert _state(q2) == ReportingPeriod.State.PUBLISHED


def test_a_publish_on_counts_that_changed_since_the_page_was_shown_is_refused(world, q2):
    seen = round_summary(period=q2).readiness().fingerprint
    _submit(world, q2, "A1", approve=True)  # approved after the officer opened the page
    response = _officer(world).post(_url(), {"seen": seen, "choice": "publish"})
    assert response.status_code == 400
    assert PUBLISH_COUNTS_CHANGED_ERROR in response.content.decode()
    assert _state(q2) == ReportingPeriod.State.OPEN


def test_when_every_update_is_approved_one_button_publishes(world, q2):
    for key in ("A1", "A2", "B1"):
        _submit(world, q2, key, approve=True)
    officer = _officer(world)
    page = officer.get(_url()).content.decode()
    assert 'name="choice" type="radio"' not in page
    assert "All 3 updates are approved." in page
    seen = round_summary(period=q2).readiness().fingerprint
    officer.post(_url(), {"seen": seen, "choice": "publish"})
    assert _state(q2) == ReportingPeriod.State.PUBLISHED


def test_the_round_page_links_to_the_confirmation_instead_of_publishing(world, q2):
    page = (
        _officer(world)
        .get(reverse("cycle:round", kwargs={"plan": PLAN_ID, "period": "2024-Q2"}))
        .content.decode()
    )
    assert f'<a href="{_url()}" role="button"' in page
    assert f'action="{_url()}"' not in page
