import pytest
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.domain.engine import Rag
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import ProgressUpdate
from tests.interchange.full_plan import full_plan_document
from tests.web.conftest import publish, signed_in, user_with_role

pytestmark = pytest.mark.django_db


def test_home_lists_the_plan_for_a_member_with_a_link_to_its_dashboard(client, plan, reader):
    response = signed_in(client, reader).get(reverse("web:plan-index"))
    assert response.status_code == 200
    assert plan.title in response.text
    assert reverse("web:plan-dashboard", args=[plan.slug]) in response.text


def test_home_hides_an_unpublished_plan_from_the_public(client, plan):
    response = client.get(reverse("web:plan-index"))
    assert response.status_code == 200
    assert plan.title not in response.text


def test_home_shows_a_published_plan_to_the_public_without_a_dashboard_link(client, plan):
    publish(plan, "2024-Q1")
    response = client.get(reverse("web:plan-index"))
    assert plan.title in response.text
    assert reverse("web:plan-dashboard", args=[plan.slug]) not in response.text
    assert reverse("web:public-plan", args=[plan.slug]) in response.text


def test_dashboard_shows_status_mix_exceptions_changes_and_findings(client, plan, reader):
    url = reverse("web:plan-dashboard", args=[plan.slug])
    response = signed_in(client, reader).get(url, {"period": "2024-Q2"})
    assert response.status_code == 200
    page = response.text
    assert "Status mix" in page
    # Status words, never colour alone.
    assert '<strong class="govuk-tag ">Complete</strong>' in page
    assert "Exceptions" in page
    assert "What changed since" in page
    assert "Data quality" in page
    mix = {entry.word: entry.count for entry in response.context["mix"]}
    # BE6's Q2 update is only submitted, so it does not count; BE6.1 is approved complete.
    assert mix["Complete"] == 1
    assert mix.get("Green", 0) == 0


def test_dashboard_sends_an_anonymous_visitor_to_sign_in(client, plan):
    response = client.get(reverse("web:plan-dashboard", args=[plan.slug]))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_dashboard_refuses_a_user_from_another_council(client, plan, outsider):
    response = signed_in(client, outsider).get(reverse("web:plan-dashboard", args=[plan.slug]))
    assert response.status_code == 403
    assert "You cannot see this page" in response.text


def test_tree_lists_items_in_plan_order(client, plan, reader):
    response = signed_in(client, reader).get(reverse("web:plan-tree", args=[plan.slug]))
    assert response.status_code == 200
    page = response.text
    assert (
        page.index("Community Impact")
        < page.index("Harlow Pound")
        < page.index("Shop local campaign")
    )


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"search": "shop local"}, "Shop local campaign", "Harlow Pound"),
        (
            {"status": "blue", "period": "2024-Q2"},
            "Shop local campaign",
            "A second action printed as BE6",
        ),
        ({"overdue": "on", "period": "2024-Q1"}, "Shop local campaign", "A second action"),
        (
            {"has_findings": "on", "period": "2024-Q2"},
            "A second action printed as BE6",
            "Shop local campaign",
        ),
    ],
)
def test_tree_filters_narrow_the_list(client, plan, reader, query, shown, hidden):
    response = signed_in(client, reader).get(reverse("web:plan-tree", args=[plan.slug]), query)
    assert response.status_code == 200
    titles = [row.title for row in response.context["page"].object_list]
    assert shown in titles
    assert hidden not in titles


def test_tree_filters_by_owner(client, plan, reader):
    bramidge = plan.organisation.parties.get(name="Andrew Bramidge")
    response = signed_in(client, reader).get(
        reverse("web:plan-tree", args=[plan.slug]), {"owner": str(bramidge.pk)}
    )
    titles = {row.title for row in response.context["page"].object_list}
    own = set(
        plan.items.filter(
            roles__party=bramidge, roles__role__in=["lead_officer", "owner", "deputy_lead_officer"]
        ).values_list("title", flat=True)
    )
    assert own
    assert own <= titles
    # Items with no owner of their own are his to update when he leads the item above.
    for title in titles - own:
        item = plan.items.get(title=title)
        assert not item.roles.filter(role__in=["lead_officer", "owner", "deputy_lead_officer"])
        assert item.parent.title in titles


