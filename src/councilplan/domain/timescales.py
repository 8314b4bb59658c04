"""Timescales and dates as councils print them, read onto real dates.

Pure Python. `Sep-20`, `End of August`, `October 20 and ongoing`, `03/09/2020 then ongoing`,
`by end April 2024`, `Q4`, `Ongoing`, `TBC`. Dates are UK day-first. A bare month is placed
in the plan's financial year (April–March by default); with no year known it is left
undated and flagged. An impossible date (`51/5/2024`) is flagged, never guessed.
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from councilplan.domain.missing import missing_value_kind

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

IMPOSSIBLE_DATE_PROBLEM = "'{text}' is not a real date: it was left undated, not guessed"
NO_YEAR_PROBLEM = "'{text}' names a month but no year, and the plan's year is not known"
UNREAD_PROBLEM = "'{text}' could not be read as a date or timescale"

_OPEN_ENDED = re.compile(r"\b(on\s?going|continuous|continuing|then ongoing|and ongoing)\b", re.I)
_STARTED = re.compile(r"^\s*(started|commenced|underway|in progress)\b", re.I)
_NUMERIC = re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{2,4})\b")
_MONTH_YEAR = re.compile(_MONTH + r"(?:[\s\-/]+(?P<year>\d{4}|\d{2}))?\b", re.I)
_DAY_MONTH_YEAR = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"\s+(?P<year>\d{4})\b", re.I
)
_QUARTER = re.compile(r"\bQ(?P<quarter>[1-4])(?:\s+(?P<year>\d{4})(?:/\d{2})?)?\b", re.I)
_END_YEAR = re.compile(r"\bend(?: of)?\s+(?P<year>\d{4})\b", re.I)
_START_WORDS = re.compile(r"\b(then|and) ongoing\b|\bcommence\b|\bfrom\b", re.I)


@dataclass(frozen=True)
class Timescale:
    """What a printed timescale means: dates where they can be known, the words always."""

    text: str
    start: date | None = None
    due: date | None = None
    open_ended: bool = False
    missing: str = ""  # the kind of placeholder (`placeholder`, `word_placeholder`), if any
    problems: tuple[str, ...] = field(default_factory=tuple)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def year_for_month(month: int, financial_year: int | None, year_start_month: int = 4) -> int | None:
    """The calendar year of `month` inside the financial year that starts in `financial_year`."""
    if financial_year is None:
        return None
    return financial_year if month >= year_start_month else financial_year + 1


def _two_digit_year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def timescale_parse(
    text: str, *, financial_year: int | None = None, year_start_month: int = 4
) -> Timescale:
    """Read a printed timescale. Never raises: what cannot be read is reported in `problems`."""
    cleaned = " ".join(str(text).split())
    if not cleaned:
        return Timescale(text="")
    missing = missing_value_kind(cleaned)
    if missing:
        return Timescale(text=cleaned, missing=missing)
    open_ended = bool(_OPEN_ENDED.search(cleaned))
    found, problems = _first_date(cleaned, financial_year, year_start_month)
    if found is None:
        if _STARTED.search(cleaned) or open_ended:
            return Timescale(text=cleaned, open_ended=True, problems=tuple(problems))
        return Timescale(
            text=cleaned, problems=tuple(problems or [UNREAD_PROBLEM.format(text=cleaned)])
        )
    day, is_start = found
    if is_start or (open_ended and _START_WORDS.search(cleaned)):
        return Timescale(text=cleaned, start=day, open_ended=True, problems=tuple(problems))
    return Timescale(text=cleaned, due=day, open_ended=open_ended, problems=tuple(problems))


def _first_date(
    text: str, financial_year: int | None, year_start_month: int
) -> tuple[tuple[date, bool] | None, list[str]]:
    """The earliest-printed date in the text, and whether it reads as a start."""
    numeric = _NUMERIC.search(text)
    if numeric:
        try:
            day = date(_two_digit_year(numeric["year"]), int(numeric["month"]), int(numeric["day"]))
        except ValueError:
            return None, [IMPOSSIBLE_DATE_PROBLEM.format(text=numeric.group(0))]
        return (day, bool(_START_WORDS.search(text))), []
    full = _DAY_MONTH_YEAR.search(text)
    if full:
        month = MONTHS[full["month"].lower()]
        try:
            return (date(int(full["year"]), month, int(full["day"])), False), []
        except ValueError:
            return None, [IMPOSSIBLE_DATE_PROBLEM.format(text=full.group(0))]
    return _month_or_quarter(text, financial_year, year_start_month)


def _month_or_quarter(
    text: str, financial_year: int | None, year_start_month: int
) -> tuple[tuple[date, bool] | None, list[str]]:
    quarter = _QUARTER.search(text)
    month_match = _MONTH_YEAR.search(text)
    if month_match and not (quarter and quarter.start() < month_match.start()):
        month = MONTHS[month_match["month"].lower()]
        year: int | None = (
            _two_digit_year(month_match["year"])
            if month_match["year"]
            else year_for_month(month, financial_year, year_start_month)
        )
        if year is None:
            return None, [NO_YEAR_PROBLEM.format(text=text)]
        starts = bool(re.search(r"\bcommence|\bongoing|\bfrom\b", text, re.I))
        day = date(year, month, 1) if starts else month_end(year, month)
        return (day, starts), []
    if quarter:
        base = int(quarter["year"]) if quarter["year"] else financial_year
        if base is None:
            return None, [NO_YEAR_PROBLEM.format(text=text)]
        last_month = year_start_month + int(quarter["quarter"]) * 3 - 1
        year = base + (last_month - 1) // 12
        return (month_end(year, (last_month - 1) % 12 + 1), False), []
    end_year = _END_YEAR.search(text)
    if end_year:
        return (date(int(end_year["year"]), 12, 31), False), []
    return None, []
