"""Edits to a plan after import, one function per act.

Each act checks permission (`Action.EDIT_PLAN`), locks the row it changes, refuses an edit
based on an older version (StaleEditError, never a silent overwrite), validates, saves in
one transaction and is recorded in the plan's history by the tracked models, with the reason
where one is given. Nothing here deletes: items and measures are archived and restored.

Published snapshots are copies, so an edit never changes what was published; a reporting
period that has been opened or has updates is never removed.
"""

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from councilplan.accounts.permissions import Action, permission_check
from councilplan.accounts.selectors import person_name
from councilplan.cycle.errors import FieldDifference
from councilplan.domain.quantities import actual_parse, target_parse
from councilplan.domain.wording import cut_at_word, field_text
from councilplan.editing.errors import (
    ALREADY_ARCHIVED_ERROR,
    ARCHIVE_REASON_REQUIRED_ERROR,
    DUE_BEFORE_START_ERROR,
    DUPLICATE_REFERENCE_ERROR,
    GREEN_BEYOND_AMBER_ERROR,
    LEVEL_NAME_REQUIRED_ERROR,
    MOVE_OTHER_PLAN_ERROR,
    MOVE_UNDER_ARCHIVED_ERROR,
    MOVE_UNDER_ITSELF_ERROR,
    NAME_REQUIRED_ERROR,
    NOT_ARCHIVED_ERROR,
    PERIOD_IN_USE_ERROR,
    PERSON_OTHER_COUNCIL_ERROR,
    PERSON_REQUIRED_ERROR,
    RESTORE_PARENT_FIRST_ERROR,
    ROLE_ALREADY_HELD_ERROR,
    ROLE_REQUIRED_ERROR,
    TITLE_REQUIRED_ERROR,
    TOLERANCE_NEGATIVE_ERROR,
    TOLERANCE_RANGE_ERROR,
    WEIGHT_NEGATIVE_ERROR,
    EditError,
    StaleEditError,
    plan_title_and_dates_check,
)
from councilplan.editing.selectors import subtree_ids
from councilplan.history.context import acting_for
from councilplan.plans.models import (
    KEY_VALIDATOR,
    ItemRole,
    Measure,
    Party,
    Plan,
    PlanItem,
    ReportingPeriod,
)
from councilplan.plans.services import plan_levels_set, reporting_periods_ensure
from councilplan.plans.text_keys import KEY_MAX_LENGTH, key_unique

# Plan settings -------------------------------------------------------------------------


@dataclass
class PlanSettings:
    """What the plan settings page edits."""

    title: str
    kind: str
    description: str
    starts_on: date | None
    ends_on: date | None
    year_start_month: int
    period_months: int
    progress_rollup: str
    rag_rollup: str
    green_within_percent: Decimal
    amber_within_percent: Decimal
    tolerance_relative: bool
    level_names: list[str]

    @classmethod
    def of(cls, plan: Plan) -> "PlanSettings":
        return cls(
            title=plan.title,
            kind=plan.kind,
            description=plan.description,
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
            **plan.rules(),
            level_names=list(plan.levels.order_by("depth").values_list("name", flat=True)),
        )


PLAN_SETTING_LABELS = {
    "title": "Title",
    "kind": "Kind of plan",
    "description": "Description",
    "starts_on": "Starts on",
    "ends_on": "Ends on",
    "year_start_month": "Financial year starts in month",
    "period_months": "Months in a reporting period",
    "progress_rollup": "How progress adds up",
    "rag_rollup": "How status adds up",
    "green_within_percent": "Green within",
    "amber_within_percent": "Amber within",
    "tolerance_relative": "Bands are a percentage of the target",
    "level_names": "Level names",
}


