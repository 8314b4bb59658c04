"""KPI tables: a table whose rows are indicators (reference, indicator, optional service,
last period, this period, target, status, trend, commentary) becomes measures with values
in two periods, not actions. No Django.

A table is read as a KPI table by its shape: a column of indicator names, a column of this
period's figures and a column of targets, beside a last-period, status or trend column, and
no milestone or action columns. Column names vary ("Last quarter", "Previous"; "RAG status");
a column headed by a period ("Q1 2024/25") says which period its figures are for.
"""

import re
from dataclasses import dataclass, field, replace
from typing import Any

from councilplan.domain.periods import FinancialCalendar, period_in_text, period_parse
from councilplan.domain.quantities import quantity_parse, target_parse
from councilplan.domain.statuses import status_match
from councilplan.imports.source import Cell, SourceDocument, Table

# Header words for each column, matched on the header's words (lower case, no punctuation).
COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "ref": ("ref", "reference", "pi ref", "kpi ref", "code", "no", "pi no", "kpi no", "id"),
    "indicator": (
        "indicator",
        "performance indicator",
        "kpi",
        "measure",
        "performance measure",
        "key performance indicator",
        "description",
        "pi",
        "indicator name",
        "name",
    ),
    "service": ("service", "directorate", "service area", "department", "portfolio", "theme"),
    "previous": (
        "last quarter",
        "last period",
        "previous",
        "previous quarter",
        "previous period",
        "last month",
        "prior period",
        "last year",
        "previous value",
        "last value",
    ),
    "current": (
        "this quarter",
        "this period",
        "current",
        "current quarter",
        "current period",
        "actual",
        "current value",
        "result",
        "outturn",
        "value",
        "performance",
    ),
    "target": ("target", "target this period", "quarter target", "period target", "targets"),
    "status": ("status", "rag", "rag status", "rating", "rag rating", "performance status"),
    "trend": ("trend", "direction", "direction of travel", "dot", "travel"),
    "commentary": ("comment", "comments", "commentary", "notes", "narrative", "explanation"),
    "polarity": ("polarity", "good is", "good performance is", "aim", "higher or lower"),
    "unit": ("unit", "units", "measure unit"),
}
# Headers that make a table a plan of actions, not a KPI table.
_ACTION_HEADER = re.compile(r"\b(milestones?|actions?|mission|objectives?|timescale|due)\b")
_NOT_AVAILABLE = re.compile(
    r"^\s*(not (yet )?available|awaiting( data)?|data not (yet )?available|due in|tbc|tba|"
    r"to follow|not yet reported|pending)\b",
    re.I,
)
_NOT_APPLICABLE = re.compile(r"^\s*(n/?a|not applicable|-|–)\s*$", re.I)
_LOWER_WORDS = re.compile(r"\b(low|lower|smaller|less|down|decrease|reduce)\b", re.I)
_HIGHER_WORDS = re.compile(r"\b(high|higher|bigger|more|up|increase)\b", re.I)
# An indicator's name that says lower is better, when the table has no polarity column:
# time taken, days lost, missed collections, complaints, arrears. Only phrases that cannot
# be a share of good outcomes ("% of incidents fixed within 4 hours" is higher-is-better).
_LOWER_NAME = re.compile(
    r"\b(average time|time taken|days lost|(working )?days \(per fte\) lost|sickness absence|"
    r"missed (bin |refuse |waste )?collections?|number of complaints|arrears|"
    r"re-?referrals?|void (rent|properties|loss)|empty homes|households in temporary)\b",
    re.I,
)
# A status that says the indicator is reported for information, not rated against a target.
_INFO_ONLY = re.compile(
    r"^\s*(for )?(info|information|data|context|contextual)( only| indicator)?\s*$", re.I
)
_PERIOD_COLUMN = re.compile(r"\bq[1-4]\b|\bquarter\b|\b20\d\d\b", re.I)

NOT_A_NUMBER_MESSAGE = "the {what} “{text}” is not a number: kept as written, with no figure"
POLARITY_ASSUMED_MESSAGE = (
    "the table does not say which way is better for its indicators: higher is assumed "
    "(give each measure its polarity)"
)
POLARITY_FROM_NAME_MESSAGE = (
    "the table does not say which way is better for this indicator: lower is taken as "
    "better from its name (“{words}”); check it"
)
INFO_ONLY_TARGET_MESSAGE = (
    "“{name}” is marked “{status}”: it is not rated, and the target printed beside it "
    "(“{target}”) is not used"
)
PERCENT_OVER_100_MESSAGE = "the {what} “{text}” is a percentage over 100%: check it"
NO_PERIOD_MESSAGE = (
    "the target “{target}” and this period's figure have no period: the table does not say "
    "which period they are for (give --period); the target is kept as the measure's own"
)
PERIOD_UNKNOWN_MESSAGE = (
    "the table does not say which period its figures are for: give --period to say"
)


