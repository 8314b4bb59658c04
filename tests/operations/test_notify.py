"""E-mail through GOV.UK Notify: what the reminders send arrives at a stand-in that speaks
Notify's API and checks its tokens; a refusal is an error naming the address, never lost."""

import environ
import pytest
from django.core.mail import EmailMessage, send_mail

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.config.settings.mail import NOTIFY_BACKEND, mailers_from
from councilplan.cycle import services as cycle
from councilplan.operations.notify import (
    MESSAGE_KIND_HEADER,
    NotifyEmailBackend,
    NotifyError,
)
from tests.cycle.world import cycle_world
from tests.operations.notify_stand_in import API_KEY, REFUSED_ADDRESS, NotifyStandIn

DEFAULT_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
RETURNED_TEMPLATE = "a2b8b2a4-6a1d-4f4e-9a4e-7d4f0c1e2b3c"


@pytest.fixture
def notify(settings):
    with NotifyStandIn() as stand_in:
        settings.MAILERS = {
            "default": {
                "BACKEND": NOTIFY_BACKEND,
                "OPTIONS": {
                    "api_key": API_KEY,
                    "template_id": DEFAULT_TEMPLATE,
                    "templates": f"returned={RETURNED_TEMPLATE}",
                    "base_url": stand_in.url,
                },
            }
        }
        yield stand_in


@pytest.mark.django_db
def test_reminders_go_through_notify_one_email_per_owner_with_subject_and_body(notify):
    world = cycle_world()
    period = cycle.period_open(user=SYSTEM_USER, period=world.period("2024-Q2"))
    outcome = cycle.reminders_send(user=world.officer, period=period)

    assert outcome.sent_to
    assert sorted(sent["email_address"] for sent in notify.received) == sorted(outcome.sent_to)
    for sent in notify.received:
        assert sent["template_id"] == DEFAULT_TEMPLATE
        assert "Q2 2024/25" in sent["personalisation"]["subject"]
        assert "/update/2024-Q2/" in sent["personalisation"]["body"]


def test_a_message_of_a_named_kind_uses_its_own_template(notify):
    message = EmailMessage(
        "Your update was returned", "Please add next steps.", None, ["olivia@example.gov.uk"],
        headers={MESSAGE_KIND_HEADER: "returned"},
    )  # fmt: skip
    assert message.send() == 1
    assert notify.received[-1]["template_id"] == RETURNED_TEMPLATE
    assert notify.received[-1]["reference"] == "returned"


def test_a_refused_address_is_an_error_naming_it(notify):
    with pytest.raises(NotifyError, match=REFUSED_ADDRESS):
        send_mail("Subject", "Body", None, [REFUSED_ADDRESS])
    quiet = NotifyEmailBackend(
        True, api_key=API_KEY, template_id=DEFAULT_TEMPLATE, base_url=notify.url
    )
    assert quiet.send_messages([EmailMessage("S", "B", None, [REFUSED_ADDRESS])]) == 0


def test_a_wrong_api_key_is_refused_by_notify_and_said(settings):
    with NotifyStandIn() as stand_in:
        backend = NotifyEmailBackend(
            api_key=API_KEY[:-1] + "0", template_id=DEFAULT_TEMPLATE, base_url=stand_in.url
        )
        with pytest.raises(NotifyError, match="403"):
            backend.send_messages([EmailMessage("S", "B", None, ["a@example.gov.uk"])])
        assert stand_in.received == []


def test_notify_without_its_key_or_template_refuses_to_start():
    with pytest.raises(NotifyError, match="COUNCILPLAN_NOTIFY_API_KEY"):
        NotifyEmailBackend(api_key="", template_id=DEFAULT_TEMPLATE)
    with pytest.raises(NotifyError, match="COUNCILPLAN_NOTIFY_TEMPLATE_ID"):
        NotifyEmailBackend(api_key=API_KEY, template_id="")


def test_the_environment_chooses_notify_or_smtp(monkeypatch):
    monkeypatch.setenv("COUNCILPLAN_EMAIL_BACKEND", "notify")
    monkeypatch.setenv("COUNCILPLAN_NOTIFY_API_KEY", API_KEY)
    monkeypatch.setenv("COUNCILPLAN_NOTIFY_TEMPLATE_ID", DEFAULT_TEMPLATE)
    chosen = mailers_from(environ.Env(), default_backend="smtp")["default"]
    assert chosen["BACKEND"] == NOTIFY_BACKEND
    assert chosen["OPTIONS"]["api_key"] == API_KEY
    monkeypatch.delenv("COUNCILPLAN_EMAIL_BACKEND")
    smtp = mailers_from(environ.Env(), default_backend="smtp", host="mail.example")["default"]
    assert smtp == {"BACKEND": "smtp", "OPTIONS": {"host": "mail.example"}}


@pytest.mark.django_db(transaction=True)
def test_a_refused_reminder_does_not_stop_the_others_is_tried_once_more_and_shown(notify, settings):
    """The round page's reminders go through the real database task worker: one address
    Notify refuses is kept with Notify's reason, the others are sent, the refused one is
    tried once more (and no more), and the round page shows it all."""
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from councilplan.cycle.selectors import reminders_sent_lately
    from tests.operations.notify_stand_in import REFUSED_MESSAGE

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    world = cycle_world()
    period = cycle.period_open(user=SYSTEM_USER, period=world.period("2024-Q2"))
    world.other_owner.email = REFUSED_ADDRESS
    world.other_owner.save()
    client = Client()
    client.force_login(world.officer)
    url = reverse("cycle:reminders-send", kwargs={"plan": world.plan.slug, "period": "2024-Q2"})
    assert client.post(url).status_code == 302
    assert notify.received == []  # nothing sent while the officer's page waited

    def worker_runs_what_is_queued() -> None:
        call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)

    worker_runs_what_is_queued()
    first, *_ = reminders_sent_lately(period=period)
    assert first.sent == 1
    assert list(first.failed) == [REFUSED_ADDRESS]
    assert REFUSED_MESSAGE in first.failed[REFUSED_ADDRESS]  # Notify's own reason
    # The second try waits a minute; the worker takes it when it is due.
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.update(run_after=timezone.now())
    worker_runs_what_is_queued()
    tries = reminders_sent_lately(period=period)
    assert len(tries) == 2  # tried once more, and no more
    assert (tries[0].sent, list(tries[0].failed)) == (0, [REFUSED_ADDRESS])
    addresses = [sent["email_address"] for sent in notify.received]
    assert addresses.count(REFUSED_ADDRESS) == 2
    assert addresses.count("olivia@example.gov.uk") == 1  # never sent twice
    page = client.get(reverse("cycle:round", kwargs={"plan": world.plan.slug, "period": "2024-Q2"}))
    shown = page.content.decode()
    assert f"Could not be sent to {REFUSED_ADDRESS}" in shown
    assert "1 overdue notice sent" in shown  # the period's deadline passed in 2024
