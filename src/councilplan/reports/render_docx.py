"""The report as a Word document: real headings and tables, for officers to edit."""

from io import BytesIO

from docx import Document
from docx.document import Document as DocumentType
from docx.shared import Cm

from councilplan.reports.charts import Chart, charts_for
from councilplan.reports.data import ItemRow, MeasureRow, PlanPosition, StatusShown
from councilplan.reports.docx_tools import (
    document_prepare,
    facts_add,
    heading_add,
    paragraph_add,
    picture_add,
    table_add,
)
from councilplan.reports.render_html import kind_title
from councilplan.reports.templatetags.reports import dates, percent

# Items start at Heading 3 under "The plan in full"; Word has nine heading levels.
FIRST_ITEM_HEADING = 3


def report_docx(position: PlanPosition, *, charts: list[Chart] | None = None) -> bytes:
    document = Document()
    document_prepare(
        document,
        title=position.title,
        author=position.organisation,
        subject=f"Quarterly performance report, {position.period_label}",
    )
    report_body_add(document, position, charts=charts, top_level=1)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_body_add(
    document: DocumentType,
    position: PlanPosition,
    *,
    charts: list[Chart] | None = None,
    top_level: int = 1,
) -> None:
    """The whole performance report, its title at heading `top_level` (0 = Title style)."""
    h = top_level
    heading_add(document, f"{position.plan_title}: performance report, {position.period_label}", h)
    intro = (
        f"{position.organisation}. Position at the end of {position.period_label} "
        f"({position.period_starts_on:%-d %B %Y} to {position.period_ends_on:%-d %B %Y}). "
        f"Produced {position.generated_on:%-d %B %Y}. Only approved updates are counted."
    )
    if position.filters.describe():
        intro += f" Showing {position.filters.describe()}."
    paragraph_add(document, intro)
    _summary(document, position, h + 1)
    _findings(document, position, h + 1)
    _body(document, position, h + 1)
    _risks(document, position, h + 1)
    _charts(document, charts if charts is not None else charts_for(position), h + 1)
    heading_add(document, "How this report is worked out", h + 1)
    for text in (
        f"Computed percent complete is {position.progress_rollup}; computed status is "
        f"{position.rag_rollup}. A reported figure that differs from the computed one by more "
        "than one point is flagged.",
        "Suggested status compares a measure's actual with its target (within "
        f"{position.tolerance_percent:g}% of the target is Amber), and a milestone's progress "
        "with the share of its time gone at the period's end. The reported status is kept; "
        "where the evidence disagrees it is flagged.",
        "Every status is shown as a word and a shape, never by colour alone.",
    ):
        paragraph_add(document, text, "List Bullet")


def _status(status: StatusShown | None) -> str:
    if status is None:
        return "—"
    text = f"{status.shape} {status.word}"
    return text if status.source == "reported" else f"{text} ({status.source})"


def _summary(document: DocumentType, position: PlanPosition, level: int) -> None:
    heading_add(document, "Summary", level)
    table_add(
        document,
        caption="Items by status",
        headers=("Status", "Items", "Share"),
        rows=[(f"{c.shape} {c.word}", c.count, f"{c.share:.0f}%") for c in position.status_mix],
    )
    if position.progress:
        table_add(
            document,
            caption="Progress by " + " and ".join(position.level_names[:2]).lower(),
            headers=("Item", "Status", "Reported %", "Computed %", "Difference"),
            rows=[
                (
                    p.heading,
                    _status(p.status),
                    percent(p.reported_percent) or "—",
                    percent(p.computed_percent) or "—",
                    "Differs" if p.differs else "",
                )
                for p in position.progress
            ],
        )
    heading_add(
        document, f"What changed since {position.previous_label or 'the last period'}", level + 1
    )
    if not position.previous_label:
        paragraph_add(document, "There is no previous period to compare with.")
    for kind in ("newly_red", "completed", "slipped", "improved", "worsened"):
        heading_add(document, kind_title(kind), level + 2)
        changes = position.changes_of(kind)
        if not changes:
            paragraph_add(document, "None.")
        for change in changes:
            paragraph_add(
                document, f"{change.heading}: {change.before} → {change.after}", style="List Bullet"
            )
    heading_add(document, "Exceptions: red, amber and overdue", level + 1)
    if not position.exceptions:
        paragraph_add(document, "No item is red, amber or overdue.")
        return
    table_add(
        document,
        caption="Exceptions with their commentary and next steps",
        headers=("Item", "Status", "%", "Commentary", "Next steps"),
        rows=[
            (
                " ".join([row.heading, *(f"[{flag}]" for flag in row.flags)]),
                _status(row.status),
                percent(row.reported_percent) or "—",
                row.commentary,
                row.next_steps,
            )
            for row in position.exceptions
        ],
    )


def _findings(document: DocumentType, position: PlanPosition, level: int) -> None:
    heading_add(document, "Data-quality findings", level)
    if not position.findings:
        paragraph_add(document, "No findings.")
        return
    table_add(
        document,
        caption="Findings for the performance team to check",
        headers=("Finding", "Item", "Detail"),
        rows=[(f.title, f.heading, f.message) for f in position.findings],
    )


