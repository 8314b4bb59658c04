"""The dashboard and the tree make the same number of queries whatever the plan's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.demo.generated_plan import generated_plan_document
from councilplan.interchange.load import plan_import_document
from councilplan.web.selectors import page_cache_clear
from tests.web.conftest import signed_in, user_with_role

pytestmark = pytest.mark.django_db

# Session, user, membership, plan, periods, the plan's version, the engine's queries, …
MAX_QUERIES = 32


def _queries(client, url: str) -> int:
    page_cache_clear()  # count the queries of a page computed from scratch
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    ("page", "role"),
    [
        # The dashboard's scorecard reads every indicator: still a fixed number of queries.
        ("web:plan-dashboard", Role.READER),
        ("web:plan-indicators", Role.READER),
        ("web:plan-tree", Role.READER),
        # An officer sees the edit links too: still a fixed number of queries.
        ("web:plan-tree", Role.PERFORMANCE_OFFICER),
        ("web:risk-register", Role.PERFORMANCE_OFFICER),
    ],
)
def test_queries_per_page_do_not_grow_with_the_plan(
    client, page, role, django_assert_max_num_queries
):
    small = plan_import_document(document=generated_plan_document(actions=20, plan_id="small")).plan
    large = plan_import_document(
        document=generated_plan_document(actions=100, plan_id="large")
    ).plan
    signed_in(client, user_with_role(small, role))
    client.get(reverse("web:plan-index"))  # the session's own first queries
    counts = []
    for plan in (small, large):
        url = reverse(page, args=[plan.slug]) + "?status=red&search=action"
        with django_assert_max_num_queries(MAX_QUERIES):
            counts.append(_queries(client, url))
    assert counts[0] == counts[1]


def test_a_change_to_the_plan_is_shown_at_once_despite_the_page_cache(client):
    plan = plan_import_document(document=generated_plan_document(actions=20, plan_id="cached")).plan
    signed_in(client, user_with_role(plan, Role.READER))
    url = reverse("web:plan-tree", args=[plan.slug])
    assert "Renamed action" not in client.get(url).text
    item = plan.items.get(key="A1")
    item.title = "Renamed action"
    item.save()
    assert "Renamed action" in client.get(url).text


@pytest.mark.parametrize("page", ["web:indicator-detail", "web:measure-targets"])
def test_an_indicators_pages_make_as_many_queries_whatever_the_plans_size(client, page):
    small = plan_import_document(document=generated_plan_document(actions=20, plan_id="small")).plan
    large = plan_import_document(
        document=generated_plan_document(actions=100, plan_id="large")
    ).plan
    signed_in(client, user_with_role(small, Role.PERFORMANCE_OFFICER))
    client.get(reverse("web:plan-index"))  # the session's own first queries
    counts = []
    for plan in (small, large):
        measure = plan.measures.order_by("pk").first()
        url = reverse(page, args=[plan.slug, measure.pk])
        counts.append(_queries(client, url))
    assert counts[0] == counts[1]
    assert counts[0] <= MAX_QUERIES
