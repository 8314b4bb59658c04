"""The published pages: what a plan has published, read only from its published snapshots,
open to everyone without signing in, and the same as open data."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from councilplan.cycle.models import PublishedSnapshot
from councilplan.plans.models import Plan
from councilplan.web import open_data, public_charts, selectors
from councilplan.web.views.common import plan_visible_or_404, public

PUBLIC_PAGE_SIZE = 200


@public
@require_GET
def public_plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "web/public_plan_list.html", {"plans": selectors.published_plans()})


def _published_snapshot(plan: Plan, period_key: str | None) -> PublishedSnapshot:
    """The snapshot of the period asked for (else the latest); 404 for one not published."""
    snapshots = selectors.published_snapshots(plan=plan)
    if not snapshots:
        raise Http404("This plan has not published any progress.")
    chosen = (
        snapshots[-1]
        if period_key is None
        else next((one for one in snapshots if one.period.key == period_key), None)
    )
    if chosen is None:
        raise Http404("This period has not been published.")
    return selectors.published_snapshot_public(snapshot=chosen)


@public
@require_GET
def public_plan_data(request: HttpRequest, slug: str, period_key: str, fmt: str) -> HttpResponse:
    """A published period as open data: JSON or CSV, under the site's open-data licence."""
    if fmt not in ("json", "csv"):
        raise Http404("Open data is offered as JSON or CSV.")
    snapshot = _published_snapshot(plan_visible_or_404(slug), period_key)
    if fmt == "json":
        response = HttpResponse(
            open_data.snapshot_json(snapshot), content_type="application/json; charset=utf-8"
        )
    else:
        response = HttpResponse(
            open_data.snapshot_csv(snapshot), content_type="text/csv; charset=utf-8"
        )
    name = f"{slug}-{period_key}-published.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Link"] = f'<{settings.COUNCILPLAN_OPEN_DATA_LICENCE_URL}>; rel="license"'
    return response


@public
@require_GET
def public_plan(request: HttpRequest, slug: str, period_key: str | None = None) -> HttpResponse:
    """A plan's published progress, read only from its published snapshots."""
    plan = plan_visible_or_404(slug)
    snapshots = selectors.published_snapshots(plan=plan)
    snapshot = _published_snapshot(plan, period_key)
    rows = selectors.snapshot_rows(content=snapshot.content)
    search = request.GET.get("search", "").strip()[:200]
    shown = selectors.public_rows_matching(rows, search)
    page = Paginator(shown, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    levels = snapshot.content.get("plan", {}).get("levels") or ["item"]
    return render(
        request,
        "web/public_plan.html",
        {
            "plan": plan,
            "snapshot": snapshot,
            "period_label": snapshot.content.get("period", {}).get("label", ""),
            "snapshots": snapshots,
            "mix": selectors.status_mix(rows),
            "theme_mix": public_charts.mix_by_top_item(snapshot.content, rows),
            "top_level_name": str(levels[0]).lower(),
            "period_mix": public_charts.mix_by_period(
                selectors.published_contents_up_to(snapshots=snapshots, shown=snapshot),
                current=snapshot.period.key,
            ),
            "page": page,
            "total": len(rows),
            "search": search,
            "search_query": urlencode({"search": search}) if search else "",
            "found": len(shown),
            "licence": open_data.licence(),
        },
    )


@public
@require_GET
def public_item(request: HttpRequest, slug: str, period_key: str, key: str) -> HttpResponse:
    """One published item on a page of its own, exactly as it was published."""
    plan = plan_visible_or_404(slug)
    snapshot = _published_snapshot(plan, period_key)
    item = selectors.snapshot_item(content=snapshot.content, key=key)
    if item is None:
        raise Http404("This item was not published.")
    # Earlier periods' contents are read only for an item with measures to follow over time.
    published = (
        selectors.published_contents_up_to(
            snapshots=selectors.published_snapshots(plan=plan), shown=snapshot
        )
        if item.measures
        else []
    )
    return render(
        request,
        "web/public_item.html",
        {
            "plan": plan,
            "snapshot": snapshot,
            "period_label": snapshot.content.get("period", {}).get("label", ""),
            "item": item,
            "history": public_charts.measures_over_time(
                key, published, current=snapshot.period.key
            ),
        },
    )
