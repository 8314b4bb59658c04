"""The whole quarterly cycle in a real browser: import a document → open Q2 → the owner
writes an update → the officer approves and publishes → the public page and the report show
it. axe-core checks every page on the way (see conftest.py)."""

import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from councilplan.accounts.models import Membership, Role
from councilplan.cycle.services import FORECAST_FIELD_LABEL
from councilplan.plans.models import Organisation, Party, Plan, ProgressUpdate
from tests.browser.conftest import Visitor
from tests.cycle.world import PASSWORD, cycle_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENTARY = "Forty new benches installed across the town centre"


def sign_in(visitor: Visitor, username: str) -> None:
    visitor.goto(reverse("accounts:sign-in"), screenshot="sign-in")
    visitor.page.locator("#id_username").fill(username)
    visitor.page.locator("#id_password").fill(PASSWORD)
    visitor.page.get_by_role("button", name="Sign in").click()
    visitor.audit()


def sign_out(visitor: Visitor) -> None:
    visitor.page.get_by_role("button", name="Sign out").first.click()
    visitor.audit()


def test_the_whole_cycle_from_import_to_the_public_page(visitor, chromium, live_server, tmp_path):
    council = Organisation.objects.create(name="Testborough Council", slug="testborough")
    officer = User.objects.create_user("percy", password=PASSWORD, first_name="Percy")
    Membership.objects.create(user=officer, organisation=council, role=Role.PERFORMANCE_OFFICER)
    owner = User.objects.create_user("olivia", password=PASSWORD)
    Membership.objects.create(user=owner, organisation=council, role=Role.OWNER)
    page = visitor.page

    # 1. The performance officer imports the council's plan document.
    sign_in(visitor, "percy")
    document = tmp_path / "testborough-corporate-plan.json"
    document.write_text(json.dumps(cycle_document()))
    page.get_by_role("link", name="Import a plan").click()
    visitor.audit()
    page.get_by_label("Upload a plan document").set_input_files(str(document))
    page.get_by_role("button", name="Upload and check").click()
    visitor.audit(screenshot="cycle-1-import-review")
    page.get_by_role("button", name="Confirm and import").click()
    visitor.audit(screenshot="cycle-2-dashboard-after-import")
    plan = Plan.objects.get(slug="cycle-plan")
    # The administrator links the owner's account to her name in the plan.
    Party.objects.filter(organisation=council, name="Olivia Owner").update(user=owner)

    # 2. The officer opens Q2 for updates.
    page.get_by_role("link", name="Reporting periods").click()
    visitor.audit()
    page.get_by_role("link", name="Update round for Q2 2024/25").click()
    visitor.audit()
    page.get_by_role("button", name="Open Q2 2024/25 for updates").click()
    visitor.audit()
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2024")
    page.get_by_role("button", name="Open Q2 2024/25").click()
    visitor.audit(screenshot="cycle-3-round-open")
    sign_out(visitor)

    # 3. The owner writes and submits her update.
    sign_in(visitor, "olivia")
    page.get_by_role("link", name="Write update for 1.1").click()
    visitor.audit()
    page.get_by_role("group", name="Status", exact=True).get_by_label("Green").check()
    page.get_by_role("group", name=FORECAST_FIELD_LABEL).get_by_label("Amber").check()
    page.get_by_label("Percent complete").fill("100")
    page.get_by_label("Commentary").fill(COMMENTARY)
    visitor.page.screenshot(path=str(visitor_screenshot("cycle-4-update-form")), full_page=True)
    page.get_by_role("button", name="Submit for review").click()
    visitor.audit()
    update = ProgressUpdate.objects.get(item__plan=plan, item__key="A1", period__key="2024-Q2")
    assert update.state == ProgressUpdate.State.SUBMITTED
    assert update.forecast_status.code == "amber"
    sign_out(visitor)

    # 4. The officer approves it and publishes Q2.
    sign_in(visitor, "percy")
    visitor.goto(reverse("cycle:round", kwargs={"plan": plan.slug, "period": "2024-Q2"}))
    page.get_by_role("link", name="Review the update for 1.1").click()
    visitor.audit(screenshot="cycle-5-review")
    page.get_by_role("button", name="Approve this update").click()
    visitor.audit()
    page.get_by_role("button", name="Publish Q2 2024/25").click()
    visitor.audit()  # the confirmation: counts, and a choice since not all are approved
    page.get_by_label("Yes, publish with only the 1 approved update").check()
    page.get_by_role("button", name="Continue").click()
    visitor.audit(screenshot="cycle-6-published")
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.APPROVED

    # 5. The period's report carries the update (HTML page; Word checked as a download).
    visitor.goto(reverse("web:report-list", args=[plan.slug]) + "?period=2024-Q2")
    report = page.request.get(
        live_server.url + reverse("web:report-download", args=[plan.slug, "2024-Q2", "html"])
    )
    assert report.ok
    assert COMMENTARY in report.text()
    word = page.request.get(
        live_server.url + reverse("web:report-download", args=[plan.slug, "2024-Q2", "docx"])
    )
    assert word.ok
    assert word.body()[:2] == b"PK"

    # 6. A resident, not signed in, sees it on the public page; nothing unpublished shows.
    resident_context = chromium.new_context(
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,  # axe is an inline script
    )
    resident = Visitor(resident_context.new_page(), live_server.url)
    try:
        resident.goto(reverse("web:public-plan-list"))
        resident.page.get_by_role("link", name=plan.title).click()
        resident.audit(screenshot="cycle-7-public-page")
        content = resident.page.content()
        assert COMMENTARY in content
        assert "Q2 2024/25" in content
        assert "Confidential estate renewal talks" not in content  # not a public item
        assert not resident.unaudited()
    finally:
        resident_context.close()


def visitor_screenshot(name: str):
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
