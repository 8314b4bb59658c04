"""A large plan's PDF, Word or Excel report is not made inside a web request: the download
link offers to prepare it in the background (a GET queues nothing); the HTML stays direct."""

from django.urls import reverse

from councilplan.reports.models import PreparedReport
from tests.web.conftest import signed_in


def test_a_large_plans_report_is_offered_to_the_worker(client, plan, reader, settings):
    settings.COUNCILPLAN_BACKGROUND_REPORT_ITEMS = plan.items.count() - 1
    signed_in(client, reader)
    page = client.get(reverse("web:report-download", args=[plan.slug, "2024-Q2", "pdf"]))
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    text = page.content.decode()
    assert "will be prepared for you" in text
    assert reverse("web:report-prepare", args=[plan.slug, "2024-Q2", "pdf"]) in text
    assert not PreparedReport.objects.exists()  # nothing queued by a GET
    html = client.get(reverse("web:report-download", args=[plan.slug, "2024-Q2", "html"]))
    assert "will be prepared for you" not in html.content.decode()


def test_a_small_plans_report_downloads_at_once(client, plan, reader, settings):
    settings.COUNCILPLAN_BACKGROUND_REPORT_ITEMS = plan.items.count()
    signed_in(client, reader)
    response = client.get(reverse("web:report-download", args=[plan.slug, "2024-Q2", "xlsx"]))
    assert response["Content-Disposition"].startswith("attachment")
