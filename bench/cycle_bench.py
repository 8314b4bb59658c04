"""How fast the update round's pages answer for a generated plan, and with how many queries.

    .venv/bin/python bench/cycle_bench.py [--actions 2000] [--requests 20]

Builds a throwaway SQLite database, imports a generated plan
(src/councilplan/demo/generated_plan.py: Q2 is open), links an owner to the lead officer of A1
and signs in a performance officer. Each page is requested through Django's test client;
queries are counted for the plan asked for and for one a tenth of its size (they must be equal:
no query per row). Publishing Q2 (the snapshot of every public item) is timed once per size."""

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
    parser.add_argument("--requests", type=int, default=20)
    arguments = parser.parse_args()
    with django_on_throwaway_data(prefix="councilplan-cycle-bench-"):
        run(actions=arguments.actions, requests=arguments.requests)


def _measure(client, url: str, requests: int) -> tuple[float, float, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)  # read now: the next request clears the connection's log
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.9) - 1], query_count


def run(*, actions: int, requests: int) -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import Client
    from django.urls import reverse

    from councilplan.accounts.models import Membership, Role
    from councilplan.accounts.permissions import SYSTEM_USER
    from councilplan.cycle import services
    from councilplan.demo.generated_plan import generated_plan_document
    from councilplan.interchange.load import plan_import_document
    from councilplan.plans.models import ItemRole, Party

    call_command("migrate", verbosity=0)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    officer, owner = Client(), Client()
    officer_user = User.objects.create_user("bench.officer")
    owner_user = User.objects.create_user("bench.owner")
    officer.force_login(officer_user)
    owner.force_login(owner_user)
    print(f"update round pages, {requests} requests each (Django test client, SQLite)")
    print(f"{'page':<30}{'actions':>8}{'median ms':>11}{'p90 ms':>8}{'queries':>9}")
    for size in sorted({max(20, actions // 10), actions}):
        plan = plan_import_document(
            document=generated_plan_document(actions=size, plan_id=f"cycle-bench-{size}")
        ).plan
        for user, role in ((officer_user, Role.PERFORMANCE_OFFICER), (owner_user, Role.OWNER)):
            Membership.objects.get_or_create(
                user=user, organisation=plan.organisation, defaults={"role": role}
            )
        # The owner is the lead officer of action A1 (and so of a share of the plan's actions).
        lead = ItemRole.objects.get(item__plan=plan, item__key="A1", role="lead_officer").party
        Party.objects.filter(user=owner_user).update(user=None)
        Party.objects.filter(pk=lead.pk).update(user=owner_user)
        pages = {
            "round (2024-Q2)": (officer, reverse("cycle:round", args=[plan.slug, "2024-Q2"])),
            "update form": (
                owner,
                reverse("cycle:update-edit", args=[plan.slug, "A1", "2024-Q2"]),
            ),
            "review": (
                officer,
                reverse("cycle:update-review", args=[plan.slug, "A1", "2024-Q2"]),
            ),
            "your updates (owner of A1)": (owner, reverse("cycle:my-updates")),
        }
        for name, (client, url) in pages.items():
            median, p90, queries = _measure(client, url, requests)
            print(f"{name:<30}{size:>8}{median:>11.1f}{p90:>8.1f}{queries:>9}")
        started = time.perf_counter()
        snapshot = services.period_publish(user=SYSTEM_USER, period=plan.periods.get(key="2024-Q2"))
        took = (time.perf_counter() - started) * 1000
        items = snapshot.content["counts"]["items"]
        print(f"{'publish (snapshot)':<30}{size:>8}{took:>11.0f}{'':>8}{'':>9}  {items} items")


if __name__ == "__main__":
    main()