def _body(document: DocumentType, position: PlanPosition, level: int) -> None:
    """Each heading item with its facts, then its lowest-level items as one table and their
    measures as another — the shape of the council's own monitoring tables."""
    heading_add(document, "The plan in full", level)
    for group in position.body_groups:
        row = group.heading
        if row is not None:
            heading_add(document, f"{row.level} {row.heading}", level + 1 + row.depth)
            if not row.context_only:
                facts_add(document, _facts(position, row))
                if row.measures:
                    _measures_table(document, position, row.heading, row.measure_pairs, False)
        if not group.items:
            continue
        under = f" under {row.heading[:90]}" if row is not None else ""
        table_add(
            document,
            caption=f"{group.level}s{under}",
            headers=(group.level, "Owner and dates", "Status", "% complete",
                     "Commentary and next steps"),
            rows=[_item_cells(position, item) for item in group.items],
        )  # fmt: skip
        if group.measures:
            _measures_table(document, position, row.heading if row else "", group.measures, True)


def _item_cells(position: PlanPosition, row: ItemRow) -> tuple[str, ...]:
    item = row.heading
    if row.description:
        item += f"\n{row.description}"
    if row.flags:
        item += " [" + "; ".join(row.flags) + "]"
    who = [row.lead_officer]
    if row.portfolio:
        who.append(f"Portfolio: {row.portfolio}")
    who.append(row.service_area)
    who.extend(f"{label}: {names}" for label, names in row.other_roles)
    who.append(dates(row))
    status = _status(row.status)
    if row.suggested and row.status.source == "reported":
        status += f"\nEvidence suggests {row.suggested.shape} {row.suggested.word}"
    if row.suggestion_reason:
        status += f"\n{row.suggestion_reason}"
    progress = percent(row.reported_percent) or "—"
    if row.direction:
        progress += f"\n{row.direction}"
    commentary = row.commentary
    if row.next_steps:
        commentary += f"\nNext steps: {row.next_steps}"
    return (item, "\n".join(part for part in who if part), status, progress, commentary)


def _measures_table(
    document: DocumentType,
    position: PlanPosition,
    caption: str,
    pairs: list[tuple[ItemRow, MeasureRow]],
    show_item: bool,
) -> None:
    headers = (
        "Measure", "Baseline", "Target", f"Actual, {position.period_label}", "Suggested status",
        f"Since {position.previous_label or 'last period'}",
        f"Since {position.last_year_label or 'last year'}",
    )  # fmt: skip
    rows = [
        (
            m.name,
            m.baseline,
            m.target,
            m.actual or "—",
            _status(m.suggested),
            m.direction_previous or "—",
            m.direction_last_year or "—",
        )  # fmt: skip
        for _, m in pairs
    ]
    if show_item:
        headers = ("Item", *headers)
        rows = [
            (item.ref or item.title[:40], *cells)
            for (item, _), cells in zip(pairs, rows, strict=True)
        ]
    table_add(
        document,
        caption=f"Measures: {caption[:90]}" if caption else "Measures",
        headers=headers,
        rows=rows,
    )


def _facts(position: PlanPosition, row: ItemRow) -> list[tuple[str, str]]:
    status = _status(row.status)
    if row.status.source == "reported" and row.suggested:
        status += f"; suggested by the evidence: {row.suggested.shape} {row.suggested.word}"
    if row.status.source == "reported" and row.computed_status:
        status += f"; computed from the items below: {row.computed_status.word}"
    if row.flags:
        status += " [" + "; ".join(row.flags) + "]"
    progress = f"reported {percent(row.reported_percent) or '—'}"
    if not row.is_leaf:
        progress += f"; computed {percent(row.computed_percent) or '—'}"
    if row.direction:
        progress += f"; since {position.previous_label}: {row.direction}"
    dates = []
    if row.start_date:
        dates.append(f"start {row.start_date:%-d %B %Y}")
    if row.due_date:
        dates.append(f"due {row.due_date:%-d %B %Y}")
    date_text = "; ".join(dates) + (f" ({row.timescale_text})" if row.timescale_text else "")
    return [
        ("Status", status),
        ("Evidence", row.suggestion_reason),
        ("Percent complete", progress),
        ("Lead officer", row.lead_officer),
        ("Portfolio", row.portfolio),
        ("Service area", row.service_area),
        *row.other_roles,
        ("Dates", date_text.strip()),
        ("Description", row.description),
        ("Commentary", row.commentary),
        ("Next steps", row.next_steps),
    ]


def _risks(document: DocumentType, position: PlanPosition, level: int) -> None:
    heading_add(document, "Risk register", level)
    if not position.risks:
        paragraph_add(document, "The plan has no risk register.")
        return
    risk_table_add(document, position)


def risk_table_add(document: DocumentType, position: PlanPosition) -> None:
    table_add(
        document,
        caption="Risks, their mitigations and RAG status",
        headers=("Risk Description", "Mitigations", "RAG Status"),
        rows=[
            (r.description, list(r.mitigations), _status(r.status) if r.status else "—")
            for r in position.risks
        ],
    )


def _charts(document: DocumentType, charts: list[Chart], level: int) -> None:
    if not charts:
        return
    heading_add(document, "Charts", level)
    for chart in charts:
        heading_add(document, chart.title, level + 1)
        picture_add(
            document, png=chart.png, alt_text=f"{chart.title}: {chart.description}", width=Cm(15)
        )
        table_add(
            document,
            caption=f"Data for the chart “{chart.title}”",
            headers=chart.table.headers,
            rows=[tuple("—" if v is None else v for v in values) for values in chart.table.rows],
        )
