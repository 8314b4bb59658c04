"""What anyone may read without signing in: the published plans and their snapshots, frozen
as they were published (the public pages' source)."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from councilplan.cycle.models import PublishedSnapshot

router = Router(auth=None, tags=["Published"])


class PublishedPlanOut(Schema):
    slug: str
    title: str
    organisation: str
    periods: list[str]


@router.get("/published", response=list[PublishedPlanOut], summary="Published plans")
def published_plans(request: HttpRequest) -> Any:
    plans: dict[int, dict[str, Any]] = {}
    snapshots = (
        PublishedSnapshot.objects.filter(plan__archived_on=None)
        .select_related("plan__organisation", "period")
        .order_by("plan__title", "period__starts_on")
    )
    for snapshot in snapshots:
        entry = plans.setdefault(
            snapshot.plan_id,
            {
                "slug": snapshot.plan.slug,
                "title": snapshot.plan.title,
                "organisation": snapshot.plan.organisation.name,
                "periods": [],
            },
        )
        if snapshot.period.key not in entry["periods"]:
            entry["periods"].append(snapshot.period.key)
    return list(plans.values())


@router.get(
    "/published/{slug}/{period}",
    response=dict[str, Any],
    summary="A published period, as published",
    description="The snapshot taken when the period was published: public items and public "
    "fields only, unchanged by anything done since.",
)
def published_period(request: HttpRequest, slug: str, period: str) -> Any:
    snapshot = (
        PublishedSnapshot.objects.filter(
            plan__slug=slug, plan__archived_on=None, period__key=period
        )
        .order_by("-published_on")
        .first()
    )
    if snapshot is None:
        raise Http404
    return snapshot.content
