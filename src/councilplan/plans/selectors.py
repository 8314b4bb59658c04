"""Reads of the plan model."""

from collections.abc import Sequence
from datetime import date

from django.db import connection
from django.db.models import Count, Prefetch, QuerySet
from django.db.models.expressions import RawSQL

from councilplan.domain.periods import FinancialCalendar, PeriodError, period_parse
from councilplan.domain.trees import tree_depth_first
from councilplan.plans.models import (
    ItemRole,
    Measure,
    MeasureTarget,
    MeasureValue,
    Plan,
    PlanItem,
    ProgressUpdate,
    ReportingPeriod,
    Risk,
    Status,
)

PLAN_NOT_FOUND_ERROR = (
    "There is no plan '{identifier}'. `councilplan plans` lists the plans there are."
)


class PlanNotFoundError(LookupError):
    pass


def plan_list() -> QuerySet[Plan]:
    """Every plan that is not archived, with its organisation and item count."""
    return (
        Plan.objects.working()
        .select_related("organisation")
        .annotate(item_count=Count("items", distinct=True))
        .order_by("organisation__name", "title")
    )


def plan_get(*, identifier: str) -> Plan:
    """Any plan by its id, archived or not (the command line and the round's pages)."""
    plan = (
        Plan.objects.select_related("organisation", "status_scheme").filter(slug=identifier).first()
    )
    if plan is None:
        raise PlanNotFoundError(PLAN_NOT_FOUND_ERROR.format(identifier=identifier))
    return plan


def plan_working_get(*, identifier: str) -> Plan:
    """A plan by its id unless it is archived (an archived plan is listed apart, to restore)."""
    plan = (
        Plan.objects.working()
        .select_related("organisation", "status_scheme")
        .filter(slug=identifier)
        .first()
    )
    if plan is None:
        raise PlanNotFoundError(PLAN_NOT_FOUND_ERROR.format(identifier=identifier))
    return plan


def plan_item_count(*, plan: Plan, with_archived: bool = False) -> int:
    """How many items the plan has, archived ones left out unless `with_archived`."""
    items = plan.items.all() if with_archived else plan.items.filter(archived_on=None)
    return items.count()


def item_get(*, plan: Plan, item_id: int) -> PlanItem | None:
    """One of the plan's items by its number, archived or not (it may be being restored)."""
    return PlanItem.objects.select_related("plan", "parent").filter(plan=plan, pk=item_id).first()


def item_working_by_key(*, plan: Plan, key: str) -> PlanItem | None:
    """One of the plan's items by its key, unless it is archived."""
    return plan.items.filter(key=key, archived_on=None).first()


def measure_get(*, plan: Plan, measure_id: int) -> Measure | None:
    """One of the plan's measures by its number, archived or not."""
    return Measure.objects.select_related("plan", "item").filter(plan=plan, pk=measure_id).first()


def measures_working_of(*, item: PlanItem) -> list[Measure]:
    """The item's measures in their order, archived ones left out."""
    return list(item.measures.filter(archived_on=None).order_by("position"))


def risk_get(*, plan: Plan, risk_id: int) -> Risk | None:
    """One of the plan's risks by its number, archived or not."""
    return Risk.objects.select_related("plan").filter(plan=plan, pk=risk_id).first()


def role_held_get(*, plan: Plan, role_id: int) -> ItemRole | None:
    """A person or team in a role on one of the plan's items."""
    return (
        ItemRole.objects.select_related("item__plan", "party")
        .filter(pk=role_id, item__plan=plan)
        .first()
    )


def roles_held_of(*, item: PlanItem) -> list[ItemRole]:
    """Who holds each role on the item, in the order the plan gives them."""
    return list(item.roles.select_related("party").order_by("role", "position"))


def statuses_usable(*, plan: Plan) -> list[Status]:
    """The status words an owner may choose for the plan (disabled ones left out)."""
    return list(plan.status_scheme.statuses.filter(disabled_on=None))


def measure_target_texts(*, measure: Measure) -> dict[int, str]:
    """The measure's target in each period, as typed: period id → text."""
    return dict(MeasureTarget.objects.filter(measure=measure).values_list("period_id", "text"))


def level_name(*, plan: Plan, depth: int) -> str:
    """What the plan calls its items at `depth` ("Item" when it gives no name)."""
    names = dict(plan.levels.values_list("depth", "name"))
    return names.get(depth) or "Item"


def plan_items_in_order(*, plan: Plan) -> list[PlanItem]:
    """The plan's items depth-first in their printed order, with roles, measures and sources."""
    items = list(
        plan.items.filter(archived_on=None)
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=ItemRole.objects.select_related("party").order_by("role", "position"),
            ),
            Prefetch("measures", queryset=Measure.objects.order_by("position")),
            "source_fields",
            "figures",
        )
        .order_by("position")
    )
    walked = tree_depth_first(items, key=lambda item: item.pk, parent=lambda item: item.parent_id)
    return [item for item, _top in walked]


