"""The PDF report: its outline cut into parts, each laid out by Typst, merged into one."""

import re
import subprocess
from io import BytesIO

import pikepdf
import pytest

from councilplan.reports.pdf import report as render_pdf
from councilplan.reports.pdf.report import (
    PdfRenderError,
    blocks_in_parts,
    cell_runs,
    part_compile,
)
from councilplan.reports.services import report_render


def _table(rows: int, caption: str = "Actions") -> dict:
    return {
        "kind": "table",
        "caption": caption,
        "header": ["Action", "Commentary"],
        "rows": [[f"A{n}", "words " * 20] for n in range(rows)],
        "widths": None,
        "numbers": [],
    }


def test_parts_keep_every_block_and_row_in_order_and_say_where_a_table_continues():
    blocks = [
        {"kind": "heading", "level": 1, "text": "Report"},
        _table(40),
        {"kind": "paragraph", "text": "Between the tables."},
        _table(3, caption="Measures"),
    ]
    budget = 2_000
    parts = list(blocks_in_parts(blocks, budget=budget))

    assert len(parts) > 3
    flat = [block for part in parts for block in part]
    rows = [row for b in flat if b.get("caption", "").startswith("Actions") for row in b["rows"]]
    assert rows == blocks[1]["rows"]
    pieces = [block for block in flat if block["kind"] == "table"]
    assert pieces[0]["caption"] == "Actions"
    assert all(p["caption"] == "Actions (continued)" for p in pieces[1:-1])
    assert [b["kind"] for b in flat if b["kind"] != "table"] == ["heading", "paragraph"]
    assert flat[-1]["caption"] == "Measures"
    for part in parts:
        cost = sum(render_pdf._cost(row) for b in part for row in b.get("rows", [b]))
        assert cost <= budget + render_pdf._cost(blocks[1]["rows"][0])


def test_one_part_when_everything_fits():
    blocks = [{"kind": "heading", "level": 1, "text": "Report"}, _table(5)]
    assert list(blocks_in_parts(blocks, budget=1_000_000)) == [blocks]


def test_a_status_line_is_coloured_by_its_shape_and_its_source_is_not():
    runs = cell_runs("▲ Red (suggested by the evidence)\n0% done")
    assert runs == [["red", "▲ Red"], ["muted", " (suggested by the evidence)"], "\n", "0% done"]
    assert cell_runs("● Green") == [["green", "● Green"]]
    assert cell_runs("Plain words") == "Plain words"
    assert cell_runs(["first", "second"]) == "• first\n• second"
    assert cell_runs(None) == "—"


def test_a_part_typst_refuses_is_reported_with_its_number():
    part = {
        "title": "Broken",
        "author": "Test",
        "description": "",
        "footer": "",
        "first_page": 1,
        "blocks": [{"kind": "table", "caption": "No header"}],
    }
    with pytest.raises(PdfRenderError, match=r"part 2 of 5"):
        part_compile(part, first=False, label="2 of 5")


def _pages_text(pdf: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.mark.django_db
def test_a_report_in_many_parts_is_one_tagged_pdf_numbered_through(
    harlow_plan, harlow_q1, monkeypatch
):
    one_part = report_render(plan=harlow_plan, period=harlow_q1, format="pdf")
    monkeypatch.setattr(render_pdf, "PART_BUDGET", 25_000)
    compiled = []
    real_compile = render_pdf.part_compile

    def counting_compile(part, **kwargs):
        compiled.append(kwargs["first"])
        return real_compile(part, **kwargs)

    monkeypatch.setattr(render_pdf, "part_compile", counting_compile)
    pdf = report_render(plan=harlow_plan, period=harlow_q1, format="pdf")

    # Every part laid out once, which tells each part's pages; then the part with the
    # contents again, to print their page numbers. The footers ("Page N of M") are laid out
    # alone and drawn over the pages, so the other parts are not laid out twice.
    parts = len(compiled) - 1
    assert parts > 4
    # Only the first part is checked as PDF/UA as Typst writes it.
    assert compiled == [True] + [False] * (parts - 1) + [True]
    pages = _pages_text(pdf)
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"Page {number} of {len(pages)}"), (number, page[-60:])
    text = " ".join(pages)
    order = ["Summary", "The plan in full", "Risk register", "How this report is worked out"]
    assert [text.index(heading) for heading in order] == sorted(
        text.index(heading) for heading in order
    )
    assert "(continued)" in text
    assert len(pages) >= len(_pages_text(one_part))
    _assert_contents_point_at_their_pages(pages)
    with pikepdf.open(BytesIO(pdf)) as document:
        assert str(document.Root.Lang) == "en-GB"
        assert document.Root.MarkInfo.Marked
        with document.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        assert str(document.docinfo.Title) == harlow_plan.title + (
            ": performance report, Q1 2024/25"
        )
        assert all("/StructParents" in page.obj for page in document.pages)


