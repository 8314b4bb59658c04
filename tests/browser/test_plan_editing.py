"""Keeping a plan up to date in a real browser, as a performance officer would after a
Cabinet decision: give a plan imported without dates its calendar, add an action with a
milestone, move it, rename a level, change the tolerance, archive and restore an item, and run
the new quarter's round. axe-core checks every page on the way (see conftest.py)."""

import pytest

from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import PlanItem
from tests.browser.conftest import Visitor, sign_in_as
from tests.cycle.world import cycle_document, cycle_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _plan_without_dates():
    """The cycle's test plan as a browser import without dates brings it: no periods."""
    document = cycle_document()
    for key in ("starts_on", "ends_on", "current_period"):
        document["plan"].pop(key)
    document["periods"] = []
    for item in document["items"]:
        for key in ("status", "progress", "commentary", "measures"):
            item.pop(key, None)
    return document


def _fill_date(visitor: Visitor, legend: str, day: str, month: str, year: str) -> None:
    group = visitor.page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_an_officer_keeps_the_plan_up_to_date_and_runs_the_new_quarter(visitor: Visitor):
    world = cycle_world()  # the people; the plan is a second one, imported without dates
    document = _plan_without_dates()
    document["plan"] |= {"id": "plan-without-dates", "title": "Testborough plan without dates"}
    plan = plan_import_document(document=document).plan
    assert not plan.periods.exists()
    sign_in_as(visitor, world.officer)
    page = visitor.page

    # The plan had no reporting periods: its settings give it a life span and a calendar.
    visitor.goto(f"/plans/{plan.slug}/", screenshot="edit-1-dashboard-no-periods")
    page.get_by_role("link", name="Plan settings").click()
    visitor.audit(screenshot="edit-2-settings")
    _fill_date(visitor, "Starts on", "1", "4", "2024")
    _fill_date(visitor, "Ends on", "31", "3", "2025")
    page.get_by_label("Level 1 (the top)").fill("Theme")
    page.get_by_label("Green within").fill("2")
    page.get_by_label("Amber within").fill("5")
    page.get_by_role("button", name="Save settings").click()
    visitor.audit()
    assert "4 reporting periods added" in page.content()
    plan.refresh_from_db()
    assert (plan.green_within_percent, plan.amber_within_percent) == (2, 5)
    assert plan.levels.get(depth=0).name == "Theme"

    # An action is added under theme 2 after a Cabinet decision, with a milestone below it.
    page.get_by_role("link", name="All items").click()
    visitor.audit()
    page.get_by_role("link", name="Clean green spaces").click()
    visitor.audit()
    page.get_by_role("link", name="Add an item below").click()
    visitor.audit(screenshot="edit-3-add-action")
    page.get_by_label("Title").fill("Plant a community orchard")
    page.get_by_label("Reference").fill("2.2")
    _fill_date(visitor, "Due date", "31", "3", "2025")
    page.get_by_role("button", name="Add action").click()
    visitor.audit(screenshot="edit-4-new-action")
    action = PlanItem.objects.get(plan=plan, ref="2.2")
    page.get_by_role("link", name="Add an item below").click()
    visitor.audit()
    page.get_by_label("Title").fill("Choose the site")
    page.get_by_label("Reference").fill("2.2.1")
    page.get_by_role("button", name="Add item").click()
    visitor.audit()
    milestone = PlanItem.objects.get(plan=plan, ref="2.2.1")
    assert milestone.parent == action
    assert milestone.depth == 2

    # The action moves to theme 1, its milestone with it; then up above 1.2.
    visitor.goto(f"/plans/{plan.slug}/items/{action.pk}/")
    page.get_by_role("link", name="Move", exact=True).click()
    visitor.audit(screenshot="edit-5-move")
    page.get_by_label("Move it under").select_option(label="1 Thriving neighbourhoods")
    page.get_by_role("button", name="Move").click()
    visitor.audit()
    action.refresh_from_db()
    assert action.parent.ref == "1"
    page.get_by_role("button", name="Move up").click()
    visitor.audit()
    siblings = list(action.parent.children.order_by("position").values_list("ref", flat=True))
    assert siblings == ["1.1", "2.2", "1.2"]

    # 1.2 is archived with a reason, then restored from the Archived page.
    confidential = PlanItem.objects.get(plan=plan, ref="1.2")
    visitor.goto(f"/plans/{plan.slug}/items/{confidential.pk}/archive/")
    page.get_by_role("button", name="Archive").click()
    visitor.audit(screenshot="edit-6-archive-error")
    page.get_by_label("Why is it being archived?").fill("Talks ended in June")
    page.get_by_role("button", name="Archive").click()
    visitor.audit()
    visitor.goto(f"/plans/{plan.slug}/", screenshot="edit-7-dashboard")
    page.get_by_role("link", name="Archived").click()
    visitor.audit(screenshot="edit-7-archived")
    assert "Talks ended in June" in page.content()
    page.get_by_role("button", name="Restore 1.2").click()
    visitor.audit()
    confidential.refresh_from_db()
    assert confidential.archived_on is None

    # Q2's round runs on the new calendar, and the new action is in it.
    visitor.goto(f"/plans/{plan.slug}/periods/")
    page.get_by_role("link", name="Update round for Q2 2024/25").click()
    visitor.audit()
    page.get_by_role("button", name="Open Q2 2024/25 for updates").click()
    visitor.audit()
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2024")
    page.get_by_role("button", name="Open Q2 2024/25").click()
    visitor.audit(screenshot="edit-8-round-open")
    assert "Plant a community orchard" in page.content() or "2.2" in page.content()
    assert plan.periods.get(key="2024-Q2").state == "open"

    # On a phone the item page's edit links wrap inside the page's width.
    page.set_viewport_size({"width": 320, "height": 800})
    visitor.goto(f"/plans/{plan.slug}/items/{action.pk}/", screenshot="edit-9-item-phone")
    actions = page.locator(".app-edit-actions").bounding_box()
    assert actions is not None
    assert actions["x"] + actions["width"] <= 320


