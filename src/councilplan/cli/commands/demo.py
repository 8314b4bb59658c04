"""Load the bundled sample plans into a fresh SQLite database and serve the site.

The demo database lives in <data dir>/demo and is made anew each time, so the
demo always starts from the same place.
"""

import argparse
import os
import shutil

from councilplan.cli.commands.serve import add_server_arguments
from councilplan.config.paths import DATA_DIR_VARIABLE, data_dir

NAME = "demo"
HELP = "load the sample plans into a fresh database and serve the site"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_server_arguments(parser)
    parser.add_argument("--no-serve", action="store_true", help="load the samples, then stop")


def run(args: argparse.Namespace) -> int:
    demo_dir = data_dir() / "demo"
    if os.environ.get("DATABASE_URL"):
        print("The demo always uses its own SQLite database; DATABASE_URL is ignored for it.")
        del os.environ["DATABASE_URL"]
    shutil.rmtree(demo_dir, ignore_errors=True)
    demo_dir.mkdir(parents=True)
    os.environ[DATA_DIR_VARIABLE] = str(demo_dir)

    from councilplan.cli.django_setup import django_ready

    django_ready()
    from councilplan.demo.services import demo_load

    summary = demo_load()
    print(f"Demo database: {demo_dir / 'councilplan.sqlite3'}")
    for line in summary.plan_lines:
        print(f"  loaded {line}")
    if summary.user_lines:
        print("Sign in as any of these demo users:")
        for line in summary.user_lines:
            print(f"  {line}")
    if args.no_serve:
        return 0
    from councilplan.cli.commands.serve import server_run
    from councilplan.cli.commands.worker import worker_thread_start

    worker_thread_start()  # reports asked to be prepared are made while the demo runs

    print(
        f"\nOpen http://{args.host}:{args.port}/ in your browser (Ctrl+C stops the demo).",
        flush=True,
    )
    return server_run(host=args.host, port=args.port, workers=args.workers)
