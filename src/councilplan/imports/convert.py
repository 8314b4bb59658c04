"""A council document → an open plan format document (not yet validated or saved).

`document_convert` reads the file (imports.readers), recognises its layout
(imports.layout), normalises the values (councilplan.domain) and returns the document with
every doubt in its `anomalies`. It raises PlanInputError — naming the file and place —
for input it cannot read; it never returns part of a document.
"""

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from councilplan.domain.numbers import number_out, number_stored
from councilplan.domain.periods import FinancialCalendar, period_containing, period_in_text
from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.domain.slugs import slug_of
from councilplan.imports.draft import Draft, DraftItem
from councilplan.imports.kpi_table import KpiColumns, KpiDocument, kpi_rows, kpi_tables_find
from councilplan.imports.layout import draft_build
from councilplan.imports.mapping import Mapping, mapping_file_beside, mapping_read
from councilplan.imports.options import LayoutOptions
from councilplan.imports.progress import (
    FINDING_STAGE,
    READ_ENDS_AT,
    Progress,
    progress_quiet,
)
from councilplan.imports.readers import document_read, file_bytes
from councilplan.imports.readers.guards import MAX_UNCOMPRESSED_BYTES
from councilplan.imports.source import SourceDocument, Table
from councilplan.imports.text_dates import dates_from_words

ROLLUP_MESSAGE = (
    "the document reports {reported}% for this {level}, but the {count} {below} below it "
    "average {mean}%"
)
PERIOD_ASSUMED_MESSAGE = (
    "the document does not say which period its progress and measures' actuals are for: "
    "{period} was assumed (give --period to say)"
)
PERIOD_FOUND_MESSAGE = "the period {period} was taken from the document's words “{text}”"
ORGANISATION_UNKNOWN_MESSAGE = (
    "the document does not name its council: it was imported as “Unknown council” "
    "(give --organisation to say)"
)
NO_PLAN_TABLE_ERROR = "no plan table found in {file}: it begins “{start}”"
UNPLACED_MESSAGE = "this text was not read into any item, measure, update or risk: kept as printed"
# Lines near the top of a document that say what it is.
_TITLE_WORDS = re.compile(
    r"\b(plan|strategy|programme|report|monitoring|performance|update|delivery|priorities)\b",
    re.I,
)
_HEAD_LINES = 40
TITLE_LIMIT = 300
_KIND_WORDS = (
    ("borough plan", "borough"),
    ("corporate plan", "corporate"),
    ("recovery plan", "recovery"),
    ("service plan", "service"),
)


@dataclass
class ConvertOptions:
    plan_id: str = ""
    title: str = ""
    period: str = ""
    organisation: str = ""
    kind: str = ""
    mapping: Path | None = None
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES  # a Word or Excel file unpacked


def document_convert(
    *,
    path: Path,
    options: ConvertOptions | None = None,
    mapping: Mapping | None = None,
    progress: Progress = progress_quiet,
) -> dict[str, Any]:
    """Read a council document's file once and return it in the open plan format, with the
    mapping file beside it (`plan.docx` → `plan.toml`) unless `options` or `mapping` say
    otherwise; see `bytes_convert`."""
    options = options_for_file(path, options)
    return bytes_convert(
        data=file_bytes(path), name=path.name, options=options, mapping=mapping, progress=progress
    )


def bytes_convert(
    *,
    data: bytes,
    name: str,
    options: ConvertOptions | None = None,
    mapping: Mapping | None = None,
    progress: Progress = progress_quiet,
) -> dict[str, Any]:
    """Read a council document's bytes (`name` is its file name, which tells its kind) and
    return it in the open plan format. `mapping`, when given, is used instead of the
    mapping file `options` names (the website's column choices); `progress` hears each
    stage."""
    options = options or ConvertOptions()
    mapping = mapping or _mapping_named(options)
    source = document_read(
        data, name, max_uncompressed_bytes=options.max_uncompressed_bytes, progress=progress
    )
    progress(FINDING_STAGE, READ_ENDS_AT)
    return source_convert(source=source, options=options, mapping=mapping)


