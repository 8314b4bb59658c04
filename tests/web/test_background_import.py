"""A PDF or a large document is read by the real database task worker (django-tasks-db's
db_worker): the upload answers at once, the page shows the stage and the share done and
updates itself (or not, when asked), then the import report; a document that cannot be read
says why, naming the file, and nothing is imported."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from councilplan.accounts.models import ApiToken
from councilplan.imports.progress import READING_PAGE_STAGE
from councilplan.imports.readers.pdf_reader import pdf_read
from councilplan.interchange.models import PendingImport
from councilplan.interchange.reviewed_import import pending_import_create
from councilplan.plans.models import Plan
from tests.api.conftest import bearer
from tests.imports.generate import plan_table_pdf

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _worker_runs_what_is_queued() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def test_a_pdf_is_read_page_by_page_telling_its_progress():
    heard = []
    document = pdf_read(
        plan_table_pdf(3), file="plan.pdf", progress=lambda s, p: heard.append((s, p))
    )
    assert document.pages == 3
    assert [stage for stage, _ in heard] == [
        READING_PAGE_STAGE.format(page=page, pages=3) for page in (1, 2, 3)
    ]
    percents = [percent for _, percent in heard]
    assert percents == sorted(percents)
    assert 0 < percents[0] < percents[-1] <= 100


# The worker closes database connections between tasks, as a server does: on PostgreSQL that
# would end a test transaction, so these tests commit (transaction=True).
@pytest.mark.django_db(transaction=True)
def test_an_uploaded_pdf_is_read_by_the_worker_and_its_page_follows_it(
    settings, officer, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    client = Client()
    client.force_login(officer)
    upload = {
        "document": _file("plan.pdf", plan_table_pdf()),
        "organisation": officer_council(officer),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:import-upload"), upload)
    pending = PendingImport.objects.get()
    assert response.status_code == 302
    assert pending.state == PendingImport.State.READING  # nothing read in the request
    review = reverse("web:import-review", args=[pending.pk])
    waiting = client.get(review).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in waiting
    assert "Waiting to start: 0% done" in waiting
    assert "refresh" not in client.get(review + "?refresh=off").content.decode().split("<body")[0]
    # Confirming before it is read goes back to the progress page.
    early = client.post(reverse("web:import-confirm", args=[pending.pk]))
    assert early["Location"] == review

    _worker_runs_what_is_queued()

    pending.refresh_from_db()
    assert (pending.state, pending.percent) == (PendingImport.State.READY, 100), pending.problems
    report = client.get(review).content.decode()
    assert "http-equiv" not in report
    assert "Open the new library" in report


@pytest.mark.django_db(transaction=True)
def test_a_pdf_that_cannot_be_read_says_why_and_imports_nothing(
    settings, officer, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    plans_before = Plan.objects.count()
    broken = plan_table_pdf()[:900]  # cut short, as a failed download is
    with django_capture_on_commit_callbacks(execute=True):
        pending = pending_import_create(user=officer, file_name="Plan Q2.pdf", data=broken)
    _worker_runs_what_is_queued()
    pending.refresh_from_db()
    assert pending.state == PendingImport.State.FAILED
    assert pending.problems
    assert all("Plan-Q2.pdf" in problem for problem in pending.problems)
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("web:import-review", args=[pending.pk])).content.decode()
    assert "could not be read as a plan" in page
    assert "http-equiv" not in page
    assert Plan.objects.count() == plans_before


@pytest.mark.django_db(transaction=True)
def test_the_api_answers_202_and_the_report_follows_when_read(
    settings, officer, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    headers = bearer(officer, ApiToken.Scope.WRITE)
    with django_capture_on_commit_callbacks(execute=True):
        uploaded = Client().post(
            "/api/v1/imports",
            {"file": _file("plan.pdf", plan_table_pdf()), "organisation": officer_council(officer)},
            headers=headers,
        )
    assert uploaded.status_code == 202, uploaded.content
    assert (uploaded.json()["state"], uploaded.json()["item_count"]) == ("reading", 0)
    url = f"/api/v1/imports/{uploaded.json()['id']}"
    early = Client().post(url + "/confirm", {}, content_type="application/json", headers=headers)
    assert early.status_code == 409
    _worker_runs_what_is_queued()
    read = Client().get(url, headers=headers).json()
    assert (read["state"], read["percent"]) == ("ready", 100)
    assert read["item_count"] >= 2


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def officer_council(officer) -> str:
    return officer.memberships.get().organisation.name
