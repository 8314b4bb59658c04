"""Safe acts in a real browser (issue 16, part 4): the publish confirmation page at desktop
and phone width, checked with axe-core, and Enter in the update form saving a draft."""

import pytest
from django.urls import reverse

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle import services
from councilplan.plans.models import ProgressUpdate, ReportingPeriod
from tests.browser.conftest import sign_in_as
from tests.cycle.world import PLAN_ID, cycle_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _q2_with_one_approved_and_one_waiting(world):
    q2 = services.period_open(user=SYSTEM_USER, period=world.period("2024-Q2"))
    green = world.plan.status_scheme.statuses.get(code="green")
    for key, approve in (("A1", True), ("A2", False)):
        update = services.update_save(
            user=world.owner,
            item=world.item(key),
            period=q2,
            based_on_version=0,
            draft=services.UpdateDraft(status=green, commentary="Done"),
        )
        update = services.update_submit(user=world.owner, update=update)
        if approve:
            services.update_approve(user=world.officer, update=update)
    return q2


@pytest.mark.parametrize("width", [1280, 320])
def test_publish_asks_with_the_counts_and_needs_a_choice(visitor, width):
    world = cycle_world()
    q2 = _q2_with_one_approved_and_one_waiting(world)
    page = visitor.page
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(visitor, world.officer)
    visitor.goto(
        reverse("cycle:round", kwargs={"plan": PLAN_ID, "period": "2024-Q2"}),
        screenshot=f"round-waiting-first-{width}",
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # tables scroll
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings[:2] == ["Waiting for your review (1)", "Not updated yet (1)"]
    page.get_by_role("button", name="Publish Q2 2024/25").click()
    visitor.audit(screenshot=f"publish-confirm-{width}")
    counts = page.locator("#publish-counts").inner_text()
    for line in ("Approved\n1", "Submitted, waiting for review\n1", "Not started\n1"):
        assert line in counts.replace("\t", "\n").replace("\n\n", "\n")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="Continue").click()
    visitor.audit(screenshot=f"publish-confirm-error-{width}")
    assert "Select whether to publish" in page.locator(".govuk-error-summary").inner_text()
    q2.refresh_from_db()
    assert q2.state == ReportingPeriod.State.OPEN
    page.get_by_label("Yes, publish with only the 1 approved update").check()
    page.get_by_role("button", name="Continue").click()
    visitor.audit()
    assert "has been published with 1 approved update, and is now locked" in page.content()
    q2.refresh_from_db()
    assert q2.state == ReportingPeriod.State.PUBLISHED


def test_enter_in_percent_complete_saves_a_draft_and_submits_nothing(visitor):
    world = cycle_world()
    services.period_open(user=SYSTEM_USER, period=world.period("2024-Q2"))
    page = visitor.page
    sign_in_as(visitor, world.owner)
    visitor.goto(
        reverse("cycle:update-edit", kwargs={"plan": PLAN_ID, "key": "A1", "period": "2024-Q2"})
    )
    page.get_by_role("group", name="Status", exact=True).get_by_label("Green").check()
    page.get_by_label("Percent complete").fill("40")
    with page.expect_navigation():
        page.get_by_label("Percent complete").press("Enter")
    visitor.audit()
    assert "Your draft update for 1.1 has been saved" in page.content()
    update = ProgressUpdate.objects.get(item__key="A1", period__key="2024-Q2")
    assert update.state == ProgressUpdate.State.DRAFT