def test_item_page_shows_roles_updates_measure_trend_and_history(client, plan, reader):
    item = plan.items.get(key="BE6")
    response = signed_in(client, reader).get(reverse("web:item-detail", args=[plan.slug, item.pk]))
    assert response.status_code == 200
    page = response.text
    assert "Essex County Council" in page
    assert "Slow start" in page
    assert "% of residents satisfied" in page
    assert "Improved" in page  # 76.5% then 78%, higher is better
    assert "History of changes" in page
    assert "added this item." in page  # the import created it: a sentence, not "Created"


def test_item_page_of_another_plan_is_not_found(client, plan, reader):
    document = full_plan_document()
    document["plan"]["id"] = "another-plan"
    other = plan_import_document(document=document).plan
    item = other.items.first()
    response = signed_in(client, reader).get(reverse("web:item-detail", args=[plan.slug, item.pk]))
    assert response.status_code == 404


def test_public_plan_shows_only_approved_updates_of_public_items(client, plan):
    plan.items.filter(key="BE6").update(is_public=True)
    publish(plan, "2024-Q2")
    response = client.get(reverse("web:public-plan", args=[plan.slug]))
    assert response.status_code == 200
    page = response.text
    assert "Mixed picture" in page  # WS1, approved
    assert "Done" in page  # BE6.1, approved
    assert "On track" not in page  # BE6's Q2 update is only submitted


def test_public_plan_shows_the_year_end_forecast_beside_the_status(client, plan):
    from councilplan.plans.models import ProgressUpdate, Status

    amber = Status.objects.get(scheme=plan.status_scheme, rag=Rag.AMBER)
    forecast = ProgressUpdate.objects.filter(
        item__plan=plan, item__key="WS1", period__key="2024-Q2", state="approved"
    ).update(forecast_status=amber)
    assert forecast == 1
    publish(plan, "2024-Q2")
    page = client.get(reverse("web:public-plan", args=[plan.slug])).text
    assert f"Forecast for the year end: {amber.label}" in page


def test_public_plan_hides_items_that_are_not_public_and_their_children(client, plan):
    publish(plan, "2024-Q2")
    page = client.get(reverse("web:public-plan", args=[plan.slug])).text
    assert "Harlow Pound" not in page
    assert "Shop local campaign" not in page
    assert "Community Impact" in page


def test_public_plan_without_a_published_period_is_not_found(client, plan):
    assert client.get(reverse("web:public-plan", args=[plan.slug])).status_code == 404


def test_public_plan_refuses_an_unpublished_period(client, plan):
    publish(plan, "2024-Q1")
    url = reverse("web:public-plan-period", args=[plan.slug, "2024-Q2"])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("web:public-plan-period", args=[plan.slug, "2024-Q1"])).status_code
        == 200
    )


def test_public_plan_ignores_a_period_marked_published_without_a_snapshot(client, plan):
    plan.periods.filter(key="2024-Q2").update(state="published")
    assert client.get(reverse("web:public-plan", args=[plan.slug])).status_code == 404


def test_public_plan_shows_the_snapshot_not_later_edits(client, plan):
    publish(plan, "2024-Q2")
    update = ProgressUpdate.objects.get(item__key="WS1", period__key="2024-Q2")
    update.commentary = "Edited after publication"
    update.save()
    page = client.get(reverse("web:public-plan", args=[plan.slug])).text
    assert "Mixed picture" in page
    assert "Edited after publication" not in page


def test_accessibility_statement_is_public_and_linked_from_every_page(client, plan):
    response = client.get(reverse("web:accessibility"))
    assert response.status_code == 200
    assert "Accessibility statement" in response.text
    home = client.get(reverse("web:plan-index")).text
    assert reverse("web:accessibility") in home