def item_lineage_ids(*, item_id: int) -> RawSQL:
    """The ids of the item and every item above it, as a subquery (`pk__in=`): one recursive
    query whatever the plan's size (SQLite and PostgreSQL both read it). UNION, not UNION
    ALL, so even a loop in the tree ends."""
    table = connection.ops.quote_name(PlanItem._meta.db_table)
    # Only the table's own name is put into the text; the id is a parameter.
    sql = (
        f"WITH RECURSIVE lineage(id, parent_id) AS ("  # noqa: S608
        f"SELECT id, parent_id FROM {table} WHERE id = %s "
        f"UNION SELECT above.id, above.parent_id FROM {table} above "
        f"JOIN lineage ON above.id = lineage.parent_id"
        f") SELECT id FROM lineage"
    )
    return RawSQL(sql, (item_id,))  # noqa: S611


def item_ancestors(*, item: PlanItem) -> list[PlanItem]:
    """The items above `item`, from the top down, read in one query (not the whole plan)."""
    return list(
        PlanItem.objects.filter(plan_id=item.plan_id, pk__in=item_lineage_ids(item_id=item.pk))
        .exclude(pk=item.pk)
        .order_by("depth")
    )


def plan_updates(*, plan: Plan) -> QuerySet[ProgressUpdate]:
    return (
        ProgressUpdate.objects.filter(period__plan=plan)
        .select_related("item", "period", "status", "forecast_status")
        .order_by("period__starts_on", "item__position")
    )


def plan_measure_values(*, plan: Plan) -> QuerySet[MeasureValue]:
    return (
        MeasureValue.objects.filter(period__plan=plan)
        .select_related("measure", "period")
        .order_by("measure__position", "period__starts_on")
    )


def plan_risks(*, plan: Plan) -> QuerySet[Risk]:
    return (
        plan.risks.filter(archived_on=None)
        .prefetch_related("mitigations", "items")
        .order_by("position")
    )


# Reporting periods: every lookup of a plan's periods lives here ---------------------------

PERIOD_NOT_FOUND_ERROR = (
    "The plan '{plan}' has no reporting period '{key}'. Its periods are: {known}."
)
PERIOD_NONE_ERROR = "The plan '{plan}' has no reporting periods yet."


class PeriodNotFoundError(LookupError):
    pass


def period_list(*, plan: Plan) -> list[ReportingPeriod]:
    """The plan's periods in date order."""
    return list(plan.periods.order_by("starts_on"))


def period_get(*, plan: Plan, key: str) -> ReportingPeriod:
    """The plan's period by key (`2024-Q1`, or `2024-q1`); a clear error naming the periods
    it has."""
    calendar = FinancialCalendar(plan.year_start_month, plan.period_months)
    try:
        key = period_parse(key, calendar).key
    except PeriodError:
        pass  # a key the plan may still have, spelt its own way
    period = plan.periods.filter(key=key).select_related("plan").first()
    if period is None:
        known = list(plan.periods.order_by("starts_on").values_list("key", flat=True))
        if not known:
            raise PeriodNotFoundError(PERIOD_NONE_ERROR.format(plan=plan.slug))
        raise PeriodNotFoundError(
            PERIOD_NOT_FOUND_ERROR.format(plan=plan.slug, key=key, known=", ".join(known))
        )
    return period


def period_current(*, plan: Plan) -> ReportingPeriod | None:
    """The period the plan stands at (see `period_current_among`)."""
    return period_current_among(plan=plan, periods=period_list(plan=plan))


def period_given_or_current(*, plan: Plan, key: str | None) -> ReportingPeriod:
    """The period named (refused with the plan's periods named), else the one the plan
    stands at; PeriodNotFoundError when the plan has no periods at all."""
    if key:
        return period_get(plan=plan, key=key)
    period = period_current(plan=plan)
    if period is None:
        raise PeriodNotFoundError(PERIOD_NONE_ERROR.format(plan=plan.slug))
    return period


def period_chosen(
    *, plan: Plan, periods: Sequence[ReportingPeriod], key: str | None
) -> ReportingPeriod | None:
    """The period asked for, else the one the plan stands at (`period_current_among`)."""
    for period in periods:
        if key and period.key == key:
            return period
    return period_current_among(plan=plan, periods=periods)


def period_before(
    *, periods: Sequence[ReportingPeriod], period: ReportingPeriod | None
) -> ReportingPeriod | None:
    """The period just before `period` among `periods` (in date order)."""
    if period is None:
        return None
    earlier = [other for other in periods if other.starts_on < period.starts_on]
    return earlier[-1] if earlier else None


def period_current_among(
    *, plan: Plan, periods: Sequence[ReportingPeriod], today: date | None = None
) -> ReportingPeriod | None:
    """The period the plan stands at, of `periods` (in date order): the latest whose update
    round has begun (open, closed or published), else the one its import named, else the
    last to have started by `today`, else the first. The import's period is not kept first:
    once Q2's round opens, Q2 is where the plan stands."""
    begun = [period for period in periods if period.state != ReportingPeriod.State.PLANNED]
    if begun:
        return begun[-1]
    named = (plan.metadata or {}).get("current_period")
    for period in periods:
        if period.key == named:
            return period
    started = [period for period in periods if period.starts_on <= (today or date.today())]
    if started:
        return started[-1]
    return periods[0] if periods else None
