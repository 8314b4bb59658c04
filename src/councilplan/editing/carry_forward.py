"""Start next year's plan from this one.

Councils roll their plan on each April: most actions continue, some finished, a few are
new. The new plan is a copy of the tree (optionally only what is unfinished, with the items
above it), with measures and the people in roles if asked; each copied item links to the
item it came from, and says whether that one was unfinished, so the two years read both
ways. The old plan is left as it was, readable, with its updates and publications.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from councilplan.accounts.permissions import Action, permission_check
from councilplan.editing.errors import (
    plan_title_and_dates_check,
)
from councilplan.history.context import acting_for
from councilplan.plans.models import (
    ItemRole,
    Measure,
    Plan,
    PlanItem,
    PlanLevel,
    ProgressUpdate,
)
from councilplan.plans.services import reporting_periods_ensure, unique_slug

_YEAR_SPAN = re.compile(r"\b(20\d{2})\s*([/\-–])\s*(\d{2}|20\d{2})\b")


@dataclass
class CarryForward:
    """What the officer chose on the "Start next year's plan" page."""

    title: str
    starts_on: date | None
    ends_on: date | None
    unfinished_only: bool = False
    measures: bool = True
    people: bool = True


def carry_forward_proposed(plan: Plan) -> CarryForward:
    """The next year's title and dates, one year on: "Corporate plan 2024/25" becomes
    "Corporate plan 2025/26"; a plan without dates gets none."""
    return CarryForward(
        title=_title_next_year(plan.title),
        starts_on=_year_on(plan.starts_on),
        ends_on=_year_on(plan.ends_on),
    )


def _title_next_year(title: str) -> str:
    def next_span(match: re.Match[str]) -> str:
        first, separator, second = int(match[1]), match[2], match[3]
        following = int(second) + 1
        width = len(second)
        return f"{first + 1}{separator}{following % 10**width:0{width}d}"

    renamed, count = _YEAR_SPAN.subn(next_span, title, count=1)
    return renamed if count else f"{title} (next year)"


def _year_on(day: date | None) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def unfinished_item_ids(plan: Plan) -> set[int]:
    """Items whose latest approved update does not say complete (or that have none), and
    every item above one of them."""
    items = list(PlanItem.objects.filter(plan=plan, archived_on=None).values("id", "parent_id"))
    parents = {row["id"]: row["parent_id"] for row in items}
    has_children = {row["parent_id"] for row in items if row["parent_id"] is not None}
    latest: dict[int, bool] = {}
    updates = (
        ProgressUpdate.objects.filter(item__plan=plan, state=ProgressUpdate.State.APPROVED)
        .select_related("status")
        .order_by("period__starts_on")
    )
    for update in updates:
        finished = (update.status is not None and update.status.is_complete) or (
            update.percent_complete is not None and update.percent_complete >= 100
        )
        latest[update.item_id] = finished
    unfinished: set[int] = set()
    for item_id in parents:
        if item_id in has_children or latest.get(item_id, False):
            continue
        current: int | None = item_id
        while current is not None and current not in unfinished:
            unfinished.add(current)
            current = parents.get(current)
    return unfinished


def plan_carry_forward(*, user: Any, plan: Plan, choice: CarryForward) -> Plan:
    """Create next year's plan from `plan` as chosen; returns the new plan."""
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    choice.title = choice.title.strip()
    plan_title_and_dates_check(choice.title, choice.starts_on, choice.ends_on)
    with acting_for(user, reason=f"started from {plan.title}"), transaction.atomic():
        new = _plan_copy(plan, choice)
        unfinished = unfinished_item_ids(plan)
        copies = _items_copy(plan, new, unfinished, only_unfinished=choice.unfinished_only)
        if choice.measures:
            _measures_copy(plan, new, copies)
        if choice.people:
            _roles_copy(copies)
        reporting_periods_ensure(plan=new)
    return new


def _plan_copy(plan: Plan, choice: CarryForward) -> Plan:
    new = Plan(
        organisation=plan.organisation,
        slug=unique_slug(Plan, choice.title),
        title=choice.title,
        kind=plan.kind,
        description=plan.description,
        starts_on=choice.starts_on,
        ends_on=choice.ends_on,
        status_scheme=plan.status_scheme,
        follows=plan,
        **plan.rules(),
    )
    new.full_clean()
    new.save()
    for level in plan.levels.order_by("depth"):
        PlanLevel.objects.create(plan=new, depth=level.depth, name=level.name)
    return new


_ITEM_FIELDS = (
    "key",
    "ref",
    "depth",
    "position",
    "title",
    "description",
    "outcome",
    "resources",
    "timescale_text",
    "start_date",
    "due_date",
    "open_ended",
    "weight",
    "is_public",
)


def _items_copy(
    plan: Plan, new: Plan, unfinished: set[int], *, only_unfinished: bool
) -> dict[int, PlanItem]:
    """Copy the live items, parents first; returns {old item id: its copy}."""
    copies: dict[int, PlanItem] = {}
    for item in PlanItem.objects.filter(plan=plan, archived_on=None).order_by("depth", "position"):
        if only_unfinished and item.pk not in unfinished:
            continue
        if item.parent_id is not None and item.parent_id not in copies:
            continue  # under an item left behind
        copy = PlanItem(
            plan=new,
            parent=copies.get(item.parent_id) if item.parent_id else None,
            carried_from=item,
            carried_unfinished=item.pk in unfinished,
            **{name: getattr(item, name) for name in _ITEM_FIELDS},
        )
        copy.save()
        copies[item.pk] = copy
    return copies


def _measures_copy(plan: Plan, new: Plan, copies: dict[int, PlanItem]) -> None:
    fields = (
        "key",
        "name",
        "unit",
        "polarity",
        "frequency",
        "cumulative",
        "kind",
        "numerator",
        "denominator",
        "lag_periods",
        "tolerance_green_within_percent",
        "tolerance_amber_within_percent",
        "tolerance_relative",
        "source",
        "position",
        "baseline_text",
        "baseline_value",
        "baseline_comparator",
        "target_text",
        "target_value",
        "target_comparator",
    )
    for measure in Measure.objects.filter(plan=plan, archived_on=None, item_id__in=copies):
        Measure.objects.create(
            plan=new,
            item=copies[measure.item_id],
            **{name: getattr(measure, name) for name in fields},
        )


def _roles_copy(copies: dict[int, PlanItem]) -> None:
    for held in ItemRole.objects.filter(item_id__in=copies).order_by("pk"):
        ItemRole.objects.create(
            item=copies[held.item_id],
            role=held.role,
            party_id=held.party_id,
            position=held.position,
        )
