"""imports.table_headers: the header rows are read with, and what earlier headers taught."""

from councilplan.domain.problems import SourceLocation
from councilplan.imports.draft import Draft
from councilplan.imports.header import Header, header_match
from councilplan.imports.options import LayoutOptions
from councilplan.imports.source import Cell
from councilplan.imports.table_headers import (
    LEARNED_MESSAGE,
    TableHeaders,
    numbered_levels_named,
)
from councilplan.imports.table_shape import header_by_shape


def _row(*texts: str, row: int = 1) -> list[Cell]:
    return [
        Cell(text, SourceLocation(file="plan.xlsx", row=row, column=index + 1))
        for index, text in enumerate(texts)
    ]


# A table whose header words no vocabulary knows: its columns are read by their cells.
UNKNOWN = [_row("Thing to do", "Person", row=1)] + [
    _row(f"Build the new library in the town number {n}", "Jo Bloggs", row=n + 2) for n in range(6)
]


def _guessed(headers: TableHeaders) -> Header:
    shaped = header_by_shape(UNKNOWN, LayoutOptions(columns=headers.columns_known()))
    assert shaped is not None
    return shaped[0]


def test_a_guessed_header_is_said_column_by_column_and_learned():
    draft = Draft(file="plan.xlsx")
    headers = TableHeaders(draft, LayoutOptions())
    headers.use(_guessed(headers), "plan.xlsx, row 1")
    assert headers.guessed
    assert [a["kind"] for a in draft.anomalies] == ["column_guessed", "column_guessed"]
    assert headers.columns_known() == {"Thing to do": "title", "Person": "lead_officer"}
    assert len(draft.tables) == 1
    assert draft.period_hints == ["Thing to do", "Person"]


def test_a_later_table_with_a_learned_header_word_says_where_its_reading_came_from():
    draft = Draft(file="plan.xlsx")
    headers = TableHeaders(draft, LayoutOptions())
    headers.use(_guessed(headers), "plan.xlsx, row 1")
    later = header_match(_row("Person", "Thing to do", "Status", row=20), headers.columns_known())
    assert later is not None
    assert headers.seen(later, [])
    assert not headers.guessed
    reasons = {column.name: column.reason for column in draft.tables[-1].columns}
    assert reasons["Person"] == LEARNED_MESSAGE.format(name="Person", role="lead_officer")
    assert len(draft.anomalies) == 2  # nothing more is said for what was learned


def test_the_mapping_files_words_win_over_what_was_learned():
    draft = Draft(file="plan.xlsx")
    headers = TableHeaders(draft, LayoutOptions(columns={"Person": "ignore"}))
    headers.use(_guessed(headers), "plan.xlsx, row 1")
    assert headers.columns_known()["Person"] == "ignore"


def test_a_header_printed_again_or_in_part_changes_nothing():
    draft = Draft(file="plan.xlsx")
    headers = TableHeaders(draft, LayoutOptions())
    header = header_match(_row("Ref", "Action", "Lead officer", "Status"))
    assert header is not None
    assert headers.seen(header, [])
    headers.rows_have_refs = True
    again = header_match(_row("Ref", "Action", "Lead officer", "Status", row=30))
    part = header_match(_row("Action", "Lead officer", row=31))
    assert again is not None
    assert part is not None
    assert not headers.seen(again, [])
    assert not headers.seen(part, [])
    assert headers.current is header
    assert headers.rows_have_refs
    assert len(draft.tables) == 1


def test_a_new_header_starts_with_rows_not_yet_known_to_carry_references():
    headers = TableHeaders(Draft(file="plan.xlsx"), LayoutOptions())
    first = header_match(_row("Ref", "Action", "Lead officer"))
    second = header_match(_row("Ref", "Risk description", "Mitigations", "RAG status"))
    assert first is not None
    assert second is not None
    headers.seen(first, [])
    headers.rows_have_refs = True
    assert headers.seen(second, [])
    assert not headers.rows_have_refs


def test_a_table_with_no_header_words_is_its_own_unless_it_carries_on_the_one_before():
    headers = TableHeaders(Draft(file="plan.xlsx"), LayoutOptions())
    assert headers.starts_new_table(UNKNOWN)
    header = header_match(_row("Ref", "Action", "Lead officer"))
    assert header is not None
    headers.use(header, "")
    same_width = [_row("Thing to do", "Person", "Notes")] + UNKNOWN[1:]
    assert not headers.starts_new_table(same_width)
    wider = [_row("One", "Two", "Three", "Four", "Five")]
    assert headers.starts_new_table(wider)
    assert not headers.starts_new_table([_row("1.1", "Mend the roof of the hall", "Jo Bloggs")])


def test_the_guessed_header_printed_again_on_a_new_page_is_known():
    headers = TableHeaders(Draft(file="plan.xlsx"), LayoutOptions())
    headers.use(_guessed(headers), "")
    assert headers.repeats_guessed(_row("Thing  to do", "PERSON", row=40))
    assert not headers.repeats_guessed(UNKNOWN[1])


def test_a_reference_header_with_a_slash_names_the_numbered_levels():
    named = header_match(_row("Mission / Priority", "Action", "Lead officer"))
    plain = header_match(_row("Ref", "Action", "Lead officer"))
    assert named is not None
    assert plain is not None
    assert numbered_levels_named(named) == ["Mission", "Priority"]
    assert numbered_levels_named(plain) is None
