"""The public page says what was published (issue 16, part 1): an approved update with
progress and commentary but no status is "No status reported", not "No update" (Harlow's Q1
public page said "No update 100%" of items that carried progress and commentary)."""

import pytest
from django.urls import reverse

from councilplan.plans.models import ProgressUpdate
from councilplan.web.selectors import NO_STATUS_LABEL, NO_UPDATE_LABEL
from tests.web.conftest import publish

pytestmark = pytest.mark.django_db


def test_an_update_without_a_status_is_not_called_no_update(client, plan):
    period = plan.periods.get(key="2024-Q2")
    leaves = [item for item in plan.items.all() if not item.children.exists()]
    ProgressUpdate.objects.filter(period=period).delete()
    for item in leaves:
        ProgressUpdate.objects.create(
            item=item,
            period=period,
            percent_complete=40,
            commentary="Work under way",
            state=ProgressUpdate.State.APPROVED,
        )
    publish(plan, "2024-Q2")
    page = client.get(reverse("web:public-plan", args=[plan.slug])).text
    assert NO_STATUS_LABEL in page
    mix = page[page.index("Status of the plan") : page.index("</table>", page.index("Status of"))]
    assert NO_UPDATE_LABEL not in mix
