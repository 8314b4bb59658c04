"""imports.pending: percentages torn off section lines find their sections, or are kept."""

from decimal import Decimal

from councilplan.domain.problems import SourceLocation
from councilplan.imports.draft import Draft
from councilplan.imports.pending import (
    MOVED_VALUE_MESSAGE,
    ORPHAN_VALUE_MESSAGE,
    PendingValues,
)
from councilplan.imports.source import Cell


def _cell(text: str, line: int) -> Cell:
    return Cell(text, SourceLocation(file="plan.txt", line=line))


def _section(draft: Draft, title: str, progress: Decimal | None = None):
    item = draft.item_new(title.lower(), "Workstream", 0, None, title, "")
    item.progress = progress
    return item


def test_a_value_printed_before_a_section_line_goes_to_that_section():
    draft = Draft(file="plan.txt")
    pending = PendingValues(draft)
    pending.hold([_cell("45%", 3)])
    housing = _section(draft, "Housing")
    pending.offer(housing)
    assert (housing.progress, housing.reported_rollup) == (Decimal(45), True)
    assert housing.cells[-1]["header"] == "(moved)"
    (anomaly,) = draft.anomalies
    assert anomaly["kind"] == "value_moved"
    assert anomaly["message"] == MOVED_VALUE_MESSAGE.format(title="Housing")
    assert (anomaly["text"], anomaly["item"]) == ("45%", "housing")


def test_values_printed_after_their_section_lines_go_to_them_in_order_when_settled():
    draft = Draft(file="plan.txt")
    pending = PendingValues(draft)
    first, second = _section(draft, "Housing"), _section(draft, "Economy")
    pending.offer(first)
    pending.offer(second)
    pending.hold([_cell("20%", 5), _cell("30%", 5)])
    pending.settle(last=second)
    assert [first.progress, second.progress] == [Decimal(20), Decimal(30)]
    assert [a["kind"] for a in draft.anomalies] == ["value_moved", "value_moved"]


def test_a_section_with_its_own_value_takes_none():
    draft = Draft(file="plan.txt")
    pending = PendingValues(draft)
    pending.hold([_cell("45%", 3)])
    printed = _section(draft, "Housing", Decimal(10))
    pending.offer(printed)
    assert printed.progress == Decimal(10)
    assert draft.anomalies == []


def test_a_value_no_section_takes_is_kept_on_the_item_above_and_said():
    draft = Draft(file="plan.txt")
    pending = PendingValues(draft)
    above = _section(draft, "Housing", Decimal(10))
    pending.hold([_cell("70%", 8)])
    pending.settle(last=above)
    assert above.progress == Decimal(10)
    kept = above.cells[-1]
    assert (kept["header"], kept["text"], kept["location"]) == (
        "(unplaced)",
        "70%",
        "plan.txt, line 8",
    )
    (anomaly,) = draft.anomalies
    assert anomaly["kind"] == "orphan_value"
    assert anomaly["message"] == ORPHAN_VALUE_MESSAGE
    assert (anomaly["text"], anomaly["item"]) == ("70", "housing")


def test_a_value_with_no_item_above_is_still_said():
    draft = Draft(file="plan.txt")
    pending = PendingValues(draft)
    pending.hold([_cell("70%", 1)])
    pending.settle(last=None)
    assert [(a["kind"], a["item"]) for a in draft.anomalies] == [("orphan_value", None)]


def test_after_settling_nothing_waits():
    draft = Draft(file="plan.txt")
    pending = PendingValues(draft)
    waiting = _section(draft, "Housing")
    pending.offer(waiting)
    pending.settle(last=waiting)
    pending.hold([_cell("45%", 9)])
    later = _section(draft, "Economy")
    pending.offer(later)
    assert waiting.progress is None
    assert later.progress == Decimal(45)
