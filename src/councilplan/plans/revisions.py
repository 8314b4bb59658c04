"""What a bump of a plan's revision was about: one item, or something else. A kept plan
position of an earlier revision is brought up to date by working out again only the items
that the revisions since were about (and those above them); a revision about anything else
(the plan's settings, its periods, its tree, a risk, a status word, a person, an import)
has it worked out whole."""

from typing import Any

from councilplan.history.models import ChangeRecord
from councilplan.plans.models import (
    ItemRole,
    Measure,
    MeasureTarget,
    MeasureValue,
    PlanItem,
    PlanRevisionItem,
    ProgressUpdate,
)

# Fields of an item that place it in the tree, name it elsewhere (a risk prints its items'
# references) or take it out of the plan: a change to one of them is not about the item alone.
ITEM_SHAPE_FIELDS = frozenset({"plan", "parent", "key", "ref", "depth", "position", "archived_on"})
# The same for a measure: its place among the plan's measures and the item it measures.
MEASURE_SHAPE_FIELDS = frozenset({"plan", "item", "key", "position", "archived_on"})


def item_touched(*, record: ChangeRecord, instance: Any) -> int | None:
    """The id of the one item a change is about (its own fields but those that shape the
    tree, its updates, roles, measures' fields and figures), else None."""
    updated = record.action == ChangeRecord.Action.UPDATED
    changed = set(record.changes) if updated else set()
    if isinstance(instance, PlanItem):
        return instance.pk if updated and not changed & ITEM_SHAPE_FIELDS else None
    if isinstance(instance, ProgressUpdate | ItemRole):
        return instance.item_id
    if isinstance(instance, Measure):
        return instance.item_id if updated and not changed & MEASURE_SHAPE_FIELDS else None
    if isinstance(instance, MeasureValue | MeasureTarget):
        return (
            Measure.objects.filter(pk=instance.measure_id).values_list("item_id", flat=True).first()
        )
    return None


def items_changed_between(*, plan_id: int, since: int, until: int) -> set[int] | None:
    """The ids of the items that the plan's revisions after `since` up to `until` were
    about; None when one of them was about something else (or is no longer noted), or
    `until` is before `since`: the plan must then be worked out whole. One query."""
    if until < since:
        return None
    notes = PlanRevisionItem.objects.filter(
        plan_id=plan_id, revision__gt=since, revision__lte=until
    ).values_list("revision", "item_id")
    items: set[int] = set()
    revisions: set[int] = set()
    for revision, item_id in notes:
        revisions.add(revision)
        items.add(item_id)
    return items if len(revisions) == until - since else None
