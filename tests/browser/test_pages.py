from importlib import resources

import pytest
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Plan
from tests.browser.conftest import Visitor, sign_in_as
from tests.interchange.full_plan import full_plan_document
from tests.web.conftest import publish, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan() -> Plan:
    return plan_import_document(document=full_plan_document(), file="plan.json").plan


def test_the_public_can_read_published_progress_without_signing_in(visitor, plan):
    publish(plan, "2024-Q2")
    visitor.goto(reverse("web:plan-index"), screenshot="home-public")
    visitor.page.get_by_role("link", name="See published progress").click()
    visitor.audit(screenshot="public-plan")
    assert visitor.page.get_by_role("heading", level=1).inner_text() == plan.title
    assert "Mixed picture" in visitor.page.content()
    visitor.page.get_by_role("link", name="Accessibility statement").click()
    visitor.audit()
    assert "WCAG" in visitor.page.content() or "Web Content Accessibility" in (
        visitor.page.content()
    )


def test_a_reader_finds_an_item_through_the_dashboard_and_the_filtered_tree(visitor, plan):
    sign_in_as(visitor, user_with_role(plan, Role.READER))
    visitor.goto(
        reverse("web:plan-dashboard", args=[plan.slug]) + "?period=2024-Q2",
        screenshot="dashboard",
    )
    visitor.page.get_by_role("link", name="All items").first.click()
    visitor.audit(screenshot="tree")
    visitor.page.get_by_label("Search").fill("shop local")
    visitor.page.get_by_role("button", name="Apply filters").click()
    visitor.audit()
    assert "1 of 4 items match" in visitor.page.content()
    visitor.page.get_by_role("link", name="Shop local campaign").click()
    visitor.audit(screenshot="item")
    assert visitor.page.get_by_role("heading", level=1).inner_text() == "Shop local campaign"


def test_an_officer_imports_a_council_document_after_checking_the_report(visitor, plan):
    """Harlow's real Q1 2024/25 monitoring document (a text export of its Word tables)."""
    sign_in_as(visitor, user_with_role(plan, Role.PERFORMANCE_OFFICER))
    seed = resources.files("councilplan.sample_data").joinpath("seeds/002_18d0fb1317272cfa.txt")
    visitor.goto(reverse("web:import-upload"), screenshot="import-upload")
    visitor.page.get_by_role("button", name="Upload and check").click()
    visitor.audit(screenshot="import-error")
    assert "Select a plan document to upload" in visitor.page.content()
    visitor.page.get_by_label("Upload a plan document").set_input_files(str(seed))
    visitor.page.get_by_label("Period the progress is for").fill("2024-Q1")
    visitor.page.get_by_label("Plan identifier").fill("harlow-corporate-plan-2024-25")
    visitor.page.get_by_role("button", name="Upload and check").click()
    visitor.audit(screenshot="import-review")
    assert "Things to check" in visitor.page.content()
    assert not Plan.objects.filter(slug="harlow-corporate-plan-2024-25").exists()
    visitor.page.get_by_role("button", name="Confirm and import").click()
    visitor.audit(screenshot="import-done")
    imported = Plan.objects.get(slug="harlow-corporate-plan-2024-25")
    assert f"{imported.title} was imported" in visitor.page.content()
    assert imported.items.count() > 100


def test_filtering_the_tree_works_without_javascript(chromium, live_server, plan):
    context = chromium.new_context(java_script_enabled=False)
    visitor = Visitor(context.new_page(), live_server.url, javascript=False)
    try:
        sign_in_as(visitor, user_with_role(plan, Role.READER))
        visitor.goto(reverse("web:plan-tree", args=[plan.slug]))
        visitor.page.get_by_label("Status").select_option(label="Complete")
        visitor.page.get_by_role("button", name="Apply filters").click()
        visitor.audit(screenshot="tree-without-javascript")
        # Harlow Pound reported Complete itself, above Shop local campaign's Complete.
        assert "2 of 4 items match (1 lowest-level item, as the dashboard counts them)" in (
            visitor.page.content()
        )
        assert not visitor.unaudited()
    finally:
        visitor.close()
        context.close()
