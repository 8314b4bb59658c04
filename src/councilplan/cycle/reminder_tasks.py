"""Reminders sent by the task worker (`councilplan worker`), not while the officer's page
waits: a round of a hundred owners through GOV.UK Notify is a hundred web requests. What was
sent, to whom, and what failed is audited on the period (the round page shows it); the
messages that failed are tried once more a minute later, and no more."""

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from councilplan.accounts.permissions import SYSTEM_USER, Action, permission_check
from councilplan.cycle.errors import PERIOD_NOT_OPEN_ERROR, CycleError
from councilplan.plans.models import ReportingPeriod

RETRY_AFTER = timedelta(minutes=1)
ATTEMPTS = 2


def reminders_queue(*, user: Any, period: ReportingPeriod) -> None:
    """Have the worker send the period's reminders once this request is committed; refused
    at once (CycleError) when the period is not open, as sending would be."""
    permission_check(user, Action.RUN_CYCLE, plan=period.plan)
    if period.state != ReportingPeriod.State.OPEN:
        state = period.get_state_display()
        raise CycleError(PERIOD_NOT_OPEN_ERROR.format(period=period.label, state=state))
    user_id = getattr(user, "pk", None)
    transaction.on_commit(lambda: reminders_send_task.enqueue(period_id=period.pk, user_id=user_id))


@task
def reminders_send_task(
    *, period_id: int, user_id: int | None, attempt: int = 1, only: list[str] | None = None
) -> dict[str, Any]:
    from councilplan.cycle.services import reminders_send

    period = ReportingPeriod.objects.select_related("plan").get(pk=period_id)
    user = get_user_model().objects.get(pk=user_id) if user_id else SYSTEM_USER
    outcome = reminders_send(user=user, period=period, only=only)
    if outcome.failed and attempt < ATTEMPTS:
        again = reminders_send_task
        if again.get_backend().supports_defer:
            again = again.using(run_after=timezone.now() + RETRY_AFTER)
        again.enqueue(
            period_id=period_id, user_id=user_id, attempt=attempt + 1, only=sorted(outcome.failed)
        )
    return {"sent_to": outcome.sent_to, "failed": outcome.failed}
