"""Give a person access: a user with a role in an organisation, linked to their name in
the plans (so an owner can update the items where that name holds a role)."""

import argparse
import getpass
import sys

NAME = "user"
HELP = "give a person a role in an organisation (administrator, performance officer, owner, reader)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("username")
    parser.add_argument("--organisation", required=True, help="the organisation's name or slug")
    parser.add_argument(
        "--role",
        required=True,
        choices=["administrator", "performance_officer", "owner", "reader"],
    )
    parser.add_argument("--email", default="", help="where reminders are sent")
    parser.add_argument(
        "--person",
        default="",
        help="their name as the plans print it (for owners: the lead officer they are)",
    )
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready()
    from django.core.exceptions import ValidationError
    from django.db.models import Q

    from councilplan.accounts.services import person_give_access
    from councilplan.history.context import acting_as
    from councilplan.plans.models import Organisation

    organisation = Organisation.objects.filter(
        Q(name=args.organisation) | Q(slug=args.organisation)
    ).first()
    if organisation is None:
        names = ", ".join(Organisation.objects.values_list("name", flat=True)) or "none yet"
        print(f"There is no organisation '{args.organisation}'. Organisations: {names}.")
        return 2
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"Password for {args.username} (blank: none, sign-in off): ")
    else:
        password = ""
    try:
        with acting_as(name="councilplan user"):
            person_give_access(
                username=args.username,
                organisation=organisation,
                role=args.role,
                email=args.email,
                password=password or None,
                party_name=args.person,
            )
    except (LookupError, ValidationError) as error:
        print(error.messages[0] if isinstance(error, ValidationError) else error)
        return 2
    linked = f", linked to {args.person}" if args.person else ""
    print(f"{args.username} is now {args.role.replace('_', ' ')} at {organisation.name}{linked}.")
    return 0
