"""A write that finds SQLite locked by another writer (a long import) tries once more instead of
failing with "database is locked". The other writer lets go exactly when the first try has
failed (it listens for the backend's warning), so the test does not depend on timing."""

import logging
import sqlite3
import threading

import pytest
from django.db import OperationalError
from django.db.backends.sqlite3.base import DatabaseWrapper as DjangoSqlite

from councilplan.config.db.sqlite3.base import DatabaseWrapper as CouncilplanSqlite
from councilplan.config.db.sqlite3.base import logger as backend_logger

BUSY_TIMEOUT_SECONDS = 0.2


def _settings(path) -> dict:  # noqa: ANN001
    return {
        "ENGINE": "councilplan.config.db.sqlite3", "NAME": str(path), "USER": "", "PASSWORD": "",
        "HOST": "", "PORT": "", "TIME_ZONE": None, "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False, "AUTOCOMMIT": True, "ATOMIC_REQUESTS": False, "TEST": {},
        "OPTIONS": {"timeout": BUSY_TIMEOUT_SECONDS, "transaction_mode": "IMMEDIATE"},
    }  # fmt: skip


class _LetGoOnRetry(logging.Handler):
    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self.release = release

    def emit(self, record: logging.LogRecord) -> None:
        self.release.set()


def _hold_the_write_lock(path, holding: threading.Event, release: threading.Event) -> None:  # noqa: ANN001
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO saves (text) VALUES ('the import')")
    holding.set()
    release.wait(timeout=30)
    other.execute("COMMIT")
    other.close()


@pytest.fixture
def database(tmp_path, django_db_blocker):
    # A database of the test's own, outside the test database pytest-django guards.
    django_db_blocker.unblock()
    path = tmp_path / "site.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE saves (id INTEGER PRIMARY KEY, text TEXT)")
    yield path
    django_db_blocker.restore()


def _save_while_locked(wrapper_class, path, release: threading.Event) -> None:  # noqa: ANN001
    holding = threading.Event()
    holder = threading.Thread(target=_hold_the_write_lock, args=(path, holding, release))
    holder.start()
    holding.wait(timeout=30)
    wrapper = wrapper_class(_settings(path), alias="locked")
    wrapper.ensure_connection()
    try:
        wrapper._start_transaction_under_autocommit()
        wrapper.cursor().execute("INSERT INTO saves (text) VALUES ('an owner''s save')")
        wrapper.cursor().execute("COMMIT")
    finally:
        release.set()
        holder.join(timeout=30)
        wrapper.close()


def test_a_write_that_finds_the_database_locked_tries_once_more(database):
    release = threading.Event()
    handler = _LetGoOnRetry(release)
    backend_logger.addHandler(handler)
    try:
        _save_while_locked(CouncilplanSqlite, database, release)
    finally:
        backend_logger.removeHandler(handler)
    with sqlite3.connect(database) as check:
        saved = [row[0] for row in check.execute("SELECT text FROM saves ORDER BY id")]
    assert saved == ["the import", "an owner's save"]


def test_djangos_own_backend_fails_where_the_retry_succeeds(database):
    with pytest.raises(OperationalError, match="database is locked"):
        _save_while_locked(DjangoSqlite, database, threading.Event())
