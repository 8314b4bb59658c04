"""Harrow Council's Cabinet report on its Borough Plan 2020–2030 (seed 004)."""

import pytest

from tests.imports.seeds import HARROW, children_of, items_by_id, seed_document

PRIORITIES = [
    ("Improving the environment and addressing climate change", 7),
    ("Tackling poverty and inequality", 7),
    ("Building homes and infrastructure", 6),
    ("Addressing Health and Social Care Inequality", 7),
    ("Thriving Economy", 7),
    ("Sustaining quality education and training", 7),
    ("Celebrating communities and cohesion", 5),
    ("Maintaining low crime and improving community safety", 5),
]


@pytest.fixture(scope="module")
def document():
    return seed_document(HARROW)


@pytest.fixture(scope="module")
def items(document):
    return items_by_id(document)


def test_the_plan_and_its_cabinet_report(document):
    plan = document["plan"]
    assert (plan["id"], plan["kind"]) == ("harrow-borough-plan-2020-2030", "borough")
    assert document["organisation"]["name"] == "Harrow Council"
    assert plan["metadata"]["cabinet_report"] == {
        "report_for": "Cabinet",
        "date_of_meeting": "10 February 2022",
        "subject": "Borough Plan – Key Achievements and Future Intentions",
        "key_decision": "Yes – affects all wards",
        "responsible_officer": "Sean Harriss - Chief Executive",
        "portfolio_holder": (
            "Councillor Graham Henson – Leader of the Council and Portfolio Holder for Strategy, "
            "Regeneration, Partnerships & Devolution"
        ),
        "exempt": "No",
        "call_in": "Yes",
        "wards": "All",
        "enclosures": "Appendix 1 – Borough Plan: Key Achievements and Future Intentions",
    }


def test_eight_priorities_with_their_achievements(document, items):
    priorities = children_of(document, None)
    assert [(items[p]["title"], len(children_of(document, p))) for p in priorities] == PRIORITIES
    assert items["2.3"]["title"] == (
        "Grants totalling £67m have been given to around 2,500 local businesses, to support them "
        "through the pandemic."
    )
    assert items["2.3"]["level"] == "Achievement"


def test_figures_are_kept_beside_their_sentence(items):
    grants = items["2.3"]["figures"]
    assert [(f["kind"], f["value"], f.get("qualifier", "")) for f in grants] == [
        ("money", 67_000_000, ""),
        ("count", 2500, "around"),
    ]
    assert grants[0]["sentence"] == items["2.3"]["title"]
    call_outs = items["2.1"]["figures"][0]
    assert (call_outs["value"], call_outs["qualifier"], call_outs["unit"]) == (
        70000,
        "over",
        "call outs",
    )
    assert items["1.3"]["figures"][0]["unit"] == "low-income households"
    assert items["1.5"]["figures"][0]["value"] == 1_700_000


def test_the_risk_register_with_mitigations_and_rag(document):
    risks = document["risks"]
    assert [(r["description"][:40], len(r["mitigations"]), r["rag"]) for r in risks] == [
        ("These are not the most appropriate prior", 2, "green"),
        ("O&S comments and future involvement not ", 1, "green"),
        ("The Borough Plan does not have full supp", 2, "green"),
        ("The Borough Plan is unaffordable", 2, "red"),
        ("Lack of strategic leadership capacity - ", 6, "red"),
        ("The delay in the production of the Counc", 3, "amber"),
    ]
    assert risks[2]["mitigations"] == [
        "Cabinet to agree recommendation to refer plan to Council.",
        "To be presented to Council 24 February 2022.",
    ]
    assert [r["rag_text"] for r in risks] == ["Green", "Green", "Green", "Red", "Red", "Amber"]


def test_the_rest_of_the_report_is_kept_not_dropped(document):
    unplaced = " ".join(p["text"] for p in document["plan"]["metadata"]["unplaced_text"])
    assert "Section 3 - Statutory Officer Clearance" in unplaced
    assert "Continue with current Borough Plan priorities" in unplaced
