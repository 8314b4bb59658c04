"""Write a plan out in the open plan format (JSON) or as a flat CSV of its items."""

import argparse
import sys
from pathlib import Path

from councilplan.cli.output import text_out

NAME = "export"
HELP = "export a plan as open plan format JSON or a flat CSV of items"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="the plan's id, as `councilplan plans` lists it")
    parser.add_argument("--format", choices=["json", "csv"], default="json")
    parser.add_argument("--out", type=Path, help="file to write (default: standard output)")


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready()
    from councilplan.interchange.services import plan_export_text
    from councilplan.plans.selectors import PlanNotFoundError, plan_get

    try:
        plan = plan_get(identifier=args.plan)
    except PlanNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    text = plan_export_text(plan=plan, format=args.format)
    text_out(text, out=args.out, what=plan.title)
    return 0