def options_for_file(path: Path, options: ConvertOptions | None) -> ConvertOptions:
    """`options`, naming the mapping file beside the document where they name none."""
    options = options or ConvertOptions()
    if options.mapping is None:
        options = replace(options, mapping=mapping_file_beside(path))
    return options


def _mapping_named(options: ConvertOptions) -> Mapping:
    if options.mapping is not None and options.mapping.exists():
        return mapping_read(options.mapping)
    return Mapping()


def source_convert(
    *, source: SourceDocument, options: ConvertOptions, mapping: Mapping
) -> dict[str, Any]:
    plan_settings = mapping.plan
    text = "\n".join(source.text_lines)
    head = [line.strip() for line in text.splitlines()[:_HEAD_LINES]]
    stated = _stated_period(head)
    period = options.period or plan_settings.get("current_period") or stated[0]
    financial_year = (
        plan_settings.get("financial_year")
        or (int(period[:4]) if period[:4].isdigit() else None)
        or _financial_year_in(text)
    )
    layout = LayoutOptions(
        columns=mapping.columns,
        sections=mapping.sections,
        financial_year=financial_year,
        narrative_levels=tuple(
            plan_settings.get("narrative_levels") or ("Priority", "Achievement")
        ),
    )
    kpi_tables = kpi_tables_find(source, FinancialCalendar()) if not mapping.columns else []
    if kpi_tables:
        document = _Document(
            source, Draft(file=source.file), options, plan_settings, text, financial_year,
            head=head, stated=stated,
        )  # fmt: skip
        return document.kpi_build(kpi_tables)
    draft = draft_build(source, layout)
    if not draft.items:
        start = " / ".join(line for line in source.text_lines[:3] if line.strip())[:200]
        message = NO_PLAN_TABLE_ERROR.format(file=source.file, start=start or "(nothing)")
        raise PlanInputError([Problem(SourceLocation(file=source.file), message)])
    for note in source.notes:
        draft.anomaly("reader", note, location=source.file)
    dates_from_words(draft, financial_year=financial_year)
    _rollups_check(draft)
    return _Document(
        source, draft, options, plan_settings, text, financial_year, head=head, stated=stated
    ).build()


def _stated_period(head: list[str]) -> tuple[str, str]:
    """The period the document's first lines say it reports on, and the line that says it
    (`Quarter 1 2025/26 monitoring report`); ('', '') when none does."""
    for line in head:
        found = period_in_text(line)
        if found:
            return found, line
    return "", ""


def _financial_year_in(text: str) -> int | None:
    match = re.search(r"\b(20\d\d)/(\d\d)\b", text)
    if match and (int(match[1]) + 1) % 100 == int(match[2]):
        return int(match[1])
    years = Counter(re.findall(r"\b(20\d\d)\b", text))
    return int(years.most_common(1)[0][0]) if years else None


def _leaves(item: DraftItem) -> list[DraftItem]:
    if not item.children:
        return [item]
    return [leaf for child in item.children for leaf in _leaves(child)]


def _rollups_check(draft: Draft) -> None:
    for item in draft.items:
        if not item.reported_rollup or item.progress is None:
            continue
        leaves = [leaf for leaf in _leaves(item) if leaf is not item and leaf.progress is not None]
        if not leaves:
            continue
        progresses = [leaf.progress for leaf in leaves if leaf.progress is not None]
        mean = sum(progresses, Decimal(0)) / len(progresses)
        if abs(mean - item.progress) >= Decimal("1"):
            below = leaves[0].level.lower() + ("s" if len(leaves) != 1 else "")
            draft.anomaly(
                "rollup_mismatch",
                ROLLUP_MESSAGE.format(
                    reported=number_out(item.progress),
                    level=item.level.lower(),
                    count=len(leaves),
                    below=below,
                    mean=number_out(mean.quantize(Decimal("0.1"))),
                ),
                location=item.location,
                text=f"{number_out(item.progress)}%",
                item=item.id,
            )


