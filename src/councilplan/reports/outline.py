"""The report's outline: what the Word and PDF reports print, in order, from one PlanPosition.

`report_outline_write` walks the position once and tells a `ReportWriter` to add headings,
paragraphs, tables, label–value facts and charts. The Word report's writer puts them into a
.docx, the PDF's into the blocks Typst lays out, so the two cannot print different things.
"""

from collections.abc import Sequence
from typing import Any, Protocol

from councilplan.domain.text_lists import plural
from councilplan.domain.wording import percent_text
from councilplan.domain.wording import plural as plural_words
from councilplan.reports.data import (
    NO_OWNER,
    PUBLICATION_DRAFT,
    QUIET_SOURCES,
    ItemRow,
    MeasureRow,
    PlanPosition,
    StatusShown,
    kind_title,
)
from councilplan.reports.position import CHANGE_ORDER
from councilplan.reports.render.charts import Chart, progress_charts, status_mix_chart, trend_small
from councilplan.reports.summary import (
    NO_CHANGES,
    change_sentences,
    exception_sentence,
    headline,
    indicator_exception_sentences,
)
from councilplan.reports.templatetags.reports import dates

# Relative column widths of an item table: item, owner and dates, status, %, commentary.
ITEM_COLUMN_WIDTHS = (2.8, 1.6, 1.4, 0.9, 3.3)
# Of a measures table: measure, baseline, target, actual, suggested status, the two
# directions, the trend.
MEASURE_COLUMN_WIDTHS = (2.4, 1.2, 1.3, 1.4, 1.2, 0.9, 0.9)
TREND_COLUMN_WIDTH = 1.6


EXCEPTIONS_HEADING = "Exceptions: red, amber, overdue, or forecast red or amber"
EXECUTIVE_SUMMARY = "Executive summary"
CONTENTS = "Contents"
# The contents lists headings down to this level: the sections and their parts.
CONTENTS_DEPTH = 3


class ReportWriter(Protocol):
    def heading(self, text: str, level: int) -> None: ...

    def paragraph(self, text: str, *, bullet: bool = False) -> None: ...

    def table(
        self,
        *,
        caption: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float] | None = None,
    ) -> None: ...

    def facts(self, facts: Sequence[tuple[str, str]]) -> None: ...

    def chart(self, chart: Chart) -> None: ...

    def cover(self, *, title: str, level: int, facts: Sequence[tuple[str, str]]) -> None:
        """The title page: the title as the first heading, the facts, then a new page."""

    def contents(self, title: str) -> None:
        """The contents (headings of the top two levels below the title), then a new page."""

    def page_break(self) -> None: ...


def report_outline_write(
    writer: ReportWriter,
    position: PlanPosition,
    *,
    top_level: int = 1,
    front_matter: bool = True,
) -> None:
    """The whole performance report, its title at heading `top_level` (0 = Title style).
    With `front_matter`, a cover and the contents come first (a report on its own; not an
    appendix to the covering report, which has its own)."""
    h = top_level
    if front_matter:
        writer.cover(title=position.title, level=h, facts=cover_facts(position))
        writer.contents(CONTENTS)
    else:
        writer.heading(position.title, h)
        writer.paragraph(_intro(position))
        if position.publication_note:
            writer.paragraph(position.publication_note)
    if position.indicators_only:
        _indicators_summary(writer, position, h + 1)
    else:
        _executive_summary(writer, position, h + 1)
        _summary(writer, position, h + 1)
    _findings(writer, position, h + 1)
    _body(writer, position, h + 1)
    _risks(writer, position, h + 1)
    writer.heading("How this report is worked out", h + 1)
    for text in (
        f"Computed percent complete is {position.progress_rollup}; computed status is "
        f"{position.rag_rollup}. A reported figure that differs from the computed one by more "
        "than one point is flagged.",
        "Suggested status compares a measure's actual with its target for the period "
        f"({position.tolerance_rule}), and a milestone's progress with the share of its time "
        "gone at the period's end. The reported status is kept; where the evidence disagrees "
        "it is flagged.",
        "Every status is shown as a word and a shape, never by colour alone. A status the "
        "evidence suggests where the owner reported none has a hollow shape and says so "
        "(△ Suggested: Red, ◇ Suggested: Amber, ◌ Suggested: Green); suggestions are counted "
        "apart from reported statuses, and changes compare reported statuses only.",
        "An item with no dates of its own is judged by the dates of the nearest item above "
        "it that has them, else by the plan's; the report says so beside the dates.",
    ):
        writer.paragraph(text, bullet=True)


