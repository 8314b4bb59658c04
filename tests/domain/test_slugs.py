import pytest
from django.utils.text import slugify

from councilplan.domain.slugs import slug_of

TITLES = [
    "Harlow Corporate Plan 2024/25",
    "Café & Crèche — Year 2",
    "  --Leading and trailing--  ",
    "Plan_with_underscores and   spaces",
    "Ünïcödé only: ßø",
    "",
]


@pytest.mark.parametrize("title", TITLES)
def test_a_slug_is_what_djangos_slugify_makes(title):
    assert slug_of(title) == slugify(title)


def test_a_title_becomes_lower_case_words_joined_by_hyphens():
    assert slug_of("Harlow Corporate Plan 2024/25") == "harlow-corporate-plan-202425"
