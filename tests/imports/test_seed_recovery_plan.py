"""Harlow Council's Covid-19 recovery plan (seed 000), as read from the document itself."""

from datetime import date

import pytest

from tests.imports.seeds import (
    RECOVERY,
    anomaly_kinds,
    children_of,
    items_by_id,
    kept_cells,
    seed_document,
    source_cells,
)


@pytest.fixture(scope="module")
def document():
    return seed_document(RECOVERY)


@pytest.fixture(scope="module")
def items(document):
    return items_by_id(document)


def test_the_plan_is_named_and_shaped_as_the_document_implies(document):
    plan = document["plan"]
    assert (plan["id"], plan["kind"]) == ("harlow-recovery-plan-2020", "recovery")
    assert plan["levels"] == ["Workstream", "Action", "Programme"]
    assert "current_period" not in plan
    assert document["organisation"]["name"] == "Harlow Council"
    assert document["updates"] == []


def test_four_workstreams_with_their_lead_and_deputy_officers(document, items):
    workstreams = children_of(document, None)
    assert [items[w]["title"] for w in workstreams] == [
        "Community Impact",
        "Business & Economy",
        "Council Business Impact",
        "Workstream 4 (untitled)",
    ]
    assert [
        (items[w]["roles"]["lead_officer"], items[w]["roles"]["deputy_lead_officer"])
        for w in workstreams
    ] == [
        (["Jane Greer"], ["Andrew Bramidge"]),
        (["Andrew Bramidge"], ["Jane Greer"]),
        (["Simon Freeman"], ["Simon Hill"]),
        (["Andrew Murray"], ["John Phillips"]),
    ]
    assert items["workstream-1"]["description"].startswith(
        "Objectives / Areas of Work: 1. To ensure"
    )
    assert "2. To maintain a robust and thriving community" in items["workstream-1"]["description"]


def test_every_action_under_its_workstream_with_both_be6_kept(document, items):
    assert children_of(document, "workstream-1") == [f"COM{n}" for n in range(1, 13)]
    assert children_of(document, "workstream-2") == [f"BE{n}" for n in range(1, 7)] + ["BE6-2"]
    assert children_of(document, "workstream-3") == [f"CB{n}" for n in range(1, 12)]
    assert children_of(document, "workstream-4") == [f"HTS{n}" for n in range(1, 6)]
    assert (items["BE6"]["ref"], items["BE6-2"]["ref"]) == ("BE6", "BE6")
    assert items["BE6"]["title"] == "Support to young people"
    assert items["BE6-2"]["title"] == "Council service delivery"
    assert "duplicate_ref" in anomaly_kinds(document, "BE6-2")


@pytest.mark.parametrize(
    ("action", "programmes"),
    [
        ("BE1", 1),
        ("BE2", 4),
        ("BE3", 6),
        ("BE4", 7),
        ("BE5", 3),
        ("BE6", 2),
        ("BE6-2", 1),
        ("COM1", 1),
        ("COM2", 0),
        ("COM8", 1),
        ("CB1", 1),
        ("CB11", 1),
        ("HTS4", 1),
        ("HTS5", 0),
    ],
)
def test_continuation_rows_are_programmes_of_the_action_above(document, action, programmes):
    assert len(children_of(document, action)) == programmes


def test_an_action_printed_without_an_area_of_focus_is_titled_by_its_programme(items):
    com2 = items["COM2"]
    assert com2["title"].startswith("Reinstate full tenancy support")
    assert com2["outcome"].startswith("Reduced social isolation. Less hospital admissions")
    assert com2["resources"] == (
        "Government guidance Staff time. Additional cost of increased cleaning regime"
    )
    assert com2["timescale"] == {"text": "Oct-20", "due": "2020-10-31"}


@pytest.mark.parametrize(
    ("item", "timescale"),
    [
        ("COM1.1", {"text": "Sep-20", "due": "2020-09-30"}),
        ("COM7", {"text": "October 20 and ongoing", "start": "2020-10-01", "open_ended": True}),
        ("COM12", {"text": "03/09/2020 then ongoing", "start": "2020-09-03", "open_ended": True}),
        ("BE2.1", {"text": "End of August", "due": "2020-08-31"}),
        ("BE2.3", {"text": "September", "due": "2020-09-30"}),
        ("BE3.2", {"text": "September - commence", "start": "2020-09-01", "open_ended": True}),
        ("BE1.1", {"text": "Ongoing", "open_ended": True}),
        ("CB5.1", {"text": "On going - commenced", "open_ended": True}),
        ("HTS3.1", {"text": "Sep-21", "due": "2021-09-30"}),
        ("HTS5", {"text": "TBA"}),
    ],
)
def test_timescales(items, item, timescale):
    assert items[item]["timescale"] == timescale


def test_cb1_completed_in_june_and_kept_under_review(items):
    timescale = items["CB1.1"]["timescale"]
    assert date.fromisoformat(timescale["due"]) == date(2020, 6, 30)
    assert timescale["open_ended"] is True


def test_anomalies_name_the_untitled_workstream_and_the_placeholders(document):
    assert "missing_title" in anomaly_kinds(document, "workstream-4")
    placeholders = [a for a in document["anomalies"] if a["kind"] == "placeholder"]
    assert {a["text"] for a in placeholders} == {"TBA"}
    assert {a.get("item") for a in placeholders} == {"HTS5"}


def test_nothing_is_lost_every_cell_is_kept_with_its_place(document):
    missing = set(source_cells(RECOVERY)) - kept_cells(document)
    assert missing == set()
