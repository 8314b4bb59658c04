"""Draw a PDF's pages over the merged report's pages, for `merge`.

The report's footers say "Page N of M", and M is known only once every part is laid out.
Rather than lay every part out again, the footers are laid out alone (blank pages, each with
its footer) and each footer page becomes a form XObject drawn over its report page. The form
is drawn inside an Artifact marked-content sequence (a pagination footer, as Typst marks its
own), so the structure tree and PDF/UA tagging of the page are untouched; the page's own
content is wrapped in q … Q so that the form is drawn in the page's default coordinates.
"""

import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO

import pikepdf

from councilplan.reports.pdf.file import (
    COMPRESSION,
    PdfWriter,
    Renumbering,
    renumbered,
    unparsed,
)

# The name the overlay's form has in a page's resources.
FORM_NAME = b"/CpOverlay"
BEFORE = b"q\n"
AFTER = (
    b"Q\n/Artifact <</Type /Pagination /Subtype /Footer /Attached [/Bottom]>> BDC\n"
    + FORM_NAME
    + b" Do\nEMC\n"
)
PAGES_DIFFER = "it has {found} pages for a report of {expected}"
NOT_PDF = "it is not a readable PDF ({reason})"


class OverlayError(ValueError):
    pass


@dataclass(frozen=True)
class Overlay:
    """The overlay as written into the result: a form for each page, and the two content
    streams every page gains (before and after its own content)."""

    forms: list[int]
    before: int
    after: int


def overlay_write(data: bytes, writer: PdfWriter, *, pages: int) -> Overlay:
    """Write the overlay's pages as forms, with every object they use, into `writer`."""
    try:
        pdf = pikepdf.open(BytesIO(data))
    except pikepdf.PdfError as error:
        raise OverlayError(NOT_PDF.format(reason=error)) from error
    with pdf:
        if len(pdf.pages) != pages:
            raise OverlayError(PAGES_DIFFER.format(found=len(pdf.pages), expected=pages))
        used = _indirect_reachable(page.get("/Resources") for page in pdf.pages)
        numbers = {objgen[0]: writer.number_new() for objgen in used}
        renumbering = Renumbering(objects=lambda old: b"%d 0 R" % numbers[old])
        for objgen, item in used.items():
            _object_write(writer, numbers[objgen[0]], item, renumbering)
        forms = [_form_write(writer, page, renumbering) for page in pdf.pages]
    before, after = writer.number_new(), writer.number_new()
    for number, content in ((before, BEFORE), (after, AFTER)):
        writer.stream_write(number, b"<< /Length %d >>" % len(content), content)
    return Overlay(forms=forms, before=before, after=after)


def page_overlaid(
    page: pikepdf.Dictionary,
    inherited: dict[str, pikepdf.Object],
    renumbering: Renumbering,
    *,
    overlay: Overlay,
    form: int,
) -> bytes:
    """A part's page as the result holds it, with the overlay's form drawn over it.

    Its entries (and those it inherits from its page tree's root) are renumbered as any copied
    object's; its contents gain the overlay's streams, its resources the form."""
    entries = {**inherited, **dict(page.items())}
    contents = entries.pop("/Contents", None)
    resources = entries.pop("/Resources", pikepdf.Dictionary())
    forms = resources.get("/XObject", pikepdf.Dictionary())
    rest = renumbered(b"<< " + _entries(entries.items()) + b">>", renumbering)[:-2]
    own = b""
    if contents is not None:
        own = renumbered(unparsed(contents), renumbering)
        own = own[1:-1] if own.startswith(b"[") else own
    others = ((key, value) for key, value in resources.items() if key != "/XObject")
    resources_text = renumbered(_entries(others), renumbering)
    forms_text = renumbered(_entries(forms.items()), renumbering)
    return (
        rest
        + b"/Contents [ %d 0 R %s %d 0 R ] " % (overlay.before, own, overlay.after)
        + b"/Resources << %s/XObject << %s%s %d 0 R >> >> >>"
        % (resources_text, forms_text, FORM_NAME, form)
    )


def _form_write(writer: PdfWriter, page: pikepdf.Page, renumbering: Renumbering) -> int:
    contents = page.obj.get("/Contents")
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    data = zlib.compress(
        b"\n".join(stream.read_bytes() for stream in streams if stream is not None),
        COMPRESSION,
    )
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    number = writer.number_new()
    writer.stream_write(
        number,
        b"<< /Type /XObject /Subtype /Form /BBox %s /Resources %s "
        b"/Filter /FlateDecode /Length %d >>"
        % (
            unparsed(page.obj.MediaBox),
            renumbered(resources.unparse(resolved=True), renumbering),
            len(data),
        ),
        data,
    )
    return number


def _object_write(
    writer: PdfWriter, number: int, item: pikepdf.Object, renumbering: Renumbering
) -> None:
    if isinstance(item, pikepdf.Stream):
        raw = item.read_raw_bytes()
        entries = ((key, value) for key, value in item.stream_dict.items() if key != "/Length")
        dictionary = b"<< %s/Length %d >>" % (_entries(entries), len(raw))
        writer.stream_write(number, renumbered(dictionary, renumbering), raw)
    else:
        writer.object_write(number, renumbered(item.unparse(resolved=True), renumbering))


def _indirect_reachable(
    roots: Iterable[pikepdf.Object | None],
) -> dict[tuple[int, int], pikepdf.Object]:
    """Every indirect object the roots refer to, directly or through others."""
    found: dict[tuple[int, int], pikepdf.Object] = {}
    waiting = [root for root in roots if root is not None]
    while waiting:
        item = waiting.pop()
        if not isinstance(item, pikepdf.Object):
            continue  # a number or boolean
        if item.is_indirect:
            if item.objgen in found:
                continue
            found[item.objgen] = item
        if isinstance(item, pikepdf.Stream):
            waiting.extend(item.stream_dict.values())
        elif isinstance(item, pikepdf.Dictionary):
            waiting.extend(item.values())
        elif isinstance(item, pikepdf.Array):
            waiting.extend(item)
    return found


def _entries(items: Iterable[tuple[str, object]]) -> bytes:
    return b"".join(b"%s %s " % (key.encode(), unparsed(value)) for key, value in items)
