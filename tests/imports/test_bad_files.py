"""Bad files are refused by name before a library opens them, or read correctly: zip bombs,
XML entity declarations, empty files, UTF-16 text, formulas saved without their results."""

import pytest

from councilplan.domain.problems import PlanInputError
from councilplan.imports.readers import document_read
from councilplan.imports.readers.docx_reader import docx_read
from councilplan.imports.readers.formulas import (
    MORE_UNCALCULATED_NOTE,
    NOTED_FORMULAS,
    UNCALCULATED_FORMULA_NOTE,
)
from councilplan.imports.readers.guards import (
    EMPTY_FILE_ERROR,
    MAX_COMPRESSION_RATIO,
    NO_TEXT_ERROR,
    UNPACKED_TOO_LARGE_ERROR,
    XML_DECLARATION_ERROR,
    ZIP_BOMB_ERROR,
)
from councilplan.imports.readers.sheet_reader import csv_read, xlsx_read
from councilplan.imports.readers.text_reader import text_read
from councilplan.imports.source import Table
from tests.imports import bad_files


def refusal(read, data: bytes, file: str, **options) -> str:
    """The one problem `read` refuses the file with; it must name the file."""
    with pytest.raises(PlanInputError) as raised:
        read(data, file=file, **options)
    (problem,) = raised.value.problems
    assert problem.location.file == file
    return problem.message


def cells_of(document) -> list[list[str]]:
    return [
        [cell.text for cell in row]
        for block in document.blocks
        if isinstance(block, Table)
        for row in block.rows
    ]


# --- XML entity declarations -----------------------------------------------------------------


@pytest.mark.parametrize("declaration", [bad_files.ENTITY_DECLARATION, bad_files.EXTERNAL_ENTITY])
def test_a_workbook_declaring_xml_entities_is_refused(declaration):
    data = bad_files.workbook_with_entities(declaration)
    message = refusal(xlsx_read, data, "laughs.xlsx")
    assert message == XML_DECLARATION_ERROR.format(part="xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("declaration", [bad_files.ENTITY_DECLARATION, bad_files.EXTERNAL_ENTITY])
def test_a_word_document_declaring_xml_entities_is_refused(declaration):
    data = bad_files.word_with_entities(declaration)
    message = refusal(docx_read, data, "laughs.docx")
    assert message == XML_DECLARATION_ERROR.format(part="word/document.xml")


def test_ordinary_workbooks_and_word_documents_still_read():
    assert ["1.1", "Open the library", "Jo"] in cells_of(
        xlsx_read(bad_files.workbook_bytes(), file="plan.xlsx")
    )
    assert ["1.1", "Open the library"] in cells_of(
        docx_read(bad_files.word_bytes(), file="plan.docx")
    )


# --- zip bombs -------------------------------------------------------------------------------


def test_a_workbook_unpacking_past_the_limit_is_refused_before_it_is_opened():
    data = bad_files.workbook_bomb(101 * 2**20)
    assert len(data) < 2**20
    message = refusal(xlsx_read, data, "bomb.xlsx")
    assert message.startswith(UNPACKED_TOO_LARGE_ERROR.split("{size_mb}")[0])
    assert "limit of 100 MB" in message


def test_a_word_document_unpacking_past_the_limit_is_refused():
    message = refusal(docx_read, bad_files.word_bomb(101 * 2**20), "bomb.docx")
    assert "limit of 100 MB" in message


def test_a_part_that_unpacks_a_thousandfold_is_refused_even_under_the_limit():
    message = refusal(xlsx_read, bad_files.workbook_bomb(4 * 2**20), "bomb.xlsx")
    assert message.startswith(
        ZIP_BOMB_ERROR.split("{ratio}")[0].format(part="xl/worksheets/sheet1.xml")
    )
    assert f"the limit is {MAX_COMPRESSION_RATIO} times" in message


def test_the_limit_is_the_callers_to_set():
    data = bad_files.workbook_with_picture(2 * 2**20)
    assert ["1.1", "Open the library", "Jo"] in cells_of(xlsx_read(data, file="picture.xlsx"))
    message = refusal(xlsx_read, data, "picture.xlsx", max_uncompressed_bytes=2**20)
    assert "limit of 1 MB" in message


def test_document_read_passes_the_limit_to_the_reader(tmp_path):
    path = tmp_path / "picture.xlsx"
    path.write_bytes(bad_files.workbook_with_picture(2 * 2**20))
    with pytest.raises(PlanInputError, match="limit of 1 MB"):
        document_read(path.read_bytes(), path.name, max_uncompressed_bytes=2**20)


# --- empty files -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.csv", "empty.tsv", "empty.docx"])
@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n", b"\xef\xbb\xbf \n", b"\xff\xfe"])
def test_an_empty_or_blank_file_is_refused_as_empty(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PlanInputError) as raised:
        document_read(path.read_bytes(), path.name)
    (problem,) = raised.value.problems
    assert problem.location.file == name
    assert problem.message == EMPTY_FILE_ERROR.format(file=name)


def test_a_file_with_no_text_in_it_is_refused(tmp_path):
    path = tmp_path / "blank.xlsx"
    path.write_bytes(bad_files.workbook_bytes(rows=[[None, None]]))
    with pytest.raises(PlanInputError) as raised:
        document_read(path.read_bytes(), path.name)
    assert raised.value.problems[0].message == NO_TEXT_ERROR.format(file="blank.xlsx")


# --- UTF-16 ----------------------------------------------------------------------------------

CSV_TEXT = "Ref,Action,Lead officer\r\n1.1,Open the library – phase 2,Siân Jones\r\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_csv_is_decoded_not_refused_as_binary(encoding):
    document = csv_read(CSV_TEXT.encode(encoding), file="plan.csv")
    assert ["1.1", "Open the library – phase 2", "Siân Jones"] in cells_of(document)


def test_a_utf16_text_export_is_decoded():
    text = "Corporate Plan 2024/25\n1.1\tOpen the library\tSiân Jones\n2.1\tMend roads\tAl\n"
    document = text_read(text.encode("utf-16"), file="plan.txt")
    assert document.blocks[0].text == "Corporate Plan 2024/25"
    assert ["1.1", "Open the library", "Siân Jones"] in cells_of(document)


# --- formulas without saved results ----------------------------------------------------------


def test_a_formula_without_a_saved_result_is_kept_and_noted():
    # openpyxl writes formulas without results, as a program generating a workbook does.
    data = bad_files.workbook_bytes(
        [["Ref", "Action", "Target"], ["1.1", "Open the library", "=SUM(10,5)"]]
    )
    document = xlsx_read(data, file="plan.xlsx")
    assert ["1.1", "Open the library", "=SUM(10,5)"] in cells_of(document)
    assert document.notes == [
        UNCALCULATED_FORMULA_NOTE.format(sheet="Sheet", cell="C2", formula="=SUM(10,5)")
    ]


def test_many_uncalculated_formulas_are_noted_once_each_up_to_a_limit():
    rows = [["Ref", "Action", "Target"]] + [
        [f"1.{n}", "Act", f"={n}*2"] for n in range(1, NOTED_FORMULAS + 6)
    ]
    document = xlsx_read(bad_files.workbook_bytes(rows), file="plan.xlsx")
    assert len(document.notes) == NOTED_FORMULAS + 1
    assert document.notes[-1] == MORE_UNCALCULATED_NOTE.format(count=5)


def test_a_workbook_without_formulas_has_no_formula_notes():
    assert xlsx_read(bad_files.workbook_bytes(), file="plan.xlsx").notes == []
