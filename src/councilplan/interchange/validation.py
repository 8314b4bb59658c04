"""Checks on an open-format document before anything touches the database.

Every problem is collected with its place (`items[3].parent`), so an officer
can fix the whole file in one go.
"""

import json
import re
from datetime import date, datetime
from typing import Any

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.interchange.schema import open_plan_validator, schema_path

MALFORMED_JSON_ERROR = "this is not valid JSON ({detail})"
UNKNOWN_PARENT_ERROR = "parent '{parent}' is not the id of any item in this plan"
DUPLICATE_ID_ERROR = "the id '{id}' is used more than once (first at {first})"
PARENT_LOOP_ERROR = "item '{id}' is its own ancestor: the parents form a loop"
INVALID_DATE_ERROR = "'{text}' is not a real date (write it as YYYY-MM-DD)"
START_AFTER_DUE_ERROR = "starts on {start}, after it is due on {due}"
UNKNOWN_REFERENCE_ERROR = "'{value}' is not the id of any {kind} in this plan"
UNKNOWN_STATUS_ERROR = "status '{value}' is not in the plan's status scheme ({known})"
DUPLICATE_UPDATE_ERROR = "a second update for item '{item}' in period '{period}'"
MAX_JSON_DEPTH = 64
TOO_DEEP_ERROR = (
    "the JSON is nested more than {limit} levels deep here (lists and objects inside one "
    "another): no plan needs that many, so the file was not read"
)


def document_parse(text: str | bytes, *, file: str) -> dict[str, Any]:
    """Parse JSON text, or raise PlanInputError naming the line and column; refuse JSON
    nested more than MAX_JSON_DEPTH deep (it would exhaust the recursion of later steps)."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise _too_deep(text, file) from None
    except UnicodeDecodeError as error:
        location = SourceLocation(file=file, path=f"byte {error.start}")
        raise PlanInputError([Problem(location, "the file is not UTF-8 text")]) from error
    except json.JSONDecodeError as error:
        location = SourceLocation(file=file, line=error.lineno, column=error.colno)
        raise PlanInputError(
            [Problem(location, MALFORMED_JSON_ERROR.format(detail=error.msg))]
        ) from error
    if _depth(document) > MAX_JSON_DEPTH:
        raise _too_deep(text, file)
    if not isinstance(document, dict):
        raise PlanInputError(
            [Problem(SourceLocation(file=file), "the file must hold one JSON object")]
        )
    return document


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in `value`, counted without recursion."""
    deepest = 0
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        children = current.values() if isinstance(current, dict) else current
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep(text: str | bytes, file: str) -> PlanInputError:
    """The refusal, naming the line and column where the nesting passes the limit."""
    if isinstance(text, bytes):
        text = text.decode(json.detect_encoding(text), errors="replace")
    depth = 0
    location = SourceLocation(file=file)
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - text.rfind("\n", 0, match.start())
                location = SourceLocation(file=file, line=line, column=column)
                break
        elif token in ("]", "}"):
            depth -= 1
    return PlanInputError([Problem(location, TOO_DEEP_ERROR.format(limit=MAX_JSON_DEPTH))])


def document_validate(document: dict[str, Any], *, file: str) -> None:
    """Raise PlanInputError listing every problem; return quietly when the document is sound."""
    problems = [
        Problem(SourceLocation(file=file, path=schema_path(error.absolute_path)), error.message)
        for error in sorted(
            open_plan_validator().iter_errors(document), key=lambda e: list(map(str, e.path))
        )
    ]
    if problems:  # the references below assume the shapes the schema promises
        raise PlanInputError(problems)
    checker = _ReferenceChecker(document, file)
    checker.check()
    if checker.problems:
        raise PlanInputError(checker.problems)


