"""A backup of the database taken while the site is in use.

SQLite: the online backup API copies the database page by page from a connection of its
own, waiting (up to the busy timeout) whenever a writer holds the lock, so saves and imports
go on while it runs; the copy is checked with `PRAGMA integrity_check`. PostgreSQL:
`pg_dump` in its custom format (restore with `pg_restore`), which reads one consistent
snapshot while writes go on.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BACKUP_EXISTS_ERROR = "{file} exists already: give a new file name (a backup never overwrites)"
NO_PG_DUMP_ERROR = (
    "pg_dump was not found: install PostgreSQL's client tools (apt-get install postgresql-client)"
)
PG_DUMP_FAILED_ERROR = "pg_dump failed: {detail}"
DAMAGED_COPY_ERROR = "the copy of the database failed its integrity check: {detail}"
UNKNOWN_ENGINE_ERROR = "councilplan cannot back up a {engine} database"
PAGES_PER_STEP = 256  # copied between chances for writers to go on


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Backup:
    file: Path
    size: int
    method: str


def database_backup(*, database: dict[str, Any], target: Path) -> Backup:
    """Copy the database described by a Django DATABASES entry into `target`."""
    if target.exists():
        raise BackupError(BACKUP_EXISTS_ERROR.format(file=target))
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        timeout = float(database.get("OPTIONS", {}).get("timeout", 20))
        return _sqlite_backup(Path(database["NAME"]), target, timeout=timeout)
    if engine == "postgresql":
        return _postgresql_backup(database, target)
    raise BackupError(UNKNOWN_ENGINE_ERROR.format(engine=engine))


def _sqlite_backup(source: Path, target: Path, *, timeout: float) -> Backup:
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    origin = sqlite3.connect(source, timeout=timeout)
    copy = sqlite3.connect(partial)
    try:
        origin.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        origin.backup(copy, pages=PAGES_PER_STEP, sleep=0.005)
        result = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError(DAMAGED_COPY_ERROR.format(detail=result))
    finally:
        copy.close()
        origin.close()
    partial.replace(target)  # a backup file is whole, or not there
    return Backup(target, target.stat().st_size, "SQLite online backup")


def pg_connection_flags(database: dict[str, Any]) -> list[str]:
    """The host, port and user of a Django DATABASES entry as PostgreSQL's tools take them."""
    flags = (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER"))
    return [f"{flag}={database[key]}" for flag, key in flags if database.get(key)]


def _postgresql_backup(database: dict[str, Any], target: Path) -> Backup:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError(NO_PG_DUMP_ERROR)
    environment = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    command = [pg_dump, "--format=custom", f"--file={target}", "--no-password"]
    command += pg_connection_flags(database)
    command.append(str(database["NAME"]))
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        target.unlink(missing_ok=True)
        raise BackupError(PG_DUMP_FAILED_ERROR.format(detail=finished.stderr.strip()[:500]))
    return Backup(target, target.stat().st_size, "pg_dump (custom format)")


# --- restore --------------------------------------------------------------------------------

NOT_A_BACKUP_ERROR = "{file} is not a councilplan backup: {detail}"
NO_PG_RESTORE_ERROR = (
    "pg_restore was not found: install PostgreSQL's client tools "
    "(apt-get install postgresql-client)"
)
PG_RESTORE_FAILED_ERROR = "pg_restore failed: {detail}"


@dataclass(frozen=True)
class Restore:
    file: Path
    kept_as: Path | None  # the database as it was before, for SQLite
    method: str


def database_restore(*, database: dict[str, Any], source: Path, keep: Path | None) -> Restore:
    """Replace the database's contents with the backup in `source`. For SQLite, the database
    as it was is first copied to `keep` (never overwritten), so a restore can be undone."""
    if not source.is_file():
        raise BackupError(NOT_A_BACKUP_ERROR.format(file=source, detail="there is no such file"))
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        timeout = float(database.get("OPTIONS", {}).get("timeout", 20))
        return _sqlite_restore(Path(database["NAME"]), source, keep=keep, timeout=timeout)
    if engine == "postgresql":
        return _postgresql_restore(database, source)
    raise BackupError(UNKNOWN_ENGINE_ERROR.format(engine=engine))


def _sqlite_backup_check(source: Path) -> None:
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup:
            result = backup.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in backup.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise BackupError(NOT_A_BACKUP_ERROR.format(file=source, detail=error)) from error
    if result != "ok":
        raise BackupError(NOT_A_BACKUP_ERROR.format(file=source, detail=result))
    if not {"django_migrations", "plans_plan"} <= tables:
        detail = "it is an SQLite database without councilplan's tables"
        raise BackupError(NOT_A_BACKUP_ERROR.format(file=source, detail=detail))


def _sqlite_restore(live: Path, source: Path, *, keep: Path | None, timeout: float) -> Restore:
    _sqlite_backup_check(source)
    if keep is not None and live.exists():
        _sqlite_backup(live, keep, timeout=timeout)
    # The backup API in reverse: the live database is overwritten page by page under its own
    # lock, so a connection open meanwhile waits and then sees the restored database whole.
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    target = sqlite3.connect(live, timeout=timeout)
    try:
        target.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        backup.backup(target)
    finally:
        target.close()
        backup.close()
    return Restore(source, keep, "SQLite online backup, in reverse")


def _postgresql_restore(database: dict[str, Any], source: Path) -> Restore:
    pg_restore = shutil.which("pg_restore")
    if pg_restore is None:
        raise BackupError(NO_PG_RESTORE_ERROR)
    environment = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    command = [pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction",
               "--no-password", f"--dbname={database['NAME']}"]  # fmt: skip
    command += pg_connection_flags(database)
    command.append(str(source))
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise BackupError(PG_RESTORE_FAILED_ERROR.format(detail=finished.stderr.strip()[:500]))
    return Restore(source, None, "pg_restore (one transaction: all or nothing)")
