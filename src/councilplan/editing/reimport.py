"""Re-import: a document for a plan the site already holds, read as a new version of it.

`plan_differences` compares an open-format document with the plan as it is (reads only)
and says, in plain words, what importing it would change: items added, archived, restored,
moved and changed field by field, people in roles, measures, new reporting periods, and the
updates and measure values it brings for periods that have none yet. `plan_reimport` makes
exactly those changes as edits (editing.services), in one transaction, recorded in the
plan's history with the reason "re-imported from FILE".

Nothing reported or published is lost: no ProgressUpdate, MeasureValue or PublishedSnapshot
is deleted or overwritten. An update or value in the document for a period that already has
one on the site is not applied; when they differ, it is listed as a finding instead.

Items are matched by their identifier (key); an item whose identifier names another item
(ids made from positions shift when a row is inserted) is matched by printed reference and
title first.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import transaction

from councilplan.accounts.permissions import SYSTEM_USER, Action, permission_check
from councilplan.domain.numbers import number_in
from councilplan.domain.periods import FinancialCalendar, period_parse
from councilplan.domain.problems import PlanInputError, Problem, SourceLocation
from councilplan.domain.wording import cut_at_word, field_text
from councilplan.editing.document_values import (
    measure_indicator_fields_in,
    measure_value_is_target_only,
    plan_tolerance_in,
)
from councilplan.editing.errors import EditError
from councilplan.editing.services import (
    ITEM_FIELD_LABELS,
    MEASURE_FIELD_LABELS,
    ItemFields,
    MeasureFields,
    PlanSettings,
    item_archive,
    item_change,
    item_create,
    item_move,
    item_restore,
    item_role_add,
    item_role_remove,
    measure_archive,
    measure_change,
    measure_create,
    measure_restore,
    plan_settings_change,
)
from councilplan.history.context import acting_as, current_actor
from councilplan.history.services import event_record
from councilplan.plans.models import (
    ItemRole,
    Measure,
    MeasureTarget,
    MeasureValue,
    Plan,
    PlanItem,
    ProgressUpdate,
    ReportingPeriod,
)

REIMPORT_REASON = "re-imported from {file}"
NOT_IN_DOCUMENT_REASON = "re-imported from {file}: not in the document"
UPDATE_KEPT_FINDING = (
    "{item}: the document's update for {period} ({theirs}) differs from the {state} update "
    "on the site ({ours}); the site's update is kept"
)
VALUE_KEPT_FINDING = (
    "{item}: the document's value of “{measure}” for {period} ({theirs}) differs from the "
    "value on the site ({ours}); the site's value is kept"
)
TARGET_KEPT_FINDING = (
    "{item}: the document's target of “{measure}” for {period} ({theirs}) differs from the "
    "target on the site ({ours}); the site's target is kept (change it on the site, with a "
    "reason)"
)
NO_PLAN_TITLE = "The plan"
EMPTY = "(none)"


class DifferenceKind(StrEnum):
    PLAN_CHANGED = "plan_changed"
    PERIOD_ADDED = "period_added"
    ITEM_ADDED = "item_added"
    ITEM_ARCHIVED = "item_archived"
    ITEM_RESTORED = "item_restored"
    ITEM_MOVED = "item_moved"
    ITEM_CHANGED = "item_changed"
    ROLE_CHANGED = "role_changed"
    MEASURE_ADDED = "measure_added"
    MEASURE_ARCHIVED = "measure_archived"
    MEASURE_RESTORED = "measure_restored"
    MEASURE_CHANGED = "measure_changed"
    UPDATE_ADDED = "update_added"
    VALUE_ADDED = "value_added"
    TARGET_ADDED = "target_added"


# How each kind is counted on the review page and the command line, in this order.
DIFFERENCE_COUNT_LABELS = {
    DifferenceKind.ITEM_ADDED: "items added",
    DifferenceKind.ITEM_ARCHIVED: "items archived",
    DifferenceKind.ITEM_RESTORED: "items restored",
    DifferenceKind.ITEM_MOVED: "items moved",
    DifferenceKind.ITEM_CHANGED: "item fields changed",
    DifferenceKind.ROLE_CHANGED: "roles changed",
    DifferenceKind.MEASURE_ADDED: "measures added",
    DifferenceKind.MEASURE_ARCHIVED: "measures archived",
    DifferenceKind.MEASURE_RESTORED: "measures restored",
    DifferenceKind.MEASURE_CHANGED: "measure fields changed",
    DifferenceKind.PLAN_CHANGED: "plan settings changed",
    DifferenceKind.PERIOD_ADDED: "reporting periods added",
    DifferenceKind.UPDATE_ADDED: "updates added",
    DifferenceKind.VALUE_ADDED: "measure values added",
    DifferenceKind.TARGET_ADDED: "targets added",
}

# The labels the editing forms use, so a re-import names a field as the form does.
ITEM_LABELS = ITEM_FIELD_LABELS
MEASURE_LABELS = MEASURE_FIELD_LABELS
PLAN_LABELS = {
    "title": "Title",
    "description": "Description",
    "starts_on": "Starts on",
    "ends_on": "Ends on",
    "level_names": "Level names",
    "green_within_percent": "Green within",
    "amber_within_percent": "Amber within",
    "tolerance_relative": "Bands are a percentage of the target",
}


@dataclass(frozen=True)
class PlanDifference:
    """One change a re-import makes, in words: `item` is the item's printed reference (or
    the start of its title), `what` the field or the act, `before` and `after` as shown."""

    kind: DifferenceKind
    item: str
    what: str
    before: str = ""
    after: str = ""
    item_title: str = ""

    def __str__(self) -> str:
        if self.before or self.after:
            return f"{self.item} {self.what}: {self.before or EMPTY} → {self.after or EMPTY}"
        return f"{self.item}: {self.what}"


@dataclass
class PlanComparison:
    """What importing a document into an existing plan would change (`differences`), and
    what it would not apply because the site already holds something else (`findings`)."""

    plan: Plan
    differences: list[PlanDifference] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    # How to make them: document item id → the plan's item it is (matched items only).
    matches: dict[str, PlanItem] = field(default_factory=dict, repr=False)
    measure_matches: dict[tuple[str, int], Measure] = field(default_factory=dict, repr=False)
    new_periods: list[ReportingPeriod] = field(default_factory=list, repr=False)
    settings: PlanSettings | None = field(default=None, repr=False)
    new_updates: list[dict[str, Any]] = field(default_factory=list, repr=False)
    new_values: list[dict[str, Any]] = field(default_factory=list, repr=False)
    new_targets: list[dict[str, Any]] = field(default_factory=list, repr=False)
    # Values the site held as not yet available that the document now gives.
    filled_values: list[tuple[MeasureValue, dict[str, Any]]] = field(
        default_factory=list, repr=False
    )

    @property
    def counts(self) -> list[tuple[str, int]]:
        """(label, how many) for each kind of difference found, in a fixed order."""
        found = Counter(difference.kind for difference in self.differences)
        return [
            (label, found[kind]) for kind, label in DIFFERENCE_COUNT_LABELS.items() if found[kind]
        ]

    @property
    def changes_anything(self) -> bool:
        return bool(self.differences)


def plan_matching_document(*, document: dict[str, Any]) -> Plan | None:
    """The live plan of the document's council that the document is a version of: the one
    with the document's plan id, else the one with its title (the newest, if several)."""
    organisation = (document.get("organisation") or {}).get("name", "")
    data = document.get("plan") or {}
    plans = (
        Plan.objects.working()
        .select_related("organisation")
        .filter(organisation__name=organisation)
    )
    if data.get("id"):
        same_id = plans.filter(slug=data["id"]).first()
        if same_id is not None:
            return same_id
    title = (data.get("title") or "").strip()
    if not title:
        return None
    return plans.filter(title__iexact=title).order_by("-created_on", "-pk").first()


