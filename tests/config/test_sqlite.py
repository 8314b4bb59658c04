"""The site's SQLite database keeps working while an import writes."""

import json
import os
import subprocess
import sys

import pytest

from tests.config.sqlite_in_use import HOLD_SECONDS


@pytest.mark.slow
def test_sqlite_reads_and_saves_go_through_while_a_long_write_runs(tmp_path):
    # The test database lives in memory: this runs on a real file with the site's settings.
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.config.sqlite_in_use", str(tmp_path)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=True,
    )
    outcome = json.loads(result.stdout)
    assert outcome["journal_mode"] == "wal"
    assert outcome["busy_timeout_ms"] == 20_000
    assert outcome["errors"] == []
    assert outcome["saved"] == 5
    # Under write-ahead logging a page reads at once, without waiting for the writer.
    assert outcome["read_seconds"] < HOLD_SECONDS / 3
    assert outcome["read"] >= 1
