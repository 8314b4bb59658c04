"""Join the parts' bookmarks by heading level, for `merge`.

A part that starts in the middle of the report (at "Priority 1.3", a level-3 heading) has
that heading's bookmark at its top level; simply appended, it would sit beside the report's
title. Each part's top-level bookmark is matched to its heading (the structure element on
the bookmark's page with the same title) to learn its level, and hung under the last
earlier bookmark of a lower level. Below the top, levels follow the nesting: PDF/UA does
not let heading levels be skipped, so a child is one level below its parent.
"""

from dataclasses import dataclass, field

import pikepdf

# A bookmark whose heading cannot be found is taken for a top-level heading.
LEVEL_UNKNOWN = 1


@dataclass
class OutlinePart:
    """One part as the outline join needs it: its PDF and where its objects go."""

    pdf: pikepdf.Pdf
    base: int  # the result's number of the part's object 0


@dataclass
class _Node:
    """A bookmark (or the outline root, level 0) that may gain children from later parts."""

    level: int
    part: int | None
    number: int  # the part's object number (the root: 0)
    reference: int  # the result's object number
    count: int  # signed as written: negative for a closed bookmark
    last: int | None  # the result's number of its last child
    changed: dict[bytes, bytes | None] = field(default_factory=dict)


@dataclass
class OutlineJoin:
    """The joined outline: the root's entries, and the entries to change in copied
    bookmarks, by (part index, object number); None removes an entry."""

    first: int | None = None
    last: int | None = None
    count: int = 0
    changes: dict[tuple[int | None, int], dict[bytes, bytes | None]] = field(default_factory=dict)


def outline_join(parts: list[OutlinePart], *, root_reference: int) -> OutlineJoin:
    """Where every part's top-level bookmarks go in one outline, by their headings' levels.

    root_reference is the result's number of the outline root (the bookmarks' parent)."""
    root = _Node(level=0, part=None, number=0, reference=root_reference, count=0, last=None)
    joined = OutlineJoin()
    nodes: dict[int, _Node] = {}
    spine = [root]
    for index, part in enumerate(parts):
        outlines = part.pdf.Root.get("/Outlines")
        item = outlines.get("/First") if outlines is not None else None
        while item is not None:
            level = _heading_level(part.pdf, item) or LEVEL_UNKNOWN
            while len(spine) > 1 and spine[-1].level >= level:
                spine.pop()
            node = _node(item, index=index, part=part, level=level, nodes=nodes)
            _attach(node, spine=spine, joined=joined, nodes=nodes)
            spine.append(node)
            item = item.get("/Next")
        if len(spine) > 1 and spine[-1].part == index:
            _last_descendants_add(spine, index=index, part=part, nodes=nodes)
    for node in nodes.values():
        if node.changed:
            joined.changes[(node.part, node.number)] = node.changed
    joined.count = root.count
    return joined


def _node(
    item: pikepdf.Object, *, index: int, part: OutlinePart, level: int, nodes: dict[int, _Node]
) -> _Node:
    number = item.objgen[0]
    last = item.get("/Last")
    node = _Node(
        level=level,
        part=index,
        number=number,
        reference=part.base + number,
        count=int(item.get("/Count", 0)),
        last=None if last is None else part.base + last.objgen[0],
    )
    nodes[node.reference] = node
    return node


def _attach(node: _Node, *, spine: list[_Node], joined: OutlineJoin, nodes: dict) -> None:
    """Make a part's top-level bookmark the last child of the spine's end."""
    parent = spine[-1]
    previous = parent.last
    node.changed[b"/Parent"] = b"%d 0 R" % parent.reference
    node.changed[b"/Next"] = None
    node.changed[b"/Prev"] = None if previous is None else b"%d 0 R" % previous
    if previous is not None:
        nodes[previous].changed[b"/Next"] = b"%d 0 R" % node.reference
    if parent.part is None:
        joined.first = joined.first or node.reference
        joined.last = node.reference
    else:
        if previous is None:
            parent.changed[b"/First"] = b"%d 0 R" % node.reference
        parent.changed[b"/Last"] = b"%d 0 R" % node.reference
    parent.last = node.reference
    _count_add(spine, 1 + max(node.count, 0))


def _count_add(spine: list[_Node], visible: int) -> None:
    """Count newly visible bookmarks on the parent and, while they are open, its ancestors.
    A bookmark without children counts as closed once it has some, as Typst writes them."""
    for ancestor in reversed(spine):
        closed = ancestor.part is not None and ancestor.count <= 0
        ancestor.count = ancestor.count - visible if closed else ancestor.count + visible
        if ancestor.part is not None:
            ancestor.changed[b"/Count"] = b"%d" % ancestor.count
        if closed:
            return


def _last_descendants_add(
    spine: list[_Node], *, index: int, part: OutlinePart, nodes: dict[int, _Node]
) -> None:
    """Extend the spine down the part's last bookmark's last children (one level each)."""
    node = spine[-1]
    item = part.pdf.get_object(node.number, 0).get("/Last")
    while item is not None:
        child = _node(item, index=index, part=part, level=node.level + 1, nodes=nodes)
        spine.append(child)
        node, item = child, item.get("/Last")


def _heading_level(pdf: pikepdf.Pdf, item: pikepdf.Object) -> int | None:
    """The level of the heading a bookmark goes to: the H1–H6 element on its page with its
    title (or holding the content that is)."""
    page = _destination_page(pdf, item)
    if page is None or "/StructParents" not in page:
        return None
    try:
        elements = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)[int(page.StructParents)]
    except (KeyError, AttributeError, TypeError):
        return None
    title = str(item.get("/Title", ""))
    for element in elements if isinstance(elements, pikepdf.Array) else []:
        for _ in range(3):
            if not isinstance(element, pikepdf.Dictionary):
                break
            kind = str(element.get("/S", ""))
            if kind[:2] == "/H" and kind[2:].isdigit() and str(element.get("/T", "")) == title:
                return int(kind[2:])
            element = element.get("/P")
    return None


def _destination_page(pdf: pikepdf.Pdf, item: pikepdf.Object) -> pikepdf.Object | None:
    destination = item.get("/Dest")
    action = item.get("/A")
    if destination is None and isinstance(action, pikepdf.Dictionary):
        destination = action.get("/D")
    if isinstance(destination, pikepdf.String | pikepdf.Name):
        try:
            destination = pikepdf.NameTree(pdf.Root.Names.Dests)[str(destination)]
        except (KeyError, AttributeError):
            return None
    if isinstance(destination, pikepdf.Dictionary):
        destination = destination.get("/D")
    if isinstance(destination, pikepdf.Array) and len(destination):
        page = destination[0]
        return page if isinstance(page, pikepdf.Dictionary) else None
    return None