def test_status_words_next_year_and_archiving_a_plan(visitor: Visitor):
    world = cycle_world()
    sign_in_as(visitor, world.officer)
    page = visitor.page
    visitor.goto(f"/plans/{world.plan.slug}/settings/")
    page.get_by_role("link", name="Change the status words").click()
    visitor.audit(screenshot="edit-10-status-words")
    page.get_by_label("Word 1").fill("On track")
    page.get_by_label("New word").first.fill("Closed")
    page.get_by_label("Colour of the new word").first.select_option(label="Complete")
    page.get_by_role("button", name="Save status words").click()
    visitor.audit()
    world.plan.refresh_from_db()
    labels = list(world.plan.status_scheme.statuses.values_list("label", flat=True))
    assert "On track" in labels
    assert "Closed" in labels

    page.get_by_role("link", name="Start next year's plan from this one").click()
    visitor.audit(screenshot="edit-11-next-year")
    page.get_by_label("Only unfinished items, with the items above them").check()
    page.get_by_role("button", name="Start next year's plan").click()
    visitor.audit(screenshot="edit-12-next-year-dashboard")
    assert "Testborough corporate plan 2025/26 has been started" in page.content()

    # The risk register: a risk added with its score and linked items.
    visitor.goto(f"/plans/{world.plan.slug}/risks/")
    page.get_by_role("button", name="Add a risk").click()
    visitor.audit(screenshot="edit-13-risk-form")
    page.get_by_label("Risk", exact=True).fill("Funding for the street scheme is withdrawn")
    page.get_by_label("Likelihood").select_option("3")
    page.get_by_label("Impact").select_option("4")
    page.get_by_label("Mitigations").fill("Seek grants\nPhase the work")
    page.get_by_label("Linked items").fill("1.1, 2")
    page.get_by_role("button", name="Add the risk").click()
    visitor.audit(screenshot="edit-14-risk-register")
    assert "Likelihood 3, impact 4: score 12" in page.content()

    visitor.goto(f"/plans/{world.plan.slug}/archive/")
    page.get_by_label("Why is it being archived?").fill("Replaced by the 2025/26 plan")
    page.get_by_role("button", name="Archive the plan").click()
    visitor.audit(screenshot="edit-15-plans-with-archived")
    assert "Replaced by the 2025/26 plan" in page.content()
