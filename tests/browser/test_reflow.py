"""At 320 px (WCAG 1.4.10 reflow) no page scrolls sideways: a wide data table scrolls inside
its own named, focusable region instead. Harlow's real plan, its pages as each user sees them;
axe-core on each."""

import pytest
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle import services as cycle
from councilplan.interchange.services import plan_import_path
from councilplan.plans.models import Plan
from tests.browser.conftest import sign_in_as
from tests.imports.seeds import CORPORATE, seed_path
from tests.web.conftest import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = 320


def _page_width(page) -> int:  # noqa: ANN001
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_plans_pages_reflow_at_320_px(visitor):
    plan = Plan.objects.get(slug=plan_import_path(path=seed_path(CORPORATE)).plan_id)
    q1 = plan.periods.get(key="2024-Q1")
    if q1.state != "open":
        cycle.period_open(user=SYSTEM_USER, period=q1)
    cycle.period_publish(user=SYSTEM_USER, period=q1)
    item = plan.items.filter(children__isnull=True).order_by("pk").first()
    page = visitor.page
    page.set_viewport_size({"width": PHONE, "height": 900})
    sign_in_as(visitor, user_with_role(plan, Role.PERFORMANCE_OFFICER))
    pages = {
        "plans": reverse("web:plan-index"),
        "dashboard": reverse("web:plan-dashboard", args=[plan.slug]) + "?period=2024-Q1",
        "tree": reverse("web:plan-tree", args=[plan.slug]) + "?period=2024-Q1",
        "item": reverse("web:item-detail", args=[plan.slug, item.pk]),
        "periods": reverse("cycle:period-index", kwargs={"plan": plan.slug}),
        "public": reverse("web:public-plan", args=[plan.slug]),
    }
    too_wide = {}
    for name, path in pages.items():
        visitor.goto(path, screenshot=f"reflow-{name}-{PHONE}")
        if (width := _page_width(page)) > PHONE:
            too_wide[name] = width
        for region in page.locator(".app-table-scroll").all():
            assert region.get_attribute("aria-label"), f"{name}: a scroll region has no name"
    assert too_wide == {}
