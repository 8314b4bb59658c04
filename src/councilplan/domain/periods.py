"""Reporting periods on a financial year (UK default: April–March, quarters).

Pure Python: no Django. `2024-Q1` names the first quarter of 2024/25, which
runs from 1 April to 30 June 2024.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

PERIOD_KEY = re.compile(r"^(?P<year>\d{4})-(?P<kind>Q|H|M|Y)(?P<number>\d{1,2})?$")
PERIOD_KEY_ERROR = (
    "'{key}' is not a reporting period: write the financial year's first calendar year and "
    "the quarter, as 2024-Q1 for April to June 2024 (the first quarter of 2024/25)."
)
PERIOD_OUT_OF_RANGE_ERROR = "'{key}' does not exist: a year has {count} periods of {months} months."


class PeriodError(ValueError):
    """A period key or calendar that does not make sense."""


@dataclass(frozen=True)
class FinancialCalendar:
    year_start_month: int = 4
    period_months: int = 3

    def __post_init__(self) -> None:
        if not 1 <= self.year_start_month <= 12:
            raise PeriodError("The financial year must start in a month from 1 to 12.")
        if self.period_months not in (1, 3, 6, 12):
            raise PeriodError("A reporting period lasts 1, 3, 6 or 12 months.")

    @property
    def periods_per_year(self) -> int:
        return 12 // self.period_months

    def year_of(self, day: date) -> int:
        """The financial year containing `day`, named by its first calendar year."""
        return day.year if day.month >= self.year_start_month else day.year - 1

    def year_label(self, year: int) -> str:
        if self.year_start_month == 1:
            return str(year)
        return f"{year}/{(year + 1) % 100:02d}"

    def year_bounds(self, year: int) -> tuple[date, date]:
        start = date(year, self.year_start_month, 1)
        return start, _add_months(start, 12) - timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    number: int
    calendar: FinancialCalendar = FinancialCalendar()

    @property
    def kind_letter(self) -> str:
        return {3: "Q", 6: "H", 1: "M", 12: "Y"}[self.calendar.period_months]

    @property
    def key(self) -> str:
        if self.calendar.period_months == 12:
            return f"{self.year}-Y"
        return f"{self.year}-{self.kind_letter}{self.number}"

    @property
    def label(self) -> str:
        year_label = self.calendar.year_label(self.year)
        if self.calendar.period_months == 12:
            return year_label
        return f"{self.kind_letter}{self.number} {year_label}"

    @property
    def starts_on(self) -> date:
        first = date(self.year, self.calendar.year_start_month, 1)
        return _add_months(first, (self.number - 1) * self.calendar.period_months)

    @property
    def ends_on(self) -> date:
        return _add_months(self.starts_on, self.calendar.period_months) - timedelta(days=1)

    def previous(self) -> "Period":
        if self.number > 1:
            return Period(self.year, self.number - 1, self.calendar)
        return Period(self.year - 1, self.calendar.periods_per_year, self.calendar)

    def next(self) -> "Period":
        if self.number < self.calendar.periods_per_year:
            return Period(self.year, self.number + 1, self.calendar)
        return Period(self.year + 1, 1, self.calendar)

    def same_period_last_year(self) -> "Period":
        return Period(self.year - 1, self.number, self.calendar)


def period_parse(key: str, calendar: FinancialCalendar | None = None) -> Period:
    """Read a period key such as `2024-Q1`; raise PeriodError with a plain message if wrong."""
    calendar = calendar or FinancialCalendar()
    match = PERIOD_KEY.match(key.strip().upper())
    if not match:
        raise PeriodError(PERIOD_KEY_ERROR.format(key=key))
    number = int(match["number"] or 1)
    if not 1 <= number <= calendar.periods_per_year:
        raise PeriodError(
            PERIOD_OUT_OF_RANGE_ERROR.format(
                key=key, count=calendar.periods_per_year, months=calendar.period_months
            )
        )
    return Period(int(match["year"]), number, calendar)


def period_containing(day: date, calendar: FinancialCalendar | None = None) -> Period:
    calendar = calendar or FinancialCalendar()
    year = calendar.year_of(day)
    months_in = (day.month - calendar.year_start_month) % 12
    return Period(year, months_in // calendar.period_months + 1, calendar)


def periods_between(
    first: date, last: date, calendar: FinancialCalendar | None = None
) -> list[Period]:
    """Every period from the one containing `first` to the one containing `last`."""
    current = period_containing(first, calendar)
    end = period_containing(last, calendar)
    periods = []
    while current <= end:
        periods.append(current)
        current = current.next()
    return periods


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    return date(day.year + month_index // 12, month_index % 12 + 1, 1)


_QUARTER_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4, "one": 1, "two": 2, "three": 3, "four": 4}
_FINANCIAL_YEAR = r"(?P<year>20\d\d)\s*[/\-–]\s*(?P<next>\d{2}|20\d\d)\b"
_QUARTER_IN_TEXT = re.compile(
    r"\b(?:quarter\s+(?P<word>[1-4]|one|two|three|four)|q(?P<number>[1-4]))\b"
    r"(?:\s+of)?[\s,]*(?:(?:financial\s+)?year\s+)?" + _FINANCIAL_YEAR,
    re.I,
)
_MONTHS_IN_TEXT = re.compile(
    r"\b(?P<first>january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\s+(?:to|–|-|until)\s+(?P<last>january|february|march|april|may|june|"
    r"july|august|september|october|november|december)\s+(?P<year>20\d\d)\b",
    re.I,
)
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}


def period_in_text(text: str, calendar: FinancialCalendar | None = None) -> str:
    """The period a document says it reports on, as a key ('' when it names none):
    `Quarter 1 2025/26` and `Q2 2024-25` name a quarter of a financial year;
    `April to June 2025` names the quarter those months end."""
    calendar = calendar or FinancialCalendar()
    for match in _QUARTER_IN_TEXT.finditer(text):
        year, following = int(match["year"]), match["next"]
        if (year + 1) % 100 != int(following) % 100:
            continue  # `Q1 2024/23` is no financial year
        number = _QUARTER_WORDS[(match["word"] or match["number"]).lower()]
        if number <= calendar.periods_per_year:
            return Period(year, number, calendar).key
    for match in _MONTHS_IN_TEXT.finditer(text):
        last = _MONTH_NUMBERS[match["last"].lower()]
        year = int(match["year"])
        return period_containing(date(year, last, 1), calendar).key
    return ""
