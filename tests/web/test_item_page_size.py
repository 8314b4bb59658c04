"""An item's page reads the item, its ancestors (one recursive query) and its own children,
never every item of the plan: the same queries at any plan size, for a reader and for an owner
(whose right to update is checked up the same line of ancestors)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.accounts.permissions import Action, item_ids_owned_by, permission_has
from councilplan.demo.generated_plan import generated_plan_document
from councilplan.editing import services as editing
from councilplan.editing.services import ItemFields
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Party, PlanItem
from councilplan.plans.selectors import item_ancestors
from tests.web.conftest import signed_in, user_with_role

pytestmark = pytest.mark.django_db


def _milestone_under(plan, key: str, officer) -> PlanItem:
    """A third level under the action `key`, so the page has two ancestors."""
    return editing.item_create(
        user=officer, plan=plan, parent=plan.items.get(key=key), values=ItemFields(title="Step")
    )


def _queries(client, plan, item: PlanItem) -> int:
    url = reverse("web:item-detail", args=[plan.slug, item.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert reverse("web:item-detail", args=[plan.slug, item.parent_id]) in response.text
    return len(queries.captured_queries)


@pytest.mark.parametrize("role", [Role.READER, Role.OWNER])
def test_an_items_page_makes_the_same_queries_whatever_the_plans_size(client, role) -> None:
    counts = []
    for actions in (20, 400):
        plan = plan_import_document(
            document=generated_plan_document(actions=actions, plan_id=f"p{actions}")
        )
        plan = plan.plan
        officer = user_with_role(plan, Role.PERFORMANCE_OFFICER, f"officer{actions}")
        milestone = _milestone_under(plan, "A3", officer)
        user = user_with_role(plan, role, f"user{actions}")
        Party.objects.filter(roles__item__plan=plan, roles__item__key="A3").update(user=user)
        signed_in(client, user)
        client.get(reverse("web:plan-index"))  # the session's own first queries
        counts.append(_queries(client, plan, milestone))
    assert counts[0] == counts[1]


def test_ancestors_come_from_the_top_down_and_an_owner_may_update_below_their_item(client):
    plan = plan_import_document(
        document=generated_plan_document(actions=20, plan_id="lineage")
    ).plan
    officer = user_with_role(plan, Role.PERFORMANCE_OFFICER)
    milestone = _milestone_under(plan, "A3", officer)
    priority = plan.items.get(key="A3").parent
    assert [item.key for item in item_ancestors(item=milestone)] == [priority.key, "A3"]
    owner = user_with_role(plan, Role.OWNER, "owner")
    party = Party.objects.filter(roles__item=priority).first()
    party.user = owner
    party.save()
    owned = item_ids_owned_by(owner, plan)
    for item in plan.items.all():
        may = permission_has(owner, Action.UPDATE_ITEM, plan=plan, item=item)
        assert may == (item.pk in owned), item.key
    assert permission_has(owner, Action.UPDATE_ITEM, plan=plan, item=milestone)


def test_a_loop_in_the_tree_still_ends(client):
    plan = plan_import_document(document=generated_plan_document(actions=20, plan_id="loop")).plan
    top, below = plan.items.get(key="P1"), plan.items.get(key="A1")
    PlanItem.objects.filter(pk=top.pk).update(parent=below)  # never made by a service
    assert {item.key for item in item_ancestors(item=below)} == {"P1"}
