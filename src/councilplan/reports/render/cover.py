"""The covering report to Cabinet, as a Word document in the layout English councils use.

Laid out as Harrow's Cabinet report (seed 004): the report facts, Section 1 summary and
recommendations, Section 2 the report with its implications (risk management carries the
plan's risk register as a table), Section 3 statutory officer clearance, Section 4 contact
details — pre-filled from the plan and the period, with the performance report as Appendix 1.
What only the officer can write is left in square brackets for them to finish in Word.
"""

from datetime import date
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocumentType

from councilplan.domain.wording import percent_text
from councilplan.domain.wording import plural as plural_words
from councilplan.reports.data import PlanPosition, ProgressRow
from councilplan.reports.position import REPORTED
from councilplan.reports.render.docx_tools import (
    document_prepare,
    heading_add,
    page_break,
    page_numbers_add,
    paragraph_add,
    table_add,
)
from councilplan.reports.render.word import report_body_add, risk_table_add
from councilplan.reports.summary import changes_counted, headline

TO_COMPLETE = "[To be completed by the report author]"
# Where an imported Cabinet report keeps its facts (the importer's names), with old spellings.
FACT_KEYS = {
    "report_for": ("report_for",),
    "date_of_meeting": ("date_of_meeting", "meeting_date"),
    "subject": ("subject",),
    "key_decision": ("key_decision",),
    "responsible_officer": ("responsible_officer",),
    "portfolio_holder": ("portfolio_holder",),
    "exempt": ("exempt",),
    "call_in": ("call_in", "decision_subject_to_call_in"),
    "wards": ("wards", "wards_affected"),
    "enclosures": ("enclosures",),
    "contact": ("contact", "contact_details"),
}
FACT_LABELS = (
    ("report_for", "Report for:"),
    ("date_of_meeting", "Date of Meeting:"),
    ("subject", "Subject:"),
    ("key_decision", "Key Decision:"),
    ("responsible_officer", "Responsible Officer:"),
    ("portfolio_holder", "Portfolio Holder:"),
    ("exempt", "Exempt:"),
    ("call_in", "Decision subject to Call-in:"),
    ("wards", "Wards affected:"),
    ("enclosures", "Enclosures:"),
)
CLEARANCE = (
    ("Statutory Officer:", "Signed by the Chief Financial Officer"),
    ("Statutory Officer:", "Signed on behalf of the Monitoring Officer"),
    ("Chief Officer:", "Signed off by the Director"),
    ("Head of Procurement:", "Signed by the Head of Procurement"),
    ("Head of Internal Audit:", "Signed by the Head of Internal Audit"),
)


def cover_facts(position: PlanPosition, *, meeting_date: date | None = None) -> dict[str, str]:
    """The report facts: from the plan's imported Cabinet report where it has them, else
    worked out from the plan and the period, else left for the officer. The meeting's date
    is the one given, never an imported report's (that meeting has been)."""
    metadata = position.metadata or {}
    source = metadata.get("cabinet_report") or {}
    facts = {}
    for name, keys in FACT_KEYS.items():
        values = [source.get(key) or metadata.get(key) for key in keys]
        facts[name] = _text(next((value for value in values if value), ""))
    portfolio_holders = sorted(
        {row.portfolio for row in position.rows if row.depth == 0 and row.portfolio}
    )
    appendix = f"Appendix 1 – {position.plan_title}: performance report, {position.period_label}"
    defaults = {
        "report_for": "Cabinet",
        "date_of_meeting": "[Date of the meeting]",
        "subject": f"{position.plan_title} – performance at {position.period_label}",
        "key_decision": "No",
        "responsible_officer": "[Name – post]",
        "portfolio_holder": "; ".join(portfolio_holders) or "[Councillor – portfolio]",
        "exempt": "No",
        "call_in": "Yes",
        "wards": "All",
        "enclosures": appendix,
        "contact": "[Name, post, email, telephone]",
    }
    # An imported report's subject and enclosures were for its own meeting: this report is
    # about the period's performance and encloses the performance report.
    facts["subject"] = defaults["subject"]
    facts["enclosures"] = appendix
    facts["date_of_meeting"] = f"{meeting_date:%-d %B %Y}" if meeting_date else ""
    return {name: facts.get(name) or defaults[name] for name in defaults}


def cover_report_docx(position: PlanPosition, *, meeting_date: date | None = None) -> bytes:
    document = Document()
    facts = cover_facts(position, meeting_date=meeting_date)
    document_prepare(
        document,
        title=f"{facts['report_for']}: {facts['subject']}",
        author=position.organisation,
        subject=facts["subject"],
    )
    page_numbers_add(document, f"{facts['report_for']}: {facts['subject']}")
    heading_add(document, f"{position.organisation}: report to {facts['report_for']}", 0)
    table_add(
        document,
        caption="Report details",
        headers=("Item", "Detail"),
        rows=[(label, facts[name]) for name, label in FACT_LABELS],
    )
    _section_1(document, position)
    _section_2(document, position)
    _section_3(document)
    _section_4(document, facts)
    page_break(document)
    report_body_add(document, position, top_level=1, front_matter=False)
    _appendix_title(document, position)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _appendix_title(document: DocumentType, position: PlanPosition) -> None:
    """Name the appendix in its heading, so Word's navigation shows 'Appendix 1 – …'."""
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1" and paragraph.text.endswith(
            f"performance report, {position.period_label}"
        ):
            paragraph.text = f"Appendix 1 – {paragraph.text}"
            return


