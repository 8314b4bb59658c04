"""The cycle's pages through Django's test client: forms, errors, conflicts, outcomes."""

from datetime import date

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from councilplan.cycle import services
from councilplan.cycle.errors import REOPEN_REASON_REQUIRED_ERROR, UPDATE_STATUS_REQUIRED_ERROR
from councilplan.cycle.models import PublishedSnapshot
from councilplan.cycle.selectors import round_summary
from councilplan.plans.models import ProgressUpdate, ReportingPeriod
from councilplan.web.update_forms import PERCENT_ERROR
from tests.cycle.world import PLAN_ID


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_url(key="A1", period="2024-Q2") -> str:
    return reverse("cycle:update-edit", kwargs={"plan": PLAN_ID, "key": key, "period": period})


def round_url(period="2024-Q2") -> str:
    return reverse("cycle:round", kwargs={"plan": PLAN_ID, "period": period})


@pytest.fixture
def q2(world):
    return services.period_open(
        user=world.officer, period=world.period("2024-Q2"), updates_due_on=date(2024, 10, 14)
    )


def form_data(world, **changes):
    data = {
        "version": "0",
        "status": str(world.plan.status_scheme.statuses.get(code="green").pk),
        "percent_complete": "40",
        "commentary": "Benches ordered",
        "next_steps": "",
        "action": "save",
    }
    data.update(changes)
    return data


def test_my_updates_lists_only_what_the_owner_owes(world, q2):
    page = client_for(world.owner).get("/my-updates/").content.decode()
    assert "Renew street furniture" in page
    assert "Confidential estate renewal talks" in page
    assert "Plant 500 trees" not in page
    assert "14 October 2024" in page


def test_the_form_shows_last_periods_update_beside_it(world, q2):
    page = client_for(world.owner).get(edit_url()).content.decode()
    assert "Last period: Q1 2024/25" in page
    assert "Survey done" in page
    assert 'inputmode="numeric"' in page
    assert '<label class="govuk-label govuk-label--m" for="id_percent_complete">' in page


def test_a_wrong_percent_is_shown_in_the_error_summary_and_nothing_is_saved(world, q2):
    response = client_for(world.owner).post(edit_url(), form_data(world, percent_complete="lots"))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<a href="#id_percent_complete">{PERCENT_ERROR}</a>' in page
    assert "govuk-input--error" in page
    assert not ProgressUpdate.objects.filter(period=q2).exists()


def test_submitting_without_a_status_points_at_the_status_question(world, q2):
    response = client_for(world.owner).post(
        edit_url(), form_data(world, status="", action="submit")
    )
    assert f'<a href="#id_status_0">{UPDATE_STATUS_REQUIRED_ERROR}</a>' in response.content.decode()


def test_saving_then_submitting_goes_back_to_the_list_with_a_message(world, q2):
    client = client_for(world.owner)
    response = client.post(edit_url(), form_data(world, action="submit"), follow=True)
    assert "has been submitted for review" in response.content.decode()
    update = ProgressUpdate.objects.get(period=q2, item__key="A1")
    assert update.state == ProgressUpdate.State.SUBMITTED
    assert update.commentary == "Benches ordered"