class _Document:
    def __init__(
        self,
        source: SourceDocument,
        draft: Draft,
        options: ConvertOptions,
        settings: dict[str, Any],
        text: str,
        financial_year: int | None,
        *,
        head: list[str],
        stated: tuple[str, str],
    ) -> None:
        self.source = source
        self.draft = draft
        self.options = options
        self.settings = settings
        self.text = text
        self.financial_year = financial_year
        self.used_lines: set[str] = set()  # lines read as the plan's title, council or period
        self.head = head  # the document's first lines, stripped
        self.stated_period = stated  # the period they state, and the line that states it

    def build(self) -> dict[str, Any]:
        plan = self.plan()
        organisation = self.organisation()
        coverage = coverage_of(self.source, self.draft, used=self.used_lines)
        for entry in coverage["unplaced"]:
            self.draft.anomaly(
                "unplaced", UNPLACED_MESSAGE, location=entry["location"], text=entry["text"]
            )
        items = [self.item(i) for i in self.draft.items]
        document: dict[str, Any] = {
            "format": "councilplan-open-plan",
            "version": 1,
            "organisation": {"name": organisation},
            "plan": plan,
            "items": items,
            "periods": self.periods(plan.get("current_period")),
            "updates": self.updates(plan.get("current_period")),
            "risks": [self.risk(r) for r in self.draft.risks],
            "anomalies": [self.anomaly(a) for a in self.draft.anomalies],
            "coverage": coverage,
            "tables": [table_reading_dict(t) for t in self.draft.tables],
        }
        # PostgreSQL refuses NUL characters; most documents have none to drop.
        return _without_nul(document) if "\x00" in self.text else document

    def kpi_build(self, tables: list[tuple[Table, KpiColumns]]) -> dict[str, Any]:
        """A KPI table's document: its indicators as measures under their services, with
        this period's and the last period's values, this period's target and the status and
        trend the table printed."""
        plan = self.plan()
        headed = next((c.periods["current"] for _, c in tables if "current" in c.periods), "")
        period = self.options.period or self.settings.get("current_period") or headed
        period = period or self.period()
        plan["current_period"] = period
        plan["levels"] = self.settings.get("levels") or ["Service"]
        kpi = KpiDocument(period=period, calendar=FinancialCalendar())
        for table, columns in tables:
            for row in kpi_rows(table, columns):
                kpi.add(row, columns)
        organisation = self.organisation()
        keys = sorted({value["period"] for value in kpi.values} | {period})
        document: dict[str, Any] = {
            "format": "councilplan-open-plan",
            "version": 1,
            "organisation": {"name": organisation},
            "plan": plan,
            "items": list(kpi.items.values()),
            "periods": [{"id": key, "state": "closed"} for key in keys],
            "updates": [],
            "measure_values": kpi.values,
            "risks": [],
            "anomalies": [self.anomaly(a) for a in [*self.draft.anomalies, *kpi.anomalies]],
        }
        return _without_nul(document) if "\x00" in self.text else document

    # -- the plan --------------------------------------------------------------------------
    def plan(self) -> dict[str, Any]:
        title = self.options.title or self.settings.get("title") or self.title_guess()
        plan: dict[str, Any] = {
            "id": self.options.plan_id or self.settings.get("id") or slug_of(title)[:90] or "plan",
            "title": title[:TITLE_LIMIT],
            "kind": self.options.kind or self.settings.get("kind") or self.kind_guess(),
            "levels": self.levels(),
        }
        for key in ("starts_on", "ends_on", "description", "tolerance"):
            if self.settings.get(key):
                plan[key] = self.settings[key]
        plan["metadata"] = self.metadata()
        if any(_states_progress(i) or _states_actual(i) for i in self.draft.items):
            plan["current_period"] = self.period()
        elif self.options.period or self.settings.get("current_period"):
            plan["current_period"] = self.options.period or self.settings["current_period"]
        return plan

    def title_guess(self) -> str:
        """The first line near the top that names a plan, else one that says what the
        document is (a report, a strategy…), else the file's name."""
        stem = re.sub(r"[_\-]+", " ", Path(self.source.file).stem).strip()
        # A title is a heading: not a sentence, not a paragraph.
        candidates = [
            line
            for line in self.head
            if 8 <= len(line) <= 160 and not line.endswith(".") and len(line.split()) <= 16
        ]
        for pattern in (re.compile(r"\bplan\b", re.I), _TITLE_WORDS):
            for line in candidates[:15]:
                if pattern.search(line):
                    self.used_lines.add(line)
                    return line
        return stem.capitalize() or "Imported plan"

    def kind_guess(self) -> str:
        lowered = self.text.lower()
        for word, kind in _KIND_WORDS:
            if word in lowered:
                return kind
        return "other"

    def organisation(self) -> str:
        name = self.options.organisation or self.settings.get("organisation")
        if name:
            return name
        found = Counter(
            re.findall(
                r"\b((?:[A-Z][a-z]+ ){1,3}(?:District |Borough |County |City )?Council)\b",
                self.text,
            )
        )
        for candidate, _ in found.most_common():
            if not _GENERIC_COUNCIL_WORDS.issuperset(candidate.split()):
                self.used_lines.update(line for line in self.head if line == candidate)
                return candidate.removeprefix("The ")
        self.draft.anomaly("organisation_unknown", ORGANISATION_UNKNOWN_MESSAGE)
        return "Unknown council"

    def levels(self) -> list[str]:
        if self.settings.get("levels"):
            return [str(level) for level in self.settings["levels"]]
        return [self.draft.level_names[d] for d in sorted(self.draft.level_names)]

    def metadata(self) -> dict[str, Any]:
        metadata: dict[str, Any] = dict(self.settings.get("metadata") or {})
        fields = self.draft.metadata.get("fields")
        if fields:
            key = self.settings.get("metadata_key") or (
                "cabinet_report" if "report_for" in fields else "document_fields"
            )
            metadata[key] = fields
        metadata["source_file"] = self.source.file
        if self.draft.unplaced:
            metadata["unplaced_text"] = self.draft.unplaced
        return metadata

    def period(self) -> str:
        period = self.options.period or self.settings.get("current_period")
        if period:
            return period
        found, line = self.stated_period
        if found:
            self.used_lines.add(line)
            message = PERIOD_FOUND_MESSAGE.format(period=found, text=line[:100])
            self.draft.anomaly("period_found", message)
            return found
        hints = " ".join(self.draft.period_hints)
        quarter = re.search(r"\bQ([1-4])\b", hints)
        if quarter and self.financial_year:
            return f"{self.financial_year}-Q{quarter[1]}"
        assumed = period_containing(date.today(), FinancialCalendar()).key
        self.draft.anomaly("period_assumed", PERIOD_ASSUMED_MESSAGE.format(period=assumed))
        return assumed

    # -- items -----------------------------------------------------------------------------
    def item(self, draft_item: DraftItem) -> dict[str, Any]:
        levels = self.levels()
        title = draft_item.title or "(untitled)"
        description = draft_item.description
        if len(title) > TITLE_LIMIT:
            description = description or title
            title = title[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
        for measure in draft_item.measures:
            if "unit" in measure:
                measure["unit"] = measure["unit"][:50]
        record: dict[str, Any] = {
            "id": draft_item.id,
            "ref": draft_item.ref,
            "parent": draft_item.parent.id if draft_item.parent else None,
            "level": levels[draft_item.depth]
            if draft_item.depth < len(levels)
            else draft_item.level,
            "title": title,
        }
        for name in ("description", "outcome", "resources"):
            value = description if name == "description" else getattr(draft_item, name)
            if value:
                record[name] = value
        if draft_item.roles:
            record["roles"] = {
                role: list(dict.fromkeys(name[:300] for name in names))
                for role, names in draft_item.roles.items()
            }
        if draft_item.timescale is not None:
            record["timescale"] = _timescale(draft_item.timescale)
        if draft_item.measures:
            record["measures"] = draft_item.measures
        if draft_item.figures:
            record["figures"] = draft_item.figures
        record["source"] = {
            "file": self.source.file,
            "location": draft_item.location[:200],
            "cells": draft_item.cells,
        }
        return record

    def periods(self, period: str | None) -> list[dict[str, Any]]:
        # The document reports on this period: its updates are in, so it is closed.
        return [{"id": period, "state": "closed"}] if period else []

    def updates(self, period: str | None) -> list[dict[str, Any]]:
        if not period:
            return []
        updates = []
        for item in self.draft.items:
            if not (_states_progress(item) or item.next_steps):
                continue
            update: dict[str, Any] = {"item": item.id, "period": period, "state": "approved"}
            if item.status:
                update["status"] = item.status
            if item.status_text:
                update["status_text"] = item.status_text[:300]
            if item.forecast:
                update["forecast_status"] = item.forecast
            if item.progress is not None:
                progress = max(Decimal(0), min(Decimal(100), item.progress))
                update["progress"] = number_stored(progress, places=2)
            if item.commentary:
                update["commentary"] = item.commentary
            if item.next_steps:
                update["next_steps"] = item.next_steps
            updates.append(update)
        return updates

    def risk(self, risk: Any) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": f"R{self.draft.risks.index(risk) + 1}",
            "description": risk.description,
            "mitigations": risk.mitigations,
            "rag": risk.rag,
            "rag_text": risk.rag_text[:100],
        }
        if risk.owner:
            record["owner"] = risk.owner[:300]
        return record

    def anomaly(self, anomaly: dict[str, Any]) -> dict[str, Any]:
        record = {k: v for k, v in anomaly.items() if v not in (None, "") or k == "item"}
        record.setdefault("location", self.source.file)
        record["location"] = record["location"][:200]
        return record


