from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.engine import (
    FindingKind,
    ItemUpdate,
    MeasureInput,
    PeriodInput,
    Polarity,
    Quantity,
    plan_position_compute,
)
from councilplan.domain.engine.findings import (
    GREEN_AT_ZERO_MESSAGE,
    NO_OWNER_MESSAGE,
    NOT_A_FIGURE_MESSAGE,
    PLACEHOLDER,
    placeholder_possible,
)
from tests.domain.engine.builders import (
    AMBER,
    COMPLETE,
    GREEN,
    Q1,
    RED,
    engine_input,
    item,
    percent,
    updates,
)

OWNED = {"lead_officer": ("Jane Greer",)}


def findings(items, **kwargs):
    return plan_position_compute(engine_input(items, **kwargs)).findings


def kinds_for(found, key):
    return {f.kind for f in found if f.item_key == key}


def test_a_branch_without_any_owner_is_one_finding_at_its_top():
    found = findings(
        [
            item("A"),
            item("A.1", "A"),
            item("A.2", "A"),
            item("B", roles=OWNED),
            item("B.1", "B"),
        ]
    )
    no_owner = [f for f in found if f.kind is FindingKind.NO_OWNER]
    assert [f.item_key for f in no_owner] == ["A"]
    assert no_owner[0].message == NO_OWNER_MESSAGE.format(ref="A Item A", count=2)


def test_an_owner_below_narrows_the_finding_to_the_unowned_branches():
    found = findings([item("A"), item("A.1", "A", roles=OWNED), item("A.2", "A")])
    assert [f.item_key for f in found if f.kind is FindingKind.NO_OWNER] == ["A.2"]


def test_items_without_due_dates_are_counted_under_their_parent():
    found = findings(
        [
            item("A", roles=OWNED),
            item("A.1", "A"),
            item("A.2", "A", timescale_text="Sep-20"),
            item("A.3", "A", due_date=date(2025, 1, 31)),
            item("A.4", "A", open_ended=True),
        ]
    )
    due = [f for f in found if f.kind is FindingKind.NO_DUE_DATE]
    assert len(due) == 1
    assert due[0].message.startswith("1 of the items under A")


def test_an_action_without_any_measure_is_found_when_the_plan_has_measures():
    measure = MeasureInput(key="M", item_key="A.1", name="m", target=Quantity("5", 5))
    items = [item("A", roles=OWNED), item("A.1", "A"), item("B", roles=OWNED), item("B.1", "B")]
    found = findings(items, measures=[measure])
    assert [f.item_key for f in found if f.kind is FindingKind.NO_MEASURE] == ["B"]
    # A plan with no measures at all is not flooded with findings.
    assert not [f for f in findings(items) if f.kind is FindingKind.NO_MEASURE]


def test_placeholders_are_found_in_text_and_in_targets():
    items = [
        item("A", roles=OWNED, timescale_text="TBC"),
        item("B", roles=OWNED, updates=updates(q1=ItemUpdate(commentary="Choose an item."))),
        item("C", roles=OWNED, title="Commence works by X."),
        item("D", roles=OWNED, title="Deliver the Stable Table plan"),  # "table" is no TBA
    ]
    measure = MeasureInput(
        key="M", item_key="D", name="EPC", target=Quantity("Current stock at D rating. TBC")
    )
    found = findings(items, measures=[measure])
    placeholders = [f for f in found if f.kind is FindingKind.PLACEHOLDER]
    assert {f.item_key for f in placeholders} == {"A", "B", "C", "D"}
    assert [f.measure_key for f in placeholders if f.item_key == "D"] == ["M"]


# Texts made of the placeholders' own pieces (and letters that match others when case is
# ignored: the long s, the Kelvin sign, the dotted I), so that the property meets real matches.
TEXTS = st.lists(
    st.sampled_from(["TBC", "tba", "TBD", "Choose an item.", "by X", "XX", "xxx", "Lorem ipsum",
                     "[insert", "???", "-", " - ", "\n", "\t", " ", "a", "table", "X", "by", "?",
                     "ſ", "\u212a", "İ", "é", "\u00a0"]),
    max_size=6,
).map("".join)  # fmt: skip


@given(before=st.lists(TEXTS, max_size=3), text=TEXTS, after=st.lists(TEXTS, max_size=3))
def test_a_text_with_a_placeholder_is_never_ruled_out(before, text, after):
    """The findings search an item's texts for placeholders only when `placeholder_possible`
    says one may hold one: it must never rule out a text the search would find one in."""
    if PLACEHOLDER.search(text):
        assert placeholder_possible([*before, text, *after])