def test_a_second_editor_sees_what_changed_and_can_then_keep_their_version(world, q2):
    owner, officer = client_for(world.owner), client_for(world.officer)
    # Both open the form on version 0; the owner saves first.
    assert owner.post(edit_url(), form_data(world, commentary="Owner's words")).status_code == 302
    response = officer.post(edit_url(), form_data(world, commentary="Officer's words"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this update after you opened it" in page
    assert "olivia owner saved this update" in page.lower()
    assert "Owner&#x27;s words" in page
    assert "Officer&#x27;s words" in page
    assert 'name="version" value="1"' in page.replace(' id="id_version"', "")
    assert ProgressUpdate.objects.get(period=q2, item__key="A1").commentary == "Owner's words"
    again = officer.post(edit_url(), form_data(world, version="1", commentary="Officer's words"))
    assert again.status_code == 302
    assert ProgressUpdate.objects.get(period=q2, item__key="A1").commentary == "Officer's words"


def test_the_round_page_shows_who_has_and_has_not_updated(world, q2):
    client_for(world.owner).post(edit_url(), form_data(world, action="submit"))
    page = client_for(world.officer).get(round_url()).content.decode()
    assert "Not updated yet (2)" in page
    assert "Waiting for your review (1)" in page
    assert "Oscar Other" in page
    assert 'Review<span class="govuk-visually-hidden"> the update for 1.1' in page


def test_reminders_from_the_round_page(world, q2, django_capture_on_commit_callbacks):
    officer = client_for(world.officer)
    with django_capture_on_commit_callbacks(execute=True):  # the worker's part, at once
        response = officer.post(
            reverse("cycle:reminders-send", kwargs={"plan": PLAN_ID, "period": "2024-Q2"})
        )
    assert len(mail.outbox) == 2
    page = officer.get(response["Location"]).content.decode()
    assert "Reminders are being sent" in page
    assert "by Percy: 2 overdue notices sent." in page  # the deadline passed in 2024


def test_review_return_needs_a_comment_then_approve_and_publish(world, q2):
    client_for(world.owner).post(edit_url(), form_data(world, action="submit"))
    officer = client_for(world.officer)
    review = reverse(
        "cycle:update-review", kwargs={"plan": PLAN_ID, "key": "A1", "period": "2024-Q2"}
    )
    response = officer.post(review, {"action": "return", "comment": ""})
    assert response.status_code == 400
    assert "Enter a comment saying what the owner needs to change" in response.content.decode()
    assert officer.post(review, {"action": "approve"}).status_code == 302
    publish = reverse("cycle:period-publish", kwargs={"plan": PLAN_ID, "period": "2024-Q2"})
    seen = round_summary(period=q2).readiness().fingerprint
    page = officer.post(publish, {"seen": seen, "choice": "publish"}, follow=True)
    assert "has been published with 1 approved update," in page.content.decode()
    assert PublishedSnapshot.objects.filter(period=q2).count() == 1
    locked = client_for(world.owner).get(edit_url(key="A2")).content.decode()
    assert "has been published and is locked" in locked
    assert 'id="update-form"' not in locked


def test_reopening_needs_a_reason(world, q2):
    services.period_publish(user=world.officer, period=q2)
    officer = client_for(world.officer)
    url = reverse("cycle:period-reopen", kwargs={"plan": PLAN_ID, "period": "2024-Q2"})
    response = officer.post(url, {"reason": " "})
    assert response.status_code == 400
    assert REOPEN_REASON_REQUIRED_ERROR in response.content.decode()
    assert officer.post(url, {"reason": "Late figures"}).status_code == 302
    q2.refresh_from_db()
    assert q2.state == ReportingPeriod.State.OPEN


def test_opening_a_period_checks_the_due_date(world):
    officer = client_for(world.officer)
    url = reverse("cycle:period-open", kwargs={"plan": PLAN_ID, "period": "2024-Q3"})
    bad = officer.post(url, {"due_day": "31", "due_month": "2", "due_year": "2025"})
    assert bad.status_code == 400
    assert "There is a problem" in bad.content.decode()
    assert (
        officer.post(url, {"due_day": "14", "due_month": "1", "due_year": "2025"}).status_code
        == 302
    )
    assert world.period("2024-Q3").updates_due_on == date(2025, 1, 14)


def test_enter_in_the_update_form_saves_a_draft_never_submits(world, q2):
    # Browsers press a form's first submit button when Enter is typed in a text box.
    page = client_for(world.owner).get(edit_url()).content.decode()
    form = page[page.index('id="update-form"') :]
    first_button = form[form.index('<button type="submit"') :].split(">", 1)[0]
    assert 'value="save"' in first_button


def test_an_archived_plans_round_and_updates_are_not_found(world, q2):
    # An archived plan is frozen: its dashboard was hidden, and its round's pages let an
    # owner save updates into it and an officer publish it (they found any plan).
    from councilplan.editing.services import plan_archive

    assert client_for(world.owner).get(edit_url()).status_code == 200
    plan_archive(user=world.officer, plan=world.plan, reason="Superseded by the 2025 plan")
    assert client_for(world.owner).get(edit_url()).status_code == 404
    officer = client_for(world.officer)
    assert officer.get(round_url()).status_code == 404
    assert officer.post(edit_url(), form_data(world)).status_code == 404
    assert not ProgressUpdate.objects.filter(commentary="Benches ordered").exists()
