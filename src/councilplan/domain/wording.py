"""Small rules of plain English that every page, report and e-mail shares."""

from councilplan.domain.text_lists import plural as noun_plural


def plural(count: int, noun: str, plural_noun: str = "") -> str:
    """`1 item`, `3 items`, `0 items`, `2 activities`; give `plural_noun` where the English
    plural rules of `text_lists.plural` are wrong for the noun."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {plural_noun or noun_plural(noun)}"
