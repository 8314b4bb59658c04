"""Put a backup made by `councilplan backup` back in place of the database."""

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

NAME = "restore"
HELP = "replace the database with a backup made by `councilplan backup` (asks for --yes)"
CONFIRM_MESSAGE = (
    "This replaces everything in the database with what {file} holds: every plan, update and "
    "person since that backup is gone. Stop the site first. Run again with --yes to go ahead."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a backup made by `councilplan backup`")
    parser.add_argument("--yes", action="store_true", help="yes, replace the database")


def run(args: argparse.Namespace) -> int:
    if not args.yes:
        print(CONFIRM_MESSAGE.format(file=args.file), file=sys.stderr)
        return 2
    from councilplan.cli.django_setup import django_ready

    django_ready(migrate=False)
    from django.conf import settings

    from councilplan.operations.backup import BackupError, database_restore

    database = settings.DATABASES["default"]
    keep = None
    if database["ENGINE"].endswith("sqlite3"):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        keep = Path(database["NAME"]).with_name(f"councilplan-before-restore-{stamp}.sqlite3")
    try:
        restored = database_restore(database=database, source=args.file, keep=keep)
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Restored the database from {restored.file} ({restored.method}).")
    if restored.kept_as is not None:
        print(f"The database as it was is kept as {restored.kept_as}.")
    return 0
