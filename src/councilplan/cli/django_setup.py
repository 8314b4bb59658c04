"""Start Django for a command, and bring the database up to date first."""

import io

import django
from django.core.management import call_command


def django_ready(*, migrate: bool = True) -> None:
    django.setup()
    if migrate:
        database_migrate()


def database_migrate() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
