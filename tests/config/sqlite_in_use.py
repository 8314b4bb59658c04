"""Run as a program (`python -m tests.config.sqlite_in_use DATA_DIR`): on the site's own
SQLite file, one thread holds a write transaction for a while (as an import does) while
others read and save. Prints JSON: the journal mode, the busy timeout, how long the read
waited, and whether every save went through."""

import json
import os
import sys
import threading
import time

HOLD_SECONDS = 1.5


def main(data_dir: str) -> None:
    os.environ["COUNCILPLAN_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "councilplan.config.settings.base"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        journal_mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        busy_timeout = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
    Group.objects.create(name="before")
    connection.close()
    writing = threading.Event()
    results: dict[str, object] = {"errors": []}

    def importer() -> None:
        try:
            with transaction.atomic():
                Group.objects.create(name="import")
                writing.set()
                time.sleep(HOLD_SECONDS)
        finally:
            connection.close()

    def reader() -> None:
        writing.wait()
        started = time.monotonic()
        try:
            results["read"] = Group.objects.count()
            results["read_seconds"] = time.monotonic() - started
        except Exception as error:
            results["errors"].append(f"read: {error}")  # type: ignore[union-attr]
        finally:
            connection.close()

    def saver(number: int) -> None:
        writing.wait()
        try:
            Group.objects.create(name=f"save {number}")
        except Exception as error:
            results["errors"].append(f"save: {error}")  # type: ignore[union-attr]
        finally:
            connection.close()

    threads = [threading.Thread(target=importer), threading.Thread(target=reader)]
    threads += [threading.Thread(target=saver, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.update(
        journal_mode=journal_mode,
        busy_timeout_ms=busy_timeout,
        saved=Group.objects.filter(name__startswith="save").count(),
    )
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1])
