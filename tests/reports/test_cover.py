"""The covering report to Cabinet, laid out as seed 004, read back from the Word file."""

import io
from datetime import date

import pytest
from docx import Document

from councilplan.domain.engine import Rag
from councilplan.interchange.load import plan_import_document
from councilplan.plans.selectors import period_get
from councilplan.reports.render.cover import TO_COMPLETE, headline, progress_sentence
from councilplan.reports.selectors import plan_position
from councilplan.reports.services import report_render
from tests.interchange.full_plan import full_plan_document

pytestmark = pytest.mark.django_db

CABINET_FACTS = {
    "report_for": "Cabinet",
    "date_of_meeting": "10 February 2022",
    "subject": "Borough Plan – Key Achievements and Future Intentions",
    "key_decision": "Yes – affects all wards",
    "responsible_officer": "Sean Harriss - Chief Executive",
    "portfolio_holder": "Councillor Graham Henson – Leader of the Council",
    "exempt": "No",
    "call_in": "Yes",
    "wards": "All",
    "enclosures": "Appendix 1 – Borough Plan",
}


@pytest.fixture
def cover_document():
    document = full_plan_document()
    document["plan"]["metadata"] = {"cabinet_report": CABINET_FACTS}
    plan = plan_import_document(document=document).plan
    data = report_render(
        plan=plan, period=period_get(plan=plan, key="2024-Q1"), format="docx", cover=True
    )
    return Document(io.BytesIO(data))


def test_report_details_come_from_the_imported_cabinet_report(cover_document):
    details = {row.cells[0].text: row.cells[1].text for row in cover_document.tables[0].rows}
    assert details["Report for:"] == "Cabinet"
    # The imported report's meeting has been: its date is never this report's.
    assert details["Date of Meeting:"] == "[Date of the meeting]"
    assert details["Responsible Officer:"] == "Sean Harriss - Chief Executive"
    assert details["Portfolio Holder:"].startswith("Councillor Graham Henson")
    assert details["Decision subject to Call-in:"] == "Yes"
    assert details["Wards affected:"] == "All"
    # The subject and enclosure are this report's own: the period's performance report.
    assert details["Subject:"] == "A plan that uses every field – performance at Q1 2024/25"
    assert details["Enclosures:"].startswith("Appendix 1 – A plan that uses every field")


def test_sections_follow_the_cabinet_report_layout(cover_document):
    headings = [p.text for p in cover_document.paragraphs if p.style.name.startswith("Heading")]
    expected = [
        "Section 1 – Summary and Recommendations",
        "Section 2 – Report",
        "Risk Management Implications",
        "Financial Implications",
        "Legal Implications",
        "Equalities implications / Public Sector Equality Duty",
        "Section 3 – Statutory Officer Clearance",
        "Section 4 – Contact Details and Background Papers",
    ]
    for heading in expected:
        assert heading in headings
    assert headings.index("Section 4 – Contact Details and Background Papers") < next(
        i for i, h in enumerate(headings) if h.startswith("Appendix 1 –")
    )
    assert any(p.text == TO_COMPLETE for p in cover_document.paragraphs)


def test_risk_management_carries_the_risk_register_as_a_table(cover_document):
    risk_tables = [
        table
        for table in cover_document.tables
        if [c.text for c in table.rows[0].cells]
        == [
            "Risk Description",
            "Likelihood and impact",
            "Mitigations",
            "RAG Status",
            "Linked items",
        ]
    ]
    # Once in the implications, once in the appendix.
    assert len(risk_tables) == 2
    row = [cell.text for cell in risk_tables[0].rows[1].cells]
    assert row[0] == "Funding is withdrawn"
    assert "Seek grants" in row[2]
    assert "Phase the work" in row[2]
    assert row[3] == "◆ Amber"


def test_the_meeting_date_given_is_printed(db):
    document = full_plan_document()
    document["plan"]["metadata"] = {"cabinet_report": CABINET_FACTS}
    plan = plan_import_document(document=document).plan
    data = report_render(
        plan=plan,
        period=period_get(plan=plan, key="2024-Q1"),
        format="docx",
        cover=True,
        meeting_date=date(2024, 9, 12),
    )
    rows = Document(io.BytesIO(data)).tables[0].rows
    details = {row.cells[0].text: row.cells[1].text for row in rows}
    assert details["Date of Meeting:"] == "12 September 2024"


def test_headline_never_prints_a_suggestion_as_a_reported_status(harlow_plan, harlow_q1):
    """Harlow's monitoring reports percentages but no RAG: the Cabinet paper says so, and
    gives the evidence's view as a suggestion."""
    position = plan_position(plan=harlow_plan, period=harlow_q1)
    text = headline(position)
    suggested_red = next(c for c in position.status_mix if c.suggested and c.rag is Rag.RED)
    assert text.startswith(
        "At the end of Q1 2024/25, of 100 milestones none has a status reported by its owner"
    )
    assert "the evidence (progress against the time gone, measures against their targets)" in text
    assert f"suggests {suggested_red.count} red, " in text
    not_rated = next(c.count for c in position.status_mix if c.word == "Not rated")
    assert f"; {not_rated} are not rated." in text
    mission_2 = next(row for row in position.progress if row.heading.startswith("2 Renew"))
    # Rolled up from suggestions, a mission's colour is a suggestion too, and says so
    # (it said "Red (computed from the items below)").
    assert progress_sentence(mission_2) == (
        "2 Renew our Neighbourhoods: Suggested: Red (rolled up from suggestions below; no "
        "status reported); reported 25% complete (the items below imply 2%)"
    )


def test_headline_gives_the_owners_words_for_what_is_not_due(harborough_plan):
    plan = harborough_plan
    text = headline(plan_position(plan=plan, period=period_get(plan=plan, key="2020-Q1")))
    assert "the owners reported 1 amber, 12 green, 19 start later in year and 2 deferred" in text
    assert "suggest" not in text


def test_counts_in_the_covering_report_have_their_plurals_right(db):
    # Before: "1 items are exceptions" and "1 data-quality findings".
    plan = plan_import_document(document=full_plan_document()).plan
    data = report_render(
        plan=plan, period=period_get(plan=plan, key="2024-Q2"), format="docx", cover=True
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "1 item is an exception (red, amber, overdue, or forecast red or amber)" in text
    assert "1 items" not in text
    assert "3 data-quality findings" in text


def test_newly_red_counts_only_the_lowest_level_items(harlow_plan, harlow_q1):
    # Before, "3 newly red" counted missions that turned red with the action below them.
    from councilplan.reports.render.cover import changes_counted

    position = plan_position(plan=harlow_plan, period=harlow_q1)
    leaf = next(row for row in position.rows if row.is_leaf)
    parent = next(row for row in position.rows if row.key == leaf.parent_key)
    from councilplan.reports.data import ChangeRow

    position.changes = [
        ChangeRow("newly_red", "Newly red", row.key, row.heading, "Green", "Red", row.is_leaf)
        for row in (parent, leaf)
    ]
    assert changes_counted(position)["newly_red"] == 1
