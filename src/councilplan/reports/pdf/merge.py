"""Join separately compiled, tagged PDF parts into one tagged PDF (PDF/UA-1).

Typst holds about 1.2 GB compiling a 1,000-page report and never gives it back within a
process, so the report is compiled in parts in short-lived processes and joined here. A
plain page merge would lose accessibility: every part numbers its structure parents from 0,
names its table header cells and destinations the same way ("U1x0y0", labels) and has its
own structure tree and outline. This module renumbers, renames and splices them so that the
result has one structure tree, one parent tree, one ID tree and one outline (bookmarks
nested by heading level across parts: `outline`).

How: pikepdf reads each part's few shared objects (catalog, page tree root, structure tree
root, its trees, the outline root); every other object is copied as bytes with its
references renumbered (`file`), never parsed, which keeps a 1,000-page report's merge
to a fraction of a second and a few tens of megabytes. The first part is the base: its
catalog entries (language, XMP metadata, mark info, viewer preferences) and document
information (title) are the result's.

An overlay (`overlay.py`) may be drawn over every page as it is copied: a PDF with one page
for each page of the result, such as the footers with "Page N of M", known only once every
part is laid out.
"""

import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import pikepdf

from councilplan.reports.pdf.file import (
    PdfFormError,
    PdfWriter,
    Renumbering,
    object_table,
    raw_objects,
    references_parsed,
    renumbered,
    renumbered_all,
    string_token,
    string_value,
    tree_entries_parsed,
    unparsed,
)
from councilplan.reports.pdf.outline import OutlineJoin, OutlinePart, outline_join
from councilplan.reports.pdf.overlay import Overlay, OverlayError, overlay_write, page_overlaid

NO_PARTS = "There are no parts to merge into a PDF report."
PART_NOT_PDF = "Part {part} of the PDF report is not a readable PDF ({reason})."
PART_NOT_TAGGED = (
    "Part {part} of the PDF report is not a tagged PDF (it has no structure tree), "
    "so it cannot be joined into an accessible PDF."
)
OVERLAY_UNREADABLE = "The page footers of the PDF report cannot be drawn: {reason}"

# The result's shared objects, written last from what the parts hold; part objects follow.
CATALOG, PAGES, STRUCTURE, DOCUMENT, OUTLINES = 1, 2, 3, 4, 5
PARENT_TREE, ID_TREE, NAMES, DESTINATIONS, PAGE_LABELS = 6, 7, 8, 9, 10
RESERVED = 10
# Number and name trees are written flat up to this many entries, then as one level of kids,
# which keeps every array well under the 8,191 elements older readers accept.
TREE_LEAF_SIZE = 1024
# Page attributes a page tree root may hand down to its pages; moved onto its kids.
INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
# Catalog and structure tree root entries the merge writes itself.
CATALOG_MERGED = {"/Type", "/Pages", "/StructTreeRoot", "/Outlines", "/Names", "/PageLabels"}
STRUCTURE_MERGED = {"/Type", "/K", "/ParentTree", "/ParentTreeNextKey", "/IDTree"}
STRUCTURE_MERGED |= {"/RoleMap", "/ClassMap"}


class PdfMergeError(ValueError):
    """A part cannot be joined into the report; the message names the part."""


