"""The PDF reader on text outside ruled tables: tables printed without ruling lines, as
Word prints a table with no borders."""

import pytest

from councilplan.imports.readers.pdf_reader import pdf_read
from councilplan.imports.source import Table


def _pdf(body: str, css: str = "") -> bytes:
    from weasyprint import HTML

    style = f"body {{ font-family: 'DejaVu Sans', sans-serif; font-size: 10pt }} {css}"
    return HTML(
        string=f"<html><head><style>{style}</style></head><body>{body}</body></html>"
    ).write_pdf()


def _tables(data: bytes) -> list[list[list[str]]]:
    document = pdf_read(data, file="plan.pdf")
    return [
        [[cell.text for cell in row] for row in block.rows]
        for block in document.blocks
        if isinstance(block, Table)
    ]


def test_a_ligature_is_read_once():
    # DejaVu prints "ffi" of "officer" with a ligature glyph; pdfplumber lists it twice.
    data = _pdf(
        "<table style='width: 100%'><tr><td>Lead officer</td><td>Head of Housing</td></tr>"
        "<tr><td>Deputy officer</td><td>Housing Manager</td></tr></table>"
    )

    [table] = _tables(data)

    assert [row[0] for row in table] == ["Lead officer", "Deputy officer"]


HEADINGS = ("Ref", "Action", "Lead officer", "Partners", "Target date")
ROWS = (
    ("1", "Build 200 council homes for social rent", "Head of Housing", "Registered providers"),
    ("2", "Open the new library", "Head of Culture", "Friends of the library"),
    ("3", "Mend every reported pothole in 28 days", "Head of Highways", "County"),
)
DATES = ("March 2026", "June 2025", "Ongoing")


def _word_cells(padding: str) -> str:
    """Word's default cell margins (0.19 cm left and right), `padding` above and below, and
    no borders."""
    return (
        "table { border-collapse: collapse; width: 100% } td, th { text-align: left;"
        f" vertical-align: top; padding: {padding} 5.4pt }}"
    )


def _table_html(rows: list[list[str]], heading_rows: dict[int, str] | None = None) -> str:
    html = ["<table>", "".join(f"<th>{h}</th>" for h in HEADINGS)]
    for index, row in enumerate(rows):
        if heading_rows and index in heading_rows:
            html.append(f"<tr><td colspan='{len(row)}'><b>{heading_rows[index]}</b></td></tr>")
        html.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    return "".join([*html, "</table>"])


def _plan_rows() -> list[list[str]]:
    return [[*row, date] for row, date in zip(ROWS, DATES, strict=True)]


@pytest.mark.parametrize("padding", ["2pt", "0"])
def test_a_table_without_ruling_lines_is_read_by_the_gutters_between_its_columns(padding):
    # Long cells wrap ("Target" / "date", "Build 200 council homes for" / "social rent"):
    # rows stand further apart than lines (2pt), or as close, with the first column empty.
    data = _pdf(_table_html(_plan_rows()), _word_cells(padding))

    [table] = _tables(data)

    assert table == [list(HEADINGS), *_plan_rows()]


def test_a_wrapped_first_column_is_joined_when_it_goes_on_mid_sentence():
    # No reference column, rows as close as lines: "social rent" continues the title.
    rows = [row[1:] for row in _plan_rows()]
    html = _table_html(rows).replace("<th>Ref</th>", "")

    [table] = _tables(_pdf(html, _word_cells("0")))

    assert table == [list(HEADINGS[1:]), *rows]


def test_a_row_with_no_reference_stays_a_row_when_rows_stand_apart():
    rows = _plan_rows()
    rows.insert(1, ["", "Agree the sites with Cabinet", "Head of Housing", "", "May 2025"])

    [table] = _tables(_pdf(_table_html(rows), _word_cells("3pt")))

    assert [row[1] for row in table[1:]] == [row[1] for row in rows]


def test_a_heading_across_the_columns_is_a_row_of_the_table():
    data = _pdf(_table_html(_plan_rows(), {1: "Section Two: Culture"}), _word_cells("2pt"))

    [table] = _tables(data)

    assert table[2] == ["Section Two: Culture", "", "", "", ""]
    assert [row[0] for row in table] == ["Ref", "1", "Section Two: Culture", "2", "3"]


def test_paragraphs_above_and_below_a_borderless_table_stay_paragraphs():
    words = "The council will report progress on these actions to Cabinet every quarter. "
    prose = f"<p>{words * 3}</p>"
    data = _pdf(
        f"<h1>Corporate plan</h1>{prose}{_table_html(_plan_rows())}{prose}", _word_cells("2pt")
    )

    document = pdf_read(data, file="plan.pdf")

    kinds = [type(block).__name__ for block in document.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    assert document.blocks[-1].text == (words * 3).strip()
