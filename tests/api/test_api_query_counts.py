"""The API's reads make the same number of queries whatever the plan's size (asserted at two
sizes), as the pages do."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from councilplan.accounts.models import Membership, Role
from councilplan.accounts.tokens import token_create
from councilplan.demo.generated_plan import generated_plan_document
from councilplan.interchange.load import plan_import_document
from councilplan.web.selectors import page_cache_clear

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["position", "items?limit=100", "risks", "periods"])
def test_api_reads_do_not_grow_with_the_plan(path, django_user_model):
    small = plan_import_document(document=generated_plan_document(actions=20, plan_id="small")).plan
    large = plan_import_document(
        document=generated_plan_document(actions=100, plan_id="large")
    ).plan
    reader = django_user_model.objects.create_user("reader")
    for plan in (small, large):
        Membership.objects.get_or_create(
            user=reader, organisation=plan.organisation, defaults={"role": Role.READER}
        )
    headers = {"Authorization": f"Bearer {token_create(user=reader, name='bi').secret}"}
    client = Client()
    client.get("/api/v1/plans", headers=headers)  # the token's first use stamps it once
    counts = []
    for plan in (small, large):
        page_cache_clear()  # computed from scratch, as on the first request after a change
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v1/plans/{plan.slug}/{path}", headers=headers)
        assert response.status_code == 200, response.content[:300]
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1], counts