@dataclass
class _Part:
    """What the merge needs of one part, read before any object is copied."""

    number: int
    data: bytes
    pdf: pikepdf.Pdf
    offsets: dict[int, int]
    table_at: int
    base: int = 0
    # Part object numbers that are not copied, and what references to them become.
    skipped: dict[int, bytes] = field(default_factory=dict)
    # Text to add to a copied dictionary: attributes a page inherited from its tree's root.
    additions: dict[int, bytes] = field(default_factory=dict)
    page_kids: list[bytes] = field(default_factory=list)
    # The part's pages' object numbers, in order, and what a page inherits from the tree root.
    pages: list[int] = field(default_factory=list)
    inherited: dict[str, pikepdf.Object] = field(default_factory=dict)
    # The overlay's form drawn over each page (by page object number), if there is one.
    overlay_forms: dict[int, int] = field(default_factory=dict)
    document: int | None = None
    document_kids: list[bytes] = field(default_factory=list)
    top_kids: list[bytes] = field(default_factory=list)
    parent_tree: list[tuple[int, bytes]] = field(default_factory=list)
    next_key: int = 0
    ids: list[tuple[bytes, bytes]] = field(default_factory=list)
    destinations: list[tuple[bytes, bytes]] = field(default_factory=list)
    page_labels: list[tuple[int, bytes]] = field(default_factory=list)
    # Entries to change in copied bookmarks (None removes one), from `outline_join`.
    outline_changes: dict[int, dict[bytes, bytes | None]] = field(default_factory=dict)
    role_map: dict[str, bytes] = field(default_factory=dict)
    class_map: dict[str, bytes] = field(default_factory=dict)
    renumbering: Renumbering | None = None


def tagged_pdf_merge(*, parts: Sequence[bytes], overlay: bytes | None = None) -> bytes:
    """Join tagged PDF parts, in order, into one tagged PDF and return its bytes.

    The result has every part's pages in order; one structure tree whose document element
    holds part 1's elements then part 2's and so on; structure parent keys, table header
    IDs (parts after the first are prefixed "p2-", "p3-"…) and clashing named destinations
    made unique; the role maps united; the outlines and page labels joined; and part 1's
    catalog entries and title. With `overlay` (a PDF of as many pages as the result), each of
    its pages is drawn over its page of the result as a pagination artifact. One part without
    an overlay is returned unchanged. Raises PdfMergeError, naming the part, for no parts and
    for a part that is not a PDF or not tagged, and for an overlay that does not fit.
    """
    if not parts:
        raise PdfMergeError(NO_PARTS)
    read = [_part_read(number=number, data=data) for number, data in enumerate(parts, 1)]
    try:
        if len(read) == 1 and overlay is None:
            return bytes(parts[0])
        return _parts_join(read, overlay)
    finally:
        for part in read:
            part.pdf.close()


def _part_read(*, number: int, data: bytes) -> _Part:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
        root = pdf.Root
        marked = root.get("/MarkInfo", {}).get("/Marked", False)
    except pikepdf.PdfError as error:
        raise PdfMergeError(PART_NOT_PDF.format(part=number, reason=error)) from error
    if "/StructTreeRoot" not in root or not marked:
        raise PdfMergeError(PART_NOT_TAGGED.format(part=number))
    try:
        offsets, table_at, _ = object_table(data)
    except PdfFormError:
        # Not as Typst writes (object streams, updates): have QPDF write it plainly once.
        output = io.BytesIO()
        pdf.save(output, object_stream_mode=pikepdf.ObjectStreamMode.disable)
        pdf.close()
        data = output.getvalue()
        pdf = pikepdf.open(io.BytesIO(data))
        offsets, table_at, _ = object_table(data)
    part = _Part(number=number, data=data, pdf=pdf, offsets=offsets, table_at=table_at)
    _pages_read(part)
    _structure_read(part)
    _outline_and_names_read(part)
    return part


def _pages_read(part: _Part) -> None:
    root = part.pdf.Root
    _skip(part, root, CATALOG)
    pages = root.Pages
    _skip(part, pages, PAGES)
    part.page_kids = [kid.unparse() for kid in pages.Kids]
    part.pages = [page.objgen[0] for page in part.pdf.pages]
    handed_down = [key for key in INHERITED if key in pages]
    part.inherited = {key: pages[key] for key in handed_down}
    for kid in pages.Kids if handed_down else []:
        missing = [key for key in handed_down if key not in kid]
        text = b"".join(b"%s %s " % (key.encode(), pages[key].unparse()) for key in missing)
        part.additions[kid.objgen[0]] = text
    if part.number > 1:
        # Only part 1's document information and XMP metadata are the result's.
        for extra in (part.pdf.trailer.get("/Info"), root.get("/Metadata")):
            _skip(part, extra, None)