def plan_differences(*, plan: Plan, document: dict[str, Any]) -> PlanComparison:
    """Compare a validated open-format document with the plan as it is now; writes nothing."""
    comparison = PlanComparison(plan=plan)
    _Differ(comparison, document).run()
    return comparison


def plan_reimport(
    *, user: Any, plan: Plan, document: dict[str, Any], file: str = "document"
) -> PlanComparison:
    """Apply a document to the plan it is a version of, as edits, all or nothing: the
    differences `plan_differences` lists are made (what disappeared is archived with the
    reason), every update, measure value and published snapshot is kept, and the returned
    comparison says what was changed and what was not applied (findings). Raises
    PermissionDenied unless the user may import and edit the plan, and PlanInputError (nothing
    changed) when an edit is refused, with the reason."""
    permission_check(user, Action.IMPORT_PLAN, plan=plan)
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    reason = REIMPORT_REASON.format(file=file)[:500]
    actor = current_actor() if user is SYSTEM_USER else None
    acting = (
        acting_as(actor.user, name=actor.name, reason=reason)
        if actor is not None
        else acting_as(user, reason=reason)
    )
    with acting, transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
        comparison = plan_differences(plan=locked, document=document)
        applier = _Applier(comparison, document, user=user, file=file)
        try:
            applier.run()
        except EditError as error:
            location = SourceLocation(file=file, path=applier.where)
            raise PlanInputError([Problem(location, str(error))]) from error
        event_record(
            instance=locked,
            event="reimported",
            details={
                "file": file,
                "differences": len(comparison.differences),
                "findings": comparison.findings,
            },
        )
    plan.refresh_from_db()
    return comparison


# Reading the document ------------------------------------------------------------------


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _item_fields(record: dict[str, Any]) -> ItemFields:
    timescale = record.get("timescale") or {}
    return ItemFields(
        title=(record.get("title") or "").strip(),
        ref=(record.get("ref") or "").strip(),
        description=record.get("description", "") or "",
        outcome=record.get("outcome", "") or "",
        resources=record.get("resources", "") or "",
        timescale_text=timescale.get("text", "") or "",
        start_date=_date(timescale.get("start")),
        due_date=_date(timescale.get("due")),
        open_ended=bool(timescale.get("open_ended", False)),
        weight=number_in(record.get("weight", 1)) or Decimal(0),
        is_public=bool(record.get("is_public", True)),
    )


