"""The site under load: simulated officers against gunicorn with the production settings.

    .venv/bin/python bench/load_bench.py [--users 50] [--seconds 60] [--actions 500]
        [--workers 2] [--threads 4] [--import-actions 0] [--api]

Sets up a throwaway site as docs/operations.md says (production settings, `migrate`,
`collectstatic`, a generated plan of --actions actions, a performance officer, the plan's
latest period open for updates), starts gunicorn on a free loopback port, and runs locust
headless with bench/locustfile.py: each user signs in, then reads the dashboard, the tree, an
item and the HTML report and saves draft updates. With --import-actions N, a plan of N actions
is imported from the command line while the users work (SQLite's "database is locked" under
load: a save must wait for the import, never fail). Prints each request's count, failures,
median and 95th percentile, and a yardstick of the machine.

SQLite in a temporary folder by default; with DATABASE_URL set, that database is used and
must be a throwaway one (the bench migrates it and imports into it).
With --api, the users are council systems on the API, each with its own token: the plan's
position, its items a page at a time, one item, and its own item's update read and written
with If-Match (bench/locustfile.py ApiClient).
Targets: 50 users, 0 failures, p95 under 1 s on PostgreSQL on the project machine (issue 11);
50 API clients for 60 s on PostgreSQL, 0 errors, p95 reported (issue 18).
"""

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HOST = "localhost"
USER = "load.officer"
PASSWORD = secrets.token_urlsafe(18)
STARTUP_SECONDS = 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--import-actions", type=int, default=0)
    parser.add_argument(
        "--api", action="store_true", help="council systems on the API instead of officers"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="councilplan-load-") as folder:
        run(arguments, Path(folder))


def run(arguments: argparse.Namespace, folder: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="councilplan.config.settings.production",
        COUNCILPLAN_SECRET_KEY=secrets.token_urlsafe(60),
        COUNCILPLAN_ALLOWED_HOSTS=HOST,
        COUNCILPLAN_SITE_URL=f"http://{HOST}",
        COUNCILPLAN_DATA_DIR=str(folder),
        COUNCILPLAN_STATIC_ROOT=str(folder / "static"),
        COUNCILPLAN_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    site = site_prepare(actions=arguments.actions, users=arguments.users, api=arguments.api)
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    meanwhile = arguments.import_actions
    who = "API clients" if arguments.api else "users"
    print(
        f"load: {arguments.users} {who} for {arguments.seconds} s, plan of {arguments.actions} "
        f"actions, {database}, gunicorn {arguments.workers} workers x {arguments.threads} threads"
        + (f", importing {meanwhile} actions meanwhile" if meanwhile else "")
    )
    print(
        f"yardstick: sum(range(10**6)) takes {yardstick_ms():.1f} ms here; "
        f"load average before {os.getloadavg()[0]:.1f}"
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "councilplan.config.wsgi", "--bind",
         f"127.0.0.1:{port}", "--workers", str(arguments.workers), "--threads",
         str(arguments.threads), "--keep-alive", "75", "--access-logfile", "/dev/null"],
        stdout=subprocess.DEVNULL, stderr=(folder / "gunicorn.log").open("w"),
    )  # fmt: skip
    importer = None
    try:
        server_wait(port, log=folder / "gunicorn.log")
        if arguments.import_actions:
            importer = import_start(folder, actions=arguments.import_actions)
        stats = locust_run(arguments, port=port, site=site, folder=folder)
        if importer is not None:
            import_finish(importer)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report_print(stats)
    errors = [
        line
        for line in (folder / "gunicorn.log").read_text().splitlines()
        if any(sign in line for sign in ("Error", "error", "TIMEOUT", "locked"))
    ]
    if errors:
        print(f"the server logged {len(errors)} error lines; the last:", *errors[-5:], sep="\n  ")


