"""Writes to the plan model. Each service validates before it saves."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Subquery
from django.utils.text import slugify

from councilplan.domain.periods import FinancialCalendar, Period, periods_between
from councilplan.plans.models import (
    Organisation,
    Plan,
    PlanLevel,
    PlanRevisionItem,
    ReportingPeriod,
    Status,
    StatusScheme,
)

DEFAULT_STATUS_SCHEME_NAME = "Standard RAG"
# How many revisions back the notes of what each was about are kept (plans.revisions).
REVISION_NOTES_KEPT = 1000


def plan_revision_bump(*, plan_ids: Collection[int], item_id: int | None = None) -> None:
    """Add one to each plan's revision in the caller's transaction (rolled back with it).
    Every history write calls it through `plans_changed`; caches key on the revision. With
    `item_id`, the bump was about that item of the (one) plan alone: noted with the new
    revision (plans.revisions), so a kept position is brought up to date, not worked out."""
    if not plan_ids:
        return
    Plan.objects.filter(pk__in=plan_ids).update(revision=F("revision") + 1)
    if item_id is not None and len(plan_ids) == 1:
        revision_item_note(plan_id=next(iter(plan_ids)), item_id=item_id)


def revision_item_note(*, plan_id: int, item_id: int) -> None:
    """Note that the plan's revision as it now stands was about `item_id`, in the same
    transaction as the bump (the plan's row is locked from the bump to the commit, so the
    notes of the revisions a reader sees are there too); notes older than the last
    REVISION_NOTES_KEPT revisions are let go."""
    revision = Subquery(Plan.objects.filter(pk=plan_id).values("revision")[:1])
    PlanRevisionItem.objects.create(plan_id=plan_id, revision=revision, item_id=item_id)
    PlanRevisionItem.objects.filter(
        plan_id=plan_id, revision__lt=revision - REVISION_NOTES_KEPT
    ).delete()


def plan_revision(*, plan_id: int) -> int | None:
    """The plan's revision as saved now (None if there is no such plan): one row by its key."""
    return Plan.objects.filter(pk=plan_id).values_list("revision", flat=True).first()


@dataclass(frozen=True)
class StatusDefinition:
    code: str
    label: str
    rag: str
    is_complete: bool = False
    is_inactive: bool = False


# The words councils use most, each with its colour; a plan can bring its own scheme.
DEFAULT_STATUSES = (
    StatusDefinition("green", "Green", "green"),
    StatusDefinition("amber", "Amber", "amber"),
    StatusDefinition("red", "Red", "red"),
    StatusDefinition("complete", "Complete", "blue", is_complete=True),
    StatusDefinition("not-started", "Not started", "grey", is_inactive=True),
    StatusDefinition("start-later-in-year", "Start later in year", "grey", is_inactive=True),
    StatusDefinition("deferred", "Deferred", "grey", is_inactive=True),
    StatusDefinition("on-hold", "On hold", "amber"),
    StatusDefinition("not-due", "Not due", "grey", is_inactive=True),
)


def status_scheme_create(
    *, name: str, statuses: list[StatusDefinition], organisation: Organisation | None = None
) -> StatusScheme:
    scheme = StatusScheme(name=name, organisation=organisation)
    scheme.full_clean()
    scheme.save()
    for position, definition in enumerate(statuses):
        status = Status(
            scheme=scheme,
            code=definition.code,
            label=definition.label,
            rag=definition.rag,
            is_complete=definition.is_complete,
            is_inactive=definition.is_inactive,
            position=position,
        )
        status.full_clean()
        status.save()
    return scheme


def status_scheme_default() -> StatusScheme:
    """The shared standard scheme, created the first time it is needed."""
    scheme = StatusScheme.objects.filter(organisation=None, name=DEFAULT_STATUS_SCHEME_NAME).first()
    if scheme is None:
        scheme = status_scheme_create(
            name=DEFAULT_STATUS_SCHEME_NAME, statuses=list(DEFAULT_STATUSES)
        )
    return scheme


def organisation_get_or_create(*, name: str, kind: str = "", gss_code: str = "") -> Organisation:
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is not None:
        return organisation
    organisation = Organisation(
        name=name,
        slug=unique_slug(Organisation, name),
        kind=kind or Organisation.Kind.OTHER,
        gss_code=gss_code,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


def unique_slug(model: type, text: str, *, field: str = "slug", max_length: int = 90) -> str:
    base = slugify(text)[:max_length] or "plan"
    candidate, number = base, 2
    while model.objects.filter(**{field: candidate}).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


@transaction.atomic
def plan_levels_set(*, plan: Plan, names: list[str]) -> None:
    """Name the plan's levels from the top (Mission, Priority, Action, Milestone)."""
    plan.levels.all().delete()
    for depth, name in enumerate(names):
        level = PlanLevel(plan=plan, depth=depth, name=name)
        level.full_clean()
        level.save()


def reporting_periods_ensure(*, plan: Plan) -> list[ReportingPeriod]:
    """Create the plan's reporting periods across its life span, keeping those it has."""
    for period in reporting_periods_to_come(plan=plan, given=list(plan.periods.all())):
        period.save()
    return list(plan.periods.all())


def reporting_periods_to_come(
    *, plan: Plan, given: Sequence[ReportingPeriod]
) -> list[ReportingPeriod]:
    """The plan's calendar periods across its life span that `given` lacks, planned and not
    yet saved: a council that imports its Q1 report runs Q2 next. None overlaps a period
    given (which may be the council's own, say a half-year); a plan without dates has none."""
    if plan.starts_on is None or plan.ends_on is None:
        return []
    calendar = FinancialCalendar(plan.year_start_month, plan.period_months)
    return [
        reporting_period_new(plan=plan, period=period)
        for period in periods_between(plan.starts_on, plan.ends_on, calendar)
        if not any(
            other.key == period.key
            or (other.starts_on <= period.ends_on and period.starts_on <= other.ends_on)
            for other in given
        )
    ]


def reporting_period_new(
    *, plan: Plan, period: Period, state: str = ReportingPeriod.State.PLANNED
) -> ReportingPeriod:
    """A calendar period as the plan's reporting period, not yet saved."""
    return ReportingPeriod(
        plan=plan,
        key=period.key,
        label=period.label,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        state=state,
    )