def _exceptions_counted(count: int) -> str:
    """`No item is an exception`, `1 item is an exception`, `3 items are exceptions`."""
    if count == 0:
        return "No item is an exception"
    if count == 1:
        return "1 item is an exception"
    return f"{plural_words(count, 'item')} are exceptions"


def progress_sentence(row: ProgressRow) -> str:
    """A top-level item's status and progress for the Current situation section."""
    status = row.status.word
    if row.status.source != REPORTED:
        status += f" ({row.status.source})"
    computed = percent_text(row.computed_percent) or None
    if row.reported_percent is None:
        progress = "no percentage reported"
        if computed:
            progress += f" (the items below imply {computed})"
    else:
        progress = f"reported {percent_text(row.reported_percent)} complete"
        if row.differs and computed:
            progress += f" (the items below imply {computed})"
    return f"{row.heading}: {status}; {progress}"


def _section_1(document: DocumentType, position: PlanPosition) -> None:
    heading_add(document, "Section 1 – Summary and Recommendations", 1)
    paragraph_add(
        document,
        f"This report sets out progress against the {position.plan_title} at the end of "
        f"{position.period_label}. {headline(position)} "
        f"{_exceptions_counted(len(position.exceptions))} (red, amber, overdue, or forecast "
        "red or amber), set out with commentary and next steps in Appendix 1.",
    )
    paragraph = paragraph_add(
        document,
    )
    paragraph.add_run("Recommendations: ").bold = True
    paragraph_add(
        document, f"{_text(position.metadata.get('report_for')) or 'Cabinet'} is requested to:"
    )
    for text in (
        f"Note the progress against the {position.plan_title} at the end of "
        f"{position.period_label}.",
        "Note the exceptions and the corrective action set out for them.",
        TO_COMPLETE,
    ):
        paragraph_add(document, text, "List Number")
    paragraph = paragraph_add(
        document,
    )
    paragraph.add_run("Reason: (for recommendations) ").bold = True
    paragraph.add_run(
        "To keep Cabinet informed of delivery of the council's priorities and to secure "
        "corrective action where delivery is off track."
    )


def _section_2(document: DocumentType, position: PlanPosition) -> None:
    heading_add(document, "Section 2 – Report", 1)
    heading_add(document, "Introductory paragraph", 2)
    paragraph_add(
        document,
        f"This report provides {_text(position.metadata.get('report_for')) or 'Cabinet'} with "
        f"an update on progress against the {position.plan_title} for {position.period_label} "
        f"({position.period_starts_on:%-d %B %Y} to {position.period_ends_on:%-d %B %Y}).",
    )
    heading_add(document, "Options considered", 2)
    paragraph_add(document, TO_COMPLETE)
    heading_add(document, "Current situation", 2)
    paragraph_add(document, headline(position))
    for row in position.progress:
        paragraph_add(document, progress_sentence(row), "List Bullet")
    changes = changes_counted(position)
    if position.previous_label:
        paragraph_add(
            document,
            f"Since {position.previous_label}: {changes['newly_red']} newly red, "
            f"{changes['completed']} completed, {changes['slipped']} slipped and "
            f"{changes['improved']} improved.",
        )
    heading_add(document, "Performance Implications", 2)
    paragraph_add(
        document,
        "The performance report at Appendix 1 shows each item's status, progress, commentary "
        f"and next steps, with {plural_words(len(position.findings), 'data-quality finding')} "
        "for officers to "
        "resolve before publication.",
    )
    heading_add(document, "Risk Management Implications", 2)
    on_register = "Yes" if position.risks else TO_COMPLETE
    paragraph_add(
        document, f"Risks included on corporate or directorate risk register? {on_register}"
    )
    paragraph_add(document, "Separate risk register in place? " + TO_COMPLETE)
    if position.risks:
        paragraph_add(
            document,
            "The following key risks should be taken into account when agreeing the "
            "recommendations in this report:",
        )
        risk_table_add(document, position)
    else:
        paragraph_add(document, "The plan holds no risk register. " + TO_COMPLETE)
    for heading in (
        "Procurement Implications",
        "Legal Implications",
        "Financial Implications",
        "Equalities implications / Public Sector Equality Duty",
        "Council Priorities",
    ):
        heading_add(document, heading, 2)
        paragraph_add(document, TO_COMPLETE)


def _section_3(document: DocumentType) -> None:
    heading_add(document, "Section 3 – Statutory Officer Clearance", 1)
    table_add(
        document,
        caption="Statutory officer clearance",
        headers=("Officer", "Name", "Signed", "Date"),
        rows=[(officer, "", role, "") for officer, role in CLEARANCE],
    )
    heading_add(document, "Mandatory Checks", 2)
    paragraph_add(document, "Ward Councillors notified: " + TO_COMPLETE)
    paragraph_add(document, "EqIA carried out: " + TO_COMPLETE)


def _section_4(document: DocumentType, facts: dict[str, str]) -> None:
    heading_add(document, "Section 4 – Contact Details and Background Papers", 1)
    paragraph = paragraph_add(
        document,
    )
    paragraph.add_run("Contact: ").bold = True
    paragraph.add_run(facts["contact"])
    paragraph = paragraph_add(
        document,
    )
    paragraph.add_run("Background Papers: ").bold = True
    paragraph.add_run("None")
    paragraph_add(
        document, "Call-in waived by the Chair of Overview and Scrutiny Committee – " + TO_COMPLETE
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value).strip()
