"""An import through the API: upload (nothing written), the import report, confirm or
cancel — with the website's rules: the right to import, one's own upload only, a plan the
council has already needs a choice."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from councilplan.accounts.models import ApiToken
from councilplan.interchange.models import PendingImport
from councilplan.interchange.reviewed_import import EXISTING_PLAN_CHOICE_ERROR
from councilplan.plans.models import Plan
from tests.api.conftest import bearer
from tests.cycle.world import cycle_document

BASE = "/api/v1"
TABLE_CSV = (
    "Ref,Action,Lead officer,Target date\n"
    "1,Open the new library,Jane Smith,March 2025\n"
    "2,Mend the roads,Tom Brown,TBC\n"
)


def _upload(headers, name: str, data: bytes, **options: str):
    body = {"file": SimpleUploadedFile(name, data), **options}
    return Client().post(BASE + "/imports", body, headers=headers)


def test_a_council_table_is_uploaded_reported_and_confirmed(world):
    headers = bearer(world.officer, ApiToken.Scope.WRITE)
    uploaded = _upload(
        headers, "plan.csv", TABLE_CSV.encode(), organisation="Testborough Council",
        title="Roads and libraries",
    )  # fmt: skip
    assert uploaded.status_code == 201, uploaded.content
    report = uploaded.json()
    assert report["item_count"] == 2
    assert report["title"] == "Roads and libraries"
    assert uploaded["Location"] == f"{BASE}/imports/{report['id']}"
    assert not Plan.objects.filter(title="Roads and libraries").exists()  # nothing written yet
    # What was doubted is said, with its place: "TBC" is no date.
    assert any("TBC" in json.dumps(anomaly) for anomaly in report["anomalies"])
    again = Client().get(f"{BASE}/imports/{report['id']}", headers=headers)
    assert again.json() == report
    done = Client().post(
        f"{BASE}/imports/{report['id']}/confirm", {}, content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert done.status_code == 200, done.content
    plan = Plan.objects.get(slug=done.json()["plan"])
    assert (plan.title, done.json()["items"]) == ("Roads and libraries", plan.items.count())
    assert not PendingImport.objects.filter(pk=report["id"]).exists()


def test_a_plan_the_council_has_needs_a_choice_and_replace_updates_it(world):
    headers = bearer(world.officer, ApiToken.Scope.WRITE)
    document = cycle_document()
    document["items"][1]["title"] = "Renew all street furniture"
    uploaded = _upload(headers, "plan.json", json.dumps(document).encode())
    report = uploaded.json()
    assert (report["existing_plan"], report["may_update_existing"]) == (world.plan.slug, True)
    assert report["changes"]
    url = f"{BASE}/imports/{report['id']}/confirm"
    unchosen = Client().post(url, {}, content_type="application/json", headers=headers)
    assert unchosen.status_code == 422
    assert EXISTING_PLAN_CHOICE_ERROR in unchosen.json()["detail"]
    replaced = Client().post(
        url, {"replace": True}, content_type="application/json", headers=headers
    )
    assert replaced.status_code == 200, replaced.content
    assert world.item("A1").title == "Renew all street furniture"


def test_only_people_who_import_with_a_write_token_upload_and_only_their_own(world):
    data = TABLE_CSV.encode()
    read_only = _upload(bearer(world.officer), "plan.csv", data)
    assert read_only.status_code == 403
    owner = _upload(bearer(world.owner, ApiToken.Scope.WRITE), "plan.csv", data)
    assert owner.status_code == 403
    mine = _upload(
        bearer(world.officer, ApiToken.Scope.WRITE), "plan.csv", data,
        organisation="Testborough Council",
    ).json()  # fmt: skip
    theirs = bearer(world.administrator, ApiToken.Scope.WRITE)
    assert Client().get(f"{BASE}/imports/{mine['id']}", headers=theirs).status_code == 404
    assert Client().delete(f"{BASE}/imports/{mine['id']}", headers=theirs).status_code == 404
    assert Client().get(f"{BASE}/imports/not-a-uuid", headers=theirs).status_code == 404
    cancelled = Client().delete(
        f"{BASE}/imports/{mine['id']}", headers=bearer(world.officer, ApiToken.Scope.WRITE)
    )
    assert cancelled.status_code == 204
    assert not PendingImport.objects.filter(pk=mine["id"]).exists()


def test_a_file_that_is_no_plan_is_refused_naming_it(world):
    headers = bearer(world.officer, ApiToken.Scope.WRITE)
    binary = _upload(headers, "photo.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    assert binary.status_code == 422
    assert binary["Content-Type"] == "application/problem+json"
    assert binary.json()["errors"][0]["where"] == "file"
    broken = _upload(headers, "plan.json", b'{"format": "councilplan-open-plan", "version": 1}')
    assert broken.status_code == 422
    assert broken.json()["title"] == "Nothing was imported"
    assert all("plan.json" in error["where"] for error in broken.json()["errors"])
