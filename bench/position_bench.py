"""The first request after a change: how long a worker that kept the plan's position takes to
bring it up to date (ADR 10), by kind of act, against working it out whole.

    .venv/bin/python bench/position_bench.py                 # 2,000 actions
    .venv/bin/python bench/position_bench.py --actions 500 --repeat 7

The plan is bench/growth.py's (councilplan.demo.generated_plan, the reports' shape: N
actions, a measure each, 8 quarters, the last open). Each act is made by the services, then
the dashboard is requested through Django's test client by a signed-in reader: "position" is
`dashboard_position` alone (the engine, the rows and the findings), "dashboard" the whole
page (with the scorecard and the template). "Worked out whole" is the same with nothing kept
(every worker's memory and the shared cache cleared). Medians of `--repeat` acts, with the
machine's load average and yardstick.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import django_on_throwaway_data  # noqa: E402
from bench.growth import load_average, plan_build, plan_slug, yardstick_ms  # noqa: E402


def _acts(plan, action):
    """Each kind of act, as a function of its number."""
    from councilplan.accounts.permissions import SYSTEM_USER
    from councilplan.cycle.measure_values import FigureEntry, figures_record
    from councilplan.editing.services import ItemFields, item_change
    from councilplan.plans.models import PlanItem
    from councilplan.plans.selectors import period_current

    period = period_current(plan=plan)
    measure = action.measures.first()

    def rename(number: int) -> None:
        item = PlanItem.objects.get(pk=action.pk)
        values = ItemFields.of(item)
        values.title = f"Action 1, renamed {number}"
        item_change(user=SYSTEM_USER, item=item, based_on_version=item.version, values=values)

    def figure(number: int) -> None:
        entry = FigureEntry(measure=measure.key, period=period.key, text=str(number), place="bench")
        figures_record(user=SYSTEM_USER, plan=plan, entries=[entry])

    return {"an action renamed": rename, "a figure recorded": figure}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    with django_on_throwaway_data(prefix="councilplan-position-"):
        from django.contrib.auth.models import User
        from django.core.management import call_command
        from django.test import Client
        from django.urls import reverse

        from councilplan.accounts.models import Membership, Role
        from councilplan.plans.models import Plan
        from councilplan.plans.selectors import period_current
        from councilplan.web.selectors import dashboard_position, page_cache_clear

        call_command("migrate", verbosity=0)
        plan_build(arguments.actions)
        plan = Plan.objects.get(slug=plan_slug(arguments.actions))
        period = period_current(plan=plan)
        reader, _ = User.objects.get_or_create(username="bench.reader")
        Membership.objects.get_or_create(
            user=reader, organisation=plan.organisation, defaults={"role": Role.READER}
        )
        client = Client()
        client.force_login(reader)
        url = reverse("web:plan-dashboard", args=[plan.slug])
        action = plan.items.get(key="A1")
        print(
            f"{arguments.actions:,} actions; load average {load_average()}; "
            f"yardstick {yardstick_ms():.1f} ms",
            flush=True,
        )

        def timed(call) -> float:
            started = time.perf_counter()
            call()
            return (time.perf_counter() - started) * 1000

        def page() -> None:
            assert client.get(url).status_code == 200

        def position() -> None:
            dashboard_position(plan=Plan.objects.get(pk=plan.pk), period=period)

        page()
        number = 0
        print("| act | what | brought up to date (ms) | worked out whole (ms) |")
        print("|---|---|---:|---:|")
        for name, act in _acts(plan, action).items():
            for what, call in (("position", position), ("dashboard", page)):
                kept, whole = [], []
                for _ in range(arguments.repeat):
                    number += 1
                    act(number)
                    kept.append(timed(call))
                    number += 1
                    act(number)
                    page_cache_clear()
                    whole.append(timed(call))
                print(
                    f"| {name} | {what} | {statistics.median(kept):.0f} | "
                    f"{statistics.median(whole):.0f} |",
                    flush=True,
                )
        print(f"\nload average after {load_average()}; yardstick {yardstick_ms():.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
