"""Small rules of plain English that every page, report and e-mail shares: plurals, shares
rounded as councils print them, titles cut at a word, values as people write them, search
on words, and a change to a record told as a sentence."""

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from councilplan.domain.text_lists import plural as noun_plural

ELLIPSIS = "…"
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def plural(count: int, noun: str, plural_noun: str = "") -> str:
    """`1 item`, `3 items`, `0 items`, `2 activities`; give `plural_noun` where the English
    plural rules of `text_lists.plural` are wrong for the noun."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {plural_noun or noun_plural(noun)}"


def percent_text(value: float | Decimal | None) -> str:
    """A percentage as councils print it: whole per cent, or one decimal under 10%
    (`14%`, `2.9%`, `5%`, `100%`); halves round up; "" for None."""
    if value is None:
        return ""
    number = Decimal(str(value))
    places = Decimal("0.1") if abs(number) < 10 else Decimal("1")
    rounded = number.quantize(places, rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        rounded = rounded.quantize(Decimal("1"))
    return f"{rounded}%"


def share_text(count: int, total: int) -> str:
    """`count` out of `total` as a printed share: share_text(1, 34) == "2.9%"."""
    return percent_text(100 * count / total if total else 0)


def cut_at_word(text: str, limit: int) -> str:
    """`text` no longer than `limit` characters, cut at the end of a word with an ellipsis
    (never mid-word; a single word longer than the limit is cut where it must be)."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    cut = room.rsplit(" ", 1)[0] if " " in room and text[limit - 1] != " " else room
    return cut.rstrip(" ,;:.–-") + ELLIPSIS


def words_match(query: str, text: str) -> bool:
    """Search on words, not inside them: every term of `query` must start a word of `text`.
    Terms of one or two letters, and terms in capitals (acronyms such as EV), must be whole
    words, so "EV" finds "EV charging" but not "every"."""
    lowered = text.lower()
    for term in query.split():
        whole = len(term) < 3 or (term.isupper() and term.isalpha())
        pattern = r"(?<!\w)" + re.escape(term.lower()) + (r"(?!\w)" if whole else "")
        if not re.search(pattern, lowered):
            return False
    return True


def figure_text(value: float | None) -> str:
    """A figure as a table prints it: `19,625`, `53.1`, `0.25`; "" for None."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def field_text(value: object, *, month: str = "%b") -> str:
    """A field's value shown in a message or a comparison: None → "", True → `Yes`,
    `30.00` → `30`, a date as `30 Sep 2025` (`month="%B"`: `30 September 2025`), a list
    joined with commas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, date):
        return value.strftime(f"%-d {month} %Y")
    if isinstance(value, list):
        return ", ".join(str(entry) for entry in value)
    return str(value).strip()


def value_text(value: object) -> str:
    """A stored value as a person writes it: `2025-09-30` → `30 Sep 2025`, `30.00` → `30`,
    True → `yes`, None or "" → `blank`."""
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return f"{value.day} {value:%b %Y}"
    text = str(value)
    if match := _ISO_DATE.match(text):
        try:
            return value_text(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            return text
    if _NUMBER.match(text):
        return _number_text(text)
    if text in ("True", "False"):
        return "yes" if text == "True" else "no"
    return text


def _number_text(text: str) -> str:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if number == number.to_integral_value():
        return f"{number.quantize(Decimal(1)):f}"
    return f"{number.normalize():f}"


def values_differ(old: object, new: object) -> bool:
    """False for changes that are not changes: `30.00` and `30`, None and ""."""
    return value_text(old) != value_text(new)


def change_sentence(who: str, field: str, old: object, new: object) -> str:
    """`Jane Greer changed the due date from 30 Sep 2025 to 31 Dec 2025`; setting or
    clearing a value says so rather than "from blank"."""
    before, after = value_text(old), value_text(new)
    field = field[:1].lower() + field[1:] if field[1:2].islower() or len(field) < 2 else field
    if before == "blank":
        return f"{who} set the {field} to {after}"
    if after == "blank":
        return f"{who} cleared the {field} (it was {before})"
    return f"{who} changed the {field} from {before} to {after}"
