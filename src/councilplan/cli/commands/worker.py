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
