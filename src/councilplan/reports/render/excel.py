"""The report as an Excel workbook: one sheet per section of the report, one row per item,
typed cells, frozen headers, filters, and status words coloured by conditional formatting."""

import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from councilplan.domain.engine import Rag
from councilplan.domain.spreadsheet_text import formula_like
from councilplan.reports.data import RAG_TEXT_COLOURS, SUGGESTED_PREFIX, PlanPosition, kind_title

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
    "Trend": 22,
}


# Columns whose cells hold a status word ("Red", "Suggested: Amber"): coloured by rule.
STATUS_HEADERS = {"Status", "Forecast status", "Suggested status", "RAG status"}
# A status the owner reported: white words on the status's colour (each colour gives white
# text at least 4.5:1); a suggestion: dark words on a pale tint of it, so the two never look
# alike. The word is always there: colour never carries the status alone.
SUGGESTED_TINTS = {
    Rag.RED: "F6D7D2",
    Rag.AMBER: "FBE3D0",
    Rag.GREEN: "CCE2D8",
    Rag.BLUE: "D2E2F1",
    Rag.GREY: "E5E6E7",
}
RAG_WORDS = {
    Rag.RED: "Red",
    Rag.AMBER: "Amber",
    Rag.GREEN: "Green",
    Rag.BLUE: "Complete",
}


def report_xlsx(position: PlanPosition) -> bytes:
    workbook = Workbook(write_only=True)
    workbook.properties.title = position.title
    workbook.properties.creator = position.organisation
    workbook.properties.language = "en-GB"
    _summary_sheets(workbook, position)
    _sheet(
        workbook,
        "Items",
        ITEM_HEADERS,
        (_item_values(row) for row in position.items_shown),
    )
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
    headers, rows = _trend_rows(position)
    _sheet(workbook, TRENDS, headers, rows)
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
    periods = (len(headers) - headers.index(TREND_HEADER) - 1) // 2
    sheet_number = workbook.sheetnames.index(TRENDS) + 1
    return sparklines_add(buffer.getvalue(), sheet_number, rows=len(rows), periods=periods)


TRENDS = "Trends"
TREND_HEADER = "Trend"
# Excel's sparklines (an extension of 2010 that openpyxl does not write): one line a row.
SPARKLINES = (
    '<extLst><ext uri="{{05C60535-1F16-4fd2-B633-F4F36F0B64E0}}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:sparklineGroup displayEmptyCellsAs="gap" markers="1" lineWeight="1.5">'
    '<x14:colorSeries rgb="FF1D70B8"/><x14:colorNegative rgb="FFD4351C"/>'
    '<x14:colorAxis rgb="FF0B0C0C"/><x14:colorMarkers rgb="FF1D70B8"/>'
    '<x14:colorFirst rgb="FF1D70B8"/><x14:colorLast rgb="FF1D70B8"/>'
    '<x14:colorHigh rgb="FF1D70B8"/><x14:colorLow rgb="FF1D70B8"/>'
    "<x14:sparklines>{lines}</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups>"
    "</ext></extLst>"
)


def sparklines_add(workbook: bytes, sheet_number: int, *, rows: int, periods: int) -> bytes:
    """The Trends sheet with a sparkline of each indicator's figures in its Trend cell (F),
    drawn from the period columns beside it; the targets are the columns after those."""
    if not rows or periods < 2:
        return workbook
    first, last = get_column_letter(7), get_column_letter(6 + periods)
    lines = "".join(
        f"<x14:sparkline><xm:f>{TRENDS}!{first}{row}:{last}{row}</xm:f>"
        f"<xm:sqref>F{row}</xm:sqref></x14:sparkline>"
        for row in range(2, rows + 2)
    )
    name = f"xl/worksheets/sheet{sheet_number}.xml"
    source = zipfile.ZipFile(BytesIO(workbook))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == name:
                data = data.replace(
                    b"</worksheet>", SPARKLINES.format(lines=lines).encode() + b"</worksheet>"
                )
            target.writestr(entry, data)
    return out.getvalue()


def _summary_sheets(workbook: Workbook, position: PlanPosition) -> None:
    """The executive summary's and the summary's sheets, first, as the report has them."""
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
        "Indicators",
        ("Status", "Indicators", "Share"),
        [(c.word, c.count, _fraction(c.share)) for c in position.measure_mix],
    )
    _sheet(
        workbook,
        "Progress",
        (
            "Key",
            "Item",
            "Level",
            "Status",
            "Reported % complete",
            "Computed % complete",
            "Differs",
        ),
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


def _trend_rows(position: PlanPosition) -> tuple[tuple[str, ...], list[tuple]]:
    """Every indicator's figures by period, and the target of each period beside them."""
    periods = sorted(
        {key for row in position.items_shown for m in row.measures for key, _ in m.series}
    )
    headers = (
        "Item key", "Item", "Measure key", "Measure", "Unit", TREND_HEADER,
        *(f"{key}" for key in periods), *(f"Target {key}" for key in periods),
    )  # fmt: skip
    rows = []
    for row in position.items_shown:
        for m in row.measures:
            figures = dict(m.series)
            targets = dict(m.target_series)
            rows.append(
                (
                    row.key,
                    row.heading,
                    m.key,
                    m.name,
                    m.unit,
                    None,  # the sparkline's cell
                    *(figures.get(key) for key in periods),
                    *(_float(targets.get(key)) for key in periods),
                )  # fmt: skip
            )
    return headers, rows


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


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
    workbook: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
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
    for index, header in enumerate(headers, start=1):
        if header in STATUS_HEADERS and count:
            _status_colours(
                sheet,
                f"{get_column_letter(index)}2:{get_column_letter(index)}{count + 1}",
            )
    return sheet


def _status_colours(sheet: WriteOnlyWorksheet, cells: str) -> None:
    """Colour each status word by its status: rules on the text, so a council may edit it."""
    first = cells.split(":")[0]
    for rag, word in RAG_WORDS.items():
        colour = RAG_TEXT_COLOURS[rag].lstrip("#").upper()
        reported = f'LEFT({first},{len(word)})="{word}"'
        suggested = f'LEFT({first},{len(SUGGESTED_PREFIX + word)})="{SUGGESTED_PREFIX}{word}"'
        sheet.conditional_formatting.add(
            cells,
            FormulaRule(
                formula=[reported],
                fill=PatternFill(start_color=colour, end_color=colour, fill_type="solid"),
                font=Font(color="FFFFFF", bold=True),
                stopIfTrue=True,
            ),
        )
        tint = SUGGESTED_TINTS[rag]
        sheet.conditional_formatting.add(
            cells,
            FormulaRule(
                formula=[suggested],
                fill=PatternFill(start_color=tint, end_color=tint, fill_type="solid"),
                font=Font(color="0B0C0C", italic=True),
                stopIfTrue=True,
            ),
        )
