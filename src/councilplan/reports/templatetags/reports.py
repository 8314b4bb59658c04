"""Template helpers for the reports: percentages, headings by depth, changes by kind."""

import re
from datetime import date
from functools import lru_cache
from html import escape as _escape
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from councilplan.domain.text_lists import plural
from councilplan.domain.wording import percent_text
from councilplan.reports.data import NO_OWNER, PLAN_DATES, QUIET_SOURCES
from councilplan.reports.render.charts import trend_small

register = template.Library()
register.filter("plural", plural)

# Items start at h3 under the body's h2; deeper levels stop at h6.
FIRST_ITEM_HEADING = 3


register.filter("percent", percent_text)


@register.filter
def status_html(status: object) -> SafeString:
    """A status as its shape and word, with where it came from unless reported (no include:
    this runs for every row of a big plan, which prints a few statuses thousands of times)."""
    if status is None:
        return SafeString("—")
    try:
        return _status_markup(status)
    except TypeError:  # a status that cannot be a key (not a StatusShown): written anew
        return _status_markup.__wrapped__(status)


@lru_cache(maxsize=1024)
def _status_markup(shown: Any) -> SafeString:
    html = (
        f'<span class="status status-{_e(shown.rag.value)}">{_e(shown.shape)} {_e(shown.word)}'
        "</span>"
    )
    if shown.source not in QUIET_SOURCES:
        html += f' <span class="source">({_e(shown.source)})</span>'
    return SafeString(html)


@register.filter
def dates(row: object) -> str:
    """The dates an item is judged by: its own, else those it inherits, saying whence
    ("start 1 Apr 2024; due 31 Mar 2025 (the plan's dates)")."""
    start = row.effective_start or row.start_date  # type: ignore[attr-defined]
    due = row.effective_due or row.due_date  # type: ignore[attr-defined]
    start_from, due_from = row.start_from, row.dates_from  # type: ignore[attr-defined]
    parts = []
    if start:
        parts.append(f"start {_day(start)}")
        if start_from and (start_from != due_from or not due):
            parts[-1] += _whence(start_from)
    if due:
        parts.append(f"due {_day(due)}" + _whence(due_from))
    text = "; ".join(parts)
    if row.timescale_text:  # type: ignore[attr-defined]
        text += f" ({row.timescale_text})"  # type: ignore[attr-defined]
    return text.strip()


@lru_cache(maxsize=4096)  # a plan's items share a few hundred dates at most
def _day(day: date) -> str:
    return f"{day:%-d %b %Y}"


def _whence(source: str) -> str:
    if not source:
        return ""
    return f" ({source})" if source == PLAN_DATES else f" (as {source})"


@register.filter
def anchor(key: str) -> str:
    """An HTML id for an item key, unique as keys are (slugify would merge TH11.1 and TH111)."""
    if key.isascii() and key.isalnum():  # most keys ("A12"): nothing to write as a code
        return "item-" + key
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


def _e(value: object) -> str:
    """Escape as Django's autoescape does (safe strings pass as they are), without its lazy
    text wrappers: this runs for every cell of a big plan, and most cells have nothing to
    escape (looking is a third of the time of escaping)."""
    if isinstance(value, SafeString):
        return str(value)
    text = str(value)
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return _escape(text)
    return text


@register.simple_tag
def exception_rows(rows: list) -> SafeString:
    """The exceptions table's rows, written in one go (see `item_rows`)."""
    out = []
    for row in rows:
        flags = "".join(f' <span class="flag">{_e(flag)}</span>' for flag in row.flags)
        forecast = ""
        if row.forecast:
            forecast = f"<br>Forecast for the year end: {status_html(row.forecast)}"
        out.append(
            f'<tr><th scope="row">{_e(row.heading)}{flags}</th><td>{status_html(row.status)}'
            f'{forecast}</td><td class="number">{_e(percent_text(row.reported_percent))}</td>'
            f'<td class="commentary">{_e(row.commentary)}</td>'
            f'<td class="commentary">{_e(row.next_steps)}</td></tr>\n'
        )
    return SafeString("".join(out))


