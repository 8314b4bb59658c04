from datetime import date

import pytest

from councilplan.domain.engine import (
    Bands,
    ChangeKind,
    ItemUpdate,
    MeasureInput,
    Polarity,
    ProgressRollup,
    Quantity,
    Rag,
    RagRollup,
    ValueState,
    plan_position_compute,
)
from tests.domain.engine.builders import (
    AMBER,
    COMPLETE,
    GREEN,
    NOT_STARTED,
    Q1,
    Q1_2023,
    Q2,
    Q4_2023,
    RED,
    engine_input,
    item,
    percent,
    updates,
)


def harlow_mission_2() -> list:
    """Seed 002's mission 2 as printed at Q1 2024/25: reported 25%, 10% and 0% above ten
    milestones at 0% except one at 20%."""
    milestones = {"RN1": [0, 20], "RN3": [0, 0, 0, 0, 0], "RN4": [0, 0, 0]}
    reported = {"2": 25, "2.1": 10, "2.2": 0}
    items = [item("2", updates=updates(q1=percent(reported["2"])))]
    for priority, actions in (("2.1", ["RN1"]), ("2.2", ["RN3", "RN4"])):
        items.append(item(priority, "2", depth=1, updates=updates(q1=percent(reported[priority]))))
        for action in actions:
            items.append(item(action, priority, depth=2))
            for number, value in enumerate(milestones[action], start=1):
                items.append(
                    item(f"{action}.{number}", action, depth=3, updates=updates(q1=percent(value)))
                )
    return items


def test_harlow_mission_2_reports_25_percent_but_its_milestones_imply_2():
    result = plan_position_compute(engine_input(harlow_mission_2()))
    mission = result.items["2"]
    assert mission.reported_percent == 25
    assert mission.computed_percent == pytest.approx(2.0)
    assert mission.percent_differs
    assert result.items["2.1"].computed_percent == pytest.approx(10)
    assert not result.items["2.1"].percent_differs  # 10% reported, 10% computed
    assert result.items["2.2"].computed_percent == 0
    assert not result.items["2.2"].percent_differs
    assert any(f.item_key == "2" and "25%" in f.message and "2%" in f.message
               for f in result.findings)  # fmt: skip


def test_mean_of_children_averages_the_level_below_not_the_leaves():
    items = harlow_mission_2()
    result = plan_position_compute(
        engine_input(items, progress_rollup=ProgressRollup.MEAN_OF_CHILDREN)
    )
    # 2.1 is 10 and 2.2 is the mean of RN3 (0) and RN4 (0): the mission is (10 + 0) / 2.
    assert result.items["2"].computed_percent == pytest.approx(5)


def test_weighted_rollup_uses_item_weights_down_the_tree():
    items = [
        item("A"),
        item("A.1", "A", weight=3, updates=updates(q1=percent(100))),
        item("A.2", "A", weight=1, updates=updates(q1=percent(0))),
    ]
    weighted = plan_position_compute(engine_input(items, progress_rollup=ProgressRollup.WEIGHTED))
    plain = plan_position_compute(engine_input(items))
    assert weighted.items["A"].computed_percent == 75
    assert plain.items["A"].computed_percent == 50


def test_a_complete_status_without_a_percent_counts_as_100():
    items = [
        item("A"),
        item("A.1", "A", updates=updates(q1=ItemUpdate(status=COMPLETE))),
        item("A.2", "A", updates=updates(q1=percent(50))),
    ]
    result = plan_position_compute(engine_input(items))
    assert result.items["A"].computed_percent == 75
    assert result.items["A.1"].is_complete


def test_rag_rolls_up_worst_of_or_by_proportions():
    items = [item("A")] + [
        item(f"A.{n}", "A", updates=updates(q1=ItemUpdate(status=status)))
        for n, status in enumerate([GREEN, GREEN, GREEN, AMBER, NOT_STARTED])
    ]
    assert plan_position_compute(engine_input(items)).items["A"].computed_rag is Rag.AMBER
    by_share = plan_position_compute(engine_input(items, rag_rollup=RagRollup.PROPORTION))
    assert by_share.items["A"].computed_rag is Rag.GREEN


def test_reported_status_is_kept_and_disagreement_with_the_evidence_is_flagged():
    items = [
        item("A", due_date=date(2024, 5, 31), updates=updates(q1=percent(0, GREEN))),
    ]
    result = plan_position_compute(engine_input(items))
    a = result.items["A"]
    assert a.reported_status == GREEN
    assert a.rag is Rag.GREEN  # the report shows what the owner said…
    assert a.suggestion.rag is Rag.RED  # …beside what the evidence says
    assert a.status_disagrees
    kinds = {f.kind.value for f in result.findings}
    assert {"status-disagrees", "status-contradicts-progress"} <= kinds


