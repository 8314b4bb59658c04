import pytest
from django.utils.text import slugify
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.slugs import slug_of

TITLES = [
    "Harlow Corporate Plan 2024/25",
    "Café & Crèche — Year 2",
    "  --Leading and trailing--  ",
    "Plan_with_underscores and   spaces",
    "Ünïcödé only: ßø",
    "",
    # what the importer names plans from: accents, punctuation, look-alikes, long titles
    "Señor Ñoño's Plan: Ærø, Œuvre, Ça va?",
    "Council Plan 2024–2028 (Q1 update) – ‘Our Place’, “Our Future”!",
    "ﬁnancial plan № 3 ½ year ™",
    "Tab\tand\nnew line, non\u00a0breaking and zero\u200bwidth",
    "Recovery Plan:\u2003Workstream #1 @ £3.3m / 50% done…",
    "Sectiоn with a Cyrillic о",
    "Harlow Council Covid-19 recovery plan " * 8,
    "---___---",
]


@pytest.mark.parametrize("title", TITLES)
def test_a_slug_is_what_djangos_slugify_makes(title):
    assert slug_of(title) == slugify(title)


@pytest.mark.parametrize("title", TITLES)
def test_a_long_titles_slug_cut_to_an_id_is_djangos_cut_too(title):
    assert slug_of(title)[:90] == slugify(title)[:90]


@given(st.text(max_size=200))
def test_any_text_slugs_as_djangos_slugify_does(text):
    assert slug_of(text) == slugify(text)


def test_a_title_becomes_lower_case_words_joined_by_hyphens():
    assert slug_of("Harlow Corporate Plan 2024/25") == "harlow-corporate-plan-202425"
