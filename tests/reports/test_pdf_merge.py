"""Joining tagged PDF parts: real Typst parts, merged, then read back with poppler and pikepdf.

Each part is compiled from `pdf_merge_part.typ` (headings, links to labels, a list, an image
with alt text, tables with header rows). Every part names its header cells ("U1x0y0") and
labels ("s1") the same and numbers its structure parents from 0, so a merge that does not
renumber and rename fails these checks (`test_merging_without_renumbering_fails_the_checks`).
"""

import io
import json
import re
import subprocess
from collections import Counter
from functools import cache
from pathlib import Path

import pikepdf
import pytest
import typst

from councilplan.reports.pdf.merge import (
    NO_PARTS,
    PART_NOT_PDF,
    PART_NOT_TAGGED,
    PdfMergeError,
    tagged_pdf_merge,
)

TEMPLATE = Path(__file__).with_name("pdf_merge_part.typ")
PART_NAMES = ("A", "B", "C")


@cache
def part_compile(
    name: str,
    *,
    tagged: bool = True,
    title: str = "Section",
    long_cell: bool = False,
    opening: bool = True,
) -> bytes:
    """A part opening with a level-1 heading, then two sections, each a page with a level-2
    heading, links, a list, an image and a table. Sections are keyed s1 and s2 in every part,
    so their labels collide. A long cell runs over pages. Without its opening the part
    starts at level 2, as a later part of the report does (so not checked as PDF/UA-1 on
    its own: it lacks a level-1 heading)."""
    sections = [
        {
            "key": f"s{number}",
            "title": f"{title} {name}{number}",
            "rows": [[f"{number}.{row}", f"Do {name}{number}.{row}"] for row in (1, 2)]
            + ([[f"{number}.3", "A long commentary. " * 600]] if long_cell else []),
        }
        for number in (1, 2)
    ]
    data = {"part": name, "header": ["Ref", "Action"], "sections": sections, "opening": opening}
    inputs = {"data": json.dumps(data)}
    if not tagged or not opening:
        return typst.compile(str(TEMPLATE), sys_inputs=inputs, pdf_tags=tagged)
    return typst.compile(str(TEMPLATE), sys_inputs=inputs, pdf_standards=["ua-1"])


@pytest.fixture(scope="module")
def parts() -> list[bytes]:
    return [part_compile(name) for name in PART_NAMES]


