"""List the plans in the database with their identifiers."""

import argparse
import json

NAME = "plans"
HELP = "list the plans with their identifiers"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready()
    from councilplan.plans.selectors import plan_list

    plans = [
        {
            "id": plan.slug,
            "title": plan.title,
            "organisation": plan.organisation.name,
            "kind": plan.kind,
            "items": plan.item_count,
        }
        for plan in plan_list()
    ]
    if args.json:
        print(json.dumps(plans, indent=2))
        return 0
    if not plans:
        print("There are no plans yet. Import one with `councilplan import FILE`.")
        return 0
    width = max(len(p["id"]) for p in plans)
    for plan in plans:
        where = f"{plan['organisation']} ({plan['items']} items)"
        print(f"{plan['id']:<{width}}  {plan['title']} — {where}")
    return 0