def _structure_read(part: _Part) -> None:
    structure = part.pdf.Root.StructTreeRoot
    _skip(part, structure, STRUCTURE)
    top = _as_list(structure.get("/K"))
    part.top_kids = [kid.unparse() for kid in top]
    if len(top) == 1 and top[0].get("/S") == "/Document":
        # Only elements (always indirect) can move under another part's document element:
        # marked content directly under it would need its page and parent tree entry moved.
        kids = top[0].get("/K", pikepdf.Array())
        inner = references_parsed(kids.unparse() if isinstance(kids, pikepdf.Array) else b"")
        if inner is not None:
            part.document = top[0].objgen[0]
            part.document_kids = inner
    part.parent_tree = [
        (int(key), value)
        for key, value in _tree_entries(part, structure.get("/ParentTree"), "/Nums")
    ]
    keys = [key + 1 for key, _ in part.parent_tree]
    part.next_key = max([int(structure.get("/ParentTreeNextKey", 0)), *keys])
    part.ids = [
        (string_value(name), value)
        for name, value in _tree_entries(part, structure.get("/IDTree"), "/Names")
    ]
    for name, target in (("/RoleMap", part.role_map), ("/ClassMap", part.class_map)):
        _skip(part, structure.get(name), None)
        for key, value in structure.get(name, {}).items():
            target[key] = value.unparse()


def _outline_and_names_read(part: _Part) -> None:
    root = part.pdf.Root
    outlines = root.get("/Outlines")
    _skip(part, outlines, OUTLINES)
    names = root.get("/Names")
    _skip(part, names, NAMES)
    if names is not None:
        _skip(part, names.get("/Dests"), DESTINATIONS)
        entries = _tree_entries(part, names.get("/Dests"), "/Names")
        part.destinations = [(string_value(name), value) for name, value in entries]
    labels = _tree_entries(part, root.get("/PageLabels"), "/Nums")
    part.page_labels = [(int(key), value) for key, value in labels]


def _skip(part: _Part, item: pikepdf.Object | None, replacement: int | None) -> None:
    """Leave an object of the part uncopied; references to it go to replacement (or null)."""
    if item is not None and item.is_indirect:
        target = b"null" if replacement is None else b"%d 0 R" % replacement
        part.skipped.setdefault(item.objgen[0], target)


def _tree_entries(
    part: _Part, tree: pikepdf.Object | None, kind: str
) -> Iterator[tuple[bytes, bytes]]:
    """A number tree's (kind /Nums) or name tree's (/Names) entries in order, as key and value
    tokens; its nodes are not copied (the result gets one tree of each)."""
    if tree is None:
        return
    _skip(part, tree, None)
    flat = tree.get(kind)
    if flat is not None:
        _skip(part, flat, None)
        # Read as text in one go: reading entry by entry makes QPDF parse every value.
        entries = tree_entries_parsed(flat.unparse())
        if entries is None:
            entries = [
                (flat[index].unparse(), flat[index + 1].unparse())
                for index in range(0, len(flat) - 1, 2)
            ]
        yield from entries
    for kid in tree.get("/Kids", []):
        yield from _tree_entries(part, kid, kind)


def _parts_join(parts: list[_Part], overlay: bytes | None) -> bytes:
    _numbers_plan(parts)
    outline = outline_join(
        [OutlinePart(pdf=part.pdf, base=part.base) for part in parts], root_reference=OUTLINES
    )
    for (index, number), changes in outline.changes.items():
        parts[index].outline_changes[number] = changes
    one_document = all(part.document is not None for part in parts)
    if one_document:
        for part in parts:
            part.skipped[part.document] = b"%d 0 R" % DOCUMENT
    writer = PdfWriter(
        header=parts[0].data[: parts[0].data.index(b"\n") + 1] + b"%\xe2\xe3\xcf\xd3\n",
        next_number=parts[-1].base + max(parts[-1].offsets) + 1,
    )
    _metadata_write(parts, writer)
    drawn = _overlay_write(parts, writer, overlay) if overlay is not None else None
    for part in parts:
        try:
            _part_copy(part, writer, drawn)
        except PdfFormError as error:
            raise PdfMergeError(PART_NOT_PDF.format(part=part.number, reason=error)) from error
    _shared_objects_write(parts, writer, one_document=one_document, outline=outline)
    first = parts[0]
    trailer = b"/Root %d 0 R" % CATALOG
    info = first.pdf.trailer.get("/Info")
    if info is not None:
        trailer += b" /Info " + _renumbered(first, info.unparse())
    if "/ID" in first.pdf.trailer:
        trailer += b" /ID " + first.pdf.trailer.ID.unparse()
    return writer.finish(trailer=trailer)


