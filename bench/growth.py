"""How councilplan grows with the plan: pages, reports and the import at several plan sizes,
with the growth exponent of each row (1 is linear; a flat row is near 0).

    .venv/bin/python bench/growth.py                       # 500 and 2,000 actions: minutes
    .venv/bin/python bench/growth.py --sizes 500,2000,8000,20000 --formats html,xlsx
    DATABASE_URL=postgres://… .venv/bin/python bench/growth.py   # on PostgreSQL

Each size is a plan from the one shared generator (src/councilplan/demo/generated_plan.py,
REPORT_SHAPE: 5 missions, 20 priorities, N actions, each with a measure, 8 quarters of approved
updates and values; the last quarter open, so its position is worked out live). Without
DATABASE_URL the plans go into a throwaway SQLite database; with it, into that database (use a
throwaway one: the bench migrates it and replaces its own plans, `growth-N`).

Pages are requested through Django's test client by a signed-in reader (the round by a
performance officer, the public page by nobody signed in): "warm" is the median of repeated
requests; "after a change" is the median of requests each made just after an officer renamed
an action (every act bumps the plan's revision, so the page works the plan out again: only the
renamed action and the items above it, from the position this process kept), timed until the
response is complete; what the worker then keeps for the other workers, after the response
has gone, is a row of its own. "Another worker" is a request after a change by a process that
has not read the plan (this process's memory cleared, the shared cache kept).

Each report format renders in its own process (its time, and its peak memory with Django and
any child it starts). Printed with the machine's load average and a yardstick
(`sum(range(10**6))` in this Python, best of five), so figures from different machines and
moments can be compared.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    TreeMemory,
    django_on_throwaway_data,
    load_average,
    yardstick_ms,
)

QUARTERS = 8
FORMATS = ("html", "xlsx", "docx", "pdf")


def exponent(sizes: list[int], values: list[float | None]) -> float | None:
    """The slope of log(value) against log(size), least squares: 1 is linear growth."""
    points = [
        (math.log(size), math.log(value))
        for size, value in zip(sizes, values, strict=True)
        if value is not None and value > 0
    ]
    if len(points) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else None


def plan_slug(actions: int) -> str:
    return f"growth-{actions}"


def plan_build(actions: int) -> float:
    """Import the generated plan of `actions` actions (replacing an earlier run's); seconds."""
    from councilplan.demo.generated_plan import report_plan_document
    from councilplan.interchange.load import plan_import_document
    from councilplan.plans.models import Plan

    Plan.objects.filter(slug=plan_slug(actions)).delete()
    document = report_plan_document(
        actions=actions, quarters=QUARTERS, plan_id=plan_slug(actions), last_open=True
    )
    started = time.perf_counter()
    plan_import_document(document=document)
    return time.perf_counter() - started


# Milliseconds each request's worker spent after its response had gone, keeping what it
# worked out for the other workers (web/shared_positions.py).
_keeping: list[float] = []


def _timed_get(client, url: str) -> float:
    """Milliseconds until the response is complete. The test client sends `request_finished`
    before it returns; a server sends it after the response has gone, so the writing of what
    the worker keeps for the others is timed apart (in `_keeping`)."""
    from django.core.signals import request_finished

    from councilplan.web.shared_positions import shared_puts_finish

    request_finished.disconnect(dispatch_uid="councilplan-shared-puts-finish")
    try:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    finally:
        request_finished.connect(shared_puts_finish, dispatch_uid="councilplan-shared-puts-finish")
    started = time.perf_counter()
    shared_puts_finish()
    _keeping.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


PUBLIC_PAGE = "public plan page"


def pages_measure(actions: int, requests: int, *, public: bool = False) -> dict[str, float]:
    """Milliseconds: each page warm, after a change, and in another worker after a change;
    with `public`, the open quarter published and the public page (after the reports, which
    are timed on the quarter still open: its position worked out, not read back)."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from councilplan.accounts.models import Membership, Role
    from councilplan.accounts.permissions import SYSTEM_USER
    from councilplan.cycle.services import period_publish
    from councilplan.editing.services import ItemFields, item_change
    from councilplan.plans.models import Plan, PlanItem
    from councilplan.plans.selectors import period_current
    from councilplan.web.selectors import page_cache_clear

    plan = Plan.objects.get(slug=plan_slug(actions))

    def signed_in(username: str, role: str) -> Client:
        user, _ = User.objects.get_or_create(username=username)
        Membership.objects.get_or_create(
            user=user, organisation=plan.organisation, defaults={"role": role}
        )
        client = Client()
        client.force_login(user)
        return client

    reader = signed_in("growth.reader", Role.READER)
    officer = signed_in("growth.officer", Role.PERFORMANCE_OFFICER)
    action = plan.items.get(key="A1")
    period = period_current(plan=plan)
    # Which page, by whom, and whether a request after a change is worth measuring (a page
    # that keeps nothing between requests is always a first request).
    pages = {
        "dashboard": (reverse("web:plan-dashboard", args=[plan.slug]), reader, True),
        "tree": (reverse("web:plan-tree", args=[plan.slug]), reader, True),
        "item page": (reverse("web:item-detail", args=[plan.slug, action.pk]), reader, False),
        "indicators": (reverse("web:plan-indicators", args=[plan.slug]), reader, True),
        "update round": (reverse("cycle:round", args=[plan.slug, period.key]), officer, False),
        # The open quarter is published first (by the officer's act, its snapshot made).
        PUBLIC_PAGE: (reverse("web:public-plan", args=[plan.slug]), Client(), False),
    }
    pages = {name: page for name, page in pages.items() if (name == PUBLIC_PAGE) == public}

    def change(number: int) -> None:
        item = PlanItem.objects.get(pk=action.pk)
        values = ItemFields.of(item)
        values.title = f"Action 1, renamed {number}"
        item_change(user=SYSTEM_USER, item=item, based_on_version=item.version, values=values)

    figures: dict[str, float] = {}
    changes = 0
    for name, (url, client, keeps) in pages.items():
        if name == PUBLIC_PAGE:
            started = time.perf_counter()
            period_publish(user=SYSTEM_USER, period=period)
            figures["publishing the quarter"] = (time.perf_counter() - started) * 1000
        _timed_get(client, url)
        figures[f"{name}, warm"] = statistics.median(
            _timed_get(client, url) for _ in range(requests)
        )
        if not keeps:
            continue
        after, elsewhere, keeping = [], [], []
        for _ in range(3):
            changes += 1
            change(changes)
            after.append(_timed_get(client, url))
            keeping.append(_keeping[-1])
        for _ in range(3):
            changes += 1
            change(changes)
            _timed_get(client, url)  # one worker works it out and keeps it for all…
            page_cache_clear(shared=False)  # …and another, with nothing of its own, reads it
            elsewhere.append(_timed_get(client, url))
        figures[f"{name}, first after a change"] = statistics.median(after)
        figures[f"{name}, another worker after a change"] = statistics.median(elsewhere)
        figures[f"{name}, kept for the other workers after the response"] = statistics.median(
            keeping
        )
    return figures


def report_measure(actions: int, fmt: str) -> dict[str, float]:
    """One report format rendered in a child process: its seconds and peak MB."""
    result = subprocess.run(
        [sys.executable, __file__, "--render", fmt, "--actions", str(actions)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def render(actions: int, fmt: str) -> dict[str, float]:
    """In the child: render the current period's report once and say how long and how big."""
    from councilplan.cli.django_setup import django_ready

    django_ready(migrate=False)
    from councilplan.plans.models import Plan
    from councilplan.plans.selectors import period_current
    from councilplan.reports.services import report_render

    plan = Plan.objects.get(slug=plan_slug(actions))
    period = period_current(plan=plan)
    renderer_warm(fmt)
    with TreeMemory(sample=fmt == "pdf") as memory:  # only the PDF starts processes
        started = time.perf_counter()
        output = report_render(plan=plan, period=period, format=fmt)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": memory.peak_mb, "bytes": len(output)}


def renderer_warm(fmt: str) -> None:
    """What a running server has paid before its first report: the format's renderer
    imported, Django's template engine set up (any page it has served did: that imports
    every app's template tags, about 20 ms), and for Word vl-convert's JavaScript engine
    started (about half a second)."""
    from importlib import import_module

    from django.template import engines

    from councilplan.reports.formats import REPORT_FORMATS

    import_module(REPORT_FORMATS[fmt].renderer.partition(":")[0])
    engines.all()
    if fmt == "docx":
        import vl_convert

        vl_convert.svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')


def _figure(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def table(sizes: list[int], rows: dict[str, list[float | None]], unit: dict[str, str]) -> str:
    head = "| what | " + " | ".join(f"{size:,}" for size in sizes) + " | growth exponent |"
    lines = [head, "|---" * (len(sizes) + 2) + "|"]
    for name, values in rows.items():
        cells = ["" if value is None else f"{_figure(value)} {unit[name]}" for value in values]
        slope = exponent(sizes, values)
        lines.append(
            f"| {name} | " + " | ".join(cells) + f" | {'' if slope is None else f'{slope:.2f}'} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000", help="actions per plan, comma-separated")
    parser.add_argument(
        "--formats", default=",".join(FORMATS), help="report formats, comma-separated ('' none)"
    )
    parser.add_argument("--requests", type=int, default=15, help="warm requests per page")
    parser.add_argument("--render", help=argparse.SUPPRESS)
    parser.add_argument("--actions", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.render:
        print(json.dumps(render(arguments.actions, arguments.render)))
        return 0
    sizes = sorted(int(size) for size in arguments.sizes.split(","))
    formats = [fmt for fmt in arguments.formats.split(",") if fmt]
    with django_on_throwaway_data(prefix="councilplan-growth-"):
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        print(
            f"database {connection.vendor}; load average {load_average()}; "
            f"yardstick {yardstick_ms():.1f} ms",
            flush=True,
        )
        rows: dict[str, list[float | None]] = {}
        unit: dict[str, str] = {}

        def record(name: str, index: int, value: float, what: str) -> None:
            rows.setdefault(name, [None] * len(sizes))[index] = value
            unit[name] = what

        for index, actions in enumerate(sizes):
            record("import", index, plan_build(actions), "s")
            for name, value in pages_measure(actions, arguments.requests).items():
                record(name, index, value, "ms")
            for fmt in formats:
                figures = report_measure(actions, fmt)
                record(f"{fmt} report", index, figures["seconds"], "s")
                record(f"{fmt} report, peak memory", index, figures["peak_mb"], "MB")
            for name, value in pages_measure(actions, arguments.requests, public=True).items():
                record(name, index, value, "ms")
            print(f"  {actions:,} actions measured; load average {load_average()}", flush=True)
        print(
            f"\nload average after {load_average()}; yardstick {yardstick_ms():.1f} ms\n",
            flush=True,
        )
        print(table(sizes, rows, unit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
