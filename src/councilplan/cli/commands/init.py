"""Create the data directory and the database, or bring an existing one up to date."""

import argparse

NAME = "init"
HELP = "create the data directory and database (safe to run again)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready()
    from django.conf import settings
    from django.db import connection

    where = (
        settings.DATABASES["default"]["NAME"]
        if connection.vendor == "sqlite"
        else connection.vendor
    )
    print(f"The councilplan database is ready ({connection.vendor}: {where}).")
    return 0
