from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle import services
from councilplan.cycle.errors import (
    PERIOD_CANNOT_PUBLISH_ERROR,
    PERIOD_LOCKED_ERROR,
    REOPEN_REASON_REQUIRED_ERROR,
    RETURN_COMMENT_REQUIRED_ERROR,
    UPDATE_CANNOT_APPROVE_ERROR,
    UPDATE_NEXT_STEPS_REQUIRED_ERROR,
    UPDATE_NOT_EDITABLE_ERROR,
    UPDATE_STATUS_REQUIRED_ERROR,
    CycleError,
)
from councilplan.cycle.models import PublishedSnapshot
from councilplan.cycle.services import UpdateDraft
from councilplan.history.selectors import change_record_list_for
from councilplan.plans.models import MeasureValue, ProgressUpdate, ReportingPeriod

State = ProgressUpdate.State


def status(world, code):
    return world.plan.status_scheme.statuses.get(code=code)


def open_q2(world):
    return services.period_open(
        user=world.officer, period=world.period("2024-Q2"), updates_due_on=date(2024, 10, 14)
    )


def draft_for(world, **changes):
    values = {"status": status(world, "green"), "percent_complete": Decimal(40)}
    values.update(changes)
    return UpdateDraft(**values)


def owner_saves(world, period, *, user=None, item="A1", version=0, draft=None, **changes):
    """update_save as the item's owner (unless `user`), of item A1 (unless `item`: a key or
    an item), on version 0 (unless `version`), of `draft_for(world, **changes)` (unless
    `draft`)."""
    return services.update_save(
        user=world.owner if user is None else user,
        item=world.item(item) if isinstance(item, str) else item,
        period=period,
        based_on_version=version,
        draft=draft_for(world, **changes) if draft is None else draft,
    )


@pytest.fixture
def save_update(world):
    """`save_update(period, commentary="…")`: see owner_saves."""
    return lambda period, **options: owner_saves(world, period, **options)


def submitted_a1(world):
    period = open_q2(world)
    update = owner_saves(world, period, commentary="Benches ordered")
    return services.update_submit(user=world.owner, update=update)


def test_opening_a_period_sets_it_open_with_its_due_date_and_audits_it(world):
    period = open_q2(world)
    period.refresh_from_db()
    assert period.state == ReportingPeriod.State.OPEN
    assert period.updates_due_on == date(2024, 10, 14)
    event = change_record_list_for(instance=period).filter(action="event").first()
    assert event.changes["event"] == "period_opened"
    assert event.actor == world.officer


def test_opening_without_a_due_date_gives_owners_two_weeks_after_the_period(world):
    period = services.period_open(user=world.officer, period=world.period("2024-Q2"))
    assert period.updates_due_on == date(2024, 10, 14)


def test_an_owner_saves_a_draft_then_submits_it(world, save_update):
    period = open_q2(world)
    update = save_update(period, commentary="Benches ordered", measure_actuals={})
    assert update.state == State.DRAFT
    assert update.version == 1
    assert update.author_name == "Olivia Owner"  # her name, not her user name
    assert update.modified_by == world.owner
    submitted = services.update_submit(user=world.owner, update=update)
    assert submitted.state == State.SUBMITTED
    assert submitted.submitted_on is not None


def test_measure_actuals_are_saved_with_their_number(world, save_update):
    period = open_q2(world)
    measure = world.item("A1").measures.get()
    save_update(period, measure_actuals={measure.pk: "1,250"})
    value = MeasureValue.objects.get(measure=measure, period=period)
    assert value.text == "1,250"
    assert value.value == Decimal(1250)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("£3.3m", Decimal(3_300_000)),
        ("4,007 t CO2e", Decimal(4007)),
        ("about 12", Decimal(12)),
    ],
)
def test_measure_actuals_are_read_as_the_importer_reads_them(world, typed, number, save_update):
    period = open_q2(world)
    measure = world.item("A1").measures.get()
    save_update(period, measure_actuals={measure.pk: typed})
    value = MeasureValue.objects.get(measure=measure, period=period)
    assert (value.text, value.value, value.comparator) == (typed, number, "=")


def test_the_officer_returns_an_update_with_a_comment_and_the_owner_resubmits(world, save_update):
    update = submitted_a1(world)
    returned = services.update_return(user=world.officer, update=update, comment="Add the cost")
    assert returned.state == State.RETURNED
    assert returned.review_comment == "Add the cost"
    reworked = save_update(
        returned.period, version=returned.version, commentary="Benches ordered: £12,000"
    )
    assert reworked.state == State.RETURNED
    assert services.update_submit(user=world.owner, update=reworked).state == State.SUBMITTED


def test_returning_needs_a_comment(world):
    update = submitted_a1(world)
    with pytest.raises(CycleError, match=RETURN_COMMENT_REQUIRED_ERROR):
        services.update_return(user=world.officer, update=update, comment="  ")


