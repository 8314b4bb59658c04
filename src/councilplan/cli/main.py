"""The `councilplan` command line. Each verb lives in cli/commands/<verb>.py."""

import argparse
import os
import sys
from collections.abc import Sequence

from councilplan import __version__
from councilplan.cli.commands import COMMANDS
from councilplan.config.paths import DATA_DIR_VARIABLE

DESCRIPTION = (
    "councilplan runs a council's plans: import them from the documents you have, "
    "collect each period's progress, roll it up and publish it."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="councilplan", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"councilplan {__version__}")
    parser.add_argument(
        "--data-dir",
        help=f"where the SQLite database and files live (default: ${DATA_DIR_VARIABLE} "
        "or ~/.local/share/councilplan); ignored when DATABASE_URL names a database",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for command in COMMANDS:
        command_parser = subparsers.add_parser(
            command.NAME, help=command.HELP, description=command.__doc__ or command.HELP
        )
        command.add_arguments(command_parser)
        command_parser.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.data_dir:
        os.environ[DATA_DIR_VARIABLE] = os.path.abspath(args.data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilplan.config.settings.base")
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
