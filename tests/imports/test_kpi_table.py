"""A KPI table (one row per indicator: last quarter, this quarter, target, RAG, trend) comes
in as measures with values in two periods, and successive quarters build the series.

The council in tests/imports/kpi/ and all its figures are made up for these tests (no KPI
table in the seeds gives three quarters with its RAG rule). Its published rule is "Green on,
above or within 5% of target; Amber 5% to 10% off; Red more than 10% off"; its reported
statuses and trends follow that rule except one, reported Green when the rule gives Red.
"""

from pathlib import Path

import pytest

from councilplan.domain.periods import FinancialCalendar
from councilplan.domain.problems import SourceLocation
from councilplan.imports.convert import ConvertOptions, document_convert
from councilplan.imports.kpi_table import KpiColumns, KpiDocument, KpiRow, kpi_columns
from councilplan.imports.source import Cell, Table
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import MeasureValue, Plan
from councilplan.plans.selectors import period_get
from councilplan.reports.measures import measure_list

KPI = Path(__file__).parent / "kpi"
MAPPING = KPI / "exampleton_kpis.toml"
TREND_WORDS = {"Improving": "better", "Worsening": "worse", "No change": "same"}


def converted(quarter: int) -> dict:
    return document_convert(
        path=KPI / f"exampleton_kpis_q{quarter}.txt", options=ConvertOptions(mapping=MAPPING)
    )


def table(*headers: str) -> Table:
    here = SourceLocation(file="t")
    return Table(rows=[[Cell(h, here) for h in headers]], location=here)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (("Ref", "Indicator", "Last quarter", "This quarter", "Target", "RAG status"),
         {"ref": 0, "indicator": 1, "previous": 2, "current": 3, "target": 4, "status": 5}),
        (("KPI", "Previous", "Current", "Target", "Status", "Direction of travel"),
         {"indicator": 0, "previous": 1, "current": 2, "target": 3, "status": 4, "trend": 5}),
        (("Performance indicator", "Q1 2024/25", "Q2 2024/25", "Target", "RAG"),
         {"indicator": 0, "previous": 1, "current": 2, "target": 3, "status": 4}),
    ],
)  # fmt: skip
def test_kpi_columns_are_read_whatever_their_names(headers, expected):
    columns = kpi_columns(table(*headers), FinancialCalendar())
    assert columns is not None
    assert columns.roles == expected


def test_a_column_headed_by_a_period_says_which_period_its_figures_are_for():
    columns = kpi_columns(
        table("Indicator", "Q1 2024/25", "Q2 2024/25", "Target", "RAG"), FinancialCalendar()
    )
    assert columns.periods == {"current": "2024-Q2", "previous": "2024-Q1"}


def test_a_plan_of_actions_is_not_a_kpi_table():
    milestones = table("Action", "Milestones", "Performance measure", "Target", "Status")
    assert kpi_columns(milestones, FinancialCalendar()) is None


def test_a_kpi_table_becomes_measures_under_their_services_with_two_periods_of_values():
    document = converted(1)
    assert document["plan"]["current_period"] == "2024-Q1"
    assert document["plan"]["tolerance"]["green_within_percent"] == 5
    services = {item["title"]: item for item in document["items"]}
    assert set(services) == {
        "Customer services", "Benefits", "Leisure", "Waste", "Children's services",
    }  # fmt: skip
    (benefits,) = services["Benefits"]["measures"]
    assert (benefits["ref"], benefits["polarity"]) == ("HB02", "lower")
    values = {(v["measure"], v["period"]): v for v in document["measure_values"]}
    assert values[("hb02", "2023-Q4")]["value"] == 22
    this = values[("hb02", "2024-Q1")]
    assert (this["value"], this["target"]["value"], this["reported_status"]) == (21, 20, "green")
    assert this["reported_trend"] == "Improving"
    waste = values[("wr04", "2024-Q1")]
    assert (waste["value"], waste["state"], waste["text"]) == (
        None, "not_yet_available", "Not yet available",
    )  # fmt: skip


@pytest.mark.django_db
def test_three_quarters_build_the_series_and_computed_status_and_trend_match_the_published():
    plan = plan_import_document(document=converted(1)).plan
    comparisons = {}
    for quarter in (2, 3):
        result = plan_import_document(document=converted(quarter), replace=True)
        assert result.plan.pk == plan.pk
        comparisons[quarter] = result.comparison
    plan = Plan.objects.get(pk=plan.pk)
    checked = 0
    for quarter in (1, 2, 3):
        period = period_get(plan=plan, key=f"2024-Q{quarter}")
        published = _published(quarter)
        for line in measure_list(plan=plan, period=period):
            status, trend = published[line.ref]
            if line.ref == "CH05" and quarter == 2:
                # Reported Green; the council's own rule gives Red: a finding says so.
                assert (line.status, line.reported_status) == ("red", "green")
                assert [
                    f["message"] for f in line.findings if f["kind"] == "reported-status-disagrees"
                ] == [
                    "The measure '% of re-referrals to children's social care' is reported "
                    "Green; 53.1 % against a target of 35 %, lower is better, is Red."
                ]
                continue
            if status:  # no status where the figure was not yet in
                assert line.status == status.lower(), (quarter, line.ref)
            if trend:
                assert line.direction == TREND_WORDS[trend], (quarter, line.ref)
            checked += 1
    assert checked == 14  # 5 indicators × 3 quarters, less the one reported wrongly
    # Q1's waste figure, not yet available then, came with Q2's table.
    waste = MeasureValue.objects.get(measure__plan=plan, measure__ref="WR04", period__key="2024-Q1")
    assert (float(waste.value), waste.state) == (41.2, "available")
    # Q3's table restates Q2's waste figure: the site keeps 42.5% and says so.
    assert any("42.9%" in finding and "42.5%" in finding for finding in comparisons[3].findings)


def _published(quarter: int) -> dict[str, tuple[str, str]]:
    lines = (KPI / f"exampleton_kpis_q{quarter}.txt").read_text().splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Ref\t"))
    rows = [line.split("\t") for line in lines[start + 1 :] if line.strip()]
    return {row[0]: (row[7], row[8]) for row in rows}


def _row(**cells: str) -> KpiRow:
    fields = dict.fromkeys(
        ("ref", "indicator", "service", "previous", "current", "target", "status", "trend",
         "commentary", "polarity", "unit"),
        "",
    )  # fmt: skip
    return KpiRow(**{**fields, **cells, "location": "kpis.txt, row 7"})


def test_a_percentage_over_100_is_an_anomaly_naming_its_row():
    kpi = KpiDocument(period="2024-Q2", calendar=FinancialCalendar())
    kpi.add(
        _row(indicator="Calls answered", current="104%", target="75%"),
        KpiColumns(roles={}, header_row=0),
    )
    (found,) = [a for a in kpi.anomalies if a["kind"] == "percentage_over_100"]
    assert found["location"] == "kpis.txt, row 7"
    assert "“104%”" in found["message"]


def test_a_target_with_no_period_is_an_anomaly_and_not_put_in_a_period():
    kpi = KpiDocument(period="", calendar=FinancialCalendar())
    kpi.add(
        _row(indicator="Visits", current="18,200", target="19,875"),
        KpiColumns(roles={}, header_row=0),
    )
    (found,) = [a for a in kpi.anomalies if a["kind"] == "no_period"]
    assert found["location"] == "kpis.txt, row 7"
    assert kpi.values == []  # nowhere to put them: said, not guessed
    (measure,) = next(iter(kpi.items.values()))["measures"]
    assert measure["target"]["value"] == 19875  # kept as the measure's own target
