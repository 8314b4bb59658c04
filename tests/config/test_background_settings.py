"""The background worker's thresholds come from the environment, as docs/operations.md
says: read in a fresh interpreter, the way a deployment starts."""

import os
import subprocess
import sys


def _setting(name: str, environment: dict[str, str]) -> str:
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "councilplan.config.settings.base",
        **environment,
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_the_thresholds_default_and_follow_the_environment(tmp_path):
    base = {"COUNCILPLAN_DATA_DIR": str(tmp_path)}
    assert _setting("COUNCILPLAN_BACKGROUND_IMPORT_BYTES", base) == str(2**20)
    assert _setting("COUNCILPLAN_BACKGROUND_REPORT_ITEMS", base) == "500"
    chosen = {**base, "COUNCILPLAN_BACKGROUND_IMPORT_BYTES": "5000000",
              "COUNCILPLAN_BACKGROUND_REPORT_ITEMS": "2000"}  # fmt: skip
    assert _setting("COUNCILPLAN_BACKGROUND_IMPORT_BYTES", chosen) == "5000000"
    assert _setting("COUNCILPLAN_BACKGROUND_REPORT_ITEMS", chosen) == "2000"
