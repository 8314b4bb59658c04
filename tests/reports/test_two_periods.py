"""A Q2 update on top of the imported Q1: the changes section shows what moved."""

import io
from datetime import date

import pytest
from docx import Document
from freezegun import freeze_time
from openpyxl import load_workbook

from councilplan.plans.models import PlanItem, ProgressUpdate, Status
from councilplan.plans.selectors import period_get
from councilplan.plans.services import reporting_periods_ensure
from councilplan.reports.selectors import plan_position
from councilplan.reports.services import report_render

pytestmark = pytest.mark.django_db


def approve(plan, period, key, percent, status_code, commentary=""):
    status = Status.objects.get(scheme=plan.status_scheme, code=status_code)
    ProgressUpdate.objects.create(
        item=PlanItem.objects.get(plan=plan, key=key),
        period=period,
        status=status,
        percent_complete=percent,
        commentary=commentary,
        state=ProgressUpdate.State.APPROVED,
    )


@pytest.fixture
def harlow_q2(harlow_plan):
    """Q1 as imported; in Q2 RN1.1 recovers, RN1.2 turns red, RN3.1 completes and RN4.2's
    due date, set during Q1, is moved after Q1 was reported."""
    reporting_periods_ensure(plan=harlow_plan)
    q2 = period_get(plan=harlow_plan, key="2024-Q2")
    moving = PlanItem.objects.get(plan=harlow_plan, key="RN4.2")
    with freeze_time("2024-05-01"):
        moving.due_date = date(2024, 12, 31)
        moving.save()
    with freeze_time("2024-10-05"):
        moving.due_date = date(2025, 3, 31)
        moving.save()
        approve(harlow_plan, q2, "RN1.1", 55, "green", "Survey commissioned")
        approve(harlow_plan, q2, "RN1.2", 25, "red", "Contractor withdrew")
        approve(harlow_plan, q2, "RN3.1", 100, "complete", "Consultation closed")
        approve(harlow_plan, q2, "RN4.2", 30, "amber")
        # A draft never counts: RN3.3 stays as it was.
        ProgressUpdate.objects.create(
            item=PlanItem.objects.get(plan=harlow_plan, key="RN3.3"),
            period=q2,
            percent_complete=90,
            state=ProgressUpdate.State.DRAFT,
        )
    return q2


def test_changes_since_q1_newly_red_completed_slipped_improved(harlow_plan, harlow_q2):
    position = plan_position(plan=harlow_plan, period=harlow_q2)
    assert position.previous_label == "Q1 2024/25"
    keys = {kind: [c.key for c in position.changes_of(kind)] for kind in
            ("newly_red", "completed", "slipped", "improved")}  # fmt: skip
    # Like with like: RN1.2 was only suggested Green at Q1 (no RAG reported), so its reported
    # Red at Q2 is not "newly red" (it was, comparing a suggestion with a report).
    assert keys["newly_red"] == []
    assert keys["completed"] == ["RN3.1"]
    # RN4.2's due date moved; the rest fell overdue in Q2 (dates read from their own words,
    # `by September 2024`).
    moved = [c for c in position.changes_of("slipped") if not c.after.startswith("overdue")]
    assert [c.key for c in moved] == ["RN4.2"]
    assert (moved[0].before, moved[0].after) == ("due 31 December 2024", "due 31 March 2025")
    fell_overdue = [c for c in position.changes_of("slipped") if c.after.startswith("overdue")]
    assert all(c.before == "on time" for c in fell_overdue)
    assert keys["improved"] == []  # RN1.1 was Red only by the evidence at Q1
    rn33 = next(row for row in position.rows if row.key == "RN3.3")
    assert rn33.reported_percent is None  # the draft is not counted


def test_every_format_shows_the_same_changes(harlow_plan, harlow_q2):
    html = report_render(plan=harlow_plan, period=harlow_q2, format="html").decode()
    assert "What changed since Q1 2024/25" in html
    assert "due 31 December 2024 → due 31 March 2025" in html
    document = Document(
        io.BytesIO(report_render(plan=harlow_plan, period=harlow_q2, format="docx"))
    )
    paragraphs = [p.text for p in document.paragraphs]
    slipped = paragraphs.index("Slipped")
    assert any(
        text.endswith("due 31 December 2024 → due 31 March 2025")
        for text in paragraphs[slipped + 1 : slipped + 40]
    )
    workbook = load_workbook(
        io.BytesIO(report_render(plan=harlow_plan, period=harlow_q2, format="xlsx"))
    )
    changes = [[cell.value for cell in row] for row in workbook["Changes"].iter_rows(min_row=2)]
    assert ["Completed", "RN3.1"] in [row[:2] for row in changes]
    assert ["Slipped", "RN4.2"] in [row[:2] for row in changes]
    assert not [row for row in changes if row[0] in ("Newly red", "Improved", "Worsened")]


def test_statuses_reported_in_both_periods_are_compared(harlow_plan, harlow_q2):
    """Q3 reports RN1.1 Red after Q2's reported Green: newly red, like with like; RN1.2
    reported Red at Q2 and Amber at Q3 has improved."""
    q3 = period_get(plan=harlow_plan, key="2024-Q3")
    with freeze_time("2025-01-05"):
        approve(harlow_plan, q3, "RN1.1", 60, "red", "Survey found asbestos")
        approve(harlow_plan, q3, "RN1.2", 40, "amber", "New contractor")
    position = plan_position(plan=harlow_plan, period=q3)
    assert [c.key for c in position.changes_of("newly_red") if c.is_leaf] == ["RN1.1"]
    assert [(c.key, c.before, c.after) for c in position.changes_of("improved")] == [
        ("RN1.2", "Red", "Amber")
    ]
