"""Every act that writes history for a plan bumps the plan's revision in the same transaction,
noting the one item it was about when it was about one item only (plans.revisions)."""

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from councilplan.history.models import ChangeRecord
from councilplan.history.signals import plans_changed
from councilplan.plans.models import Plan, PlanRevisionItem
from councilplan.plans.revisions import item_touched
from councilplan.plans.services import plan_revision_bump


@receiver(plans_changed)
def plan_revision_bump_on_change(
    sender: Any,
    plan_ids: set[int],
    record: ChangeRecord | None = None,
    instance: Any = None,
    **kwargs: Any,
) -> None:
    item_id = (
        item_touched(record=record, instance=instance)
        if record is not None and len(plan_ids) == 1
        else None
    )
    plan_revision_bump(plan_ids=plan_ids, item_id=item_id)


@receiver(post_delete, sender=Plan)
def plan_revision_notes_delete(sender: Any, instance: Plan, **kwargs: Any) -> None:
    """A deleted plan's notes go with it, also those its own deletion wrote (an item's
    updates and roles deleted with it note the item) after its notes were collected."""
    PlanRevisionItem.objects.filter(plan_id=instance.pk).delete()
