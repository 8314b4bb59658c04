"""The list of plans, the accessibility statement, and the health check."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from councilplan.editing.selectors import plans_archived_for
from councilplan.operations.health import database_reachable
from councilplan.web import selectors
from councilplan.web.views.common import public


@public
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For the load balancer and monitoring: 200 when the site can reach its database, 503
    when it cannot. Says nothing else about the site."""
    if not database_reachable():
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@public
@require_GET
def plan_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/plan_index.html",
        {
            "entries": selectors.plans_for_home(user=request.user),
            "archived_plans": plans_archived_for(user=request.user)
            if request.user.is_authenticated
            else [],
        },
    )


@public
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")