def test_the_officer_approves_a_submitted_update(world):
    update = services.update_approve(user=world.officer, update=submitted_a1(world))
    assert update.state == State.APPROVED
    assert update.reviewed_on is not None


def test_a_draft_cannot_be_approved(world, save_update):
    period = open_q2(world)
    update = save_update(period)
    with pytest.raises(CycleError) as raised:
        services.update_approve(user=world.officer, update=update)
    assert str(raised.value) == UPDATE_CANNOT_APPROVE_ERROR.format(state_label="draft")


def test_a_submitted_update_cannot_be_edited_until_returned(world, save_update):
    update = submitted_a1(world)
    with pytest.raises(CycleError) as raised:
        save_update(update.period, version=update.version)
    assert str(raised.value) == UPDATE_NOT_EDITABLE_ERROR.format(state_label="submitted")


def test_submitting_needs_a_status(world, save_update):
    period = open_q2(world)
    update = save_update(period, draft=UpdateDraft(commentary="Something"))
    with pytest.raises(CycleError, match=UPDATE_STATUS_REQUIRED_ERROR):
        services.update_submit(user=world.owner, update=update)


def test_a_red_update_needs_next_steps_before_it_is_submitted(world, save_update):
    period = open_q2(world)
    update = save_update(period, status=status(world, "red"))
    with pytest.raises(CycleError) as raised:
        services.update_submit(user=world.owner, update=update)
    assert str(raised.value) == UPDATE_NEXT_STEPS_REQUIRED_ERROR.format(status="Red")


def test_percent_beyond_100_is_refused(world, save_update):
    period = open_q2(world)
    with pytest.raises(ValidationError):
        save_update(period, percent_complete=Decimal(120))
    assert not ProgressUpdate.objects.filter(period=period).exists()


def test_a_planned_period_refuses_updates(world, save_update):
    with pytest.raises(CycleError, match="is not open for updates"):
        save_update(world.period("2024-Q2"))


def test_a_planned_period_cannot_be_published(world):
    period = world.period("2024-Q2")
    with pytest.raises(CycleError) as raised:
        services.period_publish(user=world.officer, period=period)
    assert str(raised.value) == PERIOD_CANNOT_PUBLISH_ERROR.format(period=period.label)


def test_closing_stops_new_updates_but_allows_review(world, save_update):
    update = submitted_a1(world)
    services.period_close(user=world.officer, period=update.period)
    with pytest.raises(CycleError, match="is not open for updates"):
        save_update(update.period, user=world.other_owner, item="B1")
    assert services.update_approve(user=world.officer, update=update).state == State.APPROVED


def test_publishing_snapshots_only_approved_updates_of_public_items(world, save_update):
    approved = services.update_approve(user=world.officer, update=submitted_a1(world))
    period = approved.period
    draft = save_update(
        period, user=world.other_owner, item="B1", commentary="A draft nobody approved"
    )
    hidden = save_update(period, item="A2", commentary="Confidential words")
    services.update_approve(
        user=world.officer, update=services.update_submit(user=world.owner, update=hidden)
    )
    snapshot = services.period_publish(user=world.officer, period=period)
    period.refresh_from_db()
    assert period.state == ReportingPeriod.State.PUBLISHED
    assert period.published_on == snapshot.published_on
    items = {entry["key"]: entry for entry in snapshot.content["items"]}
    assert set(items) == {"P1", "A1", "P2", "B1"}
    assert items["A1"]["update"]["commentary"] == "Benches ordered"
    assert items["B1"]["update"] is None
    text = str(snapshot.content)
    assert "A draft nobody approved" not in text
    assert "Confidential" not in text
    assert "Olivia" not in text  # no officers' names on public pages
    assert draft.state == State.DRAFT
    assert snapshot.content["counts"]["updates"] == 1


def test_a_published_period_refuses_every_change(world, save_update):
    update = services.update_approve(user=world.officer, update=submitted_a1(world))
    period = update.period
    services.period_publish(user=world.officer, period=period)
    locked = PERIOD_LOCKED_ERROR.format(period=period.label)
    attempts = [
        lambda: save_update(period, item="A2"),
        lambda: services.update_return(user=world.officer, update=update, comment="Late change"),
        lambda: services.period_open(user=world.officer, period=period),
        lambda: services.period_close(user=world.officer, period=period),
        lambda: services.period_publish(user=world.officer, period=period),
    ]
    for attempt in attempts:
        with pytest.raises(CycleError) as raised:
            attempt()
        assert str(raised.value) == locked
    update.refresh_from_db()
    assert update.state == State.APPROVED
    assert PublishedSnapshot.objects.filter(period=period).count() == 1


