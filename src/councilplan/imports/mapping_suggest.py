"""A mapping file written from the importer's own reading of a document. No Django.

`mapping_suggest` turns a converted document (its `plan` and `tables`) into a Mapping that,
read back with `--mapping`, gives the same reading; `mapping_toml` writes it as the TOML file
described in docs/importing.md, each guessed column with the reason as a comment. The web
import's column step starts from the same reading (`table_header_texts`, `reading_columns`).
"""

import json
from dataclasses import dataclass, field
from typing import Any

from councilplan.imports.mapping import Mapping
from councilplan.imports.vocabulary import header_words

UNKNOWN_ORGANISATION = "Unknown council"
PERIOD_ASSUMED_NOTE = "the document does not say its period: give it, like 2025-Q1"
ORGANISATION_UNKNOWN_NOTE = "the document does not name its council: give it"
_PLAN_KEYS = ("id", "title", "kind", "organisation", "current_period", "levels")


@dataclass
class SuggestedMapping:
    mapping: Mapping
    comments: dict[str, str] = field(default_factory=dict)  # header → why it was guessed
    missing: dict[str, str] = field(default_factory=dict)  # plan key → what to give


def header_text(name: str) -> str:
    """A header as the mapping file names it: the printed words on one line."""
    return " ".join(name.split())


def reading_columns(document: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Printed header → (role, reason) for every named column of every table, in order.

    A header printed over both a reference and a title (`Mission / Priority`) is `ref_title`;
    a column read as nothing is `text` (kept as printed); the first table to name a header
    decides its role."""
    found: dict[str, tuple[str, str]] = {}
    for table in document.get("tables") or []:
        roles_of: dict[str, list[tuple[str, str]]] = {}
        columns = table.get("columns") or []
        for index, column in enumerate(columns):
            name = header_text(column.get("name") or "")
            if not name:
                continue
            reason = column.get("reason", "") if column.get("how") == "guess" else ""
            role = column.get("role") or "text"
            following = columns[index + 1] if index + 1 < len(columns) else {}
            if role == "ref" and not following.get("name") and following.get("role") == "title":
                role = "ref_title"  # the header spans the reference and the unnamed title
            roles_of.setdefault(name, []).append((role, reason))
        for name, readings in roles_of.items():
            roles = {role for role, _ in readings}
            found.setdefault(name, ("ref_title", "") if roles == {"ref", "title"} else readings[0])
    return found


def table_header_texts(document: dict[str, Any]) -> list[str]:
    """The sorted, normalised header words of the document's tables: documents of the same
    shape (next quarter's file from the same template) give the same list."""
    return sorted(
        {
            header_words(column.get("name") or "")
            for table in document.get("tables") or []
            for column in table.get("columns") or []
        }
        - {""}
    )


def mapping_suggest(document: dict[str, Any]) -> SuggestedMapping:
    """The mapping that gives `document`'s reading: its plan's id, title, kind, council,
    period and level names, and a role for every named column. What the document did not
    say (its council, its period) is left for the officer to give."""
    plan = document.get("plan") or {}
    kinds = {anomaly.get("kind") for anomaly in document.get("anomalies") or []}
    settings: dict[str, Any] = {}
    missing: dict[str, str] = {}
    organisation = (document.get("organisation") or {}).get("name", "")
    for key in _PLAN_KEYS:
        value = organisation if key == "organisation" else plan.get(key)
        if key == "organisation" and (
            not value or value == UNKNOWN_ORGANISATION or "organisation_unknown" in kinds
        ):
            missing[key] = ORGANISATION_UNKNOWN_NOTE
        elif key == "current_period" and (not value or "period_assumed" in kinds):
            missing[key] = PERIOD_ASSUMED_NOTE
        elif value:
            settings[key] = list(value) if isinstance(value, list) else value
    columns = reading_columns(document)
    return SuggestedMapping(
        mapping=Mapping(plan=settings, columns={name: role for name, (role, _) in columns.items()}),
        comments={name: reason for name, (_, reason) in columns.items() if reason},
        missing=missing,
    )


def _toml_value(value: Any) -> str:
    """A TOML value: JSON's string escapes are TOML's basic-string escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def mapping_toml(suggested: SuggestedMapping, *, source: str = "") -> str:
    """The suggestion as a mapping file's text, ready for `--mapping`."""
    mapping = suggested.mapping
    lines = [f"# A mapping file for {source}, written by `councilplan mapping suggest`."]
    lines += [
        "# It says how councilplan read the document; change a role and import again.",
        "",
        "[plan]",
    ]
    for key, value in mapping.plan.items():
        if not isinstance(value, dict):
            lines.append(f"{key} = {_toml_value(value)}")
    for key, note in suggested.missing.items():
        lines.append(f'# {key} = ""    # {note}')
    metadata = mapping.plan.get("metadata")
    if isinstance(metadata, dict) and metadata:
        lines += ["", "[plan.metadata]"]
        lines += [f"{_toml_value(str(k))} = {_toml_value(v)}" for k, v in metadata.items()]
    if mapping.columns:
        lines += ["", "[columns]                # printed header → role"]
        for header, role in mapping.columns.items():
            line = f"{_toml_value(header)} = {_toml_value(role)}"
            reason = suggested.comments.get(header)
            lines.append(f"{line}    # guessed: {' '.join(reason.split())}" if reason else line)
    return "\n".join(lines) + "\n"
