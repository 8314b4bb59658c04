"""Every change to a tracked record is kept: who, when, what, and the old value."""

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from councilplan.history.context import current_actor


class ChangeRecord(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        DELETED = "deleted", "Deleted"
        ARCHIVED = "archived", "Archived"
        EVENT = "event", "Event"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    plan_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    # {field: [old, new]} for updates; {field: value} for creations and deletions.
    changes = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_name = models.CharField(max_length=150)
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.object_repr} at {self.at:%Y-%m-%d %H:%M}"


def _person_who_acted() -> Any:
    """The user who created or last changed a tracked record; kept as nobody if they go."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )


class TrackedModel(models.Model):
    """Base for every record whose changes must be kept.

    Records who created and last modified it, and (through history.receivers)
    writes a ChangeRecord with the old and new value of each changed field.
    """

    created_on = models.DateTimeField(default=timezone.now, editable=False)
    created_by = _person_who_acted()
    modified_on = models.DateTimeField(default=timezone.now, editable=False)
    modified_by = _person_who_acted()

    # Fields whose changes are not worth a history line.
    history_ignored_fields: ClassVar[frozenset[str]] = frozenset(
        {"created_on", "created_by", "modified_on", "modified_by", "version"}
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        actor = current_actor()
        now = timezone.now()
        if self._state.adding and actor.user is not None and self.created_by_id is None:
            self.created_by = actor.user
        self.modified_on = now
        if actor.user is not None:
            self.modified_by = actor.user
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "modified_on", "modified_by"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, **kwargs: Any) -> "TrackedModel":
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._history_snapshot = instance.history_state()
        return instance

    def history_state(self) -> dict[str, Any]:
        state = {}
        for field in self._meta.concrete_fields:
            if field.name in self.history_ignored_fields:
                continue
            if field.attname not in self.__dict__:
                continue  # deferred field: not loaded, cannot have been changed here
            state[field.name] = field.value_to_string(self)
        return state

    def history_plan_id(self) -> int | None:
        """The plan this record belongs to, so a plan's history can be listed."""
        return getattr(self, "plan_id", None)

    def history_changed_plan_ids(self) -> set[int]:
        """The plans that read differently when this record changes (their revision is
        bumped): its own plan, or for records shared by plans (status words, people) theirs."""
        plan_id = self.history_plan_id()
        return set() if plan_id is None else {plan_id}
