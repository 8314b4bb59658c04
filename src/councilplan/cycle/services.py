"""The quarterly update cycle as actions.

Each public function here is one act of the cycle: it checks permission, makes the change in
one transaction and audits it, so the web pages, the CLI and any future API behave the same.
`user` is the person acting (`request.user` on the web) or `SYSTEM_USER` for the system.

Periods: planned → open → closed → published; published → open only through
`period_reopen`, with a reason. Updates: draft → submitted → returned or approved;
a returned update is edited and submitted again. A published period refuses every change.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from councilplan.accounts.permissions import Action, permission_check
from councilplan.accounts.selectors import person_name
from councilplan.cycle.errors import (
    BULK_APPROVE_NONE_SELECTED_ERROR,
    BULK_APPROVE_NOT_IN_PERIOD_ERROR,
    BULK_APPROVE_STALE_ERROR,
    MEASURE_NOT_ON_ITEM_ERROR,
    PERIOD_CANNOT_CLOSE_ERROR,
    PERIOD_CANNOT_OPEN_ERROR,
    PERIOD_CANNOT_PUBLISH_ERROR,
    PERIOD_CANNOT_REOPEN_ERROR,
    PERIOD_LOCKED_ERROR,
    PERIOD_NOT_OPEN_ERROR,
    REOPEN_REASON_REQUIRED_ERROR,
    RETURN_COMMENT_REQUIRED_ERROR,
    STATUS_NOT_IN_SCHEME_ERROR,
    UPDATE_CANNOT_APPROVE_ERROR,
    UPDATE_CANNOT_RETURN_ERROR,
    UPDATE_CANNOT_SUBMIT_ERROR,
    UPDATE_NEXT_STEPS_REQUIRED_ERROR,
    UPDATE_NOT_EDITABLE_ERROR,
    UPDATE_STATUS_REQUIRED_ERROR,
    CycleError,
    FieldDifference,
    StaleUpdateError,
)
from councilplan.cycle.models import PublishedSnapshot
from councilplan.cycle.selectors import accountable_parties, parties_not_updated
from councilplan.cycle.signals import period_published
from councilplan.cycle.snapshot import snapshot_content_build
from councilplan.domain.engine import Rag
from councilplan.domain.quantities import actual_parse
from councilplan.domain.wording import cut_at_word, plural
from councilplan.history.context import acting_for
from councilplan.history.services import event_record
from councilplan.plans.models import (
    Measure,
    MeasureValue,
    Party,
    Plan,
    PlanItem,
    ProgressUpdate,
    ReportingPeriod,
    Status,
)

# Owners report in the first two weeks after a quarter ends (see docs/quarterly-cycle.md).
DEFAULT_UPDATE_WINDOW = timedelta(days=14)
FORECAST_FIELD_LABEL = "Forecast status at year end"
State = ProgressUpdate.State
PeriodState = ReportingPeriod.State


def _locked_period(period: ReportingPeriod) -> ReportingPeriod:
    """Re-read the period inside the transaction, locking its row where the database can."""
    return (
        ReportingPeriod.objects.select_for_update(of=("self",))
        .select_related("plan")
        .get(pk=period.pk)
    )


def _period_must_be_open(period: ReportingPeriod) -> None:
    if period.state == PeriodState.PUBLISHED:
        raise CycleError(PERIOD_LOCKED_ERROR.format(period=period.label))
    if period.state != PeriodState.OPEN:
        raise CycleError(
            PERIOD_NOT_OPEN_ERROR.format(period=period.label, state=period.get_state_display())
        )


def period_reviewable(*, period: ReportingPeriod) -> bool:
    """Whether the period's updates may still be approved or returned: not once published."""
    return period.state != PeriodState.PUBLISHED


def _period_must_not_be_published(period: ReportingPeriod) -> None:
    if not period_reviewable(period=period):
        raise CycleError(PERIOD_LOCKED_ERROR.format(period=period.label))


# Periods ---------------------------------------------------------------------------------


