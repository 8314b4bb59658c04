"""A backup taken while the site is in use: writes go on, and the copy is whole."""

import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from councilplan.operations.backup import BACKUP_EXISTS_ERROR, BackupError, database_backup
from tests.cli.test_commands import councilplan
from tests.imports.seeds import CORPORATE, seed_path

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
