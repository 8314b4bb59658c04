import os

import pytest

# Live-server browser tests run Django's ORM from Playwright's event loop thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _database_is_what_ci_asked_for(django_db_setup, django_db_blocker):
    """With DATABASE_URL set, CI must really be on PostgreSQL, never silently on SQLite."""
    from django.db import connection

    expected = os.environ.get("COUNCILPLAN_EXPECT_DATABASE")
    if expected:
        with django_db_blocker.unblock():
            assert connection.vendor == expected, (
                f"tests run on {connection.vendor}, not {expected}"
            )