_GENERIC_COUNCIL_WORDS = {
    "The",
    "Borough",
    "District",
    "County",
    "City",
    "Town",
    "Parish",
    "Council",
}


def coverage_of(source: SourceDocument, draft: Draft, *, used: set[str]) -> dict[str, Any]:
    """How much of the document became part of the plan: the share of its non-blank cells
    and lines read into an item, a measure, an update, a risk or the plan's own details,
    and the rest with their places. Lines read as the plan's title, council or period
    count as read."""
    total = 0
    for block in source.blocks:
        if isinstance(block, Table):
            total += sum(1 for row in block.rows for cell in row if cell.text.strip())
        elif block.text.strip():
            total += 1
    read = {" ".join(line.split()) for line in used}
    unplaced = [entry for entry in draft.unplaced if " ".join(entry["text"].split()) not in read]
    missed = sum(int(entry.get("cells", 1)) for entry in unplaced)
    total = max(total, missed)
    placed = total - missed
    percent = 100.0 if total == 0 else round(100 * placed / total, 1)
    return {
        "cells": total,
        "placed": placed,
        "percent": percent,
        "unplaced": [{"text": e["text"], "location": e["location"]} for e in unplaced],
    }


def table_reading_dict(reading: Any) -> dict[str, Any]:
    """How a table's columns were read (imports.table_shape.TableReading) for the report."""
    return {
        "location": reading.location,
        "guessed_header": reading.guessed_header,
        "columns": [
            {
                "index": column.index,
                "name": column.name,
                "role": column.role,
                "how": column.how,
                "reason": column.reason,
            }
            for column in reading.columns
        ],
    }


def _states_progress(item: DraftItem) -> bool:
    return bool(item.progress is not None or item.status or item.forecast or item.commentary)


def _states_actual(item: DraftItem) -> bool:
    """A measure's actual is for a period: the plan needs one even with no progress stated."""
    return any(measure.get("actual") for measure in item.measures)


def _without_nul(value: Any) -> Any:
    """PostgreSQL refuses NUL characters in text: a damaged file's NULs are dropped."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    return value


def _timescale(timescale: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"text": timescale.text[:300]}
    if timescale.start:
        record["start"] = timescale.start.isoformat()
    if timescale.due:
        record["due"] = timescale.due.isoformat()
    if timescale.start and timescale.due and timescale.start > timescale.due:
        record.pop("start")
    if timescale.open_ended:
        record["open_ended"] = True
    return record
