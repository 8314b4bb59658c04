"""References as councils print them, and the parents they imply."""

import pytest

from councilplan.imports.convert import ConvertOptions, document_convert
from councilplan.imports.references import is_column_ref, ref_parent_keys


@pytest.mark.parametrize(
    ("ref", "parents"),
    [
        ("1", []),
        ("1.1.2", ["1.1", "1"]),
        ("CA1.1", ["CA1"]),
        ("KA.01.03", ["KA.01"]),
        ("2a", ["2"]),
        ("HTS-4", []),
        ("12345", []),
    ],
)
def test_a_reference_extends_the_references_it_would_sit_under(ref, parents):
    assert is_column_ref(ref)
    assert ref_parent_keys(ref) == parents


@pytest.mark.parametrize("text", ["", "Improve housing", "120.00 and more", "31/03/2026"])
def test_words_dates_and_sentences_are_no_references(text):
    assert not is_column_ref(text)


def test_references_of_four_or_more_digits_each_make_an_item(tmp_path):
    path = tmp_path / "long.csv"
    rows = ["Ref,Action,Lead officer"] + [
        f"{number},Deliver improvement {number} for residents,Jane Smith"
        for number in range(995, 1_006)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    document = document_convert(path=path, options=ConvertOptions())
    assert [item["ref"] for item in document["items"]] == [str(n) for n in range(995, 1_006)]
