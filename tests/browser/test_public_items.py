"""The public's pages in a real browser (axe-core) at desktop and phone width: the plan's
summary and item list with its search, and an item's own page."""

import pytest
from django.urls import reverse

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle import services
from tests.cycle.world import PLAN_ID, cycle_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 320])
def test_the_public_list_searches_and_each_item_has_its_page(visitor, width):
    world = cycle_world()
    q1 = services.period_open(user=SYSTEM_USER, period=world.period("2024-Q1"))
    services.period_publish(user=SYSTEM_USER, period=q1)
    page = visitor.page
    page.set_viewport_size({"width": width, "height": 900})
    visitor.goto(reverse("web:public-plan-period", args=[PLAN_ID, "2024-Q1"]))
    page.get_by_label("Search the items").fill("street")
    page.get_by_role("button", name="Search").click()
    visitor.audit(screenshot=f"public-search-{width}")
    assert page.get_by_role("link", name="Renew street furniture").count() == 1
    assert page.get_by_role("link", name="Plant 500 trees").count() == 0
    page.get_by_role("link", name="Renew street furniture").click()
    visitor.audit(screenshot=f"public-item-{width}")
    assert page.get_by_role("heading", level=1).inner_text() == "Renew street furniture"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="Priority 1").click()  # up the breadcrumbs
    visitor.audit()
    assert page.get_by_role("heading", level=1).inner_text() == "Thriving neighbourhoods"


@pytest.mark.parametrize("width", [1280, 320])
def test_the_public_page_charts_each_theme_and_each_published_period(visitor, width):
    world = cycle_world()
    for key in ("2024-Q1", "2024-Q2"):
        period = services.period_open(user=SYSTEM_USER, period=world.period(key))
        services.period_publish(user=SYSTEM_USER, period=period)
    page = visitor.page
    page.set_viewport_size({"width": width, "height": 900})
    visitor.goto(
        reverse("web:public-plan-period", args=[PLAN_ID, "2024-Q2"]),
        screenshot=f"public-charts-{width}",
    )
    themes = page.get_by_role("table", name="Status of the actions under each priority")
    assert themes.get_by_role("row").count() > 2  # the heading and a row per priority
    periods = page.get_by_role("table", name="How the status of the plan's actions has changed")
    assert periods.get_by_role("link", name="Q1 2024/25").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