def _measure_fields(data: dict[str, Any]) -> MeasureFields:
    return MeasureFields(
        name=(data.get("name") or "").strip(),
        unit=data.get("unit", "") or "",
        polarity=data.get("polarity") or Measure.Polarity.HIGHER,
        frequency=data.get("frequency") or Measure.Frequency.QUARTERLY,
        baseline_text=(data.get("baseline") or {}).get("text", "") or "",
        target_text=(data.get("target") or {}).get("text", "") or "",
    )


def _indicator_fields_keep(measure: Measure, data: dict[str, Any]) -> None:
    """A measure a re-import adds keeps the indicator fields its document gives (reference,
    kind, rate parts, lag, own bands), which the measure form does not edit."""
    fields = {
        name: value
        for name, value in measure_indicator_fields_in(data).items()
        if value != getattr(measure, name)
    }
    if fields:
        for name, value in fields.items():
            setattr(measure, name, value)
        measure.full_clean()
        measure.save(update_fields=list(fields))


def _roles(record: dict[str, Any]) -> dict[str, list[str]]:
    return {
        role: list(dict.fromkeys(name.strip() for name in people if name.strip()))
        for role, people in (record.get("roles") or {}).items()
    }


def _item_states_progress(record: dict[str, Any]) -> bool:
    return bool(
        record.get("status")
        or record.get("progress") is not None
        or record.get("commentary")
        or record.get("next_steps")
    )


def _measure_added(data: dict[str, Any]) -> str:
    return f"Measure “{cut_at_word(data.get('name') or '', 60)}” added"


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def _label(ref: str, title: str) -> str:
    return ref or cut_at_word(title, 60)


def _role_name(role: str) -> str:
    return role.replace("_", " ").capitalize()


def _update_text(status: str, percent: Any, commentary: str) -> str:
    parts = [status] if status else []
    if percent is not None:
        parts.append(f"{field_text(number_in(percent))}%")
    if commentary:
        parts.append(f"“{commentary[:80]}”")
    return ", ".join(parts) or EMPTY


# Comparing -----------------------------------------------------------------------------


def _measures_matched(
    documented: list[dict[str, Any]], measures: list[Measure]
) -> dict[int, Measure]:
    """Position in the document's list → the item's measure it is: by identifier and name,
    then by name, then by identifier alone (a measure renamed)."""
    free = {measure.pk: measure for measure in measures}
    found: dict[int, Measure] = {}
    tests = (
        lambda same_key, same_name: same_key and same_name,
        lambda same_key, same_name: same_name,
        lambda same_key, same_name: same_key,
    )
    for test in tests:
        for position, data in enumerate(documented):
            if position in found:
                continue
            name = _words(data.get("name") or "")
            for measure in free.values():
                same_key = bool(data.get("id")) and measure.key == data["id"]
                if test(same_key, _words(measure.name) == name):
                    found[position] = free.pop(measure.pk)
                    break
    return found


