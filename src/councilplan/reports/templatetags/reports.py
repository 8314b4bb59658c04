"""Template helpers for the reports: percentages, headings by depth, changes by kind."""

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
