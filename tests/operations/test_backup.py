"""A backup taken while the site is in use: writes go on, and the copy is whole."""

import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from councilplan.operations.backup import (
    BACKUP_EXISTS_ERROR,
    NOT_A_BACKUP_ERROR,
    BackupError,
    database_backup,
    database_restore,
    pg_connection_flags,
)
from tests.cli.test_commands import councilplan
from tests.imports.seeds import CORPORATE, HARBOROUGH, seed_path

WRITING_SECONDS = 1.5


def _busy_database(path: Path) -> None:
    with sqlite3.connect(path) as database:
        database.execute("PRAGMA journal_mode=WAL")
        database.execute("CREATE TABLE saves (id INTEGER PRIMARY KEY, text TEXT)")
        database.executemany("INSERT INTO saves (text) VALUES (?)", [("x" * 500,)] * 5_000)


def _keep_writing(path: Path, stop: threading.Event, failures: list[str]) -> None:
    """What the site does meanwhile: short write transactions, one after another."""
    database = sqlite3.connect(path, timeout=20)
    try:
        while not stop.is_set():
            with database:
                database.execute("INSERT INTO saves (text) VALUES ('a save during the backup')")
    except sqlite3.OperationalError as error:
        failures.append(str(error))
    finally:
        database.close()


def test_a_sqlite_backup_under_writes_is_whole_and_no_write_fails(tmp_path):
    source, target = tmp_path / "live.sqlite3", tmp_path / "copy.sqlite3"
    _busy_database(source)
    stop, failures = threading.Event(), []
    writer = threading.Thread(target=_keep_writing, args=(source, stop, failures))
    writer.start()
    try:
        time.sleep(0.1)
        backup = database_backup(
            database={"ENGINE": "django.db.backends.sqlite3", "NAME": source}, target=target
        )
        time.sleep(WRITING_SECONDS)
    finally:
        stop.set()
        writer.join(timeout=30)
    assert failures == []
    assert backup.size == target.stat().st_size > 0
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM saves").fetchone()[0] >= 5_000


def test_a_backup_never_overwrites_a_file(tmp_path):
    target = tmp_path / "copy.sqlite3"
    target.write_text("an older backup")
    with pytest.raises(BackupError) as refused:
        database_backup(
            database={"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "x"},
            target=target,
        )
    assert str(refused.value) == BACKUP_EXISTS_ERROR.format(file=target)
    assert target.read_text() == "an older backup"


def test_the_backup_command_copies_the_sites_database_with_its_plans(tmp_path):
    councilplan(tmp_path, "import", str(seed_path(CORPORATE)))
    result = councilplan(tmp_path, "backup", str(tmp_path / "backup.sqlite3"))
    assert "Backed up the database" in result.stdout
    with sqlite3.connect(tmp_path / "backup.sqlite3") as copy:
        plans = copy.execute("SELECT slug FROM plans_plan").fetchall()
    assert plans == [("harlow-corporate-plan-2024-25",)]


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs PostgreSQL's pg_dump")
def test_a_postgresql_backup_is_a_dump_pg_restore_can_read(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("runs where the tests run on PostgreSQL")
    from django.conf import settings

    database = {**settings.DATABASES["default"], "NAME": connection.settings_dict["NAME"]}
    backup = database_backup(database=database, target=tmp_path / "site.dump")
    listing = subprocess.run(
        [shutil.which("pg_restore"), "--list", str(backup.file)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "TABLE public plans_plan" in listing.stdout


def test_restore_puts_a_backup_back_and_keeps_the_database_as_it_was(tmp_path):
    councilplan(tmp_path, "import", str(seed_path(CORPORATE)))
    backup = tmp_path / "monday.sqlite3"
    councilplan(tmp_path, "backup", str(backup))
    councilplan(tmp_path, "import", str(seed_path(HARBOROUGH)))  # a plan added after Monday

    refused = councilplan(tmp_path, "restore", str(backup), check=False)
    assert refused.returncode == 2
    assert "--yes" in refused.stderr
    assert _plans(tmp_path / "councilplan.sqlite3") == 2  # nothing done without --yes

    result = councilplan(tmp_path, "restore", str(backup), "--yes")
    assert "Restored the database" in result.stdout
    assert _plans(tmp_path / "councilplan.sqlite3") == 1
    kept = list(tmp_path.glob("councilplan-before-restore-*.sqlite3"))
    assert len(kept) == 1
    assert _plans(kept[0]) == 2  # the restore can be undone
    listed = councilplan(tmp_path, "plans").stdout
    assert "harlow-corporate-plan-2024-25" in listed


def test_restore_refuses_a_file_that_is_not_a_councilplan_backup(tmp_path):
    councilplan(tmp_path, "init")
    not_a_backup = tmp_path / "notes.sqlite3"
    with sqlite3.connect(not_a_backup) as other:
        other.execute("CREATE TABLE notes (text TEXT)")
    result = councilplan(tmp_path, "restore", str(not_a_backup), "--yes", check=False)
    assert result.returncode == 1
    assert NOT_A_BACKUP_ERROR.split(":")[0].format(file=not_a_backup) in result.stderr
    assert not list(tmp_path.glob("councilplan-before-restore-*"))


def _plans(database: Path) -> int:
    with sqlite3.connect(database) as copy:
        return copy.execute("SELECT count(*) FROM plans_plan").fetchone()[0]


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("createdb") is None, reason="needs PostgreSQL's client tools")
def test_a_postgresql_backup_restores_into_an_empty_database(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("runs where the tests run on PostgreSQL")
    from django.conf import settings

    database = {**settings.DATABASES["default"], "NAME": connection.settings_dict["NAME"]}
    backup = database_backup(database=database, target=tmp_path / "site.dump")
    # Into a database of its own: the test's database is held open by the test itself.
    scratch = {**database, "NAME": f"{database['NAME']}_restored"}
    flags = pg_connection_flags(database)
    subprocess.run(["createdb", *flags, scratch["NAME"]], check=True, capture_output=True)
    try:
        restored = database_restore(database=scratch, source=backup.file, keep=None)
        counted = subprocess.run(
            ["psql", *flags, "-tAc", "SELECT count(*) FROM django_migrations", scratch["NAME"]],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
    finally:
        subprocess.run(["dropdb", *flags, scratch["NAME"]], check=False, capture_output=True)
    assert "pg_restore" in restored.method
    assert int(counted.stdout.strip()) > 0
