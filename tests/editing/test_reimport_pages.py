"""Uploading a document for a plan the council already has: the review page shows what
updating it would change, and the officer chooses to update it, import it beside it, or
cancel."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from councilplan.history.models import ChangeRecord
from councilplan.interchange.models import PendingImport
from councilplan.interchange.reviewed_import import EXISTING_PLAN_CHOICE_ERROR
from councilplan.plans.models import Plan, ProgressUpdate
from tests.cycle.world import PLAN_ID, World, cycle_document
from tests.editing.test_reimport import _changed_copy


def _uploaded(world: World, document: dict, name: str = "plan.json") -> tuple[Client, str]:
    client = Client()
    client.force_login(world.officer)
    data = json.dumps(document).encode()
    response = client.post(
        reverse("web:import-upload"), {"document": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302
    return client, response["Location"]


def test_the_same_document_again_says_it_changes_nothing(world: World) -> None:
    client, review = _uploaded(world, cycle_document())
    page = client.get(review).text
    assert "This plan is already on the site" in page
    assert "updating it changes nothing" in page
    assert "Update the existing plan with these changes" in page
    assert "Import as a separate new plan" in page


def test_a_changed_copy_with_the_same_title_shows_its_differences_and_updates_the_plan(
    world: World,
) -> None:
    document = _changed_copy()
    document["plan"]["id"] = "testborough-plan-v2"  # the same title and council, a new id
    client, review = _uploaded(world, document, name="plan-v2.json")
    page = client.get(review)
    existing = page.context["existing"]
    assert existing["plan"] == world.plan
    assert not existing["same_id"]
    assert ("items added", 1) in existing["counts"]
    text = page.text
    assert "the same title" in text
    assert "Renew street furniture and signs" in text
    assert "31 Dec 2025" in text
    assert "Archived (not in the document)" in text

    pending = PendingImport.objects.get()
    refused = client.post(reverse("web:import-confirm", args=[pending.pk]))
    assert refused.status_code == 400
    assert EXISTING_PLAN_CHOICE_ERROR in refused.text

    updates = set(ProgressUpdate.objects.values_list("pk", flat=True))
    done = client.post(reverse("web:import-confirm", args=[pending.pk]), {"existing": "update"})
    assert done.status_code == 302
    assert done["Location"] == reverse("web:plan-dashboard", args=[PLAN_ID])
    assert Plan.objects.count() == 1
    assert world.item("A1").title == "Renew street furniture and signs"
    assert set(ProgressUpdate.objects.values_list("pk", flat=True)) == updates
    record = ChangeRecord.objects.filter(reason="re-imported from plan-v2.json").first()
    assert record is not None
    assert record.actor == world.officer


def test_import_as_a_separate_plan_leaves_the_existing_one_alone(world: World) -> None:
    client, _ = _uploaded(world, _changed_copy())
    pending = PendingImport.objects.get()
    done = client.post(reverse("web:import-confirm", args=[pending.pk]), {"existing": "separate"})
    assert done.status_code == 302
    assert Plan.objects.count() == 2
    separate = Plan.objects.exclude(pk=world.plan.pk).get()
    assert separate.slug != PLAN_ID
    assert world.item("A1").title == "Renew street furniture"
    assert "used by this council's existing plan" in separate.anomalies.get().message
