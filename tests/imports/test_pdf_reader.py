"""The PDF reader on text outside ruled tables: tables printed without ruling lines, as
Word prints a table with no borders."""

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
