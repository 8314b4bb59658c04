import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councilplan.interchange.models import PendingImport
from councilplan.interchange.reviewed_import import EXISTING_PLAN_CHOICE_ERROR
from councilplan.interchange.uploads import (
    UPLOAD_TOO_LARGE_ERROR,
    UPLOAD_UNKNOWN_TYPE_ERROR,
    UploadRejectedError,
    upload_suffix,
)
from councilplan.plans.models import Plan
from councilplan.web.forms import UPLOAD_MISSING_ERROR
from tests.interchange.full_plan import full_plan_document
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def _document_bytes(plan_id: str = "uploaded-plan", title: str = "An uploaded plan") -> bytes:
    document = full_plan_document()
    document["plan"]["id"] = plan_id
    document["plan"]["title"] = title
    document["anomalies"] = [
        {
            "kind": "unparsed-date",
            "message": "Could not read the date",
            "location": "line 12, column 4",
            "text": "Sept-ish",
            "item": "BE6",
        }
    ]
    return json.dumps(document).encode()


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "suffix"),
    [
        (_zip(["[Content_Types].xml", "word/document.xml"]), ".docx"),
        (_zip(["[Content_Types].xml", "xl/workbook.xml"]), ".xlsx"),
        (b"%PDF-1.7\n...", ".pdf"),
        (b'  {"format": "councilplan-open-plan"}', ".json"),
        (b"Ref,Action,Lead\nBE1,Do it,Jane\nBE2,Do more,Ann\n", ".csv"),
        ("Corporate Plan 2024/25\nPriority 1: Homes – £3m".encode("cp1252"), ".txt"),
    ],
)
def test_upload_type_is_judged_by_content(data, suffix):
    assert upload_suffix(data=data, max_bytes=10**6) == suffix


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", UPLOAD_UNKNOWN_TYPE_ERROR),
        (_zip(["something/else.txt"]), UPLOAD_UNKNOWN_TYPE_ERROR),
        (b"PK\x03\x04 not really a zip", UPLOAD_UNKNOWN_TYPE_ERROR),
        (b"x" * 2048, UPLOAD_TOO_LARGE_ERROR.format(limit_mb=0)),
    ],
)
def test_upload_of_the_wrong_type_or_size_is_refused(data, message):
    with pytest.raises(UploadRejectedError, match=message.split(":")[0][:40]):
        upload_suffix(data=data, max_bytes=1024)


def _upload(client, name: str, data: bytes):
    return client.post(reverse("web:import-upload"), {"document": SimpleUploadedFile(name, data)})


def test_upload_shows_report_and_preview_and_saves_nothing_until_confirmed(client, plan, officer):
    signed_in(client, officer)
    # The name says Word; the content is JSON, and the content decides.
    response = _upload(client, "plan.docx", _document_bytes())
    assert response.status_code == 302
    pending = PendingImport.objects.get()
    assert pending.file_type == "json"
    assert not Plan.objects.filter(slug="uploaded-plan").exists()
    review = client.get(response["Location"])
    assert review.status_code == 200
    page = review.text
    assert "Import report" in page
    assert "Could not read the date" in page
    assert "line 12, column 4" in page
    assert "Sept-ish" in page
    assert "Shop local campaign" in page  # the preview
    counts = dict(review.context["report"]["counts_by_level"])
    assert counts == {"Workstream": 1, "Action": 2, "Programme": 1}

    confirmed = client.post(reverse("web:import-confirm", args=[pending.pk]))
    assert confirmed.status_code == 302
    imported = Plan.objects.get(slug="uploaded-plan")
    assert confirmed["Location"] == reverse("web:plan-dashboard", args=[imported.slug])
    assert imported.items.count() == 4
    assert not PendingImport.objects.exists()


def test_cancel_discards_the_upload(client, plan, officer):
    signed_in(client, officer)
    _upload(client, "plan.json", _document_bytes())
    pending = PendingImport.objects.get()
    response = client.post(reverse("web:import-cancel", args=[pending.pk]))
    assert response.status_code == 302
    assert not PendingImport.objects.exists()
    assert not Plan.objects.filter(slug="uploaded-plan").exists()


def test_confirming_over_an_existing_plan_needs_a_choice(client, plan, officer):
    signed_in(client, officer)
    _upload(client, "plan.json", _document_bytes(plan_id=plan.slug))
    pending = PendingImport.objects.get()
    refused = client.post(reverse("web:import-confirm", args=[pending.pk]))
    assert refused.status_code == 400
    assert EXISTING_PLAN_CHOICE_ERROR in refused.text
    assert 'href="#existing"' in refused.text  # the error summary leads to the radios
    updated = client.post(reverse("web:import-confirm", args=[pending.pk]), {"existing": "update"})
    assert updated.status_code == 302
    assert Plan.objects.filter(slug=plan.slug).count() == 1


