"""Lay a known plan out as a council might have: many formats, orders, words and damages.

A `Layout` says how one variant prints its plan; `laid_out` turns plan + layout into blocks
(lines and grids of cells) and the items a reader of that print should find (`Expected`:
a due printed as "Mar 2026" means the last day of March); the writers put the blocks into a
.docx, .xlsx, .csv, tab-separated .txt or .pdf file.
"""

import calendar
import csv
import html
import random
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tests.imports.corpus.truth import Expected, TruthItem, TruthPlan

WORDS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
MONTHS = calendar.month_name
NOTES = (
    "Report to Cabinet in March.",
    "Funding agreed at Full Council.",
    "See the appendix for the detailed programme.",
    "Member briefing held in July.",
)

# Headers a council might print for each role: words the vocabulary knows, then words
# it cannot know and must be guessed from the column's content.
SYNONYMS = {
    "ref": ("Ref", "No.", "ID"),
    "title": ("Action", "Description", "Activity"),
    "lead_officer": ("Owner", "Responsible officer", "Lead"),
    "service_area": ("Service", "Directorate", "Service area"),
    "start": ("Start date", "Start", "Commencement"),
    "due": ("Deadline", "Target date", "When"),
    "status": ("RAG", "Current status", "Status"),
    "progress": ("% complete", "Progress", "Percent complete"),
    "notes": ("Comments", "Commentary", "Notes"),
}
UNKNOWN = {
    "ref": ("#", "Item"),
    "title": ("What we will do", "Commitment", "Our promise"),
    "lead_officer": ("Who", "Accountable", "Named person"),
    "service_area": ("Team", "Department", "Division"),
    "start": ("From", "Kick-off", "Begins"),
    "due": ("By when?", "Finish", "Complete by"),
    "status": ("Where are we", "Rating", "Health"),
    "progress": ("Done %", "How far", "Achieved"),
    "notes": ("Notes for Cabinet", "Remarks", "For members"),
}
LOOKALIKES = {"a": "\u0430", "o": "\u043e", "e": "\u0435"}  # Cyrillic а о е
NBSP, ZWSP = "\u00a0", "\u200b"


@dataclass(frozen=True)
class Percent:
    """A progress cell stored as a fraction with a percentage number format (Excel)."""

    fraction: float


Cell = str | date | Percent | float


@dataclass(frozen=True)
class Line:
    text: str
    kind: str = "text"  # title | heading | text


@dataclass
class Grid:
    header: list[list[str]]
    rows: list[list[Cell]]
    heading_rows: set[int] = field(default_factory=set)  # rows that are full-width headings
    title: str = ""  # a section heading this grid belongs to (one sheet per section)


@dataclass(frozen=True)
class Layout:
    fmt: str = "docx"  # docx | xlsx | csv | txt | pdf
    order: int = 0  # 0 keeps the printed column order; otherwise a shuffle seed
    headers: str = "own"  # own | synonyms | unknown
    header_seed: int = 0
    notes_column: bool = False
    date_style: str = "dmy"  # dmy | long | month | quarter | cell
    progress_style: str = "percent"  # percent | fraction | cell
    repeat_header: int = 0  # repeat the header before every Nth row
    two_line_header: bool = False
    torn: bool = False  # every third row's title torn mid-word onto a second row
    lookalikes: bool = False
    sectioned: bool | None = None  # None: as the plan is printed
    heading_style: str = "words"  # words | figures | roman | letters | theme
    headings_in_table: bool = False  # section headings as full-width (merged) rows
    sheets: str = "one"  # one | per_section | cover (xlsx)
    spacers: bool = False  # xlsx: blank spacer rows and columns around the table
    borders: bool = True  # pdf: False prints the tables with no ruling lines, as Word does
    cell_spacing: float = 0.0  # pdf without borders: points above and below each cell's text

    def describe(self) -> str:
        default = Layout(fmt=self.fmt)
        changed = [
            f"{name}={getattr(self, name)}"
            for name in self.__dataclass_fields__
            if name != "fmt" and getattr(self, name) != getattr(default, name)
        ]
        return ", ".join([self.fmt, *changed])


# -- dates and percentages as printed ---------------------------------------------------------
def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _quarter(day: date) -> tuple[int, int]:
    """(financial year it starts in, quarter 1-4) of a UK financial year from April."""
    year = day.year if day.month >= 4 else day.year - 1
    return year, (day.month - 4) % 12 // 3 + 1


def quarter_end(day: date) -> date:
    year, quarter = _quarter(day)
    month = 3 + quarter * 3
    return _month_end(date(year + (month > 12), (month - 1) % 12 + 1, 1))


