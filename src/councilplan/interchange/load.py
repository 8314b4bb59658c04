"""The open plan format into the database: validated first, then written in one transaction."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.domain.numbers import number_in
from councilplan.domain.periods import FinancialCalendar, period_parse
from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.editing.document_values import (
    measure_indicator_fields_in,
    measure_value_is_target_only,
    plan_tolerance_in,
)
from councilplan.history.services import change_record_bulk_create, event_record
from councilplan.interchange.validation import (
    current_period_check,
    document_validate,
)
from councilplan.plans.models import (
    Anomaly,
    ItemRole,
    Measure,
    MeasureTarget,
    MeasureValue,
    Organisation,
    Party,
    Plan,
    PlanItem,
    ProgressUpdate,
    ReportedFigure,
    ReportingPeriod,
    Risk,
    RiskMitigation,
    SourceField,
    StatusScheme,
)
from councilplan.plans.services import (
    StatusDefinition,
    organisation_get_or_create,
    plan_levels_set,
    reporting_periods_to_come,
    status_scheme_create,
    status_scheme_default,
    unique_slug,
)

PLAN_EXISTS_ERROR = (
    "a plan with the id '{id}' already exists: use --replace to update it with this "
    "document's changes"
)
OTHER_COUNCILS_PLAN_ERROR = (
    "the plan id '{id}' belongs to another council's plan ({owner}): an import can only "
    "replace a plan of its own council ({organisation}); give the plan another id"
)
ID_TAKEN_MESSAGE = (
    "the plan id '{id}' is used by another council's plan: this plan was given the id '{new}'"
)
SEPARATE_PLAN_MESSAGE = (
    "the plan id '{id}' is used by this council's existing plan: this document was imported "
    "as a separate plan with the id '{new}'"
)


@dataclass
class LoadResult:
    plan: Plan
    counts: dict[str, int] = field(default_factory=dict)
    # Set when the document updated an existing plan (editing.reimport.PlanComparison).
    comparison: Any = None


def plan_import_document(
    *,
    document: dict[str, Any],
    file: str = "document",
    replace: bool = False,
    separate: bool = False,
    user: Any = SYSTEM_USER,
) -> LoadResult:
    """Import one plan. All or nothing: on any problem, PlanInputError and no change at all.

    With `replace`, a document for a plan its council already has (the same id, or the same
    title) updates that plan as a new version of it (editing.reimport.plan_reimport, as
    `user`): items added, changed, moved and archived, every update, measure value and
    published snapshot kept; `comparison` on the result says what changed. Nothing is
    deleted. With `separate`, a document whose id the council's plan holds is imported
    beside it under an id of its own. A plan is only ever updated by a document of its own
    council: an id that another council's plan holds is refused with `replace`, and
    otherwise gives the new plan an id of its own."""
    document_validate(document, file=file)
    current_period_check(document, file=file)
    slug = document["plan"].get("id") or ""
    existing = plan_holding_id(slug)
    if existing is not None and existing.organisation.name != document["organisation"]["name"]:
        if replace:
            location = SourceLocation(file=file, path="plan.id")
            message = OTHER_COUNCILS_PLAN_ERROR.format(
                id=slug,
                owner=existing.organisation.name,
                organisation=document["organisation"]["name"],
            )
            raise PlanInputError([Problem(location, message)])
        document = _with_own_id(document, slug)
        existing = None
    if replace:
        from councilplan.editing.reimport import plan_matching_document, plan_reimport

        target = plan_matching_document(document=document)
        if target is not None:
            comparison = plan_reimport(user=user, plan=target, document=document, file=file)
            return LoadResult(
                plan=target, counts=_comparison_counts(comparison), comparison=comparison
            )
    if existing is not None and (separate or existing.archived_on is not None and replace):
        document = _with_own_id(document, slug, message=SEPARATE_PLAN_MESSAGE)
        existing = None
    if existing is not None:
        location = SourceLocation(file=file, path="plan.id")
        raise PlanInputError([Problem(location, PLAN_EXISTS_ERROR.format(id=slug))])
    with transaction.atomic():
        return _Writer(document, file).write()


def _comparison_counts(comparison: Any) -> dict[str, int]:
    counts = {label.replace(" ", "_"): count for label, count in comparison.counts}
    if comparison.findings:
        counts["findings"] = len(comparison.findings)
    return counts


def plan_holding_id(slug: str) -> Plan | None:
    """The plan, live or archived, whose id is `slug` (ids are unique across the site)."""
    if not slug:
        return None
    return Plan.objects.select_related("organisation").filter(slug=slug).first()


def _with_own_id(
    document: dict[str, Any], taken: str, *, message: str = ID_TAKEN_MESSAGE
) -> dict[str, Any]:
    own = unique_slug(Plan, taken)
    anomaly = {
        "kind": "plan_id_taken",
        "message": message.format(id=taken, new=own),
        "location": "plan.id",
        "text": taken,
    }
    return {
        **document,
        "plan": {**document["plan"], "id": own},
        "anomalies": [*document.get("anomalies", []), anomaly],
    }


class _Writer:
    def __init__(self, document: dict[str, Any], file: str) -> None:
        self.document = document
        self.file = file
        self.counts: dict[str, int] = {}

    def write(self) -> LoadResult:
        organisation = self.organisation()
        plan = self.plan(organisation)
        self.statuses = {s.code: s for s in plan.status_scheme.statuses.all()}
        periods = self.periods(plan)
        items = self.items(plan, organisation)
        measures = self.measures(plan, items)
        self.updates(items, periods)
        self.measure_values(measures, periods)
        self.risks(plan, items)
        self.snapshots(plan, periods)
        self.anomalies(plan, items)
        event_record(
            instance=plan, event="imported", details={"file": self.file, "counts": self.counts}
        )
        return LoadResult(plan=plan, counts=self.counts)

    def organisation(self) -> Organisation:
        data = self.document["organisation"]
        return organisation_get_or_create(
            name=data["name"], kind=data.get("kind", ""), gss_code=data.get("gss_code", "")
        )

    def plan(self, organisation: Organisation) -> Plan:
        data = self.document["plan"]
        scheme_data = data.get("status_scheme")
        scheme = (
            _status_scheme_for(organisation, scheme_data)
            if scheme_data
            else status_scheme_default()
        )
        calendar = data.get("calendar") or {}
        metadata = dict(data.get("metadata") or {})
        if data.get("current_period"):
            metadata["current_period"] = data["current_period"]
        plan = Plan(
            organisation=organisation,
            slug=data.get("id") or unique_slug(Plan, data["title"]),
            title=data["title"],
            kind=data.get("kind", Plan.Kind.CORPORATE),
            description=data.get("description", ""),
            starts_on=_date(data.get("starts_on")),
            ends_on=_date(data.get("ends_on")),
            status_scheme=scheme,
            year_start_month=calendar.get("year_start_month", 4),
            period_months=calendar.get("period_months", 3),
            progress_rollup=data.get("progress_rollup", Plan.ProgressRollup.MEAN_OF_LEAVES),
            rag_rollup=data.get("rag_rollup", Plan.RagRollup.WORST),
            metadata=metadata,
            **plan_tolerance_in(data),
        )
        plan.full_clean()
        plan.save()
        plan_levels_set(plan=plan, names=data.get("levels", []))
        return plan

    def periods(self, plan: Plan) -> dict[str, ReportingPeriod]:
        calendar = FinancialCalendar(plan.year_start_month, plan.period_months)
        records = list(self.document.get("periods", []))
        current = self.document["plan"].get("current_period")
        if current and current not in {record["id"] for record in records}:
            records.append({"id": current})
        periods = []
        for record in records:
            derived = None
            if not (record.get("starts_on") and record.get("ends_on") and record.get("label")):
                derived = period_parse(record["id"], calendar)
            periods.append(
                ReportingPeriod(
                    plan=plan,
                    key=record["id"],
                    label=record.get("label") or derived.label,
                    starts_on=_date(record.get("starts_on")) or derived.starts_on,
                    ends_on=_date(record.get("ends_on")) or derived.ends_on,
                    state=record.get("state", ReportingPeriod.State.PLANNED),
                    updates_due_on=_date(record.get("updates_due_on")),
                    published_on=_datetime(record.get("published_on")),
                )
            )
        periods.extend(reporting_periods_to_come(plan=plan, given=periods))
        return {p.key: p for p in self.bulk(ReportingPeriod, periods)}

    def items(self, plan: Plan, organisation: Organisation) -> dict[str, PlanItem]:
        records = self.document.get("items", [])
        by_id = {record["id"]: record for record in records}
        depth_of: dict[str, int] = {}

        def depth(key: str) -> int:
            if key not in depth_of:
                parent = by_id[key].get("parent")
                depth_of[key] = 0 if parent is None else depth(parent) + 1
            return depth_of[key]

        created: dict[str, PlanItem] = {}
        ordered = sorted(enumerate(records), key=lambda pair: (depth(pair[1]["id"]), pair[0]))
        for level in sorted({depth(r["id"]) for r in records}):
            batch = []
            for position, record in ordered:
                if depth(record["id"]) != level:
                    continue
                batch.append(self.item(plan, record, position, level, created))
            for item in self.bulk(PlanItem, batch, count=False):
                created[item.key] = item
        self.counts["items"] = len(created)
        self.roles(organisation, records, created)
        self.sources(records, created)
        self.figures(records, created)
        return created

    def item(
        self,
        plan: Plan,
        record: dict[str, Any],
        position: int,
        depth: int,
        created: dict[str, PlanItem],
    ) -> PlanItem:
        timescale = record.get("timescale") or {}
        source = record.get("source") or {}
        return PlanItem(
            plan=plan,
            parent=created[record["parent"]] if record.get("parent") else None,
            key=record["id"],
            ref=record.get("ref", ""),
            depth=depth,
            position=position,
            title=record["title"],
            description=record.get("description", ""),
            outcome=record.get("outcome", ""),
            resources=record.get("resources", ""),
            timescale_text=timescale.get("text", ""),
            start_date=_date(timescale.get("start")),
            due_date=_date(timescale.get("due")),
            open_ended=timescale.get("open_ended", False),
            weight=number_in(record.get("weight", 1)),
            is_public=record.get("is_public", True),
            source_file=source.get("file", ""),
            source_location=source.get("location", ""),
        )

    def roles(
        self, organisation: Organisation, records: list[dict[str, Any]], items: dict[str, PlanItem]
    ) -> None:
        declared = {p["name"]: p for p in self.document.get("parties", [])}
        names = {
            name for r in records for people in (r.get("roles") or {}).values() for name in people
        }
        parties = {
            p.name: p for p in Party.objects.filter(organisation=organisation, name__in=names)
        }
        new = [
            Party(
                organisation=organisation,
                name=name,
                kind=declared.get(name, {}).get("kind", Party.Kind.PERSON),
                email=declared.get(name, {}).get("email", ""),
            )
            for name in sorted(names - parties.keys())
        ]
        for party in self.bulk(Party, new, count=False):
            parties[party.name] = party
        roles = [
            ItemRole(item=items[r["id"]], role=role, party=parties[name], position=position)
            for r in records
            for role, people in (r.get("roles") or {}).items()
            for position, name in enumerate(dict.fromkeys(people))
        ]
        self.bulk(ItemRole, roles, name="roles")

    def sources(self, records: list[dict[str, Any]], items: dict[str, PlanItem]) -> None:
        fields = []
        for record in records:
            source = record.get("source") or {}
            cells = source.get("cells")
            if cells is None:
                cells = [{"header": h, "text": t} for h, t in (source.get("fields") or {}).items()]
            fields.extend(
                SourceField(
                    item=items[record["id"]],
                    header=cell["header"],
                    text=cell["text"],
                    location=cell.get("location", ""),
                    position=position,
                )
                for position, cell in enumerate(cells)
            )
        SourceField.objects.bulk_create(fields, batch_size=500)
        self.counts["source_fields"] = len(fields)

    def figures(self, records: list[dict[str, Any]], items: dict[str, PlanItem]) -> None:
        figures = [
            ReportedFigure(
                item=items[record["id"]],
                kind=figure["kind"],
                value=number_in(figure["value"]),
                unit=figure.get("unit", ""),
                qualifier=figure.get("qualifier", ""),
                text=figure["text"],
                sentence=figure["sentence"],
                position=position,
            )
            for record in records
            for position, figure in enumerate(record.get("figures", []))
        ]
        ReportedFigure.objects.bulk_create(figures, batch_size=500)
        self.counts["figures"] = len(figures)

    def measures(self, plan: Plan, items: dict[str, PlanItem]) -> dict[str, Measure]:
        measures = []
        for record in self.document.get("items", []):
            for data in record.get("measures", []):
                baseline = data.get("baseline") or {}
                target = data.get("target") or {}
                measures.append(
                    Measure(
                        plan=plan,
                        item=items[record["id"]],
                        key=data.get("id") or f"{record['id']}-M{len(measures) + 1}",
                        name=data["name"],
                        unit=data.get("unit", ""),
                        polarity=data.get("polarity", Measure.Polarity.HIGHER),
                        frequency=data.get("frequency", Measure.Frequency.QUARTERLY),
                        cumulative=data.get("cumulative", False),
                        **measure_indicator_fields_in(data),
                        source=data.get("source", ""),
                        position=len(measures),
                        baseline_text=baseline.get("text", ""),
                        baseline_value=number_in(baseline.get("value")),
                        baseline_comparator=baseline.get("comparator") or "",
                        target_text=target.get("text", ""),
                        target_value=number_in(target.get("value")),
                        target_comparator=target.get("comparator") or "",
                    )
                )
        return {m.key: m for m in self.bulk(Measure, measures)}

    def updates(self, items: dict[str, PlanItem], periods: dict[str, ReportingPeriod]) -> None:
        records = list(self.document.get("updates", []))
        explicit = {(record["item"], record["period"]) for record in records}
        current = self.document["plan"].get("current_period")
        for item in self.document.get("items", []):
            if (item["id"], current) not in explicit and _item_states_progress(item):
                records.append({**item, "item": item["id"], "period": current, "state": "approved"})
        updates = [
            ProgressUpdate(
                item=items[record["item"]],
                period=periods[record["period"]],
                status=self.statuses.get(record.get("status") or ""),
                status_text=record.get("status_text", ""),
                percent_complete=number_in(record.get("progress")),
                commentary=record.get("commentary", ""),
                next_steps=record.get("next_steps", ""),
                forecast_status=self.statuses.get(record.get("forecast_status") or ""),
                author_name=record.get("author", ""),
                state=record.get("state", ProgressUpdate.State.APPROVED),
                submitted_on=_datetime(record.get("submitted_on")),
                review_comment=record.get("review_comment", ""),
            )
            for record in records
        ]
        self.bulk(ProgressUpdate, updates, name="updates")

    def measure_values(
        self, measures: dict[str, Measure], periods: dict[str, ReportingPeriod]
    ) -> None:
        records = list(self.document.get("measure_values", []))
        explicit = {(r["measure"], r["period"]) for r in records}
        current = self.document["plan"].get("current_period")
        for item in self.document.get("items", []):
            for data in item.get("measures", []):
                key = data.get("id")
                if data.get("actual") and key and (key, current) not in explicit:
                    records.append({**data["actual"], "measure": key, "period": current})
        values = [
            MeasureValue(
                measure=measures[record["measure"]],
                period=periods[record["period"]],
                value=number_in(record.get("value")),
                comparator=record.get("comparator") or "",
                text=record.get("text", ""),
                note=record.get("note", ""),
                state=record.get("state") or MeasureValue.State.AVAILABLE,
                expected_on=_date(record.get("expected_on")),
                numerator=number_in(record.get("numerator")),
                denominator=number_in(record.get("denominator")),
                reported_status=record.get("reported_status") or "",
                reported_status_text=record.get("reported_status_text", ""),
                reported_trend=record.get("reported_trend", ""),
            )
            for record in records
            if not measure_value_is_target_only(record)
        ]
        self.bulk(MeasureValue, values, name="measure_values")
        targets = [
            MeasureTarget(
                measure=measures[record["measure"]],
                period=periods[record["period"]],
                text=target.get("text", ""),
                value=number_in(target.get("value")),
                comparator=target.get("comparator") or "",
                upper_value=number_in(target.get("upper_value")),
                reason=target.get("reason", ""),
            )
            for record in records
            if (target := record.get("target"))
        ]
        self.bulk(MeasureTarget, targets, name="measure_targets")

    def risks(self, plan: Plan, items: dict[str, PlanItem]) -> None:
        records = self.document.get("risks", [])
        risks = [
            Risk(
                plan=plan,
                key=record.get("id") or f"R{position + 1}",
                description=record["description"],
                cause=record.get("cause", ""),
                consequence=record.get("consequence", ""),
                owner=record.get("owner", ""),
                likelihood=record.get("likelihood"),
                impact=record.get("impact"),
                rag=record.get("rag") or "",
                rag_text=record.get("rag_text", ""),
                position=position,
            )
            for position, record in enumerate(records)
        ]
        risks = self.bulk(Risk, risks)
        RiskMitigation.objects.bulk_create(
            [
                RiskMitigation(risk=risk, text=text, position=position)
                for risk, record in zip(risks, records, strict=True)
                for position, text in enumerate(record.get("mitigations", []))
            ]
        )
        links = Risk.items.through
        links.objects.bulk_create(
            [
                links(risk_id=risk.pk, planitem_id=items[key].pk)
                for risk, record in zip(risks, records, strict=True)
                for key in dict.fromkeys(record.get("items", []))
            ]
        )

    def snapshots(self, plan: Plan, periods: dict[str, ReportingPeriod]) -> None:
        """What the public saw, as it was published (who published it stays on the site
        that published it: the period's history there)."""
        records = self.document.get("published_snapshots", [])
        snapshot = plan.snapshots.model  # cycle's model, reached without importing cycle
        # Not a tracked model (its content would make each history line enormous): the
        # import's own history event names the file it came from.
        created = snapshot.objects.bulk_create(
            [
                snapshot(
                    plan=plan,
                    period=periods[record["period"]],
                    published_on=_datetime(record["published_on"]),
                    content=record["content"],
                )
                for record in records
            ]
        )
        if created:
            self.counts["published_snapshots"] = len(created)

    def anomalies(self, plan: Plan, items: dict[str, PlanItem]) -> None:
        anomalies = [
            Anomaly(
                plan=plan,
                item=items.get(record.get("item") or ""),
                kind=slugify(record["kind"])[:60] or "other",
                message=record["message"],
                location=record.get("location", ""),
                text=record.get("text", ""),
                position=position,
            )
            for position, record in enumerate(self.document.get("anomalies", []))
        ]
        Anomaly.objects.bulk_create(anomalies, batch_size=500)
        self.counts["anomalies"] = len(anomalies)

    def bulk(
        self, model: Any, objects: list[Any], *, name: str = "", count: bool = True
    ) -> list[Any]:
        """Validate then bulk-create, with one history line per record."""
        # Relations are checked by the database itself; validating them here costs a query each.
        relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
        for obj in objects:
            obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        created = model.objects.bulk_create(objects, batch_size=500)
        change_record_bulk_create(instances=created, action="created")
        if count:
            self.counts[name or model._meta.verbose_name_plural.replace(" ", "_")] = len(created)
        return created


def _status_scheme_for(organisation: Organisation, data: dict[str, Any]) -> StatusScheme:
    """The organisation's scheme of that name if it has the same statuses, else a new one."""
    definitions = [
        StatusDefinition(
            s["code"],
            s["label"],
            s["rag"],
            s.get("is_complete", False),
            s.get("is_inactive", False),
        )
        for s in data["statuses"]
    ]
    name, number = data["name"], 2
    while (
        scheme := StatusScheme.objects.filter(organisation=organisation, name=name).first()
    ) is not None:
        existing = [
            StatusDefinition(s.code, s.label, s.rag, s.is_complete, s.is_inactive)
            for s in scheme.statuses.filter(disabled_on=None)
        ]
        if existing == definitions:
            return scheme
        name, number = f"{data['name']} ({number})", number + 1
    return status_scheme_create(name=name, organisation=organisation, statuses=definitions)


def _item_states_progress(item: dict[str, Any]) -> bool:
    """The item itself carries a status, progress, commentary or next steps."""
    return bool(
        item.get("status")
        or item.get("progress") is not None
        or item.get("commentary")
        or item.get("next_steps")
    )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _datetime(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