def plan_settings_change(
    *, user: Any, plan: Plan, based_on_version: int, settings: PlanSettings
) -> list[ReportingPeriod]:
    """Change the plan's settings; returns the reporting periods the new dates or calendar
    added. A period that has been opened or has updates is never removed: a change that would
    leave one outside the plan is refused."""
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    _plan_settings_validate(settings)
    with acting_for(user), transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
        if locked.version != based_on_version:
            saved = PlanSettings.of(locked)
            raise stale_refusal(
                locked,
                "plan",
                (
                    (label, getattr(saved, name), getattr(settings, name))
                    for name, label in PLAN_SETTING_LABELS.items()
                ),
            )
        before = {period.pk for period in locked.periods.all()}
        for name in PLAN_SETTING_LABELS:
            if name != "level_names":
                setattr(locked, name, getattr(settings, name))
        _periods_outside_refuse(locked)
        locked.version += 1
        locked.full_clean()
        locked.save()
        if settings.level_names != PlanSettings.of(locked).level_names:
            plan_levels_set(plan=locked, names=settings.level_names)
        added = [p for p in reporting_periods_ensure(plan=locked) if p.pk not in before]
    plan.refresh_from_db()
    return added


def _plan_settings_validate(settings: PlanSettings) -> None:
    settings.title = settings.title.strip()
    plan_title_and_dates_check(settings.title, settings.starts_on, settings.ends_on)
    _bands_validate(settings)
    names = [name.strip() for name in settings.level_names]
    while names and not names[-1]:
        names.pop()
    if not names or not all(names):
        raise EditError(LEVEL_NAME_REQUIRED_ERROR, field="level_names")
    settings.level_names = names


def _bands_validate(settings: PlanSettings) -> None:
    """Each band 0 or more (at most 100 when a percentage of the target); green inside amber."""
    top = Decimal(100) if settings.tolerance_relative else None
    for name in ("green_within_percent", "amber_within_percent"):
        value = getattr(settings, name)
        if value < 0 or (top is not None and value > top):
            raise EditError(
                TOLERANCE_RANGE_ERROR if top is not None else TOLERANCE_NEGATIVE_ERROR, field=name
            )
    if settings.green_within_percent > settings.amber_within_percent:
        raise EditError(GREEN_BEYOND_AMBER_ERROR, field="green_within_percent")


def _periods_outside_refuse(plan: Plan) -> None:
    """Refuse new dates that would leave a period in use outside the plan's life span."""
    if plan.starts_on is None or plan.ends_on is None:
        return
    outside = plan.periods.exclude(starts_on__lte=plan.ends_on, ends_on__gte=plan.starts_on)
    for period in outside:
        if period.state != ReportingPeriod.State.PLANNED or period.updates.exists():
            raise EditError(PERIOD_IN_USE_ERROR.format(period=period.label), field="starts_on")


# Items ---------------------------------------------------------------------------------


@dataclass
class ItemFields:
    """An item's own fields, as the item form edits them."""

    title: str
    ref: str = ""
    description: str = ""
    outcome: str = ""
    resources: str = ""
    timescale_text: str = ""
    start_date: date | None = None
    due_date: date | None = None
    open_ended: bool = False
    weight: Decimal = Decimal(1)
    is_public: bool = True

    @classmethod
    def of(cls, item: PlanItem) -> "ItemFields":
        return cls(**{f.name: getattr(item, f.name) for f in fields(cls)})


ITEM_FIELD_LABELS = {
    "title": "Title",
    "ref": "Reference",
    "description": "Description",
    "outcome": "Desired outcome",
    "resources": "Resources and constraints",
    "timescale_text": "Timescale as printed",
    "start_date": "Start date",
    "due_date": "Due date",
    "open_ended": "Ongoing",
    "weight": "Weight",
    "is_public": "Published",
}


def item_create(
    *, user: Any, plan: Plan, parent: PlanItem | None, values: ItemFields, key: str = ""
) -> PlanItem:
    """Add an item at the end of `parent`'s children (or of the top level); its identifier
    is `key` where given and free (a re-imported document's own), else made from its words."""
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    if parent is not None:
        _parent_must_be_live(plan, parent)
    _item_fields_validate(values)
    with acting_for(user), transaction.atomic():
        _reference_unique_among_siblings(plan, parent, values.ref, exclude_id=None)
        item = PlanItem(
            plan=plan,
            parent=parent,
            depth=0 if parent is None else parent.depth + 1,
            position=_next_position(plan, parent),
            key=_key_free(key, _item_keys(plan))
            or key_unique(values.ref or values.title, taken=_item_keys(plan)),
            **{f.name: getattr(values, f.name) for f in fields(ItemFields)},
        )
        item.full_clean()
        item.save()
    return item