def period_open(
    *, user: Any, period: ReportingPeriod, updates_due_on: date | None = None
) -> ReportingPeriod:
    """Open a planned (or closed) period for updates, with the date updates are due."""
    permission_check(user, Action.RUN_CYCLE, plan=period.plan)
    with acting_for(user), transaction.atomic():
        period = _locked_period(period)
        _period_must_not_be_published(period)
        if period.state not in (PeriodState.PLANNED, PeriodState.CLOSED):
            raise CycleError(
                PERIOD_CANNOT_OPEN_ERROR.format(
                    period=period.label, state=period.get_state_display().lower()
                )
            )
        period.state = PeriodState.OPEN
        period.updates_due_on = updates_due_on or period.ends_on + DEFAULT_UPDATE_WINDOW
        period.full_clean()
        period.save()
        event_record(
            instance=period,
            event="period_opened",
            details={"period": period.key, "updates_due_on": period.updates_due_on.isoformat()},
        )
    return period


def period_close(*, user: Any, period: ReportingPeriod) -> ReportingPeriod:
    """Close an open period to new updates so that the last ones can be reviewed."""
    permission_check(user, Action.RUN_CYCLE, plan=period.plan)
    with acting_for(user), transaction.atomic():
        period = _locked_period(period)
        _period_must_not_be_published(period)
        if period.state != PeriodState.OPEN:
            raise CycleError(PERIOD_CANNOT_CLOSE_ERROR.format(period=period.label))
        period.state = PeriodState.CLOSED
        period.save()
        event_record(instance=period, event="period_closed", details={"period": period.key})
    return period


def period_publish(*, user: Any, period: ReportingPeriod) -> PublishedSnapshot:
    """Publish an open or closed period: lock it and snapshot its approved updates for the
    public pages (public items and public fields only). Unapproved updates are left out."""
    permission_check(user, Action.RUN_CYCLE, plan=period.plan)
    with acting_for(user), transaction.atomic():
        period = _locked_period(period)
        _period_must_not_be_published(period)
        if period.state == PeriodState.PLANNED:
            raise CycleError(PERIOD_CANNOT_PUBLISH_ERROR.format(period=period.label))
        now = timezone.now()
        period.state = PeriodState.PUBLISHED
        period.published_on = now
        period.save()
        content = snapshot_content_build(period=period, published_on=now)
        snapshot = PublishedSnapshot.objects.create(
            plan=period.plan,
            period=period,
            published_on=now,
            published_by=user if getattr(user, "pk", None) else None,
            content=content,
        )
        period_published.send(sender=PublishedSnapshot, snapshot=snapshot)
        event_record(
            instance=period,
            event="period_published",
            details={
                "period": period.key,
                "snapshot": snapshot.pk,
                "items_published": len(content["items"]),
                "updates_published": content["counts"]["updates"],
            },
        )
    return snapshot


def period_reopen(*, user: Any, period: ReportingPeriod, reason: str) -> ReportingPeriod:
    """Reopen a published period for changes: an explicit act with a reason, audited.

    The public keep seeing the last published snapshot until the period is published again.
    """
    permission_check(user, Action.RUN_CYCLE, plan=period.plan)
    reason = (reason or "").strip()
    if not reason:
        raise CycleError(REOPEN_REASON_REQUIRED_ERROR)
    with acting_for(user, reason=reason[:500]), transaction.atomic():
        period = _locked_period(period)
        if period.state != PeriodState.PUBLISHED:
            raise CycleError(PERIOD_CANNOT_REOPEN_ERROR.format(period=period.label))
        period.state = PeriodState.OPEN
        period.save()
        event_record(
            instance=period,
            event="period_reopened",
            details={"period": period.key, "reason": reason},
        )
    return period


# Updates ---------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _percent_text(value: Decimal | None) -> str:
    return "" if value is None else f"{_text(Decimal(value))}%"


