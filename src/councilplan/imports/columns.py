"""A column's role guessed from what its cells hold, for headers the vocabulary does not know.

No Django. Dates or date-like words → a date (of two date columns, the earlier is the
start); percentages, or fractions in a column of them → progress; status words → status;
short names repeated down the column → lead officer or service area; the first long-text
column → title; reference-like codes → reference. Each guess carries the reason the import
report prints: "column 'Target' read as the due date (7 of 7 values are dates)".
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from councilplan.domain.missing import missing_value_kind
from councilplan.domain.quantities import percent_parse
from councilplan.domain.statuses import status_match
from councilplan.domain.timescales import timescale_parse
from councilplan.imports.references import is_column_ref

ROLE_LABELS = {
    "ref": "reference",
    "title": "title",
    "due": "due date",
    "start": "start date",
    "status": "status",
    "progress": "progress",
    "lead_officer": "lead officer",
    "service_area": "service area",
    "commentary": "commentary",
}
GUESS_REASON = "column '{name}' read as the {label} ({count} of {total} values are {kind})"
# A guess needs most of the column behind it.
_SHARE = 0.7
_PERSON = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr)\.?\s+)?[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){1,2}$"
)
FRACTION = re.compile(r"^(?:0?\.\d+|0|1(?:\.0+)?)$")  # 0.35: a share of one
_WORD = re.compile(r"[A-Za-z]{2,}")
_AMOUNT = re.compile(r"^\d[\d,]*\.\d{2}$")  # 120.00: money, never a reference
_DATE_WORDS = re.compile(r"\b(on\s?going|tbc|tba|tbd|annual|quarterly|monthly)\b", re.I)


@dataclass(frozen=True)
class ColumnGuess:
    role: str
    reason: str
    scale: int = 1  # 100 when the column holds fractions of one for percentages
    first_date: date | None = None  # the earliest date in a date column


def column_guess(name: str, values: list[str], *, financial_year: int | None) -> ColumnGuess | None:
    """The role the column's values suggest, or None when they suggest none clearly."""
    values = [v.strip() for v in values if v and v.strip()]
    if not values:
        return None
    total = len(values)

    def guess(role: str, count: int, kind: str, **extra: object) -> ColumnGuess:
        reason = GUESS_REASON.format(
            name=" ".join(name.split())[:60],
            label=ROLE_LABELS.get(role, role),
            count=count,
            total=total,
            kind=kind,
        )
        return ColumnGuess(role, reason, **extra)  # type: ignore[arg-type]

    def enough(count: int) -> bool:
        return count >= max(1, _SHARE * total)

    percents = sum(1 for v in values if "%" in v and percent_parse(v) is not None)
    if enough(percents):
        return guess("progress", percents, "percentages")
    fractions = [v for v in values if FRACTION.match(v)]
    if enough(len(fractions)) and any(_decimal(v) not in (0, 1) for v in fractions):
        return guess("progress", len(fractions), "fractions of one", scale=100)
    statuses = sum(
        1 for v in values if len(v) <= 40 and not re.search(r"\d", v) and status_match(v)
    )
    if enough(statuses) and any(len(v) > 1 for v in values):
        return guess("status", statuses, "status words")
    dates = [d for d in (_date_in(v, financial_year) for v in values) if d is not None]
    dated = sum(1 for v in values if _date_like(v, financial_year))
    if enough(dated) and dates:
        return guess("due", dated, "dates", first_date=min(dates))
    refs = sum(1 for v in values if is_column_ref(v))
    distinct = len(set(values)) >= 0.9 * total
    amounts = sum(1 for v in values if _AMOUNT.match(v))
    if enough(refs) and distinct and not enough(amounts):
        return guess("ref", refs, "references")
    return _text_guess(values, guess, enough)


def _text_guess(values, guess, enough) -> ColumnGuess | None:
    people = sum(1 for v in values if _PERSON.match(v))
    if enough(people):
        return guess("lead_officer", people, "people's names")
    short = [v for v in values if len(v) <= 40 and len(v.split()) <= 5 and _WORD.search(v)]
    repeated = len(short) - len(set(short))
    if enough(len(short)) and repeated >= 1 and len(set(short)) < len(short):
        return guess("service_area", len(short), "short names that repeat")
    long = sum(1 for v in values if len(v) > 25 and len(v.split()) >= 4)
    if enough(long):
        return guess("title", long, "text")
    return None


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal(-1)


def _date_in(text: str, financial_year: int | None) -> date | None:
    timescale = timescale_parse(text, financial_year=financial_year)
    return timescale.due or timescale.start


def _date_like(text: str, financial_year: int | None) -> bool:
    if len(text) > 60:
        return False
    if _date_in(text, financial_year) is not None:
        return True
    return bool(missing_value_kind(text) or _DATE_WORDS.search(text))


def roles_settled(guesses: dict[int, ColumnGuess], taken: set[str]) -> dict[int, ColumnGuess]:
    """One column for each role: of two date columns the earlier is the start; a role the
    header already names, or a second column of the same role, is left unguessed."""
    settled: dict[int, ColumnGuess] = {}
    dated = [(index, g) for index, g in sorted(guesses.items()) if g.role == "due"]
    if len(dated) >= 2 and "start" not in taken and "due" not in taken:
        first, second = dated[0], dated[1]
        early, late = (first, second) if _earlier(first[1], second[1]) else (second, first)
        settled[early[0]] = ColumnGuess(
            "start", early[1].reason.replace("due date", "start date"), first_date=None
        )
        settled[late[0]] = late[1]
    used = set(taken) | {g.role for g in settled.values()}
    for index, candidate in sorted(guesses.items()):
        if index in settled:
            continue
        if candidate.role in used:
            continue
        settled[index] = candidate
        used.add(candidate.role)
    return settled


def _earlier(first: ColumnGuess, second: ColumnGuess) -> bool:
    if first.first_date is None or second.first_date is None:
        return True
    return first.first_date <= second.first_date
