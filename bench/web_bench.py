"""How fast the dashboard, the tree and the API's position answer for a generated plan, and
with how many queries.

    .venv/bin/python bench/web_bench.py [--actions 2000] [--requests 30]

Builds a throwaway SQLite database in a temporary data directory, imports a generated plan
(src/councilplan/demo/generated_plan.py), signs in a reader and requests each page through
Django's test client. "cold" is the first request after any change to the plan (the pages keep
what they computed until the plan changes); the median and 90th percentile are of the requests
after it. Queries are counted on the cold request, for the plan asked for and for one a tenth
of its size (they must be equal). Targets with 2,000 actions: pages' median under 150 ms (issue
15), the API's plan position under 300 ms (issue 18)."""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import django_on_throwaway_data  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=30)
    arguments = parser.parse_args()
    with django_on_throwaway_data(prefix="councilplan-web-bench-"):
        run(actions=arguments.actions, requests=arguments.requests)


def run(*, actions: int, requests: int) -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from councilplan.accounts.models import Membership, Role
    from councilplan.demo.generated_plan import generated_plan_document
    from councilplan.interchange.load import plan_import_document
    from councilplan.plans.selectors import period_current
    from councilplan.web.selectors import page_cache_clear

    call_command("migrate", verbosity=0)
    # Keep one connection across requests, as a server with persistent connections does, so
    # the captured queries are the page's own.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    user = User.objects.create_user("bench.reader")
    client.force_login(user)
    print(f"web pages, {requests} requests each (Django test client, SQLite)")
    print(f"{'page':<34}{'actions':>8}{'cold ms':>10}{'median ms':>11}{'p90 ms':>8}{'queries':>9}")
    for size in sorted({max(20, actions // 10), actions}):
        started = time.perf_counter()
        plan = plan_import_document(document=generated_plan_document(actions=size)).plan
        imported = time.perf_counter() - started
        Membership.objects.get_or_create(
            user=user, organisation=plan.organisation, defaults={"role": Role.READER}
        )
        print(f"  (imported {size} actions in {imported:.1f} s)")
        pages = {
            "dashboard": reverse("web:plan-dashboard", args=[plan.slug]),
            "tree, first page": reverse("web:plan-tree", args=[plan.slug]),
            "tree, filtered (status red)": reverse("web:plan-tree", args=[plan.slug])
            + "?status=red",
            "tree, search": reverse("web:plan-tree", args=[plan.slug]) + "?search=action+1",
            # The API's reading of the same position (target: median under 300 ms at 2,000).
            "api: position": f"/api/v1/plans/{plan.slug}/position",
            "api: items, first 100": f"/api/v1/plans/{plan.slug}/items?limit=100",
            "indicators (the whole scorecard)": reverse("web:plan-indicators", args=[plan.slug]),
            "an indicator": reverse(
                "web:indicator-detail", args=[plan.slug, plan.measures.order_by("pk")[0].pk]
            ),
            # The HTML report renders the position the dashboard keeps (target: < 0.5 s).
            "report, HTML": reverse(
                "web:report-download", args=[plan.slug, period_current(plan=plan).key, "html"]
            ),
        }
        for name, url in pages.items():
            page_cache_clear()
            timings = []
            reset_queries()  # each request clears the log as it starts, so count from zero
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            query_count = len(queries.captured_queries)
            page_cache_clear()
            started = time.perf_counter()
            client.get(url)
            cold = (time.perf_counter() - started) * 1000
            for _ in range(requests):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            median = statistics.median(timings)
            p90 = timings[int(len(timings) * 0.9) - 1]
            print(f"{name:<34}{size:>8}{cold:>10.0f}{median:>11.1f}{p90:>8.1f}{query_count:>9}")


if __name__ == "__main__":
    main()
