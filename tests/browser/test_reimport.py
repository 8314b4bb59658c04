"""Re-importing a plan in a real browser: an officer uploads next quarter's copy of a plan the
council already has, reads what updating it would change, is asked to choose, and updates
it; Q1's published page and updates stay. axe-core checks every page (see conftest.py)."""

import json

import pytest
from django.urls import reverse

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle import services as cycle
from councilplan.cycle.models import PublishedSnapshot
from councilplan.plans.models import Plan, ProgressUpdate
from tests.browser.conftest import Visitor, sign_in_as
from tests.browser.test_import_columns import _audit_at_phone_width
from tests.cycle.world import PLAN_ID, cycle_world
from tests.editing.test_reimport import _changed_copy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_reads_the_differences_and_updates_the_plan(visitor: Visitor, tmp_path):
    world = cycle_world()
    q1 = cycle.period_open(user=SYSTEM_USER, period=world.period("2024-Q1"))
    cycle.period_publish(user=SYSTEM_USER, period=q1)
    snapshots = list(PublishedSnapshot.objects.values_list("pk", "content"))
    updates = set(ProgressUpdate.objects.values_list("pk", flat=True))
    upload = tmp_path / "corporate-plan-q2.json"
    upload.write_text(json.dumps(_changed_copy()), encoding="utf-8")
    sign_in_as(visitor, world.officer)
    page = visitor.page

    visitor.goto(reverse("web:import-upload"))
    page.get_by_label("Upload a plan document").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and check").click()
    visitor.audit(screenshot="reimport-1-differences")
    _audit_at_phone_width(visitor, "reimport-1-differences")
    assert page.get_by_role("heading", name="This plan is already on the site").is_visible()
    table = page.get_by_role("table", name="The changes, item by item")
    assert table.locator("tbody tr").count() >= 6
    due = table.get_by_role("row").filter(has_text="Due date")
    assert "31 Dec 2025" in due.inner_text()
    assert table.get_by_role("row").filter(has_text="Archived (not in the document)").count() == 1

    # Confirming without a choice is refused beside the radios.
    page.get_by_role("button", name="Confirm and import").click()
    visitor.audit(screenshot="reimport-2-choose")
    assert (
        "Choose whether to update the existing plan"
        in page.locator(".govuk-error-summary").inner_text()
    )
    link = page.get_by_role("link", name="Choose whether to update the existing plan")
    assert link.get_attribute("href") == "#existing"

    page.get_by_label("Update the existing plan with these changes").check()
    page.get_by_role("button", name="Confirm and import").click()
    visitor.audit(screenshot="reimport-3-updated")
    assert "was updated with the document's changes" in page.content()
    assert page.url.endswith(reverse("web:plan-dashboard", args=[PLAN_ID]))

    assert Plan.objects.count() == 1
    assert world.item("A1").due_date.isoformat() == "2025-12-31"
    assert world.plan.items.get(key="A2").archived_on is not None
    assert list(PublishedSnapshot.objects.values_list("pk", "content")) == snapshots
    assert set(ProgressUpdate.objects.values_list("pk", flat=True)) == updates
    visitor.goto(reverse("web:public-plan", args=[PLAN_ID]))  # Q1's page, as published
    assert "Renew street furniture" in page.content()