def _assert_contents_point_at_their_pages(pages: list[str]) -> None:
    contents = pages[1]
    assert contents.startswith("Contents")
    for heading in ("Executive summary", "Data-quality findings", "Risk register"):
        match = re.search(re.escape(heading) + r"[ .]*(\d+)", contents)
        assert match, heading
        page = int(match[1])
        assert page > 2
        assert heading in pages[page - 1], (heading, page)
        assert heading not in " ".join(pages[2 : page - 1]), (heading, page)


@pytest.mark.django_db
def test_a_report_in_one_part_has_a_cover_contents_and_page_n_of_m(harlow_plan, harlow_q1):
    pages = _pages_text(report_render(plan=harlow_plan, period=harlow_q1, format="pdf"))
    cover = pages[0]
    for fact in ("Council Harlow Council", "Period Q1 2024/25", "Status of publication Draft"):
        assert fact in " ".join(cover.split()), fact
    assert pages[2].startswith("Executive summary")
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"Page {number} of {len(pages)}"), (number, page[-60:])
    _assert_contents_point_at_their_pages(pages)


def _one_part(*blocks: dict) -> dict:
    return {
        **render_pdf.document_settings(
            title="Owners' words", author="Test", description="", footer="Footer"
        ),
        "first_page": 1,
        "blocks": [{"kind": "heading", "level": 1, "text": "Owners' words"}, *blocks],
    }


def test_emoji_in_an_owners_words_are_drawn_in_the_accessible_pdf():
    words = "Launched on time 🎉 and the residents liked it 👍"
    pdf = part_compile(_one_part({"kind": "paragraph", "text": words}), first=True, label="1 of 1")

    text = _pages_text(pdf)[0]
    # poppler reads a bitmap glyph's line out of order, so each piece is looked for apart
    assert all(piece in text for piece in ("Launched on time", "🎉", "the residents liked it 👍"))
    # Still PDF/UA: had no font drawn them, Typst's check would have refused the part and it
    # would have been laid out again without the claim (see the next test).
    with pikepdf.open(BytesIO(pdf)) as document, document.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"


def test_a_character_no_font_can_draw_still_gives_a_report():
    # U+17000 is a Tangut ideograph: none of the report's fonts draws it, which Typst's
    # PDF/UA check refuses outright.
    pdf = part_compile(
        _one_part({"kind": "paragraph", "text": "Code \U00017000 from a legacy system"}),
        first=True,
        label="1 of 1",
    )
    assert "from a legacy system" in _pages_text(pdf)[0]


def _word_boxes(pdf: bytes) -> tuple[float, list[tuple[str, float]]]:
    """The page width and each word's right edge, in points, from poppler's layout."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    words = re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', html)
    return width, [(text, float(right)) for right, text in words]


def test_a_long_unbroken_string_breaks_inside_the_page_in_text_and_in_tables():
    # no hyphens: poppler drops a hyphen that ends a line when it extracts the text
    link = "https://www.example.gov.uk/" + "averylongpathsegment_" * 8
    table = {
        "kind": "table",
        "caption": "Updates",
        "header": ["Ref", "Commentary"],
        "rows": [["1", "x" * 400], ["2", link]],
        "widths": None,
        "numbers": [],
    }
    pdf = part_compile(
        _one_part({"kind": "paragraph", "text": "See " + link}, table), first=True, label="1 of 1"
    )

    width, words = _word_boxes(pdf)
    right_margin = 15 * 72 / 25.4
    assert words
    assert max(right for _, right in words) <= width - right_margin + 1, words
    text = "".join(_pages_text(pdf)).replace(" ", "")
    assert "x" * 400 in text
    assert text.count(link) == 2  # whole when copied out: nothing inserted where it breaks
