"""Re-importing reads the plan a step at a time, not an item at a time: applying a document
with one change makes the same number of queries whatever the plan's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.demo.generated_plan import generated_plan_document
from councilplan.editing.reimport import plan_differences, plan_reimport
from councilplan.interchange.load import plan_import_document

pytestmark = pytest.mark.django_db


def _queries_to_apply_one_change(actions: int) -> int:
    plan = plan_import_document(
        document=generated_plan_document(actions=actions, plan_id=f"p{actions}")
    )
    document = generated_plan_document(actions=actions, plan_id=f"p{actions}")
    document["items"][-1]["title"] = "Renamed in the council's new copy"
    with CaptureQueriesContext(connection) as queries:
        plan_reimport(user=SYSTEM_USER, plan=plan.plan, document=document, file="next.json")
    assert plan_differences(plan=plan.plan, document=document).differences == []
    return len(queries.captured_queries)


def test_applying_one_change_costs_the_same_queries_at_any_size():
    assert _queries_to_apply_one_change(20) == _queries_to_apply_one_change(80)
