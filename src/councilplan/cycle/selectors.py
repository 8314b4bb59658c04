"""Reads for the update cycle: who owes what, who has updated, what was published."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from councilplan.accounts.models import Membership
from councilplan.accounts.permissions import Action, item_ids_owned_by, permission_has
from councilplan.accounts.selectors import person_name
from councilplan.cycle.models import PublishedSnapshot
from councilplan.history.selectors import events_latest
from councilplan.plans.models import (
    ItemRole,
    MeasureValue,
    Party,
    Plan,
    PlanItem,
    ProgressUpdate,
    ReportingPeriod,
)

# Roles that make a party answerable for an item's update (and so the target of reminders).
ACCOUNTABLE_ROLES = ("owner", "lead_officer", "deputy_lead_officer")
# An update in these states still has to be written (or rewritten) by its owner.
OUTSTANDING_STATES = (ProgressUpdate.State.DRAFT, ProgressUpdate.State.RETURNED)

# Words shown in tags: never colour alone.
UPDATE_STATE_WORDS = {
    None: ("Not started", "govuk-tag--grey"),
    ProgressUpdate.State.DRAFT: ("Draft", "govuk-tag--yellow"),
    ProgressUpdate.State.SUBMITTED: ("Submitted", "govuk-tag--blue"),
    ProgressUpdate.State.RETURNED: ("Returned", "govuk-tag--orange"),
    ProgressUpdate.State.APPROVED: ("Approved", "govuk-tag--green"),
}
PERIOD_STATE_TAGS = {
    ReportingPeriod.State.PLANNED: "govuk-tag--grey",
    ReportingPeriod.State.OPEN: "govuk-tag--blue",
    ReportingPeriod.State.CLOSED: "govuk-tag--yellow",
    ReportingPeriod.State.PUBLISHED: "govuk-tag--green",
}


@dataclass
class RoundRow:
    item: "ItemSummary"
    owners: list[Party]
    update: "UpdateSummary | None"

    @property
    def state(self) -> str | None:
        return self.update.state if self.update else None

    @property
    def state_label(self) -> str:
        return UPDATE_STATE_WORDS[self.state][0]

    @property
    def tag_class(self) -> str:
        return UPDATE_STATE_WORDS[self.state][1]

    @property
    def has_updated(self) -> bool:
        return self.state in (ProgressUpdate.State.SUBMITTED, ProgressUpdate.State.APPROVED)


@dataclass
class RoundSummary:
    rows: list[RoundRow]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def updated(self) -> list[RoundRow]:
        return [row for row in self.rows if row.has_updated]

    @property
    def not_updated(self) -> list[RoundRow]:
        return [row for row in self.rows if not row.has_updated]

    @property
    def awaiting_review(self) -> list[RoundRow]:
        return [row for row in self.rows if row.state == ProgressUpdate.State.SUBMITTED]

    @property
    def approved(self) -> list[RoundRow]:
        return [row for row in self.rows if row.state == ProgressUpdate.State.APPROVED]

    def readiness(self) -> "PublishReadiness":
        states = [row.state for row in self.rows]
        return PublishReadiness(
            approved=states.count(ProgressUpdate.State.APPROVED),
            submitted=states.count(ProgressUpdate.State.SUBMITTED),
            draft=states.count(ProgressUpdate.State.DRAFT)
            + states.count(ProgressUpdate.State.RETURNED),
            not_started=states.count(None),
        )


@dataclass(frozen=True)
class PublishReadiness:
    """Where the period's expected updates stand, as the publish confirmation counts them.
    Drafts include updates returned to their owners for changes."""

    approved: int
    submitted: int
    draft: int
    not_started: int

    @property
    def total(self) -> int:
        return self.approved + self.submitted + self.draft + self.not_started

    @property
    def left_out(self) -> int:
        return self.total - self.approved

    @property
    def fingerprint(self) -> str:
        """What the confirmation page showed, so a publish on changed counts is caught."""
        return f"{self.approved}-{self.submitted}-{self.draft}-{self.not_started}"


@dataclass
class Obligation:
    """One update an owner owes (or has written) in an open period."""

    plan: Plan
    period: ReportingPeriod
    item: "ItemSummary"
    update: ProgressUpdate | None

    @property
    def state_label(self) -> str:
        return UPDATE_STATE_WORDS[self.update.state if self.update else None][0]

    @property
    def tag_class(self) -> str:
        return UPDATE_STATE_WORDS[self.update.state if self.update else None][1]

    @property
    def is_outstanding(self) -> bool:
        return self.update is None or self.update.state in OUTSTANDING_STATES


@dataclass(frozen=True)
class ItemSummary:
    """What the round's lists show of an item. Plain values, not model instances: a 2,000-item
    round would otherwise spend most of its time building models it only reads."""

    pk: int
    key: str
    ref: str
    title: str
    parent_id: int | None
    depth: int


@dataclass(frozen=True)
class UpdateSummary:
    pk: int
    state: str
    review_comment: str
    version: int


def items_expected(*, plan: Plan) -> list[ItemSummary]:
    """Items an owner writes an update for each period: the lowest-level, live items, in
    their printed order. Items above them (missions, priorities) are rolled up by the engine.
    """
    rows = list(
        plan.items.filter(archived_on=None)
        .order_by("position")
        .values_list("id", "key", "ref", "title", "parent_id", "depth")
    )
    parents = {row[4] for row in rows if row[4] is not None}
    return [ItemSummary(*row) for row in rows if row[0] not in parents]


def accountable_parties(*, plan: Plan) -> dict[int, list[Party]]:
    """Each item's accountable parties: its own, else the nearest ancestor's."""
    pairs = list(
        ItemRole.objects.filter(item__plan=plan, role__in=ACCOUNTABLE_ROLES)
        .order_by("item_id", "position", "role")
        .values_list("item_id", "party_id")
    )
    parties = Party.objects.select_related("user").in_bulk({party_id for _, party_id in pairs})
    direct: dict[int, list[Party]] = {}
    for item_id, party_id in pairs:
        held = direct.setdefault(item_id, [])
        if parties[party_id] not in held:
            held.append(parties[party_id])
    parent_of = dict(plan.items.values_list("id", "parent_id"))
    resolved: dict[int, list[Party]] = {}
    for item_id in parent_of:
        current: Any = item_id
        while current is not None and current not in direct:
            current = parent_of.get(current)
        resolved[item_id] = direct.get(current, []) if current is not None else []
    return resolved


def round_summary(*, period: ReportingPeriod) -> RoundSummary:
    """Every expected item of the period with its owners and its update (or none yet)."""
    plan = period.plan
    updates = {
        item_id: UpdateSummary(pk, state, comment, version)
        for pk, item_id, state, comment, version in ProgressUpdate.objects.filter(
            period=period
        ).values_list("id", "item_id", "state", "review_comment", "version")
    }
    owners = accountable_parties(plan=plan)
    rows = [
        RoundRow(item=item, owners=owners.get(item.pk, []), update=updates.get(item.pk))
        for item in items_expected(plan=plan)
    ]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state_label] = counts.get(row.state_label, 0) + 1
    return RoundSummary(rows=rows, counts=counts)


def parties_not_updated(*, period: ReportingPeriod) -> dict[Party, list["ItemSummary"]]:
    """Who still owes an update this period, and for which items."""
    owed: dict[Party, list[ItemSummary]] = {}
    for row in round_summary(period=period).rows:
        if row.update is not None and row.update.state not in OUTSTANDING_STATES:
            continue
        for party in row.owners:
            owed.setdefault(party, []).append(row.item)
    return owed


def obligations_for(*, user: Any) -> list[Obligation]:
    """What this person owes in every open period: expected items where they hold a role
    (or below one), with the update they have written so far."""
    if not user.is_authenticated:
        return []
    organisation_ids = Membership.objects.filter(user=user, disabled_on=None).values_list(
        "organisation_id", flat=True
    )
    plans = Plan.objects.working().filter(items__roles__party__user=user).distinct()
    if not user.is_superuser:
        plans = plans.filter(organisation_id__in=organisation_ids)
    obligations: list[Obligation] = []
    for plan in plans.select_related("organisation").order_by("title"):
        periods = list(plan.periods.open().order_by("starts_on"))
        if not periods:
            continue
        owned = item_ids_owned_by(user, plan)
        items = [item for item in items_expected(plan=plan) if item.pk in owned]
        for period in periods:
            updates = {
                update.item_id: update
                for update in ProgressUpdate.objects.filter(period=period, item_id__in=owned)
            }
            obligations.extend(
                Obligation(plan=plan, period=period, item=item, update=updates.get(item.pk))
                for item in items
            )
    return obligations


def update_for(*, item: PlanItem, period: ReportingPeriod) -> ProgressUpdate | None:
    return (
        ProgressUpdate.objects.filter(item=item, period=period)
        .select_related("status", "forecast_status", "modified_by")
        .first()
    )


def update_previous(*, item: PlanItem, period: ReportingPeriod) -> ProgressUpdate | None:
    """The item's latest approved update from an earlier period, shown beside the form."""
    return (
        ProgressUpdate.objects.filter(
            item=item,
            period__starts_on__lt=period.starts_on,
            state=ProgressUpdate.State.APPROVED,
        )
        .select_related("status", "forecast_status", "period")
        .order_by("-period__starts_on")
        .first()
    )


