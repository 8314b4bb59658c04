"""Run as a program (`python -m tests.accounts.sign_in_race DATA_DIR [ATTEMPTS]`): that many
wrong passwords at once for one user name from one address, on a SQLite file with the
site's own settings. Prints JSON: how many passwords were checked, refused, and errors."""

import json
import os
import sys
import threading

PASSWORD = "a long and proper passphrase"


def main(data_dir: str, attempts: int) -> None:
    os.environ["COUNCILPLAN_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "councilplan.config.settings.base"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from councilplan.accounts.models import SignInAttempt
    from councilplan.accounts.services import sign_in_attempt

    call_command("migrate", verbosity=0)
    User.objects.create_user("percy", password=PASSWORD)
    connection.close()
    start = threading.Barrier(attempts)
    errors: list[str] = []

    def attempt() -> None:
        start.wait()
        try:
            sign_in_attempt(
                request=None, username="percy", password="wrong", ip_address="192.0.2.9"
            )
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcomes = SignInAttempt.objects.values_list("outcome", flat=True)
    print(
        json.dumps(
            {
                "checked": sum(o == SignInAttempt.Outcome.FAILED for o in outcomes),
                "refused": sum(o == SignInAttempt.Outcome.REFUSED for o in outcomes),
                "errors": errors,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30)
