"""The command line starts without what it does not need: `--help` imports neither Django
nor any document library, and `convert` of a text document sets no Django up and reads no
JSON Schema (their imports were most of a second of every command's start)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEED = (
    Path(__file__).resolve().parents[2]
    / "src/councilplan/sample_data/seeds/002_18d0fb1317272cfa.txt"
)
HEAVY = ("django", "jsonschema", "openpyxl", "pdfplumber", "docx", "weasyprint", "altair")

# Runs the command in a fresh interpreter and prints the top-level modules it imported.
PROBE = """
import json, sys
from councilplan.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def _modules_imported(*args: str, tmp_path: Path) -> set[str]:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    environment["COUNCILPLAN_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=True,
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_help_imports_nothing_heavy(tmp_path):
    assert not set(HEAVY) & _modules_imported("--help", tmp_path=tmp_path)


def test_converting_a_text_document_sets_no_django_up(tmp_path):
    out = tmp_path / "plan.json"
    imported = _modules_imported("convert", str(SEED), "--out", str(out), tmp_path=tmp_path)
    assert json.loads(out.read_text())["plan"]["title"]
    assert not set(HEAVY) & imported


@pytest.mark.parametrize("verb", ["import", "report", "export", "serve", "worker"])
def test_each_verbs_help_imports_nothing_heavy(tmp_path, verb):
    assert not set(HEAVY) & _modules_imported(verb, "--help", tmp_path=tmp_path)
