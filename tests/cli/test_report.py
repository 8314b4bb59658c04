"""`councilplan report`, run as a user runs it: a real process on a real SQLite file."""

import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook

from councilplan.cli.commands.report import MEETING_DATE_COVER_ERROR, MEETING_DATE_ERROR
from councilplan.plans.selectors import PERIOD_NOT_FOUND_ERROR, PLAN_NOT_FOUND_ERROR
from councilplan.reports.services import COVER_FORMAT_ERROR
from tests.cli.test_commands import councilplan
from tests.interchange.full_plan import full_plan_document


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """One database for the module: the reports only read it."""
    directory = tmp_path_factory.mktemp("report")
    path = directory / "plan.json"
    path.write_text(json.dumps(full_plan_document()))
    councilplan(directory, "import", str(path))
    return directory


def test_report_writes_html_for_the_period_asked(data_dir):
    out = data_dir / "report.html"
    result = councilplan(
        data_dir, "report", "every-field", "--period", "2024-Q1", "--format", "html",
        "--out", str(out),
    )  # fmt: skip
    html = out.read_text()
    assert "performance report, Q1 2024/25" in html
    assert "Harlow Pound" in html
    assert "Slow start" in html  # BE6's approved Q1 commentary
    assert str(out) in result.stderr


def test_report_defaults_to_the_current_period_and_filters_exceptions(data_dir):
    out = data_dir / "exceptions.xlsx"
    councilplan(
        data_dir, "report", "every-field", "--format", "xlsx", "--exceptions-only",
        "--out", str(out),
    )  # fmt: skip
    workbook = load_workbook(io.BytesIO(out.read_bytes()))
    items = list(workbook["Items"].iter_rows(min_row=2, values_only=True))
    headers = [cell.value for cell in workbook["Items"][1]]
    status = headers.index("Status")
    assert items
    overdue, forecast = headers.index("Overdue"), headers.index("Forecast RAG")
    assert all(
        row[status] in ("Red", "Amber") or row[overdue] or row[forecast] in ("red", "amber")
        for row in items
    )


def test_cover_writes_the_covering_report_with_the_appendix(data_dir):
    out = data_dir / "cabinet.docx"
    councilplan(
        data_dir, "report", "every-field", "--period", "2024-Q2", "--cover", "--out", str(out),
    )  # fmt: skip
    document = Document(io.BytesIO(out.read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Section 1 – Summary and Recommendations" in headings
    assert any(h.startswith("Appendix 1 – A plan that uses every field") for h in headings)


def test_cover_takes_the_meeting_date_and_refuses_a_bad_one(data_dir):
    out = data_dir / "cabinet-dated.docx"
    councilplan(
        data_dir, "report", "every-field", "--cover", "--meeting-date", "2024-09-12",
        "--out", str(out),
    )  # fmt: skip
    details = {r.cells[0].text: r.cells[1].text for r in Document(out).tables[0].rows}
    assert details["Date of Meeting:"] == "12 September 2024"
    bad = councilplan(
        data_dir, "report", "every-field", "--cover", "--meeting-date", "12/09/2024", check=False
    )
    assert bad.returncode == 2
    assert MEETING_DATE_ERROR.format(value="12/09/2024") in bad.stderr
    alone = councilplan(
        data_dir, "report", "every-field", "--meeting-date", "2024-09-12", check=False
    )
    assert alone.returncode == 1
    assert MEETING_DATE_COVER_ERROR in alone.stderr


def test_unknown_plan_and_period_are_clear_errors(data_dir):
    result = councilplan(data_dir, "report", "no-such-plan", check=False)
    assert result.returncode == 1
    assert PLAN_NOT_FOUND_ERROR.format(identifier="no-such-plan") in result.stderr
    result = councilplan(data_dir, "report", "every-field", "--period", "2019-Q3", check=False)
    assert result.returncode == 1
    assert (
        PERIOD_NOT_FOUND_ERROR.format(
            plan="every-field", key="2019-Q3", known="2024-Q1, 2024-Q2, 2024-Q3, 2024-Q4"
        )
        in result.stderr
    )
    result = councilplan(
        data_dir, "report", "every-field", "--cover", "--format", "pdf", check=False
    )
    assert result.returncode == 1
    assert COVER_FORMAT_ERROR in result.stderr