def item_change(
    *, user: Any, item: PlanItem, based_on_version: int, values: ItemFields
) -> PlanItem:
    """Change an item's own fields."""
    permission_check(user, Action.EDIT_PLAN, plan=item.plan)
    _item_fields_validate(values)
    with acting_for(user), transaction.atomic():
        locked = _item_locked(item)
        if locked.version != based_on_version:
            saved = ItemFields.of(locked)
            raise stale_refusal(
                locked,
                "item",
                (
                    (label, getattr(saved, name), getattr(values, name))
                    for name, label in ITEM_FIELD_LABELS.items()
                ),
            )
        if values.ref and values.ref != locked.ref:
            _reference_unique_among_siblings(
                locked.plan, locked.parent, values.ref, exclude_id=locked.pk
            )
        for f in fields(ItemFields):
            setattr(locked, f.name, getattr(values, f.name))
        return _save_next_version(locked)


def item_move(*, user: Any, item: PlanItem, parent: PlanItem | None) -> PlanItem:
    """Move an item (with everything below it) to the end of another parent's children, or
    to the top level."""
    plan = item.plan
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    if parent is not None:
        if parent.plan_id != plan.pk:
            raise EditError(MOVE_OTHER_PLAN_ERROR, field="parent")
        if parent.pk in subtree_ids(item):
            raise EditError(MOVE_UNDER_ITSELF_ERROR, field="parent")
        if parent.archived_on is not None:
            raise EditError(MOVE_UNDER_ARCHIVED_ERROR, field="parent")
    with acting_for(user), transaction.atomic():
        locked = _item_locked(item)
        if locked.parent_id == (parent.pk if parent else None):
            return locked
        if locked.ref:
            _reference_unique_among_siblings(plan, parent, locked.ref, exclude_id=locked.pk)
        shift = (0 if parent is None else parent.depth + 1) - locked.depth
        locked.parent = parent
        locked.position = _next_position(plan, parent)
        locked.depth += shift
        _save_next_version(locked)
        if shift:
            for descendant in PlanItem.objects.filter(pk__in=subtree_ids(locked) - {locked.pk}):
                descendant.depth += shift
                descendant.save(update_fields=["depth", "modified_on", "modified_by"])
    return locked


def item_reorder(*, user: Any, item: PlanItem, step: int) -> PlanItem:
    """Swap an item with its sibling before it (`step` -1) or after it (`step` +1)."""
    permission_check(user, Action.EDIT_PLAN, plan=item.plan)
    with acting_for(user), transaction.atomic():
        locked = _item_locked(item)
        siblings = list(
            PlanItem.objects.select_for_update(of=("self",))
            .filter(plan=locked.plan_id, parent=locked.parent_id, archived_on=None)
            .order_by("position", "pk")
        )
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == locked.pk)
        other = index + (1 if step > 0 else -1)
        if not 0 <= other < len(siblings):
            return locked
        siblings[index], siblings[other] = siblings[other], siblings[index]
        # Number the siblings afresh: imported positions may be shared or have gaps.
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                sibling.position = position
                sibling.save(update_fields=["position", "modified_on", "modified_by"])
    locked.refresh_from_db()
    return locked


def item_archive(*, user: Any, item: PlanItem, reason: str) -> int:
    """Archive an item, everything below it and their measures, with the reason; returns
    how many items were archived. Updates, values and history stay, readable."""
    permission_check(user, Action.EDIT_PLAN, plan=item.plan)
    reason = reason_required(reason)
    with acting_for(user, reason=reason), transaction.atomic():
        locked = _item_locked(item)
        if locked.archived_on is not None:
            raise EditError(ALREADY_ARCHIVED_ERROR.format(thing=_named(locked)))
        now = timezone.now()
        items = list(
            PlanItem.objects.filter(pk__in=subtree_ids(locked), archived_on=None).order_by("depth")
        )
        for record in [*items, *Measure.objects.filter(item__in=items, archived_on=None)]:
            _archive(record, now, reason)
    return len(items)