def _overlay_write(parts: list[_Part], writer: PdfWriter, overlay: bytes) -> Overlay:
    """The overlay's pages as forms in the result, each part's pages given theirs."""
    pages = sum(len(part.pages) for part in parts)
    try:
        drawn = overlay_write(overlay, writer, pages=pages)
    except OverlayError as error:
        raise PdfMergeError(OVERLAY_UNREADABLE.format(reason=error)) from error
    forms = iter(drawn.forms)
    for part in parts:
        part.overlay_forms = {number: next(forms) for number in part.pages}
    return drawn


def _metadata_write(parts: list[_Part], writer: PdfWriter) -> None:
    """Part 1's XMP metadata, with the result's page count if it gives one."""
    first = parts[0]
    metadata = first.pdf.Root.get("/Metadata")
    if metadata is None or not metadata.is_indirect:
        return
    pages = sum(len(part.pdf.pages) for part in parts)
    xmp = re.sub(
        rb"(<xmpTPg:NPages>)\d+(</xmpTPg:NPages>)",
        rb"\g<1>%d\g<2>" % pages,
        metadata.read_bytes(),
    )
    entries = _dictionary_entries(first, metadata, {"/Length", "/Filter", "/DecodeParms"})
    number = first.base + metadata.objgen[0]
    writer.stream_write(number, b"<< %s/Length %d >>" % (entries, len(xmp)), xmp)
    first.skipped[metadata.objgen[0]] = b"%d 0 R" % number  # written, not copied


def _numbers_plan(parts: list[_Part]) -> None:
    """Where each part's objects, structure parent keys and names go in the result."""
    base, next_key = RESERVED, 0
    taken_ids: set[bytes] = set()
    taken_destinations: set[bytes] = set()
    for part in parts:
        part.base = base
        base += max(part.offsets) + 1
        prefix = b"p%d-" % part.number
        ids = _unique_names(
            [name for name, _ in part.ids], taken_ids, prefix, rename_all=part.number > 1
        )
        destinations = _unique_names(
            [name for name, _ in part.destinations], taken_destinations, prefix, rename_all=False
        )
        part.renumbering = Renumbering(
            objects=_object_numbering(part),
            struct_parent_offset=next_key,
            ids=ids,
            destinations=destinations,
        )
        part.parent_tree = [(key + next_key, value) for key, value in part.parent_tree]
        part.ids = [(ids.get(name, name), value) for name, value in part.ids]
        part.destinations = [(destinations.get(n, n), value) for n, value in part.destinations]
        next_key += part.next_key


def _unique_names(
    names: list[bytes], taken: set[bytes], prefix: bytes, *, rename_all: bool
) -> dict[bytes, bytes]:
    """New names for a part's names: all prefixed, or only those an earlier part took."""
    renames: dict[bytes, bytes] = {}
    own = set(names)
    for name in names:
        new = name
        if rename_all or name in taken:
            new = prefix + name
            while new in taken or new in own:
                new = prefix + new
            renames[name] = new
        taken.add(new)
    return renames


def _object_numbering(part: _Part) -> Callable[[int], bytes]:
    offsets, skipped, base = part.offsets, part.skipped, part.base

    def number(old: int) -> bytes:
        replacement = skipped.get(old)
        if replacement is not None:
            return replacement
        return b"%d 0 R" % (base + old) if old in offsets else b"null"

    return number


