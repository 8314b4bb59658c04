"""The seed documents written out as the other kinds of file councils hold.

.docx (python-docx) and .pdf (WeasyPrint, from HTML tables) are written from the headings,
paragraphs and tables of the text export; .xlsx (openpyxl) and .csv from its lines, one row
each. The tests then import each and expect the same plan as from the text export.
"""

import csv
import html
from pathlib import Path

from councilplan.imports.readers.text_reader import text_read
from councilplan.imports.reshape import blocks_reshaped
from councilplan.imports.source import Paragraph, Table


def _blocks(seed: Path) -> list:
    return blocks_reshaped(text_read(seed.read_bytes(), file=seed.name).blocks)


def _rows(table: Table) -> list[list[str]]:
    width = max(len(row) for row in table.rows)
    return [[c.text for c in row] + [""] * (width - len(row)) for row in table.rows]


def docx_write(seed: Path, target: Path) -> Path:
    import docx

    document = docx.Document()
    for block in _blocks(seed):
        if isinstance(block, Paragraph):
            text = block.text
            if text.startswith("· "):
                document.add_paragraph(text[2:], style="List Bullet")
            else:
                document.add_paragraph(text)
            continue
        rows = _rows(block)
        table = document.add_table(rows=0, cols=len(rows[0]))
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                lines = text.split("\n")
                cell.text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
    document.save(target)
    return target


def xlsx_write(seed: Path, target: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for number, line in enumerate(seed.read_text(encoding="utf-8").splitlines(), start=1):
        for column, text in enumerate(line.split("\t"), start=1):
            if text:
                sheet.cell(row=number, column=column, value=text)
    workbook.save(target)
    return target


def csv_write(seed: Path, target: Path) -> Path:
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for line in seed.read_text(encoding="utf-8").splitlines():
            writer.writerow(line.split("\t") if line.strip() else [])
    return target


_CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 7pt; }
p { margin: 0 0 8pt 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 10pt 0; }
td { border: 0.6pt solid black; padding: 2pt; vertical-align: top; }
tr { break-inside: avoid; }
"""


def pdf_html(seed: Path) -> str:
    parts = [f"<html><head><style>{_CSS}</style></head><body>"]
    for block in _blocks(seed):
        if isinstance(block, Paragraph):
            parts.append(f"<p>{html.escape(block.text)}</p>")
            continue
        parts.append("<table>")
        for row in _rows(block):
            cells = "".join(
                f"<td>{html.escape(text).replace(chr(10), '<br>')}</td>" for text in row
            )
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def pdf_write(seed: Path, target: Path) -> Path:
    from weasyprint import HTML

    HTML(string=pdf_html(seed)).write_pdf(target)
    return target


PLAN_ROWS = [
    ("1", "Build 200 council homes", "Head of Housing", "Registered providers", "March 2026"),
    ("2", "Open the new library", "Head of Culture", "Friends of the library", "June 2025"),
    ("3", "Mend every reported pothole in 28 days", "Head of Highways", "County", "Ongoing"),
]


def plan_table_pdf(pages: int = 2) -> bytes:
    """A plain ruled plan table, one row a page, as a council prints its Word table to PDF."""
    from weasyprint import HTML

    headings = ("Ref", "Action", "Lead officer", "Partners", "Target date")
    head = "<tr>" + "".join(f"<th>{heading}</th>" for heading in headings) + "</tr>"
    body = "".join(
        f"<table style='page-break-after: always'>{head}<tr>"
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in row)
        + "</tr></table>"
        for row in PLAN_ROWS[:pages]
    )
    rules = "table { border-collapse: collapse } td, th { border: 1px solid black }"
    title = "<h1>Testborough Council corporate plan 2025/26</h1>"
    return HTML(
        string=f"<html><head><style>{rules}</style></head><body>{title}{body}</body></html>"
    ).write_pdf()