@register.simple_tag
def finding_rows(findings: list) -> SafeString:
    """The findings table's rows, written in one go (see `item_rows`)."""
    return SafeString(
        "".join(
            f"<tr><td>{_e(finding.title)}</td><td>{_e(finding.heading)}</td>"
            f"<td>{_e(finding.message)}</td></tr>\n"
            for finding in findings
        )
    )


@register.simple_tag
def change_items(changes: list) -> SafeString:
    """A kind of change's list items, written in one go (see `item_rows`)."""
    return SafeString(
        "".join(
            f"<li>{_e(change.heading)}: {_e(change.before)} → {_e(change.after)}</li>"
            for change in changes
        )
    )


@register.simple_tag
def item_rows(items: list) -> SafeString:
    """The body rows of a group's table, written in one go: a big plan has thousands, and the
    template engine costs ~0.3 ms a row (the markup is what `_body.html` used to loop over)."""
    out = []
    for row in items:
        parts = [f'<tr id="{anchor(row.key)}"><th scope="row">{_e(row.heading)}']
        if row.description:
            parts.append(f'<br><span class="muted">{_e(row.description)}</span>')
        parts.extend(f' <span class="flag">{_e(flag)}</span>' for flag in row.flags)
        parts.append("</th><td>")
        if not (row.lead_officer or row.other_roles):
            parts.append(f'<span class="muted">{NO_OWNER}</span><br>')
        if row.lead_officer:
            parts.append(f"{_e(row.lead_officer)}<br>")
        if row.portfolio:
            parts.append(f"Portfolio: {_e(row.portfolio)}<br>")
        if row.service_area:
            parts.append(f"{_e(row.service_area)}<br>")
        parts.extend(f"{_e(label)}: {_e(names)}<br>" for label, names in row.other_roles)
        parts.append(_e(dates(row)))
        parts.append(f"</td><td>{_status_cell(row)}")
        parts.append(f'</td><td class="number">{_e(percent_text(row.reported_percent) or "—")}')
        if row.direction:
            parts.append(f"<br>{_e(row.direction)}")
        parts.append(f'</td><td class="commentary">{_e(row.commentary)}')
        if row.next_steps:
            parts.append(f"\n<strong>Next steps:</strong> {_e(row.next_steps)}")
        parts.append("</td></tr>\n")
        out.append("".join(parts))
    return SafeString("".join(out))


def _status_cell(row: Any) -> str:
    """The status now, the year-end forecast, and what the evidence suggests."""
    parts = [status_html(row.status)]
    if row.forecast:
        parts.append(f"<br>Forecast for the year end: {status_html(row.forecast)}")
    if row.suggested and row.status.source == "reported":
        parts.append(f"<br>{status_html(row.suggested)}")
    if row.suggestion_reason:
        parts.append(f'<br><span class="muted">{_e(row.suggestion_reason)}</span>')
    return "".join(parts)


@register.filter
def any_trend(pairs: list) -> bool:
    return any(measure.has_trend for _, measure in pairs)


@register.simple_tag
def measure_rows(pairs: list, show_item: bool = False) -> SafeString:
    """The rows of a measures table, written in one go (see `item_rows`); with a trend
    column when any measure has two figures or more."""
    out = []
    trends = any_trend(pairs)
    for item, measure in pairs:
        parts = ["<tr>"]
        if show_item:
            parts.append(f"<td>{_e(item.ref or item.title)}</td>")
        suggested = status_html(measure.suggested) if measure.suggested else "—"
        parts.append(
            f'<th scope="row">{_e(measure.name)}</th><td>{_e(measure.baseline)}</td>'
            f"<td>{_e(measure.target)}</td><td>{_e(measure.actual or '—')}</td>"
            f"<td>{suggested}</td><td>{_e(measure.direction_previous or '—')}</td>"
            f"<td>{_e(measure.direction_last_year or '—')}</td>"
        )
        if trends:
            trend = trend_small(measure)
            parts.append(f'<td class="trend">{trend.svg if trend else "—"}</td>')
        parts.append("</tr>\n")
        out.append("".join(parts))
    return SafeString("".join(out))
