"""Signal handlers that turn saves and deletes of tracked records into ChangeRecords."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from councilplan.history.models import TrackedModel
from councilplan.history.services import change_record_create


@receiver(post_save)
def record_save(
    sender: type, instance: Any, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw or not isinstance(instance, TrackedModel):
        return
    new_state = instance.history_state()
    if created:
        change_record_create(instance=instance, action="created", changes=new_state)
    else:
        old_state = getattr(instance, "_history_snapshot", None) or {}
        changes = {
            name: [old_state.get(name), value]
            for name, value in new_state.items()
            if name in old_state and old_state[name] != value
        }
        if changes:
            change_record_create(instance=instance, action="updated", changes=changes)
    instance._history_snapshot = new_state


@receiver(post_delete)
def record_delete(sender: type, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, TrackedModel):
        change_record_create(instance=instance, action="deleted", changes=instance.history_state())
