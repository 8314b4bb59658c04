"""Numbers as councils print them: percentages, money, quantities with units, targets
with comparators, and the figures that narrative sentences report.

Pure Python. Values are Decimals; nothing here raises on odd input.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A minus sign stuck to its figure (`-28`, `−16%`, `-£3.3m`), never the hyphen of a range
# (`10-20`) or a dash set apart by a space (`Q1 - 25%`).
_SIGN = r"(?P<sign>(?<![\w.,%)])[-−](?=[\d£]))?"
_PERCENT_ONLY = re.compile(r"^\s*(?P<value>" + _NUMBER + r")\s*%\s*$")
_PERCENT = re.compile(_SIGN + r"(?P<value>" + _NUMBER + r")\s*%")
_MONEY = re.compile(
    _SIGN + r"£\s*(?P<value>" + _NUMBER + r")\s*(?P<scale>bn|billion|m|million|k|thousand)?\b", re.I
)
_SCALES = {
    "k": 1000,
    "thousand": 1000,
    "m": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_UNITS = (r"t\s?CO2e?", "tonnes", "tonne", "kwh", "mwh", "km", "hours", "days", "weeks")
_WITH_UNIT = re.compile(
    _SIGN + r"(?P<value>" + _NUMBER + r")\s*(?P<unit>" + "|".join(_UNITS) + r")\b", re.I
)
_BARE_NUMBER = re.compile(_SIGN + r"(?<![\w/.£])(?P<value>" + _NUMBER + r")(?![\w/%])")
_COMPARATORS = (
    (
        re.compile(r"^\s*(equal to or (>|more than|greater than|above)|>=|≥|at least)\s*", re.I),
        ">=",
    ),
    (re.compile(r"^\s*(equal to or (<|less than|below)|<=|≤|no more than|at most)\s*", re.I), "<="),
    (re.compile(r"^\s*(>|more than|greater than|above|over)\s*", re.I), ">"),
    (re.compile(r"^\s*(<|less than|below|under)\s*", re.I), "<"),
    (re.compile(r"^\s*(=|equal to|same as)\s*", re.I), "="),
)
_YEAR = re.compile(r"^(19|20)\d{2}$")


@dataclass(frozen=True)
class Quantity:
    text: str
    value: Decimal | None = None
    comparator: str = ""
    unit: str = ""


def decimal_of(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def _signed(match: re.Match[str]) -> Decimal | None:
    value = decimal_of(match["value"])
    return -value if value is not None and match["sign"] else value


def percent_parse(text: str) -> Decimal | None:
    """`25%` → 25. Only a cell that is one percentage; anything else is None."""
    match = _PERCENT_ONLY.match(text or "")
    return decimal_of(match["value"]) if match else None


def percent_list(text: str) -> list[Decimal]:
    """Every percentage in a cell that holds only percentages (`25% 25% 25%`), else []."""
    if not text or _PERCENT.sub("", text).strip(" ,;/\n\t"):
        return []
    return [v for v in (decimal_of(m["value"]) for m in _PERCENT.finditer(text)) if v is not None]


def money_parse(text: str) -> Decimal | None:
    """`£20K` → 20000, `£3.3m` → 3300000, `£23,845.99` → 23845.99; None when no money."""
    match = _MONEY.search(text or "")
    if not match:
        return None
    value = _signed(match)
    scale = (match["scale"] or "").lower()
    if value is None:
        return None
    return value * _SCALES[scale] if scale else value


def quantity_parse(text: str) -> Quantity:
    """The first value in a cell, with its unit: %, £, a named unit (`t CO2e`) or a count."""
    text = text or ""
    percent = _PERCENT.search(text)
    money = _MONEY.search(text)
    unit = _WITH_UNIT.search(text)
    candidates = [m for m in (percent, money, unit) if m]
    if candidates:
        first = min(candidates, key=lambda m: m.start())
        if first is percent:
            return Quantity(text, _signed(first), unit="%")
        if first is money:
            return Quantity(text, money_parse(first.group(0)), unit="£")
        return Quantity(text, _signed(first), unit=_unit_name(first["unit"]))
    for match in _BARE_NUMBER.finditer(text):
        if not _YEAR.match(match["value"]):
            return Quantity(text, _signed(match))
    return Quantity(text)


def actual_parse(text: str) -> Quantity:
    """A figure reported for a period, as typed by an owner or printed in a document: its
    number reads as exactly that (`=`); text with no number keeps no comparator."""
    quantity = quantity_parse(text)
    if quantity.value is None:
        return quantity
    return Quantity(quantity.text, quantity.value, comparator="=", unit=quantity.unit)


def _unit_name(unit: str) -> str:
    compact = unit.replace(" ", "").lower()
    if compact.startswith("tco2"):
        return "t CO2e"
    return unit.lower()


def target_parse(text: str) -> Quantity:
    """`equal to or > 77%` → (>=, 77, %); `> 2023 baseline` → (>, no value); `<4,007 t CO2e`."""
    text = text or ""
    comparator, rest = "", text
    for pattern, symbol in _COMPARATORS:
        match = pattern.match(text)
        if match:
            comparator, rest = symbol, text[match.end() :]
            break
    if comparator and re.match(r"^\s*(19|20)\d{2}(/\d{2})?\s+baseline", rest, re.I):
        return Quantity(text, None, comparator)  # relative to a baseline, not a number
    found = quantity_parse(rest)
    if found.value is None:
        return Quantity(text, None, comparator)
    return Quantity(text, found.value, comparator or "=", found.unit)


@dataclass(frozen=True)
class Figure:
    kind: str  # money, count, percent, quantity
    value: Decimal
    text: str
    sentence: str
    unit: str = ""
    qualifier: str = ""


_QUALIFIER = (
    r"(?:(?P<qualifier>over|around|nearly|almost|approximately|about|more than|at least|"
    r"up to|some)\s+)?"
)
_STOP = (
    r"(?:to|and|of|in|with|for|by|over|across|have|has|are|were|was|is|be|been|the|a|an|on|at|"
    r"from|through|who|which|that|per|year|years|as|or|into|than)\b"
)
_WORD = r"(?!" + _STOP + r")[a-z][a-z\-]*"
_FIGURE = re.compile(
    _QUALIFIER
    + r"(?:(?P<money>£\s*(?:"
    + _NUMBER
    + r")\s*(?:bn|billion|m|million|k|thousand)?)\b|(?P<percent>(?:"
    + _NUMBER
    + r")\s*%)|(?P<count>(?:"
    + _NUMBER
    + r"))\s+(?P<unit>"
    + _WORD
    + r"(?:\s+"
    + _WORD
    + r"){0,2}))",
    re.I,
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z£0-9])")


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_SPLIT.split(" ".join(text.split())) if s.strip()]


def figures_find(text: str) -> list[Figure]:
    """Money, percentages and counts that a narrative reports, each beside its sentence."""
    figures = []
    for sentence in sentences_of(text):
        for match in _FIGURE.finditer(sentence):
            figure = _figure_of(match, sentence)
            if figure is not None:
                figures.append(figure)
    return figures


def _figure_of(match: re.Match, sentence: str) -> Figure | None:
    qualifier = (match["qualifier"] or "").lower()
    if match["money"]:
        value = money_parse(match["money"])
        kind, unit = "money", "£"
    elif match["percent"]:
        value = decimal_of(match["percent"].rstrip("% "))
        kind, unit = "percent", "%"
    else:
        number = match["count"]
        if _YEAR.match(number) or match["unit"].lower() in {"year", "years", "am", "pm"}:
            return None
        value = decimal_of(number)
        kind, unit = "count", match["unit"]
    if value is None:
        return None
    return Figure(kind, value, match.group(0).strip(), sentence, unit, qualifier)