def test_unreadable_upload_shows_the_error_summary(client, plan, officer):
    signed_in(client, officer)
    response = _upload(client, "picture.pdf", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert UPLOAD_UNKNOWN_TYPE_ERROR.split(",")[0] in response.text


def test_missing_file_shows_the_error_summary(client, plan, officer):
    response = signed_in(client, officer).post(reverse("web:import-upload"), {})
    assert response.status_code == 400
    assert UPLOAD_MISSING_ERROR in response.text


def test_too_large_upload_is_refused(client, plan, officer, settings):
    settings.COUNCILPLAN_UPLOAD_MAX_BYTES = 2**20
    signed_in(client, officer)
    response = _upload(client, "plan.json", b" " * (2**20 + 1))
    assert response.status_code == 400
    assert "smaller than 1 MB" in response.text


def test_a_reader_cannot_import(client, plan, reader):
    signed_in(client, reader)
    assert client.get(reverse("web:import-upload")).status_code == 403
    assert _upload(client, "plan.json", _document_bytes()).status_code == 403


def test_someone_else_cannot_see_or_confirm_my_upload(client, plan, officer):
    from tests.web.conftest import user_with_role

    signed_in(client, officer)
    _upload(client, "plan.json", _document_bytes())
    pending = PendingImport.objects.get()
    other = user_with_role(plan, "performance_officer", name="other.officer")
    signed_in(client, other)
    assert client.get(reverse("web:import-review", args=[pending.pk])).status_code == 404
    assert client.post(reverse("web:import-confirm", args=[pending.pk])).status_code == 404
    assert not Plan.objects.filter(slug="uploaded-plan").exists()


def test_an_officer_cannot_import_for_another_council(client, plan, officer):
    signed_in(client, officer)
    document = json.loads(_document_bytes())
    document["organisation"] = {"name": "Another Council", "slug": "another-council"}
    _upload(client, "plan.json", json.dumps(document).encode())
    pending = PendingImport.objects.get()
    response = client.post(reverse("web:import-confirm", args=[pending.pk]))
    assert response.status_code == 403
    assert not Plan.objects.filter(slug="uploaded-plan").exists()


def test_import_report_names_levels_by_depth_when_items_do_not(client, plan, officer):
    from tests.cycle.world import cycle_document

    signed_in(client, officer)
    document = cycle_document()
    document["organisation"] = {"name": plan.organisation.name}
    _upload(client, "plan.json", json.dumps(document).encode())
    review = client.get(reverse("web:import-review", args=[PendingImport.objects.get().pk]))
    assert dict(review.context["report"]["counts_by_level"]) == {"Priority": 2, "Action": 3}


def test_a_real_council_document_is_converted_reported_and_imported(client, db):
    from importlib import resources

    from django.contrib.auth.models import User

    from councilplan.accounts.models import Membership, Role
    from councilplan.plans.models import Organisation

    seed = resources.files("councilplan.sample_data").joinpath("seeds/003_7be4ab006a088c03.txt")
    council = Organisation.objects.create(name="Harborough District Council", slug="harborough")
    officer = User.objects.create_user("harborough.officer")
    Membership.objects.create(user=officer, organisation=council, role=Role.PERFORMANCE_OFFICER)
    signed_in(client, officer)
    response = client.post(
        reverse("web:import-upload"),
        {
            "document": SimpleUploadedFile("key-activities.txt", seed.read_bytes()),
            "period": "2020-Q1",
            "plan_id": "harborough-key-activities",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    pending = PendingImport.objects.get()
    assert pending.document["organisation"]["name"] == "Harborough District Council"
    review = client.get(response["Location"])
    report = review.context["report"]
    assert report["anomalies"]
    first = report["anomalies"][0]
    assert first["message"] in review.text
    if first.get("location"):
        assert first["location"] in review.text
    assert sum(count for _level, count in report["counts_by_level"]) == report["item_count"]
    client.post(reverse("web:import-confirm", args=[pending.pk]))
    plan = Plan.objects.get(slug="harborough-key-activities")
    assert plan.items.count() == report["item_count"]
    assert plan.anomalies.count() == len(report["anomalies"])


def test_a_period_that_is_not_a_quarter_is_refused(client, plan, officer):
    signed_in(client, officer)
    response = client.post(
        reverse("web:import-upload"),
        {"document": SimpleUploadedFile("plan.json", _document_bytes()), "period": "soon"},
    )
    assert response.status_code == 400
    assert "like 2024-Q1" in response.text


def test_a_document_with_no_plan_table_is_refused_at_upload_and_nothing_kept(client, plan, officer):
    signed_in(client, officer)
    letter = b"Dear resident,\n\nThank you for your letter about the bins.\n"
    response = _upload(client, "letter.txt", letter)
    assert response.status_code == 400
    assert "no plan table found in letter.txt" in response.text
    assert "Confirm and import" not in response.text
    assert not PendingImport.objects.exists()
