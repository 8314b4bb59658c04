"""Status words, bullet lists, HTML fragments and placeholders from the seed documents."""

import pytest

from councilplan.domain.missing import missing_value_kind, placeholder_inside
from councilplan.domain.statuses import status_match
from councilplan.domain.text_lists import plural, text_clean, text_items


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Green", "green"),
        ("Amber", "amber"),
        ("Red", "red"),
        ("Start Later in Year", "start-later-in-year"),
        ("Deferred until the 2021/22 Year", "deferred"),
        ("Complete", "complete"),
        ("On hold", "on-hold"),
        ("Not yet started", "not-started"),
        ("Gren", "green"),
        ("Purple", ""),
        ("", ""),
    ],
)
def test_status_words_onto_the_scheme(text, code):
    assert status_match(text) == code


def test_html_fragments_become_clean_lists():
    cell = (
        "<p>- Roll out HIC Events Programme to support HIC Businesses.</p> <p>- The "
        "implementation of a new HIC website.</p>"
    )
    assert text_items(cell) == [
        "Roll out HIC Events Programme to support HIC Businesses.",
        "The implementation of a new HIC website.",
    ]


def test_bullets_run_together_are_split():
    cell = '<ul style="list-style-type: none"> - Monthly JAG meetings were held. - Plan agreed. '
    assert text_items(cell) == ["Monthly JAG meetings were held.", "Plan agreed."]
    assert text_items("· Cabinet to agree.\n· To be presented to Council 24 February 2022.") == [
        "Cabinet to agree.",
        "To be presented to Council 24 February 2022.",
    ]


def test_dashes_inside_prose_are_not_bullets():
    text = "Ability to deliver over the next three years - most of the delivery is reliant"
    assert text_items("· " + text) == [text]
    assert text_clean("Chief Officer - Planning &amp; Regeneration") == (
        "Chief Officer - Planning & Regeneration"
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Choose an item.", "word_placeholder"),
        ("TBC", "placeholder"),
        ("- TBC.", "placeholder"),
        ("TBA", "placeholder"),
        ("Strategy", ""),
    ],
)
def test_missing_values(text, kind):
    assert missing_value_kind(text) == kind


def test_placeholders_inside_longer_text():
    assert placeholder_inside("To commence the main contract works by X.") == "by X."
    assert placeholder_inside("Current compliance. TBC") == "TBC"
    assert placeholder_inside("Baseline set") == ""


@pytest.mark.parametrize(
    ("level", "levels"),
    [
        ("Key activity", "Key activities"),
        ("Mission", "Missions"),
        ("Priority", "Priorities"),
        ("Milestone", "Milestones"),
        ("Area of focus", "Areas of focus"),
        ("Programme", "Programmes"),
        ("Workstream", "Workstreams"),
        ("Key deliverable", "Key deliverables"),
        ("Day", "Days"),
        ("Corporate objective", "Corporate objectives"),
        ("Business", "Businesses"),
    ],
)
def test_level_names_in_the_plural(level, levels):
    assert plural(level) == levels
