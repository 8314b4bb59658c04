"""Benchmark the quarterly report on a big plan: 2,000 actions with 8 quarters of updates and
measures. Prints the time, peak memory and queries for each format.

    .venv/bin/python bench/report_bench.py [--actions 2000] [--quarters 8]

The plan is imported into a throwaway SQLite database; each format then renders in its own
process, so each peak memory figure is that format's alone (Django included). Targets (issue
17): HTML < 0.5 s, Word and Excel < 2 s, PDF < 5 s, memory < 500 MB, queries constant. The
machine's load average and yardstick (`sum(range(10**6))`, best of five) are printed before and
after, so figures from different moments can be compared.
"""

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import TreeMemory, load_average, yardstick_ms  # noqa: E402

print = functools.partial(print, flush=True)

TARGETS = {"position": None, "html": 0.5, "docx": 2.0, "xlsx": 2.0, "pdf": 5.0}
MEMORY_LIMIT_MB = 500


def cpu_seconds() -> float:
    """User and system CPU seconds of this process and its children (the PDF's parts), which
    compare better than wall time on a loaded machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def django_start(data_dir: str) -> None:
    os.environ["COUNCILPLAN_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "councilplan.config.settings.base"
    from councilplan.cli.django_setup import django_ready

    django_ready()


def render(data_dir: str, step: str) -> dict:
    """Render one format in this process; the figures as a dict."""
    django_start(data_dir)
    from django.db import connection
    from django.template import engines
    from django.test.utils import CaptureQueriesContext

    from councilplan.plans.models import Plan
    from councilplan.plans.selectors import period_current
    from councilplan.reports.formats import REPORT_FORMATS
    from councilplan.reports.render.charts import charts_for
    from councilplan.reports.selectors import plan_position
    from councilplan.reports.services import report_render_position

    plan = Plan.objects.get(slug="generated-plan")
    period = period_current(plan=plan)
    # vl-convert (PNG charts for Word) starts its JavaScript engine once per process, about
    # half a second: a server has paid it already, so the bench pays it before the clock.
    warm = plan_position(plan=plan, period=period)
    _ = [chart.png for chart in charts_for(warm)[:1]]
    if step != "position":  # and the renderer imported, as a server has it
        import_module(REPORT_FORMATS[step].renderer.partition(":")[0])
    engines.all()  # Django's template engine, set up by any page a server has served
    # Only the PDF starts processes (its parts): the others' peak is their own.
    sampled = TreeMemory(sample=step == "pdf")
    with CaptureQueriesContext(connection) as queries, sampled as memory:
        cpu_started = cpu_seconds()
        started = time.perf_counter()
        position = plan_position(plan=plan, period=period)
        if step == "position":
            size = len(position.rows)
        else:
            size = len(report_render_position(position=position, format=step))
        seconds = time.perf_counter() - started
        cpu = cpu_seconds() - cpu_started
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "queries": len(queries.captured_queries),
        "size": size,
        "peak_mb": memory.peak_mb,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument(
        "--formats",
        default="position,html,docx,xlsx,pdf",
        help="which steps to time, comma-separated",
    )
    parser.add_argument("--render", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.render:
        print(json.dumps(render(args.data_dir, args.render)))
        return 0

    data_dir = tempfile.mkdtemp(prefix="councilplan-bench-")
    django_start(data_dir)
    from councilplan.demo.generated_plan import report_plan_document
    from councilplan.interchange.load import plan_import_document
    from councilplan.plans.models import Plan

    Plan.objects.filter(slug="generated-plan").delete()  # an earlier run's, on PostgreSQL
    document = report_plan_document(
        actions=args.actions, quarters=args.quarters, plan_id="generated-plan"
    )
    started = time.perf_counter()
    plan_import_document(document=document)
    print(
        f"{args.actions} actions: imported {len(document['items'])} items, "
        f"{len(document['updates'])} updates, {len(document['measure_values'])} measure values "
        f"in {time.perf_counter() - started:.1f} s"
    )
    print(f"load average {load_average()}; yardstick {yardstick_ms():.1f} ms")
    print(
        f"{'step':<10}{'seconds':>9}{'CPU s':>8}{'queries':>9}{'bytes':>12}{'peak MB':>9}  target"
    )
    failures = 0
    for step in args.formats.split(","):
        target = TARGETS[step]
        result = subprocess.run(
            [sys.executable, __file__, "--render", step, "--data-dir", data_dir],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        verdict = ""
        if target is not None:
            slow = figures["seconds"] >= target
            heavy = figures["peak_mb"] >= MEMORY_LIMIT_MB
            verdict = f"< {target:g} s {'SLOW' if slow else 'ok'}" + (" HEAVY" if heavy else "")
            failures += slow or heavy
        print(
            f"{step:<10}{figures['seconds']:>9.2f}{figures['cpu_seconds']:>8.2f}{figures['queries']:>9}{figures['size']:>12,}"
            f"{figures['peak_mb']:>9.0f}  {verdict}"
        )
    print(f"load average after {load_average()}; yardstick {yardstick_ms():.1f} ms")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
