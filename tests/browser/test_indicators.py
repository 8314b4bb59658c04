"""The scorecard (dashboard and indicators page) in the browser, at 1280 px and at 320 px
(WCAG 1.4.10 reflow): axe-core on each page, no page wider than the screen. Exampleton's
made-up KPI tables over three quarters (tests/imports/kpi/)."""

import pytest
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Plan
from tests.browser.conftest import sign_in_as
from tests.imports.test_kpi_table import converted
from tests.web.conftest import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def exampleton() -> Plan:
    plan = plan_import_document(document=converted(1)).plan
    for quarter in (2, 3):
        plan_import_document(document=converted(quarter), replace=True)
    return Plan.objects.get(pk=plan.pk)


@pytest.mark.parametrize("width", [1280, 320])
def test_the_scorecard_pages_pass_axe_and_reflow(visitor, exampleton, width):
    page = visitor.page
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(visitor, user_with_role(exampleton, Role.READER))
    dashboard = reverse("web:plan-dashboard", args=[exampleton.slug]) + "?period=2024-Q2"
    visitor.goto(dashboard, screenshot=f"scorecard-dashboard-{width}")
    scorecard = page.locator("table.app-scorecard")
    assert scorecard.locator("tbody tr").count() == 5
    # Filter by service with the form, as a user would.
    page.select_option("#indicators-service", label="Children's services")
    page.get_by_role("button", name="Show indicators").click()
    visitor.audit(screenshot=f"scorecard-filtered-{width}")
    assert scorecard.locator("tbody tr").count() == 1
    assert "Differs" in scorecard.locator("tbody tr").inner_text()
    visitor.goto(
        reverse("web:plan-indicators", args=[exampleton.slug]) + "?period=2024-Q3",
        screenshot=f"scorecard-indicators-{width}",
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 320])
def test_the_indicator_page_and_its_targets_form_pass_axe_and_reflow(visitor, exampleton, width):
    page = visitor.page
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(visitor, user_with_role(exampleton, Role.PERFORMANCE_OFFICER))
    measure = exampleton.measures.get(ref="LC03")
    dashboard = reverse("web:plan-dashboard", args=[exampleton.slug]) + "?period=2024-Q3"
    visitor.goto(dashboard)
    # From the scorecard to the indicator, as a user would.
    page.get_by_role("link", name="Visits to leisure centres").click()
    visitor.audit(screenshot=f"indicator-{width}")
    chart = page.locator("figure.app-chart svg[role=img]")
    assert "Q3 2024/25: 18,200 against a target of 19,875, Amber" in chart.get_attribute(
        "aria-label"
    )
    # Readable on a phone: never shrunk below 480 px, it scrolls in its own named region.
    assert abs(chart.bounding_box()["width"] - (640 if width > 700 else 480)) < 1
    assert page.locator(".app-chart__scroll").get_attribute("aria-label").startswith("Trend")
    rows = page.locator("table.govuk-table tbody tr")
    assert rows.count() == 4  # Q4 2023/24 to Q3 2024/25, as the chart
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="Change the targets and tolerance bands").click()
    visitor.audit(screenshot=f"indicator-targets-{width}")
    q3 = exampleton.periods.get(key="2024-Q3")
    page.fill(f"#id_target_{q3.pk}", "19,500")
    page.fill("#id_reason", "Pool closed for a month")
    page.get_by_role("button", name="Save targets and bands").click()
    visitor.audit()
    assert page.url.endswith(reverse("web:indicator-detail", args=[exampleton.slug, measure.pk]))
    assert "19,500" in page.locator("table.govuk-table").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
