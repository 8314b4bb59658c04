"""Reading a plan: organisations, plans, periods, the plan's position, items, risks, history."""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from councilplan.accounts.models import Membership
from councilplan.accounts.permissions import Action, permission_has
from councilplan.api.auth import SIGNED_IN
from councilplan.api.schemas import (
    HistoryOut,
    ItemInPositionOut,
    OrganisationOut,
    PeriodOut,
    PlanDetailOut,
    PlanOut,
    PositionOut,
    RiskOut,
)
from councilplan.domain.wording import words_match
from councilplan.history.models import ChangeRecord
from councilplan.history.selectors import change_record_list_for
from councilplan.plans.models import Organisation, Plan, PlanItem, ReportingPeriod
from councilplan.plans.selectors import period_given_or_current, period_list
from councilplan.web.selectors import dashboard_position

router = Router(auth=SIGNED_IN, tags=["Plans"])


def plan_readable(request: HttpRequest, slug: str) -> Plan:
    """The plan, if this person may read it. Another council's plan is 404, as one that does
    not exist: the API does not say what other councils have."""
    plan = get_object_or_404(
        Plan.objects.select_related("organisation", "status_scheme"), slug=slug, archived_on=None
    )
    if not permission_has(request.user, Action.VIEW_PLAN, plan=plan):
        raise Http404
    return plan


def _reading(plan: Plan, period_key: str | None) -> Any:
    """The plan's position at the period named, else at the one it stands at: the same
    reading as the dashboard's."""
    return dashboard_position(plan=plan, period=period_given_or_current(plan=plan, key=period_key))


def _plan_out(plan: Plan) -> dict[str, Any]:
    return {
        "slug": plan.slug,
        "title": plan.title,
        "kind": plan.kind,
        "organisation": plan.organisation.slug,
        "description": plan.description,
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "levels": list(plan.levels.order_by("depth").values_list("name", flat=True)),
        "published": plan.periods.filter(state=ReportingPeriod.State.PUBLISHED).exists(),
    }


@router.get("/organisations", response=list[OrganisationOut], summary="Your organisations")
def organisations(request: HttpRequest) -> Any:
    found = Organisation.objects.filter(archived_on=None).order_by("name")
    if not request.user.is_superuser:
        member_of = Membership.objects.filter(user=request.user, disabled_on=None)
        found = found.filter(pk__in=member_of.values("organisation_id"))
    return found


@router.get("/plans", response=list[PlanOut], summary="The plans you may read")
def plans(request: HttpRequest) -> Any:
    found = Plan.objects.filter(archived_on=None).select_related("organisation").order_by("title")
    return [
        _plan_out(plan)
        for plan in found
        if permission_has(request.user, Action.VIEW_PLAN, plan=plan)
    ]


@router.get("/plans/{slug}", response=PlanDetailOut, summary="A plan and its periods")
def plan(request: HttpRequest, slug: str) -> Any:
    found = plan_readable(request, slug)
    return {**_plan_out(found), "periods": period_list(plan=found)}


@router.get("/plans/{slug}/periods", response=list[PeriodOut], summary="A plan's periods")
def periods(request: HttpRequest, slug: str) -> Any:
    return period_list(plan=plan_readable(request, slug))


@router.get(
    "/plans/{slug}/position",
    response=PositionOut,
    summary="Where the plan stands at a period",
    description="The same reading of the plan as the dashboard and the reports: the status "
    "mix, progress by theme, the exceptions, what changed since the period before, and the "
    "findings. Without `period`, the period the plan stands at.",
)
def position(request: HttpRequest, slug: str, period: str | None = None) -> Any:
    found = plan_readable(request, slug)
    reading = _reading(found, period)
    return {
        "plan": found.slug,
        "period": reading.period_key,
        "period_label": reading.period_label,
        "generated_on": reading.generated_on,
        "status_mix": reading.status_mix,
        "progress": reading.progress,
        "exceptions": [row.key for row in reading.exceptions],
        "changes": reading.changes,
        "findings": reading.findings,
    }


class ItemFilters(Schema):
    period: str | None = None
    status: str | None = None  # a RAG (red, amber…) or a status word
    owner: str | None = None  # part of the lead officer's name
    search: str | None = None  # words that start words of the title or the reference


def _item_matches(row: Any, filters: ItemFilters) -> bool:
    if filters.status:
        wanted = filters.status.strip().lower()
        if wanted not in (row.status.rag.lower(), row.status.word.lower()):
            return False
    if filters.owner and filters.owner.strip().lower() not in row.lead_officer.lower():
        return False
    return not filters.search or words_match(filters.search, f"{row.ref} {row.title}")


@router.get(
    "/plans/{slug}/items",
    response=list[ItemInPositionOut],
    summary="The plan's items at a period",
    description="Every item in the plan's order, with its status, progress, commentary and "
    "measures at the period, filtered by status, owner and words; paged with `limit` and "
    "`offset`.",
)
@paginate(LimitOffsetPagination)
def items(request: HttpRequest, slug: str, filters: Query[ItemFilters]) -> Any:
    found = plan_readable(request, slug)
    reading = _reading(found, filters.period)
    return [row for row in reading.rows if _item_matches(row, filters)]


@router.get(
    "/plans/{slug}/items/{path:key}/history", response=list[HistoryOut], summary="An item's history"
)
def item_history(request: HttpRequest, slug: str, key: str) -> Any:
    found = plan_readable(request, slug)
    item = get_object_or_404(PlanItem, plan=found, key=key)
    records: list[ChangeRecord] = list(change_record_list_for(instance=item)[:200])
    for update in item.updates.all():
        records.extend(change_record_list_for(instance=update)[:50])
    records.sort(key=lambda record: record.at, reverse=True)
    return [
        {
            "at": record.at,
            "who": (record.actor.get_full_name() if record.actor else "") or record.actor_name,
            "action": record.action,
            "changes": record.changes,
            "reason": record.reason,
        }
        for record in records
    ]


@router.get(
    "/plans/{slug}/items/{path:key}",
    response=ItemInPositionOut,
    summary="One item at a period",
)
def item(request: HttpRequest, slug: str, key: str, period: str | None = None) -> Any:
    found = plan_readable(request, slug)
    reading = _reading(found, period)
    for row in reading.rows:
        if row.key == key:
            return row
    raise PlanItem.DoesNotExist(key)


@router.get("/plans/{slug}/risks", response=list[RiskOut], summary="The plan's risk register")
def risks(request: HttpRequest, slug: str, period: str | None = None) -> Any:
    found = plan_readable(request, slug)
    return _reading(found, period).risks
