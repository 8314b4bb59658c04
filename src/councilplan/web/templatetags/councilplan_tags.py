"""Small template helpers: status tags that always carry the status word."""

from typing import Any

from django import template
from django.utils.html import format_html

from councilplan.domain.wording import cut_at_word, percent_text, plural
from councilplan.plans.models import ROLE_LABELS

register = template.Library()


@register.filter
def percent(value: Any) -> str:
    """A percentage or share as councils print it (`14%`, `2.9%`); "" for None."""
    return percent_text(value)


@register.filter
def cut_words(text: str, limit: int) -> str:
    """Text cut at a word within `limit` characters, with an ellipsis when cut."""
    return cut_at_word(text or "", int(limit))


@register.filter
def plural_words(count: int, noun: str) -> str:
    """`{{ n|plural_words:"item" }}` → "1 item", "3 items"."""
    return plural(count, noun)


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
def status_shown(status: Any) -> str:
    """A status from the plan position (StatusShown, or a StatusCount of the mix) as a tag.
    A suggestion looks different and says so: a hollow shape, "Suggested: Red" and a dashed
    outline, so it is never read as an owner's report."""
    if status is None:
        return ""
    rag = getattr(status.rag, "value", status.rag) or ""
    css = TAG_CLASSES.get(rag, "govuk-tag--grey")
    if getattr(status, "is_suggested", None) or getattr(status, "suggested", False) is True:
        return format_html(
            '<strong class="govuk-tag {} app-tag--suggested"><span aria-hidden="true">{} '
            "</span>{}</strong>",
            css,
            status.shape,
            status.word,
        )
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, status.word)


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


@register.filter
def date_inputs(field: Any) -> list[dict[str, str]]:
    """The day, month and year boxes of a GOV.UK date field (web/edit_forms.py), each with
    its name, id, label, width and the value typed or saved."""
    name = field.html_name
    if field.form.is_bound:
        values = [field.form.data.get(f"{name}_{part}", "") for part in DATE_PARTS]
    else:
        initial = field.value()
        values = (
            [str(initial.day), str(initial.month), str(initial.year)]
            if hasattr(initial, "year")
            else ["", "", ""]
        )
    return [
        {
            "name": f"{name}_{part}",
            "id": f"id_{name}_{part}",
            "label": part.capitalize(),
            "width": width,
            "value": value,
        }
        for (part, width), value in zip(DATE_PARTS.items(), values, strict=True)
    ]


DATE_PARTS = {"day": "2", "month": "2", "year": "4"}
