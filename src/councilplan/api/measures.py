"""A plan's measures through the API: the list at a period (the same lines as
`councilplan measures --json`), one figure read with its version and written with `If-Match`,
and a batch of figures pushed from a council's own systems, all or nothing."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router
from ninja.pagination import LimitOffsetPagination, paginate

from councilplan.accounts.permissions import Action, permission_check
from councilplan.api.auth import SIGNED_IN, may_write
from councilplan.api.plans import plan_readable
from councilplan.api.schemas import (
    FigureIn,
    FigureOut,
    FiguresIn,
    FiguresOut,
    MeasureFilters,
    MeasureLineOut,
)
from councilplan.api.updates import version_matched
from councilplan.cycle.measure_values import FigureEntry, figures_record, measures_by_name
from councilplan.plans.models import Measure, MeasureValue, Plan, ReportingPeriod
from councilplan.plans.selectors import period_get, period_given_or_current
from councilplan.reports.measures import measure_list

router = Router(auth=SIGNED_IN, tags=["Measures"])


@router.get(
    "/plans/{slug}/measures",
    response=list[MeasureLineOut],
    summary="The plan's measures at a period",
    description="Each measure with its figure, the period's target, the status worked out by "
    "the plan's tolerance bands beside the status the council reported, the direction of "
    "travel and its findings; filtered by status; paged with `limit` and `offset`.",
)
@paginate(LimitOffsetPagination)
def measures(request: HttpRequest, slug: str, filters: Query[MeasureFilters]) -> Any:
    plan = plan_readable(request, slug)
    lines = measure_list(plan=plan, period=period_given_or_current(plan=plan, key=filters.period))
    wanted = (filters.status or "").strip().lower()
    return [line for line in lines if not wanted or line.status == wanted]


def _figure_out(measure: Measure, period_key: str, value: MeasureValue | None) -> dict[str, Any]:
    return {
        "measure": measure.ref or measure.key,
        "period": period_key,
        "text": value.text if value else "",
        "value": value.value if value else None,
        "state": value.state if value else MeasureValue.State.AVAILABLE,
        "expected_on": value.expected_on if value else None,
        "note": value.note if value else "",
        "version": value.version if value else 0,
    }


def _measure_named(request: HttpRequest, slug: str, name: str) -> tuple[Plan, Measure]:
    """The readable plan and its live measure by key or reference (404 for neither)."""
    plan = plan_readable(request, slug)
    found = measures_by_name(plan).get(name.strip().lower())
    if found is None:
        raise Measure.DoesNotExist
    return plan, found


def _figure_answer(response: HttpResponse, measure: Measure, period: ReportingPeriod) -> Any:
    value = MeasureValue.objects.filter(measure=measure, period=period).first()
    response["ETag"] = f'"{value.version if value else 0}"'
    return _figure_out(measure, period.key, value)


@router.get(
    "/plans/{slug}/measures/{measure}/values/{period}",
    response=FigureOut,
    summary="A measure's figure for a period",
)
def figure_read(
    request: HttpRequest, response: HttpResponse, slug: str, measure: str, period: str
) -> Any:
    plan, found = _measure_named(request, slug, measure)
    return _figure_answer(response, found, period_get(plan=plan, key=period))


@router.put(
    "/plans/{slug}/measures/{measure}/values/{period}",
    response=FigureOut,
    summary="Record a measure's figure for a period",
    description="Needs a 'Read and write' token (or the sign-in cookie), the right to update "
    "the measure's item, a period not yet published (an owner: an open one), and If-Match "
    'with the version you read (`"0"` for a figure not recorded yet).',
)
def figure_write(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    measure: str,
    period: str,
    body: FigureIn,
    if_match: str | None = Header(None, alias="If-Match"),
) -> Any:
    may_write(request)
    plan, found = _measure_named(request, slug, measure)
    permission_check(request.user, Action.UPDATE_ITEM, plan=plan, item=found.item)
    at = period_get(plan=plan, key=period)
    entry = FigureEntry(
        measure=found.key,
        period=at.key,
        place="the request",
        based_on_version=version_matched(if_match),
        **body.model_dump(),
    )
    figures_record(user=request.user, plan=plan, entries=[entry])
    return _figure_answer(response, found, at)


@router.post(
    "/plans/{slug}/figures",
    response=FiguresOut,
    summary="Record many figures at once",
    description="All or nothing: if any figure is refused (an unknown measure or period, a "
    "published period, an item you do not update, a figure given twice), nothing is saved "
    "and every refusal is listed with its place (`figures[3]`) and field. A figure that is not "
    "a number is kept as written and said back as a warning.",
)
def figures_write(request: HttpRequest, slug: str, body: FiguresIn) -> Any:
    may_write(request)
    plan = plan_readable(request, slug)
    entries = [
        FigureEntry(place=f"figures[{index}]", **figure.model_dump())
        for index, figure in enumerate(body.figures)
    ]
    recorded = figures_record(user=request.user, plan=plan, entries=entries)
    return {
        "recorded": len(recorded.values),
        "unchanged": recorded.unchanged,
        "warnings": recorded.warnings,
    }
