"""One truth in a real browser (issue 16, part 1), on Harlow's Q1 (no RAG reported): the
dashboard's suggested statuses are outlined and say "Suggested:", and a count in its status
mix opens the tree filtered to exactly those items. axe-core on every page, at desktop and
phone width."""

import re

import pytest
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.interchange.services import plan_import_path
from councilplan.plans.models import Plan
from tests.browser.conftest import sign_in_as
from tests.imports.seeds import CORPORATE, seed_path
from tests.web.conftest import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 320])
def test_a_suggested_red_count_opens_the_same_items_in_the_tree(visitor, width):
    plan = Plan.objects.get(slug=plan_import_path(path=seed_path(CORPORATE)).plan_id)
    page = visitor.page
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(visitor, user_with_role(plan, Role.READER))
    visitor.goto(
        reverse("web:plan-dashboard", args=[plan.slug]) + "?period=2024-Q1",
        screenshot=f"dashboard-suggested-{width}",
    )
    mix = page.locator("table", has=page.locator("caption", has_text="Status mix"))
    row = mix.locator("tr", has=page.locator(".app-tag--suggested", has_text="Suggested: Red"))
    count = int(row.locator("td").nth(1).inner_text().split()[0])
    assert count > 0
    exceptions = page.locator("table", has=page.locator("caption", has_text="Items that are red"))
    tags = exceptions.locator(".govuk-tag").all_inner_texts()
    assert tags
    assert all("Suggested:" in tag or tag == "Overdue" for tag in tags)
    row.get_by_role("link").click()
    visitor.audit(screenshot=f"tree-suggested-red-{width}")
    status = page.get_by_role("status").inner_text()
    # The missions above them are rolled up from their suggestions, so they match too.
    assert re.search(rf"items match \({count} lowest-level items, as the dashboard", status)
    leaves_shown = page.locator("td .app-tag--suggested", has_text="Suggested: Red").count()
    assert leaves_shown >= min(count, 100)