class _ReferenceChecker:
    def __init__(self, document: dict[str, Any], file: str) -> None:
        self.document = document
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(SourceLocation(file=self.file, path=path), message))

    def check(self) -> None:
        items = self.unique_ids("items", self.document.get("items", []))
        self.check_dates()
        self.check_tree(items)
        measures = self.unique_ids(
            "measures",
            [
                m
                for item in self.document.get("items", [])
                for m in item.get("measures", [])
                if "id" in m
            ],
        )
        periods = self.unique_ids("periods", self.document.get("periods", []))
        self.unique_ids("risks", [r for r in self.document.get("risks", []) if "id" in r])
        self.check_updates(items, periods)
        self.check_references("measure_values", "measure", measures, "measure")
        self.check_references("measure_values", "period", periods, "period")
        self.check_references("published_snapshots", "period", periods, "period")
        for index, snapshot in enumerate(self.document.get("published_snapshots", [])):
            if _datetime_in(snapshot.get("published_on")) is None:
                self.problem(f"published_snapshots[{index}].published_on", BAD_MOMENT_ERROR)
        for index, risk in enumerate(self.document.get("risks", [])):
            for position, key in enumerate(risk.get("items", [])):
                if key not in items:
                    self.problem(
                        f"risks[{index}].items[{position}]",
                        UNKNOWN_REFERENCE_ERROR.format(value=key, kind="item"),
                    )

    def unique_ids(self, name: str, records: list[dict[str, Any]]) -> dict[str, int]:
        seen: dict[str, int] = {}
        for index, record in enumerate(records):
            key = record.get("id")
            if key is None:
                continue
            if key in seen:
                self.problem(
                    f"{name}[{index}].id",
                    DUPLICATE_ID_ERROR.format(id=key, first=f"{name}[{seen[key]}]"),
                )
            else:
                seen[key] = index
        return seen

    def check_tree(self, items: dict[str, int]) -> None:
        records = self.document.get("items", [])
        parents = {record["id"]: record.get("parent") for record in records}
        for index, record in enumerate(records):
            parent = record.get("parent")
            if parent is not None and parent not in items:
                self.problem(f"items[{index}].parent", UNKNOWN_PARENT_ERROR.format(parent=parent))
        for index, record in enumerate(records):
            seen, current = set(), record["id"]
            while current is not None and current in parents:
                if current in seen:
                    self.problem(
                        f"items[{index}].parent", PARENT_LOOP_ERROR.format(id=record["id"])
                    )
                    break
                seen.add(current)
                current = parents[current]

    def check_dates(self) -> None:
        plan = self.document.get("plan", {})
        self.check_span("plan", plan.get("starts_on"), plan.get("ends_on"), "starts_on", "ends_on")
        for index, item in enumerate(self.document.get("items", [])):
            timescale = item.get("timescale") or {}
            self.check_span(
                f"items[{index}].timescale",
                timescale.get("start"),
                timescale.get("due"),
                "start",
                "due",
            )
        for index, period in enumerate(self.document.get("periods", [])):
            self.check_span(
                f"periods[{index}]",
                period.get("starts_on"),
                period.get("ends_on"),
                "starts_on",
                "ends_on",
            )
            self.check_date(f"periods[{index}].updates_due_on", period.get("updates_due_on"))

    def check_span(
        self, path: str, start: str | None, end: str | None, start_key: str, end_key: str
    ) -> None:
        first = self.check_date(f"{path}.{start_key}", start)
        last = self.check_date(f"{path}.{end_key}", end)
        if first and last and first > last:
            self.problem(path, START_AFTER_DUE_ERROR.format(start=first, due=last))

    def check_date(self, path: str, text: str | None) -> date | None:
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.problem(path, INVALID_DATE_ERROR.format(text=text))
            return None

    def check_updates(self, items: dict[str, int], periods: dict[str, int]) -> None:
        scheme = self.document.get("plan", {}).get("status_scheme")
        codes = {s["code"] for s in scheme["statuses"]} if scheme else None
        seen: set[tuple[str, str]] = set()
        for index, update in enumerate(self.document.get("updates", [])):
            pair = (update["item"], update["period"])
            if pair in seen:
                self.problem(
                    f"updates[{index}]", DUPLICATE_UPDATE_ERROR.format(item=pair[0], period=pair[1])
                )
            seen.add(pair)
            for key in ("status", "forecast_status"):
                value = update.get(key)
                if value and codes is not None and value not in codes:
                    known = ", ".join(sorted(codes))
                    self.problem(
                        f"updates[{index}].{key}",
                        UNKNOWN_STATUS_ERROR.format(value=value, known=known),
                    )
        self.check_references("updates", "item", items, "item")
        self.check_references("updates", "period", periods, "period")
        for index, item in enumerate(self.document.get("items", [])):
            value = item.get("status")
            if value and codes is not None and value not in codes:
                known = ", ".join(sorted(codes))
                self.problem(
                    f"items[{index}].status", UNKNOWN_STATUS_ERROR.format(value=value, known=known)
                )

    def check_references(self, name: str, key: str, known: dict[str, int], kind: str) -> None:
        for index, record in enumerate(self.document.get(name, [])):
            value = record.get(key)
            if value not in known:
                self.problem(
                    f"{name}[{index}].{key}", UNKNOWN_REFERENCE_ERROR.format(value=value, kind=kind)
                )


BAD_MOMENT_ERROR = "not a date and time (use ISO 8601, e.g. 2024-07-15T10:30:00+00:00)"


def _datetime_in(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


CURRENT_PERIOD_NEEDED_ERROR = (
    "the item reports a status, progress, commentary or actual but plan.current_period does not "
    "say which period it belongs to"
)


def item_reports_progress(item: dict[str, Any]) -> bool:
    return bool(
        item.get("status")
        or item.get("progress") is not None
        or item.get("commentary")
        or item.get("next_steps")
        or any(m.get("actual") for m in item.get("measures", []))
    )


def current_period_check(document: dict[str, Any], *, file: str) -> None:
    from councilplan.domain.periods import PeriodError, period_parse

    plan = document["plan"]
    current = plan.get("current_period")
    problems = []
    if current:
        calendar = _calendar(plan)
        try:
            period_parse(current, calendar)
        except PeriodError as error:
            problems.append(
                Problem(SourceLocation(file=file, path="plan.current_period"), str(error))
            )
    else:
        problems = [
            Problem(SourceLocation(file=file, path=f"items[{index}]"), CURRENT_PERIOD_NEEDED_ERROR)
            for index, item in enumerate(document.get("items", []))
            if item_reports_progress(item)
        ]
    if problems:
        raise PlanInputError(problems)


def _calendar(plan: dict[str, Any]) -> Any:
    from councilplan.domain.periods import FinancialCalendar

    calendar = plan.get("calendar") or {}
    return FinancialCalendar(calendar.get("year_start_month", 4), calendar.get("period_months", 3))
