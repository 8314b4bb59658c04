"""An indicator's page: its trend chart (values, the target line per period, the tolerance
bands shaded, a text alternative) and a table of the same figures, with each period's status
and directions as `councilplan measures` gives them. Exampleton's made-up KPI tables."""

import re

import pytest
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Measure, MeasureTarget, Plan
from councilplan.plans.selectors import period_get
from councilplan.reports.measures import measure_list
from councilplan.web.scorecard import DIRECTIONS, STATUS_WORDS
from tests.interchange.full_plan import full_plan_document
from tests.web.conftest import signed_in, user_with_role
from tests.web.test_scorecard import exampleton  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _page(client, plan: Plan, measure: Measure, **query) -> str:
    signed_in(client, user_with_role(plan, Role.READER, name="reader"))
    response = client.get(reverse("web:indicator-detail", args=[plan.slug, measure.pk]), query)
    assert response.status_code == 200
    return response.text


def _table(html: str) -> list[list[str]]:
    table = html.split('<table class="govuk-table">', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody", 1)[1]
    rows = []
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd] [^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip() for c in cells])
    return rows


def test_each_periods_status_and_direction_are_those_of_the_measures_list(client, exampleton):  # noqa: F811
    measure = exampleton.measures.get(ref="CH05")
    rows = {row[0]: row for row in _table(_page(client, exampleton, measure))}
    assert set(rows) == {"Q4 2023/24", "Q1 2024/25", "Q2 2024/25", "Q3 2024/25"}
    for key in ("2024-Q1", "2024-Q2", "2024-Q3"):
        period = period_get(plan=exampleton, key=key)
        line = next(x for x in measure_list(plan=exampleton, period=period) if x.ref == "CH05")
        row = rows[period.label]
        assert row[4] == STATUS_WORDS[line.status]
        assert row[6].endswith(DIRECTIONS[line.direction][1])
    # Q2: reported Green, computed Red (53.1% against 35%, lower is better).
    assert rows["Q2 2024/25"][1:3] == ["53.1%", "35%"]
    assert rows["Q2 2024/25"][5] == "Green Differs"
    # The council's rule: Green within 5% of the target, Amber within 10%, lower is better.
    assert rows["Q2 2024/25"][3] == "Green 36.75 or less; Amber 38.5 or less"


def test_the_chart_has_its_target_line_bands_and_a_text_alternative(client, exampleton):  # noqa: F811
    measure = exampleton.measures.get(ref="LC03")
    html = _page(client, exampleton, measure, period="2024-Q3")
    svg = re.search(r"<svg [^>]*>.*?</svg>", html, re.S)
    assert svg is not None
    label = re.search(r'role="img" aria-label="([^"]+)"', svg[0])
    assert label is not None
    assert label[1].startswith("Trend of Visits to leisure centres: ")
    assert "Q3 2024/25: 18,200 against a target of 19,875, Amber" in label[1]
    assert 'stroke-dasharray="6 4"' in svg[0]  # the target line
    assert svg[0].count('fill="#cce2d8"') >= 3  # a green band in each period with a target
    assert svg[0].count('fill="#fcd6c3"') >= 3
    # Every value in the chart is in the table beneath it.
    for row in _table(html):
        if row[1][0].isdigit():
            assert f">{row[1]}</text>" in svg[0]


def test_a_profiled_target_moves_the_target_line_and_the_status(client):
    plan = plan_import_document(document=full_plan_document()).plan
    measure = plan.measures.get(key="BE6-M1")
    q2 = period_get(plan=plan, key="2024-Q2")
    MeasureTarget.objects.update_or_create(
        measure=measure, period=q2, defaults={"text": "90%", "value": 90}
    )
    rows = {row[0]: row for row in _table(_page(client, plan, measure, period="2024-Q2"))}
    assert rows["Q2 2024/25"][2] == "90%"
    assert rows["Q2 2024/25"][4] != "Green"  # 78 against 90


def test_a_measure_of_another_plan_is_not_found(client, exampleton):  # noqa: F811
    other = plan_import_document(document=full_plan_document()).plan
    signed_in(client, user_with_role(exampleton, Role.READER, name="reader"))
    url = reverse("web:indicator-detail", args=[exampleton.slug, other.measures.first().pk])
    assert client.get(url).status_code == 404


def test_the_item_page_and_the_scorecard_link_to_the_indicator(client, exampleton):  # noqa: F811
    measure = exampleton.measures.get(ref="HB02")
    signed_in(client, user_with_role(exampleton, Role.READER, name="reader"))
    link = reverse("web:indicator-detail", args=[exampleton.slug, measure.pk])
    item = client.get(reverse("web:item-detail", args=[exampleton.slug, measure.item_id]))
    assert f'href="{link}"' in item.text
    dashboard = client.get(reverse("web:plan-dashboard", args=[exampleton.slug]))
    assert f'href="{link}?period=' in dashboard.text
