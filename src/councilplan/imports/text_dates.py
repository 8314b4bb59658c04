"""A due date written inside an item's own words (its title, its measure's name or target):
`by end April 2024`, `in March 2025`, `during Q3`. No Django.

Used only when no column gives the item a date; the import report says where each came
from, so the officer can check it.
"""

import re

from councilplan.domain.timescales import Timescale, timescale_parse
from councilplan.imports.draft import Draft, DraftItem

DATE_FROM_TEXT_MESSAGE = "the due date {due} was read from the item's own words “{phrase}”"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WHEN = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"\s+\d{4}"
    r"|" + _MONTH + r"(?:\s+\d{4}|\s+\d{2}\b)?"
    r"|q[1-4](?:\s+\d{4}(?:/\d{2})?)?"
    r"|quarter\s+[1-4]"
    r"|\d{1,2}/\d{1,2}/\d{2,4})"
)
_PHRASE = re.compile(
    r"\b(?P<phrase>(?:by|in|during|before|until|no later than)\s+(?:the\s+)?"
    r"(?:end\s+(?:of\s+)?)?(?P<when>" + _WHEN + r"))\b",
    re.I,
)


def due_in_words(text: str, *, financial_year: int | None) -> tuple[Timescale, str] | None:
    """The timescale the first date phrase in `text` gives, with the phrase; None when the
    text names no date that can be placed."""
    for match in _PHRASE.finditer(text):
        when = re.sub(r"(?i)^quarter\s+", "Q", match["when"])
        timescale = timescale_parse(when, financial_year=financial_year)
        if timescale.due is not None:
            return Timescale(text=match["phrase"], due=timescale.due), match["phrase"]
    return None


def dates_from_words(draft: Draft, *, financial_year: int | None) -> None:
    """Give each undated item the due date its own title states, and say so."""
    for item in draft.items:
        if _dated(item):
            continue
        found = None
        for words in _own_words(item):
            found = due_in_words(words, financial_year=financial_year)
            if found is not None:
                break
        if found is None:
            continue
        timescale, phrase = found
        item.timescale = timescale
        assert timescale.due is not None
        draft.anomaly(
            "date_from_text",
            DATE_FROM_TEXT_MESSAGE.format(due=f"{timescale.due:%d/%m/%Y}", phrase=phrase),
            location=item.location,
            text=phrase,
            item=item.id,
        )


def _own_words(item: DraftItem) -> list[str]:
    """Where an item states its own date: its title, then its measures' names and targets
    (`To commence demolition … by September 2024`), never its commentary."""
    words = [item.title]
    for measure in item.measures:
        words.append(str(measure.get("name", "")))
        target = measure.get("target")
        if isinstance(target, dict):
            words.append(str(target.get("text", "")))
    return words


def _dated(item: DraftItem) -> bool:
    timescale = item.timescale
    return timescale is not None and bool(
        timescale.due or timescale.start or timescale.open_ended or timescale.text
    )
