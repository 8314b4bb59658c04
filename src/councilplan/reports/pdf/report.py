"""The report as a tagged, accessible PDF (PDF/UA-1), laid out by Typst in parts.

The outline (`outline.report_outline_write`) is written as blocks of plain data; the blocks
are cut into parts of bounded size; each part is laid out by Typst in a child process of its
own; the parts are merged into one tagged PDF. Why so: Typst lays out a 1,000-page report
in seconds, but holds every page's layout in memory while it does (about 1.2 GB for 1,000
pages) and never gives its caches back within a process — a part at a time, each in a
process that then ends, keeps memory bounded whatever the plan's size (ADR 7).
"""

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import pikepdf

from councilplan.reports.data import (
    ANY_SHAPE,
    RAG_TEXT_COLOURS,
    PlanPosition,
    status_split,
)
from councilplan.reports.outline import CONTENTS_DEPTH, report_outline_write
from councilplan.reports.pdf.merge import tagged_pdf_merge
from councilplan.reports.render.charts import (
    REPORTED_COLOUR,
    TARGET_COLOUR,
    TEXT_COLOUR,
    TREND_HEIGHT,
    TREND_WIDTH,
    Chart,
    SmallTrend,
)

# How much text one part may hold: about 60 pages, which Typst lays out in well under a
# second with under 200 MB.
PART_BUDGET = 240_000
# What one table row or block costs against the budget beyond its text.
ROW_COST = 60
# How many parts are laid out at once, each by a child process of up to about 200 MB: two
# halve the wall time on two processors and keep the report under 500 MB with the parent.
PARALLEL_PARTS = 2
CHILD_TIMEOUT_SECONDS = 300
RENDER_ERROR = "The PDF report could not be laid out (part {part} of {parts}): {detail}"
FOOTERS_ERROR = "The PDF report's page footers could not be laid out: {detail}"
HEADING_LEVELS = 6

# What Typst says when no font in the template's list has a glyph for some text.
NO_GLYPH_ERROR = b"could not be displayed with font"

Block = dict[str, Any]


class PdfRenderError(RuntimeError):
    pass


def report_pdf(position: PlanPosition) -> bytes:
    writer = TypstWriter()
    report_outline_write(writer, position, top_level=1)
    writer.contents_fill()
    document = document_settings(
        title=position.title,
        author=position.organisation,
        description=f"Quarterly performance report for {position.plan_title}, "
        f"{position.period_label}",
        footer=position.title,
    )
    return blocks_pdf(document, writer.blocks)


def blocks_pdf(document: Block, blocks: list[Block]) -> bytes:
    """The blocks laid out in parts and merged into one tagged PDF."""
    parts = list(blocks_in_parts(blocks, budget=PART_BUDGET))
    if len(parts) == 1:
        return tagged_pdf_merge(parts=[laid.pdf for laid in _parts_compile(document, parts)])
    # Each part knows only its own pages. So the parts are laid out once without footers,
    # which tells every part's pages and where each heading fell; the part with the contents
    # is laid out again with its pages; and the footers ("Page N of M") are laid out alone
    # and drawn over the merged pages. The contents end their part, so that what is laid out
    # twice is only the cover and the contents.
    parts = _contents_apart(parts)
    document["footers_later"] = True
    laid = _parts_compile(document, parts)
    pages = [part.pages for part in laid]
    document["total_pages"] = sum(pages)
    _contents_pages(parts, _heading_pages(laid))
    with ThreadPoolExecutor(max_workers=1) as beside:
        # The footers are laid out while the contents are laid out again.
        footers = beside.submit(footers_compile, dict(document))
        for index, blocks in enumerate(parts):
            if any(block["kind"] == "contents" for block in blocks):
                part = {**document, "first_page": 1 + sum(pages[:index]), "blocks": blocks}
                label = f"{index + 1} of {len(parts)}"
                laid[index] = LaidOutPart.of(part_compile(part, first=index == 0, label=label))
        overlay = footers.result()
    if [part.pages for part in laid] != pages:
        # The contents' page numbers moved a page break (an entry wrapping differently): lay
        # every part out again with the pages as they now fall.
        document["total_pages"] = None
        laid = _parts_compile(document, parts)
        document["total_pages"] = sum(part.pages for part in laid)
        _contents_pages(parts, _heading_pages(laid))
        laid = _parts_compile(document, parts)
        overlay = footers_compile(document)
    return tagged_pdf_merge(parts=[part.pdf for part in laid], overlay=overlay)


