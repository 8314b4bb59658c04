"""Benchmark the quarterly report on a big plan: 2,000 actions with 8 quarters of updates and
measures. Prints the time, peak memory and queries for each format.

    .venv/bin/python bench/report_bench.py [--actions 2000] [--quarters 8]

Runs on a throwaway SQLite database in a temporary directory. Targets (issue 4): HTML < 1 s,
Word and Excel < 3 s, PDF < 10 s, memory < 500 MB, queries not growing with the plan.
"""

import argparse
import functools
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

print = functools.partial(print, flush=True)  # noqa: A001 - progress as it happens

TARGETS = {"position": None, "html": 1.0, "docx": 3.0, "xlsx": 3.0, "pdf": 10.0}


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--quarters", type=int, default=8)
    args = parser.parse_args()
    os.environ["COUNCILPLAN_DATA_DIR"] = tempfile.mkdtemp(prefix="councilplan-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilplan.config.settings.base")
    os.environ.pop("DATABASE_URL", None)

    from councilplan.cli.django_setup import django_ready

    django_ready()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.report_plan import generated_plan_document
    from councilplan.interchange.load import plan_import_document
    from councilplan.reports.selectors import period_current, plan_position
    from councilplan.reports.services import report_render_position

    document = generated_plan_document(actions=args.actions, quarters=args.quarters)
    started = time.perf_counter()
    plan = plan_import_document(document=document).plan
    print(
        f"imported {len(document['items'])} items, {len(document['updates'])} updates, "
        f"{len(document['measure_values'])} measure values in "
        f"{time.perf_counter() - started:.1f} s"
    )
    period = period_current(plan=plan)
    print(f"report for {plan.slug}, {period.label}; peak memory before reports {peak_mb():.0f} MB")
    print(f"{'step':<10}{'seconds':>9}{'queries':>9}{'bytes':>12}{'peak MB':>9}  target")
    failures = 0
    for step in TARGETS:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            position = plan_position(plan=plan, period=period)
            if step == "position":
                size = len(position.rows)
            else:
                size = len(report_render_position(position=position, format=step))
            seconds = time.perf_counter() - started
        target = TARGETS[step]
        verdict = "" if target is None else ("ok" if seconds < target else "SLOW")
        failures += verdict == "SLOW"
        target_text = "" if target is None else f"< {target:g} s {verdict}"
        print(
            f"{step:<10}{seconds:>9.2f}{len(queries.captured_queries):>9}{size:>12,}"
            f"{peak_mb():>9.0f}  {target_text}"
        )
    memory_ok = peak_mb() < 500
    print(f"peak memory {peak_mb():.0f} MB (< 500 MB {'ok' if memory_ok else 'TOO MUCH'})")
    return 0 if failures == 0 and memory_ok else 1


if __name__ == "__main__":
    sys.exit(main())