def _differences(
    update: ProgressUpdate,
    *,
    status: Status | None,
    forecast_status: Status | None,
    percent_complete: Decimal | None,
    commentary: str,
    next_steps: str,
    measure_actuals: dict[Measure, str],
    saved_actuals: dict[int, MeasureValue],
) -> list[FieldDifference]:
    pairs = [
        ("Status", update.status.label if update.status else "", status.label if status else ""),
        (
            FORECAST_FIELD_LABEL,
            update.forecast_status.label if update.forecast_status else "",
            forecast_status.label if forecast_status else "",
        ),
        (
            "Percent complete",
            _percent_text(update.percent_complete),
            _percent_text(percent_complete),
        ),
        ("Commentary", update.commentary, commentary),
        ("Next steps", update.next_steps, next_steps),
    ]
    for measure, yours in measure_actuals.items():
        saved = saved_actuals.get(measure.pk)
        pairs.append((f"Actual for {measure.name[:80]}", saved.text if saved else "", yours))
    return [
        FieldDifference(field=label, theirs=theirs, yours=yours)
        for label, theirs, yours in pairs
        if (theirs or "").strip() != (yours or "").strip()
    ]


@dataclass
class UpdateDraft:
    """What an owner typed in the update form."""

    status: Status | None = None
    percent_complete: Decimal | None = None
    commentary: str = ""
    # The status the owner expects at the year end; None when they give no forecast.
    forecast_status: Status | None = None
    next_steps: str = ""
    measure_actuals: dict[int, str] = field(default_factory=dict)  # measure id → text


# An update its owner may still write: never begun, a draft, or returned for rework.
EDITABLE_UPDATE_STATES = (State.DRAFT, State.RETURNED)


def update_editable(*, period: ReportingPeriod, update: ProgressUpdate | None) -> bool:
    """Whether `update_save` would take an owner's update now: the period is open and the
    update is not begun, a draft or returned (the form is shown read-only otherwise)."""
    return period.state == PeriodState.OPEN and (
        update is None or update.state in EDITABLE_UPDATE_STATES
    )


def update_save(
    *,
    user: Any,
    item: PlanItem,
    period: ReportingPeriod,
    based_on_version: int,
    draft: UpdateDraft,
) -> ProgressUpdate:
    """Save an item's update for an open period as it stands (a draft, or a returned
    update being reworked).

    `based_on_version` is the version the person started from (0 when there was no update
    yet). If someone saved since, nothing is written: StaleUpdateError lists each field
    where what is saved now differs from what this person entered.
    """
    plan = period.plan
    permission_check(user, Action.UPDATE_ITEM, plan=plan, item=item)
    for status in (draft.status, draft.forecast_status):
        if status is not None and status.scheme_id != plan.status_scheme_id:
            raise CycleError(STATUS_NOT_IN_SCHEME_ERROR.format(status=status.label))
    measures = {m.pk: m for m in Measure.objects.filter(item=item, archived_on=None)}
    if any(measure_id not in measures for measure_id in draft.measure_actuals):
        raise CycleError(MEASURE_NOT_ON_ITEM_ERROR)
    actuals = {measures[m_id]: text.strip() for m_id, text in draft.measure_actuals.items()}
    with acting_for(user), transaction.atomic():
        period = _locked_period(period)
        _period_must_be_open(period)
        update = (
            ProgressUpdate.objects.select_for_update(of=("self",))
            .select_related("status", "forecast_status", "modified_by")
            .filter(item=item, period=period)
            .first()
        )
        saved_actuals = {
            value.measure_id: value
            for value in MeasureValue.objects.filter(measure__item=item, period=period)
        }
        current_version = update.version if update else 0
        if update is not None and update.state not in EDITABLE_UPDATE_STATES:
            raise CycleError(
                UPDATE_NOT_EDITABLE_ERROR.format(state_label=update.get_state_display().lower())
            )
        if based_on_version != current_version:
            _refuse_stale(update, draft, actuals, saved_actuals, current_version)
        if update is None:
            update = ProgressUpdate(item=item, period=period, version=0)
        update.status = draft.status
        update.status_text = draft.status.label if draft.status else ""
        update.forecast_status = draft.forecast_status
        update.percent_complete = draft.percent_complete
        update.commentary = draft.commentary.strip()
        update.next_steps = draft.next_steps.strip()
        if getattr(user, "pk", None):
            update.author_name = person_name(user)
        update.version = current_version + 1
        update.full_clean()
        update.save()
        _measure_actuals_save(period, actuals, saved_actuals)
    return update