def test_parent_reported_status_differing_from_its_rollup_is_flagged():
    items = [
        item("A", updates=updates(q1=ItemUpdate(status=GREEN))),
        item("A.1", "A", updates=updates(q1=ItemUpdate(status=RED))),
    ]
    result = plan_position_compute(engine_input(items))
    assert result.items["A"].computed_rag is Rag.RED
    assert result.items["A"].status_disagrees


def test_measure_evidence_joins_the_milestone_suggestion():
    items = [item("A", updates=updates(q1=percent(30)))]
    measures = [
        MeasureInput(
            key="M1", item_key="A", name="% satisfied", polarity=Polarity.HIGHER,
            target=Quantity("equal to or > 77%", 77, ">="),
            actuals={Q1.key: Quantity("60%", 60)},
        )
    ]  # fmt: skip
    result = plan_position_compute(engine_input(items, measures=measures))
    assert result.items["A"].suggestion.rag is Rag.RED
    assert "misses the target 77" in result.items["A"].suggestion.reason
    assert result.items["A"].measures[0].suggestion.rag is Rag.RED


def test_overdue_means_due_before_the_period_end_and_not_complete():
    items = [
        item("late", due_date=date(2024, 5, 31), updates=updates(q1=percent(50))),
        item("done", due_date=date(2024, 5, 31), updates=updates(q1=percent(100))),
        item("later", due_date=date(2024, 12, 31), updates=updates(q1=percent(10))),
        item("open", open_ended=True, due_date=None, updates=updates(q1=percent(10))),
    ]
    result = plan_position_compute(engine_input(items))
    assert result.items["late"].overdue
    assert not result.items["done"].overdue
    assert not result.items["later"].overdue
    assert not result.items["open"].overdue


def test_children_inherit_due_dates_from_above():
    items = [
        item("A", due_date=date(2024, 5, 31)),
        item("A.1", "A", updates=updates(q1=percent(50))),
    ]
    assert plan_position_compute(engine_input(items)).items["A.1"].overdue


def two_periods(q1: dict, q2: dict, **fields_by_key) -> list:
    return [
        item(key, updates=updates(q1=q1[key], q2=q2[key]), **fields_by_key.get(key, {}))
        for key in q1
    ]


def test_changes_since_last_period_newly_red_completed_slipped_improved():
    q1 = {
        "turns-red": ItemUpdate(status=AMBER, percent=40),
        "finishes": ItemUpdate(status=GREEN, percent=80),
        "moves-date": ItemUpdate(status=GREEN, percent=30),
        "recovers": ItemUpdate(status=RED, percent=10),
        "steady": ItemUpdate(status=GREEN, percent=50),
    }
    q2 = {
        "turns-red": ItemUpdate(status=RED, percent=40),
        "finishes": ItemUpdate(status=COMPLETE, percent=100),
        "moves-date": ItemUpdate(status=GREEN, percent=45),
        "recovers": ItemUpdate(status=AMBER, percent=35),
        "steady": ItemUpdate(status=GREEN, percent=60),
    }
    items = two_periods(
        q1,
        q2,
        **{"moves-date": {"due_date": date(2025, 3, 31), "previous_due_date": date(2024, 12, 31)}},
    )
    result = plan_position_compute(engine_input(items, period=Q2, previous=Q1))
    changes = {(c.kind, c.item_key) for c in result.changes}
    assert changes == {
        (ChangeKind.NEWLY_RED, "turns-red"),
        (ChangeKind.COMPLETED, "finishes"),
        (ChangeKind.SLIPPED, "moves-date"),
        (ChangeKind.IMPROVED, "recovers"),
    }
    assert result.items["moves-date"].slipped
    assert str(result.items["steady"].direction) == "▲ improved"
    assert result.items["steady"].previous_percent == 50


def test_becoming_overdue_counts_as_slipped():
    items = [
        item(
            "A",
            due_date=date(2024, 8, 31),
            updates=updates(q1=percent(20, GREEN), q2=percent(60, AMBER)),
        )
    ]
    result = plan_position_compute(engine_input(items, period=Q2, previous=Q1))
    kinds = [c.kind for c in result.changes]
    assert ChangeKind.SLIPPED in kinds
    assert ChangeKind.WORSENED in kinds


def test_no_changes_without_a_previous_period():
    items = [item("A", updates=updates(q1=percent(10, RED)))]
    assert plan_position_compute(engine_input(items)).changes == ()


