"""Every act that writes history for a plan bumps the plan's revision in the same transaction."""

from typing import Any

from django.dispatch import receiver

from councilplan.history.signals import plans_changed
from councilplan.plans.services import plan_revision_bump


@receiver(plans_changed)
def plan_revision_bump_on_change(sender: Any, plan_ids: set[int], **kwargs: Any) -> None:
    plan_revision_bump(plan_ids=plan_ids)