def test_reopening_needs_a_reason_and_is_audited_with_it(world):
    update = services.update_approve(user=world.officer, update=submitted_a1(world))
    period = update.period
    services.period_publish(user=world.officer, period=period)
    with pytest.raises(CycleError, match=REOPEN_REASON_REQUIRED_ERROR):
        services.period_reopen(user=world.officer, period=period, reason="")
    reopened = services.period_reopen(
        user=world.officer, period=period, reason="Cabinet asked for the Q2 tree count"
    )
    assert reopened.state == ReportingPeriod.State.OPEN
    events = change_record_list_for(instance=period).filter(action="event")
    reopen = next(e for e in events if e.changes["event"] == "period_reopened")
    assert reopen.changes["reason"] == "Cabinet asked for the Q2 tree count"
    assert reopen.actor == world.officer
    assert reopen.reason == "Cabinet asked for the Q2 tree count"
    # The public keep the last published snapshot until the period is published again.
    assert PublishedSnapshot.objects.filter(period=period).count() == 1
    services.update_return(user=world.officer, update=update, comment="Add the tree count")


def test_two_people_editing_the_same_update_the_second_save_is_refused(world, save_update):
    period = open_q2(world)
    item = world.item("A1")
    first = save_update(period, item=item, commentary="Draft one")
    # Olivia and Percy both open version 1; Olivia saves first.
    save_update(
        period, item=item, version=first.version, commentary="Benches ordered from the supplier"
    )
    with pytest.raises(services.StaleUpdateError) as raised:
        save_update(
            period,
            user=world.officer,
            item=item,
            version=first.version,
            commentary="Benches delayed",
            percent_complete=Decimal(30),
        )
    error = raised.value
    differences = {d.field: (d.theirs, d.yours) for d in error.differences}
    assert differences == {
        "Commentary": ("Benches ordered from the supplier", "Benches delayed"),
        "Percent complete": ("40%", "30%"),
    }
    message = str(error)
    assert "Olivia Owner saved this update" in message
    assert "Benches ordered from the supplier" in message
    assert "Benches delayed" in message
    saved = ProgressUpdate.objects.get(item=item, period=period)
    assert saved.commentary == "Benches ordered from the supplier"
    assert saved.version == 2
    # Having seen what changed, the officer may deliberately save on top of version 2.
    kept = save_update(
        period,
        user=world.officer,
        item=item,
        version=error.current_version,
        commentary="Benches delayed",
    )
    assert kept.commentary == "Benches delayed"


def test_two_people_starting_the_same_new_update_the_second_is_refused(world, save_update):
    period = open_q2(world)
    save_update(period, commentary="Mine")
    with pytest.raises(services.StaleUpdateError, match="Mine"):
        save_update(period, user=world.officer, commentary="Theirs")


def test_every_change_to_an_update_is_in_its_history(world):
    update = services.update_approve(user=world.officer, update=submitted_a1(world))
    records = list(change_record_list_for(instance=update).order_by("at", "id"))
    assert [r.action for r in records] == ["created", "updated", "updated"]
    assert [r.actor for r in records] == [world.owner, world.owner, world.officer]
    assert records[-1].changes["state"] == ["submitted", "approved"]


@pytest.mark.parametrize("who", ["other_owner", "reader", "outsider"])
def test_only_the_items_owners_and_officers_may_write_its_update(world, who, save_update):
    period = open_q2(world)
    with pytest.raises(PermissionDenied):
        save_update(period, user=getattr(world, who))


def test_an_owner_may_write_updates_below_the_item_they_lead(world, save_update):
    period = open_q2(world)
    update = save_update(period, item="A2")
    assert update.pk


@pytest.mark.parametrize("who", ["owner", "reader", "outsider"])
def test_only_officers_run_the_cycle(world, who):
    user = getattr(world, who)
    with pytest.raises(PermissionDenied):
        services.period_open(user=user, period=world.period("2024-Q2"))
    update = submitted_a1(world)
    with pytest.raises(PermissionDenied):
        services.update_approve(user=user, update=update)
    with pytest.raises(PermissionDenied):
        services.update_return(user=user, update=update, comment="No")
    with pytest.raises(PermissionDenied):
        services.period_publish(user=user, period=update.period)


def test_the_system_may_run_the_cycle_and_is_recorded_as_the_actor(world):
    period = services.period_open(user=SYSTEM_USER, period=world.period("2024-Q2"))
    event = change_record_list_for(instance=period).filter(action="event").first()
    assert event.actor is None
    assert event.actor_name == "system"


def test_returning_an_update_e_mails_its_owner_the_comment(
    world, django_capture_on_commit_callbacks
):
    from django.core import mail

    update = submitted_a1(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_return(user=world.officer, update=update, comment="Add the cost")
    assert [m.to for m in mail.outbox] == [["olivia@example.gov.uk"]]
    assert mail.outbox[0].subject == "Your Q2 2024/25 update for 1.1 has been returned to you"
    assert "Add the cost" in mail.outbox[0].body
    assert "/plans/cycle-plan/items/A1/update/2024-Q2/" in mail.outbox[0].body