def item_restore(*, user: Any, item: PlanItem) -> int:
    """Restore an archived item with what was archived with it (the items below and their
    measures, archived at the same moment); returns how many items were restored."""
    permission_check(user, Action.EDIT_PLAN, plan=item.plan)
    with acting_for(user), transaction.atomic():
        locked = _item_locked(item)
        if locked.archived_on is None:
            raise EditError(NOT_ARCHIVED_ERROR.format(thing=_named(locked)))
        parent = locked.parent
        if parent is not None and parent.archived_on is not None:
            raise EditError(RESTORE_PARENT_FIRST_ERROR.format(parent=_named(parent)))
        moment = locked.archived_on
        items = list(PlanItem.objects.filter(pk__in=subtree_ids(locked), archived_on=moment))
        for record in [*items, *Measure.objects.filter(item__in=items, archived_on=moment)]:
            _restore(record)
    return len(items)


def _item_fields_validate(values: ItemFields) -> None:
    values.title = values.title.strip()
    values.ref = values.ref.strip()
    if not values.title:
        raise EditError(TITLE_REQUIRED_ERROR, field="title")
    if values.start_date and values.due_date and values.due_date < values.start_date:
        raise EditError(DUE_BEFORE_START_ERROR, field="due_date")
    if values.weight < 0:
        raise EditError(WEIGHT_NEGATIVE_ERROR, field="weight")


def _reference_unique_among_siblings(
    plan: Plan, parent: PlanItem | None, ref: str, *, exclude_id: int | None
) -> None:
    if not ref:
        return
    siblings = PlanItem.objects.filter(plan=plan, parent=parent, archived_on=None, ref=ref)
    if siblings.exclude(pk=exclude_id).exists():
        raise EditError(DUPLICATE_REFERENCE_ERROR.format(ref=ref), field="ref")


def _parent_must_be_live(plan: Plan, parent: PlanItem) -> None:
    if parent.plan_id != plan.pk:
        raise EditError(MOVE_OTHER_PLAN_ERROR, field="parent")
    if parent.archived_on is not None:
        raise EditError(MOVE_UNDER_ARCHIVED_ERROR, field="parent")


def _item_locked(item: PlanItem) -> PlanItem:
    return (
        PlanItem.objects.select_for_update(of=("self",))
        .select_related("plan", "parent", "modified_by")
        .get(pk=item.pk)
    )


def _next_position(plan: Plan, parent: PlanItem | None) -> int:
    highest = PlanItem.objects.filter(plan=plan, parent=parent).aggregate(Max("position"))
    last = highest["position__max"]
    return 0 if last is None else last + 1


def _item_keys(plan: Plan) -> set[str]:
    return set(PlanItem.objects.filter(plan=plan).values_list("key", flat=True))


# People in roles -----------------------------------------------------------------------


def item_role_add(
    *,
    user: Any,
    item: PlanItem,
    role: str,
    party: Party | None = None,
    new_person_name: str = "",
    new_person_email: str = "",
) -> ItemRole:
    """Name a person (one of the council's, or a new one) in a role on an item."""
    plan = item.plan
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    role = role.strip()
    if not role:
        raise EditError(ROLE_REQUIRED_ERROR, field="role")
    if party is None and not new_person_name.strip():
        raise EditError(PERSON_REQUIRED_ERROR, field="party")
    if party is not None and party.organisation_id != plan.organisation_id:
        raise EditError(PERSON_OTHER_COUNCIL_ERROR, field="party")
    with acting_for(user), transaction.atomic():
        if party is None:
            party = _party_found_or_created(plan, new_person_name.strip(), new_person_email)
        if ItemRole.objects.filter(item=item, role=role, party=party).exists():
            raise EditError(ROLE_ALREADY_HELD_ERROR.format(person=party.name), field="party")
        highest = ItemRole.objects.filter(item=item, role=role).aggregate(Max("position"))
        last = highest["position__max"]
        held = ItemRole(item=item, role=role, party=party, position=0 if last is None else last + 1)
        held.full_clean()
        held.save()
    return held


