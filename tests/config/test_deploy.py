import os
import secrets
import subprocess
import sys


def test_the_production_settings_pass_djangos_deployment_checks(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "councilplan.config.settings.production",
        "COUNCILPLAN_SECRET_KEY": secrets.token_urlsafe(64),
        "COUNCILPLAN_ALLOWED_HOSTS": "plans.example.gov.uk",
        "COUNCILPLAN_DATA_DIR": str(tmp_path),
    }
    environment.pop("DATABASE_URL", None)
    # The test suite sets this for the live-server browser tests; production never does.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "councilplan.config.settings.production",
        "COUNCILPLAN_ALLOWED_HOSTS": "plans.example.gov.uk",
        "COUNCILPLAN_DATA_DIR": str(tmp_path),
    }
    environment.pop("COUNCILPLAN_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "COUNCILPLAN_SECRET_KEY" in result.stderr
