"""Reads behind the plan-editing pages."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from councilplan.accounts.permissions import Action, permission_has
from councilplan.domain.trees import tree_below
from councilplan.domain.wording import cut_at_word
from councilplan.plans.models import ItemRole, Measure, Party, Plan, PlanItem, Risk

MOVE_TARGET_INDENT = "\u2003"  # an em space per level, so the choices read as a tree


@dataclass(frozen=True)
class MoveTarget:
    pk: int
    label: str


def subtree_ids(item: PlanItem) -> set[int]:
    """The item and every item below it, archived or not, from one query."""
    pairs = PlanItem.objects.filter(plan=item.plan_id).values_list("id", "parent_id")
    return tree_below(pairs, [item.pk])


def move_targets(*, item: PlanItem) -> list[MoveTarget]:
    """Every live item the item may be moved under, in plan order, indented by level: not
    the item itself nor anything below it."""
    excluded = subtree_ids(item)
    rows = list(
        PlanItem.objects.filter(plan=item.plan_id, archived_on=None).values(
            "id", "parent_id", "ref", "title", "position"
        )
    )
    children: dict[int | None, list[dict]] = {}
    for row in rows:
        children.setdefault(row["parent_id"], []).append(row)
    targets: list[MoveTarget] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for row in sorted(children.get(parent_id, []), key=lambda r: (r["position"], r["id"])):
            if row["id"] in excluded:
                continue
            words = f"{row['ref']} {row['title']}".strip()
            label = cut_at_word(words, 90)
            targets.append(MoveTarget(row["id"], MOVE_TARGET_INDENT * depth + label))
            walk(row["id"], depth + 1)

    walk(None, 0)
    return targets


def people_choices(*, plan: Plan) -> list[tuple[str, str]]:
    """The council's people and teams, by name, for a role."""
    parties = Party.objects.filter(organisation=plan.organisation_id, archived_on=None)
    return [(str(pk), name) for pk, name in parties.order_by("name").values_list("pk", "name")]


def party_of(*, plan: Plan, party_id: str | None) -> Party | None:
    """The person or team of the plan's council with this id (none of another council)."""
    if not party_id or not str(party_id).isdigit():
        return None
    return Party.objects.filter(pk=int(party_id), organisation=plan.organisation_id).first()


def roles_in_use(*, plan: Plan) -> list[str]:
    """The roles the plan's items already name (imports bring their own, like `cmt_lead`)."""
    roles = ItemRole.objects.filter(item__plan=plan).values_list("role", flat=True)
    return sorted(set(roles))


@dataclass(frozen=True)
class ArchivedItem:
    item: PlanItem
    below: int  # items archived with it, under it


@dataclass(frozen=True)
class Archived:
    items: list[ArchivedItem]
    measures: list[Measure]
    risks: list[Risk]


def archived_for(*, plan: Plan) -> Archived:
    """What has been archived in the plan, newest first: each item archived on its own
    (with how many were archived under it), and each measure archived on its own."""
    archived = list(
        PlanItem.objects.filter(plan=plan)
        .exclude(archived_on=None)
        .select_related("parent")
        .order_by("-archived_on", "depth", "position")
    )
    moments: dict[int, datetime | None] = {item.pk: item.archived_on for item in archived}
    parents = {item.pk: item.parent_id for item in archived}
    tops = [
        item
        for item in archived
        if item.parent_id is None or moments.get(item.parent_id) != item.archived_on
    ]
    below: dict[int, int] = {top.pk: 0 for top in tops}
    for item in archived:
        ancestor = parents.get(item.pk)
        while ancestor is not None and ancestor in moments:
            if ancestor in below and moments[ancestor] == item.archived_on:
                below[ancestor] += 1
                break
            ancestor = parents.get(ancestor)
    measures = list(
        Measure.objects.filter(plan=plan, item__archived_on=None)
        .exclude(archived_on=None)
        .select_related("item")
        .order_by("-archived_on")
    )
    return Archived(
        items=[ArchivedItem(item=top, below=below[top.pk]) for top in tops],
        measures=measures,
        risks=list(
            Risk.objects.filter(plan=plan).exclude(archived_on=None).order_by("-archived_on")
        ),
    )


def risks_for_register(*, plan: Plan) -> list[Risk]:
    """The plan's live risks in the register's order, with mitigations and linked items."""
    return list(
        Risk.objects.filter(plan=plan, archived_on=None)
        .prefetch_related("mitigations", "items")
        .order_by("position", "pk")
    )


def plans_archived_for(*, user: Any) -> list[Plan]:
    """Archived plans the user may restore (those of the councils whose plans they edit)."""
    plans = Plan.objects.exclude(archived_on=None).select_related("organisation")
    return [
        plan
        for plan in plans.order_by("-archived_on")
        if permission_has(user, Action.EDIT_PLAN, plan=plan)
    ]