@pytest.fixture(scope="module")
def merged_file(parts, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("merge") / "report.pdf"
    path.write_bytes(tagged_pdf_merge(parts=parts))
    return path


@pytest.fixture
def merged(merged_file):
    with pikepdf.open(merged_file) as pdf:
        yield pdf


def page_count(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def run(*command: str | Path) -> str:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=True
    ).stdout


# What the checks read: the structure tree as (element, parent) pairs and the parent tree.


def tree_entries(tree, kind: str):
    if tree is None:
        return
    flat = tree.get(kind)
    if flat is not None:
        for index in range(0, len(flat), 2):
            yield flat[index], flat[index + 1]
    for kid in tree.get("/Kids", []):
        yield from tree_entries(kid, kind)


def kids_of(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def structure_elements(pdf):
    """Every structure element with the object that lists it, depth first, in order."""
    root = pdf.Root.StructTreeRoot
    stack = [(kid, root) for kid in reversed(kids_of(root))]
    while stack:
        element, parent = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            continue
        yield element, parent
        stack.extend((kid, element) for kid in reversed(kids_of(element)))


def attributes_of(element) -> list:
    attributes = element.get("/A")
    if attributes is None:
        return []
    items = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
    return [item for item in items if isinstance(item, pikepdf.Dictionary)]


def page_of(element):
    """The page an element's marked content is on (/Pg, inherited from its ancestors)."""
    while isinstance(element, pikepdf.Dictionary):
        if "/Pg" in element:
            return element.Pg
        element = element.get("/P")
    return None


def element_claims(element) -> list[tuple[tuple[int, int], int]]:
    """The (page, MCID) pairs an element claims: its MCIDs on its page, and its marked
    content references (a cell broken across pages claims content on both)."""
    claims = []
    for kid in kids_of(element):
        if isinstance(kid, int):
            claims.append((page_of(element).objgen, kid))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            page = kid.Pg if "/Pg" in kid else page_of(element)
            claims.append((page.objgen, int(kid.MCID)))
    return claims


def content_claims(pdf) -> Counter:
    """(page, MCID) pairs that structure elements claim, counted."""
    return Counter(
        claim for element, _ in structure_elements(pdf) for claim in element_claims(element)
    )


def content_marks(pdf) -> Counter:
    """(page, MCID) pairs marked in the pages' content streams, counted."""
    marks: Counter = Counter()
    for page in pdf.pages:
        for operands, operator in pikepdf.parse_content_stream(page):
            if operator == pikepdf.Operator("BDC") and isinstance(operands[1], pikepdf.Dictionary):
                if "/MCID" in operands[1]:
                    marks[(page.objgen, int(operands[1].MCID))] += 1
    return marks


def structure_problems(pdf) -> list[str]:
    """What is wrong with the tagging of a merged PDF; empty when all is well."""
    problems = []
    parent_tree = dict(tree_entries(pdf.Root.StructTreeRoot.ParentTree, "/Nums"))
    keys = [int(page.StructParents) for page in pdf.pages]
    if len(set(keys)) != len(keys):
        problems.append(f"pages share structure parent keys: {keys}")
    for number, page in enumerate(pdf.pages, 1):
        for mcid, element in enumerate(parent_tree.get(int(page.StructParents), [])):
            if isinstance(element, pikepdf.Dictionary):
                if (page.objgen, mcid) not in element_claims(element):
                    problems.append(f"page {number} MCID {mcid} resolves to another element")
    claims, marks = content_claims(pdf), content_marks(pdf)
    if claims != marks or any(count != 1 for count in claims.values()):
        problems.append("marked content and the elements claiming it do not match one to one")
    for element, parent in structure_elements(pdf):
        if element.P != parent:
            problems.append(f"{element.S} has a /P that is not the element listing it")
    return problems


def test_pdfinfo_says_tagged_and_the_pages_add_up(parts, merged_file):
    info = run("pdfinfo", merged_file)
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1))
    assert pages == sum(page_count(part) for part in parts) == 6
    assert re.search(r"^Title:\s+Merge test report$", info, re.MULTILINE)


def test_poppler_reads_one_structure_tree_with_the_parts_in_order(merged_file):
    tree = run("pdfinfo", "-struct", merged_file).splitlines()
    assert [line for line in tree if not line.startswith(" ")] == ["Document"]
    headings = [line.strip() for line in tree if re.match(r"\s*H[12] ", line)]
    expected = []
    for name in PART_NAMES:
        expected += [f'H1 "Part {name}" (block)']
        expected += [f'H2 "Section {name}{number}" (block)' for number in (1, 2)]
    assert headings == expected


def test_the_merged_tagging_is_consistent(merged):
    assert structure_problems(merged) == []
    assert sum(content_marks(merged).values()) > 0


def test_tables_running_over_pages_stay_consistent():
    """A cell broken across a page claims content on both pages (marked content references),
    and the parent tree entries of both pages name it."""
    parts = [part_compile("A", long_cell=True), part_compile("B", long_cell=True)]
    with pikepdf.open(io.BytesIO(tagged_pdf_merge(parts=parts))) as pdf:
        assert len(pdf.pages) == sum(page_count(part) for part in parts) > 4
        references = [
            kid
            for element, _ in structure_elements(pdf)
            for kid in kids_of(element)
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR"
        ]
        assert references
        assert structure_problems(pdf) == []


def test_qpdf_finds_no_syntax_problem(merged):
    assert merged.check_pdf_syntax() == []


