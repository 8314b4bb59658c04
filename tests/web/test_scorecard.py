"""The scorecard on the dashboard and the indicators page: indicators by computed status,
filterable by service, with directions in arrows and words and the reported status apart.
Figures are Exampleton's made-up KPI tables (tests/imports/kpi/), three quarters imported
one after another."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Plan
from councilplan.plans.selectors import period_get
from councilplan.reports.measures import measure_list
from councilplan.web.scorecard import STATUS_WORDS
from tests.imports.test_kpi_table import converted
from tests.web.conftest import signed_in, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def exampleton() -> Plan:
    plan = plan_import_document(document=converted(1)).plan
    for quarter in (2, 3):
        plan_import_document(document=converted(quarter), replace=True)
    return Plan.objects.get(pk=plan.pk)


def _cells(html: str) -> dict[str, list[str]]:
    """The scorecard's rows by indicator reference, each as its cells' text."""
    table = html.split('class="govuk-table app-scorecard"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S):
        cells = re.findall(r"<t[hd] [^>]*>(.*?)</t[hd]>", row, re.S)
        text = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for cell in cells]
        rows[text[0].split(" ")[0]] = text
    return rows


def _rows(html: str) -> dict[str, str]:
    """The scorecard's rows by indicator reference, as plain text with spaces between cells."""
    table = html.split('class="govuk-table app-scorecard"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S):
        text = re.sub(r"<[^>]+>", " ", row)
        text = re.sub(r"\s+", " ", text).strip()
        ref = re.search(r'app-caption">([^<]+)<', row)
        if ref:
            rows[ref[1]] = text
    return rows


def _page(client, plan, name="web:plan-dashboard", **query) -> str:
    signed_in(client, user_with_role(plan, Role.READER, name="reader"))
    response = client.get(reverse(name, args=[plan.slug]), query)
    assert response.status_code == 200
    return response.text


def test_the_dashboard_shows_each_indicators_computed_and_reported_status_apart(client, exampleton):
    rows = _rows(_page(client, exampleton, period="2024-Q2"))
    assert set(rows) == {"CS01", "HB02", "LC03", "WR04", "CH05"}
    # Reported Green, but 53.1% against a target of 35% (lower is better) is Red.
    assert rows["CH05"].startswith("CH05 % of re-referrals to children")
    assert "53.1% 35% Red Green Differs" in rows["CH05"]
    # Arrows are hidden from screen readers; the words are always there.
    assert "▼ Worse" in rows["CH05"]
    # 23 days against 20 is more than 10% off: Red, as the council reported it.
    assert "23 20 Red Red ▼ Worse" in rows["HB02"]
    assert "Differs" not in rows["HB02"]


def test_the_reddest_come_first_and_the_counts_are_the_computed_statuses(client, exampleton):
    html = _page(client, exampleton, period="2024-Q2")
    computed_column = [cells[3] for ref, cells in _cells(html).items() if ref != "Indicator"]
    assert [word.split(" ")[0] for word in computed_column] == ["Red"] * 3 + ["Amber", "Green"]
    found = re.findall(r'(\d+)<span class="govuk-visually-hidden"> indicators: ([\w ]+)<', html)
    period = period_get(plan=exampleton, key="2024-Q2")
    computed = Counter(line.status for line in measure_list(plan=exampleton, period=period))
    assert {word: int(count) for count, word in found} == {
        STATUS_WORDS[status]: count for status, count in computed.items()
    }
    assert computed["red"] == 3


def test_the_scorecard_is_filtered_by_service(client, exampleton):
    service = exampleton.items.get(title="Benefits")
    html = _page(client, exampleton, period="2024-Q3", service=service.key)
    assert list(_rows(html)) == ["HB02"]
    assert "1 indicator under Benefits" in re.sub(r"\s+", " ", html)


def test_the_indicators_page_lists_one_status_with_no_limit(client, exampleton):
    html = _page(
        client, exampleton, "web:plan-indicators", period="2024-Q2", indicator_status="red"
    )
    assert list(_rows(html)) == ["HB02", "LC03", "CH05"]  # in printed order
    assert "3 indicators computed Red" in re.sub(r"\s+", " ", html)


def test_a_figure_not_yet_in_is_not_rated_and_says_why(client, exampleton):
    # Q1's waste figure came only with Q2's table: at Q1 it was "Not yet available".
    from councilplan.plans.models import MeasureValue

    MeasureValue.objects.filter(measure__ref="WR04", period__key="2024-Q1").update(
        state="not_yet_available", value=None, text="Not yet available"
    )
    rows = _rows(_page(client, exampleton, period="2024-Q1"))
    assert "Not yet available 45% Not rated Not yet available" in rows["WR04"]


def test_the_indicators_page_shows_a_hundred_a_page(client):
    from councilplan.demo.generated_plan import generated_plan_document

    plan = plan_import_document(document=generated_plan_document(actions=440, plan_id="big")).plan
    assert plan.measures.count() == 110

    def lines(html: str) -> int:
        table = html.split('class="govuk-table app-scorecard"', 1)[1].split("</tbody>", 1)[0]
        return table.split("<tbody", 1)[1].count("<tr ")

    first = _page(client, plan, "web:plan-indicators")
    assert lines(first) == 100
    assert "110 indicators; 1 to 100 are shown, red first." in re.sub(r"\s+", " ", first)
    second = client.get(reverse("web:plan-indicators", args=[plan.slug]), {"page": 2}).text
    assert lines(second) == 10
