"""A flat CSV of a plan's items for spreadsheet users: one row an item.

Roles get one column each (`role:lead_officer`), several names separated by
`; `. Measures, periods history and risks stay in the JSON format; the CSV
carries the items and their current status. Text a spreadsheet would run as a formula is
written with a leading single quote, which reading removes (domain.spreadsheet_text).
"""

import csv
import io
from typing import Any

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.domain.spreadsheet_text import csv_cell_neutralise, csv_cell_restore

PLAN_COLUMNS = ["plan_id", "plan_title", "plan_kind", "organisation", "current_period"]
ITEM_COLUMNS = [
    "id",
    "ref",
    "parent",
    "level",
    "title",
    "description",
    "outcome",
    "resources",
    "timescale",
    "start",
    "due",
    "open_ended",
    "status",
    "progress",
    "commentary",
    "next_steps",
]
ROLE_PREFIX = "role:"
NAME_SEPARATOR = "; "
NOT_FLAT_CSV_ERROR = "this CSV is not a councilplan flat export (it has no '{column}' column)"
BAD_PROGRESS_ERROR = "'{text}' is not a percentage from 0 to 100"


def flat_csv_write(document: dict[str, Any]) -> str:
    roles = sorted({role for item in document["items"] for role in item.get("roles", {})})
    out = io.StringIO()
    writer = _NeutralisingWriter(csv.writer(out, lineterminator="\r\n"))
    writer.writerow(PLAN_COLUMNS + ITEM_COLUMNS + [ROLE_PREFIX + role for role in roles])
    plan = document["plan"]
    plan_cells = [
        plan.get("id", ""),
        plan["title"],
        plan.get("kind", ""),
        document["organisation"]["name"],
        plan.get("current_period") or "",
    ]
    for item in document["items"]:
        timescale = item.get("timescale") or {}
        progress = item.get("progress")
        writer.writerow(
            plan_cells
            + [
                item["id"],
                item.get("ref", ""),
                item.get("parent") or "",
                item.get("level") or "",
                item["title"],
                item.get("description", ""),
                item.get("outcome", ""),
                item.get("resources", ""),
                timescale.get("text", ""),
                timescale.get("start") or "",
                timescale.get("due") or "",
                "yes" if timescale.get("open_ended") else "",
                item.get("status") or "",
                "" if progress is None else progress,
                item.get("commentary", ""),
                item.get("next_steps", ""),
            ]
            + [NAME_SEPARATOR.join(item.get("roles", {}).get(role, [])) for role in roles]
        )
    return out.getvalue()


class _NeutralisingWriter:
    """A csv writer whose text cells cannot be read as formulas."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: list[Any]) -> None:
        self.writer.writerow(
            [csv_cell_neutralise(value) if isinstance(value, str) else value for value in row]
        )


def flat_csv_read(text: str, *, file: str) -> dict[str, Any]:
    """The flat CSV back into an open-format document (validated later by the loader)."""
    rows = [
        {
            column: csv_cell_restore(value) if isinstance(value, str) else value
            for column, value in row.items()
        }
        for row in csv.DictReader(io.StringIO(text))
    ]
    header = list(rows[0].keys()) if rows else next(csv.reader(io.StringIO(text)), [])
    for column in ("plan_title", "organisation", "id", "title"):
        if column not in header:
            raise PlanInputError(
                [
                    Problem(
                        SourceLocation(file=file, row=1), NOT_FLAT_CSV_ERROR.format(column=column)
                    )
                ]
            )
    first = rows[0] if rows else {}
    problems: list[Problem] = []
    items = [_item(row, index + 2, file, problems) for index, row in enumerate(rows)]
    if problems:
        raise PlanInputError(problems)
    levels = list(dict.fromkeys(item["level"] for item in items if item.get("level")))
    plan: dict[str, Any] = {"title": first.get("plan_title") or file, "levels": levels}
    if first.get("plan_id"):
        plan["id"] = first["plan_id"]
    if first.get("plan_kind"):
        plan["kind"] = first["plan_kind"]
    if first.get("current_period"):
        plan["current_period"] = first["current_period"]
    return {
        "organisation": {"name": first.get("organisation") or "Unnamed organisation"},
        "plan": plan,
        "items": items,
    }


def _item(row: dict[str, str], line: int, file: str, problems: list[Problem]) -> dict[str, Any]:
    progress_text = (row.get("progress") or "").strip().rstrip("%")
    progress: float | None = None
    if progress_text:
        try:
            progress = float(progress_text)
        except ValueError:
            progress = None
        if progress is None or not 0 <= progress <= 100:
            location = SourceLocation(file=file, row=line, column="progress")
            problems.append(Problem(location, BAD_PROGRESS_ERROR.format(text=row["progress"])))
            progress = None
        elif progress == int(progress):
            progress = int(progress)
    roles = {
        column[len(ROLE_PREFIX) :]: [
            name.strip() for name in value.split(NAME_SEPARATOR.strip()) if name.strip()
        ]
        for column, value in row.items()
        if column and column.startswith(ROLE_PREFIX) and value
    }
    item: dict[str, Any] = {
        "id": row["id"],
        "ref": row.get("ref", ""),
        "parent": row.get("parent") or None,
        "level": row.get("level") or None,
        "title": row["title"],
        "description": row.get("description", ""),
        "outcome": row.get("outcome", ""),
        "resources": row.get("resources", ""),
        "roles": roles,
        "timescale": {
            "text": row.get("timescale", ""),
            "start": row.get("start") or None,
            "due": row.get("due") or None,
            "open_ended": (row.get("open_ended") or "").strip().lower() in {"yes", "true", "1"},
        },
        "status": row.get("status") or None,
        "progress": progress,
        "commentary": row.get("commentary", ""),
        "next_steps": row.get("next_steps", ""),
    }
    return item
