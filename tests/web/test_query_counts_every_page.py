"""Every page a reader, an owner, an officer or the public opens, and every report the website
makes, makes the same number of queries whatever the plan's size (issue 17): each at a plan of
20 actions and at one of 100, each plan in an organisation of its own with its own officer.

The pages `test_query_counts.py`, `test_item_page_size.py` and the API's tests count already
(dashboard, tree, indicators, risks, an item, an indicator) are counted here again with the
rest, so that a page added to the site is added to one list."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.demo.generated_plan import generated_plan_document
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Plan, ReportingPeriod
from councilplan.web.selectors import page_cache_clear
from tests.web.conftest import publish, signed_in, user_with_role

pytestmark = pytest.mark.django_db

SIZES = (20, 100)


@dataclass
class Sized:
    """A plan of one size with what its pages are about: the open period, a published one,
    an action with a measure, its measure, a risk, and the plan's performance officer."""

    plan: Plan
    period: str
    published: str
    item_id: int
    item_key: str
    measure_id: int
    risk_id: int
    officer: User


def _sized(actions: int) -> Sized:
    document = generated_plan_document(
        actions=actions, quarters=3, risks=3, measure_every=2, plan_id=f"size-{actions}"
    )
    document["organisation"]["name"] = f"Council of {actions}"  # its own plans on its index
    plan = plan_import_document(document=document).plan
    first = plan.periods.order_by("starts_on").first()
    plan.periods.filter(state=ReportingPeriod.State.PUBLISHED).update(
        state=ReportingPeriod.State.CLOSED, published_on=None
    )
    publish(plan, first.key)  # published by the officer's act: the public pages have a snapshot
    item = plan.items.get(key="A2")
    return Sized(
        plan=plan,
        period=plan.periods.order_by("-starts_on").first().key,
        published=first.key,
        item_id=item.pk,
        item_key=item.key,
        measure_id=plan.measures.get(item=item).pk,
        risk_id=plan.risks.order_by("pk").first().pk,
        officer=user_with_role(plan, Role.PERFORMANCE_OFFICER, f"officer{actions}"),
    )


Address = Callable[[Sized], str]
Part = Callable[[Sized], object] | str


def _page(name: str, *parts: Part, query: str = "") -> Address:
    """A page's address from its name and its parts (each from the plan, or as written)."""
    return lambda w: reverse(name, args=[p if isinstance(p, str) else p(w) for p in parts]) + query


def slug(w: Sized) -> str:
    return w.plan.slug


def period(w: Sized) -> str:
    return w.period


def published(w: Sized) -> str:
    return w.published


def item(w: Sized) -> int:
    return w.item_id


def item_key(w: Sized) -> str:
    return w.item_key


def measure(w: Sized) -> int:
    return w.measure_id


def risk(w: Sized) -> int:
    return w.risk_id


# (what, address); each is opened by the plan's performance officer, who sees every page.
PAGES: list[tuple[str, Address]] = [
    ("plan index", _page("web:plan-index")),
    ("dashboard", _page("web:plan-dashboard", slug)),
    ("tree", _page("web:plan-tree", slug, query="?status=red&search=action")),
    ("indicators", _page("web:plan-indicators", slug)),
    ("item", _page("web:item-detail", slug, item)),
    ("indicator", _page("web:indicator-detail", slug, measure)),
    ("indicator's targets", _page("web:measure-targets", slug, measure)),
    ("risk register", _page("web:risk-register", slug)),
    ("reports", _page("web:report-list", slug)),
    ("settings", _page("web:plan-settings", slug)),
    ("status words", _page("web:plan-statuses", slug)),
    ("next year", _page("web:plan-carry-forward", slug)),
    ("new item", _page("web:item-create", slug)),
    ("item edit", _page("web:item-edit", slug, item)),
    ("item move", _page("web:item-move", slug, item)),
    ("item people", _page("web:item-roles", slug, item)),
    ("new measure", _page("web:measure-create", slug, item)),
    ("measure edit", _page("web:measure-edit", slug, measure)),
    ("new risk", _page("web:risk-create", slug)),
    ("risk edit", _page("web:risk-edit", slug, risk)),
    ("my updates", _page("cycle:my-updates")),
    ("periods", _page("cycle:period-index", slug)),
    ("round", _page("cycle:round", slug, period)),
    ("update", _page("cycle:update-edit", slug, item_key, period)),
    ("update review", _page("cycle:update-review", slug, item_key, period)),
    ("public plans", _page("web:public-plan-list")),
    ("public plan", _page("web:public-plan", slug)),
    ("public period", _page("web:public-plan-period", slug, published)),
    ("public item", _page("web:public-item", slug, published, item_key)),
    ("public data, CSV", _page("web:public-plan-data", slug, published, "csv")),
    ("public data, JSON", _page("web:public-plan-data", slug, published, "json")),
]
# The report downloads, each format, and reports chosen on the reports page.
REPORTS: list[tuple[str, Address]] = [
    *[(f"report, {fmt}", _page("web:report-download", slug, period, fmt)) for fmt in
      ("html", "xlsx", "docx", "pdf")],
    ("report with filters",
     _page("web:report-make", slug, period, query="?kind=html&status=red&exceptions_only=on")),
    ("covering report", _page("web:report-make", slug, period, query="?kind=cover")),
]  # fmt: skip


def _queries(client, w: Sized, address: Address) -> int:  # type: ignore[no-untyped-def]
    signed_in(client, w.officer)
    client.get(reverse("web:plan-index"))  # the session's own first queries
    page_cache_clear()  # every page worked out from scratch, as after a change
    url = address(w)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries.captured_queries)


def _differing(client, addresses: list[tuple[str, Address]]) -> dict[str, tuple[int, ...]]:  # type: ignore[no-untyped-def]
    """The pages whose queries differ between the two sizes, with their counts."""
    sized = [_sized(actions) for actions in SIZES]
    counts = {
        what: tuple(_queries(client, w, address) for w in sized) for what, address in addresses
    }
    return {what: found for what, found in counts.items() if len(set(found)) > 1}


def test_every_page_makes_the_same_queries_at_any_plan_size(client):
    assert _differing(client, PAGES) == {}


@pytest.mark.slow
def test_every_report_makes_the_same_queries_at_any_plan_size(client):
    assert _differing(client, REPORTS) == {}
