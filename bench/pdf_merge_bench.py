"""Benchmark joining a report's PDF parts: 10 parts of 200 actions, compiled by Typst.

    .venv/bin/python bench/pdf_merge_bench.py [--parts 10] [--actions 200]

Each part lays out --actions actions, each a heading, a paragraph with two links, a list, an
image and a table of eight fields (about 45 structure elements an action), from
tests/reports/pdf_merge_part.typ. Each part is compiled as PDF/UA-1 by Typst in a process of
its own, as the report does, so this process holds only the parts' bytes and the merge.
Prints the merge's seconds and the peak memory it added. Target (issue 4): 2,000 actions
merged well under 2 s and 150 MB.
"""

import argparse
import functools
import io
import json
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "tests" / "reports" / "pdf_merge_part.typ"
HEADER = ["Field", "Value"]
FIELDS = ["Lead officer", "Portfolio", "Service area", "Due", "Status", "Progress", "Measure"]
COMMENTARY = "Some commentary about the action which runs to a sentence or three. " * 2
print = functools.partial(print, flush=True)


def part_data(*, part: int, actions: int) -> dict:
    """A part as the report lays out an action: a heading, a paragraph with links, a list,
    an image and a table of its fields (about 45 structure elements an action)."""
    sections = []
    for action in range(actions):
        rows = [[field, f"{field} of action {part}.{action}"] for field in FIELDS]
        rows.append(["Commentary", COMMENTARY])
        title = f"Action {part}.{action}: deliver the thing, with a longish title"
        sections.append({"key": f"action-{action}", "title": title, "rows": rows})
    return {"part": str(part), "header": HEADER, "sections": sections, "page_per_section": False}


def part_compile(part: int, actions: int) -> bytes:
    import typst

    data = json.dumps(part_data(part=part, actions=actions))
    return typst.compile(str(TEMPLATE), sys_inputs={"data": data}, pdf_standards=["ua-1"])


def resident_peak_reset() -> None:
    """Start measuring this process's peak resident memory afresh (Linux)."""
    Path("/proc/self/clear_refs").write_text("5")


def resident_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", type=int, default=10)
    parser.add_argument("--actions", type=int, default=200, help="actions a part")
    arguments = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    import pikepdf

    from councilplan.reports.pdf.merge import tagged_pdf_merge

    start = time.perf_counter()
    # One process a part, never reused: Typst keeps what it allocated until the process ends.
    with ProcessPoolExecutor(max_workers=2, max_tasks_per_child=1) as pool:
        numbers = range(1, arguments.parts + 1)
        parts = list(pool.map(part_compile, numbers, [arguments.actions] * arguments.parts))
    compiled = time.perf_counter() - start
    print(
        f"compiled {arguments.parts} parts in {compiled:.1f} s (2 processes at a time): "
        f"{sum(len(part) for part in parts) / 1e6:.1f} MB"
    )

    before = resident_mb("VmRSS")
    resident_peak_reset()
    start = time.perf_counter()
    merged = tagged_pdf_merge(parts=parts)
    seconds = time.perf_counter() - start
    peak = resident_mb("VmHWM")

    pdf = pikepdf.open(io.BytesIO(merged))
    pages = len(pdf.pages)
    structure = pdf.Root.StructTreeRoot
    elements = sum(
        1
        for item in pdf.objects
        if isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/StructElem"
    )
    print(f"merged: {pages} pages, {elements:,} structure elements, {len(merged) / 1e6:.1f} MB")
    print(f"parent tree next key {int(structure.ParentTreeNextKey)}")
    print(
        f"merge: {seconds:.2f} s, peak memory {peak:.0f} MB "
        f"({peak - before:+.0f} MB over the {before:.0f} MB before)"
    )


if __name__ == "__main__":
    main()