def _intro(position: PlanPosition) -> str:
    intro = (
        f"{position.organisation}. Position at the end of {position.period_label} "
        f"({position.period_starts_on:%-d %B %Y} to {position.period_ends_on:%-d %B %Y}). "
        f"Produced {position.generated_on:%-d %B %Y}. Only approved updates are counted."
    )
    if position.filters.describe():
        intro += f" Showing {position.filters.describe()}."
    return intro


def cover_facts(position: PlanPosition) -> list[tuple[str, str]]:
    """What the cover prints under the title."""
    publication = position.publication_status or PUBLICATION_DRAFT
    if position.publication_note:
        publication += f". {position.publication_note}"
    facts = [
        ("Council", position.organisation),
        ("Plan", position.plan_title),
        (
            "Period",
            f"{position.period_label} ({position.period_starts_on:%-d %B %Y} to "
            f"{position.period_ends_on:%-d %B %Y})",
        ),
        ("Date", f"{position.generated_on:%-d %B %Y}"),
        ("Status of publication", publication),
    ]
    if position.filters.describe():
        facts.append(("Showing", position.filters.describe()))
    facts.append(("Counted", "Only approved updates are counted."))
    return facts


def _executive_summary(writer: ReportWriter, position: PlanPosition, level: int) -> None:
    """One page for a councillor in a hurry: the status mix of the lowest-level items and of
    the indicators, each exception in a sentence, and what changed."""
    writer.heading(EXECUTIVE_SUMMARY, level)
    writer.paragraph(headline(position))
    leaf_level = position.level_names[-1] if position.level_names else "Item"
    writer.table(
        caption=f"{plural(leaf_level)} by status",
        headers=("Status", plural(leaf_level), "Share"),
        rows=[(f"{c.shape} {c.word}", c.count, percent_text(c.share)) for c in position.status_mix],
        widths=(2.0, 1.0, 1.0),
    )
    writer.chart(status_mix_chart(position))
    measure_mix = position.measure_mix
    if any(count.count for count in measure_mix):
        writer.table(
            caption="Indicators by the status their figure gives against its target",
            headers=("Status", "Indicators", "Share"),
            rows=[(f"{c.shape} {c.word}", c.count, percent_text(c.share)) for c in measure_mix],
            widths=(2.0, 1.0, 1.0),
        )
    writer.heading("Exceptions in brief", level + 1)
    if not position.exceptions:
        writer.paragraph("No item is red, amber or overdue, or forecast red or amber.")
    for row in position.exceptions:
        writer.paragraph(exception_sentence(row), bullet=True)
    writer.heading(f"What changed since {position.previous_label or 'the last period'}", level + 1)
    if not position.previous_label:
        writer.paragraph("There is no previous period to compare with.")
    else:
        for sentence in change_sentences(position) or [NO_CHANGES]:
            writer.paragraph(sentence, bullet=True)
    writer.page_break()


def _indicators_summary(writer: ReportWriter, position: PlanPosition, level: int) -> None:
    """The executive summary of a plan of indicators only: the indicators' status mix and
    each Red or Amber indicator in a sentence; its items only group the indicators, so their
    status mix, progress and changes would say nothing."""
    writer.heading(EXECUTIVE_SUMMARY, level)
    measures = sum(len(row.measures) for row in position.items_shown)
    writer.paragraph(
        f"At the end of {position.period_label}, {plural_words(measures, 'indicator')}, each "
        f"judged by its figure against its target ({position.tolerance_rule})."
    )
    writer.table(
        caption="Indicators by the status their figure gives against its target",
        headers=("Status", "Indicators", "Share"),
        rows=[
            (f"{c.shape} {c.word}", c.count, percent_text(c.share)) for c in position.measure_mix
        ],
        widths=(2.0, 1.0, 1.0),
    )
    writer.heading("Indicators off target", level + 1)
    for sentence in indicator_exception_sentences(position) or ["No indicator is Red or Amber."]:
        writer.paragraph(sentence, bullet=True)
    writer.page_break()


