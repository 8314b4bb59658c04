"""The report as a tagged, accessible PDF (PDF/UA-1), laid out by Typst in parts.

The outline (`outline.report_outline_write`) is written as blocks of plain data; the blocks
are cut into parts of bounded size; each part is laid out by Typst in a child process of its
own; the parts are merged into one tagged PDF. Why so: Typst lays out a 1,000-page report
in seconds, but holds every page's layout in memory while it does (about 1.2 GB for 1,000
pages) and never gives its caches back within a process — a part at a time, each in a
process that then ends, keeps memory bounded whatever the plan's size (ADR 7).
"""

import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from io import BytesIO
from typing import Any

import pikepdf

from councilplan.reports.charts import Chart
from councilplan.reports.data import RAG_SHAPES, SUGGESTED_SHAPES, PlanPosition
from councilplan.reports.outline import report_outline_write
from councilplan.reports.pdf_merge import tagged_pdf_merge

# How much text one part may hold: about 60 pages, which Typst lays out in well under a
# second with under 200 MB.
PART_BUDGET = 240_000
# What one table row or block costs against the budget beyond its text.
ROW_COST = 60
CHILD_TIMEOUT_SECONDS = 300
RENDER_ERROR = "The PDF report could not be laid out (part {part} of {parts}): {detail}"
# A line that starts with a status shape is a status: its colour follows the shape.
SHAPE_RAGS = {
    shape: rag.value for shapes in (RAG_SHAPES, SUGGESTED_SHAPES) for rag, shape in shapes.items()
}
HEADING_LEVELS = 6
# What Typst says when no font in the template's list has a glyph for some text.
NO_GLYPH_ERROR = b"could not be displayed with font"

Block = dict[str, Any]


class PdfRenderError(RuntimeError):
    pass


def report_pdf(position: PlanPosition, *, charts: list[Chart] | None = None) -> bytes:
    writer = TypstWriter()
    report_outline_write(writer, position, charts=charts, top_level=1)
    document = {
        "title": position.title,
        "author": position.organisation,
        "description": f"Quarterly performance report for {position.plan_title}, "
        f"{position.period_label}",
        "footer": position.title,
    }
    parts = list(blocks_in_parts(writer.blocks, budget=PART_BUDGET))
    pdfs: list[bytes] = []
    first_page = 1
    for number, blocks in enumerate(parts, start=1):
        part = {**document, "first_page": first_page, "blocks": blocks}
        pdf = part_compile(part, first=number == 1, label=f"{number} of {len(parts)}")
        first_page += page_count(pdf)
        pdfs.append(pdf)
    return tagged_pdf_merge(parts=pdfs)


class TypstWriter:
    """Writes the report's outline as blocks for `typst/report.typ` (see
    `outline.ReportWriter`). A cell or value is plain text or a list of runs, a run being
    text or a [style, text] pair."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def heading(self, text: str, level: int) -> None:
        self.blocks.append({"kind": "heading", "level": min(level, HEADING_LEVELS), "text": text})

    def paragraph(self, text: str, *, bullet: bool = False) -> None:
        if not bullet:
            self.blocks.append({"kind": "paragraph", "text": text})
        elif self.blocks and self.blocks[-1]["kind"] == "list":
            self.blocks[-1]["items"].append(text)
        else:
            self.blocks.append({"kind": "list", "items": [text]})

    def table(
        self,
        *,
        caption: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float] | None = None,
    ) -> None:
        numbers = sorted(
            {i for row in rows for i, value in enumerate(row) if isinstance(value, int | float)}
        )
        self.blocks.append(
            {
                "kind": "table",
                "caption": caption,
                "header": list(headers),
                "rows": [[cell_runs(value) for value in row] for row in rows],
                "widths": list(widths) if widths else None,
                "numbers": numbers,
            }
        )

    def facts(self, facts: Sequence[tuple[str, str]]) -> None:
        shown = [[label, cell_runs(value)] for label, value in facts if value]
        if shown:
            self.blocks.append({"kind": "facts", "facts": shown})

    def chart(self, chart: Chart) -> None:
        self.blocks.append(
            {
                "kind": "figure",
                "svg": chart.svg,
                "alt": chart.alt_text,
                "caption": chart.title,
                "width_cm": round(chart.print_width_cm(width_cm=16, height_cm=22), 2),
            }
        )


def cell_runs(value: Any) -> str | list:
    """A cell as Typst's template takes it: lists as bullet lines, a line that starts with a
    status shape in that status's colour."""
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        value = "\n".join(f"• {line}" for line in value)
    text = str(value)
    if not any(shape in text for shape in SHAPE_RAGS):
        return text
    runs: list = []
    for number, line in enumerate(text.split("\n")):
        if number:
            runs.append("\n")
        rag = SHAPE_RAGS.get(line[:1])
        if not rag:
            runs.append(line)
            continue
        # "▲ Red (suggested by the evidence)": the status in colour, where it came from not.
        status, _, source = line.partition(" (") if line.endswith(")") else (line, "", "")
        runs.append([rag, status])
        if source:
            runs.append(["muted", f" ({source}"])
    return runs


def blocks_in_parts(blocks: list[Block], *, budget: int) -> Iterator[list[Block]]:
    """The blocks cut into parts of about `budget` each; a table too big for what is left of
    a part continues in the next, its caption saying so (Typst repeats its header)."""
    part: list[Block] = []
    used = 0
    for block in blocks:
        if block["kind"] != "table":
            cost = _cost(block)
            if part and used + cost > budget:
                yield part
                part, used = [], 0
            part.append(block)
            used += cost
            continue
        rows = block["rows"]
        start = 0
        for index, row in enumerate(rows):
            cost = _cost(row)
            if (part or index > start) and used + cost > budget:
                if index > start:
                    part.append(_table_piece(block, rows[start:index], continued=start > 0))
                    start = index
                yield part
                part, used = [], 0
            used += cost
        part.append(_table_piece(block, rows[start:], continued=start > 0))
    if part:
        yield part


def _table_piece(block: Block, rows: list, *, continued: bool) -> Block:
    caption = block["caption"] + " (continued)" if continued else block["caption"]
    return {**block, "caption": caption, "rows": rows}


def _cost(value: Any) -> int:
    return ROW_COST + len(json.dumps(value, ensure_ascii=False))


def part_compile(part: Block, *, first: bool, label: str) -> bytes:
    """One part laid out by Typst in a child process (`councilplan.reports.typst_part`)."""
    result = _typst_run(part, pdf_ua=first)
    if first and result.returncode != 0 and NO_GLYPH_ERROR in result.stderr:
        # A character no installed font can draw (a script or symbol the fonts lack) fails
        # Typst's PDF/UA check outright; a report with one missing glyph beats no report,
        # so the part is laid out again, still tagged, without that check.
        result = _typst_run(part, pdf_ua=False)
    if result.returncode != 0 or not result.stdout.startswith(b"%PDF"):
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PdfRenderError(
            RENDER_ERROR.format(
                part=label.split()[0], parts=label.split()[-1], detail=" ".join(detail[-3:])
            )
        )
    return result.stdout


def _typst_run(part: Block, *, pdf_ua: bool) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "councilplan.reports.typst_part"]
    if pdf_ua:
        command.append("--pdf-ua")
    return subprocess.run(
        command,
        input=json.dumps(part, ensure_ascii=False).encode("utf-8"),
        capture_output=True,
        timeout=CHILD_TIMEOUT_SECONDS,
        check=False,
    )


def page_count(pdf: bytes) -> int:
    with pikepdf.open(BytesIO(pdf)) as document:
        return len(document.pages)
