"""An owner's update through the API: read it with its version (the ETag), write it with
`If-Match` — the same rules as the update form (permission, an open period, a red status needs
next steps), and a write based on an old version is refused (412) with what differs."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Header, Router
from ninja.errors import HttpError

from councilplan.accounts.permissions import Action, permission_check
from councilplan.api.auth import SIGNED_IN, may_write
from councilplan.api.plans import plan_readable
from councilplan.api.schemas import UpdateIn, UpdateOut
from councilplan.cycle import services as cycle
from councilplan.cycle.selectors import measure_values_for, update_for
from councilplan.plans.models import Measure, Plan, PlanItem, ProgressUpdate, Status
from councilplan.plans.selectors import period_get

router = Router(auth=SIGNED_IN, tags=["Updates"])
IF_MATCH_MISSING_ERROR = (
    'Send If-Match with the version you read (the ETag of the GET), or If-Match: "0" for an '
    "item with no update yet, so that nobody's update is overwritten unseen"
)
IF_MATCH_INVALID_ERROR = 'If-Match must be a version number in quotes, such as "3"'
STATUS_UNKNOWN_ERROR = "“{word}” is not a status of this plan. Use one of: {words}"
MEASURE_UNKNOWN_ERROR = "The item has no measure “{key}”. Its measures: {keys}"


def _update_out(item: PlanItem, period_key: str, update: ProgressUpdate | None) -> dict[str, Any]:
    values = measure_values_for(item=item, period=update.period) if update else {}
    keys = dict(Measure.objects.filter(item=item).values_list("pk", "key"))
    return {
        "item": item.key,
        "period": period_key,
        "state": update.state if update else "not started",
        "status": update.status.label if update and update.status else None,
        "status_rag": update.status.rag if update and update.status else None,
        "percent_complete": update.percent_complete if update else None,
        "commentary": update.commentary if update else "",
        "next_steps": update.next_steps if update else "",
        "forecast_status": (
            update.forecast_status.label if update and update.forecast_status else None
        ),
        "author_name": update.author_name if update else "",
        "submitted_on": update.submitted_on if update else None,
        "review_comment": update.review_comment if update else "",
        "version": update.version if update else 0,
        "measure_values": [
            {"measure": keys.get(measure_id, ""), "text": value.text, "value": value.value}
            for measure_id, value in values.items()
        ],
    }


def _status(plan: Plan, word: str | None) -> Status | None:
    if not word:
        return None
    statuses = list(plan.status_scheme.statuses.filter(disabled_on=None).order_by("position"))
    for status in statuses:
        if word.strip().lower() in (status.label.lower(), status.code.lower()):
            return status
    words = ", ".join(status.label for status in statuses)
    raise HttpError(422, STATUS_UNKNOWN_ERROR.format(word=word, words=words))


def _measure_ids(item: PlanItem, values: dict[str, str]) -> dict[int, str]:
    measures = dict(item.measures.filter(archived_on=None).values_list("key", "pk"))
    for key in values:
        if key not in measures:
            listed = ", ".join(measures) or "none"
            raise HttpError(422, MEASURE_UNKNOWN_ERROR.format(key=key, keys=listed))
    return {measures[key]: text for key, text in values.items()}


def version_matched(if_match: str | None) -> int:
    if not if_match:
        raise HttpError(428, IF_MATCH_MISSING_ERROR)
    tag = if_match.strip().removeprefix("W/").strip('"')
    if not tag.isdigit():
        raise HttpError(412, IF_MATCH_INVALID_ERROR)
    return int(tag)


@router.get(
    "/plans/{slug}/items/{path:key}/updates/{period}",
    response=UpdateOut,
    summary="An item's update for a period",
)
def update_read(
    request: HttpRequest, response: HttpResponse, slug: str, key: str, period: str
) -> Any:
    plan = plan_readable(request, slug)
    item = get_object_or_404(PlanItem, plan=plan, key=key, archived_on=None)
    found = period_get(plan=plan, key=period)
    update = update_for(item=item, period=found)
    response["ETag"] = f'"{update.version if update else 0}"'
    return _update_out(item, found.key, update)


@router.put(
    "/plans/{slug}/items/{path:key}/updates/{period}",
    response=UpdateOut,
    summary="Save (and optionally submit) an item's update",
    description="Needs a token with the 'Read and write' scope (or the sign-in cookie), the "
    "right to update the item, and If-Match with the version you read: a stale write is "
    "refused with 412 and the fields that differ.",
)
def update_write(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    key: str,
    period: str,
    body: UpdateIn,
    if_match: str | None = Header(None, alias="If-Match"),
) -> Any:
    may_write(request)
    plan = plan_readable(request, slug)
    item = get_object_or_404(PlanItem, plan=plan, key=key, archived_on=None)
    permission_check(request.user, Action.UPDATE_ITEM, plan=plan, item=item)
    found = period_get(plan=plan, key=period)
    draft = cycle.UpdateDraft(
        status=_status(plan, body.status),
        percent_complete=body.percent_complete,
        commentary=body.commentary,
        forecast_status=_status(plan, body.forecast_status),
        next_steps=body.next_steps,
        measure_actuals=_measure_ids(item, body.measure_values),
    )
    update = cycle.update_save(
        user=request.user,
        item=item,
        period=found,
        based_on_version=version_matched(if_match),
        draft=draft,
    )
    if body.submit:
        update = cycle.update_submit(user=request.user, update=update)
    response["ETag"] = f'"{update.version}"'
    return _update_out(item, found.key, update)
