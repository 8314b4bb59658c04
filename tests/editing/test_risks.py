"""The risk register kept in the browser: risks added, changed (stale edits refused),
linked to items by reference, archived and restored, and printed in the report."""

import pytest
from django.test import Client
from django.urls import reverse

from councilplan.editing.errors import EditError, StaleEditError
from councilplan.editing.risks import (
    RISK_ITEM_UNKNOWN_ERROR,
    RISK_SCORE_RANGE_ERROR,
    RiskFields,
    risk_archive,
    risk_change,
    risk_create,
    risk_restore,
)
from councilplan.reports.services import report_render
from tests.cycle.world import World


def _funding(world: World) -> RiskFields:
    return RiskFields(
        description="Government funding for the street scheme is withdrawn",
        owner="Director of Place",
        likelihood=3,
        impact=4,
        rag="amber",
        mitigations=["Seek grants", "  ", "Phase the work"],
        item_refs=["1.1", "2"],
    )


def test_a_risk_is_added_with_its_linked_items_and_mitigations(world: World) -> None:
    risk = risk_create(user=world.officer, plan=world.plan, values=_funding(world))
    assert list(risk.mitigations.values_list("text", flat=True)) == [
        "Seek grants",
        "Phase the work",
    ]
    assert sorted(risk.items.values_list("key", flat=True)) == ["A1", "P2"]


def test_bad_scores_and_unknown_items_are_refused(world: World) -> None:
    values = _funding(world)
    values.likelihood = 7
    with pytest.raises(EditError, match=RISK_SCORE_RANGE_ERROR.format(name="likelihood")):
        risk_create(user=world.officer, plan=world.plan, values=values)
    values = _funding(world)
    values.item_refs = ["9.9"]
    with pytest.raises(EditError, match=RISK_ITEM_UNKNOWN_ERROR.format(ref="9.9")):
        risk_create(user=world.officer, plan=world.plan, values=values)


def test_a_stale_risk_edit_is_refused(world: World) -> None:
    risk = risk_create(user=world.officer, plan=world.plan, values=_funding(world))
    first = RiskFields.of(risk)
    first.impact = 5
    risk_change(user=world.officer, risk=risk, based_on_version=risk.version, values=first)
    second = RiskFields.of(risk)
    second.owner = "Chief Executive"
    with pytest.raises(StaleEditError) as refused:
        risk_change(
            user=world.administrator, risk=risk, based_on_version=risk.version, values=second
        )
    assert {d.field for d in refused.value.differences} == {"Impact", "Owner"}


def test_the_register_page_and_the_report_show_score_and_links(world: World) -> None:
    risk = risk_create(user=world.officer, plan=world.plan, values=_funding(world))
    client = Client()
    client.force_login(world.reader)
    page = client.get(reverse("web:risk-register", args=[world.plan.slug])).content.decode()
    assert "Likelihood 3, impact 4: score 12" in page
    assert "Renew street furniture" in page
    html = report_render(plan=world.plan, period=world.period("2024-Q1"), format="html").decode()
    assert "L3 × I4 = 12" in html
    assert "1.1, 2" in html
    risk_archive(user=world.officer, risk=risk, reason="Funding confirmed")
    page = client.get(reverse("web:risk-register", args=[world.plan.slug])).content.decode()
    assert "Government funding" not in page
    risk_restore(user=world.officer, risk=risk)
    page = client.get(reverse("web:risk-register", args=[world.plan.slug])).content.decode()
    assert "Government funding" in page