def item_role_remove(*, user: Any, held: ItemRole) -> None:
    """Take a person out of a role on an item (the history keeps that they held it)."""
    permission_check(user, Action.EDIT_PLAN, plan=held.item.plan)
    with acting_for(user), transaction.atomic():
        held.delete()


def _party_found_or_created(plan: Plan, name: str, email: str) -> Party:
    existing = Party.objects.filter(
        organisation=plan.organisation_id, name__iexact=name, archived_on=None
    ).first()
    if existing is not None:
        return existing
    party = Party(organisation=plan.organisation, name=name, email=email.strip())
    party.full_clean()
    party.save()
    return party


# Measures ------------------------------------------------------------------------------


@dataclass
class MeasureFields:
    """A measure's own fields, as the measure form edits them."""

    name: str
    unit: str = ""
    polarity: str = Measure.Polarity.HIGHER
    frequency: str = Measure.Frequency.QUARTERLY
    baseline_text: str = ""
    target_text: str = ""

    @classmethod
    def of(cls, measure: Measure) -> "MeasureFields":
        return cls(**{f.name: getattr(measure, f.name) for f in fields(cls)})


MEASURE_FIELD_LABELS = {
    "name": "Name",
    "unit": "Unit",
    "polarity": "Which way is better",
    "frequency": "How often it is measured",
    "baseline_text": "Baseline",
    "target_text": "Target",
}


def measure_create(*, user: Any, item: PlanItem, values: MeasureFields, key: str = "") -> Measure:
    """Add a measure to an item; the baseline and target are read as figures where they
    are figures (`75%`, `£3.3m`, `at least 12`), and kept as written either way. Its
    identifier is `key` where given and free, else made from the item's and its name."""
    plan = item.plan
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    _measure_fields_validate(values)
    with acting_for(user), transaction.atomic():
        taken = set(Measure.objects.filter(plan=plan).values_list("key", flat=True))
        highest = Measure.objects.filter(item=item).aggregate(Max("position"))
        last = highest["position__max"]
        measure = Measure(
            plan=plan,
            item=item,
            key=_key_free(key, taken) or key_unique(f"{item.key} {values.name[:40]}", taken=taken),
            position=0 if last is None else last + 1,
        )
        _measure_fields_apply(measure, values)
        measure.full_clean()
        measure.save()
    return measure


def measure_change(
    *, user: Any, measure: Measure, based_on_version: int, values: MeasureFields
) -> Measure:
    permission_check(user, Action.EDIT_PLAN, plan=measure.plan)
    _measure_fields_validate(values)
    with acting_for(user), transaction.atomic():
        locked = (
            Measure.objects.select_for_update(of=("self",))
            .select_related("modified_by")
            .get(pk=measure.pk)
        )
        if locked.version != based_on_version:
            saved = MeasureFields.of(locked)
            raise stale_refusal(
                locked,
                "measure",
                (
                    (label, getattr(saved, name), getattr(values, name))
                    for name, label in MEASURE_FIELD_LABELS.items()
                ),
            )
        _measure_fields_apply(locked, values)
        return _save_next_version(locked)


def measure_archive(*, user: Any, measure: Measure, reason: str) -> Measure:
    permission_check(user, Action.EDIT_PLAN, plan=measure.plan)
    reason = reason_required(reason)
    with acting_for(user, reason=reason), transaction.atomic():
        locked = Measure.objects.select_for_update(of=("self",)).get(pk=measure.pk)
        if locked.archived_on is not None:
            raise EditError(ALREADY_ARCHIVED_ERROR.format(thing=cut_at_word(locked.name, 80)))
        _archive(locked, timezone.now(), reason)
    return locked


