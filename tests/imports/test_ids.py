"""imports.ids: each item's id is its own; references name their parents in a section."""

import pytest

from councilplan.imports.draft import Draft
from councilplan.imports.ids import (
    DUPLICATE_REF_MESSAGE,
    IdAllocator,
    ref_number,
    section_id,
    slug_id,
)
from councilplan.imports.vocabulary import SectionLine


def test_a_printed_reference_is_the_id_while_no_item_has_it():
    draft = Draft(file="plan.docx")
    ids = IdAllocator(draft)
    assert ids.unique("1.1", "plan.docx, row 3") == "1.1"
    assert draft.anomalies == []


def test_a_reference_printed_twice_gives_the_second_item_a_numbered_id_and_says_so():
    draft = Draft(file="plan.docx")
    ids = IdAllocator(draft)
    draft.item_new("BE6", "Action", 0, None, "First", "row 2")
    draft.item_new("BE6-2", "Action", 0, None, "Second", "row 3")
    assert ids.unique("BE6", "row 4") == "BE6-3"
    (anomaly,) = draft.anomalies
    assert anomaly["kind"] == "duplicate_ref"
    assert anomaly["message"] == DUPLICATE_REF_MESSAGE.format(ref="BE6", id="BE6-3")
    assert (anomaly["location"], anomaly["text"], anomaly["item"]) == ("row 4", "BE6", "BE6-3")


def test_an_id_is_not_taken_until_an_item_has_it():
    draft = Draft(file="plan.docx")
    ids = IdAllocator(draft)
    assert ids.unique("2", "") == ids.unique("2", "") == "2"


def test_a_given_base_is_used_in_place_of_the_reference():
    draft = Draft(file="plan.docx")
    ids = IdAllocator(draft)
    draft.item_new("objective-1", "Objective", 0, None, "Grow", "")
    assert ids.unique("One", "row 9", base="objective-1") == "objective-1-2"
    assert draft.anomalies[0]["text"] == "One"


def test_sections_are_counted_by_kind_and_rows_apart():
    ids = IdAllocator(Draft(file="plan.docx"))
    assert [ids.section_counted("theme") for _ in range(3)] == [1, 2, 3]
    assert ids.section_counted("workstream") == 1
    assert [ids.row_counted(), ids.row_counted()] == [1, 2]


def test_a_reference_extending_one_printed_in_the_section_names_it_as_parent():
    draft = Draft(file="plan.docx")
    ids = IdAllocator(draft)
    one = draft.item_new("1", "Action", 0, None, "One", "")
    one_one = draft.item_new("1.1", "Sub-action", 1, one, "One one", "")
    ids.ref_remember("1", one)
    ids.ref_remember("1.1", one_one)
    assert ids.ref_parent("1.1.2") is one_one
    assert ids.ref_parent("1.2") is one
    assert ids.ref_parent("2.1") is None


def test_references_of_an_earlier_section_extend_none_in_the_next():
    draft = Draft(file="plan.docx")
    ids = IdAllocator(draft)
    ids.ref_remember("CA1", draft.item_new("CA1", "Action", 0, None, "Cell action", ""))
    ids.section_started()
    assert ids.ref_parent("CA1.1") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("KA.01.03", "KA.01.03"), ("THE PLACE", "THE-PLACE"), ("CO 1:", "CO-1"), ("--", "item")],
)
def test_text_becomes_an_id_of_letters_digits_dots_and_hyphens(text, expected):
    assert slug_id(text) == expected


@pytest.mark.parametrize(
    ("ref", "expected"), [("One", "1"), ("first", "1"), ("IV", "4"), ("ix", "9"), ("2a", "2a")]
)
def test_numbers_in_words_and_roman_numerals_are_read_as_figures(ref, expected):
    assert ref_number(ref) == expected


@pytest.mark.parametrize(
    ("line", "level", "count", "expected"),
    [
        (SectionLine("numbered-2", "", "2.1", "Homes"), "Sub-section", 1, "2.1"),
        (SectionLine("corporate-objective", "Objective", "CO 1", "Grow"), "Objective", 1, "CO-1"),
        (SectionLine("objective", "Objective", "One", "Grow"), "Objective", 1, "objective-1"),
        (SectionLine("workstream", "Workstream", "", ""), "Workstream", 4, "workstream-4"),
        (SectionLine("roman", "Section", "II", "Renew"), "Section", 2, "section-2"),
    ],
)
def test_a_section_id_is_its_printed_number_or_its_level_and_count(line, level, count, expected):
    assert section_id(line, level, count) == expected
