"""Word tables as councils make them: merged cells, headings, bullets, a section cell."""

import docx

from councilplan.imports.convert import ConvertOptions, document_convert
from councilplan.imports.readers.docx_reader import docx_read


def _document(tmp_path):
    word = docx.Document()
    word.add_heading("Economy Cell", level=2)
    table = word.add_table(rows=4, cols=4)
    header = [
        "Number:",
        "Area of Focus",
        "Identified Programmes / Projects / Schemes",
        "Likely Target Timescales",
    ]
    rows = [
        ["EC1", "Support for business", "Run grant scheme", "Sep-20"],
        ["EC2", "", "Open advice centre", "October 20 and ongoing"],
        ["EC3", "Skills", "Launch apprenticeships", "TBA"],
    ]
    for cells, texts in zip(table.rows, [header, *rows], strict=True):
        for cell, text in zip(cells.cells, texts, strict=True):
            cell.text = text
    # The area of focus of EC1 spans EC2's row too, as in the printed plan.
    table.cell(1, 1).merge(table.cell(2, 1))
    word.add_paragraph("Next review in the autumn", style="List Bullet")
    path = tmp_path / "economy.docx"
    word.save(path)
    return path


def test_a_cell_merged_down_the_rows_is_read_once_and_columns_stay_aligned(tmp_path):
    source = docx_read(_document(tmp_path).read_bytes(), file="economy.docx")
    table = next(b for b in source.blocks if hasattr(b, "rows"))
    assert [c.text for c in table.rows[1]] == [
        "EC1",
        "Support for business",
        "Run grant scheme",
        "Sep-20",
    ]
    assert [c.text for c in table.rows[2]] == [
        "EC2",
        "",
        "Open advice centre",
        "October 20 and ongoing",
    ]
    assert str(table.rows[2][3].location) == "economy.docx, row 3, column 4, table 1"


def test_a_word_heading_that_names_a_cell_is_a_level(tmp_path):
    document = document_convert(
        path=_document(tmp_path), options=ConvertOptions(organisation="Example Council")
    )
    items = {item["id"]: item for item in document["items"]}
    assert items["cell-1"]["title"] == "Economy Cell"
    assert [i["id"] for i in document["items"] if i["parent"] == "cell-1"] == ["EC1", "EC2", "EC3"]
    assert items["EC2"]["title"] == "Open advice centre"
    assert items["EC2"]["timescale"]["open_ended"] is True
    assert items["EC1.1"]["timescale"]["due"] == "2020-09-30"
    assert any(a["kind"] == "placeholder" and a["text"] == "TBA" for a in document["anomalies"])
    unplaced = document["plan"]["metadata"]["unplaced_text"]
    assert unplaced[-1]["text"] == "• Next review in the autumn"