def test_a_placeholder_in_the_periods_actual_is_found_and_one_in_another_period_is_not():
    items = [item("A", roles=OWNED), item("B", roles=OWNED)]
    measures = [
        MeasureInput(
            key="M1", item_key="A", name="Decency", actuals={Q1.key: Quantity("Current % TBC")}
        ),
        MeasureInput(key="M2", item_key="B", name="Repairs", actuals={"2023-Q4": Quantity("TBC")}),
    ]
    placeholders = [
        f for f in findings(items, measures=measures) if f.kind is FindingKind.PLACEHOLDER
    ]
    assert [(f.item_key, f.measure_key) for f in placeholders] == [("A", "M1")]
    assert placeholders[0].message == (
        f"A 'Decency': the actual for {Q1.label} holds a placeholder: 'Current % TBC'."
    )


def test_green_at_zero_past_due_complete_below_100_and_red_at_100_contradict():
    items = [
        item("green-zero", roles=OWNED, due_date=date(2024, 5, 1),
             updates=updates(q1=percent(0, GREEN))),
        item("amber-zero-not-due", roles=OWNED, due_date=date(2024, 12, 1),
             updates=updates(q1=percent(0, AMBER))),
        item("complete-40", roles=OWNED, updates=updates(q1=percent(40, COMPLETE))),
        item("red-100", roles=OWNED, updates=updates(q1=percent(100, RED))),
    ]  # fmt: skip
    found = findings(items)
    contradicting = {
        f.item_key: f.message for f in found if f.kind is FindingKind.STATUS_CONTRADICTS_PROGRESS
    }
    assert set(contradicting) == {"green-zero", "complete-40", "red-100"}
    assert contradicting["green-zero"] == GREEN_AT_ZERO_MESSAGE.format(
        ref="green-zero", status="Green", due="01 May 2024"
    )


def test_measure_target_findings_no_target_zero_and_out_of_scale():
    measures = [
        MeasureInput(key="none", item_key="A", name="No target"),
        MeasureInput(key="context", item_key="A", name="Demand", polarity=Polarity.NONE),
        MeasureInput(key="zero", item_key="A", name="Zero", target=Quantity("0", 0)),
        MeasureInput(key="zero-incidents", item_key="A", name="Incidents",
                     polarity=Polarity.LOWER, target=Quantity("0", 0)),
        MeasureInput(key="scale", item_key="A", name="Call outs",
                     target=Quantity("420", 420), actuals={Q1.key: Quantity("73,390", 73390)}),
    ]  # fmt: skip
    found = findings([item("A", roles=OWNED)], measures=measures)
    by_measure = {(f.kind, f.measure_key) for f in found}
    assert (FindingKind.NO_TARGET, "none") in by_measure
    assert (FindingKind.NO_TARGET, "context") not in by_measure  # context measures need none
    assert (FindingKind.TARGET_ZERO, "zero") in by_measure
    assert (FindingKind.TARGET_ZERO, "zero-incidents") not in by_measure
    assert (FindingKind.TARGET_OUT_OF_SCALE, "scale") in by_measure


def periods(count: int) -> list[PeriodInput]:
    result, year, number = [], 2023, 1
    for _ in range(count):
        start_month = 4 + 3 * (number - 1)
        start_year = year + (start_month > 12)
        start_month = (start_month - 1) % 12 + 1
        end_month = start_month + 2
        ends = date(start_year, end_month, 30 if end_month in (6, 9, 11) else 31)
        result.append(
            PeriodInput(f"{year}-Q{number}", f"Q{number}", date(start_year, start_month, 1), ends)
        )
        year, number = (year, number + 1) if number < 4 else (year + 1, 1)
    return result


def test_no_data_for_several_periods_respects_how_often_a_measure_is_due():
    history = periods(5)
    quarterly = MeasureInput(
        key="q", item_key="A", name="Quarterly", target=Quantity("5", 5),
        actuals={history[0].key: Quantity("4", 4)},
    )  # fmt: skip
    annual = MeasureInput(
        key="y", item_key="A", name="Annual", frequency="annual", target=Quantity("5", 5),
        actuals={history[0].key: Quantity("4", 4)},
    )  # fmt: skip
    found = findings(
        [item("A", roles=OWNED)], measures=[quarterly, annual], period=history[-1],
        history=history,
    )  # fmt: skip
    missing = {f.measure_key for f in found if f.kind is FindingKind.NO_DATA}
    assert missing == {"q"}  # the annual measure is not due often enough to be missing yet


def test_items_never_updated_not_updated_lately_and_stale():
    history = periods(4)
    current = history[-1]
    items = [
        item("never", roles=OWNED),
        item("lapsed", roles=OWNED, updates={history[0].key: ItemUpdate(percent=10)},
             last_updated_on=history[0].ends_on),
        item("stale", roles=OWNED, updates={history[1].key: ItemUpdate(percent=10)},
             last_updated_on=history[1].ends_on),
        item("fresh", roles=OWNED, updates={current.key: ItemUpdate(percent=10)},
             last_updated_on=current.ends_on),
    ]  # fmt: skip
    found = findings(items, period=current, history=history)
    assert kinds_for(found, "never") == {FindingKind.NEVER_UPDATED}
    assert FindingKind.NO_DATA in kinds_for(found, "lapsed")
    assert FindingKind.STALE in kinds_for(found, "stale")
    assert not kinds_for(found, "fresh") & {
        FindingKind.STALE, FindingKind.NO_DATA, FindingKind.NEVER_UPDATED
    }  # fmt: skip


