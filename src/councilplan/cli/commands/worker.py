"""Run the background worker: it makes the reports asked for on the website (and any other
task queued), one after another. Run it beside the web server (docs/operations.md)."""

import argparse

NAME = "worker"
HELP = "make queued reports in the background (run it beside the web server)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--batch", action="store_true", help="do what is queued now, then stop (for cron)"
    )
    parser.add_argument(
        "--interval", type=float, default=1.0, help="seconds between looks at the queue"
    )


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready()
    from django.core.management import call_command

    call_command("db_worker", batch=args.batch, interval=args.interval, startup_delay=False)
    return 0


def worker_thread_start() -> None:
    """The worker in a thread of this process (for `councilplan demo`: one command runs all).
    Its Worker directly: the management command would install signal handlers, which only
    the main thread may."""
    import threading

    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["*"], interval=1.0, batch=False, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="demo", excluded_queue_names=[],
    )  # fmt: skip
    threading.Thread(target=worker.run, name="councilplan-worker", daemon=True).start()