def test_text_in_strings_is_not_renumbered():
    """A title with nested brackets and what looks like a reference stays as written."""
    title = "Plan (phase (two (of (three (and 3 0 R)))))"
    parts = [part_compile("A"), part_compile("B", title=title)]
    with pikepdf.open(io.BytesIO(tagged_pdf_merge(parts=parts))) as pdf:
        headings = [str(element.T) for element, _ in structure_elements(pdf) if "/T" in element]
        assert f"{title} B1" in headings
        assert structure_problems(pdf) == []


def test_a_part_written_with_object_streams_is_joined_too(parts):
    """Typst writes a plain cross-reference table; other writers' parts are read as well."""
    with pikepdf.open(io.BytesIO(parts[1])) as second:
        output = io.BytesIO()
        second.save(output, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert b"/ObjStm" in output.getvalue()
    with pikepdf.open(io.BytesIO(tagged_pdf_merge(parts=[parts[0], output.getvalue()]))) as pdf:
        assert len(pdf.pages) == 4
        assert structure_problems(pdf) == []


def test_merging_without_renumbering_fails_the_checks(parts):
    """The checks above catch a merge that only appends pages and structure elements."""
    with pikepdf.open(io.BytesIO(parts[0])) as naive, pikepdf.open(io.BytesIO(parts[1])) as second:
        with pytest.warns(pikepdf.PageCopyWarning):
            naive.pages.extend(second.pages)
        copied = naive.copy_foreign(second.Root.StructTreeRoot)
        document = naive.Root.StructTreeRoot.K[0]
        for kid in kids_of(copied.K[0]):
            kid.P = document
            document.K.append(kid)
        problems = structure_problems(naive)
    assert any("share structure parent keys" in problem for problem in problems)


def test_every_page_and_link_has_its_own_parent_tree_entry(merged):
    structure = merged.Root.StructTreeRoot
    parent_tree = dict(tree_entries(structure.ParentTree, "/Nums"))
    keys = []
    for page in merged.pages:
        keys.append(int(page.StructParents))
        for annotation in page.get("/Annots", []):
            key = int(annotation.StructParent)
            keys.append(key)
            link = parent_tree[key]
            objects = [kid.Obj for kid in kids_of(link) if isinstance(kid, pikepdf.Dictionary)]
            assert annotation in objects
            assert page_of(link) == page.obj
    assert sorted(keys) == sorted(parent_tree) == list(range(len(keys)))
    assert int(structure.ParentTreeNextKey) == len(keys)


def test_ids_are_unique_and_every_header_reference_names_one(merged):
    names = [bytes(name) for name, _ in tree_entries(merged.Root.StructTreeRoot.IDTree, "/Names")]
    assert names == sorted(set(names))
    assert len(names) == 2 * 2 * len(PART_NAMES)  # two header cells, two tables a part
    ids, references = [], []
    for element, _ in structure_elements(merged):
        if "/ID" in element:
            ids.append(bytes(element.ID))
        for attribute in attributes_of(element):
            references += [bytes(header) for header in attribute.get("/Headers", [])]
    assert sorted(ids) == names
    assert references
    assert set(references) <= set(names)
    assert len(set(references)) == len(names)


def test_header_cells_of_each_part_are_named_by_that_parts_cells(merged):
    id_tree = dict(tree_entries(merged.Root.StructTreeRoot.IDTree, "/Names"))
    for element, _ in structure_elements(merged):
        for attribute in attributes_of(element):
            for header in attribute.get("/Headers", []):
                header_cell = id_tree[header]
                assert header_cell.P.P.P == element.P.P.P  # the same Table


def test_the_outline_holds_each_parts_bookmarks_in_order(merged):
    outlines = merged.Root.Outlines
    top, item, previous = [], outlines.First, None
    while item is not None:
        assert item.Parent == outlines
        assert item.get("/Prev") == previous
        top.append(str(item.Title))
        previous, item = item, item.get("/Next")
    assert previous == outlines.Last
    assert top == [f"Part {name}" for name in PART_NAMES]
    assert int(outlines.Count) == len(top)
    with pikepdf.open(io.BytesIO(part_compile("A"))) as part:
        assert int(outlines.First.Count) == int(part.Root.Outlines.First.Count)


def outline_titles(outlines) -> list:
    """The bookmarks' titles as nested lists, checking every link between them on the way:
    each item's /Parent, /Prev and /Next, its parent's /First and /Last, and /Count (the
    items are closed, so minus the number of children)."""
    titles, item, previous = [], outlines.First, None
    while item is not None:
        assert item.Parent == outlines
        assert item.get("/Prev") == previous
        titles.append(str(item.Title))
        if "/First" in item:
            children = outline_titles(item)
            assert int(item.Count) == -len(children)
            titles.append(children)
        previous, item = item, item.get("/Next")
    assert previous == outlines.Last
    return titles


def test_a_part_starting_mid_way_nests_its_bookmarks_under_the_earlier_heading():
    parts = [part_compile("A"), part_compile("B", opening=False), part_compile("C")]
    with pikepdf.open(io.BytesIO(tagged_pdf_merge(parts=parts))) as pdf:
        assert outline_titles(pdf.Root.Outlines) == [
            "Part A",
            ["Section A1", "Section A2", "Section B1", "Section B2"],
            "Part C",
            ["Section C1", "Section C2"],
        ]
        assert int(pdf.Root.Outlines.Count) == 2
        assert structure_problems(pdf) == []


def test_links_go_to_their_own_parts_sections(merged):
    destinations = dict(tree_entries(merged.Root.Names.Dests, "/Names"))
    assert len(destinations) == 2 * len(PART_NAMES)
    pages = {page.objgen: number for number, page in enumerate(merged.pages)}
    targets = []
    for number, page in enumerate(merged.pages):
        for annotation in page.get("/Annots", []):
            if "/Dest" in annotation:
                target = pages[destinations[annotation.Dest][0].objgen]
                targets.append((number, target))
    # Each section's link goes to its own heading, on the same page of the same part.
    assert targets == [(number, number) for number in range(2 * len(PART_NAMES))]


def test_the_text_comes_in_part_order(merged_file):
    text = run("pdftotext", merged_file, "-")
    positions = [text.index(f"Do {name}{number}.1") for name in PART_NAMES for number in (1, 2)]
    assert positions == sorted(positions)


def test_part_ones_catalog_and_title_are_kept(parts, merged):
    with pikepdf.open(io.BytesIO(parts[0])) as first:
        for key in ("/Lang", "/MarkInfo", "/ViewerPreferences"):
            assert merged.Root[key] == first.Root[key]
        assert merged.docinfo.Title == first.docinfo.Title
        first_metadata = first.open_metadata()
        first_xmp = first.Root.Metadata.read_bytes()
    metadata = merged.open_metadata()
    for key in ("dc:title", "dc:language", "pdfuaid:part", "xmpMM:DocumentID"):
        assert metadata.get(key) == first_metadata.get(key)
    assert metadata.get("pdfuaid:part") == "1"
    # Except the page count, which is the result's.
    pages = rb"<xmpTPg:NPages>(\d+)</xmpTPg:NPages>"
    assert re.search(pages, first_xmp).group(1) == b"2"
    assert re.search(pages, merged.Root.Metadata.read_bytes()).group(1) == b"6"


def test_role_maps_are_united_and_page_labels_follow_the_pages(parts):
    with pikepdf.open(io.BytesIO(parts[1])) as second:
        second.Root.StructTreeRoot.RoleMap.Aside = pikepdf.Name.Div
        second.Root.PageLabels = pikepdf.Dictionary(Nums=[0, pikepdf.Dictionary(S=pikepdf.Name.r)])
        output = io.BytesIO()
        second.save(output)
    with pikepdf.open(io.BytesIO(tagged_pdf_merge(parts=[parts[0], output.getvalue()]))) as pdf:
        assert pdf.Root.StructTreeRoot.RoleMap.Aside == pikepdf.Name.Div
        assert pdf.Root.StructTreeRoot.RoleMap.Strong == pikepdf.Name.Span
        assert [pikepdf.Page(page).label for page in pdf.pages] == ["1", "2", "i", "ii"]


def test_a_single_part_comes_back_unchanged(parts):
    assert tagged_pdf_merge(parts=parts[:1]) == parts[0]


def test_no_parts_is_an_error():
    with pytest.raises(PdfMergeError, match=re.escape(NO_PARTS)):
        tagged_pdf_merge(parts=[])


def test_a_part_that_is_not_a_pdf_is_named(parts):
    with pytest.raises(PdfMergeError) as error:
        tagged_pdf_merge(parts=[parts[0], b"<html>not a PDF</html>"])
    assert str(error.value).startswith(PART_NOT_PDF.split("{reason}")[0].format(part=2))


def test_a_part_that_is_not_tagged_is_named(parts):
    with pytest.raises(PdfMergeError, match=re.escape(PART_NOT_TAGGED.format(part=3))):
        tagged_pdf_merge(parts=[parts[0], parts[1], part_compile("D", tagged=False)])


def test_a_part_whose_objects_are_not_where_its_table_says_is_named(parts):
    damaged = bytearray(parts[1])
    at = damaged.find(b"\n2 0 obj")
    damaged[at : at + 8] = b"\n9 9 obj"
    with pytest.raises(PdfMergeError) as error:
        tagged_pdf_merge(parts=[parts[0], bytes(damaged)])
    assert str(error.value).startswith(PART_NOT_PDF.split("{reason}")[0].format(part=2))


# An overlay: blank pages, untagged, each saying which it is (as the report's footers do).
OVERLAY = """#set page(paper: "a4", footer: context [Stamp #counter(page).display() of {pages}])
#for _ in range({pages} - 1) {{ pagebreak() }}
"""


def overlay_compile(pages: int, folder: Path) -> bytes:
    source = folder / f"overlay-{pages}.typ"
    source.write_text(OVERLAY.format(pages=pages), encoding="utf-8")
    return typst.compile(str(source))


def test_an_overlay_is_drawn_over_each_page_as_an_artifact(parts, merged_file, tmp_path):
    path = tmp_path / "overlaid.pdf"
    path.write_bytes(tagged_pdf_merge(parts=parts, overlay=overlay_compile(6, tmp_path)))
    pages = run("pdftotext", path, "-").split("\f")
    for number in range(1, 7):
        assert f"Stamp {number} of 6" in pages[number - 1]
        assert f"Stamp {number} of 6" not in run("pdftotext", merged_file, "-")
    assert run("pdfinfo", "-struct", path) == run("pdfinfo", "-struct", merged_file)
    with pikepdf.open(path) as pdf:
        assert structure_problems(pdf) == []
        assert pdf.check_pdf_syntax() == []
        for page in pdf.pages:
            instructions = list(pikepdf.parse_content_stream(page))
            assert str(instructions[0].operator) == "q"
            marked, drawn, ended = instructions[-3:]
            assert str(marked.operator) == "BDC"
            assert marked.operands[0] == "/Artifact"
            assert marked.operands[1].Subtype == "/Footer"
            assert str(drawn.operator) == "Do"
            assert str(ended.operator) == "EMC"
            form = page.Resources.XObject[drawn.operands[0]]
            assert form.Subtype == "/Form"
            assert "/Font" in form.Resources


def test_an_overlay_of_another_length_is_refused(parts, tmp_path):
    with pytest.raises(PdfMergeError, match="5 pages for a report of 6"):
        tagged_pdf_merge(parts=parts, overlay=overlay_compile(5, tmp_path))


def test_a_single_part_with_an_overlay_is_drawn_over_too(parts, tmp_path):
    pages = page_count(parts[0])
    overlaid = tagged_pdf_merge(parts=parts[:1], overlay=overlay_compile(pages, tmp_path))
    assert overlaid != parts[0]
    with pikepdf.open(io.BytesIO(overlaid)) as pdf:
        assert structure_problems(pdf) == []
        assert len(pdf.pages) == pages
