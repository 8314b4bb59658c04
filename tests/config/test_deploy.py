import json
import os
import secrets
import subprocess
import sys
from pathlib import Path


def production_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """This process's environment as a live site's: production settings, a secret key, a
    host name and a data directory of its own; SQLite, whatever the suite runs on."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "councilplan.config.settings.production",
        "COUNCILPLAN_SECRET_KEY": secrets.token_urlsafe(64),
        "COUNCILPLAN_ALLOWED_HOSTS": "plans.example.gov.uk",
        "COUNCILPLAN_SITE_URL": "https://plans.example.gov.uk",
        "COUNCILPLAN_DATA_DIR": str(data_dir),
        **extra,
    }
    environment.pop("DATABASE_URL", None)
    # The test suite sets this for the live-server browser tests; production never does.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return environment


def test_the_production_settings_pass_djangos_deployment_checks(tmp_path):
    environment = production_environment(tmp_path)
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


def test_the_production_settings_refuse_to_start_without_the_sites_address(tmp_path):
    # E-mail links were built from the development default (port 8000) whatever the site.
    environment = production_environment(tmp_path)
    environment.pop("COUNCILPLAN_SITE_URL")
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "COUNCILPLAN_SITE_URL" in result.stderr


def test_collectstatic_with_the_production_settings_collects_every_asset(tmp_path):
    # The compiled CSS may name only files the asset build copies (no GOV.UK crest):
    # the production storage refuses a stylesheet that points at a missing file.
    static_root = tmp_path / "static"
    environment = production_environment(tmp_path, COUNCILPLAN_STATIC_ROOT=str(static_root))
    result = subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    for name in (
        "councilplan/application.css",
        "councilplan/govuk-frontend.min.js",
        "councilplan/init.js",
        "admin/css/base.css",
    ):
        assert name in manifest["paths"], name
