"""Import benchmark: the four seed documents, then a generated 500-page document.

    .venv/bin/python -m bench.import_bench [--pages 500] [--pdf-pages 20]

Prints, for each document, the pages read, the seconds to convert (read + recognise +
normalise) and to import into a throwaway SQLite database, pages per second and peak
Python memory while converting (tracemalloc, in a second, traced conversion). A page of the
generated document is 40 lines of a Harlow-style table (mission, priority, action,
milestones with measures and progress), about what a landscape A4 page holds; the text
export's pages are counted the same way. The PDF figure reads a smaller generated PDF
printed with WeasyPrint (its pages are as printed, about 55 rows each).
"""

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

LINES_PER_PAGE = 40
SEEDS = Path(__file__).resolve().parents[1] / "src" / "councilplan" / "sample_data" / "seeds"
HEADER = (
    "MISSION / PRIORITY\t\t2024/25 MILESTONES\tPerformance measurement\tPosition at Q1\t"
    "Targeted position at Year end\tPROGRESS\tComments"
)


def generated_lines(pages: int, seed: int = 1) -> list[str]:
    """A Harlow-style monitoring table long enough for `pages` pages (40 lines each)."""
    rng = random.Random(seed)
    lines = ["GENERATED SERVICE PLAN", "", HEADER]
    mission = priority = action = 0
    while len(lines) < pages * LINES_PER_PAGE:
        if action % 12 == 0:
            mission += 1
            lines.append(f"{mission}. Mission number {mission}\t\t\t\t\t\t{rng.randint(0, 100)}%\t")
            priority = 0
        if action % 4 == 0:
            priority += 1
            lines.append(f"{mission}.{priority} Priority {mission}.{priority}\t\t\t\t\t\t\t")
        action += 1
        for milestone in range(rng.randint(1, 4)):
            ref = f"GA{action}\tAction {action} delivers the plan" if milestone == 0 else "\t"
            measure = f"% of residents satisfied with service {action}" if milestone == 0 else ""
            baseline = f"{rng.randint(10, 90)}% in 2023" if measure else ""
            target = f"equal to or > {rng.randint(10, 90)}%" if measure else ""
            month = rng.choice(["June", "September", "December"])
            money, homes = rng.randint(1, 900), rng.randint(2, 900)
            lines.append(
                f"{ref}\tTo deliver milestone {milestone + 1} by end {month} 2024"
                f"\t{measure}\t{baseline}\t{target}\t{rng.choice([0, 10, 25, 50, 100])}%"
                f"\tWork progressing; £{money}k committed to {homes} homes"
            )
        if action % 30 == 0:
            lines.append(HEADER)  # a header repeated at the top of a page
    return lines


def measured(label: str, path: Path, pages: int, options) -> None:
    from django.db import transaction

    from councilplan.imports.convert import document_convert
    from councilplan.interchange.load import plan_import_document

    started = time.perf_counter()
    document = document_convert(path=path, options=options)
    converted = time.perf_counter() - started
    tracemalloc.start()  # a second, traced conversion: tracing slows it down
    document_convert(path=path, options=options)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started = time.perf_counter()
    with transaction.atomic():
        plan_import_document(document=document, file=path.name, replace=True)
    imported = time.perf_counter() - started
    print(
        f"{label:<34} {pages:>5} pages  {len(document['items']):>6} items  "
        f"convert {converted:6.2f} s ({pages / converted:7.1f} pages/s)  "
        f"import {imported:6.2f} s  total {pages / (converted + imported):6.1f} pages/s  "
        f"peak {peak / 2**20:6.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--pdf-pages", type=int, default=20)
    parser.add_argument(
        "--seeds-only",
        type=int,
        metavar="RUNS",
        help="only time converting the four seeds, best of RUNS runs each (for comparing "
        "two versions of the importer: run it again with PYTHONPATH at the other's src)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["COUNCILPLAN_DATA_DIR"] = folder
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilplan.config.settings.base")
        import django
        from django.core.management import call_command

        django.setup()
        if args.seeds_only:
            seeds_timed(args.seeds_only)
            return
        call_command("migrate", verbosity=0)
        run(Path(folder), args.pages, args.pdf_pages)


def seeds_timed(runs: int) -> None:
    """Each seed's conversion, best of `runs`, and their total."""
    from councilplan.imports.convert import ConvertOptions, document_convert

    seeds = sorted(SEEDS.glob("*.txt"))
    best = dict.fromkeys((seed.name for seed in seeds), float("inf"))
    for _ in range(runs):
        for seed in seeds:
            started = time.perf_counter()
            document_convert(path=seed, options=ConvertOptions())
            best[seed.name] = min(best[seed.name], time.perf_counter() - started)
    for name, seconds in best.items():
        print(f"seed {name:<30} convert {seconds * 1000:6.1f} ms (best of {runs})")
    print(f"four seeds together             {sum(best.values()) * 1000:6.1f} ms")


def run(folder: Path, pages: int, pdf_pages: int) -> None:
    from councilplan.imports.convert import ConvertOptions

    print(f"Python {sys.version.split()[0]}, SQLite, {os.cpu_count()} cores")
    for seed in sorted(SEEDS.glob("*.txt")):
        lines = len(seed.read_text(encoding="utf-8").splitlines())
        seed_pages = max(1, round(lines / LINES_PER_PAGE))
        measured(f"seed {seed.name}", seed, seed_pages, ConvertOptions())

    def options(kind: str) -> ConvertOptions:
        return ConvertOptions(plan_id=f"generated-{kind}", title="Generated plan", period="2024-Q1")

    text = folder / "generated.txt"
    text.write_text("\n".join(generated_lines(pages)) + "\n", encoding="utf-8")
    measured(f"generated text, {pages} pages", text, pages, options("text"))
    workbook = folder / "generated.xlsx"
    _xlsx_write(text, workbook)
    measured(f"generated workbook, {pages} pages", workbook, pages, options("workbook"))
    rows = folder / "rows.txt"  # the target: a workbook of 4,000 rows in under 10 s
    rows.write_text("\n".join(generated_lines(4000 // LINES_PER_PAGE)) + "\n", encoding="utf-8")
    _xlsx_write(rows, folder / "rows.xlsx")
    measured("generated workbook, 4,000 rows", folder / "rows.xlsx", 100, options("rows"))
    pdf = folder / "generated.pdf"
    small = folder / "small.txt"
    small.write_text("\n".join(generated_lines(pdf_pages)) + "\n", encoding="utf-8")
    printed = _pdf_write(small, pdf)
    measured(f"generated PDF, {printed} pages", pdf, printed, options("pdf"))


def _xlsx_write(text: Path, target: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for line in text.read_text(encoding="utf-8").splitlines():
        sheet.append(line.split("\t"))
    workbook.save(target)


def _pdf_write(text: Path, target: Path) -> int:
    import html

    from weasyprint import HTML

    rows = []
    for line in text.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t"))
            rows.append(f"<tr>{cells}</tr>")
    css = (
        "@page{size:A4 landscape;margin:10mm} body{font:6pt sans-serif}"
        "table{border-collapse:collapse;width:100%} td{border:.5pt solid #000;padding:1pt}"
        "tr{break-inside:avoid}"
    )
    document = HTML(string=f"<style>{css}</style><table>{''.join(rows)}</table>").render()
    document.write_pdf(target)
    return len(document.pages)


if __name__ == "__main__":
    main()
