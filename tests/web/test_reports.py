import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_report_page_links_every_format(client, plan, reader):
    response = signed_in(client, reader).get(
        reverse("web:report-list", args=[plan.slug]), {"period": "2024-Q1"}
    )
    assert response.status_code == 200
    for fmt in ("html", "pdf", "docx", "xlsx"):
        assert reverse("web:report-download", args=[plan.slug, "2024-Q1", fmt]) in response.text


def test_report_downloads_open_as_what_they_claim(client, plan, reader):
    signed_in(client, reader)
    html = client.get(reverse("web:report-download", args=[plan.slug, "2024-Q1", "html"]))
    assert html.status_code == 200
    assert "Harlow Pound" in html.content.decode()
    xlsx = client.get(reverse("web:report-download", args=[plan.slug, "2024-Q1", "xlsx"]))
    assert "attachment" in xlsx["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames
    docx = client.get(reverse("web:report-download", args=[plan.slug, "2024-Q1", "docx"]))
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(docx.content)).namelist()


def test_unknown_report_format_is_not_found(client, plan, reader):
    signed_in(client, reader)
    url = reverse("web:report-download", args=[plan.slug, "2024-Q1", "exe"])
    assert client.get(url).status_code == 404


def test_a_report_of_a_period_the_plan_does_not_have_is_not_found(client, plan, reader):
    signed_in(client, reader)
    url = reverse("web:report-download", args=[plan.slug, "2030-Q3", "html"])
    assert client.get(url).status_code == 404


def test_report_download_needs_permission(client, plan, outsider):
    url = reverse("web:report-download", args=[plan.slug, "2024-Q1", "html"])
    assert client.get(url).status_code == 302  # anonymous: sign in first
    assert signed_in(client, outsider).get(url).status_code == 403
