"""Reports made in the background by the task worker (`councilplan worker`, django-tasks-db):
asked for with `report_request`, made by the `report_prepare` task, read with
`prepared_report_for`. A failure is kept with its reason and shown, never lost."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from councilplan.accounts.permissions import Action, permission_check
from councilplan.plans.models import Plan, ReportingPeriod
from councilplan.reports.formats import REPORT_FORMATS
from councilplan.reports.models import PreparedReport

FORMAT_UNKNOWN_ERROR = "Reports are made as {formats}, not “{format}”"
# How long a finished report is kept: enough to download it, not a second archive.
KEEP_DAYS = 7


class ReportRequestError(ValueError):
    pass


def report_request(*, user: Any, plan: Plan, period: ReportingPeriod, fmt: str) -> PreparedReport:
    permission_check(user, Action.VIEW_PLAN, plan=plan)
    if fmt not in REPORT_FORMATS:
        raise ReportRequestError(
            FORMAT_UNKNOWN_ERROR.format(formats=", ".join(REPORT_FORMATS), format=fmt)
        )
    prepared = PreparedReport.objects.create(
        plan=plan, period=period, format=fmt, requested_by=user if user.pk else None
    )
    # Queued once the request is committed, so the worker always finds the row.
    transaction.on_commit(lambda: report_prepare.enqueue(prepared_id=prepared.pk))
    return prepared


@task
def report_prepare(*, prepared_id: int) -> str:
    """Make one requested report; the outcome is on its PreparedReport."""
    from councilplan.reports.services import report_render

    PreparedReport.objects.filter(pk=prepared_id).update(
        state=PreparedReport.State.PREPARING, started_on=timezone.now()
    )
    prepared = PreparedReport.objects.select_related("plan", "period").get(pk=prepared_id)
    try:
        content = report_render(plan=prepared.plan, period=prepared.period, format=prepared.format)
    except Exception as error:  # noqa: BLE001 - any failure is kept and shown, not lost
        PreparedReport.objects.filter(pk=prepared_id).update(
            state=PreparedReport.State.FAILED, finished_on=timezone.now(), error=str(error)[:2000]
        )
        raise
    PreparedReport.objects.filter(pk=prepared_id).update(
        state=PreparedReport.State.READY, finished_on=timezone.now(), content=content
    )
    _old_ones_removed()
    return prepared.state


def _old_ones_removed() -> None:
    cutoff = timezone.now() - timedelta(days=KEEP_DAYS)
    PreparedReport.objects.filter(requested_on__lt=cutoff).delete()


def prepared_report_for(*, user: Any, plan: Plan, prepared_id: int) -> PreparedReport:
    permission_check(user, Action.VIEW_PLAN, plan=plan)
    return PreparedReport.objects.select_related("period").get(pk=prepared_id, plan=plan)


def prepared_report_get(*, plan: Plan, prepared_id: int) -> PreparedReport | None:
    """One of the plan's reports asked for in the background, without its file."""
    return (
        PreparedReport.objects.select_related("period")
        .defer("content")
        .filter(pk=prepared_id, plan=plan)
        .first()
    )


def prepared_report_content(*, prepared: PreparedReport) -> bytes:
    """The file of a report made in the background."""
    return bytes(PreparedReport.objects.values_list("content", flat=True).get(pk=prepared.pk))
