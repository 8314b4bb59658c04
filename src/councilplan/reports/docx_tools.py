"""Word helpers: real tables with repeating header rows, captions and alt text, language."""

import re
from collections.abc import Sequence
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from docx.document import Document as DocumentType
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import Table
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
    for section in document.sections:  # A4, as English councils print
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
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
) -> Table:
    """A table with a caption above, a header row repeated on every page, and alt text.

    Written as one piece of WordprocessingML: building a 2,000-row table cell by cell through
    python-docx takes seconds."""
    paragraph = paragraph_add(document, caption, "Caption")
    paragraph.paragraph_format.keep_with_next = True
    width = TEXT_WIDTH_DXA // max(len(headers), 1)
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>",
        f'<w:tblStyle w:val="{TABLE_STYLE_ID}"/><w:tblW w:w="0" w:type="auto"/>',
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>',
        f'<w:tblCaption w:val="{_attribute(caption[:250])}"/>',
        f'<w:tblDescription w:val="{_attribute((description or caption)[:250])}"/>',
        "</w:tblPr><w:tblGrid>",
        f'<w:gridCol w:w="{width}"/>' * len(headers),
        '</w:tblGrid><w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>',
        *(_cell_xml(header, width, bold=True) for header in headers),
        "</w:tr>",
    ]
    for values in rows:
        parts.append("<w:tr>")
        parts.extend(_cell_xml(value, width) for value in values)
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    tbl = parse_xml("".join(parts))
    document.element.body.sectPr.addprevious(tbl)
    return Table(tbl, document._body)


# The text width of the page `document_prepare` sets (A4, 2 cm margins: 17 cm), in twentieths
# of a point; Word stretches auto-width tables to fit whatever page the council uses.
TEXT_WIDTH_DXA = 9638
# Characters XML 1.0 forbids (Word exports sometimes carry them).
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cell_xml(value: Any, width: int, *, bold: bool = False) -> str:
    if value is None:
        paragraphs = _paragraph_xml("—", bold)
    elif isinstance(value, StatusShown):
        paragraphs = _paragraph_xml(f"{value.shape} {value.word}", bold)
    elif isinstance(value, (list, tuple)):
        paragraphs = "".join(_paragraph_xml(f"• {line}", bold) for line in value) or "<w:p/>"
    else:
        paragraphs = _paragraph_xml(str(value), bold)
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>'


def _paragraph_xml(text: str, bold: bool) -> str:
    """A paragraph whose line breaks are Word line breaks."""
    text = XML_FORBIDDEN.sub("", text)
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    runs = "<w:br/>".join(
        f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n")
    )
    return f"<w:p><w:r>{run_properties}{runs}</w:r></w:p>"


def _attribute(text: str) -> str:
    return escape(XML_FORBIDDEN.sub("", text), {'"': "&quot;", "\n": " "})


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
