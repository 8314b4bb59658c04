"""Reports made in the background: asked for, made by the real database task worker
(django-tasks-db's db_worker), downloaded; a failure kept with its reason."""

from io import BytesIO

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from councilplan.accounts.models import Membership, Role
from councilplan.reports import services
from councilplan.reports.background import (
    FORMAT_UNKNOWN_ERROR,
    ReportRequestError,
    report_request,
)
from councilplan.reports.models import PreparedReport

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def officer(harlow_plan, django_user_model):
    user = django_user_model.objects.create_user("officer")
    Membership.objects.create(
        user=user, organisation=harlow_plan.organisation, role=Role.PERFORMANCE_OFFICER
    )
    return user


def _worker_runs_what_is_queued() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


# The worker closes stale database connections between tasks, as a server does: on PostgreSQL
# that would end a test transaction, so these tests commit (transaction=True).
@pytest.mark.django_db(transaction=True)
def test_a_requested_report_waits_for_the_worker_then_is_ready(
    settings, harlow_plan, harlow_q1, officer, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    with django_capture_on_commit_callbacks(execute=True):
        prepared = report_request(user=officer, plan=harlow_plan, period=harlow_q1, fmt="xlsx")
    prepared.refresh_from_db()
    assert prepared.state == PreparedReport.State.QUEUED  # nothing made in the request

    _worker_runs_what_is_queued()

    prepared.refresh_from_db()
    assert prepared.state == PreparedReport.State.READY
    workbook = openpyxl.load_workbook(BytesIO(bytes(prepared.content)))
    assert workbook.sheetnames
    assert prepared.finished_on >= prepared.started_on >= prepared.requested_on


@pytest.mark.django_db(transaction=True)
def test_a_report_that_fails_keeps_its_reason(
    settings, harlow_plan, harlow_q1, officer, django_capture_on_commit_callbacks, monkeypatch
):
    settings.TASKS = DATABASE_QUEUE

    def typst_gave_up(**kwargs):
        raise RuntimeError("The PDF report could not be laid out (part 3 of 9): out of memory")

    monkeypatch.setattr(services, "report_render", typst_gave_up)
    with django_capture_on_commit_callbacks(execute=True):
        prepared = report_request(user=officer, plan=harlow_plan, period=harlow_q1, fmt="pdf")
    _worker_runs_what_is_queued()
    prepared.refresh_from_db()
    assert prepared.state == PreparedReport.State.FAILED
    assert "part 3 of 9" in prepared.error


def test_an_unknown_format_or_a_stranger_is_refused(harlow_plan, harlow_q1, officer):
    with pytest.raises(ReportRequestError, match=FORMAT_UNKNOWN_ERROR.split("{")[0]):
        report_request(user=officer, plan=harlow_plan, period=harlow_q1, fmt="odt")
    assert not PreparedReport.objects.exists()


def test_the_website_prepares_a_report_and_offers_it_when_ready(
    harlow_plan, harlow_q1, officer, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("web:report-list", args=[harlow_plan.slug])).text
    prepare = reverse("web:report-prepare", args=[harlow_plan.slug, harlow_q1.key, "docx"])
    assert prepare in page
    # The test settings run a task as soon as it is queued (ImmediateBackend).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(prepare)
    assert response.status_code == 302
    status_page = client.get(response["Location"])
    assert "Your report is ready" in status_page.text
    download = client.get(response["Location"] + "?download=1")
    assert download["Content-Disposition"].startswith("attachment")
    assert download.content[:2] == b"PK"  # a Word document is a zip

    stranger = Client()
    other = type(officer).objects.create_user("stranger")
    stranger.force_login(other)
    assert stranger.get(response["Location"]).status_code == 403
