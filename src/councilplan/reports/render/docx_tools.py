"""Word helpers: real tables with repeating header rows, captions and alt text, language."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from docx.document import Document as DocumentType
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from councilplan.reports.data import (
    ANY_SHAPE,
    RAG_TEXT_COLOURS,
    StatusShown,
    status_split,
)

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
    "TOC Heading": "TOCHeading",
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
    """A table with a caption above, a header row repeated on every page, and alt text."""
    body_append(
        document, table_xml(caption=caption, headers=headers, rows=rows, description=description)
    )
    return Table(document.element.body.sectPr.getprevious(), document._body)


def table_xml(
    *,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    description: str = "",
) -> list[str]:
    """A caption (kept with its table) and a table with a header row repeated on every page
    and alt text, as WordprocessingML: building a 2,000-row table cell by cell through
    python-docx takes seconds."""
    width = TEXT_WIDTH_DXA // max(len(headers), 1)
    parts = [
        "<w:tbl><w:tblPr>",
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
    caption_xml = paragraph_xml(plain_runs_xml(caption), "Caption", keep_with_next=True)
    return [caption_xml, "".join(parts)]


def body_append(document: DocumentType, pieces: Sequence[str]) -> None:
    """Paragraphs and tables written as WordprocessingML, one element a piece, added at the
    body's end (before the section properties, which stay last) in one parse: python-docx's
    own calls cost a millisecond a paragraph, and a 2,000-item report has thousands."""
    if not pieces:
        return
    # Each piece declares the namespace it is written in: an element moved into the document
    # from a parent that declared it has every element under it looked up again (seconds).
    declared = (TOP_ELEMENT.sub(rf"<\1 {W_NAMESPACE}", piece, count=1) for piece in pieces)
    parsed = parse_xml(f"<w:body {W_NAMESPACE}>{''.join(declared)}</w:body>")
    body = document.element.body
    sect_pr = body.sectPr
    for element in list(parsed):
        if sect_pr is None:
            body.append(element)
        else:
            sect_pr.addprevious(element)


W_NAMESPACE = nsdecls("w")
TOP_ELEMENT = re.compile(r"^<(w:\w+)")


def paragraph_xml(runs: str = "", style: str = "", *, keep_with_next: bool = False) -> str:
    """A paragraph of `runs` (see `runs_xml`) with a style named as Word names it."""
    properties = f'<w:pStyle w:val="{STYLE_IDS[style]}"/>' if style else ""
    if keep_with_next:
        properties += "<w:keepNext/>"
    return f"<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>" if properties else f"<w:p>{runs}</w:p>"


def page_break_xml() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def facts_xml(facts: Sequence[tuple[str, str]]) -> list[str]:
    """Label: value lines, the label in bold, a status in its colour."""
    return [
        paragraph_xml(plain_runs_xml(f"{label}: ", bold=True) + runs_xml(value))
        for label, value in facts
        if value
    ]


# The text width of the page `document_prepare` sets (A4, 2 cm margins: 17 cm), in twentieths
# of a point; Word stretches auto-width tables to fit whatever page the council uses.
TEXT_WIDTH_DXA = 9638
# Characters XML 1.0 forbids (Word exports sometimes carry them).
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class CellPicture:
    """A picture already added to the document's package (its relationship id), to be drawn
    in line with the text (see `picture_xml`)."""

    rel_id: str
    width_emu: int
    height_emu: int
    alt_text: str
    shape_id: int
    name: str = "Trend"  # the drawing's name (Word's selection pane), with its id
    file_name: str = "trend.png"


def _cell_xml(value: Any, width: int, *, bold: bool = False) -> str:
    if isinstance(value, CellPicture):
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"<w:p><w:r>{picture_xml(value)}</w:r></w:p></w:tc>"
        )
    if value is None:
        paragraphs = paragraph_xml(runs_xml("—", bold))
    elif isinstance(value, StatusShown):
        paragraphs = paragraph_xml(runs_xml(f"{value.shape} {value.word}", bold))
    elif isinstance(value, (list, tuple)):
        paragraphs = (
            "".join(paragraph_xml(runs_xml(f"• {line}", bold)) for line in value) or "<w:p/>"
        )
    else:
        paragraphs = paragraph_xml(runs_xml(str(value), bold))
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>'


def runs_xml(text: str, bold: bool = False) -> str:
    """Runs whose line breaks are Word line breaks; a line that starts with a status shape has
    the status in its colour, bold (the word and shape say it; colour helps)."""
    if not ANY_SHAPE.search(text):
        return plain_runs_xml(text, bold)
    text = XML_FORBIDDEN.sub("", text)
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    parts = []
    for number, line in enumerate(text.split("\n")):
        if number:
            parts.append("<w:r><w:br/></w:r>")
        parts.extend(
            f"<w:r>{run_properties if colour is None else _status_properties(colour)}"
            f'<w:t xml:space="preserve">{escape(words)}</w:t></w:r>'
            for words, colour in status_runs(line)
        )
    return "".join(parts)


def plain_runs_xml(text: str, bold: bool = False) -> str:
    """Text as one run, no status coloured (a heading, a caption), its line breaks kept."""
    if not text:
        return ""
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    lines = XML_FORBIDDEN.sub("", text).split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{run_properties}{runs}</w:r>"


def status_runs(line: str) -> list[tuple[str, str | None]]:
    """A line as runs of (text, colour): "▲ Red (reported)" has "▲ Red" in red and the
    rest plain; a line that starts with no status shape is one plain run."""
    rag, status, rest = status_split(line)
    if rag is None:
        return [(line, None)]
    runs: list[tuple[str, str | None]] = [(status, RAG_TEXT_COLOURS[rag].lstrip("#"))]
    if rest:
        runs.append((rest, None))
    return runs


def _status_properties(colour: str) -> str:
    return f'<w:rPr><w:b/><w:color w:val="{colour}"/></w:rPr>'


def picture_xml(picture: CellPicture) -> str:
    """A picture drawn in line with the text, its alt text as docPr's descr and title."""
    alt = _attribute(picture.alt_text[:1000])
    return (
        f"<w:drawing {nsdecls('w', 'wp', 'a', 'pic', 'r')}>"
        f'<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{picture.width_emu}" cy="{picture.height_emu}"/>'
        f'<wp:docPr id="{picture.shape_id}" name="{picture.name} {picture.shape_id}" '
        f'descr="{alt}" '
        f'title="{alt[:250]}"/>'
        "<wp:cNvGraphicFramePr>"
        '<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{picture.shape_id}" name="{picture.file_name}"/>'
        "<pic:cNvPicPr/></pic:nvPicPr>"
        f'<pic:blipFill><a:blip r:embed="{picture.rel_id}"/>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{picture.width_emu}" cy="{picture.height_emu}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def _attribute(text: str) -> str:
    return escape(XML_FORBIDDEN.sub("", text), {'"': "&quot;", "\n": " "})


def page_break(document: DocumentType) -> Paragraph:
    paragraph = paragraph_add(document)
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    return paragraph


def field_add(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A Word field (PAGE, NUMPAGES…) added to a paragraph already in the document (a
    footer's): the runs of `field_runs_xml`."""
    runs = parse_xml(f"<w:p {nsdecls('w')}>{field_runs_xml(instruction, shown)}</w:p>")
    for run in list(runs):
        paragraph._p.append(run)


def field_runs_xml(instruction: str, shown: str = "") -> str:
    """A Word field (TOC…) as runs: Word works out its value, shows `shown` until then."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'{plain_runs_xml(shown)}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def page_numbers_add(document: DocumentType, footer_text: str) -> None:
    """ "Page N of M" in every section's footer, after the report's title."""
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.text = ""
        paragraph.add_run(f"{footer_text}    Page ")
        field_add(paragraph, "PAGE", "1")
        paragraph.add_run(" of ")
        field_add(paragraph, "NUMPAGES", "1")
        for run in paragraph.runs:
            run.font.size = Pt(8)


def fields_update_on_open(document: DocumentType) -> None:
    """Ask Word to work out the contents and page numbers when the document is opened."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
