"""What the import's review page and the API show of an upload before it is confirmed: the
import report (what was read, at which level, what was not understood), the columns as
read, and what importing would change in a plan the council already has."""

from collections import Counter
from typing import Any

from councilplan.accounts.permissions import (
    Action,
    permission_has,
)
from councilplan.domain.problems import PlanInputError
from councilplan.editing.reimport import (
    PlanComparison,
    plan_differences,
    plan_matching_document,
)
from councilplan.imports.mapping_suggest import reading_columns
from councilplan.interchange.load import plan_holding_id
from councilplan.interchange.models import PendingImport
from councilplan.interchange.reviewed_import import coverage_is_low, mapping_columns, percent_text


def existing_plan_review(
    *, pending: PendingImport, user: Any, limit: int = 300
) -> dict[str, Any] | None:
    """For the review page, when the council already has the plan the document is a version
    of (the same id, or the same title): that plan, whether the user may update it, and the
    differences updating it would make (the first `limit` of them, and the counts)."""
    plan = plan_matching_document(document=pending.document)
    if plan is None:
        return None
    may_update = permission_has(user, Action.EDIT_PLAN, plan=plan)
    try:
        comparison: PlanComparison | None = plan_differences(plan=plan, document=pending.document)
    except (PlanInputError, ValueError):  # a period the plan's calendar cannot place
        comparison = None
    differences = comparison.differences if comparison is not None else []
    return {
        "plan": plan,
        "same_id": plan.slug == pending.document.get("plan", {}).get("id"),
        "may_update": may_update,
        "comparison": comparison,
        "differences": differences[:limit],
        "more": max(0, len(differences) - limit),
        "counts": comparison.counts if comparison is not None else [],
        "findings": comparison.findings if comparison is not None else [],
    }


def import_report(
    *, document: dict[str, Any], preview_limit: int = 60, unplaced_limit: int = 20
) -> dict[str, Any]:
    """What the officer checks before confirming: counts by level, anomalies with their
    location and original text, the first items as they will be mapped, the share of the
    document read into the plan with the first unplaced text, and how its columns were read."""
    items = document.get("items", [])
    levels = document.get("plan", {}).get("levels", [])
    depth = _depths(items)

    def level_of(item: dict[str, Any]) -> str:
        """The item's level as written, else the plan's name for its depth."""
        if item.get("level"):
            return item["level"]
        index = depth.get(item["id"], 0)
        return levels[index] if index < len(levels) else f"Level {index + 1}"

    by_level = Counter(level_of(item) for item in items)
    preview = [
        {
            "id": item["id"],
            "ref": item.get("ref", ""),
            "title": item.get("title", ""),
            "level": level_of(item),
            "depth": min(depth.get(item["id"], 0), 4),
            "roles": {
                role.replace("_", " ").capitalize(): ", ".join(names)
                for role, names in (item.get("roles") or {}).items()
                if names
            },
            "status": item.get("status") or "",
            "progress": item.get("progress"),
            "timescale": (item.get("timescale") or {}).get("text", ""),
        }
        for item in items[:preview_limit]
    ]
    organisation = document.get("organisation", {}).get("name", "")
    coverage = document.get("coverage")
    holder = plan_holding_id(document.get("plan", {}).get("id", ""))
    existing = holder if holder and holder.organisation.name == organisation else None
    return {
        "organisation": organisation,
        "plan": document.get("plan", {}),
        "counts_by_level": [(level, by_level.get(level, 0)) for level in levels]
        + [(level, count) for level, count in by_level.items() if level not in levels],
        "item_count": len(items),
        "measure_count": sum(len(item.get("measures") or []) for item in items),
        "risk_count": len(document.get("risks", [])),
        "anomalies": document.get("anomalies", []),
        "preview": preview,
        "preview_truncated": len(items) > preview_limit,
        "existing_plan": existing,
        "id_held_elsewhere": holder is not None and existing is None,
        "coverage": coverage,
        "coverage_percent": percent_text(coverage["percent"]) if coverage else "",
        "coverage_low": coverage_is_low(document),
        "unplaced": (coverage or {}).get("unplaced", [])[:unplaced_limit],
        "unplaced_more": max(0, len((coverage or {}).get("unplaced", [])) - unplaced_limit),
        "tables": document.get("tables") or [],
    }


def _depths(items: list[dict[str, Any]]) -> dict[str, int]:
    parents = {item["id"]: item.get("parent") for item in items}
    depths: dict[str, int] = {}
    for key in parents:
        depth, parent, seen = 0, parents.get(key), set()
        while parent and parent not in seen:
            seen.add(parent)
            depth += 1
            parent = parents.get(parent)
        depths[key] = depth
    return depths


def import_column_headers(*, document: dict[str, Any]) -> list[tuple[str, str]]:
    """(printed header, role) of each distinct named column, in the order first printed:
    one choice each in the column step (a mapping names headers, not places)."""
    return list(mapping_columns(document).items())


def import_column_tables(*, document: dict[str, Any]) -> list[dict[str, Any]]:
    """Each table as read, for the review page and the column step: its columns with their
    role, how the role was found and why, and which header choice they follow. A table
    with the same headers as an earlier one says so instead of listing them again."""
    from councilplan.imports.mapping_suggest import header_text

    readings = reading_columns(document)
    header_index = {name: index for index, name in enumerate(readings)}
    seen: dict[tuple[str, ...], int] = {}
    shown: set[str] = set()  # headers given a choice already, in an earlier table
    tables = []
    for number, table in enumerate(document.get("tables") or [], start=1):
        names = tuple(header_text(c.get("name") or "") for c in table.get("columns") or [])
        columns = []
        for position, column in enumerate(table.get("columns") or [], start=1):
            name = header_text(column.get("name") or "")
            columns.append(
                {
                    "position": position,
                    "name": name,
                    "role": readings[name][0] if name else column.get("role") or "text",
                    "how": column.get("how", ""),
                    "reason": column.get("reason", ""),
                    "header_index": header_index.get(name) if name and name not in shown else None,
                }
            )
            shown.add(name)
        tables.append(
            {
                "number": number,
                "location": table.get("location", ""),
                "guessed_header": table.get("guessed_header", False),
                "same_as": seen.get(names),
                "columns": columns,
            }
        )
        seen.setdefault(names, number)
    return tables