def site_prepare(*, actions: int, users: int, api: bool = False) -> dict[str, str]:
    """The throwaway site: schema, static files, a plan, an officer and an open period."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connections

    from councilplan.accounts.models import Membership, Role
    from councilplan.accounts.permissions import SYSTEM_USER
    from councilplan.accounts.tokens import token_create
    from councilplan.cycle import services as cycle
    from councilplan.demo.generated_plan import generated_plan_document
    from councilplan.interchange.load import plan_import_document
    from councilplan.plans.models import ReportingPeriod

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    plan = plan_import_document(
        document=generated_plan_document(actions=actions, plan_id="load")
    ).plan
    # One account per simulated person, as in a council: sign-in is rate-limited per account.
    password = make_password(PASSWORD)  # hashed once: the same password for every account
    tokens = []
    for number in range(1, max(1, users) + 1):
        officer = User.objects.create(username=f"{USER}.{number}", password=password)
        Membership.objects.create(
            user=officer, organisation=plan.organisation, role=Role.PERFORMANCE_OFFICER
        )
        if api:
            tokens.append(token_create(user=officer, name="load", scope="write").secret)
    period = plan.periods.order_by("-starts_on").first()
    if period.state != ReportingPeriod.State.OPEN:
        period = cycle.period_open(user=SYSTEM_USER, period=period)
    leaves = plan.items.filter(children__isnull=True).order_by("depth", "position", "pk")
    leaves = leaves[: max(1, users)]
    site = {
        "LOAD_PLAN": plan.slug,
        "LOAD_PERIOD": period.key,
        "LOAD_ITEMS": ",".join(f"{item.pk}:{item.key}" for item in leaves),
        "LOAD_USER": USER,
        "LOAD_PASSWORD": PASSWORD,
        "LOAD_HOST": HOST,
        "LOAD_TOKENS": ",".join(tokens),
        "LOAD_CLASS": "ApiClient" if api else "Officer",
    }
    connections.close_all()
    return site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_wait(port: int, *, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/published/", headers={"Host": HOST, "X-Forwarded-Proto": "https"}
    )
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(request, timeout=5)  # noqa: S310 - our own loopback server
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(
        f"gunicorn did not answer within {STARTUP_SECONDS} s; its log ends:\n"
        + log.read_text()[-2000:]
    )


def import_start(folder: Path, *, actions: int) -> subprocess.Popen:
    from councilplan.demo.generated_plan import generated_plan_document

    document = folder / "second-plan.json"
    document.write_text(
        json.dumps(generated_plan_document(actions=actions, seed=2, plan_id="second"))
    )
    return subprocess.Popen(
        [sys.executable, "-m", "councilplan.cli.main", "import", str(document)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def import_finish(importer: subprocess.Popen) -> None:
    output, _ = importer.communicate(timeout=1800)
    verdict = "imported" if importer.returncode == 0 else f"FAILED ({importer.returncode})"
    print(f"the import running meanwhile: {verdict}; {output.strip().splitlines()[-1:]}")


def locust_run(
    arguments: argparse.Namespace, *, port: int, site: dict[str, str], folder: Path
) -> list[dict[str, str]]:
    prefix = folder / "locust"
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
         "--headless", "--users", str(arguments.users),
         "--spawn-rate", str(max(1, arguments.users // 10)),
         "--run-time", f"{arguments.seconds}s", "--host", f"http://127.0.0.1:{port}",
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING", site["LOAD_CLASS"]],
        env={**os.environ, **site}, check=False, capture_output=True,
    )  # fmt: skip
    with open(f"{prefix}_failures.csv", newline="") as table:
        for failure in csv.DictReader(table):
            print(f"failed {failure['Occurrences']} x {failure['Name']}: {failure['Error'][:160]}")
    with open(f"{prefix}_stats.csv", newline="") as table:
        return list(csv.DictReader(table))


def report_print(stats: list[dict[str, str]]) -> None:
    print(f"{'request':<24}{'count':>7}{'failed':>8}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}")
    for row in stats:
        name = row["Name"] if row["Type"] else "all requests"
        print(
            f"{name:<24}{row['Request Count']:>7}{row['Failure Count']:>8}"
            f"{row['50%']:>11}{row['95%']:>9}{float(row['Max Response Time']):>9.0f}"
        )


def yardstick_ms() -> float:
    started = time.perf_counter()
    sum(range(10**6))
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