def date_printed(day: date, style: str) -> Cell:
    if style == "cell":
        return day
    if style == "long":
        return f"{day.day} {MONTHS[day.month]} {day.year}"
    if style == "month":
        return f"{calendar.month_abbr[day.month]} {day.year}"
    if style == "quarter":
        year, quarter = _quarter(day)
        return f"Q{quarter} {year}/{(year + 1) % 100:02d}"
    return day.strftime("%d/%m/%Y")


def date_meant(day: date, style: str) -> date:
    """The due date a reader should take from `day` printed in `style`."""
    if style == "month":
        return _month_end(day)
    if style == "quarter":
        return quarter_end(day)
    return day


def progress_printed(progress: int, style: str) -> Cell:
    if style == "cell":
        return Percent(progress / 100)
    if style == "fraction":
        return f"{progress / 100:g}"
    return f"{progress}%"


def heading_printed(number: int, title: str, style: str) -> str:
    if style == "figures":
        return f"{number}. {title}"
    if style == "roman":
        return f"{ROMAN[number - 1]}. {title}"
    if style == "letters":
        return f"Priority {chr(64 + number)} \u2013 {title}"
    if style == "theme":
        return f"Theme {number}: {title}"
    return f"Section {WORDS[number - 1]}: {title}"


# -- damage a conversion does -------------------------------------------------------------------
def with_lookalikes(text: str) -> str:
    """Some Latin letters swapped for Cyrillic look-alikes, a non-breaking space and a
    zero-width space, as text copied through other systems arrives."""
    words = text.split(" ")
    for index, word in enumerate(words):
        if index % 2 == 0 and len(word) >= 4:
            for latin, cyrillic in LOOKALIKES.items():
                if latin in word:
                    words[index] = word.replace(latin, cyrillic, 1)
                    break
    if len(words) >= 3:
        middle = words[2]
        if len(middle) >= 4:
            words[2] = middle[:2] + ZWSP + middle[2:]
        return " ".join(words[:1]) + NBSP + " ".join(words[1:])
    return " ".join(words)


def torn(text: str) -> tuple[str, str]:
    """The title torn inside its longest word near the middle."""
    words = text.split(" ")
    middle = len(words) // 2
    candidates = sorted(range(len(words)), key=lambda i: (len(words[i]) < 6, abs(i - middle)))
    index = candidates[0]
    cut = sum(len(w) + 1 for w in words[:index]) + max(2, len(words[index]) // 2)
    return text[:cut], text[cut:]


def _two_lines(header: list[str]) -> list[list[str]]:
    top, bottom = [], []
    for text in header:
        words = text.split(" ")
        half = (len(words) + 1) // 2
        top.append(" ".join(words[:half]))
        bottom.append(" ".join(words[half:]))
    return [top, bottom]


# -- a plan laid out -----------------------------------------------------------------------
@dataclass
class LaidOut:
    blocks: list[Line | Grid]
    expected: list[Expected]


def _header_words(roles: list[str], layout: Layout, plan: TruthPlan) -> list[str]:
    own = dict(plan.columns) | {"notes": "Notes for Cabinet"}
    if layout.headers == "own":
        return [own[role] for role in roles]
    choices = SYNONYMS if layout.headers == "synonyms" else UNKNOWN
    rng = random.Random(layout.header_seed)
    return [rng.choice(choices[role]) for role in roles]


def _cell(item: TruthItem, role: str, layout: Layout, number: int) -> Cell:
    if role == "start":
        return date_printed(item.start, layout.date_style) if item.start else ""
    if role == "due":
        return date_printed(item.due, layout.date_style) if item.due else item.due_text
    if role == "progress":
        if item.progress is None:
            return ""
        return progress_printed(item.progress, layout.progress_style)
    if role == "notes":
        return NOTES[number % len(NOTES)] if number % 2 == 0 else ""
    return getattr(item, role)


def _expected(plan: TruthPlan, layout: Layout, sectioned: bool) -> list[Expected]:
    expected = []
    for item in plan.items:
        due = item.due
        if sectioned and not item.parent:
            due = None  # a section line prints only its title
        elif due and layout.date_style != "cell":
            due = date_meant(due, layout.date_style)
        expected.append(Expected(title=item.title, ref=item.ref, parent=item.parent, due=due))
    return expected


def _roles(plan: TruthPlan, layout: Layout, sectioned: bool) -> list[str]:
    roles = [role for role, _ in plan.columns if not (sectioned and role == "ref")]
    if layout.notes_column:
        roles.insert(min(3, len(roles)), "notes")
    if layout.order:
        random.Random(layout.order).shuffle(roles)
    return roles


def _heading(grids: list[Grid], text: str, header: list[str], in_table: bool) -> None:
    if not in_table:
        grids.append(Grid(header=[header], rows=[], title=text))
        return
    if not grids:
        grids.append(Grid(header=[header], rows=[]))
    grids[0].heading_rows.add(len(grids[0].rows))
    grids[0].rows.append([text] + [""] * (len(header) - 1))


def _grids(plan: TruthPlan, layout: Layout, sectioned: bool) -> list[Grid]:
    roles = _roles(plan, layout, sectioned)
    header = _header_words(roles, layout, plan)
    title_column = roles.index("title")
    grids: list[Grid] = []
    sections = 0
    for number, item in enumerate(plan.items):
        if sectioned and not item.parent:
            sections += 1
            heading = heading_printed(sections, item.title, layout.heading_style)
            if layout.lookalikes:
                heading = with_lookalikes(heading)
            _heading(grids, heading, header, layout.headings_in_table)
            continue
        row = [_cell(item, role, layout, number) for role in roles]
        if layout.lookalikes:
            row[title_column] = with_lookalikes(item.title)
        if not grids:
            grids.append(Grid(header=[header], rows=[]))
        rows = grids[-1].rows
        if layout.torn and len(rows) % 3 == 1:
            first, rest = torn(str(row[title_column]))
            row[title_column] = first
            rows.append(row)
            rows.append(["" if c != title_column else rest for c in range(len(roles))])
        else:
            rows.append(row)
    return grids


def laid_out(plan: TruthPlan, layout: Layout) -> LaidOut:
    sectioned = plan.sectioned if layout.sectioned is None else layout.sectioned
    if sectioned and plan.max_depth > 2:
        raise ValueError(f"{plan.key} is {plan.max_depth} levels deep: no section layout")
    grids = _grids(plan, layout, sectioned)
    for grid in grids:
        if layout.lookalikes:
            grid.header = [[with_lookalikes(h) for h in row] for row in grid.header]
        if layout.two_line_header:
            grid.header = _two_lines(grid.header[0])
        if layout.repeat_header:
            grid.rows, grid.heading_rows = _with_repeated_header(grid, layout.repeat_header)

    blocks: list[Line | Grid] = [
        Line(plan.title_line, "title"),
        Line(plan.council),
        Line(plan.period_line),
        *(Line(text) for text in plan.notes),
    ]
    for grid in grids:
        if grid.title:
            blocks.append(Line(grid.title, "heading"))
        blocks.append(grid)
    return LaidOut(blocks=blocks, expected=_expected(plan, layout, sectioned))


def _with_repeated_header(grid: Grid, every: int) -> tuple[list[list[Cell]], set[int]]:
    rows: list[list[Cell]] = []
    headings: set[int] = set()
    for index, row in enumerate(grid.rows):
        if index and index % every == 0:
            rows.extend(list(r) for r in grid.header)
        if index in grid.heading_rows:
            headings.add(len(rows))
        rows.append(row)
    return rows, headings


# -- writers ------------------------------------------------------------------------------------
def cell_text(cell: Cell) -> str:
    if isinstance(cell, Percent):
        return f"{round(cell.fraction * 100)}%"
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, float):
        return f"{cell:g}"
    return cell


