"""The command line, run as a user runs it: a real process on a real SQLite file."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.interchange.full_plan import full_plan_document


def councilplan(data_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    result = subprocess.run(
        [sys.executable, "-m", "councilplan.cli.main", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(full_plan_document()))
    return path


def test_every_verb_has_help(tmp_path):
    for verb in ("init", "import", "convert", "export", "plans", "serve", "demo"):
        result = councilplan(tmp_path, verb, "--help")
        assert "usage: councilplan" in result.stdout


def test_init_creates_the_data_directory_and_database(tmp_path):
    data_dir = tmp_path / "new" / "place"
    result = councilplan(data_dir, "init")
    assert (data_dir / "councilplan.sqlite3").exists()
    assert "ready" in result.stdout


def test_import_then_plans_lists_it_as_json(tmp_path, plan_file):
    councilplan(tmp_path, "import", str(plan_file))
    listed = json.loads(councilplan(tmp_path, "plans", "--json").stdout)
    assert listed == [
        {
            "id": "every-field",
            "title": "A plan that uses every field",
            "organisation": "Harlow Council",
            "kind": "recovery",
            "items": 4,
        }
    ]


def test_export_import_export_through_the_command_line(tmp_path, plan_file):
    councilplan(tmp_path / "a", "import", str(plan_file))
    first = tmp_path / "first.json"
    councilplan(tmp_path / "a", "export", "every-field", "--out", str(first))
    councilplan(tmp_path / "b", "import", str(first))
    second = councilplan(tmp_path / "b", "export", "every-field").stdout
    assert json.loads(second) == json.loads(first.read_text())


def test_bad_import_exits_non_zero_naming_the_place_and_changes_nothing(tmp_path):
    document = full_plan_document()
    document["items"][1]["parent"] = "MISSING"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    result = councilplan(tmp_path, "import", str(bad), check=False)
    assert result.returncode == 1
    assert "bad.json, items[1].parent" in result.stderr
    assert json.loads(councilplan(tmp_path, "plans", "--json").stdout) == []


def test_export_of_an_unknown_plan_says_how_to_find_plans(tmp_path):
    result = councilplan(tmp_path, "export", "nothing-here", check=False)
    assert result.returncode == 1
    assert "councilplan plans" in result.stderr


def test_demo_loads_the_samples_without_serving(tmp_path):
    result = councilplan(tmp_path, "demo", "--no-serve")
    assert "loaded" in result.stdout
    listed = json.loads(councilplan(tmp_path / "demo", "plans", "--json").stdout)
    assert len(listed) >= 1


def test_convert_writes_a_seed_as_open_plan_format_without_a_database(tmp_path):
    seed = Path(__file__).resolve().parents[2] / "src/councilplan/sample_data/seeds"
    result = councilplan(
        tmp_path, "convert", str(seed / "003_7be4ab006a088c03.txt"), "--to", "json"
    )
    document = json.loads(result.stdout)
    assert document["plan"]["id"] == "harborough-corporate-plan-2020-21"
    assert len(document["items"]) == 46
    assert not (tmp_path / "councilplan.sqlite3").exists()


def test_import_of_a_document_reports_items_by_level_and_a_dry_run_saves_nothing(tmp_path):
    seed = Path(__file__).resolve().parents[2] / "src/councilplan/sample_data/seeds"
    path = str(seed / "000_25f3bf7315d2d5ec.txt")
    report = json.loads(councilplan(tmp_path, "import", path, "--dry-run", "--json").stdout)
    assert report["imported"] is False
    assert report["items_by_level"] == {"Workstream": 4, "Action": 35, "Programme": 41}
    assert any(a["kind"] == "duplicate_ref" for a in report["anomalies"])
    assert json.loads(councilplan(tmp_path, "plans", "--json").stdout) == []
    text = councilplan(tmp_path, "import", path, "--plan-id", "recovery-copy").stdout
    assert "Imported: Harlow Council Covid-19 recovery plan 2020 [recovery-copy]" in text
    assert "    Programme: 41" in text
    assert "! duplicate_ref" in text


def test_convert_of_an_unreadable_document_names_the_file(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = councilplan(tmp_path, "convert", str(broken), check=False)
    assert result.returncode == 1
    assert "broken.docx: this is not a Word document" in result.stderr


def test_remind_with_no_open_period_says_nobody_needs_one(tmp_path):
    councilplan(tmp_path, "init")
    result = councilplan(tmp_path, "remind")
    assert "No period is open for updates" in result.stdout


def test_user_gives_a_person_a_role_from_the_command_line(tmp_path, plan_file):
    councilplan(tmp_path, "import", str(plan_file))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "councilplan.cli.main",
            "--data-dir",
            str(tmp_path),
            "user",
            "jane",
            "--organisation",
            "Harlow Council",
            "--role",
            "owner",
            "--person",
            "Jane Greer",
            "--password-stdin",
        ],
        input="a long enough passphrase\n",
        capture_output=True,
        text=True,
        env={
            k: v
            for k, v in os.environ.items()
            if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
        },
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "jane is now owner at Harlow Council, linked to Jane Greer." in result.stdout