class _Differ:
    def __init__(self, comparison: PlanComparison, document: dict[str, Any]) -> None:
        self.comparison = comparison
        self.plan = comparison.plan
        self.document = document
        self.records = list(document.get("items", []))
        self.items = list(self.plan.items.all().order_by("depth", "position", "pk"))
        self.by_pk = {item.pk: item for item in self.items}

    def add(
        self,
        kind: DifferenceKind,
        item: PlanItem | dict[str, Any] | None,
        what: str,
        before: Any = "",
        after: Any = "",
    ) -> None:
        if item is None:
            ref, title = "", NO_PLAN_TITLE
        elif isinstance(item, dict):
            ref, title = (item.get("ref") or "").strip(), (item.get("title") or "").strip()
        else:
            ref, title = item.ref, item.title
        self.comparison.differences.append(
            PlanDifference(
                kind=kind,
                item=_label(ref, title) if item is not None else NO_PLAN_TITLE,
                what=what,
                before=field_text(before),
                after=field_text(after),
                item_title=title,
            )
        )

    def run(self) -> None:
        self.match()
        self.plan_settings()
        self.periods()
        self.structure()
        self.fields()
        self.measures()
        self.updates()
        self.values()

    def match(self) -> None:
        """Document item id → plan item: by key with the same title or reference; then by
        reference and title; then by key alone (an item renamed and renumbered)."""
        matches = self.comparison.matches
        free = {item.pk: item for item in self.items}
        by_key = {item.key: item for item in self.items}
        for record in self.records:
            item = by_key.get(record["id"])
            fields = _item_fields(record)
            if item is not None and (
                _words(item.title) == _words(fields.title)
                or (fields.ref and item.ref == fields.ref)
            ):
                matches[record["id"]] = item
                free.pop(item.pk)
        for record in self.records:
            if record["id"] in matches:
                continue
            fields = _item_fields(record)
            candidates = [
                item
                for item in free.values()
                if item.ref == fields.ref and _words(item.title) == _words(fields.title)
            ]
            parent = matches.get(record.get("parent") or "")
            same_parent = [c for c in candidates if parent is not None and c.parent_id == parent.pk]
            chosen = same_parent or sorted(candidates, key=lambda c: c.archived_on is not None)
            if chosen:
                matches[record["id"]] = chosen[0]
                free.pop(chosen[0].pk)
        for record in self.records:
            item = by_key.get(record["id"])
            if record["id"] not in matches and item is not None and item.pk in free:
                matches[record["id"]] = item
                free.pop(item.pk)

    def plan_settings(self) -> None:
        data = self.document.get("plan") or {}
        saved = PlanSettings.of(self.plan)
        wanted = PlanSettings.of(self.plan)
        # Only what the document states replaces the plan's settings: a council document
        # without dates or levels leaves the plan's own.
        if data.get("title"):
            wanted.title = data["title"].strip()
        if "description" in data:
            wanted.description = data.get("description") or ""
        if data.get("starts_on") and data.get("ends_on"):
            wanted.starts_on, wanted.ends_on = _date(data["starts_on"]), _date(data["ends_on"])
        if data.get("levels"):
            wanted.level_names = [name.strip() for name in data["levels"]]
        for name, value in plan_tolerance_in(data).items():
            setattr(wanted, name, value)
        changed = False
        for name, label in PLAN_LABELS.items():
            before, after = getattr(saved, name), getattr(wanted, name)
            if field_text(before) != field_text(after):
                self.add(DifferenceKind.PLAN_CHANGED, None, label, before, after)
                changed = True
        if changed:
            self.comparison.settings = wanted

    def periods(self) -> None:
        have = set(self.plan.periods.values_list("key", flat=True))
        calendar = FinancialCalendar(self.plan.year_start_month, self.plan.period_months)
        records = list(self.document.get("periods", []))
        current = (self.document.get("plan") or {}).get("current_period")
        if current and current not in {record["id"] for record in records}:
            records.append({"id": current})
        for record in records:
            if record["id"] in have:
                continue
            have.add(record["id"])
            derived = None
            if not (record.get("starts_on") and record.get("ends_on") and record.get("label")):
                derived = period_parse(record["id"], calendar)
            state = record.get("state") or ReportingPeriod.State.PLANNED
            if state == ReportingPeriod.State.PUBLISHED:
                state = ReportingPeriod.State.CLOSED  # published here, by the round, or not at all
            period = ReportingPeriod(
                plan=self.plan,
                key=record["id"],
                label=record.get("label") or derived.label,
                starts_on=_date(record.get("starts_on")) or derived.starts_on,
                ends_on=_date(record.get("ends_on")) or derived.ends_on,
                state=state,
                updates_due_on=_date(record.get("updates_due_on")),
            )
            self.comparison.new_periods.append(period)
            self.add(DifferenceKind.PERIOD_ADDED, None, f"Reporting period {period.label} added")

    def structure(self) -> None:
        matches = self.comparison.matches
        matched = {item.pk for item in matches.values()}
        for record in self.records:
            item = matches.get(record["id"])
            if item is None:
                self.add(DifferenceKind.ITEM_ADDED, record, f"Added {self.parent_label(record)}")
                continue
            if item.archived_on is not None:
                self.add(DifferenceKind.ITEM_RESTORED, item, "Restored from the archive")
            wanted = matches.get(record.get("parent") or "")
            wanted_pk = wanted.pk if wanted is not None else None
            if record.get("parent") and wanted is None:
                wanted_pk = -1  # under an item the document adds
            if item.parent_id != wanted_pk:
                before = self.under(self.by_pk.get(item.parent_id or 0))
                self.add(
                    DifferenceKind.ITEM_MOVED, item, "Moved", before, self.parent_label(record)
                )
        for item in self.items:
            if item.pk in matched or item.archived_on is not None:
                continue
            parent = self.by_pk.get(item.parent_id or 0)
            if parent is not None and parent.pk not in matched and parent.archived_on is None:
                continue  # archived with the item above it
            self.add(DifferenceKind.ITEM_ARCHIVED, item, "Archived (not in the document)")

    def under(self, parent: PlanItem | None) -> str:
        if parent is None:
            return "at the top level"
        return f"under {_label(parent.ref, parent.title)}"

    def parent_label(self, record: dict[str, Any]) -> str:
        parent_id = record.get("parent")
        if not parent_id:
            return "at the top level"
        parent = next((r for r in self.records if r["id"] == parent_id), {"title": parent_id})
        return f"under {_label((parent.get('ref') or '').strip(), parent.get('title') or '')}"

    def fields(self) -> None:
        matches = self.comparison.matches
        roles: dict[int, dict[str, list[str]]] = {}
        for held in (
            ItemRole.objects.filter(item__plan=self.plan)
            .select_related("party")
            .order_by("item_id", "role", "position", "pk")
        ):
            roles.setdefault(held.item_id, {}).setdefault(held.role, []).append(held.party.name)
        for record in self.records:
            item = matches.get(record["id"])
            if item is None:
                continue
            saved, wanted = ItemFields.of(item), _item_fields(record)
            for name, label in ITEM_LABELS.items():
                before, after = getattr(saved, name), getattr(wanted, name)
                if field_text(before) != field_text(after):
                    self.add(DifferenceKind.ITEM_CHANGED, item, label, before, after)
            held, wanted_roles = roles.get(item.pk, {}), _roles(record)
            for role in sorted({*held, *wanted_roles}):
                before_people = held.get(role, [])
                after_people = wanted_roles.get(role, [])
                if set(before_people) != set(after_people):
                    self.add(
                        DifferenceKind.ROLE_CHANGED,
                        item,
                        _role_name(role),
                        before_people,
                        after_people,
                    )

    def measures(self) -> None:
        matches = self.comparison.matches
        by_item: dict[int, list[Measure]] = {}
        for measure in self.plan.measures.all().order_by("position", "pk"):
            by_item.setdefault(measure.item_id, []).append(measure)
        for record in self.records:
            item = matches.get(record["id"])
            documented = list(record.get("measures") or [])
            if item is None:
                for data in documented:
                    self.add(DifferenceKind.MEASURE_ADDED, record, _measure_added(data))
                continue
            found = _measures_matched(documented, by_item.get(item.pk, []))
            for position, data in enumerate(documented):
                measure = found.get(position)
                if measure is None:
                    self.add(DifferenceKind.MEASURE_ADDED, item, _measure_added(data))
                else:
                    self.comparison.measure_matches[(record["id"], position)] = measure
                    self.measure_changes(item, measure, data)
            if item.archived_on is not None:
                continue
            kept = {measure.pk for measure in found.values()}
            for measure in by_item.get(item.pk, []):
                if measure.pk not in kept and measure.archived_on is None:
                    name = cut_at_word(measure.name, 60)
                    what = f"Measure “{name}” archived (not in the document)"
                    self.add(DifferenceKind.MEASURE_ARCHIVED, item, what)

    def measure_changes(self, item: PlanItem, measure: Measure, data: dict[str, Any]) -> None:
        named = f"Measure “{cut_at_word(measure.name, 60)}”"
        if measure.archived_on is not None:
            self.add(DifferenceKind.MEASURE_RESTORED, item, f"{named} restored")
        saved, wanted = MeasureFields.of(measure), _measure_fields(data)
        for name, label in MEASURE_LABELS.items():
            before, after = getattr(saved, name), getattr(wanted, name)
            if field_text(before) != field_text(after):
                what = f"{named} {label.lower()}"
                self.add(DifferenceKind.MEASURE_CHANGED, item, what, before, after)

    def document_updates(self) -> list[dict[str, Any]]:
        records = list(self.document.get("updates", []))
        explicit = {(record["item"], record["period"]) for record in records}
        current = (self.document.get("plan") or {}).get("current_period")
        for record in self.records:
            if (record["id"], current) not in explicit and _item_states_progress(record):
                records.append(
                    {**record, "item": record["id"], "period": current, "state": "approved"}
                )
        return records

    def updates(self) -> None:
        matches = self.comparison.matches
        statuses = {s.code: s.label for s in self.plan.status_scheme.statuses.all()}
        existing = {
            (update.item_id, update.period.key): update
            for update in ProgressUpdate.objects.filter(item__plan=self.plan).select_related(
                "period", "status"
            )
        }
        labels = self.period_labels()
        by_id = {record["id"]: record for record in self.records}
        for record in self.document_updates():
            item = matches.get(record["item"])
            theirs = _update_text(
                statuses.get(record.get("status") or "", record.get("status") or ""),
                record.get("progress"),
                (record.get("commentary") or "").strip(),
            )
            period = labels.get(record["period"], record["period"])
            ours = existing.get((item.pk, record["period"])) if item is not None else None
            if ours is None:
                self.comparison.new_updates.append(record)
                self.add(
                    DifferenceKind.UPDATE_ADDED,
                    item or by_id.get(record["item"]),
                    f"Update for {period}",
                    "",
                    theirs,
                )
                continue
            site = _update_text(
                ours.status.label if ours.status else "",
                ours.percent_complete,
                ours.commentary.strip(),
            )
            if site != theirs:
                self.comparison.findings.append(
                    UPDATE_KEPT_FINDING.format(
                        item=_label(item.ref, item.title),
                        period=period,
                        theirs=theirs,
                        ours=site,
                        state=ours.get_state_display().lower(),
                    )
                )

    def document_values(
        self,
    ) -> tuple[list[dict[str, Any]], dict[str, tuple[dict[str, Any], int]]]:
        """The document's measure values (with each measure's actual for the current period
        where no entry gives it), and where each measure is: (item record, position)."""
        records = list(self.document.get("measure_values", []))
        explicit = {(r["measure"], r["period"]) for r in records}
        current = (self.document.get("plan") or {}).get("current_period")
        located: dict[str, tuple[dict[str, Any], int]] = {}
        for record in self.records:
            for position, data in enumerate(record.get("measures") or []):
                key = data.get("id")
                if key:
                    located[key] = (record, position)
                if data.get("actual") and key and (key, current) not in explicit:
                    records.append({**data["actual"], "measure": key, "period": current})
        return records, located

    def values(self) -> None:
        records, located = self.document_values()
        existing = {
            (value.measure_id, value.period.key): value
            for value in MeasureValue.objects.filter(measure__plan=self.plan).select_related(
                "period"
            )
        }
        labels = self.period_labels()
        targets = {
            (target.measure_id, target.period.key): target
            for target in MeasureTarget.objects.filter(measure__plan=self.plan).select_related(
                "period"
            )
        }
        for record in records:
            item_record, position = located.get(record["measure"], ({}, -1))
            if position < 0:
                continue
            measure = self.comparison.measure_matches.get((item_record.get("id", ""), position))
            data = (item_record.get("measures") or [{}])[position] or {}
            # A KPI's reference first: councils know their indicators by it (HR11).
            name = " ".join(filter(None, (data.get("ref", ""), data.get("name", ""))))
            figure = _DocumentFigure(
                record, item_record, position, name, labels.get(record["period"], record["period"])
            )
            if record.get("target"):
                ours_target = targets.get((measure.pk, record["period"])) if measure else None
                self.target(figure, ours_target)
            if measure_value_is_target_only(record):
                continue
            ours = existing.get((measure.pk, record["period"])) if measure is not None else None
            self.value(figure, ours)

    def value(self, figure: "_DocumentFigure", ours: MeasureValue | None) -> None:
        """A period's value in the document: added when the site has none, filled in where
        the site's was not yet available; when the site's differs (a restated figure), the
        site's is kept and the difference is a finding."""
        record = figure.record
        theirs = (record.get("text") or field_text(number_in(record.get("value")))).strip()
        what = f"Value of “{cut_at_word(figure.name, 60)}” for {figure.period}"
        if ours is None:
            self.comparison.new_values.append(figure.record_to_add())
            self.add(DifferenceKind.VALUE_ADDED, self.where(figure), what, "", theirs)
            return
        site = (ours.text or field_text(ours.value)).strip()
        arrived = (
            ours.state == MeasureValue.State.NOT_YET_AVAILABLE
            and (record.get("state") or MeasureValue.State.AVAILABLE)
            == MeasureValue.State.AVAILABLE
            and record.get("value") is not None
        )
        if arrived:
            self.comparison.filled_values.append((ours, record))
            self.add(DifferenceKind.VALUE_ADDED, self.where(figure), what, site, theirs)
        elif site != theirs:
            self.kept(VALUE_KEPT_FINDING, figure, theirs, site)

    def target(self, figure: "_DocumentFigure", ours: MeasureTarget | None) -> None:
        """A period's target in the document: added when the site has none; when the site's
        differs, the site's is kept and the difference is a finding."""
        target = figure.record["target"]
        theirs = (target.get("text") or field_text(number_in(target.get("value")))).strip()
        if ours is None:
            self.comparison.new_targets.append(figure.record_to_add())
            self.add(
                DifferenceKind.TARGET_ADDED,
                self.where(figure),
                f"Target of “{cut_at_word(figure.name, 60)}” for {figure.period}",
                "",
                theirs,
            )
            return
        site = (ours.text or field_text(ours.value)).strip()
        if site != theirs:
            self.kept(TARGET_KEPT_FINDING, figure, theirs, site)

    def where(self, figure: "_DocumentFigure") -> Any:
        """The site's item the figure belongs to, or the document's record of a new item."""
        return self.comparison.matches.get(figure.item_record.get("id", "")) or figure.item_record

    def kept(self, message: str, figure: "_DocumentFigure", theirs: str, site: str) -> None:
        """A figure of the document that differs from the site's, which is kept: a finding."""
        item = self.comparison.matches[figure.item_record["id"]]
        self.comparison.findings.append(
            message.format(
                item=_label(item.ref, item.title),
                measure=cut_at_word(figure.name, 60),
                period=figure.period,
                theirs=theirs or EMPTY,
                ours=site or EMPTY,
            )
        )

    def period_labels(self) -> dict[str, str]:
        labels = dict(self.plan.periods.values_list("key", "label"))
        labels.update({period.key: period.label for period in self.comparison.new_periods})
        return labels


