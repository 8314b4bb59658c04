"""Small template helpers: status tags that always carry the status word."""

from django import template
from django.utils.html import format_html

from councilplan.plans.models import ROLE_LABELS

register = template.Library()

# GOV.UK tag colours for each RAG; the word is always printed, so colour is never alone.
TAG_CLASSES = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--orange",
    "red": "govuk-tag--red",
    "blue": "",
    "grey": "govuk-tag--grey",
    "": "govuk-tag--grey",
}


@register.simple_tag
def status_tag(label: str, rag: str = "") -> str:
    """A GOV.UK tag with the status word; "No update" when there is none."""
    css = TAG_CLASSES.get(rag or "", "govuk-tag--grey")
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, label or "No update")


@register.simple_tag
def bar_class(rag: str, percent: float) -> str:
    """Classes for one segment of a status bar: its colour and its share (no inline styles)."""
    return f"app-status-bar__segment--{rag or 'grey'} app-share-{round(percent)}"


@register.filter
def get_item(mapping: dict, key: str) -> object:
    return mapping.get(key, "")


@register.filter
def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role.replace("_", " ").capitalize())


@register.filter
def column_role(role: str) -> str:
    """A column's role in the import's column step, in plain English ("Keep as text")."""
    from councilplan.web.forms import column_role_label

    return column_role_label(role)


@register.filter
def index(sequence: list, position: int) -> object:
    return sequence[position]