def _refuse_stale(
    update: ProgressUpdate | None,
    draft: UpdateDraft,
    actuals: dict[Measure, str],
    saved_actuals: dict[int, MeasureValue],
    current_version: int,
) -> None:
    if update is None:
        # The version the person saw no longer exists: report what they would write.
        update = ProgressUpdate()
    differences = _differences(
        update,
        status=draft.status,
        forecast_status=draft.forecast_status,
        percent_complete=draft.percent_complete,
        commentary=draft.commentary.strip(),
        next_steps=draft.next_steps.strip(),
        measure_actuals=actuals,
        saved_actuals=saved_actuals,
    )
    who = "someone else"
    if update.pk and update.modified_by is not None:
        modified_by = update.modified_by
        who = person_name(modified_by)
    when = (
        timezone.localtime(update.modified_on).strftime("%-d %B %Y %H:%M")
        if update.pk
        else "an unknown time"
    )
    raise StaleUpdateError(
        differences=differences, who=who, when=when, current_version=current_version
    )


def _measure_actuals_save(
    period: ReportingPeriod, actuals: dict[Measure, str], saved: dict[int, MeasureValue]
) -> None:
    for measure, text in actuals.items():
        value = saved.get(measure.pk)
        if value is None:
            if not text:
                continue
            value = MeasureValue(measure=measure, period=period, version=0)
        elif value.text == text:
            continue
        actual = actual_parse(text)  # as the importer reads a document's figure
        value.text = text
        value.value = actual.value
        value.comparator = actual.comparator
        value.version += 1
        value.full_clean()
        value.save()


def _update_locked(update: ProgressUpdate) -> ProgressUpdate:
    return (
        ProgressUpdate.objects.select_for_update(of=("self",))
        .select_related("status", "forecast_status", "period", "period__plan", "item")
        .get(pk=update.pk)
    )


def update_submit(
    *, user: Any, update: ProgressUpdate, based_on_version: int | None = None
) -> ProgressUpdate:
    """Send a draft or returned update for review. A red status needs its next steps."""
    plan = update.period.plan
    permission_check(user, Action.UPDATE_ITEM, plan=plan, item=update.item)
    with acting_for(user), transaction.atomic():
        _period_must_be_open(_locked_period(update.period))
        update = _update_locked(update)
        if based_on_version is not None and based_on_version != update.version:
            _refuse_stale(
                update,
                UpdateDraft(
                    status=update.status,
                    forecast_status=update.forecast_status,
                    percent_complete=update.percent_complete,
                    commentary=update.commentary,
                    next_steps=update.next_steps,
                ),
                {},
                {},
                update.version,
            )
        if update.state not in (State.DRAFT, State.RETURNED):
            raise CycleError(
                UPDATE_CANNOT_SUBMIT_ERROR.format(state_label=update.get_state_display().lower())
            )
        if update.status is None:
            raise CycleError(UPDATE_STATUS_REQUIRED_ERROR)
        if update.status.rag == Rag.RED and not update.next_steps.strip():
            raise CycleError(UPDATE_NEXT_STEPS_REQUIRED_ERROR.format(status=update.status.label))
        update.state = State.SUBMITTED
        update.submitted_on = timezone.now()
        update.version += 1
        update.save()
    return update


def update_return(*, user: Any, update: ProgressUpdate, comment: str) -> ProgressUpdate:
    """Send a submitted (or approved, unpublished) update back to its owner with a comment."""
    plan = update.period.plan
    permission_check(user, Action.RUN_CYCLE, plan=plan)
    comment = (comment or "").strip()
    if not comment:
        raise CycleError(RETURN_COMMENT_REQUIRED_ERROR)
    with acting_for(user), transaction.atomic():
        _period_must_not_be_published(_locked_period(update.period))
        update = _update_locked(update)
        if update.state not in (State.SUBMITTED, State.APPROVED):
            raise CycleError(
                UPDATE_CANNOT_RETURN_ERROR.format(state_label=update.get_state_display().lower())
            )
        update.state = State.RETURNED
        update.review_comment = comment
        update.reviewed_on = timezone.now()
        update.version += 1
        update.save()
        transaction.on_commit(lambda: _returned_notice_send(update))
    return update


