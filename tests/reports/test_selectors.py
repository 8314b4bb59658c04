"""Loading a plan and a period into the engine: constant queries, approved updates only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councilplan.demo.generated_plan import report_plan_document
from councilplan.domain.engine import Rag
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import ProgressUpdate
from councilplan.plans.selectors import (
    PERIOD_NOT_FOUND_ERROR,
    PeriodNotFoundError,
    period_current,
    period_get,
)
from councilplan.reports.data import ReportFilters
from councilplan.reports.selectors import plan_position

pytestmark = pytest.mark.django_db

# Queries for a whole report, whatever the plan's size (each read is one query).
REPORT_QUERY_LIMIT = 14


def imported(actions: int, plan_id: str):
    document = report_plan_document(actions=actions, quarters=3, plan_id=plan_id)
    return plan_import_document(document=document).plan


def queries_for(plan) -> int:
    period = period_current(plan=plan)
    with CaptureQueriesContext(connection) as context:
        plan_position(plan=plan, period=period)
    return len(context.captured_queries)


def test_queries_do_not_grow_with_the_number_of_items(django_assert_max_num_queries):
    small = imported(10, "small")
    large = imported(60, "large")
    assert queries_for(small) == queries_for(large)
    for plan in (small, large):
        period = period_current(plan=plan)
        with django_assert_max_num_queries(REPORT_QUERY_LIMIT):
            position = plan_position(plan=plan, period=period)
        assert position.counts["items"] > 0


def test_only_approved_updates_count(harlow_plan, harlow_q1):
    update = ProgressUpdate.objects.get(item__plan=harlow_plan, item__key="RN1.2")
    update.state = ProgressUpdate.State.SUBMITTED
    update.save()
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    row = next(row for row in position.rows if row.key == "RN1.2")
    assert row.reported_percent is None
    assert row.commentary == ""
    priority = next(row for row in position.rows if row.key == "2.1")
    assert priority.computed_percent == 0  # only RN1.1 at 0% is left below it


def test_unknown_period_names_the_periods_the_plan_has(harlow_plan):
    with pytest.raises(PeriodNotFoundError) as raised:
        period_get(plan=harlow_plan, key="2030-Q3")
    assert str(raised.value) == PERIOD_NOT_FOUND_ERROR.format(
        plan=harlow_plan.slug, key="2030-Q3", known="2024-Q1, 2024-Q2, 2024-Q3, 2024-Q4"
    )


def test_period_keys_are_read_leniently(harlow_plan):
    assert period_get(plan=harlow_plan, key="2024-q1").key == "2024-Q1"


def test_current_period_comes_from_the_plan(harlow_plan):
    assert period_current(plan=harlow_plan).key == "2024-Q1"


def test_filters_keep_matching_items_and_their_headings():
    plan = imported(20, "filtered")
    period = period_current(plan=plan)
    everything = plan_position(plan=plan, period=period)
    officer = everything.rows[2].lead_officer or next(
        row.lead_officer for row in everything.rows if row.lead_officer
    )
    chosen = plan_position(plan=plan, period=period, filters=ReportFilters(lead_officer=officer))
    shown = chosen.items_shown
    assert shown
    assert all(row.lead_officer == officer for row in shown)
    assert len(shown) < len(everything.items_shown)
    # The mission and priority above each chosen action stay, as headings only.
    assert {row.depth for row in chosen.rows if row.context_only} == {0, 1}
    exceptions = plan_position(
        plan=plan, period=period, filters=ReportFilters(exceptions_only=True)
    )
    assert all(row.is_exception for row in exceptions.items_shown)
    red = plan_position(plan=plan, period=period, filters=ReportFilters(status="red"))
    assert red.items_shown
    assert all(row.status.word == "Red" for row in red.items_shown)
    assert sum(count.count for count in red.status_mix) == len(
        [row for row in red.items_shown if row.is_leaf]
    )


def test_status_mix_counts_suggested_statuses_apart_from_reported_ones(harlow_plan, harlow_q1):
    """Harlow's corporate plan reports percentages but no RAG: the mix must not show the
    engine's suggestions as if owners had reported them."""
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    leaves = [row for row in position.rows if row.is_leaf]
    reported = [count for count in position.status_mix if not count.suggested]
    suggested = [count for count in position.status_mix if count.suggested]
    assert sum(c.count for c in position.status_mix) == len(leaves)
    assert all(c.count == 0 for c in reported if c.word != "Not rated")
    assert suggested
    red = next(c for c in suggested if c.rag.value == "red")
    assert red.word == "Suggested: Red"
    assert red.shape == "△"  # hollow: never the reported ▲
    assert red.count == sum(row.status.rag is red.rag and row.status.is_suggested for row in leaves)


def test_status_mix_keeps_grey_words_apart_and_counts_every_item(harborough_plan):
    """Harborough reports `Start Later in Year` and `Deferred until the 2021/22 Year`:
    different news from an item nobody rated, so each keeps its own line."""
    plan = harborough_plan
    position = plan_position(plan=plan, period=period_get(plan=plan, key="2020-Q1"))
    words = {count.word: count.count for count in position.status_mix if count.rag is Rag.GREY}
    leaves = [row for row in position.rows if row.is_leaf]
    assert words["Start later in year"] == sum(
        row.status.word == "Start later in year" and row.status.source == "reported"
        for row in leaves
    )
    assert words["Start later in year"] > 10
    assert any(word.startswith("Deferred") for word in words)
    assert sum(count.count for count in position.status_mix) == len(leaves)


def test_no_format_prints_a_suggestion_as_a_reported_status(harlow_plan, harlow_q1):
    """Harlow's Q1 reports no RAG. Before, the dashboard's and the Excel Exceptions sheet's
    statuses said plain "Red"/"Amber", and missions "Red (computed from the items below)"."""
    import io

    from openpyxl import load_workbook

    from councilplan.reports.services import report_render

    position = plan_position(plan=harlow_plan, period=harlow_q1)
    assert position.exceptions
    assert all(row.status.word.startswith("Suggested: ") for row in position.exceptions)
    assert all(row.status.is_suggested for row in position.rows if row.status.rag is not Rag.GREY)
    workbook = load_workbook(
        io.BytesIO(report_render(plan=harlow_plan, period=harlow_q1, format="xlsx"))
    )
    sheet = workbook["Exceptions"]
    header = [cell.value for cell in sheet[1]]
    statuses = [row[header.index("Status")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert statuses
    assert all(status.startswith("Suggested: ") for status in statuses)
    html = report_render(plan=harlow_plan, period=harlow_q1, format="html").decode()
    assert "computed from the items below" not in html
    assert "△ Suggested: Red" in html  # the hollow shape and its own word
