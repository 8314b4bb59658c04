"""Join separately compiled, tagged PDF parts into one tagged PDF (PDF/UA-1).

Typst holds about 1.2 GB compiling a 1,000-page report and never gives it back within a
process, so the report is compiled in parts in short-lived processes and joined here. A
plain page merge would lose accessibility: every part numbers its structure parents from 0,
names its table header cells and destinations the same way ("U1x0y0", labels) and has its
own structure tree and outline. This module renumbers, renames and splices them so the
result has one structure tree, one parent tree, one ID tree and one outline.

The first part is the base: its catalog (language, XMP metadata, mark info, viewer
preferences) and document information (title) are the result's.
"""

import io
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pikepdf

NO_PARTS = "There are no parts to merge into a PDF report."
PART_NOT_PDF = "Part {part} of the PDF report is not a readable PDF ({reason})."
PART_NOT_TAGGED = (
    "Part {part} of the PDF report is not a tagged PDF (it has no structure tree), "
    "so it cannot be joined into an accessible PDF."
)

# Number and name trees are written flat up to this many entries, then as one level of kids,
# which keeps every array well under the 8,191 elements older readers accept.
TREE_LEAF_SIZE = 1024

# The structure element types whose subtree holds a table's header and data cells.
TABLE_GROUPS = {"/Table", "/THead", "/TBody", "/TFoot", "/TR"}


class PdfMergeError(ValueError):
    """A part cannot be joined into the report; the message names the part."""


@dataclass
class _Merged:
    """What the parts contribute to the result's shared trees, collected part by part."""

    pdf: pikepdf.Pdf
    structure_root: pikepdf.Dictionary
    document: pikepdf.Dictionary | None
    parent_tree: list[tuple[int, pikepdf.Object]] = field(default_factory=list)
    next_key: int = 0
    ids: dict[bytes, pikepdf.Object] = field(default_factory=dict)
    destinations: dict[bytes, pikepdf.Object] = field(default_factory=dict)
    page_labels: list[tuple[int, pikepdf.Object]] = field(default_factory=list)
    page_count: int = 0
    labelled: bool = False


def tagged_pdf_merge(*, parts: Sequence[bytes]) -> bytes:
    """Join tagged PDF parts, in order, into one tagged PDF and return its bytes.

    The result has every part's pages in order; one structure tree whose document element
    holds part 1's elements then part 2's and so on; structure parent keys, table header
    IDs and named destinations made unique; the role maps united; the outlines concatenated;
    and part 1's catalog entries and title. One part is returned unchanged. Raises
    PdfMergeError (naming the part) for no parts, a part that is not a PDF or not tagged.
    """
    if not parts:
        raise PdfMergeError(NO_PARTS)
    # Parts stay open until the result is written: QPDF reads copied streams from them.
    pdfs = [_part_open(number=number, data=data) for number, data in enumerate(parts, 1)]
    if len(pdfs) == 1:
        return bytes(parts[0])
    merged = _merged_start(pdfs[0])
    for number, part in enumerate(pdfs[1:], 2):
        _part_append(merged=merged, part=part, number=number)
    _merged_finish(merged)
    output = io.BytesIO()
    # Part 1's XMP metadata is kept byte for byte (pikepdf would rewrite it).
    merged.pdf.save(
        output, object_stream_mode=pikepdf.ObjectStreamMode.generate, fix_metadata_version=False
    )
    for pdf in pdfs:
        pdf.close()
    return output.getvalue()


def _part_open(*, number: int, data: bytes) -> pikepdf.Pdf:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as error:
        raise PdfMergeError(PART_NOT_PDF.format(part=number, reason=error)) from error
    root = pdf.Root
    marked = root.get("/MarkInfo", {}).get("/Marked", False)
    if "/StructTreeRoot" not in root or not marked:
        raise PdfMergeError(PART_NOT_TAGGED.format(part=number))
    return pdf


def _merged_start(pdf: pikepdf.Pdf) -> _Merged:
    structure_root = pdf.Root.StructTreeRoot
    merged = _Merged(
        pdf=pdf, structure_root=structure_root, document=_document_element(structure_root)
    )
    _part_trees_collect(merged=merged, part_root=pdf.Root, structure_root=structure_root)
    return merged


def _document_element(structure_root: pikepdf.Object) -> pikepdf.Object | None:
    """The part's single Document element, if its kids are all structure elements.

    Only then can parts share one Document element: marked content directly under it
    would need its page and parent-tree entries moved too.
    """
    kids = _as_list(structure_root.get("/K"))
    if len(kids) != 1 or kids[0].get("/S") != "/Document":
        return None
    inner = _as_list(kids[0].get("/K"))
    if all(isinstance(kid, pikepdf.Dictionary) and "/S" in kid for kid in inner):
        return kids[0]
    return None


