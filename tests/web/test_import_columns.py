"""The import's column step and coverage: interchange.reviewed_import pending_import_reread,
pending_import_confirm's coverage tick, saved mappings, and their pages."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from freezegun import freeze_time

from councilplan.accounts.models import Membership, Role
from councilplan.domain.problems import PlanInputError
from councilplan.interchange.models import PendingImport, SavedMapping
from councilplan.interchange.reviewed_import import (
    COVERAGE_NOT_ACCEPTED_ERROR,
    pending_import_confirm,
    pending_import_create,
    pending_import_reread,
)
from councilplan.plans.models import Organisation, Plan
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

# Six columns whose headers the vocabulary does not know: each is read from its cells.
UNKNOWN_HEADERS_CSV = (
    "Job,What we will do,Person,When,Done,RAG\n"
    "A1,Open the new library in the town centre,Jane Smith,March 2026,40%,Green\n"
    "A2,Resurface the high street car park,Tom Brown,June 2026,10%,Amber\n"
    "A3,Plant two hundred trees along the river path,Jane Smith,September 2026,75%,Green\n"
    "A4,Publish the new housing allocations policy,Priya Patel,December 2026,0%,Red\n"
).encode()
COUNCIL = "Harlow Council"
CHOSEN_PLAN = {
    "title": "Harlow Council delivery plan 2026/27",
    "organisation": COUNCIL,
    "current_period": "2026-Q1",
    "levels": ["Job"],
}


def _upload(user: User, data: bytes = UNKNOWN_HEADERS_CSV, **options: str) -> PendingImport:
    return pending_import_create(
        user=user, file_name="delivery.csv", data=data, organisation=COUNCIL, **options
    )


def _refs(pending: PendingImport) -> list[str]:
    return [item["ref"] for item in pending.document["items"]]


def _officer_of(name: str) -> User:
    organisation = Organisation.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    user = User.objects.create_user(f"officer-{organisation.slug}", password="not-a-real-pass-1")
    Membership.objects.create(user=user, organisation=organisation, role=Role.PERFORMANCE_OFFICER)
    return user


def test_upload_keeps_the_file_and_how_its_columns_were_read(plan, officer):
    pending = _upload(officer)
    assert bytes(pending.data) == UNKNOWN_HEADERS_CSV
    assert pending.header_signature
    columns = pending.document["tables"][0]["columns"]
    assert [column["name"] for column in columns][:2] == ["Job", "What we will do"]
    assert pending.document["coverage"]["percent"] == 100


def test_reading_again_with_a_changed_role_changes_the_items(plan, officer):
    pending = _upload(officer)
    assert _refs(pending) == ["A1", "A2", "A3", "A4"]  # `Job` read as references by its cells
    pending_import_reread(
        pending=pending,
        user=officer,
        roles={"Job": "text", "Person": "service_area"},
        plan_settings=CHOSEN_PLAN,
    )
    pending.refresh_from_db()
    assert _refs(pending) == ["", "", "", ""]
    assert pending.document["items"][0]["roles"] == {"service_area": ["Jane Smith"]}
    assert [update["status"] for update in pending.document["updates"]] == [
        "green",
        "amber",
        "green",
        "red",
    ]
    assert pending.document["plan"]["title"] == CHOSEN_PLAN["title"]
    assert pending.document["plan"]["levels"] == ["Job"]
    assert pending.document["plan"]["current_period"] == "2026-Q1"
    job = pending.document["tables"][0]["columns"][0]
    assert (job["role"], job["how"]) == ("text", "mapping")


def test_a_column_kept_as_text_is_no_longer_read_into_a_field(plan, officer):
    pending = _upload(officer)
    pending_import_reread(
        pending=pending, user=officer, roles={"Person": "text"}, plan_settings=CHOSEN_PLAN
    )
    pending.refresh_from_db()
    assert all("roles" not in item for item in pending.document["items"])
    cells = pending.document["items"][0]["source"]["cells"]
    assert any(cell.get("text") == "Jane Smith" for cell in cells)  # kept as printed


def test_saved_choices_are_used_for_the_next_upload_of_the_same_shape(plan, officer):
    with freeze_time("2026-12-02 10:00"):
        first = _upload(officer)
        pending_import_reread(
            pending=first, user=officer, roles={"Job": "text"}, plan_settings=CHOSEN_PLAN
        )
    saved = SavedMapping.objects.get()
    assert saved.organisation.name == COUNCIL
    assert saved.columns["Job"] == "text"
    assert "current_period" not in saved.plan_settings  # next quarter's file has its own
    next_quarter = UNKNOWN_HEADERS_CSV.replace(b"40%", b"60%")
    second = _upload(officer, next_quarter)
    assert second.saved_mapping == saved
    assert _refs(second) == ["", "", "", ""]  # the saved choice, not the guess
    assert second.document["plan"]["title"] == CHOSEN_PLAN["title"]


def test_saved_choices_are_not_used_for_another_council_or_another_shape(plan, officer):
    pending_import_reread(
        pending=_upload(officer), user=officer, roles={"Job": "text"}, plan_settings=CHOSEN_PLAN
    )
    elsewhere = _officer_of("Epping Forest District Council")
    other = pending_import_create(
        user=elsewhere,
        file_name="delivery.csv",
        data=UNKNOWN_HEADERS_CSV,
        organisation="Epping Forest District Council",
    )
    assert other.saved_mapping is None
    assert _refs(other) == ["A1", "A2", "A3", "A4"]  # the guess, not Harlow's choice
    reshaped = UNKNOWN_HEADERS_CSV.replace(b"Person", b"Owner")
    assert _upload(officer, reshaped).saved_mapping is None


def test_only_the_uploader_may_choose_and_only_for_a_council_they_import_for(plan, officer):
    pending = _upload(officer)
    elsewhere = _officer_of("Epping Forest District Council")
    with pytest.raises(PermissionDenied):
        pending_import_reread(pending=pending, user=elsewhere, roles={}, plan_settings=CHOSEN_PLAN)
    with pytest.raises(PermissionDenied):
        pending_import_reread(
            pending=pending,
            user=officer,
            roles={},
            plan_settings={**CHOSEN_PLAN, "organisation": "Epping Forest District Council"},
        )
    assert not SavedMapping.objects.exists()


def test_an_unknown_role_is_refused_and_nothing_changes(plan, officer):
    pending = _upload(officer)
    before = pending.document
    with pytest.raises(PlanInputError, match="'owner' is not a column role"):
        pending_import_reread(
            pending=pending, user=officer, roles={"Person": "owner"}, plan_settings=CHOSEN_PLAN
        )
    pending.refresh_from_db()
    assert pending.document == before
    assert not SavedMapping.objects.exists()


def _low_coverage(pending: PendingImport) -> PendingImport:
    pending.document["coverage"] = {
        "cells": 40,
        "placed": 30,
        "percent": 75.0,
        "unplaced": [
            {"text": f"Appendix line {n}", "location": f"delivery.csv, row {n}"}
            for n in range(1, 26)
        ],
    }
    pending.save()
    return pending


def test_below_ninety_percent_confirm_needs_the_tick(plan, officer):
    pending = _low_coverage(_upload(officer))
    with pytest.raises(PlanInputError) as refused:
        pending_import_confirm(pending=pending, user=officer, replace=False)
    assert refused.value.problems[0].message == COVERAGE_NOT_ACCEPTED_ERROR.format(
        percent="75", file="delivery.csv"
    )
    assert not Plan.objects.filter(organisation__name=COUNCIL).exclude(pk=plan.pk).exists()
    imported = pending_import_confirm(
        pending=pending, user=officer, replace=False, accept_partial=True
    )
    assert imported.items.count() == 4


def test_review_page_shows_the_coverage_warning_and_confirm_asks_for_the_tick(
    client, plan, officer
):
    signed_in(client, officer)
    pending = _low_coverage(_upload(officer))
    page = client.get(reverse("web:import-review", args=[pending.pk])).text
    assert "Only 75% of delivery.csv was read into the plan" in page
    assert "Appendix line 20" in page
    assert "Appendix line 21" not in page
    assert "and 5 more" in page
    assert "I have checked the text that was not read" in page
    confirm = reverse("web:import-confirm", args=[pending.pk])
    refused = client.post(confirm)
    assert refused.status_code == 400
    assert 'href="#accept_partial"' in refused.text
    assert client.post(confirm, {"accept_partial": "yes"}).status_code == 302


def test_review_page_always_states_the_coverage_and_the_columns(client, plan, officer):
    signed_in(client, officer)
    pending = _upload(officer)
    page = client.get(reverse("web:import-review", args=[pending.pk])).text
    assert "100% of the document's cells were read into the plan" in page
    assert "Guessed: column &#x27;Person&#x27; read as the lead officer" in page
    assert "I have checked the text" not in page
    assert reverse("web:import-columns", args=[pending.pk]) in page


def test_column_step_page_reads_again_and_the_review_shows_it(client, plan, officer):
    signed_in(client, officer)
    pending = _upload(officer)
    url = reverse("web:import-columns", args=[pending.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["column_0"].value() == "ref"
    assert 'name="column_5"' in page.text
    chosen = {
        f"column_{n}": role
        for n, role in enumerate(["ref", "title", "lead_officer", "due", "progress", "status"])
    }
    response = client.post(
        url,
        {
            **chosen,
            "title": "Delivery plan",
            "organisation": COUNCIL,
            "period": "2026-Q1",
            "level_0": "Job",
        },
    )
    assert response.status_code == 302
    review = client.get(response["Location"])
    assert [row["ref"] for row in review.context["report"]["preview"]] == ["A1", "A2", "A3", "A4"]
    assert "Delivery plan" in review.text


def test_column_step_refuses_a_bad_period_with_the_error_at_the_field(client, plan, officer):
    signed_in(client, officer)
    pending = _upload(officer)
    url = reverse("web:import-columns", args=[pending.pk])
    response = client.post(
        url, {"title": "x", "organisation": COUNCIL, "period": "soon", "level_0": "Job"}
    )
    assert response.status_code == 400
    assert 'href="#id_period"' in response.text


def test_a_later_upload_of_the_same_shape_says_whose_choices_were_used(client, plan, officer):
    with freeze_time("2026-12-02 10:00"):
        pending_import_reread(
            pending=_upload(officer), user=officer, roles={"Job": "ref"}, plan_settings=CHOSEN_PLAN
        )
    signed_in(client, officer)
    second = _upload(officer)
    page = client.get(reverse("web:import-review", args=[second.pk])).text
    assert "The column choices saved on 2 December 2026 were used" in page
