import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from councilplan.reports.data import ReportFilters
from councilplan.reports.selectors import plan_position
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


def test_report_choice_without_a_report_names_the_problem(client, plan, reader):
    signed_in(client, reader)
    url = reverse("web:report-make", args=[plan.slug, "2024-Q1"])
    response = client.get(url, {"status": "red"})
    assert response.status_code == 400
    assert "Select which report to make" in response.text
    assert 'href="#report-kind_0"' in response.text


def test_report_choice_refuses_a_name_the_plan_does_not_have(client, plan, reader):
    signed_in(client, reader)
    url = reverse("web:report-make", args=[plan.slug, "2024-Q1"])
    response = client.get(url, {"kind": "html", "lead_officer": "Nobody Atall"})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.text


def test_report_choice_gives_the_filtered_report_the_command_line_gives(client, plan, reader):
    signed_in(client, reader)
    url = reverse("web:report-make", args=[plan.slug, "2024-Q1"])
    response = client.get(url, {"kind": "xlsx", "exceptions_only": "on"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    period = plan.periods.get(key="2024-Q1")
    position = plan_position(plan=plan, period=period, filters=ReportFilters(exceptions_only=True))
    items = list(workbook["Items"].iter_rows(min_row=2, values_only=True))
    assert len(items) == len(position.items_shown)
    assert len(items) < plan.items.count()


def test_report_choice_needs_permission(client, plan, outsider):
    url = reverse("web:report-make", args=[plan.slug, "2024-Q1"])
    assert client.get(url, {"kind": "html"}).status_code == 302
    assert signed_in(client, outsider).get(url, {"kind": "html"}).status_code == 403