def measure_values_for(*, item: PlanItem, period: ReportingPeriod) -> dict[int, MeasureValue]:
    return {
        value.measure_id: value
        for value in MeasureValue.objects.filter(measure__item=item, period=period)
    }


def measure_values_before(*, item: PlanItem, period: ReportingPeriod) -> dict[int, MeasureValue]:
    """The item's measure values in the period just before `period` (empty for the first)."""
    previous = (
        item.plan.periods.filter(starts_on__lt=period.starts_on).order_by("-starts_on").first()
    )
    return {} if previous is None else measure_values_for(item=item, period=previous)


def rounds_run_by(*, user: Any) -> list[tuple[Plan, ReportingPeriod]]:
    """Each working plan whose round the user runs, with its latest period begun."""
    return [
        (plan, period)
        for plan in Plan.objects.working().select_related("organisation")
        if permission_has(user, Action.RUN_CYCLE, plan=plan)
        for period in plan.periods.exclude(state=ReportingPeriod.State.PLANNED).order_by(
            "-starts_on"
        )[:1]
    ]


def published_snapshot_latest(*, plan: Plan) -> PublishedSnapshot | None:
    """What the public may see of a plan: its most recently published snapshot, or None."""
    return (
        PublishedSnapshot.objects.filter(plan=plan)
        .select_related("period")
        .defer("report")  # the signed-in readers' report: the public never read it
        .order_by("-published_on", "-id")
        .first()
    )


@dataclass(frozen=True)
class RemindersSent:
    """One sending of a period's reminders, as audited."""

    at: datetime
    by: str
    overdue: bool
    sent: int
    without_address: list[str]
    failed: dict[str, str]  # address → why


def reminders_sent_lately(*, period: ReportingPeriod) -> list[RemindersSent]:
    """The last few times the period's reminders were sent, newest first (a second try of
    the messages that failed is one of them)."""
    return [
        RemindersSent(
            at=record.at,
            by=person_name(record.actor) if record.actor else record.actor_name,
            overdue=bool(record.changes.get("overdue")),
            sent=len(record.changes.get("sent_to") or []),
            without_address=list(record.changes.get("without_address") or []),
            failed=dict(record.changes.get("failed") or {}),
        )
        for record in events_latest(instance=period, event="reminders_sent")
    ]