# Item titles in e-mails are cut at a word past this many characters.
EMAIL_TITLE_LIMIT = 120


def site_link(path: str) -> str:
    """An address on this site for an e-mail: the COUNCILPLAN_SITE_URL setting (the address
    people use, which production must set) followed by `path`."""
    return settings.COUNCILPLAN_SITE_URL.rstrip("/") + path


RETURNED_SUBJECT = "Your {period} update for {item} has been returned to you"


def _returned_notice_send(update: ProgressUpdate) -> None:
    """Tell the item's owners that their update came back, with the reviewer's comment."""
    item, period = update.item, update.period
    owners = accountable_parties(plan=period.plan).get(item.pk, [])
    addresses = sorted({address for party in owners if (address := _party_address(party))})
    if not addresses:
        return
    link = site_link(
        reverse(
            "cycle:update-edit",
            kwargs={"plan": period.plan.slug, "key": item.key, "period": period.key},
        )
    )
    body = (
        f"The update for {item.ref or item.key} {cut_at_word(item.title, EMAIL_TITLE_LIMIT)} "
        f"({period.label}) needs a "
        f"change before it can be approved:\n\n{update.review_comment}\n\n"
        f"Change it and submit it again: {link}"
    )
    subject = RETURNED_SUBJECT.format(period=period.label, item=item.ref or item.key)
    send_mail(subject, body, None, addresses)


def update_approve(*, user: Any, update: ProgressUpdate) -> ProgressUpdate:
    """Approve a submitted update: from now on it counts in roll-ups, reports and publication."""
    plan = update.period.plan
    permission_check(user, Action.RUN_CYCLE, plan=plan)
    with acting_for(user), transaction.atomic():
        _period_must_not_be_published(_locked_period(update.period))
        update = _update_locked(update)
        if update.state != State.SUBMITTED:
            raise CycleError(
                UPDATE_CANNOT_APPROVE_ERROR.format(state_label=update.get_state_display().lower())
            )
        update.state = State.APPROVED
        update.reviewed_on = timezone.now()
        update.version += 1
        update.save()
    return update


def updates_approve(
    *, user: Any, period: ReportingPeriod, versions: dict[int, int]
) -> list[ProgressUpdate]:
    """Approve several submitted updates of one period at once: the reviewer's bulk approve.

    `versions` maps each update's id to the version the reviewer saw. All or nothing: if any
    update is no longer submitted, or was changed since (another version), nothing is
    approved and the CycleError names it. Each approval is audited as update_approve's is,
    and the period records one event listing them.
    """
    permission_check(user, Action.RUN_CYCLE, plan=period.plan)
    if not versions:
        raise CycleError(BULK_APPROVE_NONE_SELECTED_ERROR)
    with acting_for(user), transaction.atomic():
        period = _locked_period(period)
        _period_must_not_be_published(period)
        updates = list(
            ProgressUpdate.objects.select_for_update(of=("self",))
            .select_related("item")
            .filter(pk__in=versions)
            .order_by("item__position")
        )
        if len(updates) != len(versions) or any(u.period_id != period.pk for u in updates):
            raise CycleError(BULK_APPROVE_NOT_IN_PERIOD_ERROR.format(period=period.label))
        for update in updates:
            if update.state != State.SUBMITTED or update.version != versions[update.pk]:
                raise CycleError(
                    BULK_APPROVE_STALE_ERROR.format(
                        item=update.item.ref or update.item.key,
                        state_label=update.get_state_display().lower(),
                    )
                )
        now = timezone.now()
        for update in updates:
            update.state = State.APPROVED
            update.reviewed_on = now
            update.version += 1
            update.save()
        event_record(
            instance=period,
            event="updates_approved",
            details={
                "period": period.key,
                "items": [update.item.ref or update.item.key for update in updates],
            },
        )
    return updates


# Reminders -------------------------------------------------------------------------------

