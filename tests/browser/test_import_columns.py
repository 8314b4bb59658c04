"""The import's column step in a real browser: a CSV whose headers the vocabulary does not
know, a column's role changed, the preview read again, the coverage tick, confirm — every
page checked with axe at desktop width and at 375 px."""

import pytest
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Plan
from tests.browser.conftest import Visitor, sign_in_as
from tests.interchange.full_plan import full_plan_document
from tests.web.conftest import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTES = "".join(
    f'"Briefing note {n}: the background to the plan, not part of any item.",,,,,\n'
    for n in range(1, 9)
)
UNKNOWN_HEADERS_CSV = NOTES + (
    "Job,What we will do,Person,When,Done,RAG\n"
    "A1,Open the new library in the town centre,Jane Smith,March 2026,40%,Green\n"
    "A2,Resurface the high street car park,Tom Brown,June 2026,10%,Amber\n"
    "A3,Plant two hundred trees along the river path,Jane Smith,September 2026,75%,Green\n"
    "A4,Publish the new housing allocations policy,Priya Patel,December 2026,0%,Red\n"
)


@pytest.fixture
def plan() -> Plan:
    return plan_import_document(document=full_plan_document(), file="plan.json").plan


def _audit_at_phone_width(visitor: Visitor, screenshot: str) -> None:
    visitor.page.set_viewport_size({"width": 375, "height": 812})
    visitor.audit(screenshot=f"{screenshot}-phone")
    wider = visitor.page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => !e.closest('.app-table-scroll'))
            .filter(e => e.getBoundingClientRect().right > 376)
            .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
    )
    assert wider == [], f"{screenshot} scrolls sideways at 375 px: {wider}"
    visitor.page.set_viewport_size({"width": 1280, "height": 900})


def test_an_officer_changes_a_column_sees_the_preview_change_ticks_and_confirms(
    visitor, plan, tmp_path
):
    sign_in_as(visitor, user_with_role(plan, Role.PERFORMANCE_OFFICER))
    document = tmp_path / "delivery-plan.csv"
    document.write_text(UNKNOWN_HEADERS_CSV, encoding="utf-8")
    page = visitor.page
    visitor.goto(reverse("web:import-upload"))
    page.get_by_label("Upload a plan document").set_input_files(str(document))
    page.get_by_role("button", name="Upload and check").click()
    visitor.audit(screenshot="import-coverage-review")
    _audit_at_phone_width(visitor, "import-coverage-review")
    assert "was read into the plan" in page.locator(".govuk-notification-banner").inner_text()
    assert "Briefing note 2" in page.content()
    preview = page.locator("#preview + .app-table-scroll table")
    assert "A1" in preview.inner_text()  # `Job` read as references by its cells
    assert "Lead officer: Jane Smith" in preview.inner_text()

    page.get_by_role("link", name="Change how the columns are read").first.click()
    visitor.audit(screenshot="import-columns")
    _audit_at_phone_width(visitor, "import-columns")
    assert "Guessed: column 'Person' read as the lead officer" in page.content()
    page.get_by_label("Person", exact=True).select_option("service_area")
    page.get_by_label("Plan title").fill("Delivery plan 2026/27")
    page.get_by_role("button", name="Read the document again").click()
    visitor.audit(screenshot="import-columns-read-again")
    assert "The document was read again with your choices" in page.content()
    assert "Service area: Jane Smith" in preview.inner_text()
    assert "Delivery plan 2026/27" in page.content()

    page.get_by_role("button", name="Confirm and import").click()
    visitor.audit(screenshot="import-coverage-not-ticked")
    assert "Tick the box" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("I have checked the text that was not read").check()
    page.get_by_role("button", name="Confirm and import").click()
    visitor.audit()
    imported = Plan.objects.get(title="Delivery plan 2026/27")
    assert sorted(imported.items.values_list("ref", flat=True)) == ["A1", "A2", "A3", "A4"]
    assert set(imported.items.values_list("roles__role", flat=True)) == {"service_area"}
