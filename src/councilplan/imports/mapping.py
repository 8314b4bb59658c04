"""The mapping file: a small TOML file describing what the vocabulary cannot guess.

Found beside the document (`plan.docx` → `plan.toml`) or named with `--mapping`. Every key
is optional; see docs/importing.md.

    [plan]
    id = "harlow-recovery-plan-2020"
    title = "Harlow Council Covid-19 recovery plan"
    kind = "recovery"
    organisation = "Harlow Council"
    levels = ["Workstream", "Action", "Programme"]
    current_period = "2024-Q1"
    starts_on = "2024-04-01"
    ends_on = "2025-03-31"
    financial_year = 2020
    # The council's RAG rule for its indicators (see docs/open-plan-format.md)
    tolerance = { green_within_percent = 5, amber_within_percent = 10 }

    [plan.metadata]
    source = "…"

    [columns]            # printed header → role
    "When by" = "due"

    [[sections]]         # a section line the vocabulary does not know
    pattern = '^Cell:\\s*(?P<title>.+)$'
    level = "Cell"
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.imports.vocabulary import ROLE_PHRASES

MAPPING_SYNTAX_ERROR = "the mapping file is not valid TOML: {detail}"
MAPPING_ROLE_ERROR = "'{role}' is not a column role; use one of: {roles}"
MAPPING_PATTERN_ERROR = "the section pattern is not a valid regular expression: {detail}"
MAPPING_VALUE_ERROR = "'{key}' must be {kind}"

_PLAN_KEYS = {
    "id": str,
    "title": str,
    "kind": str,
    "organisation": str,
    "current_period": str,
    "starts_on": str,
    "ends_on": str,
    "description": str,
    "financial_year": int,
    "levels": list,
    "metadata": dict,
    "metadata_key": str,
    "narrative_levels": list,
    "tolerance": dict,
}
# `text` keeps a column as printed on its item without reading it into any field.
COLUMN_ROLES = sorted({*ROLE_PHRASES, "period", "group", "text", "ignore"})


@dataclass
class Mapping:
    plan: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    sections: tuple = ()


def mapping_file_beside(document: Path) -> Path | None:
    """The mapping file beside a document (`plan.docx` → `plan.toml`), where there is one."""
    candidate = document.with_suffix(".toml")
    return candidate if candidate != document and candidate.exists() else None


def mapping_read(path: Path) -> Mapping:
    """Read and check a mapping file; PlanInputError naming the place on any mistake."""
    file = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise PlanInputError([Problem(SourceLocation(file=file), str(error))]) from error
    except tomllib.TOMLDecodeError as error:
        place = re.search(r"line (\d+), column (\d+)", str(error))
        line, column = (int(place[1]), int(place[2])) if place else (None, None)
        location = SourceLocation(file=file, line=line, column=column)
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        message = MAPPING_SYNTAX_ERROR.format(detail=detail)
        raise PlanInputError([Problem(location, message)]) from error
    return mapping_from_data(data, file=file)


def mapping_from_data(data: dict[str, Any], *, file: str = "mapping") -> Mapping:
    problems: list[Problem] = []
    plan = dict(data.get("plan") or {})
    for key, kind in _PLAN_KEYS.items():
        if key in plan and not isinstance(plan[key], kind):
            location = SourceLocation(file=file, path=f"plan.{key}")
            problems.append(
                Problem(location, MAPPING_VALUE_ERROR.format(key=key, kind=kind.__name__))
            )
    columns = {str(k): str(v) for k, v in (data.get("columns") or {}).items()}
    for header, role in columns.items():
        if role not in COLUMN_ROLES:
            location = SourceLocation(file=file, path=f"columns.{header}")
            message = MAPPING_ROLE_ERROR.format(role=role, roles=", ".join(COLUMN_ROLES))
            problems.append(Problem(location, message))
    sections = []
    for index, section in enumerate(data.get("sections") or []):
        try:
            pattern = re.compile(str(section.get("pattern", "")))
        except re.error as error:
            location = SourceLocation(file=file, path=f"sections[{index}].pattern")
            problems.append(Problem(location, MAPPING_PATTERN_ERROR.format(detail=error)))
            continue
        level = str(section.get("level", "Section"))
        sections.append((f"mapped-{index}", level, pattern))
    if problems:
        raise PlanInputError(problems)
    return Mapping(plan=plan, columns=columns, sections=tuple(sections))
