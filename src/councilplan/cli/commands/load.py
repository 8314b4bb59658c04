"""Import a plan from a file into the database.

An open-format JSON file (as `councilplan export` writes it) is read as it is; a council
document (.docx, .xlsx, .csv, .pdf, .txt) is converted first (see docs/importing.md).
An import is all or nothing: if anything is wrong, every problem is listed with its place
in the file and the database is left unchanged. The report lists items by level, measures,
updates, risks and every anomaly; `--dry-run` shows it without saving anything.

With `--replace`, a file for a plan the council already has (the same id, or the same title)
updates that plan as a new version: the differences are listed in words and made as audited
edits (what disappeared is archived), and every update, measure value and published snapshot
is kept. Updates or values the file gives for periods the site already has are not applied:
each that differs is listed as not applied.
"""

import argparse
import json
import sys
from pathlib import Path

from councilplan.cli.progress import progress_bar

NAME = "import"
HELP = "import a plan from a file (open plan format JSON, flat CSV or a council document)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the file to import")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="update the council's plan with the same id (or title) with the file's changes: "
        "items added, changed, moved and archived; updates and published periods kept",
    )
    parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")
    parser.add_argument("--json", action="store_true", help="print the import report as JSON")
    add_document_arguments(parser)


def add_document_arguments(parser: argparse.ArgumentParser) -> None:
    """What a council document may not say about itself (also read from a mapping file)."""
    parser.add_argument("--plan-id", default="", help="the plan's id (default: from the title)")
    parser.add_argument("--title", default="", help="the plan's title")
    parser.add_argument("--period", default="", help="the period it reports on: 2024-Q1")
    parser.add_argument("--organisation", default="", help="the council, e.g. 'Harlow Council'")
    parser.add_argument(
        "--kind", default="", choices=["", "corporate", "recovery", "borough", "service", "other"]
    )
    parser.add_argument(
        "--mapping", type=Path, help="a mapping file (TOML); default: FILE's name with .toml"
    )
    parser.add_argument(
        "--accept-partial",
        action="store_true",
        help="go on when less than 90%% of the document was read into the plan",
    )


PARTIAL_READ_PERCENT = 90
PARTIAL_READ_EXIT = 3
PARTIAL_READ_MESSAGE = "only {percent}% of {file} was read into the plan"
PARTIAL_READ_HINT = (
    "Nothing was {verb}. Check the lines above (a mapping file can place them: "
    "`councilplan mapping suggest FILE`), or give --accept-partial to go on without them."
)


def partial_read_refused(coverage: dict | None, *, file: Path, accept: bool, verb: str) -> bool:
    """Say loudly when much of the document was not read; True when that stops the run."""
    if not coverage or coverage.get("percent", 100) >= PARTIAL_READ_PERCENT:
        return False
    percent = coverage["percent"]
    shown = f"{percent:g}"
    print(PARTIAL_READ_MESSAGE.format(percent=shown, file=file.name), file=sys.stderr)
    unplaced = coverage.get("unplaced", [])
    for entry in unplaced[:10]:
        print(f"  {entry['location']}: {entry['text'][:100]}", file=sys.stderr)
    if len(unplaced) > 10:
        print(f"  … and {len(unplaced) - 10} more", file=sys.stderr)
    if accept:
        return False
    print(PARTIAL_READ_HINT.format(verb=verb), file=sys.stderr)
    return True


def convert_options(args: argparse.Namespace):
    from councilplan.imports.convert import ConvertOptions

    return ConvertOptions(
        plan_id=args.plan_id,
        title=args.title,
        period=args.period,
        organisation=args.organisation,
        kind=args.kind,
        mapping=args.mapping,
    )


def problems_print(error, *, as_json: bool) -> None:
    if as_json:
        problems = [{"location": str(p.location), "message": p.message} for p in error.problems]
        print(json.dumps({"imported": False, "problems": problems}, indent=2))
    else:
        print(error, file=sys.stderr)


SAME_TITLE_NOTE = (
    "note: the council's plan [{id}] has the same title; `--replace` would have updated it "
    "with this file's changes instead of importing a second plan"
)


def _report(result, document: dict, args: argparse.Namespace) -> dict:
    report = {
        "imported": not args.dry_run,
        "plan": result.plan_id,
        "title": result.title,
        "items_by_level": result.items_by_level,
        "counts": result.counts,
        "coverage": document.get("coverage"),
        "anomalies": result.anomalies,
    }
    if result.updated:
        report |= {"updated": True, "differences": result.differences}
        report["not_applied"] = result.findings
    return report


def _updated_print(result, *, file: Path, dry_run: bool) -> int:
    """The differences a re-import made (or, with --dry-run, would make), in words."""
    verb = "Checked (dry run, nothing saved), would update" if dry_run else "Updated"
    print(f"{verb}: {result.title} [{result.plan_id}] from {file.name}")
    if not result.differences:
        print("  no differences: the plan already says what the file says")
    for name, count in result.counts.items():
        if name != "findings":
            print(f"  {name.replace('_', ' ')}: {count}")
    for difference in result.differences:
        print(f"  - {difference}")
    for finding in result.findings:
        print(f"  ! not applied: {finding}")
    return 0


SAVING_STAGE = "Saving the plan"
DONE_STAGE = "Done"


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready()
    from councilplan.domain.problems import PlanInputError
    from councilplan.history.context import acting_as
    from councilplan.interchange.documents import document_from_path
    from councilplan.interchange.services import plan_import_path

    try:
        with progress_bar(f"Importing {args.file.name}") as progress:
            document = document_from_path(
                args.file, convert_options=convert_options(args), progress=progress
            )
            if partial_read_refused(
                document.get("coverage"),
                file=args.file,
                accept=args.accept_partial,
                verb="imported",
            ):
                return PARTIAL_READ_EXIT
            progress(SAVING_STAGE, 95)
            with acting_as(name="councilplan import"):
                result = plan_import_path(
                    path=args.file, replace=args.replace, dry_run=args.dry_run, document=document
                )
            progress(DONE_STAGE, 100)
    except PlanInputError as error:
        problems_print(error, as_json=args.json)
        return 1
    if args.json:
        print(json.dumps(_report(result, document, args), indent=2, ensure_ascii=False))
        return 0
    if result.updated:
        return _updated_print(result, file=args.file, dry_run=args.dry_run)
    verb = "Checked (dry run, nothing saved)" if args.dry_run else "Imported"
    print(f"{verb}: {result.title} [{result.plan_id}] from {args.file.name}")
    if result.same_title_plan:
        print(SAME_TITLE_NOTE.format(id=result.same_title_plan), file=sys.stderr)
    print("  items by level:")
    for level, count in result.items_by_level.items():
        print(f"    {level}: {count}")
    for name, count in result.counts.items():
        print(f"  {name.replace('_', ' ')}: {count}")
    if document.get("coverage"):
        coverage = document["coverage"]
        print(
            f"  read into the plan: {coverage['percent']:g}% of the document's cells "
            f"({coverage['placed']} of {coverage['cells']})"
        )
    for anomaly in result.anomalies:
        where = anomaly.get("location", "")
        text = f" — “{anomaly['text'][:80]}”" if anomaly.get("text") else ""
        print(f"  ! {anomaly['kind']}: {anomaly['message']} ({where}){text}")
    return 0