def _reference_table(part: _Part) -> dict[bytes, bytes]:
    """Every object's reference as Typst writes it ("12 0 R"), and its text in the result."""
    skipped, base = part.skipped, part.base
    return {
        b"%d 0 R" % number: skipped.get(number) or b"%d 0 R" % (base + number)
        for number in part.offsets
    }


def _part_copy(part: _Part, writer: PdfWriter, drawn: Overlay | None) -> None:
    skipped, changed = part.skipped, part.outline_changes
    part.renumbering.references = _reference_table(part)  # now that all skips are known
    objects = [
        item
        for item in raw_objects(part.data, part.offsets, part.table_at)
        if item[0] not in skipped
    ]
    # Pages and links (structure parent keys) and bookmarks being relinked go one by one.
    plain = [
        index
        for index, (number, value, _) in enumerate(objects)
        if number not in changed and b"/StructParent" not in value
    ]
    bodies = renumbered_all([objects[index][1] for index in plain], part.renumbering)
    new = dict(zip(plain, bodies, strict=True))
    for index, (number, value, data) in enumerate(objects):
        body = new.get(index)
        form = part.overlay_forms.get(number)
        if form is not None and drawn is not None:
            page = part.pdf.get_object(number, 0)
            body = page_overlaid(page, part.inherited, part.renumbering, overlay=drawn, form=form)
        elif body is None:
            changes = changed.get(number)
            if changes is None:
                body = renumbered(value, part.renumbering)
            else:
                body = _dictionary_changed(part, number, changes)
        addition = part.additions.get(number) if form is None else None
        if addition and body.startswith(b"<<"):
            body = b"<< " + addition + body[2:]
        if data is None:
            writer.object_write(part.base + number, body)
        else:
            writer.stream_write(part.base + number, body, data)


def _dictionary_changed(part: _Part, number: int, changes: dict[bytes, bytes | None]) -> bytes:
    """A copied dictionary (a bookmark) with some entries replaced or removed."""
    left_out = {key.decode() for key in changes}
    text = _dictionary_entries(part, part.pdf.get_object(number, 0), left_out)
    for key, value in changes.items():
        if value is not None:
            text += b"%s %s " % (key, value)
    return b"<< " + text + b">>"


def _renumbered(part: _Part, text: bytes) -> bytes:
    return renumbered(text, part.renumbering)


def _shared_objects_write(
    parts: list[_Part], writer: PdfWriter, *, one_document: bool, outline: OutlineJoin
) -> None:
    """Write the catalog, page tree root, structure tree root and the trees all parts share."""
    first = parts[0]
    root = first.pdf.Root
    catalog = _dictionary_entries(first, root, CATALOG_MERGED)
    catalog += b"/Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R " % (PAGES, STRUCTURE)
    kids = b" ".join(_renumbered(part, kid) for part in parts for kid in part.page_kids)
    count = sum(len(part.pdf.pages) for part in parts)
    writer.object_write(PAGES, b"<< /Type /Pages /Count %d /Kids [ %s ] >>" % (count, kids))
    _structure_write(parts, writer, one_document=one_document)
    if outline.first is not None:
        catalog += b"/Outlines %d 0 R " % OUTLINES
        writer.object_write(
            OUTLINES,
            b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
            % (outline.first, outline.last, outline.count),
        )
    names = root.get("/Names")
    destinations = _entries(parts, "destinations")
    if names is not None or destinations:
        catalog += b"/Names %d 0 R " % NAMES
        others = _dictionary_entries(first, names, {"/Dests"}) if names is not None else b""
        if destinations:
            others += b"/Dests %d 0 R " % DESTINATIONS
            _tree_write(writer, DESTINATIONS, b"/Names", sorted(destinations))
        writer.object_write(NAMES, b"<< " + others + b">>")
    if any(part.page_labels for part in parts):
        catalog += b"/PageLabels %d 0 R " % PAGE_LABELS
        _tree_write(writer, PAGE_LABELS, b"/Nums", _page_labels(parts))
    writer.object_write(CATALOG, b"<< " + catalog + b">>")


