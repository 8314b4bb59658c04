"""The report as an Excel workbook: one row per item, typed cells, frozen headers, filters."""

from collections.abc import Iterable, Sequence
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from councilplan.domain.spreadsheet_text import formula_like
from councilplan.reports.data import PlanPosition
from councilplan.reports.render_html import kind_title

ITEM_HEADERS = (
    "Key", "Reference", "Level", "Depth", "Title", "Lead officer", "Portfolio", "Service area",
    "Other roles", "Start date", "Due date", "Timescale as printed", "Status", "RAG",
    "Status source", "Forecast status", "Forecast RAG", "Suggested status", "Evidence",
    "Reported % complete",
    "Computed % complete", "Reported differs from computed", "Previous % complete",
    "Direction of travel", "Overdue", "Due date moved", "Commentary", "Next steps", "Measures",
)  # fmt: skip
MEASURE_HEADERS = (
    "Item key", "Item", "Measure key", "Measure", "Unit", "Baseline", "Target",
    "Target value", "Actual", "Actual value", "Suggested status", "Since previous period",
    "Since same period last year",
)  # fmt: skip
PERCENT_FORMAT = "0%"
DATE_FORMAT = "d mmm yyyy"
WIDTHS = {
    "Title": 60,
    "Commentary": 60,
    "Next steps": 40,
    "Evidence": 40,
    "Measure": 50,
    "Item": 40,
}


def report_xlsx(position: PlanPosition) -> bytes:
    workbook = Workbook(write_only=True)
    workbook.properties.title = position.title
    workbook.properties.creator = position.organisation
    workbook.properties.language = "en-GB"
    _sheet(workbook, "Items", ITEM_HEADERS, (_item_values(row) for row in position.items_shown))
    _sheet(
        workbook,
        "Measures",
        MEASURE_HEADERS,
        (
            (
                row.key,
                row.heading,
                m.key,
                m.name,
                m.unit,
                m.baseline,
                m.target,
                m.target_value,
                m.actual,
                m.actual_value,
                m.suggested.word if m.suggested else "",
                m.direction_previous,
                m.direction_last_year,
            )  # fmt: skip
            for row in position.items_shown
            for m in row.measures
        ),
    )
    _sheet(
        workbook,
        "Summary",
        ("Status", "Items", "Share"),
        [
            *((c.word, c.count, _fraction(c.share)) for c in position.status_mix),
            *([(position.publication_note, None, None)] if position.publication_note else []),
        ],
    )
    _sheet(
        workbook,
        "Progress",
        ("Key", "Item", "Level", "Status", "Reported % complete", "Computed % complete", "Differs"),
        (
            (
                p.key,
                p.heading,
                p.level,
                p.status.word,
                _fraction(p.reported_percent),
                _fraction(p.computed_percent),
                p.differs,
            )  # fmt: skip
            for p in position.progress
        ),
    )
    _sheet(
        workbook,
        "Changes",
        ("Change", "Key", "Item", "Before", "After"),
        ((kind_title(c.kind), c.key, c.heading, c.before, c.after) for c in position.changes),
    )
    _sheet(
        workbook,
        "Exceptions",
        (
            "Key",
            "Item",
            "Status",
            "Status source",
            "Forecast status",
            "Reported % complete",
            "Overdue",
            "Commentary",
            "Next steps",
        ),
        (
            (
                r.key,
                r.heading,
                r.status.word,
                r.status.source,
                r.forecast.word if r.forecast else "",
                _fraction(r.reported_percent),
                r.overdue,
                r.commentary,
                r.next_steps,
            )  # fmt: skip
            for r in position.exceptions
        ),
    )
    _sheet(
        workbook,
        "Findings",
        ("Finding", "Key", "Item", "Detail"),
        ((f.title, f.key, f.heading, f.message) for f in position.findings),
    )
    _sheet(
        workbook,
        "Risks",
        (
            "Key",
            "Risk",
            "Owner",
            "Likelihood",
            "Impact",
            "Mitigations",
            "RAG status",
            "Linked items",
        ),  # fmt: skip
        (
            (
                r.key,
                r.description,
                r.owner,
                r.likelihood,
                r.impact,
                "\n".join(r.mitigations),
                r.status.word if r.status else "",
                ", ".join(r.item_refs),
            )  # fmt: skip
            for r in position.risks
        ),
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _item_values(row: Any) -> tuple:
    return (
        row.key,
        row.ref,
        row.level,
        row.depth,
        row.title,
        row.lead_officer,
        row.portfolio,
        row.service_area,
        "; ".join(f"{label}: {names}" for label, names in row.other_roles),
        row.start_date,
        row.due_date,
        row.timescale_text,
        row.status.word,
        row.status.rag.value,
        row.status.source,
        row.forecast.word if row.forecast else "",
        row.forecast.rag.value if row.forecast else "",
        row.suggested.word if row.suggested else "",
        row.suggestion_reason,
        _fraction(row.reported_percent),
        _fraction(row.computed_percent),
        row.percent_differs,
        _fraction(row.previous_percent),
        row.direction,
        row.overdue,
        row.slipped,
        row.commentary,
        row.next_steps,
        len(row.measures),
    )


def _typed_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    if isinstance(value, _Percent):
        cell = WriteOnlyCell(sheet, value=float(value))
        cell.number_format = PERCENT_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, str) and (formula_like(value) or value in ERROR_CODES):
        # openpyxl writes text starting with "=" as a formula and "#N/A" as an error: people's
        # words are always text (a commentary "=HYPERLINK(…)" must not become a live link).
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


class _Percent(float):
    """A fraction to be shown as a percentage."""


def _fraction(percent: float | None) -> _Percent | None:
    return None if percent is None else _Percent(percent / 100)


def _sheet(
    workbook: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> WriteOnlyWorksheet:
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(
            header, max(12, min(len(header) + 2, 24))
        )
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for values in rows:
        # Plain values stay plain (openpyxl types numbers, dates and booleans itself); only
        # percentages need a cell object, for their number format. Per-cell styles cost.
        sheet.append([_typed_cell(sheet, value) for value in values])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    return sheet