@dataclass
class KpiColumns:
    """Column index for each role found in a KPI table's header row."""

    roles: dict[str, int]
    header_row: int
    periods: dict[str, str] = field(default_factory=dict)  # role -> period key from its header


def _key_of(text: str) -> str:
    """An indicator's or service's key from printed words: `CS 01` → `cs-01`. Unlike a
    plan's slug (domain.slugs), anything between letters and digits separates words
    (`2024/25` → `2024-25`)."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9/ ]+", " ", text.lower()).split())


def _role_of(header: str) -> str:
    words = _words(header)
    if not words:
        return ""
    for role, names in COLUMN_WORDS.items():
        if words in names:
            return role
    for role, names in COLUMN_WORDS.items():
        if any(words.startswith(f"{name} ") for name in names if len(name) > 3):
            return role
    return ""


def kpi_columns(table: Table, calendar: FinancialCalendar) -> KpiColumns | None:
    """The KPI columns of a table, read from its first rows; None when it is not a KPI
    table."""
    for index, row in enumerate(table.rows[:3]):
        headers = [cell.text for cell in row]
        if any(_ACTION_HEADER.search(_words(h)) for h in headers):
            return None
        roles: dict[str, int] = {}
        periods: dict[str, str] = {}
        dated: list[tuple[str, int]] = []
        for column, header in enumerate(headers):
            role = _role_of(header)
            key = period_in_text(header, calendar) if _PERIOD_COLUMN.search(header) else ""
            if key and role in ("", "current", "previous"):
                dated.append((key, column))
                continue
            if role and role not in roles:
                roles[role] = column
        # Two columns headed by periods: the later is this period, the earlier the last.
        latest_first = sorted(dated, reverse=True)[:2]
        for role, (key, column) in zip(("current", "previous"), latest_first, strict=False):
            if role not in roles:
                roles[role], periods[role] = column, key
        shaped = {"indicator", "current", "target"} <= set(roles)
        if shaped and ({"previous", "status", "trend"} & set(roles)):
            return KpiColumns(roles=roles, header_row=index, periods=periods)
    return None


@dataclass
class KpiRow:
    ref: str
    indicator: str
    service: str
    previous: str
    current: str
    target: str
    status: str
    trend: str
    commentary: str
    polarity: str
    unit: str
    location: str


def kpi_rows(table: Table, columns: KpiColumns) -> list[KpiRow]:
    rows = []
    for cells in table.rows[columns.header_row + 1 :]:

        def text(role: str, cells: list[Cell] = cells) -> str:
            column = columns.roles.get(role)
            if column is None or column >= len(cells):
                return ""
            return " ".join(cells[column].text.split())

        indicator = text("indicator")
        if not indicator or _role_of(indicator) == "indicator":
            continue  # a blank row, or the header repeated on a new page
        first = cells[columns.roles["indicator"]].location
        rows.append(
            KpiRow(
                ref=text("ref"), indicator=indicator, service=text("service"),
                previous=text("previous"), current=text("current"), target=text("target"),
                status=text("status"), trend=text("trend"), commentary=text("commentary"),
                polarity=text("polarity"), unit=text("unit"), location=str(first),
            )
        )  # fmt: skip
    return rows


def kpi_tables_find(
    source: SourceDocument, calendar: FinancialCalendar
) -> list[tuple[Table, KpiColumns]]:
    found = []
    for block in source.blocks:
        if isinstance(block, Table):
            columns = kpi_columns(block, calendar)
            if columns is not None:
                found.append((block, columns))
    return found


class KpiDocument:
    """Measures, their values in this and the last period, targets and reported status as
    an open plan format document's `items`, `measure_values` and `anomalies`."""

    def __init__(self, *, period: str, calendar: FinancialCalendar) -> None:
        self.period = period
        self.previous = period_parse(period, calendar).previous().key if period else ""
        self.items: dict[str, dict[str, Any]] = {}
        self.values: list[dict[str, Any]] = []
        self.anomalies: list[dict[str, Any]] = []
        self.keys: set[str] = set()
        self.polarity_assumed = False

    def add(self, row: KpiRow, columns: KpiColumns) -> None:
        service = row.service or "Performance indicators"
        item = self.items.setdefault(
            service,
            {
                "id": _key_of(service)[:90] or "indicators",
                "ref": "",
                "title": service,
                "level": "Service",
                "measures": [],
                "source": {"location": row.location},
            },
        )
        key = self._key(row)
        info_only = bool(_INFO_ONLY.match(row.status))
        if info_only and row.target:
            self.anomaly(
                "info_only_target",
                INFO_ONLY_TARGET_MESSAGE.format(
                    name=row.indicator, status=row.status, target=row.target
                ),
                row,
            )
            row = replace(row, target="")
        target = target_parse(row.target)
        current = self._value(row.current, row, "figure for this period")
        unit = row.unit or current.get("_unit", "") or (target.unit if target.value else "")
        polarity = self._polarity(row, target.comparator, info_only=info_only)
        item["measures"].append(
            {
                "id": key,
                "ref": row.ref,
                "name": row.indicator,
                "unit": unit,
                "kind": "percentage" if unit == "%" else "",
                "polarity": polarity,
                "target": {
                    "text": row.target,
                    "value": _number(target.value),
                    "comparator": target.comparator,
                },
            }
        )
        this_period = columns.periods.get("current") or self.period
        last_period = columns.periods.get("previous") or self.previous
        previous = {}
        if row.previous and last_period:
            previous = self._value(row.previous, row, "figure for the last period")
            self.values.append({"measure": key, "period": last_period, **_public(previous)})
        if row.target and target.value is None:
            self.anomaly(
                "not_a_number", NOT_A_NUMBER_MESSAGE.format(what="target", text=row.target), row
            )
        if unit == "%":
            figures = (
                ("target", row.target, target.value),
                ("figure for this period", row.current, current.get("value")),
                ("figure for the last period", row.previous, previous.get("value")),
            )
            for what, text, value in figures:
                if value is not None and value > 100:
                    self.anomaly(
                        "percentage_over_100",
                        PERCENT_OVER_100_MESSAGE.format(what=what, text=text),
                        row,
                    )
        if not this_period:
            # Nowhere to put this period's figure and target: said, never silently dropped.
            if row.target or row.current:
                self.anomaly("no_period", NO_PERIOD_MESSAGE.format(target=row.target), row)
            return
        self.values.append(
            {
                "measure": key,
                "period": this_period,
                **_public(current),
                "note": row.commentary,
                "target": {
                    "text": row.target,
                    "value": _number(target.value),
                    "comparator": target.comparator,
                } if row.target else None,
                "reported_status": _rag(row.status),
                "reported_status_text": row.status,
                "reported_trend": row.trend,
            }
        )  # fmt: skip

    def _key(self, row: KpiRow) -> str:
        base = _key_of(row.ref)[:60] or _key_of(row.indicator)[:60] or "indicator"
        key, count = base, 1
        while key in self.keys:
            count += 1
            key = f"{base}-{count}"
        self.keys.add(key)
        return key

    def _value(self, text: str, row: KpiRow, what: str) -> dict[str, Any]:
        if _NOT_APPLICABLE.match(text):
            return {"text": text, "value": None, "state": "not_applicable"}
        if _NOT_AVAILABLE.match(text):
            return {"text": text, "value": None, "state": "not_yet_available"}
        quantity = quantity_parse(text)
        if text and quantity.value is None:
            self.anomaly("not_a_number", NOT_A_NUMBER_MESSAGE.format(what=what, text=text), row)
        return {"text": text, "value": _number(quantity.value), "_unit": quantity.unit}

    def _polarity(self, row: KpiRow, comparator: str, *, info_only: bool = False) -> str:
        if _LOWER_WORDS.search(row.polarity):
            return "lower"
        if _HIGHER_WORDS.search(row.polarity):
            return "higher"
        if comparator in ("<", "<="):
            return "lower"
        if comparator in (">", ">="):
            return "higher"
        if named := _LOWER_NAME.search(row.indicator):
            self.anomaly(
                "polarity_from_name",
                POLARITY_FROM_NAME_MESSAGE.format(words=named[0]),
                row,
            )
            return "lower"
        if info_only:
            return "none"  # reported for information: no better or worse to assume
        if not self.polarity_assumed:
            self.polarity_assumed = True
            self.anomalies.append({"kind": "polarity_assumed", "message": POLARITY_ASSUMED_MESSAGE})
        return "higher"

    def anomaly(self, kind: str, message: str, row: KpiRow) -> None:
        self.anomalies.append(
            {"kind": kind, "message": message, "location": row.location, "text": row.indicator}
        )


def _public(value: dict[str, Any]) -> dict[str, Any]:
    return {key: item for key, item in value.items() if not key.startswith("_")}


def _rag(status: str) -> str:
    code = status_match(status)
    return code if code in ("green", "amber", "red") else ""


def _number(value: Any) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
