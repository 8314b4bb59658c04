"""Harborough District Council's corporate plan key activities, Q1 2020/21 (seed 003)."""

import pytest

from tests.imports.seeds import (
    HARBOROUGH,
    anomaly_kinds,
    children_of,
    items_by_id,
    kept_cells,
    seed_document,
    source_cells,
    updates_by_item,
)

OBJECTIVES = {
    "THE-PLACE": ["CO-1", "CO-2", "CO-3", "CO-4"],
    "THE-PEOPLE": ["CO-5", "CO-6", "CO-7"],
    "YOUR-COUNCIL": ["CO-8", "CO-9"],
}
ACTIVITIES = {1: 6, 2: 2, 3: 3, 4: 5, 5: 4, 6: 4, 7: 2, 8: 3, 9: 5}


@pytest.fixture(scope="module")
def document():
    return seed_document(HARBOROUGH)


@pytest.fixture(scope="module")
def items(document):
    return items_by_id(document)


@pytest.fixture(scope="module")
def updates(document):
    return updates_by_item(document)


def test_the_plan(document):
    plan = document["plan"]
    assert (plan["id"], plan["current_period"]) == ("harborough-corporate-plan-2020-21", "2020-Q1")
    assert plan["levels"] == ["Theme", "Corporate objective", "Key activity"]
    assert document["organisation"]["name"] == "Harborough District Council"


def test_themes_and_corporate_objectives(document, items):
    assert children_of(document, None) == list(OBJECTIVES)
    assert items["THE-PLACE"]["title"] == "THE PLACE: a safe, enterprising and vibrant place"
    assert {t: children_of(document, t) for t in OBJECTIVES} == OBJECTIVES
    assert items["CO-1"]["title"] == "Keeping the District a great place to live, work and visit"
    assert items["CO-3"]["title"] == "Enable delivery of quality homes for all"
    assert items["CO-4"]["ref"] == "CO 4"


def test_key_activities_under_their_objective(document, items):
    for number, count in ACTIVITIES.items():
        activities = children_of(document, f"CO-{number}")
        assert activities == [f"KA.{number:02d}.{n:02d}" for n in range(1, count + 1)]
    assert items["KA.01.01"]["title"] == (
        "Implementation and monitoring of the adopted Harborough Local Plan (2011-2031)"
    )
    assert items["KA.01.01"]["level"] == "Key activity"


def test_a_row_continued_under_a_repeated_header_is_rejoined(document, items, updates):
    assert items["KA.01.03"]["title"].endswith("the use of statutory tools and powers")
    commentary = updates["KA.01.03"]["commentary"].split("\n")
    assert commentary[:2] == [
        "Monthly member updates on crime and disorder included in Members' Newsletter.",
        "Harborough District Community Safety Partnership Parish e-newsletter issued in May 2020.",
    ]
    assert "Partnership leads on night-time economy recovery." in commentary
    assert commentary[-1] == "Safer Summer campaign started in June 2020."
    assert "row_rejoined" in anomaly_kinds(document, "KA.01.03")
    assert updates["KA.04.03"]["commentary"].endswith(
        "16 Warning Notices were issued for various incidents."
    )


@pytest.mark.parametrize(
    ("item", "status", "words"),
    [
        ("KA.01.01", "start-later-in-year", "Start Later in Year"),
        ("KA.01.03", "green", "Green"),
        ("KA.01.06", "deferred", "Deferred until the 2021/22 Year"),
        ("KA.05.04", "deferred", "Deferred until the 2021/22 Year"),
        ("KA.08.02", "amber", "Amber"),
    ],
)
def test_status_words_are_mapped_and_kept(updates, item, status, words):
    assert (updates[item]["status"], updates[item]["status_text"]) == (status, words)


def test_every_key_activity_reports_a_status(document, updates):
    activities = [i["id"] for i in document["items"] if i["level"] == "Key activity"]
    assert len(activities) == 34
    assert all(updates[a].get("status") for a in activities)


def test_cmt_lead_lead_officer_and_portfolio(items):
    assert items["KA.01.01"]["roles"] == {
        "cmt_lead": ["Chief Officer - Planning and Regeneration"],
        "portfolio": ["Strategy"],
    }
    assert items["KA.08.02"]["roles"] == {
        "lead_officer": ["Chief Officer - Finance and Assets"],
        "portfolio": ["Finance"],
    }


def test_choose_an_item_is_a_missing_value(document, items):
    assert "roles" not in items["KA.01.06"]
    flagged = [a for a in document["anomalies"] if a.get("item") == "KA.01.06"]
    assert [(a["kind"], a["text"]) for a in flagged] == [
        ("word_placeholder", "Choose an item."),
        ("word_placeholder", "Choose an item."),
    ]


def test_progress_and_next_steps_become_clean_lists(updates):
    assert updates["KA.02.01"]["next_steps"] == (
        "Roll out HIC Events Programme to support HIC Businesses.\n"
        "The implementation of a new HIC website to help promote and encourage more online "
        "webinars to support businesses."
    )
    assert "<" not in updates["KA.02.02"]["commentary"]
    assert "next_steps" not in updates["KA.01.01"]  # "- TBC." is no next step


def test_tbc_next_steps_are_flagged(document):
    assert "placeholder" in anomaly_kinds(document, "KA.01.01")
    assert "placeholder" in anomaly_kinds(document, "KA.03.01")


def test_nothing_is_lost_every_cell_is_kept_with_its_place(document):
    missing = set(source_cells(HARBOROUGH)) - kept_cells(document)
    assert missing == set()
