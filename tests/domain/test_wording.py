"""Plain words shared by pages, reports and e-mails (issue 16, part 3)."""

from datetime import date

import pytest

from councilplan.domain.wording import (
    change_sentence,
    cut_at_word,
    figure_text,
    percent_text,
    plural,
    share_text,
    value_text,
    values_differ,
    words_match,
)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (2.9411764705882355, "2.9%"),  # was printed unrounded on the dashboard
        (14.285714285714286, "14%"),
        (12.5, "13%"),  # halves round up, as people expect
        (9.96, "10%"),
        (9.94, "9.9%"),
        (5.0, "5%"),
        (0, "0%"),
        (100, "100%"),
        (None, ""),
    ],
)
def test_shares_are_rounded_as_councils_print_them(value, printed):
    assert percent_text(value) == printed


def test_a_share_of_a_count():
    assert share_text(1, 34) == "2.9%"
    assert share_text(1, 7) == "14%"
    assert share_text(0, 0) == "0%"


@pytest.mark.parametrize(
    ("count", "noun", "words"),
    [(1, "item", "1 item"), (3, "item", "3 items"), (1, "overdue notice", "1 overdue notice"),
     (2, "activity", "2 activities"), (0, "update", "0 updates")],
)  # fmt: skip
def test_plurals(count, noun, words):
    assert plural(count, noun) == words


def test_titles_are_cut_at_a_word_with_an_ellipsis():
    title = "Deliver the new leisure centre at Harlow town park by 2026"
    cut = cut_at_word(title, 30)
    assert cut == "Deliver the new leisure…"
    assert len(cut) <= 30
    assert cut_at_word("Short title", 30) == "Short title"
    assert cut_at_word("Supercalifragilistic", 10) == "Supercali…"


def test_search_matches_word_starts_not_inside_words():
    assert not words_match("EV", "Make every home warmer")
    assert words_match("EV", "Install EV charging points")
    assert words_match("ev charg", "Install EV charging points")
    assert not words_match("harg", "Install EV charging points")
    assert words_match("leis", "The new leisure centre")
    assert not words_match("leisure pool", "The new leisure centre")


def test_values_are_written_as_people_write_them():
    assert value_text("2025-09-30") == "30 Sep 2025"
    assert value_text(date(2025, 12, 31)) == "31 Dec 2025"
    assert value_text("30.00") == "30"
    assert value_text("12.50") == "12.5"
    assert value_text("") == "blank"
    assert value_text("True") == "yes"


def test_a_number_written_differently_is_not_a_change():
    assert not values_differ("30.00", "30")
    assert not values_differ(None, "")
    assert values_differ("30", "31")


def test_a_change_reads_as_a_sentence():
    assert (
        change_sentence("Jane Greer", "Due date", "2025-09-30", "2025-12-31")
        == "Jane Greer changed the due date from 30 Sep 2025 to 31 Dec 2025"
    )
    assert change_sentence("Jane Greer", "Percent complete", None, "40.00") == (
        "Jane Greer set the percent complete to 40"
    )
    assert change_sentence("Jane Greer", "Commentary", "Old words", "") == (
        "Jane Greer cleared the commentary (it was Old words)"
    )


@pytest.mark.parametrize(
    ("value", "printed"),
    [(19625.0, "19,625"), (53.1, "53.1"), (0.25, "0.25"), (2.005, "2"), (-3.0, "-3"), (None, "")],
)
def test_figures_are_printed_as_a_table_prints_them(value, printed):
    assert figure_text(value) == printed
