from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from councilplan.history.models import ChangeRecord


def change_record_list_for(*, instance: models.Model) -> QuerySet[ChangeRecord]:
    """Every change to one record, newest first."""
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).select_related("actor")


def change_record_list_for_updates(*, update_ids: Iterable[int]) -> QuerySet[ChangeRecord]:
    """Every change to these progress updates."""
    return ChangeRecord.objects.filter(
        content_type__app_label="plans",
        content_type__model="progressupdate",
        object_id__in=[str(pk) for pk in update_ids],
    ).select_related("actor")


def field_changes_since(
    *,
    plan_id: int,
    model: type[models.Model],
    field: str,
    since: datetime,
    object_ids: Collection[int] | None = None,
) -> list[tuple[str, Any]]:
    """(object id, changes) of each edit to `field` of the plan's `model` records after
    `since` (only of `object_ids` when given), oldest first."""
    found = ChangeRecord.objects.filter(
        plan_id=plan_id,
        content_type=ContentType.objects.get_for_model(model),
        action=ChangeRecord.Action.UPDATED,
        at__gt=since,
        changes__has_key=field,
    )
    if object_ids is not None:
        found = found.filter(object_id__in=[str(object_id) for object_id in object_ids])
    return list(found.order_by("at", "id").values_list("object_id", "changes"))


def events_latest(*, instance: models.Model, event: str, limit: int = 3) -> list[ChangeRecord]:
    """The last few times an audited act (`event_record`) happened to one record, newest
    first."""
    found = change_record_list_for(instance=instance).filter(
        action=ChangeRecord.Action.EVENT, changes__event=event
    )
    return list(found.order_by("-at", "-pk")[:limit])