REMINDER_SUBJECT_BEFORE = "Reminder: your {period} progress updates for {plan} are due by {due}"
REMINDER_SUBJECT_OVERDUE = "Overdue: your {period} progress updates for {plan} were due on {due}"


@dataclass
class ReminderOutcome:
    overdue: bool
    sent_to: list[str] = field(default_factory=list)  # e-mail addresses
    without_address: list[str] = field(default_factory=list)  # parties we could not e-mail
    failed: dict[str, str] = field(default_factory=dict)  # address → why it was not sent

    def sent_words(self) -> str:
        """ "1 overdue notice sent", "3 reminders sent", "No reminders were needed"."""
        kind = "overdue notice" if self.overdue else "reminder"
        if not self.sent_to:
            return f"No {kind}s were needed" if not self.failed else f"No {kind}s were sent"
        return f"{plural(len(self.sent_to), kind)} sent"


def _party_address(party: Party) -> str:
    if party.user is not None and party.user.email:
        return party.user.email
    return party.email


def _due_text(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def reminders_send(
    *,
    user: Any,
    period: ReportingPeriod,
    today: date | None = None,
    only: Collection[str] | None = None,
) -> ReminderOutcome:
    """E-mail every owner who has not yet submitted an update this period (`only` these
    addresses, when a send is tried again): a reminder before the deadline, an overdue
    notice after it. One message per person. A message the mail server or GOV.UK Notify
    refuses does not stop the others: it is kept in `failed` with the reason, and audited."""
    plan = period.plan
    permission_check(user, Action.RUN_CYCLE, plan=plan)
    _period_must_be_open(period)
    today = today or timezone.localdate()
    due = period.updates_due_on or period.ends_on + DEFAULT_UPDATE_WINDOW
    outcome = ReminderOutcome(overdue=today > due)
    template = REMINDER_SUBJECT_OVERDUE if outcome.overdue else REMINDER_SUBJECT_BEFORE
    subject = template.format(period=period.label, plan=plan.title, due=_due_text(due))
    for party, items in parties_not_updated(period=period).items():
        address = _party_address(party)
        if not address:
            outcome.without_address.append(party.name)
            continue
        if only is not None and address not in only:
            continue
        lines = [
            f"Dear {party.name},",
            "",
            (
                f"These updates for {period.label} were due on {_due_text(due)} and are not in yet:"
                if outcome.overdue
                else f"Please write these updates for {period.label} by {_due_text(due)}:"
            ),
            "",
        ]
        for item in items:
            link = site_link(
                reverse(
                    "cycle:update-edit",
                    kwargs={"plan": plan.slug, "key": item.key, "period": period.key},
                )
            )
            title = cut_at_word(item.title, EMAIL_TITLE_LIMIT)
            lines.append(f"- {item.ref or item.key} {title}\n  {link}")
        lines += ["", f"Everything you owe is listed at {site_link(reverse('cycle:my-updates'))}"]
        try:
            send_mail(subject, "\n".join(lines), None, [address])
        except Exception as error:  # noqa: BLE001 - one refusal must not stop the others
            outcome.failed[address] = str(error) or type(error).__name__
            continue
        outcome.sent_to.append(address)
    with acting_for(user):
        event_record(
            instance=period,
            event="reminders_sent",
            details={
                "period": period.key,
                "overdue": outcome.overdue,
                "sent_to": outcome.sent_to,
                "without_address": outcome.without_address,
                "failed": outcome.failed,
            },
        )
    return outcome


def reminders_send_for_open_periods(
    *, user: Any, plan: Plan | None = None, today: date | None = None
) -> list[tuple[ReportingPeriod, ReminderOutcome]]:
    """Remind the owners of every open period (of one plan, or of all plans): what
    `councilplan remind` runs, for instance from cron a few days before the deadline and the
    day after it."""
    periods = ReportingPeriod.objects.filter(state=PeriodState.OPEN).select_related("plan")
    if plan is not None:
        periods = periods.filter(plan=plan)
    return [
        (period, reminders_send(user=user, period=period, today=today))
        for period in periods.order_by("plan__title", "starts_on")
    ]