def _part_append(*, merged: _Merged, part: pikepdf.Pdf, number: int) -> None:
    """Renumber and rename inside the part, then copy its pages and trees into the result."""
    offset = merged.next_key
    _struct_parents_shift(pdf=part, offset=offset)
    id_renames = _unique_renames(
        names=list(_tree_entries(part.Root.StructTreeRoot.get("/IDTree"), b"/Names")),
        taken=merged.ids,
        prefix=f"p{number}-",
        rename_all=True,
    )
    _ids_rename(pdf=part, renames=id_renames)
    dests = part.Root.get("/Names", {}).get("/Dests")
    dest_renames = _unique_renames(
        names=list(_tree_entries(dests, b"/Names")),
        taken=merged.destinations,
        prefix=f"p{number}-",
        rename_all=False,
    )
    _destinations_rename(pdf=part, renames=dest_renames)

    with warnings.catch_warnings():
        # It warns that named destinations are not carried: they are, with the trees below.
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        merged.pdf.pages.extend(part.pages)
    # Copied after the pages, so /Pg and /Obj references land on the copied pages and links.
    copied = merged.pdf.copy_foreign(_trees_carrier(part))
    _structure_splice(merged=merged, part_root=copied)
    _outlines_splice(merged=merged, part_outlines=copied.get("/Outlines"))
    _part_trees_collect(
        merged=merged, part_root=copied, structure_root=copied.StructTreeRoot, offset=offset
    )


def _trees_carrier(part: pikepdf.Pdf) -> pikepdf.Object:
    """One object holding what is copied from a part's catalog (not its page tree)."""
    root = part.Root
    carrier = pikepdf.Dictionary(StructTreeRoot=root.StructTreeRoot)
    for key in ("/Outlines", "/Names", "/PageLabels"):
        if key in root:
            carrier[key] = root[key]
    return part.make_indirect(carrier)


def _part_trees_collect(
    *, merged: _Merged, part_root: pikepdf.Object, structure_root: pikepdf.Object, offset: int = 0
) -> None:
    """Add the part's tree entries to the result's (its IDs and names already made unique).

    The part's parent tree keys are moved up by offset, as its pages' and links' keys were.
    """
    next_key = offset + int(structure_root.get("/ParentTreeNextKey", 0))
    for key, value in _tree_entries(structure_root.get("/ParentTree"), b"/Nums"):
        merged.parent_tree.append((offset + int(key), value))
        next_key = max(next_key, offset + int(key) + 1)
    merged.next_key = max(next_key, merged.next_key)
    for name, element in _tree_entries(structure_root.get("/IDTree"), b"/Names"):
        merged.ids[bytes(name)] = element
    dests = part_root.get("/Names", {}).get("/Dests")
    for name, destination in _tree_entries(dests, b"/Names"):
        merged.destinations[bytes(name)] = destination
    labels = list(_tree_entries(part_root.get("/PageLabels"), b"/Nums"))
    merged.labelled = merged.labelled or bool(labels)
    # A part without labels shows its pages' own numbers; say so once the result is labelled.
    labels = labels or [(0, pikepdf.Dictionary(S=pikepdf.Name.D, St=merged.page_count + 1))]
    merged.page_labels.extend((merged.page_count + int(key), label) for key, label in labels)
    merged.page_count = len(merged.pdf.pages)
    for map_name in ("/RoleMap", "/ClassMap"):
        entries = structure_root.get(map_name)
        if entries is not None and structure_root is not merged.structure_root:
            target = merged.structure_root.get(map_name)
            if target is None:
                target = merged.structure_root[map_name] = pikepdf.Dictionary()
            for key, value in entries.items():
                if key not in target:
                    target[key] = value


def _struct_parents_shift(*, pdf: pikepdf.Pdf, offset: int) -> None:
    """Add offset to every page's, annotation's and form's structure parent key."""
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        _key_shift(page.obj, offset)
        for annotation in page.obj.get("/Annots", []):
            _key_shift(annotation, offset)
        _xobjects_shift(resources=page.obj.get("/Resources"), offset=offset, seen=seen)