def test_measure_direction_against_previous_period_and_same_period_last_year():
    measure = MeasureInput(
        key="M", item_key="A", name="Carbon", polarity=Polarity.LOWER,
        target=Quantity("< 4,007", 4007, "<"),
        actuals={Q1_2023.key: Quantity("4,100", 4100), Q1.key: Quantity("3,900", 3900),
                 Q2.key: Quantity("3,950", 3950)},
    )  # fmt: skip
    inputs = engine_input(
        [item("A")], period=Q2, previous=Q1, measures=[measure], history=[Q1_2023, Q1, Q2]
    )
    inputs = type(inputs)(**{**inputs.__dict__, "last_year": Q1_2023})
    result = plan_position_compute(inputs).items["A"].measures[0]
    assert result.direction_previous.word == "worse"  # 3,900 → 3,950, lower is better
    assert result.direction_last_year.word == "improved"  # Q1_2023 stands in for last year
    assert [key for key, _ in result.series] == [Q1_2023.key, Q1.key, Q2.key]


def test_status_mix_counts_each_lowest_level_item_once():
    items = [
        item("A"),
        item("A.1", "A", updates=updates(q1=ItemUpdate(status=RED))),
        item("A.2", "A", updates=updates(q1=ItemUpdate(status=GREEN))),
        item("A.3", "A", updates=updates(q1=ItemUpdate(status=GREEN))),
        item("A.4", "A"),
    ]
    mix = plan_position_compute(engine_input(items)).status_mix
    assert mix[Rag.RED] == 1
    assert mix[Rag.GREEN] == 2
    assert mix[Rag.GREY] == 1
    assert sum(mix.values()) == 4


def test_an_unknown_parent_is_a_clear_error():
    with pytest.raises(ValueError, match="names a parent 'nowhere'"):
        plan_position_compute(engine_input([item("A", "nowhere")]))


def test_a_leaf_without_an_update_this_period_rolls_up_at_its_last_percent():
    items = [
        item("A"),
        item("A.1", "A", updates=updates(q1=percent(40), q2=percent(100))),
        item("A.2", "A", updates=updates(q1=percent(20))),
    ]
    result = plan_position_compute(engine_input(items, period=Q2, previous=Q1))
    assert result.items["A"].computed_percent == 60
    assert not result.items["A"].is_complete
    assert result.items["A.2"].reported_percent is None  # nothing reported for Q2 itself


def test_each_period_is_judged_against_its_own_target_within_the_plans_bands():
    # A profiled target: 75% in Q1, 80% in Q2. 76% is Green in Q1 and, 5% short, Amber in Q2.
    measure = MeasureInput(
        key="M", item_key="A", name="Calls answered", target=Quantity("70%", 70, ">="),
        targets={Q1.key: Quantity("75%", 75, ">="), Q2.key: Quantity("80%", 80, ">=")},
        actuals={Q1.key: Quantity("76%", 76), Q2.key: Quantity("76%", 76)},
    )  # fmt: skip
    q1 = plan_position_compute(engine_input([item("A")], measures=[measure]))
    q2 = plan_position_compute(
        engine_input([item("A")], period=Q2, previous=Q1, measures=[measure], history=[Q1, Q2])
    )
    assert q1.items["A"].measures[0].suggestion.rag is Rag.GREEN
    assert q2.items["A"].measures[0].suggestion.rag is Rag.AMBER
    assert q2.items["A"].measures[0].target.value == 80
    # The plan's rule "Green within 5% of target" makes Q2 Green; the measure's own overrides.
    wide = engine_input(
        [item("A")], period=Q2, previous=Q1, measures=[measure], history=[Q1, Q2],
        bands=Bands(5, 10),
    )  # fmt: skip
    assert plan_position_compute(wide).items["A"].measures[0].suggestion.rag is Rag.GREEN
    strict = MeasureInput(**{**measure.__dict__, "bands": Bands(0, 2)})
    narrow = engine_input(
        [item("A")], period=Q2, previous=Q1, measures=[strict], history=[Q1, Q2],
        bands=Bands(5, 10),
    )  # fmt: skip
    assert plan_position_compute(narrow).items["A"].measures[0].suggestion.rag is Rag.RED


def test_short_term_direction_skips_a_period_with_no_figure():
    measure = MeasureInput(
        key="M", item_key="A", name="Visits", target=Quantity("19,625", 19625),
        actuals={
            Q4_2023.key: Quantity("19,000", 19000),
            Q1.key: Quantity("Not yet available", None, state=ValueState.NOT_YET_AVAILABLE),
            Q2.key: Quantity("18,500", 18500),
        },
    )  # fmt: skip
    inputs = engine_input(
        [item("A")], period=Q2, previous=Q1, measures=[measure], history=[Q4_2023, Q1, Q2]
    )
    result = plan_position_compute(inputs).items["A"].measures[0]
    assert result.direction_previous.word == "worse"
    assert result.direction_previous.before == 19000