def test_a_reported_rag_the_bands_do_not_give_is_a_finding_in_words():
    # Made-up figures in the shape the issue quotes: lower is better, 53.1% against 35%.
    measure = MeasureInput(
        key="M", item_key="A", name="Repeat referrals", unit="%", polarity=Polarity.LOWER,
        target=Quantity("35%", 35),
        actuals={Q1.key: Quantity("53.1%", 53.1, reported_status="green")},
    )  # fmt: skip
    found = [
        f
        for f in findings([item("A", roles=OWNED)], measures=[measure])
        if f.kind is FindingKind.REPORTED_STATUS_DISAGREES
    ]
    assert [f.message for f in found] == [
        "The measure 'Repeat referrals' is reported Green; 53.1 % against a target of 35 %, "
        "lower is better, is Red."
    ]
    assert found[0].measure_key == "M"


def test_a_reported_rag_that_agrees_or_has_nothing_to_compare_is_no_finding():
    agrees = MeasureInput(
        key="M", item_key="A", name="Calls answered", unit="%", target=Quantity("75%", 75),
        actuals={Q1.key: Quantity("76%", 76, reported_status="green")},
    )  # fmt: skip
    pending = MeasureInput(
        key="N", item_key="A", name="Satisfaction", unit="%", target=Quantity("75%", 75),
        actuals={Q1.key: Quantity("TBC", None, reported_status="red")},
    )  # fmt: skip
    found = findings([item("A", roles=OWNED)], measures=[agrees, pending])
    assert FindingKind.REPORTED_STATUS_DISAGREES not in {f.kind for f in found}


def test_a_figure_that_is_not_a_number_or_cannot_be_is_a_finding_in_its_place():
    measures = [
        # "see note" as the period's own target and as its value: kept as text, never 0.
        MeasureInput(key="note", item_key="A", name="Repairs on time",
                     targets={Q1.key: Quantity("see note")},
                     actuals={Q1.key: Quantity("see note")}),
        # A placeholder has its own finding, not this one; an aim in words is not a figure.
        MeasureInput(key="tbc", item_key="A", name="Visits", targets={Q1.key: Quantity("TBC")}),
        MeasureInput(key="aim", item_key="A", name="Trees", target=Quantity("Increase")),
        MeasureInput(key="share", item_key="A", name="Calls answered", kind="percentage",
                     target=Quantity("75%", 75), actuals={Q1.key: Quantity("130%", 130)}),
        MeasureInput(key="unit-only", item_key="A", name="Recycled", unit="%",
                     targets={Q1.key: Quantity("104%", 104)}),
        MeasureInput(key="change", item_key="A", name="Growth", unit="%", kind="other",
                     actuals={Q1.key: Quantity("150%", 150)}),
        MeasureInput(key="count", item_key="A", name="Households housed", kind="count",
                     target=Quantity("20", 20), actuals={Q1.key: Quantity("-3", -3)}),
    ]  # fmt: skip
    found = findings([item("A", roles=OWNED)], measures=measures)
    messages = {
        (f.kind, f.measure_key): f.message
        for f in found
        if f.kind in (FindingKind.NOT_A_FIGURE, FindingKind.FIGURE_IMPOSSIBLE)
    }
    assert set(messages) == {
        (FindingKind.NOT_A_FIGURE, "note"),
        (FindingKind.FIGURE_IMPOSSIBLE, "share"),
        (FindingKind.FIGURE_IMPOSSIBLE, "unit-only"),
        (FindingKind.FIGURE_IMPOSSIBLE, "count"),
    }
    notes = [f.message for f in found if f.kind is FindingKind.NOT_A_FIGURE]
    assert notes == [  # the target and the value, each in its place
        NOT_A_FIGURE_MESSAGE.format(name="Repairs on time", field=field, text="see note")
        for field in ("target for Q1 2024/25", "value for Q1 2024/25")
    ]
    assert messages[(FindingKind.FIGURE_IMPOSSIBLE, "share")] == (
        "The measure 'Calls answered': the value for Q1 2024/25 is 130%, over 100%. "
        "Check the figure."
    )
    assert "-3, a negative count" in messages[(FindingKind.FIGURE_IMPOSSIBLE, "count")]
    # Never read as 0: the period is not rated.
    assert (FindingKind.PLACEHOLDER, "tbc") in {(f.kind, f.measure_key) for f in found}
