from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from councilplan.history.context import current_actor
from councilplan.history.models import ChangeRecord
from councilplan.history.signals import plans_changed


def _record(instance: models.Model, action: str, changes: dict[str, Any]) -> ChangeRecord:
    actor = current_actor()
    plan_id = instance.history_plan_id() if hasattr(instance, "history_plan_id") else None
    return ChangeRecord(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        plan_id=plan_id,
        action=action,
        changes=changes,
        actor=actor.user,
        actor_name=actor.name[:150],
        reason=actor.reason[:500],
    )


def change_record_create(
    *, instance: models.Model, action: str, changes: dict[str, Any]
) -> ChangeRecord:
    """Write one history line for `instance`, attributed to the current actor."""
    record = _record(instance, action, changes)
    record.save()
    changed = getattr(instance, "history_changed_plan_ids", None)
    plans_announce(
        changed() if changed is not None else {record.plan_id}, record=record, instance=instance
    )
    return record


def change_record_bulk_create(*, instances: Iterable[models.Model], action: str) -> int:
    """History lines for records made with bulk_create (which sends no signals)."""
    records = [
        _record(instance, action, instance.history_state())  # type: ignore[attr-defined]
        for instance in instances
    ]
    ChangeRecord.objects.bulk_create(records, batch_size=500)
    # Records made in bulk are new: only their own plans can show them yet.
    plans_announce({record.plan_id for record in records})
    return len(records)


def plans_announce(
    plan_ids: Iterable[int | None],
    *,
    record: ChangeRecord | None = None,
    instance: models.Model | None = None,
) -> None:
    """Tell the receivers of `plans_changed` (plans/ bumps each plan's revision) that these
    plans have changed, with `record` the one change that did it (to `instance`) if any.
    Called for every history write; a service that changes a plan without writing history
    (a bulk move, a record that is not tracked) calls it itself."""
    changed = {plan_id for plan_id in plan_ids if plan_id is not None}
    if changed:
        plans_changed.send(sender=ChangeRecord, plan_ids=changed, record=record, instance=instance)


def event_record(*, instance: models.Model, event: str, details: dict[str, Any]) -> ChangeRecord:
    """An audited act that is not a field change (publishing, reopening, importing)."""
    return change_record_create(
        instance=instance, action=ChangeRecord.Action.EVENT, changes={"event": event, **details}
    )
