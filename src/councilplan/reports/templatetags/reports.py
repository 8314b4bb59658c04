"""Template helpers for the reports: percentages, headings by depth, changes by kind."""

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

# Items start at h3 under the body's h2; deeper levels stop at h6.
FIRST_ITEM_HEADING = 3


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.0f}%" if float(value).is_integer() or value >= 10 else f"{value:.1f}%"


@register.filter
def status_html(status: object) -> SafeString:
    """A status as its shape and word, with where it came from unless reported (no include:
    this runs for every row of a big plan)."""
    if status is None:
        return SafeString("—")
    html = format_html(
        '<span class="status status-{}">{} {}</span>',
        status.rag.value,  # type: ignore[attr-defined]
        status.shape,  # type: ignore[attr-defined]
        status.word,  # type: ignore[attr-defined]
    )
    if status.source != "reported":  # type: ignore[attr-defined]
        html += format_html(' <span class="source">({})</span>', status.source)  # type: ignore[attr-defined]
    return html


@register.filter
def dates(row: object) -> str:
    parts = []
    if row.start_date:  # type: ignore[attr-defined]
        parts.append(f"start {row.start_date:%-d %b %Y}; ")  # type: ignore[attr-defined]
    if row.due_date:  # type: ignore[attr-defined]
        parts.append(f"due {row.due_date:%-d %b %Y}")  # type: ignore[attr-defined]
    if row.timescale_text:  # type: ignore[attr-defined]
        parts.append(f" ({row.timescale_text})")  # type: ignore[attr-defined]
    return "".join(parts)


@register.filter
def anchor(key: str) -> str:
    """An HTML id for an item key, unique as keys are (slugify would merge TH11.1 and TH111)."""
    return "item-" + re.sub(r"[^A-Za-z0-9_-]", lambda match: f"_{ord(match[0]):x}_", key)


@register.filter
def changes_of(position: object, kind: str) -> list:
    return position.changes_of(kind)  # type: ignore[attr-defined]


@register.tag(name="heading")
def heading_tag(parser: template.base.Parser, token: template.base.Token) -> "HeadingNode":
    _, depth = token.split_contents()
    nodelist = parser.parse(("endheading",))
    parser.delete_first_token()
    return HeadingNode(template.Variable(depth), nodelist)


class HeadingNode(template.Node):
    def __init__(self, depth: template.Variable, nodelist: template.NodeList) -> None:
        self.depth = depth
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        level = min(6, FIRST_ITEM_HEADING + int(self.depth.resolve(context)))
        return format_html("<h{0}>{1}</h{0}>", level, self.nodelist.render(context))
