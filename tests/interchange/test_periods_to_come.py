"""An import gives the plan every period of its life, so the next update round can open."""

import copy

import pytest

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle.services import period_open
from councilplan.imports.convert import document_convert
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import ReportingPeriod
from councilplan.plans.selectors import period_current
from tests.imports.seeds import CORPORATE, HARROW, seed_path
from tests.interchange.full_plan import full_plan_document

pytestmark = pytest.mark.django_db

PLANNED = ReportingPeriod.State.PLANNED


def periods_of(plan) -> list[tuple[str, str]]:
    return list(plan.periods.order_by("starts_on").values_list("key", "state"))


def test_an_imported_q1_report_leaves_q2_to_q4_planned_and_q2_can_open():
    path = seed_path(CORPORATE)
    plan = plan_import_document(document=document_convert(path=path), file=path.name).plan
    assert periods_of(plan) == [
        ("2024-Q1", "closed"),
        ("2024-Q2", PLANNED),
        ("2024-Q3", PLANNED),
        ("2024-Q4", PLANNED),
    ]
    assert period_current(plan=plan).key == "2024-Q1"
    q2 = plan.periods.get(key="2024-Q2")
    assert (q2.label, str(q2.starts_on), str(q2.ends_on)) == (
        "Q2 2024/25",
        "2024-07-01",
        "2024-09-30",
    )
    period_open(user=SYSTEM_USER, period=q2)
    # Once Q2's round is open, the plan stands at Q2, not at the period it was imported for.
    assert period_current(plan=plan).key == "2024-Q2"


def test_a_ten_year_borough_plan_with_no_progress_gets_its_forty_quarters():
    path = seed_path(HARROW)
    plan = plan_import_document(document=document_convert(path=path), file=path.name).plan
    periods = periods_of(plan)
    assert len(periods) == 40
    assert (periods[0][0], periods[-1][0]) == ("2020-Q1", "2029-Q4")
    assert {state for _, state in periods} == {PLANNED}


def test_a_period_of_the_documents_own_is_not_overlapped_by_quarters():
    document = full_plan_document()
    document["periods"][1] = {
        "id": "2024-Q2-Q3",
        "label": "July to December 2024",
        "starts_on": "2024-07-01",
        "ends_on": "2024-12-31",
        "state": "closed",
    }
    for record in (*document["updates"], *document["measure_values"]):
        if record["period"] == "2024-Q2":
            record["period"] = "2024-Q2-Q3"
    document["plan"]["current_period"] = "2024-Q1"
    plan = plan_import_document(document=copy.deepcopy(document)).plan
    assert periods_of(plan) == [
        ("2024-Q1", "published"),
        ("2024-Q2-Q3", "closed"),
        ("2024-Q4", PLANNED),
    ]


def test_a_plan_without_dates_gets_only_the_periods_its_document_gives():
    document = full_plan_document()
    del document["plan"]["starts_on"], document["plan"]["ends_on"]
    plan = plan_import_document(document=document).plan
    assert [key for key, _ in periods_of(plan)] == ["2024-Q1", "2024-Q2"]
