"""The update round's pages in a real browser, each checked with axe-core."""

import pytest
from django.urls import reverse

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle import services
from councilplan.cycle.services import FORECAST_FIELD_LABEL
from councilplan.web.update_forms import PERCENT_ERROR
from tests.browser.conftest import sign_in_as
from tests.cycle.world import PASSWORD, PLAN_ID, cycle_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_owner_signs_in_and_writes_an_update_with_the_error_summary_on_the_way(visitor):
    world = cycle_world()
    q1 = services.period_open(user=SYSTEM_USER, period=world.period("2024-Q1"))
    services.period_publish(user=SYSTEM_USER, period=q1)
    services.period_open(user=SYSTEM_USER, period=world.period("2024-Q2"))
    page = visitor.page
    visitor.goto(reverse("accounts:sign-in"), screenshot="sign-in")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    visitor.audit(screenshot="sign-in-error")
    assert "There is a problem" in page.content()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    visitor.audit(screenshot="my-updates")
    assert page.get_by_role("heading", level=1).inner_text() == "Your updates"
    page.get_by_role("link", name="Write update for 1.1").click()
    visitor.audit(screenshot="update-form")
    assert "Survey done" in page.content()  # last period shown beside the form
    page.get_by_role("group", name="Status", exact=True).get_by_label("Amber").check()
    page.get_by_role("group", name=FORECAST_FIELD_LABEL).get_by_label("Green").check()
    page.get_by_label("Percent complete").fill("a lot")
    page.get_by_role("button", name="Submit for review").click()
    visitor.audit(screenshot="update-form-errors")
    assert PERCENT_ERROR in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Percent complete").fill("45")
    page.get_by_label("Commentary").fill("Twelve benches replaced")
    page.get_by_label("Benches replaced").fill("12")
    page.get_by_role("button", name="Submit for review").click()
    visitor.audit()
    assert "has been submitted for review" in page.content()


def test_an_officer_opens_reviews_publishes_and_reopens_a_period(visitor):
    world = cycle_world()
    page = visitor.page
    sign_in_as(visitor, world.officer)
    visitor.goto(reverse("cycle:period-index", kwargs={"plan": PLAN_ID}), screenshot="periods")
    page.get_by_role("link", name="Update round for Q2 2024/25").click()
    visitor.audit(screenshot="round-planned")
    page.get_by_role("button", name="Open Q2 2024/25 for updates").click()
    visitor.audit(screenshot="period-open")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_role("button", name="Open Q2 2024/25").click()
    visitor.audit()
    assert "There is a problem" in page.content()
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2024")
    page.get_by_role("button", name="Open Q2 2024/25").click()
    visitor.audit(screenshot="round-open")
    assert "is open for updates" in page.content()
    update = services.update_save(
        user=world.owner,
        item=world.item("A1"),
        period=world.period("2024-Q2"),
        based_on_version=0,
        draft=services.UpdateDraft(
            status=world.plan.status_scheme.statuses.get(code="green"), commentary="Benches in"
        ),
    )
    services.update_submit(user=world.owner, update=update)
    page.get_by_role("button", name="Send reminders to owners who have not updated").click()
    visitor.audit()
    page.reload()
    visitor.audit()
    page.get_by_role("link", name="Review the update for 1.1").click()
    visitor.audit(screenshot="review")
    page.get_by_role("button", name="Return with this comment").click()
    visitor.audit(screenshot="review-error")
    assert "Enter a comment" in page.content()
    page.get_by_role("button", name="Approve this update").click()
    visitor.audit()
    page.get_by_role("button", name="Publish Q2 2024/25").click()
    visitor.audit()  # the confirmation: counts, and a choice since not all are approved
    page.get_by_label("Yes, publish with only the 1 approved update").check()
    page.get_by_role("button", name="Continue").click()
    visitor.audit(screenshot="round-published")
    assert "has been published with 1 approved update," in page.content()
    page.get_by_role("button", name="Reopen Q2 2024/25").click()
    visitor.audit(screenshot="reopen")
    page.get_by_label("Why are you reopening this period?").fill("Tree count was wrong")
    page.get_by_role("button", name="Reopen Q2 2024/25").click()
    visitor.audit()
    assert "has been reopened" in page.content()
