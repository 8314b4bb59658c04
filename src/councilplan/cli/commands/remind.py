"""E-mail owners who have not yet submitted their updates for the open periods."""

import argparse
import sys

NAME = "remind"
HELP = "e-mail owners who have not yet updated the open periods (before or after the deadline)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", nargs="?", help="only this plan (its identifier)")


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready()
    from councilplan.accounts.permissions import SYSTEM_USER
    from councilplan.cycle.services import reminders_send_for_open_periods
    from councilplan.history.context import acting_as
    from councilplan.plans.selectors import PlanNotFoundError, plan_get

    plan = None
    if args.plan:
        try:
            plan = plan_get(identifier=args.plan)
        except PlanNotFoundError as error:
            print(error)
            return 2
    with acting_as(name="councilplan remind"):
        results = reminders_send_for_open_periods(user=SYSTEM_USER, plan=plan)
    if not results:
        print("No period is open for updates, so nobody needs a reminder.")
        return 0
    for period, outcome in results:
        print(f"{period.plan.title}, {period.label}: {outcome.sent_words()}")
        for name in outcome.without_address:
            print(f"  no e-mail address for {name}: remind them another way")
        for address, reason in outcome.failed.items():
            print(f"  not sent to {address}: {reason}", file=sys.stderr)
    return 1 if any(outcome.failed for _, outcome in results) else 0
