"""The cycle a newcomer walks in the demo, on a real council document: the officer imports
Harlow's Q1 2024/25 monitoring document through the import page, the demo's set-up names an
owner and publishes Q1, then Q2 is opened, updated, approved and published in the browser,
and the public page and the report show the owner's words."""

from importlib import resources

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from councilplan.accounts.models import Membership, Role
from councilplan.demo.services import DEMO_PASSWORD, demo_round_prepare, demo_users_create
from councilplan.plans.models import Organisation, Plan, ProgressUpdate
from tests.browser.conftest import Visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENTARY = "Estate renewal consultation finished with 400 residents taking part"


def sign_in(visitor: Visitor, username: str) -> None:
    visitor.goto(reverse("accounts:sign-in"))
    visitor.page.locator("#id_username").fill(username)
    visitor.page.locator("#id_password").fill(DEMO_PASSWORD)
    visitor.page.get_by_role("button", name="Sign in").click()
    visitor.audit()


def test_a_real_plan_goes_round_the_cycle_to_the_public_page(visitor, chromium, live_server):
    council = Organisation.objects.create(name="Harlow Council", slug="harlow-council")
    officer = User.objects.create_user("harlow.officer", password=DEMO_PASSWORD)
    Membership.objects.create(user=officer, organisation=council, role=Role.PERFORMANCE_OFFICER)
    page = visitor.page
    seed = resources.files("councilplan.sample_data").joinpath("seeds/002_18d0fb1317272cfa.txt")

    sign_in(visitor, "harlow.officer")
    visitor.goto(reverse("web:import-upload"))
    page.get_by_label("Upload a plan document").set_input_files(str(seed))
    page.get_by_label("Period the progress is for").fill("2024-Q1")
    page.get_by_label("Plan identifier").fill("harlow-corporate-plan-2024-25")
    page.get_by_role("button", name="Upload and check").click()
    visitor.audit()
    page.get_by_role("button", name="Confirm and import").click()
    visitor.audit()
    plan = Plan.objects.get(slug="harlow-corporate-plan-2024-25")
    # What `councilplan demo` does next: an owner for the plan, Q1 published, Q2 ready.
    demo_users_create(organisation=council)
    demo_round_prepare(plan=plan)

    visitor.goto(reverse("cycle:round", kwargs={"plan": plan.slug, "period": "2024-Q2"}))
    page.get_by_role("button", name="Open Q2 2024/25 for updates").click()
    visitor.audit()
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2024")
    page.get_by_role("button", name="Open Q2 2024/25").click()
    visitor.audit()
    page.get_by_role("button", name="Sign out").first.click()
    visitor.audit()

    sign_in(visitor, "harlow.owner")
    page.get_by_role("link", name="Write update").first.click()
    visitor.audit()
    page.locator("input[name=status]").first.check()
    page.get_by_label("Percent complete").fill("60")
    page.get_by_label("Commentary").fill(COMMENTARY)
    page.get_by_role("button", name="Submit for review").click()
    visitor.audit()
    update = ProgressUpdate.objects.get(period__plan=plan, commentary=COMMENTARY)
    assert update.state == ProgressUpdate.State.SUBMITTED
    page.get_by_role("button", name="Sign out").first.click()
    visitor.audit()

    sign_in(visitor, "harlow.officer")
    visitor.goto(reverse("cycle:round", kwargs={"plan": plan.slug, "period": "2024-Q2"}))
    page.get_by_role("link", name="Review the update").first.click()
    visitor.audit()
    page.get_by_role("button", name="Approve this update").click()
    visitor.audit()
    page.get_by_role("button", name="Publish Q2 2024/25").click()
    visitor.audit()  # the confirmation: counts, and a choice since not all are approved
    page.get_by_label("Yes, publish with only the 1 approved update").check()
    page.get_by_role("button", name="Continue").click()
    visitor.audit(screenshot="seed-cycle-published")

    report = page.request.get(
        live_server.url + reverse("web:report-download", args=[plan.slug, "2024-Q2", "html"])
    )
    assert COMMENTARY in report.text()

    resident_context = chromium.new_context(
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,  # axe is an inline script
    )
    resident = Visitor(resident_context.new_page(), live_server.url)
    try:
        resident.goto(
            reverse("web:public-plan-period", args=[plan.slug, "2024-Q2"]),
            screenshot="seed-cycle-public-page",
        )
        assert COMMENTARY in resident.page.content()
    finally:
        resident_context.close()
