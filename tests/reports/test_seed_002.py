"""Done when: importing seed 002 (Harlow's Q1 2024/25 monitoring) and producing its Q1 report
shows every mission, priority, action, milestone, measure, percentage and comment, with the
engine's roll-ups beside the reported ones and the differences flagged — in every format."""

import html as html_lib
import io
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from councilplan.interchange.services import plan_import_path
from councilplan.plans.models import Measure, MeasureValue, PlanItem, ProgressUpdate
from councilplan.plans.selectors import period_get, plan_get
from councilplan.reports.selectors import plan_position
from councilplan.reports.services import report_render_position

SEED = (
    Path(__file__).resolve().parents[2]
    / "src/councilplan/sample_data/seeds/002_18d0fb1317272cfa.txt"
)
PLAN_ID = "harlow-corporate-plan-2024-25"


pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_report(db):
    """The seed imported, its Q1 position, the facts the importer placed, every format."""
    outcome = plan_import_path(path=SEED)
    plan = plan_get(identifier=outcome.plan_id)
    position = plan_position(plan=plan, period=period_get(plan=plan, key="2024-Q1"))
    q1_actuals = dict(
        MeasureValue.objects.filter(measure__plan=plan, period__key="2024-Q1").values_list(
            "measure_id", "text"
        )
    )
    facts = {
        "titles": list(PlanItem.objects.filter(plan=plan).values_list("title", flat=True)),
        "updates": list(
            ProgressUpdate.objects.filter(item__plan=plan, state="approved").values_list(
                "item__key", "percent_complete", "commentary"
            )
        ),
        # Each measure's name, its target and its Q1 actual (the seed's `Position at Q1`).
        "measures": [
            (measure.name, measure.target_text, q1_actuals.get(measure.pk, ""))
            for measure in Measure.objects.filter(plan=plan)
        ],
        "baselines": list(
            Measure.objects.filter(plan=plan)
            .exclude(baseline_text="")
            .values_list("key", flat=True)
        ),
    }
    rendered = {
        fmt: report_render_position(position=position, format=fmt)
        for fmt in ("html", "docx", "xlsx", "pdf")
    }
    return outcome, position, facts, rendered


def normal(text: str) -> str:
    return " ".join(text.split())


def html_text(data: bytes) -> str:
    text = re.sub(r"<[^>]+>", " ", data.decode())
    return normal(html_lib.unescape(text))


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return normal(" ".join(parts))


def xlsx_text(data: bytes) -> str:
    workbook = load_workbook(io.BytesIO(data))
    return normal(
        " ".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    )


def pdf_text(data: bytes) -> str:
    """The PDF's text in reading order, each table cell kept whole (poppler's pdftotext)."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return normal(result.stdout.decode("utf-8"))


def seed_headings() -> tuple[list[str], list[str], list[str]]:
    """Missions (`2. Renew our Neighbourhoods`), priorities (`2.1 …`) and action references
    (`RN1`) as the seed prints them."""
    missions, priorities, actions = [], [], []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        first = line.strip().split("\t")[0].strip()
        if m := re.fullmatch(r"(\d)\. (.+)", first):
            missions.append(m[2])
        elif m := re.fullmatch(r"(\d\.\d) (.+)", first):
            priorities.append(m[1])
        elif re.fullmatch(r"[A-Z]{2}\d{1,2}", first):
            actions.append(first)
    return missions, priorities, actions


def test_seed_002_q1_report_shows_every_fact_with_rollups_flagged_in_every_format(seed_report):
    outcome, position, facts, rendered = seed_report
    assert outcome.plan_id == PLAN_ID
    assert position.period_label == "Q1 2024/25"
    texts = {
        "html": html_text(rendered["html"]),
        "docx": docx_text(rendered["docx"]),
        "xlsx": xlsx_text(rendered["xlsx"]),
        "pdf": pdf_text(rendered["pdf"]),
    }
    for fmt in ("html", "docx", "pdf"):
        headings_shown(texts[fmt])
    for fmt in ("html", "docx", "xlsx"):
        facts_shown(texts[fmt], facts)
    comments_in_pdf(texts["pdf"], facts)
    q1_actuals_shown(texts, facts)
    rollups_flagged(position, rendered)
    rows = {row.key: row for row in position.rows}
    for key, percent, _ in facts["updates"]:
        if percent is not None:
            assert rows[key].reported_percent == float(percent)


def headings_shown(text: str) -> None:
    missions, priorities, actions = seed_headings()
    assert len(missions) == 6
    for title in missions:
        assert title in text, title
    for number in priorities:
        assert number in text, number
    for ref in actions:
        assert re.search(rf"\b{ref}\b", text), ref


def facts_shown(text: str, facts: dict) -> None:
    for title in facts["titles"]:
        assert normal(title) in text, title
    for _, _, commentary in facts["updates"]:
        if commentary:
            assert normal(commentary) in text, commentary
    for name, target, actual in facts["measures"]:
        for value in (name, target, actual):
            if value:
                assert normal(value) in text, value


def q1_actuals_shown(texts: dict[str, str], facts: dict) -> None:
    """The seed's `Position at Q1` is each measure's Q1 actual, printed as the council wrote
    it in the Q1 column: none is left as a baseline."""
    assert facts["baselines"] == []
    actuals = [actual for _, _, actual in facts["measures"] if actual]
    assert len(actuals) > 50
    assert "4,007 t CO2e reported at 2021" in actuals
    assert "Actual, Q1 2024/25" in texts["html"]
    assert "Actual, Q1 2024/25" in texts["docx"]


def comments_in_pdf(text: str, facts: dict) -> None:
    comments = [normal(c) for _, _, c in facts["updates"] if c]
    assert comments
    # PDF text breaks lines anywhere (a URL included) and a table cell may run over a page
    # break: compare each comment's opening, without any white space. pdftotext takes a
    # line that ends in "-" for a hyphenated word and drops the "-": drop them all.
    squeezed = "".join(text.split()).replace("-", "")
    for comment in comments:
        assert "".join(comment.split()[:5]).replace("-", "") in squeezed, comment


def rollups_flagged(position, rendered) -> None:
    rows = {row.heading: row for row in position.rows}
    mission_2 = rows["2 Renew our Neighbourhoods"]
    # Mission 2 is printed at 25%; its ten milestones (0% but one at 20%) imply 2%.
    assert mission_2.reported_percent == 25
    assert mission_2.computed_percent == pytest.approx(2)
    assert mission_2.percent_differs
    town_centre = next(row for row in position.rows if row.ref == "3.1")
    assert town_centre.reported_percent == 37
    assert town_centre.computed_percent == pytest.approx(36.67, abs=0.01)
    assert not town_centre.percent_differs  # 37% is the milestones' mean, rounded
    finding = next(
        f for f in position.findings if f.key == mission_2.key and f.kind == "rollup-differs"
    )
    assert "reports 25% but its items imply 2%" in finding.message
    workbook = load_workbook(io.BytesIO(rendered["xlsx"]))
    progress = {row[0]: row for row in workbook["Progress"].iter_rows(min_row=2, values_only=True)}
    assert progress[mission_2.key][4] == pytest.approx(0.25)
    assert progress[mission_2.key][5] == pytest.approx(0.02)
    assert progress[mission_2.key][6] is True
