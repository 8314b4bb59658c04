"""The year-end forecast beside the status now, in every format (DOMAIN: councillors are
misled when only one is shown), and an item forecast to end red counts as an exception."""

import io
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from councilplan.domain.engine import Rag
from councilplan.plans.models import ProgressUpdate, Status
from councilplan.reports.outline import EXCEPTIONS_HEADING
from councilplan.reports.selectors import plan_position
from councilplan.reports.services import report_render_position

pytestmark = pytest.mark.django_db

FORECAST_LINE = "Forecast for the year end: ▲ Red"


@pytest.fixture
def forecast_red(harlow_plan, harlow_q1):
    """An approved Q1 update whose item is not an exception now, given a Red forecast."""
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    calm = next(
        row for row in position.rows if row.is_leaf and not row.is_exception and row.commentary
    )
    red = Status.objects.get(scheme=harlow_plan.status_scheme, rag=Rag.RED)
    updated = ProgressUpdate.objects.filter(
        item__plan=harlow_plan, item__key=calm.key, period=harlow_q1
    ).update(forecast_status=red)
    assert updated == 1
    return calm.key


def test_a_red_forecast_is_shown_flagged_and_makes_the_item_an_exception(
    harlow_plan, harlow_q1, forecast_red
):
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    row = next(row for row in position.rows if row.key == forecast_red)
    assert row.forecast is not None
    assert row.forecast.word == "Red"
    assert "Forecast worse than now" in row.flags
    assert row in position.exceptions
    others = [r for r in position.rows if r.key != forecast_red]
    assert all(r.forecast is None for r in others)


def test_every_format_shows_the_forecast_beside_the_status(harlow_plan, harlow_q1, forecast_red):
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    row = next(row for row in position.rows if row.key == forecast_red)

    html = report_render_position(position=position, format="html").decode()
    assert FORECAST_LINE in html.replace('<span class="status status-red">', "").replace(
        "</span>", ""
    )
    assert EXCEPTIONS_HEADING in html

    document = Document(io.BytesIO(report_render_position(position=position, format="docx")))
    cells = [cell.text for table in document.tables for r in table.rows for cell in r.cells]
    assert sum(FORECAST_LINE in cell for cell in cells) >= 2  # body table and exceptions

    workbook = load_workbook(
        io.BytesIO(report_render_position(position=position, format="xlsx")), read_only=True
    )
    items = list(workbook["Items"].iter_rows(values_only=True))
    header, rows = items[0], {values[0]: values for values in items[1:]}
    assert rows[row.key][header.index("Forecast status")] == "Red"
    assert rows[row.key][header.index("Forecast RAG")] == "red"

    pdf = report_render_position(position=position, format="pdf")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "Forecast for the year end" in " ".join(text.split())