def _xobjects_shift(*, resources: pikepdf.Object | None, offset: int, seen: set) -> None:
    if resources is None:
        return
    for xobject in resources.get("/XObject", {}).values():
        if xobject.objgen in seen:
            continue
        seen.add(xobject.objgen)
        _key_shift(xobject, offset)
        if xobject.get("/Subtype") == "/Form":
            _xobjects_shift(resources=xobject.get("/Resources"), offset=offset, seen=seen)


def _key_shift(holder: pikepdf.Object, offset: int) -> None:
    for key in ("/StructParents", "/StructParent"):
        if key in holder:
            holder[key] = int(holder[key]) + offset


def _unique_renames(
    *,
    names: list[tuple[pikepdf.Object, pikepdf.Object]],
    taken: dict,
    prefix: str,
    rename_all: bool,
) -> dict[bytes, bytes]:
    """New names for the part's names: all prefixed, or only those already taken."""
    renames: dict[bytes, bytes] = {}
    own = {bytes(name) for name, _ in names}
    for name, _ in names:
        old = bytes(name)
        if not rename_all and old not in taken:
            continue
        new = prefix.encode() + old
        while new in taken or new in own:
            new = prefix.encode() + new
        renames[old] = new
    return renames


def _ids_rename(*, pdf: pikepdf.Pdf, renames: dict[bytes, bytes]) -> None:
    """Rename the part's structure element IDs and every table cell's /Headers naming them."""
    if not renames:
        return
    tree = pdf.Root.StructTreeRoot.IDTree
    tables: dict[tuple[int, int], pikepdf.Object] = {}
    entries = list(_tree_entries(tree, b"/Names"))
    for name, element in entries:
        element.ID = pikepdf.String(renames[bytes(name)])
        table = _table_of(element)
        if table is not None:
            tables[table.objgen] = table
    for table in tables.values():
        _headers_rename(element=table, renames=renames)
    _tree_replace(
        pdf, tree, b"/Names", [(pikepdf.String(renames[bytes(n)]), e) for n, e in entries]
    )


def _table_of(element: pikepdf.Object) -> pikepdf.Object | None:
    """The Table element a header cell belongs to (headers name cells of their own table)."""
    parent = element.get("/P")
    for _ in range(4):
        if parent is None or not isinstance(parent, pikepdf.Dictionary):
            return None
        if parent.get("/S") == "/Table":
            return parent
        parent = parent.get("/P")
    return None


def _headers_rename(*, element: pikepdf.Object, renames: dict[bytes, bytes]) -> None:
    for kid in _as_list(element.get("/K")):
        if not isinstance(kid, pikepdf.Dictionary):
            continue
        kind = kid.get("/S")
        if kind in TABLE_GROUPS:
            _headers_rename(element=kid, renames=renames)
        elif kind in ("/TH", "/TD"):
            for attributes in _as_list(kid.get("/A")):
                if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
                    attributes.Headers = pikepdf.Array(
                        pikepdf.String(renames.get(bytes(header), bytes(header)))
                        for header in attributes.Headers
                    )


def _destinations_rename(*, pdf: pikepdf.Pdf, renames: dict[bytes, bytes]) -> None:
    """Rename colliding named destinations and the links and bookmarks that go to them."""
    if not renames:
        return
    tree = pdf.Root.Names.Dests
    entries = [
        (pikepdf.String(renames.get(bytes(name), bytes(name))), dest)
        for name, dest in _tree_entries(tree, b"/Names")
    ]
    _tree_replace(pdf, tree, b"/Names", entries)
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            _link_rename(annotation, renames)
    for item in _outline_items(pdf.Root.get("/Outlines")):
        _link_rename(item, renames)


def _link_rename(holder: pikepdf.Object, renames: dict[bytes, bytes]) -> None:
    dest = holder.get("/Dest")
    if isinstance(dest, pikepdf.String) and bytes(dest) in renames:
        holder.Dest = pikepdf.String(renames[bytes(dest)])
    action = holder.get("/A")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/GoTo":
        target = action.get("/D")
        if isinstance(target, pikepdf.String) and bytes(target) in renames:
            action.D = pikepdf.String(renames[bytes(target)])


def _outline_items(outlines: pikepdf.Object | None) -> Iterator[pikepdf.Object]:
    item = outlines.get("/First") if outlines is not None else None
    while item is not None:
        yield item
        yield from _outline_items(item)
        item = item.get("/Next")