def status_text(status: StatusShown | None) -> str:
    if status is None:
        return "—"
    text = f"{status.shape} {status.word}"
    return text if status.source in QUIET_SOURCES else f"{text} ({status.source})"


def _summary(writer: ReportWriter, position: PlanPosition, level: int) -> None:
    writer.heading("Summary", level)
    if position.progress:
        writer.table(
            caption="Progress by " + " and ".join(position.level_names[:2]).lower(),
            headers=("Item", "Status", "Reported %", "Computed %", "Difference"),
            rows=[
                (
                    p.heading,
                    status_text(p.status),
                    percent_text(p.reported_percent) or "—",
                    percent_text(p.computed_percent) or "—",
                    "Differs" if p.differs else "",
                )
                for p in position.progress
            ],
        )
        for chart in progress_charts(position):
            writer.chart(chart)
    writer.heading(f"What changed since {position.previous_label or 'the last period'}", level + 1)
    if not position.previous_label:
        writer.paragraph("There is no previous period to compare with.")
    for kind in CHANGE_ORDER:
        writer.heading(kind_title(kind.value), level + 2)
        changes = position.changes_of(kind.value)
        if not changes:
            writer.paragraph("None.")
        for change in changes:
            writer.paragraph(f"{change.heading}: {change.before} → {change.after}", bullet=True)
    writer.heading(EXCEPTIONS_HEADING, level + 1)
    if not position.exceptions:
        writer.paragraph("No item is red, amber or overdue, or forecast red or amber.")
        return
    writer.table(
        caption="Exceptions with their commentary and next steps",
        headers=("Item", "Status", "%", "Commentary", "Next steps"),
        rows=[
            (
                " ".join([row.heading, *(f"[{flag}]" for flag in row.flags)]),
                _status_and_forecast(row),
                percent_text(row.reported_percent) or "—",
                row.commentary,
                row.next_steps,
            )
            for row in position.exceptions
        ],
        widths=(2.6, 1.4, 0.7, 3.2, 2.4),
    )


def _status_and_forecast(row: ItemRow) -> str:
    status = status_text(row.status)
    if row.forecast:
        status += f"\nForecast for the year end: {status_text(row.forecast)}"
    return status


def _findings(writer: ReportWriter, position: PlanPosition, level: int) -> None:
    writer.heading("Data-quality findings", level)
    findings = position.findings_shown
    if not findings:
        writer.paragraph("No findings.")
        return
    writer.table(
        caption="Findings for the performance team to check",
        headers=("Finding", "Item", "Detail"),
        rows=[(f.title, f.heading, f.message) for f in findings],
        widths=(1.5, 2.5, 4.0),
    )


def _body(writer: ReportWriter, position: PlanPosition, level: int) -> None:
    """Each heading item with its facts, then its lowest-level items as one table and their
    measures as another — the shape of the council's own monitoring tables."""
    writer.heading("The plan in full", level)
    for group in position.body_groups:
        row = group.heading
        if row is not None:
            writer.heading(f"{row.level} {row.heading}", level + 1 + row.depth)
            if not row.context_only:
                writer.facts(_facts(position, row))
                if row.measures:
                    _measures_table(writer, position, row.heading, row.measure_pairs, False)
        if not group.items:
            continue
        under = f" under {row.heading}" if row is not None else ""
        writer.table(
            caption=f"{plural(group.level)}{under}",
            headers=(group.level, "Owner and dates", "Status", "% complete",
                     "Commentary and next steps"),
            rows=[_item_cells(item) for item in group.items],
            widths=ITEM_COLUMN_WIDTHS,
        )  # fmt: skip
        if group.measures:
            _measures_table(writer, position, row.heading if row else "", group.measures, True)


