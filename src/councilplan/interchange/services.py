"""Import and export a plan through the open plan format (JSON) and the flat CSV."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from councilplan.interchange.documents import document_from_path
from councilplan.interchange.export import plan_export
from councilplan.interchange.flat_csv import flat_csv_write
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Plan


@dataclass
class ImportOutcome:
    plan_id: str
    title: str
    counts: dict[str, int] = field(default_factory=dict)
    anomalies: list[dict[str, Any]] = field(default_factory=list)
    items_by_level: dict[str, int] = field(default_factory=dict)
    # Set when the file updated an existing plan (`replace`): what changed, in words.
    updated: bool = False
    differences: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    # Without `replace`: the council's plan with the same title, which `replace` would update.
    same_title_plan: str = ""


class _DryRunRollbackError(Exception):
    pass


def items_by_level(document: dict[str, Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in document.get("items", []):
        level = item.get("level") or "(no level)"
        counts[level] = counts.get(level, 0) + 1
    return counts


def plan_import_path(
    *,
    path: Path,
    replace: bool = False,
    dry_run: bool = False,
    convert_options: Any = None,
    document: dict[str, Any] | None = None,
) -> ImportOutcome:
    """Import a plan from a file in one transaction; with dry_run, check and roll back.
    `document` is the file already read (`document_from_path`), to save reading it twice."""
    if document is None:
        document = document_from_path(path, convert_options=convert_options)
    outcome: ImportOutcome | None = None
    same_title = None if replace else _same_title_plan(document)
    try:
        with transaction.atomic():
            result = plan_import_document(document=document, file=path.name, replace=replace)
            comparison = result.comparison
            outcome = ImportOutcome(
                plan_id=result.plan.slug,
                title=result.plan.title,
                counts=result.counts,
                anomalies=list(document.get("anomalies", [])),
                items_by_level=items_by_level(document),
                updated=comparison is not None,
                differences=[str(d) for d in comparison.differences] if comparison else [],
                findings=list(comparison.findings) if comparison else [],
                same_title_plan=same_title.slug if same_title is not None else "",
            )
            if dry_run:
                raise _DryRunRollbackError
    except _DryRunRollbackError:
        pass
    assert outcome is not None
    return outcome


def _same_title_plan(document: dict[str, Any]) -> Plan | None:
    """The council's plan this document is a version of by its title alone (its id differs):
    without `replace` it is imported beside it, which the caller should say."""
    from councilplan.editing.reimport import plan_matching_document

    try:
        match = plan_matching_document(document=document)
    except (AttributeError, TypeError):  # a document the validation will refuse
        return None
    if match is None or match.slug == (document.get("plan") or {}).get("id"):
        return None
    return match


def plan_export_text(*, plan: Plan, format: str = "json") -> str:
    document = plan_export(plan=plan)
    if format == "csv":
        return flat_csv_write(document)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