def _contents_apart(parts: list[list[Block]]) -> list[list[Block]]:
    """The parts with the first part cut after its contents, if anything follows them."""
    first = parts[0]
    ends = [index + 1 for index, block in enumerate(first) if block["kind"] == "contents"]
    if not ends or ends[0] == len(first):
        return parts
    return [first[: ends[0]], first[ends[0] :], *parts[1:]]


def document_settings(*, title: str, author: str, description: str, footer: str) -> Block:
    """What every part of one report shares: its metadata, footer and status colours."""
    return {
        "title": title,
        "author": author,
        "description": description,
        "footer": footer,
        "colours": {rag.value: colour for rag, colour in RAG_TEXT_COLOURS.items()},
        "trend": {
            "width": TREND_WIDTH,
            "height": TREND_HEIGHT,
            "reported": REPORTED_COLOUR,
            "target": TARGET_COLOUR,
            "text": TEXT_COLOUR,
        },
        "total_pages": None,  # this part's own count, unless given
    }


@dataclass(frozen=True)
class LaidOutPart:
    """A part as Typst laid it out: its PDF, its pages, and the page (in the part, from 1) of
    each heading Typst bookmarked (every heading but the contents' own), in order."""

    pdf: bytes
    pages: int
    headings: list[int]

    @classmethod
    def of(cls, pdf: bytes) -> "LaidOutPart":
        with pikepdf.open(BytesIO(pdf)) as document:
            numbers = {page.objgen: index for index, page in enumerate(document.pages)}
            headings = []
            # The bookmarks in order, depth first, read as they are (pikepdf's outline editor
            # would write them back when closed).
            outlines = document.Root.get("/Outlines")
            stack = [outlines.get("/First")] if outlines is not None else []
            while stack:
                item = stack.pop()
                if not isinstance(item, pikepdf.Dictionary):
                    continue
                destination = item.get("/Dest")
                if isinstance(destination, pikepdf.Array) and len(destination):
                    headings.append(1 + numbers.get(destination[0].objgen, 0))
                stack += [item.get("/Next"), item.get("/First")]
            return cls(pdf=pdf, pages=len(document.pages), headings=headings)


def _parts_compile(document: Block, parts: list[list[Block]]) -> list[LaidOutPart]:
    """Every part laid out: the first, then the others side by side, `parallel_parts()` at
    a time (each in its own child process, so each waiting thread holds no lock), each read
    for its pages as soon as it is laid out."""
    count = len(parts)

    def compiled(number: int) -> LaidOutPart:
        # A part laid out with its own footers is the report's only part, which starts at
        # page 1; a part laid out without them prints no page number.
        part = {**document, "first_page": 1, "blocks": parts[number - 1]}
        return LaidOutPart.of(part_compile(part, first=number == 1, label=f"{number} of {count}"))

    # The first part (alone, or the cover and contents) is laid out before the others start,
    # so the parts are started in order.
    laid = [compiled(1)]
    if count > 1:
        with ThreadPoolExecutor(max_workers=parallel_parts()) as pool:
            laid += pool.map(compiled, range(2, count + 1))
    return laid


def parallel_parts() -> int:
    """How many parts are laid out at once: `PARALLEL_PARTS`, or fewer if this process may
    use fewer processors."""
    return max(1, min(PARALLEL_PARTS, len(os.sched_getaffinity(0))))


def _heading_pages(laid: list[LaidOutPart]) -> list[int]:
    """The page of every heading of the report, in order."""
    pages: list[int] = []
    offset = 0
    for part in laid:
        pages += [offset + page for page in part.headings]
        offset += part.pages
    return pages


