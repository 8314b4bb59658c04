"""Django's SQLite backend, with a write that finds the database locked tried once more.

A write transaction takes SQLite's write lock when it begins (`BEGIN IMMEDIATE`), waiting up
to the busy timeout for another writer — a long import, say — to finish. If the timeout runs
out, nothing of the new transaction has happened yet, so beginning it again is safe: the
save waits a second time instead of failing with "database is locked".
"""

import logging

from django.db import OperationalError
from django.db.backends.sqlite3 import base

LOCKED = "database is locked"
logger = logging.getLogger(__name__)


class DatabaseWrapper(base.DatabaseWrapper):
    def _start_transaction_under_autocommit(self) -> None:
        try:
            super()._start_transaction_under_autocommit()
        except OperationalError as error:
            if LOCKED not in str(error):
                raise
            logger.warning("The database was locked when a write began; trying once more.")
            super()._start_transaction_under_autocommit()
