"""A plan read from a KPI table holds indicators only: its items group them and never report
progress. Its dashboard leads with the indicators and does not count the groups as actions
("Suggested: Red", "Never updated", an empty "Progress by service" table)."""

from django.urls import reverse

from councilplan.imports.convert import ConvertOptions, document_convert
from councilplan.interchange.load import plan_import_document
from councilplan.reports.selectors import plan_position
from tests.web.conftest import signed_in, user_with_role

TABLE = """Northbridge Borough Council
Key performance indicators: Quarter 2 2025/26

Ref\tIndicator\tService\tGood is\tLast quarter\tThis quarter\tTarget\tRAG status
NB1\t% of calls answered in 60 seconds\tCustomer services\tHigh\t70%\t66%\t80%\tRed
NB2\tAverage days to process benefit claims\tBenefits\tLow\t19\t18\t20\tGreen
NB3\tVisits to leisure centres\tLeisure\tHigh\t21,000\t22,400\t22,000\tGreen
"""


def _kpi_plan(tmp_path):
    path = tmp_path / "kpis.txt"
    path.write_text(TABLE, encoding="utf-8")
    return plan_import_document(document=document_convert(path=path, options=ConvertOptions())).plan


def _indicators_only(plan) -> bool:
    period = plan.periods.get(key="2025-Q2")
    return plan_position(plan=plan, period=period).indicators_only


def test_a_kpi_plan_leads_with_its_indicators_and_counts_no_groups_as_actions(client, db, tmp_path):
    plan = _kpi_plan(tmp_path)
    assert _indicators_only(plan)
    officer = user_with_role(plan, "performance_officer")
    page = signed_in(client, officer).get(reverse("web:plan-dashboard", args=[plan.slug])).text
    assert "This plan holds indicators only" in page
    assert "Suggested: Red" not in page
    assert "Never updated" not in page
    assert "Progress by" not in page
    assert "Exceptions" not in page
    assert "% of calls answered in 60 seconds" in page  # the scorecard


def test_one_dated_item_makes_it_a_plan_of_actions(db, tmp_path):
    plan = _kpi_plan(tmp_path)
    item = plan.items.first()
    item.timescale_text = "By March 2026"
    item.save()
    assert not _indicators_only(plan)
