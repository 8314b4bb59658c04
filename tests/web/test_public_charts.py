"""The public page's charts, from published snapshots only: the status mix under each
top-level item, the mix in each published period, and an item's measures in each published
period — every bar beside the same figures in words."""

import copy
import re

from django.urls import reverse

from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import ProgressUpdate, ReportingPeriod
from councilplan.web.public_charts import measures_over_time, mix_by_period, mix_by_top_item
from councilplan.web.selectors import snapshot_rows
from tests.interchange.full_plan import full_plan_document
from tests.web.conftest import publish


def _content(*items: tuple[str, str | None, str]) -> dict:
    """A snapshot's content from (key, parent, status word) triples; "" is no update."""
    return {
        "items": [
            {
                "key": key,
                "parent": parent,
                "title": f"Item {key}",
                "ref": key,
                "update": {"status": status, "rag": status.lower()} if status else None,
                "measures": [],
            }
            for key, parent, status in items
        ]
    }


CONTENT = _content(
    ("A", None, ""),
    ("A1", "A", "Red"),
    ("A2", "A", "Green"),
    ("A2x", "A2", "Green"),
    ("B", None, ""),
    ("B1", "B", "Amber"),
    ("B2", "B", ""),
)


def test_each_top_item_counts_the_lowest_level_items_under_it_and_they_add_up():
    rows = {row.key: row for row in mix_by_top_item(CONTENT, snapshot_rows(content=CONTENT))}
    assert set(rows) == {"A", "B"}
    # A2 has an item below it, so A counts A1 and A2x (as the page's own mix does).
    assert rows["A"].words == "1 Red, 1 Green"
    assert rows["B"].words == "1 Amber, 1 No update"
    assert sum(row.total for row in rows.values()) == 4


def test_a_plan_with_one_top_item_has_no_theme_chart_repeating_the_page():
    one = _content(("A", None, ""), ("A1", "A", "Red"))
    assert mix_by_top_item(one, snapshot_rows(content=one)) == []


def test_the_periods_chart_stops_at_the_period_shown_and_needs_two():
    q1 = _content(("A", None, ""), ("A1", "A", "Red"))
    q2 = _content(("A", None, ""), ("A1", "A", "Green"))
    published = [("2024-Q1", "Q1", q1), ("2024-Q2", "Q2", q2), ("2024-Q3", "Q3", q2)]
    rows = mix_by_period(published, current="2024-Q2")
    assert [(row.label, row.words, row.current) for row in rows] == [
        ("Q1", "1 Red", False),
        ("Q2", "1 Green", True),
    ]
    assert mix_by_period(published, current="2024-Q1") == []


def test_an_items_measures_carry_their_figure_in_each_period_and_none_where_missing():
    q1, q2 = copy.deepcopy(CONTENT), copy.deepcopy(CONTENT)
    q1["items"][1]["measures"] = [{"key": "m", "name": "Visits", "actual": "100", "target": ""}]
    q2["items"][1]["measures"] = [
        {"key": "m", "name": "Visits", "actual": "120", "target": "150"},
        {"key": "n", "name": "New one", "actual": "5", "target": ""},
    ]
    history = measures_over_time("A1", [("q1", "Q1", q1), ("q2", "Q2", q2)], current="q2")
    assert history.periods == ["Q1", "Q2"]
    assert [(m.name, m.figures, m.target) for m in history.measures] == [
        ("Visits", ["100", "120"], "150"),
        ("New one", ["", "5"], ""),
    ]
    assert measures_over_time("A1", [("q1", "Q1", q1)], current="q1") is None


def _two_theme_plan():
    document = full_plan_document()
    document["plan"]["id"] = "two-themes"
    document["items"][1]["is_public"] = True  # BE6, which has the measure
    document["items"].append(
        {**copy.deepcopy(document["items"][0]), "id": "WS2", "ref": "WS2", "title": "Housing"}
    )
    document["items"].append(
        {
            **copy.deepcopy(document["items"][2]),
            "id": "H1",
            "ref": "H1",
            "parent": "WS2",
            "title": "Build homes",
        }
    )
    plan = plan_import_document(document=document, file="plan.json").plan
    plan.periods.filter(state=ReportingPeriod.State.PUBLISHED).update(
        state=ReportingPeriod.State.CLOSED, published_on=None
    )
    return plan


def test_the_public_page_charts_what_was_published_each_period(client, db):
    plan = _two_theme_plan()
    ProgressUpdate.objects.filter(item__key="BE6", period__key="2024-Q2").update(
        state=ProgressUpdate.State.APPROVED
    )
    publish(plan, "2024-Q1")
    publish(plan, "2024-Q2")
    # Changed after publication: the charts must not see it.
    ProgressUpdate.objects.filter(item__key="BE6", period__key="2024-Q2").update(
        commentary="Live edit"
    )
    page = client.get(reverse("web:public-plan-period", args=[plan.slug, "2024-Q2"])).text
    assert "Status of the actions under each workstream" in page
    assert re.search(r"How the status of the plan(&#x27;|')s actions has changed", page)
    q1_link = reverse("web:public-plan-period", args=[plan.slug, "2024-Q1"])
    assert f'href="{q1_link}">Q1 2024/25</a>' in page
    assert '<span aria-current="true">Q2 2024/25</span>' in page
    item = client.get(reverse("web:public-item", args=[plan.slug, "2024-Q2", "BE6"])).text
    assert "Measures in each published period" in item
    assert '<td class="govuk-table__cell">76.5%</td>' in item  # Q1's, from Q1's snapshot
    assert "78%" in item
    assert "Live edit" not in item