def _lines(blocks: list[Line | Grid]) -> list[list[str]]:
    lines: list[list[str]] = []
    for block in blocks:
        if isinstance(block, Line):
            lines.append([block.text])
            continue
        lines.extend([list(r) for r in block.header])
        lines.extend([cell_text(c) for c in row] for row in block.rows)
        lines.append([])
    return lines


def txt_write(blocks: list[Line | Grid], target: Path, layout: Layout) -> Path:
    target.write_text("\n".join("\t".join(line) for line in _lines(blocks)) + "\n", "utf-8")
    return target


def csv_write(blocks: list[Line | Grid], target: Path, layout: Layout) -> Path:
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(_lines(blocks))
    return target


def docx_write(blocks: list[Line | Grid], target: Path, layout: Layout) -> Path:
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, Line):
            if block.kind == "title":
                document.add_heading(block.text, level=1)
            elif block.kind == "heading":
                document.add_heading(block.text, level=2)
            else:
                document.add_paragraph(block.text)
            continue
        width = len(block.header[0])
        table = document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for index, row in enumerate([*block.header, *block.rows]):
            cells = table.add_row().cells
            if index - len(block.header) in block.heading_rows:
                merged = cells[0].merge(cells[-1])
                merged.text = ""
                merged.paragraphs[0].add_run(cell_text(row[0])).bold = True
                continue
            for cell, value in zip(cells, row, strict=True):
                cell.text = cell_text(value)
    document.save(target)
    return target


