"""The round's item tables, rendered in Python: a 2,000-item round would otherwise spend most
of its time in the template engine's per-row overhead (see docs/performance.md)."""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from councilplan.cycle.selectors import RoundRow
from councilplan.plans.models import Plan, ReportingPeriod

register = template.Library()


@register.simple_tag
def round_table_rows(
    rows: list[RoundRow], plan: Plan, period: ReportingPeriod, selectable: bool = False
) -> SafeString:
    """Rows of a round table; with `selectable`, a checkbox per update for the bulk approve,
    carrying the version shown so an update changed meanwhile is refused, not approved."""
    # One reverse() for the plan and period; the item's key is the only part that varies.
    marker = "__item_key__"
    review_template = reverse(
        "cycle:update-review", kwargs={"plan": plan.slug, "key": marker, "period": period.key}
    )
    return format_html_join(
        "\n",
        '<tr class="govuk-table__row">{}<td class="govuk-table__cell">{}{}</td>'
        '<td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell"><strong class="govuk-tag {}">{}</strong></td>'
        '<td class="govuk-table__cell">{}</td></tr>',
        (
            (
                _checkbox(row) if selectable else "",
                format_html("<strong>{}</strong> ", row.item.ref) if row.item.ref else "",
                _short(row.item.title),
                ", ".join(party.name for party in row.owners) or "No owner",
                row.tag_class,
                row.state_label,
                _review_link(row, review_template, marker),
            )
            for row in rows
        ),
    )


def _checkbox(row: RoundRow) -> SafeString:
    assert row.update is not None
    element_id = f"approve-{row.update.pk}"
    return format_html(
        '<td class="govuk-table__cell"><div class="govuk-checkboxes govuk-checkboxes--small" '
        'data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">'
        '<input class="govuk-checkboxes__input" id="{}" name="update" type="checkbox" '
        'value="{}:{}"><label class="govuk-label govuk-checkboxes__label" for="{}">'
        '<span class="govuk-visually-hidden">Approve the update for {}</span></label>'
        "</div></div></td>",
        element_id,
        row.update.pk,
        row.update.version,
        element_id,
        row.item.ref or row.item.key,
    )


def _review_link(row: RoundRow, review_template: str, marker: str) -> SafeString | str:
    if row.update is None:
        return ""
    url = review_template.replace(marker, _path_quote(row.item.key))
    verb = "Review" if row.state == "submitted" else "View"
    return format_html(
        '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> the update for '
        "{}</span></a>",
        url,
        verb,
        row.item.ref or row.item.key,
    )


def _path_quote(key: str) -> str:
    return quote(key, safe="/")


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