def _structure_write(parts: list[_Part], writer: PdfWriter, *, one_document: bool) -> None:
    first = parts[0]
    structure = first.pdf.Root.StructTreeRoot
    text = _dictionary_entries(first, structure, STRUCTURE_MERGED)
    text += b"/Type /StructTreeRoot /ParentTree %d 0 R " % PARENT_TREE
    text += b"/ParentTreeNextKey %d " % sum(part.next_key for part in parts)
    if one_document:
        document = first.pdf.get_object(first.document, 0)
        kids = b" ".join(_renumbered(part, kid) for part in parts for kid in part.document_kids)
        entries = _dictionary_entries(first, document, {"/K", "/P"})
        writer.object_write(DOCUMENT, b"<< %s/P %d 0 R /K [ %s ] >>" % (entries, STRUCTURE, kids))
        text += b"/K [ %d 0 R ] " % DOCUMENT
    else:
        kids = b" ".join(_renumbered(part, kid) for part in parts for kid in part.top_kids)
        text += b"/K [ %s ] " % kids
    parent_tree = sorted(_entries(parts, "parent_tree"), key=lambda entry: entry[0])
    _tree_write(writer, PARENT_TREE, b"/Nums", parent_tree)
    ids = _entries(parts, "ids")
    if ids:
        text += b"/IDTree %d 0 R " % ID_TREE
        _tree_write(writer, ID_TREE, b"/Names", sorted(ids))
    for name in ("role_map", "class_map"):
        united: dict[str, bytes] = {}
        for part in parts:
            for key, value in getattr(part, name).items():
                united.setdefault(key, _renumbered(part, value))
        if united:
            entries = b" ".join(b"%s %s" % (key.encode(), value) for key, value in united.items())
            text += b"/%s << %s >> " % (b"RoleMap" if name == "role_map" else b"ClassMap", entries)
    writer.object_write(STRUCTURE, b"<< " + text + b">>")


def _entries(parts: list[_Part], name: str) -> list[tuple]:
    """Every part's tree entries of one kind, values renumbered for the result."""
    return [(key, _renumbered(part, value)) for part in parts for key, value in getattr(part, name)]


def _page_labels(parts: list[_Part]) -> list[tuple[int, bytes]]:
    """Each part's labels, moved to its first page; a part without shows plain numbers."""
    labels, start = [], 0
    for part in parts:
        own = part.page_labels or [(0, b"<< /S /D /St %d >>" % (start + 1))]
        labels += [(start + key, _renumbered(part, value)) for key, value in own]
        start += len(part.pdf.pages)
    return labels


def _dictionary_entries(part: _Part, dictionary: pikepdf.Object, left_out: set[str]) -> bytes:
    """A dictionary's other entries as text for the result."""
    text = b""
    for key, value in dictionary.items():
        if key not in left_out:
            text += b"%s %s " % (key.encode(), _renumbered(part, unparsed(value)))
    return text


def _tree_write(writer: PdfWriter, number: int, kind: bytes, entries: list[tuple]) -> None:
    """A number tree (kind /Nums) or name tree (/Names) as one object, or with kids."""

    def key_token(key: int | bytes) -> bytes:
        return b"%d" % key if isinstance(key, int) else string_token(key)

    def flat(chunk: list[tuple]) -> bytes:
        return b" ".join(b"%s %s" % (key_token(key), value) for key, value in chunk)

    if len(entries) <= TREE_LEAF_SIZE:
        writer.object_write(number, b"<< %s [ %s ] >>" % (kind, flat(entries)))
        return
    kids = []
    for start in range(0, len(entries), TREE_LEAF_SIZE):
        chunk = entries[start : start + TREE_LEAF_SIZE]
        kid = writer.number_new()
        limits = b"[ %s %s ]" % (key_token(chunk[0][0]), key_token(chunk[-1][0]))
        writer.object_write(kid, b"<< /Limits %s %s [ %s ] >>" % (limits, kind, flat(chunk)))
        kids.append(b"%d 0 R" % kid)
    writer.object_write(number, b"<< /Kids [ %s ] >>" % b" ".join(kids))


def _as_list(value: pikepdf.Object | None) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]
