"""Published means frozen (issue 16, part 2): a published period's report is rendered from
its PublishedSnapshot, not from live updates; a reopened period's report says it was
reopened, by whom and when, and shows the changes since. Before, the report of a published
quarter was drawn from live approved updates, so after a reopen it no longer matched what
was published."""

import io

import pytest
from docx import Document

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle import services as cycle
from councilplan.cycle.models import PublishedSnapshot
from councilplan.plans.models import ProgressUpdate
from councilplan.reports.data import ReportFilters
from councilplan.reports.frozen import position_freeze, position_thaw
from councilplan.reports.selectors import plan_position, plan_position_live
from councilplan.reports.services import report_render
from tests.cycle.world import cycle_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return cycle_world()


def test_a_position_is_kept_and_read_back_exactly(harlow_plan, harlow_q1):
    position = plan_position_live(plan=harlow_plan, period=harlow_q1)
    assert position_thaw(position_freeze(position)) == position


def test_a_published_reports_figures_do_not_change_with_later_edits(world):
    q1 = cycle.period_open(user=SYSTEM_USER, period=world.period("2024-Q1"))
    cycle.period_publish(user=world.officer, period=q1)
    snapshot = PublishedSnapshot.objects.get(period=q1)
    assert snapshot.report["position"]["period_key"] == "2024-Q1"
    # Someone changes the approved update behind the published report's back.
    ProgressUpdate.objects.filter(period=q1, item__key="A1").update(commentary="Rewritten later")
    q1.refresh_from_db()
    html = report_render(plan=world.plan, period=q1, format="html").decode()
    assert "Survey done" in html
    assert "Rewritten later" not in html
    assert "As published on" in html
    word = Document(io.BytesIO(report_render(plan=world.plan, period=q1, format="docx")))
    # On the cover, after its status of publication.
    assert any("Published. As published on" in p.text for p in word.paragraphs)
    filtered = plan_position(plan=world.plan, period=q1, filters=ReportFilters(status="green"))
    assert {row.key for row in filtered.items_shown} == {"A1"}
    assert filtered.publication_note.startswith("As published on")


def test_a_reopened_period_says_so_and_shows_the_changes_since(world):
    world.officer.first_name, world.officer.last_name = "Percy", "Officer"
    world.officer.save()
    q1 = cycle.period_open(user=SYSTEM_USER, period=world.period("2024-Q1"))
    cycle.period_publish(user=world.officer, period=q1)
    cycle.period_reopen(user=world.officer, period=q1, reason="Tree count was wrong")
    ProgressUpdate.objects.filter(period=q1, item__key="A1").update(commentary="Corrected")
    q1.refresh_from_db()
    position = plan_position(plan=world.plan, period=q1)
    assert position.publication_note.startswith("Reopened on ")
    assert "by Percy Officer (Tree count was wrong)" in position.publication_note
    assert "changes since it was published on" in position.publication_note
    html = report_render(plan=world.plan, period=q1, format="html").decode()
    assert "Corrected" in html
