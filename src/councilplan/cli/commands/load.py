"""Import a plan from a file into the database.

An open-format JSON file (as `councilplan export` writes it) is read as it is.
An import is all or nothing: if anything is wrong, every problem is listed with
its place in the file and the database is left unchanged.
"""

import argparse
import json
import sys
from pathlib import Path

NAME = "import"
HELP = "import a plan from a file (open plan format JSON or the flat CSV)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the file to import")
    parser.add_argument("--replace", action="store_true", help="replace a plan with the same id")
    parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")
    parser.add_argument("--json", action="store_true", help="print the import report as JSON")


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready()
    from councilplan.domain.problems import PlanInputError
    from councilplan.interchange.services import plan_import_path

    try:
        result = plan_import_path(path=args.file, replace=args.replace, dry_run=args.dry_run)
    except PlanInputError as error:
        if args.json:
            problems = [{"location": str(p.location), "message": p.message} for p in error.problems]
            print(json.dumps({"imported": False, "problems": problems}, indent=2))
        else:
            print(error, file=sys.stderr)
        return 1
    report = {
        "imported": not args.dry_run,
        "plan": result.plan_id,
        "title": result.title,
        "counts": result.counts,
        "anomalies": result.anomalies,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    verb = "Checked (dry run, nothing saved)" if args.dry_run else "Imported"
    print(f"{verb}: {result.title} [{result.plan_id}] from {args.file.name}")
    for name, count in result.counts.items():
        print(f"  {name.replace('_', ' ')}: {count}")
    for anomaly in result.anomalies:
        print(f"  ! {anomaly['kind']}: {anomaly['message']} ({anomaly.get('location', '')})")
    return 0
