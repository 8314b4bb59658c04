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


@pytest.fixture(autouse=True)
def _no_page_kept_from_another_test():
    """A rolled-back test's plan id comes back in the next test (and frozen clocks give the
    same creation time): positions kept for it must not be served there."""
    from councilplan.web.selectors import page_cache_clear

    page_cache_clear()
