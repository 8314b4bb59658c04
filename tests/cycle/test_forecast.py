"""The owner's forecast of the year-end status: saved with the update, audited, guarded by
the update's version, and shown wherever the update is shown."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from councilplan.cycle import services
from councilplan.cycle.errors import STATUS_NOT_IN_SCHEME_ERROR, CycleError
from councilplan.cycle.services import FORECAST_FIELD_LABEL, UpdateDraft
from councilplan.history.selectors import change_record_list_for
from councilplan.plans.models import ProgressUpdate
from councilplan.plans.services import StatusDefinition, status_scheme_create
from councilplan.web.update_forms import FORECAST_HINT
from tests.cycle.world import PLAN_ID


def status(world, code):
    return world.plan.status_scheme.statuses.get(code=code)


@pytest.fixture
def q2(world):
    return services.period_open(
        user=world.officer, period=world.period("2024-Q2"), updates_due_on=date(2024, 10, 14)
    )


def save(world, period, *, forecast, version=0, commentary="Benches ordered"):
    return services.update_save(
        user=world.owner,
        item=world.item("A1"),
        period=period,
        based_on_version=version,
        draft=UpdateDraft(
            status=status(world, "amber"),
            forecast_status=forecast,
            percent_complete=Decimal(40),
            commentary=commentary,
        ),
    )


def edit_url() -> str:
    return reverse("cycle:update-edit", kwargs={"plan": PLAN_ID, "key": "A1", "period": "2024-Q2"})


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_owner_saves_a_forecast_and_it_is_stored_and_audited(world, q2):
    green = status(world, "green")
    update = save(world, q2, forecast=None)
    assert update.forecast_status is None
    update = save(world, q2, forecast=green, version=update.version)
    stored = ProgressUpdate.objects.get(pk=update.pk)
    assert (stored.status.code, stored.forecast_status.code) == ("amber", "green")
    record = change_record_list_for(instance=stored).order_by("at", "id").last()
    assert record.actor == world.owner
    assert record.changes["forecast_status"][-1] == str(green.pk)
    cleared = save(world, q2, forecast=None, version=update.version)
    assert ProgressUpdate.objects.get(pk=cleared.pk).forecast_status is None


def test_a_forecast_from_another_status_scheme_is_refused(world, q2):
    other = status_scheme_create(
        name="Another council's words", statuses=[StatusDefinition("good", "Good", "green")]
    )
    with pytest.raises(CycleError, match=STATUS_NOT_IN_SCHEME_ERROR.format(status="Good")):
        save(world, q2, forecast=other.statuses.get())
    assert not ProgressUpdate.objects.filter(item=world.item("A1"), period=q2).exists()


def test_a_stale_save_names_the_changed_forecast(world, q2):
    first = save(world, q2, forecast=status(world, "green"))
    save(world, q2, forecast=status(world, "red"), version=first.version)
    with pytest.raises(services.StaleUpdateError) as raised:
        save(world, q2, forecast=status(world, "amber"), version=first.version)
    differences = {d.field: (d.theirs, d.yours) for d in raised.value.differences}
    assert differences == {FORECAST_FIELD_LABEL: ("Red", "Amber")}
    assert ProgressUpdate.objects.get(item=world.item("A1"), period=q2).forecast_status.code == (
        "red"
    )


def test_the_form_saves_the_forecast_and_shows_it_when_reopened(world, q2):
    owner = client_for(world.owner)
    page = owner.get(edit_url()).content.decode()
    assert FORECAST_FIELD_LABEL in page
    assert FORECAST_HINT in page
    assert 'name="forecast_status"' in page
    assert " checked" not in page  # nothing chosen for a new update
    red = status(world, "red")
    data = {
        "version": "0",
        "status": str(status(world, "green").pk),
        "forecast_status": str(red.pk),
        "percent_complete": "40",
        "commentary": "Benches ordered",
        "next_steps": "",
        "action": "save",
    }
    assert owner.post(edit_url(), data).status_code == 302
    update = ProgressUpdate.objects.get(item=world.item("A1"), period=q2)
    assert update.forecast_status == red
    page = owner.get(edit_url()).content.decode()
    index = [s.pk for s in world.plan.status_scheme.statuses.filter(disabled_on=None)].index(red.pk)
    assert f'id="id_forecast_status_{index}" name="forecast_status" type="radio" ' in page
    assert f'value="{red.pk}" checked>' in page
    # Saving "No forecast" clears it.
    owner.post(edit_url(), {**data, "version": str(update.version), "forecast_status": ""})
    assert ProgressUpdate.objects.get(pk=update.pk).forecast_status is None


def test_the_reviewer_and_the_item_page_show_the_forecast(world, q2):
    update = save(world, q2, forecast=status(world, "red"))
    services.update_submit(user=world.owner, update=update)
    officer = client_for(world.officer)
    review = reverse(
        "cycle:update-review", kwargs={"plan": PLAN_ID, "key": "A1", "period": "2024-Q2"}
    )
    page = officer.get(review).content.decode()
    assert f"{FORECAST_FIELD_LABEL}</dt>" in page
    assert '<dd class="govuk-summary-list__value">Red</dd>' in page
    item_page = reverse("web:item-detail", kwargs={"slug": PLAN_ID, "item_id": world.item("A1").pk})
    assert "Forecast: Red" in officer.get(item_page).content.decode()


def test_a_submitted_update_shows_its_forecast_to_the_owner(world, q2):
    update = save(world, q2, forecast=status(world, "complete"))
    services.update_submit(user=world.owner, update=update)
    page = client_for(world.owner).get(edit_url()).content.decode()
    assert 'name="forecast_status"' not in page  # no longer editable
    assert (
        f'{FORECAST_FIELD_LABEL}</dt><dd class="govuk-summary-list__value">'
        f"{status(world, 'complete').label}</dd>"
    ) in page