def test_pages_use_the_generic_header_and_no_crown(client, plan, reader):
    page = signed_in(client, reader).get(reverse("web:plan-dashboard", args=[plan.slug])).text
    assert "govuk-generic-header" in page
    assert "crown" not in page.lower()
    assert "GOV.UK" not in page


def test_owner_sees_import_link_only_with_import_permission(client, plan, reader, officer):
    home = signed_in(client, reader).get(reverse("web:plan-index")).text
    assert reverse("web:import-upload") not in home
    home = signed_in(client, officer).get(reverse("web:plan-index")).text
    assert reverse("web:import-upload") in home


def test_an_approved_update_changes_the_dashboard(client, plan, reader):
    update = ProgressUpdate.objects.get(item__key="BE6", period__key="2024-Q2")
    update.state = ProgressUpdate.State.APPROVED
    update.save()
    response = signed_in(client, reader).get(
        reverse("web:plan-dashboard", args=[plan.slug]), {"period": "2024-Q2"}
    )
    changed = [change.heading for change in response.context["changes"]]
    assert "BE6 Harlow Pound" in changed  # amber in Q1, green in Q2


def test_owner_role_may_view_the_dashboard(client, plan):
    owner = user_with_role(plan, Role.OWNER)
    response = signed_in(client, owner).get(reverse("web:plan-dashboard", args=[plan.slug]))
    assert response.status_code == 200


def test_tree_search_matches_the_start_of_words_not_inside_them(client, plan, reader):
    # Before, "hop" found "Shop local campaign" (and Harlow's "EV" found every "every").
    url = reverse("web:plan-tree", args=[plan.slug])
    client = signed_in(client, reader)
    inside = [row.title for row in client.get(url, {"search": "hop"}).context["page"].object_list]
    assert "Shop local campaign" not in inside
    start = [row.title for row in client.get(url, {"search": "sho"}).context["page"].object_list]
    assert "Shop local campaign" in start


def test_a_published_period_downloads_as_open_data_with_its_licence(client, plan, settings):
    import csv
    import io
    import json

    publish(plan, "2024-Q2")
    ProgressUpdate.objects.filter(item__key="WS1", period__key="2024-Q2").update(
        commentary="Edited after publication"  # not in the download: that is the snapshot
    )
    page = client.get(reverse("web:public-plan", args=[plan.slug])).text
    csv_url = reverse("web:public-plan-data", args=[plan.slug, "2024-Q2", "csv"])
    json_url = reverse("web:public-plan-data", args=[plan.slug, "2024-Q2", "json"])
    assert csv_url in page
    assert json_url in page
    assert settings.COUNCILPLAN_OPEN_DATA_LICENCE in page

    response = client.get(csv_url)
    assert response["Content-Type"].startswith("text/csv")
    assert settings.COUNCILPLAN_OPEN_DATA_LICENCE_URL in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    by_key = {row["identifier"]: row for row in rows}
    assert by_key["WS1"]["commentary"].startswith("Mixed picture")  # as published
    assert "Harlow Pound" not in response.content.decode("utf-8")  # not a public item

    document = json.loads(client.get(json_url).content)
    assert document["licence"]["name"] == settings.COUNCILPLAN_OPEN_DATA_LICENCE
    assert document["period"] == "2024-Q2"
    assert [item["key"] for item in document["content"]["items"]] == list(by_key)


def test_open_data_of_an_unpublished_period_or_another_format_is_not_found(client, plan):
    publish(plan, "2024-Q1")
    for period, fmt in (("2024-Q2", "csv"), ("2024-Q1", "xml")):
        url = reverse("web:public-plan-data", args=[plan.slug, period, fmt])
        assert client.get(url).status_code == 404


def test_open_data_csv_writes_a_formula_as_text(client, plan):
    ProgressUpdate.objects.filter(item__key="WS1", period__key="2024-Q2").update(
        commentary="=cmd|' /C calc'!A0"
    )
    publish(plan, "2024-Q2")
    text = client.get(reverse("web:public-plan-data", args=[plan.slug, "2024-Q2", "csv"])).text
    assert "\"'=cmd|' /C calc'!A0\"" in text or "'=cmd|' /C calc'!A0" in text
