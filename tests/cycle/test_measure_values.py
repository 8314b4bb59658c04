"""Figures recorded in a batch: all or nothing, each refusal named by its place and column,
the same rights as the update form, a figure that is no number kept as written."""

from datetime import date

import pytest

from councilplan.cycle import services as cycle
from councilplan.cycle.measure_values import (
    MEASURE_UNKNOWN_PROBLEM,
    NOT_YOURS_PROBLEM,
    PERIOD_NOT_OPEN_PROBLEM,
    PERIOD_PUBLISHED_PROBLEM,
    TWICE_PROBLEM,
    FigureEntry,
    FiguresRefusedError,
    figures_record,
)
from councilplan.editing.services import MeasureFields, measure_create
from councilplan.history.models import ChangeRecord
from councilplan.plans.models import MeasureValue
from tests.cycle.world import World, cycle_world


@pytest.fixture
def world(db) -> World:
    world = cycle_world()
    cycle.period_open(user=world.officer, period=world.period("2024-Q2"))
    return world


def _values(world: World) -> dict[tuple[str, str], MeasureValue]:
    found = MeasureValue.objects.filter(measure__item__plan=world.plan).select_related(
        "measure", "period"
    )
    return {(value.measure.key, value.period.key): value for value in found}


def test_a_batch_with_one_bad_row_saves_nothing_and_names_every_bad_place(world):
    before = _values(world)
    entries = [
        FigureEntry("A1-M1", "2024-Q2", "12", place="row 2"),
        FigureEntry("no-such", "2024-Q2", "5", place="row 3"),
        FigureEntry("A1-M1", "2024-Q2", "13", place="row 4"),
    ]
    with pytest.raises(FiguresRefusedError) as refused:
        figures_record(user=world.officer, plan=world.plan, entries=entries)
    places = [(p.place, p.column) for p in refused.value.problems]
    assert places == [("row 3", "measure"), ("row 4", "measure")]
    assert refused.value.problems[0].message == MEASURE_UNKNOWN_PROBLEM.format(key="no-such")
    assert refused.value.problems[1].message == TWICE_PROBLEM.format(
        measure="A1-M1", period="Q2 2024/25", first="row 2"
    )
    assert "row 3, column measure" in str(refused.value)
    assert _values(world) == before


def test_figures_are_read_as_the_importer_reads_them_and_history_says_who(world):
    changes_before = ChangeRecord.objects.count()
    recorded = figures_record(
        user=world.owner,
        plan=world.plan,
        entries=[FigureEntry("A1-M1", "2024-Q2", "about 14 benches", place="row 2")],
    )
    value = _values(world)[("A1-M1", "2024-Q2")]
    assert (value.text, value.value, value.comparator, value.version) == (
        "about 14 benches", 14, "=", 1,
    )  # fmt: skip
    assert recorded.values == [value]
    assert recorded.warnings == []
    assert ChangeRecord.objects.count() > changes_before
    again = figures_record(
        user=world.owner,
        plan=world.plan,
        entries=[FigureEntry("A1-M1", "2024-Q2", "about 14 benches", place="row 2")],
    )
    assert (again.values, again.unchanged) == ([], 1)


def test_a_figure_that_is_no_number_is_kept_as_text_and_said_back_never_zero(world):
    recorded = figures_record(
        user=world.officer,
        plan=world.plan,
        entries=[FigureEntry("A1-M1", "2024-Q2", "TBC", place="figures[0]")],
    )
    value = _values(world)[("A1-M1", "2024-Q2")]
    assert (value.text, value.value) == ("TBC", None)
    assert recorded.warnings == [
        "figures[0]: “TBC” is not a number; it is kept as written, not read as 0"
    ]


def test_not_yet_available_is_not_a_zero_and_keeps_its_expected_date(world):
    figures_record(
        user=world.officer,
        plan=world.plan,
        entries=[
            FigureEntry(
                "A1-M1", "2024-Q2", "", state="not_yet_available", expected_on=date(2024, 11, 30)
            )
        ],
    )
    value = _values(world)[("A1-M1", "2024-Q2")]
    assert (value.state, value.value, value.expected_on) == (
        "not_yet_available", None, date(2024, 11, 30),
    )  # fmt: skip


def test_an_owner_records_only_their_items_and_only_in_an_open_period(world):
    measure_create(
        user=world.officer,
        item=world.item("B1"),
        values=MeasureFields(name="Trees planted", target_text="500"),
        key="B1-M1",
    )
    with pytest.raises(FiguresRefusedError) as refused:
        figures_record(
            user=world.owner,
            plan=world.plan,
            entries=[
                FigureEntry("B1-M1", "2024-Q2", "20", place="row 2"),
                FigureEntry("A1-M1", "2024-Q3", "20", place="row 3"),
            ],
        )
    assert [p.message for p in refused.value.problems] == [
        NOT_YOURS_PROBLEM.format(measure="B1-M1"),
        PERIOD_NOT_OPEN_PROBLEM.format(period="Q3 2024/25", state="not yet open"),
    ]
    # A performance officer records a figure reported late, in a period not open.
    figures_record(
        user=world.officer,
        plan=world.plan,
        entries=[FigureEntry("A1-M1", "2024-Q3", "20"), FigureEntry("B1-M1", "2024-Q2", "3")],
    )
    assert _values(world)[("B1-M1", "2024-Q2")].value == 3


def test_a_published_period_is_locked_even_for_a_performance_officer(world):
    cycle.period_publish(user=world.officer, period=world.period("2024-Q2"))
    with pytest.raises(FiguresRefusedError) as refused:
        figures_record(
            user=world.officer,
            plan=world.plan,
            entries=[FigureEntry("A1-M1", "2024-Q2", "20", place="row 2")],
        )
    assert refused.value.problems[0].message == PERIOD_PUBLISHED_PROBLEM.format(period="Q2 2024/25")


def test_a_figure_based_on_an_old_version_is_refused(world):
    entry = FigureEntry("A1-M1", "2024-Q2", "9", based_on_version=0)
    figures_record(user=world.officer, plan=world.plan, entries=[entry])
    with pytest.raises(FiguresRefusedError) as refused:
        figures_record(user=world.owner, plan=world.plan, entries=[entry])
    assert refused.value.problems[0].column == "version"
    assert _values(world)[("A1-M1", "2024-Q2")].version == 1


def test_another_councils_officer_records_nothing(world):
    with pytest.raises(FiguresRefusedError) as refused:
        figures_record(
            user=world.outsider,
            plan=world.plan,
            entries=[FigureEntry("A1-M1", "2024-Q2", "9", place="row 2")],
        )
    assert refused.value.problems[0].message == NOT_YOURS_PROBLEM.format(measure="A1-M1")
