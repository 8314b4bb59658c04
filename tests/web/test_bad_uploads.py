"""Bad files uploaded on the import page are refused with the reason, never a 500, and
nothing is kept; UTF-16 text is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from councilplan.imports.readers.guards import (
    EMPTY_FILE_ERROR,
    UNPACKED_TOO_LARGE_ERROR,
    XML_DECLARATION_ERROR,
)
from councilplan.interchange.models import PendingImport
from councilplan.interchange.uploads import upload_suffix
from councilplan.interchange.validation import MAX_JSON_DEPTH, TOO_DEEP_ERROR
from councilplan.plans.models import Plan
from tests.imports import bad_files
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def _upload(client, name: str, data: bytes):
    document = SimpleUploadedFile(name, data)
    return client.post(reverse("web:import-upload"), {"document": document})


def _refused_with(response, text: str) -> None:
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert escape(text) in response.text
    assert not PendingImport.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "stored_as", "message"),
    [
        ("deep.json", bad_files.deep_json(100_000), "deep.json", TOO_DEEP_ERROR),
        ("meta.json", bad_files.deep_metadata_json(5_000), "meta.json", TOO_DEEP_ERROR),
        ("blank.txt", b"  \r\n\t \n", "blank.txt", EMPTY_FILE_ERROR),
        (
            "laughs.xlsx",
            bad_files.workbook_with_entities(),
            "laughs.xlsx",
            XML_DECLARATION_ERROR.format(part="xl/worksheets/sheet1.xml"),
        ),
        (
            "xxe.docx",
            bad_files.word_with_entities(bad_files.EXTERNAL_ENTITY),
            "xxe.docx",
            XML_DECLARATION_ERROR.format(part="word/document.xml"),
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_reason(
    client, plan, officer, name, data, stored_as, message
):
    plans = Plan.objects.count()
    signed_in(client, officer)
    response = _upload(client, name, data)
    expected = message.format(limit=MAX_JSON_DEPTH, file=stored_as)
    _refused_with(response, expected)
    assert Plan.objects.count() == plans


def test_a_zip_bomb_upload_is_refused_at_the_configured_limit(client, plan, officer, settings):
    settings.COUNCILPLAN_MAX_UNCOMPRESSED_BYTES = 2**20
    signed_in(client, officer)
    response = _upload(client, "bomb.xlsx", bad_files.workbook_bomb(3 * 2**20 // 2))
    _refused_with(response, UNPACKED_TOO_LARGE_ERROR.split("{size_mb}")[0])
    assert "more than the limit of 1 MB" in response.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_csv_upload_is_recognised_as_csv(encoding):
    text = "Ref,Action,Lead officer\r\n1.1,Open the library,Siân Jones\r\n2.1,Mend roads,Al\r\n"
    assert upload_suffix(data=text.encode(encoding), max_bytes=2**20) == ".csv"
