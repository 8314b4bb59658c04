from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.spreadsheet_text import (
    FORMULA_TRIGGERS,
    csv_cell_neutralise,
    csv_cell_restore,
    formula_like,
)

TEXT = st.text(alphabet=st.sampled_from([*FORMULA_TRIGGERS, "'", "a", "1", " "]), max_size=8) | (
    st.text()
)


@given(TEXT)
def test_restore_undoes_neutralise_exactly(text):
    assert csv_cell_restore(csv_cell_neutralise(text)) == text


@given(TEXT)
def test_a_neutralised_cell_is_never_formula_like(text):
    assert not formula_like(csv_cell_neutralise(text))


def test_plain_text_is_left_alone():
    for text in ["Open the library", "'quoted", "", "100%", "2024-04-01"]:
        assert csv_cell_neutralise(text) == text
        assert csv_cell_restore(text) == text


def test_formula_like_text_gets_one_quote():
    assert csv_cell_neutralise("=1+1") == "'=1+1"
    assert csv_cell_neutralise("'=1+1") == "''=1+1"
    assert csv_cell_restore("'=1+1") == "=1+1"
