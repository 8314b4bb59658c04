"""Word helpers: real tables with repeating header rows, captions and alt text, language."""

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from docx.document import Document as DocumentType
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from councilplan.reports.data import StatusShown

LANGUAGE = "en-GB"
TABLE_STYLE_ID = "TableGrid"


def document_prepare(document: DocumentType, *, title: str, author: str, subject: str) -> None:
    """Title, author and language, so screen readers and search read the document right."""
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.subject = subject
    properties.language = LANGUAGE
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    run_properties = normal.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    run_properties.append(language)
    for style_name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5", "Title"):
        document.styles[style_name].font.name = "Arial"


# Style ids of python-docx's default template. Setting ids directly skips a lookup by name
# that costs milliseconds per paragraph: a 2,000-item report has tens of thousands.
STYLE_IDS = {
    "Title": "Title",
    "Caption": "Caption",
    "List Bullet": "ListBullet",
    "List Number": "ListNumber",
    **{f"Heading {n}": f"Heading{n}" for n in range(1, 10)},
}


def paragraph_add(document: DocumentType, text: str = "", style: str = "") -> Paragraph:
    """A paragraph with a style named as Word names it, added fast."""
    p = document.element.body.add_p()
    # add_p appends after sectPr; the section properties must stay last.
    sect_pr = document.element.body.sectPr
    if sect_pr is not None:
        sect_pr.addprevious(p)
    if style:
        p.style = STYLE_IDS[style]
    paragraph = Paragraph(p, document._body)
    if text:
        paragraph.add_run(text)
    return paragraph


def heading_add(document: DocumentType, text: str, level: int) -> Paragraph:
    return paragraph_add(document, text, "Title" if level == 0 else f"Heading {min(level, 9)}")


def table_add(
    document: DocumentType,
    *,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    description: str = "",
    widths: Sequence[float] | None = None,
) -> Table:
    """A table with a caption above, a header row repeated on every page, and alt text."""
    paragraph = paragraph_add(document, caption, "Caption")
    paragraph.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    properties = table._tbl.tblPr
    properties.style = TABLE_STYLE_ID
    for tag, text in (("w:tblCaption", caption), ("w:tblDescription", description or caption)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), text[:250])
        properties.append(element)
    all_rows = table.rows
    header_row = all_rows[0]
    row_properties = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row_properties.append(repeat)
    for cell, header in zip(header_row.cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(header)).bold = True
    for tr, values in zip(table._tbl.tr_lst[1:], rows, strict=True):
        for tc, value in zip(tr.tc_lst, values, strict=True):
            _cell_write(_Cell(tc, table), value)
    return table


def _cell_write(cell: Any, value: Any) -> None:
    if value is None:
        cell.text = "—"
    elif isinstance(value, StatusShown):
        cell.text = f"{value.shape} {value.word}"
    elif isinstance(value, (list, tuple)):
        paragraph = cell.paragraphs[0]
        for index, line in enumerate(value):
            if index:
                paragraph = cell.add_paragraph()
            paragraph.text = f"• {line}"
    else:
        cell.text = str(value)


def picture_add(document: DocumentType, *, png: bytes, alt_text: str, width: Any) -> None:
    """A picture with alt text (docPr's descr and title)."""
    document.add_picture(BytesIO(png), width=width)
    inline = document.inline_shapes[-1]._inline
    doc_pr = inline.docPr
    doc_pr.set("descr", alt_text[:1000])
    doc_pr.set("title", alt_text[:250])


def page_break(document: DocumentType) -> Paragraph:
    paragraph = paragraph_add(document)
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    return paragraph


def facts_add(document: DocumentType, facts: Sequence[tuple[str, str]]) -> None:
    """Label: value lines, the label in bold."""
    for label, value in facts:
        if not value:
            continue
        paragraph = paragraph_add(document)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
