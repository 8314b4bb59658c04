"""The plan-editing pages through Django's test client: forms, refusals beside the field,
the conflict page (HTTP 409), and what the item page offers to whom."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from councilplan.editing.errors import DUE_BEFORE_START_ERROR, MOVE_UNDER_ITSELF_ERROR
from councilplan.plans.models import PlanItem
from tests.cycle.world import World


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _item_form(item: PlanItem, **changes: str) -> dict[str, str]:
    data = {
        "version": str(item.version),
        "title": item.title,
        "ref": item.ref,
        "weight": "1",
        "is_public": "on",
    }
    data.update(changes)
    return data


def test_the_item_page_offers_editing_to_officers_only(world: World) -> None:
    url = reverse("web:item-detail", args=[world.plan.slug, world.item("A1").pk])
    edit = reverse("web:item-edit", args=[world.plan.slug, world.item("A1").pk])
    assert edit in _client(world.officer).get(url).content.decode()
    assert edit not in _client(world.owner).get(url).content.decode()


def test_an_officer_adds_an_action_under_a_priority(world: World) -> None:
    parent = world.item("P2")
    url = reverse("web:item-create", args=[world.plan.slug]) + f"?parent={parent.pk}"
    page = _client(world.officer).get(url)
    assert "Add action under 2" in page.content.decode()
    response = _client(world.officer).post(
        url,
        {
            "parent": str(parent.pk),
            "title": "Plant a community orchard",
            "ref": "2.2",
            "due_date_day": "31",
            "due_date_month": "3",
            "due_date_year": "2025",
            "weight": "1",
        },
    )
    assert response.status_code == 302
    item = world.plan.items.get(ref="2.2")
    assert item.parent == parent
    assert str(item.due_date) == "2025-03-31"


def test_a_bad_date_and_a_due_date_before_the_start_are_named(world: World) -> None:
    item = world.item("A1")
    url = reverse("web:item-edit", args=[world.plan.slug, item.pk])
    response = _client(world.officer).post(
        url, _item_form(item, due_date_day="31", due_date_month="2", due_date_year="2025")
    )
    assert response.status_code == 400
    assert "Enter due date as a real date" in response.content.decode()
    response = _client(world.officer).post(
        url,
        _item_form(
            item,
            start_date_day="1",
            start_date_month="6",
            start_date_year="2025",
            due_date_day="1",
            due_date_month="1",
            due_date_year="2025",
        ),
    )
    assert response.status_code == 400
    assert DUE_BEFORE_START_ERROR in response.content.decode()
    assert 'href="#id_due_date_day"' in response.content.decode()


def test_two_officers_editing_the_same_item_the_second_gets_the_conflict_page(
    world: World,
) -> None:
    item = world.item("A1")
    url = reverse("web:item-edit", args=[world.plan.slug, item.pk])
    first = _client(world.officer).post(url, _item_form(item, title="Renew benches"))
    assert first.status_code == 302
    second = _client(world.administrator).post(url, _item_form(item, title="Renew bins"))
    assert second.status_code == 409
    page = second.content.decode()
    assert "Renew benches" in page
    assert "Renew bins" in page
    item.refresh_from_db()
    assert item.title == "Renew benches"
    # Saving again from the conflict page keeps the second version, deliberately.
    version = second.context["form"]["version"].value()
    again = _client(world.administrator).post(
        url, _item_form(item, title="Renew bins", version=str(version))
    )
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.title == "Renew bins"


def test_moving_under_its_own_child_is_refused_on_the_page(world: World) -> None:
    priority = world.item("P1")
    url = reverse("web:item-move", args=[world.plan.slug, priority.pk])
    page = _client(world.officer).get(url).content.decode()
    assert f'value="{world.item("A1").pk}"' not in page  # not offered
    response = _client(world.officer).post(url, {"parent": str(world.item("A1").pk)})
    assert response.status_code == 400
    assert MOVE_UNDER_ITSELF_ERROR in response.content.decode()


def test_archive_lists_and_restores(world: World) -> None:
    client = _client(world.officer)
    item = world.item("A2")
    archive = reverse("web:item-archive", args=[world.plan.slug, item.pk])
    assert client.post(archive, {"reason": ""}).status_code == 400
    assert client.post(archive, {"reason": "Talks ended"}).status_code == 302
    tree = client.get(reverse("web:plan-tree", args=[world.plan.slug])).content.decode()
    assert "Confidential estate renewal talks" not in tree
    archived = client.get(reverse("web:plan-archived", args=[world.plan.slug])).content.decode()
    assert "Talks ended" in archived
    detail = client.get(reverse("web:item-detail", args=[world.plan.slug, item.pk]))
    assert "Archived on" in detail.content.decode()
    restore = reverse("web:item-restore", args=[world.plan.slug, item.pk])
    assert client.post(restore).status_code == 302
    tree = client.get(reverse("web:plan-tree", args=[world.plan.slug])).content.decode()
    assert "Confidential estate renewal talks" in tree


def test_plan_settings_add_periods_and_rename_levels(world: World) -> None:
    plan = world.plan
    url = reverse("web:plan-settings", args=[plan.slug])
    form = _client(world.officer).get(url).context["form"]
    data = {
        name: form[name].value() for name in form.fields if name not in ("starts_on", "ends_on")
    }
    data = {name: "" if value is None else str(value) for name, value in data.items()}
    data.update(
        starts_on_day="1",
        starts_on_month="4",
        starts_on_year="2024",
        ends_on_day="31",
        ends_on_month="3",
        ends_on_year="2026",
        level_0="Theme",
    )
    before = plan.periods.count()
    response = _client(world.officer).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert plan.periods.count() == before + 4
    assert plan.levels.get(depth=0).name == "Theme"


class _FormAsShown(HTMLParser):
    """The fields of the page's main form with the values it shows, as a browser would send
    them (text, checked boxes and radios, selected options, text areas)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._select = ""
        self._textarea = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        name = attr.get("name", "")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            if attr.get("type") not in ("checkbox", "radio") or "checked" in attr:
                self.data[name] = attr.get("value", "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attr:
            self.data[self._select] = attr.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = ""
        elif tag == "textarea":
            self._textarea = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n")


def _as_shown(page: str) -> dict[str, str]:
    reader = _FormAsShown()
    reader.feed(page)
    return reader.data


def _measure_a1_url(world: World) -> str:
    measure = world.item("A1").measures.get()
    return reverse("web:measure-edit", args=[world.plan.slug, measure.pk])


def _risk_url(world: World) -> str:
    from councilplan.editing.risks import RiskFields, risk_create

    risk = risk_create(user=world.officer, plan=world.plan, values=RiskFields(description="Cut"))
    return reverse("web:risk-edit", args=[world.plan.slug, risk.pk])


def _plan_settings_url(world: World) -> str:
    return reverse("web:plan-settings", args=[world.plan.slug])


@pytest.mark.parametrize(
    ("page", "field", "first", "second"),
    [
        (_measure_a1_url, "name", "Benches renewed", "Benches replaced"),
        (_risk_url, "description", "Funding cut", "Funding withdrawn"),
        (_plan_settings_url, "title", "Greener borough plan", "Cleaner borough plan"),
    ],
)
def test_every_editing_page_gives_the_second_of_two_officers_the_conflict_page(
    world: World, page, field: str, first: str, second: str
) -> None:
    url = page(world)
    shown = _as_shown(_client(world.officer).get(url).content.decode())
    saved = _client(world.officer).post(url, {**shown, field: first})
    assert saved.status_code == 302, saved.content.decode()[:3000]
    late = _client(world.administrator).post(url, {**shown, field: second})
    assert late.status_code == 409
    page_text = late.content.decode()
    assert first in page_text
    assert second in page_text
    # The conflict page's form is based on the version saved: sending it again keeps it.
    rebased = _as_shown(page_text)
    assert rebased["version"] != shown["version"]
    assert rebased[field] == second
    again = _client(world.administrator).post(url, rebased)
    assert again.status_code == 302
    assert _as_shown(_client(world.officer).get(url).content.decode())[field] == second
