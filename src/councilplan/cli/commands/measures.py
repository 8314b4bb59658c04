"""List a plan's measures at a period: value, target, computed and reported status,
direction of travel and findings."""

import argparse
import json
import sys

NAME = "measures"
HELP = "list a plan's measures at a period with status, target and direction"
ARROWS = {"better": "▲", "worse": "▼", "same": "►", "none": " "}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="the plan's id, as `councilplan plans` lists it")
    parser.add_argument(
        "--period",
        help="the reporting period, as 2024-Q1 for April to June 2024 (default: the plan's "
        "current period)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready()
    from councilplan.domain.wording import cut_at_word
    from councilplan.plans.selectors import (
        PeriodNotFoundError,
        PlanNotFoundError,
        period_given_or_current,
        plan_get,
    )
    from councilplan.reports.measures import measure_list

    try:
        plan = plan_get(identifier=args.plan)
        period = period_given_or_current(plan=plan, key=args.period)
    except (PlanNotFoundError, PeriodNotFoundError) as error:
        print(error, file=sys.stderr)
        return 1
    lines = measure_list(plan=plan, period=period)
    if args.json:
        print(json.dumps([line.as_json() for line in lines], indent=2, ensure_ascii=False))
        return 0
    print(f"{plan.title}: measures at {period.label}")
    if not lines:
        print("The plan has no measures.")
    for line in lines:
        shown = line.value_text or ("—" if line.value is None else f"{line.value:g}")
        target = line.target_text or ("—" if line.target is None else f"{line.target:g}")
        reported = f", reported {line.reported_status}" if line.reported_status else ""
        print(
            f"{line.ref or line.id}  {cut_at_word(line.name, 60)}: {shown} against {target}, "
            f"{line.status}{reported}, {ARROWS[line.direction]} {line.direction}"
        )
        for finding in line.findings:
            print(f"    ! {finding['message']}")
    return 0
