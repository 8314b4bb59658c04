from datetime import date

from councilplan.cycle import services
from councilplan.cycle.selectors import (
    obligations_for,
    parties_not_updated,
    published_snapshot_latest,
    round_summary,
)
from councilplan.cycle.services import UpdateDraft


def test_an_owner_owes_the_actions_below_what_they_lead_in_open_periods_only(world):
    assert obligations_for(user=world.owner) == []
    services.period_open(user=world.officer, period=world.period("2024-Q2"))
    owed = obligations_for(user=world.owner)
    assert [(o.item.key, o.period.key, o.state_label) for o in owed] == [
        ("A1", "2024-Q2", "Not started"),
        ("A2", "2024-Q2", "Not started"),
    ]
    assert [o.item.key for o in obligations_for(user=world.other_owner)] == ["B1"]
    assert obligations_for(user=world.reader) == []


def test_the_round_shows_who_has_and_has_not_updated(world):
    period = services.period_open(user=world.officer, period=world.period("2024-Q2"))
    update = services.update_save(
        user=world.owner,
        item=world.item("A1"),
        period=period,
        based_on_version=0,
        draft=UpdateDraft(status=world.plan.status_scheme.statuses.get(code="green")),
    )
    services.update_submit(user=world.owner, update=update)
    summary = round_summary(period=period)
    assert [row.item.key for row in summary.updated] == ["A1"]
    assert [row.item.key for row in summary.not_updated] == ["A2", "B1"]
    assert summary.counts == {"Submitted": 1, "Not started": 2}
    owed = {
        party.name: [i.key for i in items]
        for party, items in parties_not_updated(period=period).items()
    }
    assert owed == {"Olivia Owner": ["A2"], "Oscar Other": ["B1"]}


def test_the_latest_snapshot_is_what_the_public_see(world):
    assert published_snapshot_latest(plan=world.plan) is None
    q1 = world.period("2024-Q1")
    services.period_open(user=world.officer, period=q1, updates_due_on=date(2024, 7, 14))
    first = services.period_publish(user=world.officer, period=q1)
    assert published_snapshot_latest(plan=world.plan) == first
    assert first.content["counts"]["updates"] == 2  # A1 and B1 imported as approved; A2 private
