"""The corpus' yardstick itself: folding, matching, scoring and the dates a print means."""

from datetime import date

from tests.imports.corpus.generator import (
    date_meant,
    date_printed,
    quarter_end,
    torn,
    with_lookalikes,
)
from tests.imports.corpus.measure import document_scored, folded
from tests.imports.corpus.truth import Expected


def test_folding_undoes_look_alikes_and_odd_spaces():
    text = "Open the enterprise hub in the town centre"
    assert folded(with_lookalikes(text)) == folded(text)
    assert with_lookalikes(text) != text


def test_a_quarter_or_a_month_means_its_last_day():
    assert quarter_end(date(2026, 2, 14)) == date(2026, 3, 31)
    assert quarter_end(date(2025, 5, 1)) == date(2025, 6, 30)
    assert date_printed(date(2026, 2, 14), "quarter") == "Q4 2025/26"
    assert date_printed(date(2025, 12, 12), "month") == "Dec 2025"
    assert date_meant(date(2025, 12, 12), "month") == date(2025, 12, 31)
    assert date_printed(date(2025, 12, 12), "long") == "12 December 2025"


def test_a_torn_title_is_cut_inside_a_word():
    first, rest = torn("Open the enterprise hub")
    assert first + rest == "Open the enterprise hub"
    assert not first.endswith(" ")
    assert not rest.startswith(" ")


def _item(id_: str, title: str, parent: str | None = None, due: str = "") -> dict:
    return {"id": id_, "ref": "", "parent": parent, "title": title, "timescale": {"due": due}}


def test_the_score_counts_items_parents_and_dates_found():
    expected = [
        Expected("Grow the economy", "1", "", None),
        Expected("Open the hub", "1.1", "Grow the economy", date(2025, 12, 31)),
        Expected("Pay the grants", "1.2", "Grow the economy", date(2026, 3, 31)),
    ]
    document = {
        "items": [
            _item("1", "Section One: Grow the economy"),
            _item("1.1", "1.1 Open the hub", parent="1", due="2025-12-31"),
            _item("x", "Something else", parent="1", due="2026-03-31"),
        ]
    }

    score = document_scored(document, expected)

    assert (score.found, score.parents_right, score.dated, score.dates_right) == (2, 2, 1, 1)
    assert round(score.recall, 2) == 0.67
