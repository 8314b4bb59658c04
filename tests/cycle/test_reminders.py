from datetime import date

import pytest
from django.core import mail

from councilplan.cycle import services
from councilplan.cycle.services import UpdateDraft
from councilplan.history.selectors import change_record_list_for


@pytest.fixture
def open_period(world):
    return services.period_open(
        user=world.officer, period=world.period("2024-Q2"), updates_due_on=date(2024, 10, 14)
    )


def test_before_the_deadline_each_owner_without_an_update_gets_one_reminder(world, open_period):
    outcome = services.reminders_send(
        user=world.officer, period=open_period, today=date(2024, 10, 1)
    )
    assert outcome.overdue is False
    assert outcome.sent_to == ["olivia@example.gov.uk", "oscar@example.gov.uk"]
    assert outcome.sent_words() == "2 reminders sent"
    olivia = next(m for m in mail.outbox if m.to == ["olivia@example.gov.uk"])
    assert olivia.subject.startswith("Reminder: your Q2 2024/25 progress updates")
    assert "14 October 2024" in olivia.subject
    assert "Renew street furniture" in olivia.body
    assert "Confidential estate renewal talks" in olivia.body
    assert "Plant 500 trees" not in olivia.body
    assert "/plans/cycle-plan/items/A1/update/2024-Q2/" in olivia.body


def test_after_a_missed_deadline_only_those_still_owing_get_an_overdue_notice(world, open_period):
    for key in ("A1", "A2"):
        update = services.update_save(
            user=world.owner,
            item=world.item(key),
            period=open_period,
            based_on_version=0,
            draft=UpdateDraft(status=world.plan.status_scheme.statuses.get(code="green")),
        )
        services.update_submit(user=world.owner, update=update)
    outcome = services.reminders_send(
        user=world.officer, period=open_period, today=date(2024, 10, 20)
    )
    assert outcome.overdue is True
    assert [m.to for m in mail.outbox] == [["oscar@example.gov.uk"]]
    assert mail.outbox[0].subject.startswith("Overdue:")
    assert outcome.sent_words() == "1 overdue notice sent"  # not "1 overdue notices sent"
    event = change_record_list_for(instance=open_period).filter(action="event").first()
    assert event.changes["event"] == "reminders_sent"
    assert event.changes["sent_to"] == ["oscar@example.gov.uk"]


def test_an_owner_with_no_address_is_reported_not_skipped_silently(world, open_period):
    world.other_owner.email = ""
    world.other_owner.save()
    outcome = services.reminders_send(
        user=world.officer, period=open_period, today=date(2024, 10, 1)
    )
    assert outcome.without_address == ["Oscar Other"]
    assert outcome.sent_to == ["olivia@example.gov.uk"]


def test_reminders_go_out_for_every_open_period_and_only_those(world, open_period):
    results = services.reminders_send_for_open_periods(user=world.officer, today=date(2024, 10, 1))
    assert [(period.key, len(outcome.sent_to)) for period, outcome in results] == [("2024-Q2", 2)]
    assert len(mail.outbox) == 2


def test_links_use_the_sites_address_and_long_titles_are_cut_at_a_word(
    world, open_period, settings
):
    # Before, links always said http://127.0.0.1:8000 and titles were cut mid-word.
    settings.COUNCILPLAN_SITE_URL = "https://plans.testborough.gov.uk/"
    item = world.item("A1")
    item.title = "Renew street furniture " + "across every neighbourhood of the borough " * 4
    item.save()
    services.reminders_send(user=world.officer, period=open_period, today=date(2024, 10, 1))
    olivia = next(m for m in mail.outbox if m.to == ["olivia@example.gov.uk"])
    assert "https://plans.testborough.gov.uk/plans/cycle-plan/items/A1/update/2024-Q2/" in (
        olivia.body
    )
    assert "https://plans.testborough.gov.uk/my-updates/" in olivia.body
    assert "8000" not in olivia.body
    line = next(line for line in olivia.body.splitlines() if "Renew street furniture" in line)
    assert line.endswith("…")
    shown = line.removeprefix("- 1.1 ")[:-1]
    assert item.title.startswith(shown)
    assert item.title[len(shown)] == " "  # cut between words, not inside one