def measure_restore(*, user: Any, measure: Measure) -> Measure:
    permission_check(user, Action.EDIT_PLAN, plan=measure.plan)
    with acting_for(user), transaction.atomic():
        locked = (
            Measure.objects.select_for_update(of=("self",))
            .select_related("item")
            .get(pk=measure.pk)
        )
        if locked.archived_on is None:
            raise EditError(NOT_ARCHIVED_ERROR.format(thing=cut_at_word(locked.name, 80)))
        if locked.item.archived_on is not None:
            raise EditError(RESTORE_PARENT_FIRST_ERROR.format(parent=_named(locked.item)))
        _restore(locked)
    return locked


def _measure_fields_validate(values: MeasureFields) -> None:
    values.name = values.name.strip()
    if not values.name:
        raise EditError(NAME_REQUIRED_ERROR, field="name")


def _measure_fields_apply(measure: Measure, values: MeasureFields) -> None:
    for f in fields(MeasureFields):
        setattr(measure, f.name, getattr(values, f.name).strip())
    # Read as the importer reads them: a baseline is a figure, a target may say which way.
    baseline = actual_parse(measure.baseline_text)
    measure.baseline_value = baseline.value
    measure.baseline_comparator = baseline.comparator
    target = target_parse(measure.target_text)
    measure.target_value = target.value
    measure.target_comparator = target.comparator if target.value is not None else ""


# Shared --------------------------------------------------------------------------------


def _key_free(key: str, taken: set[str]) -> str:
    """`key` if it is a valid identifier no other record of the plan has, else ""."""
    if not key or key in taken or len(key) > KEY_MAX_LENGTH:
        return ""
    try:
        KEY_VALIDATOR(key)
    except ValidationError:
        return ""
    return key


def reason_required(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise EditError(ARCHIVE_REASON_REQUIRED_ERROR, field="reason")
    return reason[:500]


def _archive(record: Any, moment: Any, reason: str) -> None:
    record.archived_on = moment
    record.archived_reason = reason
    record.save()


def _restore(record: Any) -> None:
    record.archived_on = None
    record.archived_reason = ""
    record.save()


def _named(item: PlanItem) -> str:
    return f"{item.ref} {cut_at_word(item.title, 80)}".strip()


def _save_next_version(record: Any) -> Any:
    record.version += 1
    record.full_clean()
    record.save()
    return record


def _differences(pairs: Iterable[tuple[str, Any, Any]]) -> list[FieldDifference]:
    found = []
    for label, theirs, yours in pairs:
        theirs_text = field_text(theirs, month="%B")
        yours_text = field_text(yours, month="%B")
        if theirs_text != yours_text:
            found.append(FieldDifference(field=label, theirs=theirs_text, yours=yours_text))
    return found


def stale_refusal(record: Any, thing: str, pairs: Iterable[tuple[str, Any, Any]]) -> StaleEditError:
    """The refusal of an edit based on an older version of `record`: who saved it and
    when, and each field (label, saved now, yours) where the two differ."""
    who = "someone else"
    if record.modified_by is not None:
        who = person_name(record.modified_by)
    when = timezone.localtime(record.modified_on).strftime("%-d %B %Y %H:%M")
    return StaleEditError(
        thing=thing,
        differences=_differences(pairs),
        who=who,
        when=when,
        current_version=record.version,
    )


# The plan itself -----------------------------------------------------------------------


def plan_archive(*, user: Any, plan: Plan, reason: str) -> Plan:
    """Take a whole plan off the working pages, with the reason. Nothing is deleted: its
    items, updates, published snapshots and history stay, and it can be restored."""
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    reason = reason_required(reason)
    with acting_for(user, reason=reason), transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
        if locked.archived_on is not None:
            raise EditError(ALREADY_ARCHIVED_ERROR.format(thing=locked.title))
        _archive(locked, timezone.now(), reason)
    return locked


def plan_restore(*, user: Any, plan: Plan) -> Plan:
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    with acting_for(user), transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
        if locked.archived_on is None:
            raise EditError(NOT_ARCHIVED_ERROR.format(thing=locked.title))
        _restore(locked)
    return locked
