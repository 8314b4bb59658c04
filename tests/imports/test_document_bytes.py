"""A document is read from its bytes and its name: a file once, an upload never written to disk."""

import json

import pytest

from councilplan.domain.problems import PlanInputError
from councilplan.imports.convert import ConvertOptions, bytes_convert, options_for_file
from councilplan.imports.readers import (
    UNKNOWN_KIND_ERROR,
    UNREADABLE_ERROR,
    document_read,
    file_bytes,
)
from councilplan.interchange.documents import document_from_bytes, document_from_path
from tests.imports.seeds import RECOVERY, seed_document, seed_path

ROWS = "Ref\tAction\tLead officer\n1\tOpen the library\tSiân Jones\n2\tMend the roof\tAl Khan\n"


def test_bytes_are_read_as_the_kind_their_name_says_with_no_file_on_disk():
    source = document_read(ROWS.encode("utf-8"), "plan.txt")
    assert source.file == "plan.txt"
    assert "Open the library" in "\n".join(source.text_lines)


def test_an_unknown_kind_of_name_is_refused_naming_the_file():
    with pytest.raises(PlanInputError) as raised:
        document_read(b"anything", "plan.odt")
    (problem,) = raised.value.problems
    assert problem.location.file == "plan.odt"
    assert problem.message == UNKNOWN_KIND_ERROR.format(suffix=".odt")


def test_a_file_that_cannot_be_read_is_refused_naming_it(tmp_path):
    with pytest.raises(PlanInputError) as raised:
        file_bytes(tmp_path / "gone.docx")
    (problem,) = raised.value.problems
    assert problem.location.file == "gone.docx"
    assert problem.message.startswith(UNREADABLE_ERROR.split("{")[0])


def test_a_seeds_bytes_convert_as_its_file_does():
    options = ConvertOptions(mapping=seed_path(RECOVERY, ".toml"))
    data = seed_path(RECOVERY).read_bytes()
    converted = bytes_convert(data=data, name=seed_path(RECOVERY).name, options=options)
    assert converted == seed_document(RECOVERY)


def test_the_mapping_file_beside_a_document_is_named_unless_another_is(tmp_path):
    document = tmp_path / "plan.txt"
    document.write_text(ROWS, encoding="utf-8")
    assert options_for_file(document, None).mapping is None
    beside = tmp_path / "plan.toml"
    beside.write_text('[plan]\ntitle = "Beside"\n', encoding="utf-8")
    assert options_for_file(document, None).mapping == beside
    other = tmp_path / "other.toml"
    assert options_for_file(document, ConvertOptions(mapping=other)).mapping == other


def test_an_upload_is_read_from_its_bytes_as_the_same_file_would_be(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(ROWS, encoding="utf-8")
    from_bytes = document_from_bytes(path.read_bytes(), "plan.txt")
    assert from_bytes == document_from_path(path)
    assert [item["title"] for item in from_bytes["items"]] == ["Open the library", "Mend the roof"]


def test_an_open_format_upload_is_parsed_from_its_bytes():
    document = seed_document(RECOVERY)
    data = json.dumps(document).encode("utf-8")
    assert document_from_bytes(data, "plan.json")["plan"] == document["plan"]