@dataclass(frozen=True)
class _DocumentFigure:
    """One period's value or target of a measure in the document, with what names it."""

    record: dict[str, Any]
    item_record: dict[str, Any]
    position: int  # the measure's place among its item's measures
    name: str  # reference and name, as a finding shows it
    period: str  # the period's label

    def record_to_add(self) -> dict[str, Any]:
        return {**self.record, "_item": self.item_record.get("id"), "_position": self.position}


# Applying ------------------------------------------------------------------------------


class _Applier:
    """Makes a comparison's differences through the editing services, in an order where
    each step's precondition holds: restored and added items before moves (a new parent
    must exist and be live), moves before archiving (a moved item leaves the branch that is
    archived), fields, people and measures after."""

    def __init__(
        self, comparison: PlanComparison, document: dict[str, Any], *, user: Any, file: str
    ) -> None:
        self.comparison = comparison
        self.plan = comparison.plan
        self.document = document
        self.records = list(document.get("items", []))
        self.user = user
        self.file = file
        self.matches: dict[str, PlanItem] = dict(comparison.matches)
        self.original = {item.pk for item in comparison.matches.values()}
        depths: dict[str, int] = {}
        parents = {record["id"]: record.get("parent") for record in self.records}
        for key in parents:
            depth, parent = 0, parents[key]
            while parent and depth <= len(parents):
                depth, parent = depth + 1, parents.get(parent)
            depths[key] = depth
        self.ordered = sorted(self.records, key=lambda record: depths[record["id"]])
        self.created_measures: dict[tuple[str, int], Measure] = {}
        self.where = "plan"  # the part of the document being applied, for a refusal
        self.index = {record["id"]: n for n, record in enumerate(self.records)}

    def run(self) -> None:
        self.settings()
        self.periods()
        self.restore()
        self.add()
        self.move()
        self.archive()
        self.fields()
        self.roles()
        self.measures()
        self.updates()
        self.values()
        self.filled()
        self.targets()

    def fresh(self, key: str) -> PlanItem:
        """The item as saved now, read just before an edit (an earlier edit may have changed
        it). Comparisons read the whole plan once a step instead (`saved_items`): reading each
        item again in every step was most of a re-import's time."""
        item = PlanItem.objects.select_related("plan", "parent").get(pk=self.matches[key].pk)
        self.matches[key] = item
        return item

    def saved_items(self) -> dict[int, PlanItem]:
        """Every item of the plan as saved at the start of a step, by id (one query)."""
        return {item.pk: item for item in PlanItem.objects.filter(plan=self.plan)}

    def settings(self) -> None:
        if self.comparison.settings is not None:
            plan_settings_change(
                user=self.user,
                plan=self.plan,
                based_on_version=self.plan.version,
                settings=self.comparison.settings,
            )

    def periods(self) -> None:
        have = set(self.plan.periods.values_list("key", flat=True))
        for period in self.comparison.new_periods:
            if period.key not in have:
                period.full_clean()
                period.save()

    def restore(self) -> None:
        # Restoring makes nothing archived: only items archived now can need it.
        archived = set(
            PlanItem.objects.filter(plan=self.plan, archived_on__isnull=False).values_list(
                "pk", flat=True
            )
        )
        for record in self.ordered:
            if record["id"] not in self.matches or self.matches[record["id"]].pk not in archived:
                continue
            item = self.fresh(record["id"])
            self.where = f"items[{self.index[record['id']]}]"
            if item.archived_on is None:
                continue
            if item.parent is not None and item.parent.archived_on is not None:
                # Its archived parent stays archived: the item is placed where the document
                # puts it by the moves below.
                item_move(user=self.user, item=item, parent=None)
                item = self.fresh(record["id"])
            item_restore(user=self.user, item=item)

    def add(self) -> None:
        parties = {p["name"]: p for p in self.document.get("parties", [])}
        self.parties = parties
        for record in self.ordered:
            if record["id"] in self.matches:
                continue
            parent = self.fresh(record["parent"]) if record.get("parent") else None
            self.where = f"items[{self.index[record['id']]}]"
            item = item_create(
                user=self.user,
                plan=self.plan,
                parent=parent,
                values=_item_fields(record),
                key=record["id"],
            )
            self.matches[record["id"]] = item

    def move(self) -> None:
        # A move changes the moved item's parent only (its branch's depths, not their parents).
        parents = dict(PlanItem.objects.filter(plan=self.plan).values_list("pk", "parent_id"))
        for record in self.ordered:
            pk = self.matches[record["id"]].pk
            if pk not in self.original:
                continue
            parent_key = record.get("parent")
            wanted = self.matches[parent_key].pk if parent_key else None
            if parents[pk] == wanted:
                continue
            self.where = f"items[{self.index[record['id']]}]"
            item = self.fresh(record["id"])
            parent = self.fresh(parent_key) if parent_key else None
            item_move(user=self.user, item=item, parent=parent)
            parents[pk] = wanted

    def archive(self) -> None:
        kept = {item.pk for item in self.matches.values()}
        leaving = {
            item.pk: item
            for item in PlanItem.objects.select_related("plan").filter(
                plan=self.plan, archived_on=None
            )
            if item.pk not in kept
        }
        reason = NOT_IN_DOCUMENT_REASON.format(file=self.file)
        for item in leaving.values():
            if item.parent_id not in leaving:
                item_archive(user=self.user, item=item, reason=reason)

    def fields(self) -> None:
        # A change of fields changes that item alone, so the step's first reading holds.
        saved_items = self.saved_items()
        for record in self.records:
            self.where = f"items[{self.index[record['id']]}]"
            wanted = _item_fields(record)
            saved = ItemFields.of(saved_items[self.matches[record["id"]].pk])
            if any(
                field_text(getattr(saved, n)) != field_text(getattr(wanted, n)) for n in ITEM_LABELS
            ):
                item = self.fresh(record["id"])
                item_change(user=self.user, item=item, based_on_version=item.version, values=wanted)

    def roles(self) -> None:
        parties = {p["name"]: p for p in self.document.get("parties", [])}
        # Every role of the plan read once; an item's roles change only while it is applied.
        held_by_item: dict[int, list[ItemRole]] = {}
        for entry in ItemRole.objects.filter(item__plan=self.plan).select_related(
            "party", "item__plan"
        ):
            held_by_item.setdefault(entry.item_id, []).append(entry)
        for record in self.records:
            self.where = f"items[{self.index[record['id']]}]"
            wanted = _roles(record)
            held = held_by_item.get(self.matches[record["id"]].pk, [])
            for entry in held:
                if entry.party.name not in wanted.get(entry.role, []):
                    item_role_remove(user=self.user, held=entry)
            have = {(entry.role, entry.party.name) for entry in held}
            for role, people in wanted.items():
                for name in people:
                    if (role, name) not in have:
                        item_role_add(
                            user=self.user,
                            item=self.fresh(record["id"]),
                            role=role,
                            new_person_name=name,
                            new_person_email=(parties.get(name) or {}).get("email", "") or "",
                        )

    def measures(self) -> None:
        reason = NOT_IN_DOCUMENT_REASON.format(file=self.file)
        # The plan's measures read once: a measure changes only while its item is applied.
        saved_measures = {
            measure.pk: measure
            for measure in Measure.objects.select_related("plan", "item").filter(plan=self.plan)
        }
        live_by_item: dict[int, list[Measure]] = {}
        for measure in saved_measures.values():
            if measure.archived_on is None:
                live_by_item.setdefault(measure.item_id, []).append(measure)
        for record in self.records:
            self.where = f"items[{self.index[record['id']]}]"
            kept: set[int] = set()
            for position, data in enumerate(record.get("measures") or []):
                wanted = _measure_fields(data)
                measure = self.comparison.measure_matches.get((record["id"], position))
                if measure is None:
                    created = measure_create(
                        user=self.user,
                        item=self.fresh(record["id"]),
                        values=wanted,
                        key=data.get("id") or "",
                    )
                    _indicator_fields_keep(created, data)
                    self.created_measures[(record["id"], position)] = created
                    kept.add(created.pk)
                    continue
                kept.add(measure.pk)
                measure = saved_measures[measure.pk]
                if measure.archived_on is not None:
                    measure = measure_restore(user=self.user, measure=measure)
                saved = MeasureFields.of(measure)
                if any(
                    field_text(getattr(saved, n)) != field_text(getattr(wanted, n))
                    for n in MEASURE_LABELS
                ):
                    measure_change(
                        user=self.user,
                        measure=measure,
                        based_on_version=measure.version,
                        values=wanted,
                    )
            for measure in live_by_item.get(self.matches[record["id"]].pk, []):
                if measure.pk not in kept:
                    measure_archive(user=self.user, measure=measure, reason=reason)

    def period(self, key: str) -> ReportingPeriod:
        return ReportingPeriod.objects.get(plan=self.plan, key=key)

    def updates(self) -> None:
        statuses = {s.code: s for s in self.plan.status_scheme.statuses.all()}
        for record in self.comparison.new_updates:
            item = self.matches[record["item"]]
            period = self.period(record["period"])
            if ProgressUpdate.objects.filter(item=item, period=period).exists():
                continue  # never overwritten
            update = ProgressUpdate(
                item=item,
                period=period,
                status=statuses.get(record.get("status") or ""),
                status_text=record.get("status_text", "") or "",
                percent_complete=number_in(record.get("progress")),
                commentary=record.get("commentary", "") or "",
                next_steps=record.get("next_steps", "") or "",
                forecast_status=statuses.get(record.get("forecast_status") or ""),
                author_name=record.get("author", "") or "",
                state=record.get("state") or ProgressUpdate.State.APPROVED,
                review_comment=record.get("review_comment", "") or "",
            )
            update.full_clean()
            update.save()

    def values(self) -> None:
        self._per_period_added(self.comparison.new_values, MeasureValue, _value_built)

    def filled(self) -> None:
        for ours, record in self.comparison.filled_values:
            value = MeasureValue.objects.get(pk=ours.pk)
            if value.state != MeasureValue.State.NOT_YET_AVAILABLE:
                continue  # filled meanwhile: never overwritten
            value.value = number_in(record.get("value"))
            value.comparator = record.get("comparator") or ""
            value.text = record.get("text", "") or ""
            value.state = MeasureValue.State.AVAILABLE
            value.expected_on = None
            for name in ("numerator", "denominator"):
                setattr(value, name, number_in(record.get(name)))
            value.version += 1
            value.full_clean()
            value.save()

    def targets(self) -> None:
        self._per_period_added(self.comparison.new_targets, MeasureTarget, _target_built)

    def _per_period_added(
        self,
        records: list[dict[str, Any]],
        model: type[MeasureValue] | type[MeasureTarget],
        built: Callable[[Measure, ReportingPeriod, dict[str, Any]], Any],
    ) -> None:
        """A measure's figure or target for a period the plan does not hold yet, added; one
        it holds is never overwritten."""
        for record in records:
            spot = (record.get("_item") or "", record.get("_position", -1))
            measure = self.comparison.measure_matches.get(spot) or self.created_measures.get(spot)
            if measure is None:
                continue
            period = self.period(record["period"])
            if model.objects.filter(measure=measure, period=period).exists():
                continue  # never overwritten
            row = built(measure, period, record)
            row.full_clean()
            row.save()


def _value_built(measure: Measure, period: ReportingPeriod, record: dict[str, Any]) -> MeasureValue:
    return MeasureValue(
        measure=measure,
        period=period,
        value=number_in(record.get("value")),
        comparator=record.get("comparator") or "",
        text=record.get("text", "") or "",
        note=record.get("note", "") or "",
        state=record.get("state") or MeasureValue.State.AVAILABLE,
        expected_on=_date(record.get("expected_on")),
        numerator=number_in(record.get("numerator")),
        denominator=number_in(record.get("denominator")),
        reported_status=record.get("reported_status") or "",
        reported_status_text=record.get("reported_status_text", "") or "",
        reported_trend=record.get("reported_trend", "") or "",
    )


def _target_built(
    measure: Measure, period: ReportingPeriod, record: dict[str, Any]
) -> MeasureTarget:
    data = record["target"]
    return MeasureTarget(
        measure=measure,
        period=period,
        text=data.get("text", "") or "",
        value=number_in(data.get("value")),
        comparator=data.get("comparator") or "",
        upper_value=number_in(data.get("upper_value")),
        reason=data.get("reason", "") or "",
    )