def _item_cells(row: ItemRow) -> tuple[str, ...]:
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
    if not (row.lead_officer or row.other_roles):
        who.insert(0, NO_OWNER)
    who.append(dates(row))
    status = _status_and_forecast(row)
    if row.suggested and row.status.source == "reported":
        status += f"\n{row.suggested.shape} {row.suggested.word}"
    if row.suggestion_reason:
        status += f"\n{row.suggestion_reason}"
    progress = percent_text(row.reported_percent) or "—"
    if row.direction:
        progress += f"\n{row.direction}"
    commentary = row.commentary
    if row.next_steps:
        commentary += f"\nNext steps: {row.next_steps}"
    return (item, "\n".join(part for part in who if part), status, progress, commentary)


def _measures_table(
    writer: ReportWriter,
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
            status_text(m.suggested),
            m.direction_previous or "—",
            m.direction_last_year or "—",
        )  # fmt: skip
        for _, m in pairs
    ]
    widths: tuple[float, ...] = MEASURE_COLUMN_WIDTHS
    if any(m.has_trend for _, m in pairs):
        # Each measure's trend beside it, its target as a dashed line.
        headers = (*headers, "Trend and target")
        rows = [(*cells, trend_small(m) or "—") for (_, m), cells in zip(pairs, rows, strict=True)]
        widths = (*widths, TREND_COLUMN_WIDTH)
    if show_item:
        headers = ("Item", *headers)
        rows = [
            (item.ref or item.title, *cells) for (item, _), cells in zip(pairs, rows, strict=True)
        ]
        widths = (1.9, *widths)
    writer.table(
        caption=f"Measures: {caption}" if caption else "Measures",
        headers=headers,
        rows=rows,
        widths=widths,
    )


def _facts(position: PlanPosition, row: ItemRow) -> list[tuple[str, str]]:
    status = status_text(row.status)
    if row.status.source == "reported" and row.suggested:
        status += f"; {row.suggested.shape} {row.suggested.word}"
    if row.status.source == "reported" and row.computed_status:
        status += f"; from the items below: {status_text(row.computed_status)}"
    if row.flags:
        status += " [" + "; ".join(row.flags) + "]"
    progress = f"reported {percent_text(row.reported_percent) or '—'}"
    if not row.is_leaf:
        progress += f"; computed {percent_text(row.computed_percent) or '—'}"
    if row.direction:
        progress += f"; since {position.previous_label}: {row.direction}"
    return [
        ("Status", status),
        ("Forecast for the year end", status_text(row.forecast) if row.forecast else ""),
        ("Evidence", row.suggestion_reason),
        ("Percent complete", progress),
        ("Lead officer", row.lead_officer),
        ("Portfolio", row.portfolio),
        ("Service area", row.service_area),
        *row.other_roles,
        ("Dates", dates(row)),
        ("Description", row.description),
        ("Commentary", row.commentary),
        ("Next steps", row.next_steps),
    ]


def _risks(writer: ReportWriter, position: PlanPosition, level: int) -> None:
    writer.heading("Risk register", level)
    if not position.risks:
        writer.paragraph("The plan has no risk register.")
        return
    risk_table_write(writer, position)


def risk_table_write(writer: ReportWriter, position: PlanPosition) -> None:
    writer.table(
        caption="Risks, their likelihood and impact, mitigations, RAG status and linked items",
        headers=(
            "Risk Description",
            "Likelihood and impact",
            "Mitigations",
            "RAG Status",
            "Linked items",
        ),
        rows=[
            (
                r.description,
                r.score_text,
                list(r.mitigations),
                status_text(r.status) if r.status else "—",
                ", ".join(r.item_refs) or "—",
            )
            for r in position.risks
        ],
        widths=(2.5, 1.3, 2.8, 0.9, 0.9),
    )