def xlsx_write(blocks: list[Line | Grid], target: Path, layout: Layout) -> Path:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    first_column = 2 if layout.spacers else 1
    row_number = 1
    pending_title: list[Line] = []
    if layout.sheets == "cover":
        sheet.title = "Cover"
        for block in blocks:
            if isinstance(block, Line) and block.kind != "heading":
                sheet.cell(row=row_number, column=1, value=block.text)
                row_number += 2
        sheet = workbook.create_sheet("Plan")
        row_number = 1
        blocks = [b for b in blocks if not (isinstance(b, Line) and b.kind != "heading")]
    for block in blocks:
        if isinstance(block, Line):
            if layout.sheets == "per_section" and block.kind == "heading":
                pending_title.append(block)
                continue
            sheet.cell(row=row_number, column=first_column, value=block.text).font = Font(
                bold=block.kind in ("title", "heading")
            )
            row_number += 2 if layout.spacers else 1
            continue
        if layout.sheets == "per_section" and pending_title:
            heading = pending_title.pop()
            if sheet.max_row > 1 or sheet["A1"].value is not None:
                name = "".join(c for c in heading.text if c.isalnum() or c == " ")[:31]
                sheet = workbook.create_sheet(name)
                row_number = 1
            sheet.cell(row=row_number, column=first_column, value=heading.text).font = Font(
                bold=True
            )
            row_number += 2 if layout.spacers else 1
        row_number = _grid_to_sheet(sheet, block, row_number, first_column, layout)
        row_number += 1
    workbook.save(target)
    return target


def _grid_to_sheet(sheet, grid: Grid, row_number: int, first: int, layout: Layout) -> int:
    from openpyxl.styles import Font

    width = len(grid.header[0])
    for header_row in grid.header:
        for offset, text in enumerate(header_row):
            sheet.cell(row=row_number, column=first + offset, value=text).font = Font(bold=True)
        row_number += 1
    for index, row in enumerate(grid.rows):
        if layout.spacers and index and index % 4 == 0:
            row_number += 1  # a blank spacer row
        if index in grid.heading_rows:
            sheet.cell(row=row_number, column=first, value=row[0]).font = Font(bold=True)
            sheet.merge_cells(
                start_row=row_number,
                start_column=first,
                end_row=row_number,
                end_column=first + width - 1,
            )
        else:
            for offset, value in enumerate(row):
                if value != "":
                    _value_to_cell(sheet.cell(row=row_number, column=first + offset), value, layout)
        row_number += 1
    return row_number


def _value_to_cell(cell, value: Cell, layout: Layout) -> None:
    if isinstance(value, Percent):
        cell.value = value.fraction
        cell.number_format = "0%"
    elif isinstance(value, date):
        cell.value = datetime(value.year, value.month, value.day)
        cell.number_format = "dd/mm/yyyy"
    elif layout.progress_style == "fraction" and _is_fraction(value):
        cell.value = float(value)  # a fraction typed into a General cell
    else:
        cell.value = value


def _is_fraction(text: Cell) -> bool:
    try:
        return isinstance(text, str) and 0 <= float(text) <= 1
    except ValueError:
        return False


_CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 10pt 0; }
td, th { border: 0.6pt solid black; padding: 2pt; vertical-align: top; text-align: left; }
"""


# A Word table with "no borders" on A4 portrait: 10 pt text, Word's default cell margins
# (0.19 cm left and right), so long cells wrap onto more lines.
_CSS_BORDERLESS = """
@page {{ size: A4; margin: 20mm; }}
body {{ font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 0 0 10pt 0; }}
td, th {{ padding: {spacing}pt 5.4pt; vertical-align: top; text-align: left; font-size: 10pt; }}
"""


def pdf_write(blocks: list[Line | Grid], target: Path, layout: Layout) -> Path:
    from weasyprint import HTML

    css = _CSS if layout.borders else _CSS_BORDERLESS.format(spacing=layout.cell_spacing)
    parts = [f"<html><head><style>{css}</style></head><body>"]
    for block in blocks:
        if isinstance(block, Line):
            tag = {"title": "h1", "heading": "h2"}.get(block.kind, "p")
            parts.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
            continue
        width = len(block.header[0])
        parts.append("<table>")
        for row in block.header:
            parts.append("<tr>" + "".join(f"<th>{html.escape(t)}</th>" for t in row) + "</tr>")
        for index, row in enumerate(block.rows):
            if index in block.heading_rows:
                text = html.escape(cell_text(row[0]))
                parts.append(f'<tr><td colspan="{width}"><b>{text}</b></td></tr>')
                continue
            parts.append(
                "<tr>" + "".join(f"<td>{html.escape(cell_text(c))}</td>" for c in row) + "</tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    HTML(string="".join(parts)).write_pdf(target)
    return target


WRITERS = {
    "docx": docx_write,
    "xlsx": xlsx_write,
    "csv": csv_write,
    "txt": txt_write,
    "pdf": pdf_write,
}


def plan_write(plan: TruthPlan, layout: Layout, target: Path) -> list[Expected]:
    """Write `plan` laid out by `layout` to `target`; what a reader should find in it."""
    result = laid_out(plan, layout)
    WRITERS[layout.fmt](result.blocks, target, layout)
    return result.expected