def _structure_splice(*, merged: _Merged, part_root: pikepdf.Object) -> None:
    """Hang the copied part's top-level elements under the result's document element."""
    part_tree = part_root.StructTreeRoot
    part_document = _document_element(part_tree)
    if merged.document is not None and part_document is not None:
        parent, kids = merged.document, _as_list(part_document.get("/K"))
    else:
        parent, kids = merged.structure_root, _as_list(part_tree.get("/K"))
    for kid in kids:
        kid.P = parent
    target = _as_list(parent.get("/K"))
    parent.K = pikepdf.Array([*target, *kids])


def _outlines_splice(*, merged: _Merged, part_outlines: pikepdf.Object | None) -> None:
    """Append the part's top-level bookmarks after the result's, fixing the links between them."""
    if part_outlines is None or "/First" not in part_outlines:
        return
    root = merged.pdf.Root
    if "/Outlines" not in root:
        root.Outlines = merged.pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    outlines = root.Outlines
    count = _outline_count(outlines) + _outline_count(part_outlines)
    first, last = part_outlines.First, part_outlines.Last
    item = first
    while item is not None:
        item.Parent = outlines
        item = item.get("/Next")
    if "/Last" in outlines:
        outlines.Last.Next = first
        first.Prev = outlines.Last
    else:
        outlines.First = first
    outlines.Last = last
    outlines.Count = count


def _outline_count(outlines: pikepdf.Object) -> int:
    """Visible bookmarks under the outline root: its /Count, or the top-level items' number."""
    if "/Count" in outlines:
        return abs(int(outlines.Count))
    count, item = 0, outlines.get("/First")
    while item is not None:
        count, item = count + 1, item.get("/Next")
    return count


def _merged_finish(merged: _Merged) -> None:
    """Write the collected entries as the result's parent, ID, destination and label trees."""
    pdf, root = merged.pdf, merged.structure_root
    root.ParentTree = _number_tree(pdf, sorted(merged.parent_tree, key=lambda entry: entry[0]))
    root.ParentTreeNextKey = merged.next_key
    if merged.ids:
        root.IDTree = _name_tree(pdf, merged.ids)
    if merged.destinations:
        names = pdf.Root.get("/Names")
        if names is None:
            names = pdf.Root.Names = pikepdf.Dictionary()
        names.Dests = _name_tree(pdf, merged.destinations)
    if merged.labelled:
        pdf.Root.PageLabels = _number_tree(pdf, merged.page_labels)


def _number_tree(pdf: pikepdf.Pdf, entries: list[tuple[int, pikepdf.Object]]) -> pikepdf.Object:
    return _tree_build(pdf, [(key, key, value) for key, value in entries], b"/Nums")


def _name_tree(pdf: pikepdf.Pdf, entries: dict[bytes, pikepdf.Object]) -> pikepdf.Object:
    ordered = sorted(entries.items())
    return _tree_build(
        pdf, [(name, pikepdf.String(name), value) for name, value in ordered], b"/Names"
    )


def _tree_build(pdf: pikepdf.Pdf, entries: list, kind: bytes) -> pikepdf.Object:
    """A number or name tree: flat when small, else one level of kids with their limits."""

    def leaf(chunk: list) -> pikepdf.Dictionary:
        flat = pikepdf.Array([item for _, key, value in chunk for item in (key, value)])
        return pikepdf.Dictionary({kind.decode(): flat})

    if len(entries) <= TREE_LEAF_SIZE:
        return pdf.make_indirect(leaf(entries))
    kids = []
    for start in range(0, len(entries), TREE_LEAF_SIZE):
        chunk = entries[start : start + TREE_LEAF_SIZE]
        node = leaf(chunk)
        node.Limits = pikepdf.Array([chunk[0][1], chunk[-1][1]])
        kids.append(pdf.make_indirect(node))
    return pdf.make_indirect(pikepdf.Dictionary(Kids=pikepdf.Array(kids)))


def _tree_replace(pdf: pikepdf.Pdf, tree: pikepdf.Object, kind: bytes, entries: list) -> None:
    """Replace a part's tree contents in place (others may hold the tree's reference)."""
    for key in list(tree.keys()):
        del tree[key]
    tree[kind.decode()] = pikepdf.Array([item for pair in entries for item in pair])


def _tree_entries(tree: pikepdf.Object | None, kind: bytes) -> Iterator[tuple]:
    """The (key, value) pairs of a number tree (kind /Nums) or name tree (/Names), in order."""
    if tree is None:
        return
    flat = tree.get(kind.decode())
    if flat is not None:
        for index in range(0, len(flat) - 1, 2):
            yield flat[index], flat[index + 1]
    for kid in tree.get("/Kids", []):
        yield from _tree_entries(kid, kind)


def _as_list(value: pikepdf.Object | None) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]
