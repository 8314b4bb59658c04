"""permission_has for each role, the public and the system (the matrix test covers the views)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from councilplan.accounts.permissions import SYSTEM_USER, Action, permission_has
from councilplan.cycle import services
from councilplan.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    from tests.cycle.world import cycle_world

    return cycle_world()


def test_the_public_see_a_plan_only_once_a_period_is_published_and_after_it_is_reopened(world):
    anyone = AnonymousUser()
    assert not permission_has(anyone, Action.VIEW_PUBLISHED, plan=world.plan)
    q1 = services.period_open(user=SYSTEM_USER, period=world.period("2024-Q1"))
    services.period_publish(user=SYSTEM_USER, period=q1)
    plan = Plan.objects.get(pk=world.plan.pk)  # the answer is cached on the instance
    assert permission_has(anyone, Action.VIEW_PUBLISHED, plan=plan)
    assert not permission_has(anyone, Action.VIEW_PUBLISHED, plan=plan, item=world.item("A2"))
    services.period_reopen(user=SYSTEM_USER, period=q1, reason="Correction")
    plan = Plan.objects.get(pk=world.plan.pk)
    assert permission_has(anyone, Action.VIEW_PUBLISHED, plan=plan)
    assert not permission_has(anyone, Action.VIEW_PLAN, plan=plan)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (
            "administrator",
            {"view_plan", "update_item", "run_cycle", "import_plan", "edit_plan", "administer"},
        ),
        ("officer", {"view_plan", "update_item", "run_cycle", "import_plan", "edit_plan"}),
        ("owner", {"view_plan", "update_item"}),
        ("other_owner", {"view_plan"}),
        ("reader", {"view_plan"}),
        ("outsider", set()),
    ],
)
def test_what_each_role_may_do_with_one_item(world, who, expected):
    user = getattr(world, who)
    item = world.item("A1")
    allowed = {
        action.value
        for action in Action
        if action is not Action.VIEW_PUBLISHED
        and permission_has(user, action, plan=world.plan, item=item)
    }
    assert allowed == expected


def test_the_system_may_do_everything_and_nobody_else_is_the_system(world):
    assert all(permission_has(SYSTEM_USER, action, plan=world.plan) for action in Action)
    assert not SYSTEM_USER.is_authenticated
