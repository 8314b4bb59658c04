"""Harlow Council's corporate plan service plans 2024/25, Q1 monitoring (seed 002)."""

import pytest

from tests.imports.seeds import (
    CORPORATE,
    anomaly_kinds,
    children_of,
    items_by_id,
    kept_cells,
    seed_document,
    source_cells,
    updates_by_item,
)

ACTIONS = {
    "2.1": ["RN1"],
    "2.2": ["RN3", "RN4"],
    "3.1": ["RT1"],
    "3.2": ["RT2", "RT3"],
    "4.1": ["IF1", "IF2", "IF3"],
    "4.2": ["IF4"],
    "4.3": ["IF7", "IF8"],
    "1.1": ["TH1", "TH2", "TH3", "TH4"],
    "1.2": ["TH7", "TH8", "TH10", "TH11", "TH12"],
    "5.1": ["PC1", "PC2", "PC3"],
    "5.2": ["PC5", "PC6", "PC7", "PC8", "PC9", "PC10"],
    "6.1": ["HP1", "HP2", "HP3", "HP4"],
    "6.2": ["HP5", "HP6", "HP7"],
    "6.3": ["HP8", "HP9", "HP10", "HP11"],
    "6.4": ["HP12", "HP13", "HP14", "HP15", "HP16"],
    "6.5": ["HP18", "HP19", "HP20"],
}
MILESTONES = {
    "RN1": 2,
    "RN3": 5,
    "RN4": 3,
    "RT1": 9,
    "RT2": 2,
    "RT3": 2,
    "IF1": 2,
    "IF2": 2,
    "IF3": 2,
    "IF4": 2,
    "IF7": 3,
    "IF8": 4,
    "TH1": 4,
    "TH2": 2,
    "TH3": 6,
    "TH4": 1,
    "TH7": 1,
    "TH8": 1,
    "TH10": 2,
    "TH11": 2,
    "TH12": 2,
    "PC1": 4,
    "PC2": 2,
    "PC3": 1,
    "PC5": 2,
    "PC6": 2,
    "PC7": 3,
    "PC8": 3,
    "PC9": 1,
    "PC10": 2,
    "HP4": 2,
    "HP20": 2,
}  # every other HP action has one milestone


@pytest.fixture(scope="module")
def document():
    return seed_document(CORPORATE)


@pytest.fixture(scope="module")
def items(document):
    return items_by_id(document)


@pytest.fixture(scope="module")
def updates(document):
    return updates_by_item(document)


def test_the_plan_and_its_period(document):
    plan = document["plan"]
    assert (plan["id"], plan["kind"]) == ("harlow-corporate-plan-2024-25", "corporate")
    assert plan["levels"] == ["Mission", "Priority", "Action", "Milestone"]
    assert (plan["current_period"], plan["starts_on"], plan["ends_on"]) == (
        "2024-Q1",
        "2024-04-01",
        "2025-03-31",
    )
    assert document["periods"] == [{"id": "2024-Q1", "state": "closed"}]


def test_six_missions_in_the_order_printed_with_their_priorities(document, items):
    missions = children_of(document, None)
    assert missions == ["2", "3", "4", "1", "5", "6"]
    assert [items[m]["title"] for m in missions] == [
        "Renew our Neighbourhoods",
        "Rebuild our Town",
        "Secure Investment for Harlow's Future",
        "Transform Harlow's Housing",
        "Protect our Communities",
        "Deliver High-Performing Council Services",
    ]
    priorities = {m: children_of(document, m) for m in missions}
    assert priorities == {
        "2": ["2.1", "2.2"],
        "3": ["3.1", "3.2"],
        "4": ["4.1", "4.2", "4.3"],
        "1": ["1.1", "1.2"],
        "5": ["5.1", "5.2"],
        "6": ["6.1", "6.2", "6.3", "6.4", "6.5"],
    }
    assert items["5.2"]["title"].startswith("Support a healthier future")
    assert {items[p]["level"] for ps in priorities.values() for p in ps} == {"Priority"}


def test_every_action_under_its_priority(document):
    assert {p: children_of(document, p) for p in ACTIONS} == ACTIONS


def test_every_milestone_under_its_action(document, items):
    for actions in ACTIONS.values():
        for action in actions:
            milestones = children_of(document, action)
            assert len(milestones) == MILESTONES.get(action, 1), action
            assert {items[m]["level"] for m in milestones} == {"Milestone"}


@pytest.mark.parametrize(
    ("item", "progress"),
    [
        ("2", 25),
        ("2.1", 10),
        ("2.2", 0),
        ("3", 28),
        ("3.1", 37),
        ("3.2", 10),
        ("4", 17),
        ("4.1", 34),
        ("1", 23),
        ("1.1", 31),
        ("1.2", 13),
        ("6.1", 19),
        ("6.3", 6),
        ("6.5", 27),
    ],
)
def test_reported_roll_ups_are_kept_as_the_sections_progress(updates, item, progress):
    assert updates[item]["progress"] == progress


def test_sections_that_print_no_percentage_report_none(updates):
    assert "4.2" not in updates
    assert "5" not in updates
    assert "6" not in updates


def test_percentages_torn_off_their_lines_are_put_back_and_flagged(document):
    for item in ("3.2", "4", "4.1"):
        assert "value_moved" in anomaly_kinds(document, item)


