"""Record measures' figures from a CSV file: all or nothing, every refusal naming its row and
column."""

import argparse
import sys
from pathlib import Path

NAME = "figures"
HELP = "record measures' figures from a CSV file (measure, period, value[, state, note])"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="the plan's id, as `councilplan plans` lists it")
    parser.add_argument(
        "file",
        type=Path,
        help="a CSV file whose first row names the columns: measure (its reference or key), "
        "period (such as 2024-Q1), value; optionally state (available, not yet available, "
        "not applicable), expected on (a date) and note",
    )
    parser.add_argument(
        "--check", action="store_true", help="check the file against the plan; save nothing"
    )


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready()
    from django.db import transaction

    from councilplan.accounts.permissions import SYSTEM_USER
    from councilplan.cycle.measure_values import FigureEntry, FiguresRefusedError, figures_record
    from councilplan.domain.problems import PlanInputError
    from councilplan.domain.wording import plural
    from councilplan.imports.figures_csv import figures_csv_read
    from councilplan.plans.selectors import PlanNotFoundError, plan_get

    try:
        plan = plan_get(identifier=args.plan)
        rows = figures_csv_read(args.file.read_bytes(), file=args.file.name)
    except (PlanNotFoundError, PlanInputError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    entries = [
        FigureEntry(
            measure=row.measure,
            period=row.period,
            text=row.text,
            place=f"{args.file.name}, row {row.row}",
            state=row.state,
            expected_on=row.expected_on,
            note=row.note,
        )
        for row in rows
    ]
    try:
        with transaction.atomic():
            recorded = figures_record(user=SYSTEM_USER, plan=plan, entries=entries)
            if args.check:
                transaction.set_rollback(True)
    except FiguresRefusedError as error:
        print(f"Nothing was saved: {len(error.problems)} to put right.", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    for warning in recorded.warnings:
        print(f"! {warning}")
    saved = "would be saved" if args.check else "saved"
    print(
        f"{plan.title}: {plural(len(recorded.values), 'figure')} {saved}, "
        f"{recorded.unchanged} already so, {len(recorded.warnings)} not a number."
    )
    return 0
