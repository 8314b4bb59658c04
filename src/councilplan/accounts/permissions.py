"""Every permission decision in one place. Views, CLI and API call `permission_check`
on the server for every request; nothing relies on hiding links.

Roles (per organisation):
- administrator: everything in the organisation;
- performance officer: runs the cycle (periods, review, publish, import), keeps the plan
  itself up to date (settings, items, people, measures, archive and restore) and reads all;
- owner: reads all, and writes updates only for items where they hold a role, and those
  items' descendants;
- reader (councillors, managers): reads all, writes nothing;
- the public (anyone, signed in or not): only what has been published.

Services that the system itself runs (the demo loader, scheduled reminders, the CLI acting
for the operator) pass `SYSTEM_USER`, which may do everything; web views always pass
`request.user`, which is never `SYSTEM_USER`.
"""

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied

from councilplan.accounts.models import Membership, Role
from councilplan.domain.trees import tree_below
from councilplan.plans.models import ItemRole, Plan, PlanItem
from councilplan.plans.selectors import item_lineage_ids

NOT_ALLOWED_ERROR = "You do not have permission to do that."


class SystemUser:
    """The system acting on its own (demo loader, scheduled reminders, the operator's CLI)."""

    is_authenticated = False
    is_superuser = False
    pk = None

    def get_username(self) -> str:
        return "system"

    def __repr__(self) -> str:
        return "SYSTEM_USER"


SYSTEM_USER = SystemUser()


class Action(StrEnum):
    VIEW_PUBLISHED = "view_published"  # a plan's published snapshot: anyone, no sign-in
    VIEW_PLAN = "view_plan"  # the working (unpublished) plan, dashboards, reports
    UPDATE_ITEM = "update_item"  # write a progress update for an item
    RUN_CYCLE = "run_cycle"  # open/close periods, review, return, approve, publish, remind
    IMPORT_PLAN = "import_plan"
    EDIT_PLAN = "edit_plan"  # change the plan itself: settings, items, people, measures
    ADMINISTER = "administer"


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.ADMINISTRATOR: frozenset(Action),
    Role.PERFORMANCE_OFFICER: frozenset(
        {
            Action.VIEW_PUBLISHED,
            Action.VIEW_PLAN,
            Action.UPDATE_ITEM,
            Action.RUN_CYCLE,
            Action.IMPORT_PLAN,
            Action.EDIT_PLAN,
        }
    ),
    Role.OWNER: frozenset({Action.VIEW_PUBLISHED, Action.VIEW_PLAN, Action.UPDATE_ITEM}),
    Role.READER: frozenset({Action.VIEW_PUBLISHED, Action.VIEW_PLAN}),
}


def user_role(user: Any, organisation_id: int) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    cache = getattr(user, "_councilplan_roles", None)
    if cache is None:
        cache = dict(
            Membership.objects.filter(user=user, disabled_on=None).values_list(
                "organisation_id", "role"
            )
        )
        user._councilplan_roles = cache
    return cache.get(organisation_id)


def item_ids_owned_by(user: Any, plan: Plan) -> set[int]:
    """Items where the user holds any role, and all their descendants."""
    held = set(
        ItemRole.objects.filter(item__plan=plan, party__user=user).values_list("item_id", flat=True)
    )
    if not held:
        return set()
    return tree_below(plan.items.values_list("id", "parent_id"), held)


def plan_is_published(plan: Plan) -> bool:
    """Whether the plan has a published snapshot (so the public may see it). A reopened
    period keeps its snapshot: the public still see what was last published."""
    cached = getattr(plan, "_councilplan_published", None)
    if cached is None:
        cached = plan.archived_on is None and plan.snapshots.exists()  # no import of cycle
        plan._councilplan_published = cached
    return cached


def permission_has(user: Any, action: Action, *, plan: Plan, item: PlanItem | None = None) -> bool:
    if user is SYSTEM_USER:
        return True
    if action is Action.VIEW_PUBLISHED:
        return plan_is_published(plan) and (item is None or item.is_public)
    role = user_role(user, plan.organisation_id)
    if role is None or action not in ROLE_ACTIONS[role]:
        return False
    if action is Action.UPDATE_ITEM and role == Role.OWNER:
        return item is not None and item_owned_by(user, plan, item.pk)
    return True


def item_owned_by(user: Any, plan: Plan, item_id: int) -> bool:
    """Whether the user holds a role on the plan's item or on an item above it (as
    `item_ids_owned_by` has it), in one query whatever the plan's size."""
    lineage = item_lineage_ids(item_id=item_id)
    return ItemRole.objects.filter(item_id__in=lineage, item__plan=plan, party__user=user).exists()


def permission_check(
    user: Any, action: Action, *, plan: Plan, item: PlanItem | None = None
) -> None:
    """Raise PermissionDenied (HTTP 403) unless the user may do `action`."""
    if not permission_has(user, action, plan=plan, item=item):
        raise PermissionDenied(NOT_ALLOWED_ERROR)


def user_may_import(*, user: Any) -> bool:
    """Whether the user may import a plan into at least one organisation."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = Membership.objects.filter(user=user, disabled_on=None).values_list("role", flat=True)
    return any(Action.IMPORT_PLAN in ROLE_ACTIONS.get(role, ()) for role in roles)


def user_may_import_into(*, user: Any, organisation_name: str) -> bool:
    """Whether the user may import a plan for the named organisation. A new organisation
    can only be created by a superuser."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    role = (
        Membership.objects.filter(user=user, disabled_on=None, organisation__name=organisation_name)
        .values_list("role", flat=True)
        .first()
    )
    return role is not None and Action.IMPORT_PLAN in ROLE_ACTIONS.get(role, ())
