"""A plan of indicators only (Hart District Council's KPI tiles, two quarters imported): its
reports, like its dashboard, lead with the indicators — the Red and Amber ones each named
with figure and target — and never count the service groups as actions ("Suggested: Red",
"No owner", "Never updated")."""

import io
import subprocess

import pytest
from django.urls import reverse
from docx import Document

from councilplan.interchange.load import plan_import_document
from councilplan.plans.selectors import period_get
from councilplan.reports.selectors import plan_position
from councilplan.reports.services import report_render
from tests.imports.test_kpi_published import hart_imported
from tests.interchange.full_plan import full_plan_document
from tests.web.conftest import signed_in, user_with_role

pytestmark = pytest.mark.django_db

GROUP_NOISE = ("Suggested: Red", "Never updated", "No owner", "Services by status")


@pytest.fixture
def hart():
    plan, _findings = hart_imported()
    return plan, period_get(plan=plan, key="2014-Q2")


def test_the_position_knows_a_plan_of_indicators_only(hart):
    hart_plan, q2 = hart
    position = plan_position(plan=hart_plan, period=q2)
    assert position.indicators_only
    assert {f.kind for f in position.findings_shown} <= {
        "reported-status-disagrees", "zero-suspect", "target-zero", "no-target",
    }  # fmt: skip
    assert "never-updated" in {f.kind for f in position.findings}  # still worked out
    red = [m.name for _row, m in position.indicator_exceptions if m.suggested.rag.value == "red"]
    assert "% uptime of Hart DC website" in red
    # A plan of actions with dates and updates is not one.
    actions = plan_import_document(document=full_plan_document()).plan
    q2_actions = actions.periods.get(key="2024-Q2")
    assert not plan_position(plan=actions, period=q2_actions).indicators_only


def test_pdf_and_word_lead_with_the_indicators_off_target(hart):
    plan, q2 = hart
    pdf = report_render(plan=plan, period=q2, format="pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    summary = text[text.index("Executive summary", text.index("Contents") + 20) :]
    summary = summary[: summary.index("Data-quality findings")]
    assert "Indicators off target" in summary
    assert "% uptime of Hart DC website: 0% against a target of 98%" in " ".join(summary.split())
    front = text[: text.index("The plan in full", text.index("Data-quality findings"))]
    for noise in GROUP_NOISE:  # the summary and the findings (the body keeps each group)
        assert noise not in front, noise
    word = Document(io.BytesIO(report_render(plan=plan, period=q2, format="docx")))
    paragraphs = "\n".join(p.text for p in word.paragraphs)
    assert "Indicators off target" in paragraphs
    assert "% uptime of Hart DC website: 0% against a target of 98%" in paragraphs


def test_the_html_report_and_the_dashboard_read_the_same(client, hart):
    plan, q2 = hart
    html = report_render(plan=plan, period=q2, format="html").decode()
    assert "Indicators off target" in html
    assert "Never updated" not in html[: html.index('id="body"')]
    officer = user_with_role(plan, "performance_officer")
    url = reverse("web:plan-dashboard", args=[plan.slug]) + "?period=2014-Q2"
    page = signed_in(client, officer).get(url).text
    assert "This plan holds indicators only" in page
    assert "Never updated" not in page
    assert "Reported RAG differs from the council" in page  # its indicators' findings stay
