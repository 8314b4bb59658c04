"""Back up the database while the site is in use (see docs/operations.md)."""

import argparse
import sys
from pathlib import Path

NAME = "backup"
HELP = "copy the database to FILE while the site keeps running (SQLite or PostgreSQL)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the backup file to write (never overwritten)")


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready(migrate=False)
    from django.conf import settings

    from councilplan.operations.backup import BackupError, database_backup

    try:
        backup = database_backup(database=settings.DATABASES["default"], target=args.file)
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Backed up the database to {backup.file} ({backup.size:,} bytes, {backup.method})")
    return 0