def test_roll_ups_that_do_not_add_up_are_flagged_and_those_that_do_are_not(document):
    assert "rollup_mismatch" in anomaly_kinds(document, "2")  # 25% against a mean of 2%
    assert "rollup_mismatch" in anomaly_kinds(document, "1.2")  # 13% against 14.4%
    for item in ("2.1", "3", "3.1", "3.2", "4", "4.1", "1.1"):
        assert "rollup_mismatch" not in anomaly_kinds(document, item), item
    message = next(
        a["message"]
        for a in document["anomalies"]
        if a["kind"] == "rollup_mismatch" and a["item"] == "2"
    )
    assert message == (
        "the document reports 25% for this mission, but the 10 milestones below it average 2%"
    )


@pytest.mark.parametrize(
    ("item", "progress", "commentary"),
    [
        ("RN1.1", 0, "Resident survey scheduled for Q4."),
        ("RN1.2", 20, "Work on new landscape maintenance scope has commenced"),
        ("RT1.1", 100, "Demolition works complete June 2024"),
        ("RT1.2", 5, None),
        ("TH1.1", 50, None),
        (
            "TH1.2",
            0,
            "N.B. on line application process will support this milestone once implemented.",
        ),
        ("TH3.6", 33, None),
        ("PC8.2", 90, "Practical completion has been issued. Awaiting courts to be painted."),
    ],
)
def test_milestone_progress_and_comments(updates, item, progress, commentary):
    assert updates[item]["progress"] == progress
    if commentary is not None:
        assert updates[item]["commentary"] == commentary


def test_measures_take_their_position_at_q1_as_the_q1_actual_with_the_target(document, items):
    assert document["plan"]["current_period"] == "2024-Q1"  # the period the actuals are for
    satisfied = items["RN1.1"]["measures"][0]
    assert satisfied["name"] == "% of residents who are satisfied with where they live."
    assert satisfied["actual"]["value"] == 77
    assert satisfied["actual"]["text"].startswith("In 2023 77% of Harlow residents")
    assert satisfied["target"] == {"text": "equal to or > 77%", "value": 77, "comparator": ">="}
    assert satisfied["unit"] == "%"
    carbon = items["RN3.3"]["measures"][0]
    assert carbon["actual"] == {
        "text": "4,007 t CO2e reported at 2021",
        "value": 4007,
        "comparator": "=",
    }
    assert carbon["target"]["comparator"] == "<"
    assert carbon["target"]["value"] == 4007
    assert (carbon["unit"], carbon["polarity"]) == ("t CO2e", "lower")
    register = items["TH1.2"]["measures"][0]
    assert (register["actual"]["value"], register["target"]["comparator"]) == (5585, "<")
    skills = items["IF4.1"]["measures"][0]
    assert skills["target"] == {"text": "> 2023 baseline", "value": None, "comparator": ">"}
    assert skills["frequency"] == "annual"
    landlord = items["TH3.2"]["measures"][0]
    assert (landlord["actual"]["value"], landlord["target"]["value"]) == (65, 65)


def test_no_position_at_q1_is_taken_for_a_baseline(items):
    measures = [m for item in items.values() for m in item.get("measures", [])]
    assert sum("actual" in m for m in measures) > 50
    assert [m["id"] for m in measures if "baseline" in m] == []


def test_a_target_with_no_measure_named_is_kept_under_the_milestone(items):
    measure = items["RN1.2"]["measures"][0]
    assert measure["target"]["text"] == "New programmes operational"
    assert measure["name"] == items["RN1.2"]["title"]


def test_placeholders_packed_cells_and_misaligned_rows_are_flagged(document):
    assert "placeholder" in anomaly_kinds(document, "RT1.7")  # "by X."
    assert "placeholder" in anomaly_kinds(document, "TH12.1")  # "Current compliance. TBC"
    assert "packed_values" in anomaly_kinds(document, "HP13.1")  # "25% 25% 25%"
    assert "misaligned_row" in anomaly_kinds(document, "HP1.1")


def test_long_milestone_titles_are_shortened_with_the_whole_text_kept(items):
    milestone = items["HP19.1"]
    assert len(milestone["title"]) <= 300
    assert milestone["description"].endswith("as part of the 2025/26 budget setting process.")


def test_nothing_is_lost_every_cell_is_kept_with_its_place(document):
    missing = set(source_cells(CORPORATE)) - kept_cells(document)
    assert missing == set()


def test_the_turnout_row_a_column_left_keeps_its_target_and_says_so(document, items):
    """Issue 16's misread row: the continuation row of HP4 stands one column left of the
    header, so `> 25.19%` sat under 'Position at Q1'. Read before as the position, against a
    'target' of the commentary's 28.33%; now the target, the row said to have moved."""
    turnout = next(
        measure
        for item in items.values()
        for measure in item.get("measures") or []
        if (measure.get("target") or {}).get("text") == "> 25.19%"
    )
    assert turnout["target"]["comparator"] == ">"
    assert "actual" not in turnout  # no position of 25.19 against a target of 28.33
    moved = [a for a in document["anomalies"] if a["kind"] == "misaligned_row"]
    assert any("“> 25.19%” as Targeted position at year end" in a["message"] for a in moved)