def _contents_pages(parts: list[list[Block]], pages: list[int]) -> None:
    for block in (block for blocks in parts for block in blocks):
        if block["kind"] == "contents":
            for entry in block["entries"]:
                index = entry["index"]
                entry["page"] = pages[index] if index < len(pages) else None


class TypstWriter:
    """Writes the report's outline as blocks for `typst/report.typ` (see
    `outline.ReportWriter`). A cell or value is plain text or a list of runs, a run being
    text or a [style, text] pair."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.headings = 0

    def heading(self, text: str, level: int) -> None:
        self.blocks.append(
            {
                "kind": "heading",
                "level": min(level, HEADING_LEVELS),
                "text": text,
                "label": f"h-{self.headings}",
            }
        )
        self.headings += 1

    def cover(self, *, title: str, level: int, facts: Sequence[tuple[str, str]]) -> None:
        organisation = dict(facts).get("Council", "")
        self.blocks.append(
            {
                "kind": "cover",
                "level": level,
                "title": title,
                "organisation": organisation,
                "facts": [[label, cell_runs(value)] for label, value in facts],
            }
        )
        self.headings += 1

    def contents(self, title: str) -> None:
        self.blocks.append({"kind": "contents", "level": 2, "title": title, "entries": []})

    def contents_fill(self) -> None:
        """The contents lists the headings of the report's sections and their first level
        below (known only once the whole outline is written)."""
        contents = next((b for b in self.blocks if b["kind"] == "contents"), None)
        if contents is None:
            return
        contents["entries"] = [
            {
                "level": b["level"],
                "text": b["text"],
                "label": b["label"],
                "index": int(b["label"][2:]),
                "page": None,
            }
            for b in self.blocks
            if b["kind"] == "heading" and 2 <= b["level"] <= CONTENTS_DEPTH
        ]

    def page_break(self) -> None:
        self.blocks.append({"kind": "pagebreak"})

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
    if isinstance(value, SmallTrend):
        shape = value.shape
        x, y, figure = shape.last
        drawn = {
            "points": [_tenths(point) for point in shape.points],
            "targets": [_tenths(point) for point in shape.targets],
            "last": [*_tenths((x, y)), figure],
        }
        return [["trend", drawn, value.label]]
    if isinstance(value, list | tuple):
        value = "\n".join(f"• {line}" for line in value)
    text = str(value)
    if ANY_SHAPE.search(text) is None:
        return text
    runs: list = []
    for number, line in enumerate(text.split("\n")):
        if number:
            runs.append("\n")
        rag, status, rest = status_split(line)
        if rag is None:
            runs.append(line)
            continue
        # "▲ Red (suggested by the evidence)": the status in colour, the rest not.
        runs.append([rag.value, status])
        if rest:
            runs.append(["muted", rest])
    return runs


def _tenths(point: tuple[float, float]) -> list[float]:
    """A point as the trend's SVG writes it, to a tenth of a pixel."""
    return [round(point[0], 1), round(point[1], 1)]


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
    """One part laid out by Typst in a child process (`councilplan.reports.pdf.typst_part`)."""
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


def footers_compile(document: Block) -> bytes:
    """The footers of a report of `document["total_pages"]` pages, alone on blank pages
    (untagged: the merge draws each over its page as an artifact)."""
    total = document["total_pages"]
    part = {**document, "footers_later": False, "first_page": 1, "blocks": []}
    result = _typst_run({**part, "footers_only": total}, pdf_ua=False, tagged=False)
    if result.returncode != 0 or not result.stdout.startswith(b"%PDF"):
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PdfRenderError(FOOTERS_ERROR.format(detail=" ".join(detail[-3:])))
    return result.stdout


def _typst_run(
    part: Block, *, pdf_ua: bool, tagged: bool = True
) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "councilplan.reports.pdf.typst_part"]
    if pdf_ua:
        command.append("--pdf-ua")
    if not tagged:
        command.append("--untagged")
    return subprocess.run(
        command,
        input=json.dumps(part, ensure_ascii=False).encode("utf-8"),
        capture_output=True,
        timeout=CHILD_TIMEOUT_SECONDS,
        check=False,
    )
