"""`councilplan mapping suggest`: a mapping file that reads the document back the same way."""

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.cli.test_commands import councilplan

SEEDS = Path(__file__).resolve().parents[2] / "src/councilplan/sample_data/seeds"
UNKNOWN_HEADERS_CSV = (
    "Job,What we will do,Person,When,Done,RAG\n"
    "A1,Open the new library in the town centre,Jane Smith,March 2026,40%,Green\n"
    "A2,Resurface the high street car park,Tom Brown,June 2026,10%,Amber\n"
    "A3,Plant two hundred trees along the river path,Jane Smith,September 2026,75%,Green\n"
)


def _items(document: dict) -> list[tuple]:
    return [
        (
            item["id"],
            item.get("parent"),
            item.get("level"),
            item["title"],
            json.dumps(item.get("timescale"), sort_keys=True),
            json.dumps(item.get("roles"), sort_keys=True),
            json.dumps(item.get("measures"), sort_keys=True),
        )
        for item in document["items"]
    ]


def _suggest_then_read_back(tmp_path: Path, document: Path) -> tuple[dict, dict, dict]:
    suggested = councilplan(tmp_path, "mapping", "suggest", str(document)).stdout
    mapping = tmp_path / "suggested.toml"
    mapping.write_text(suggested, encoding="utf-8")
    before = json.loads(councilplan(tmp_path, "convert", str(document)).stdout)
    after = json.loads(
        councilplan(tmp_path, "convert", str(document), "--mapping", str(mapping)).stdout
    )
    return tomllib.loads(suggested), before, after


def test_suggested_mapping_names_every_column_with_the_guesses_explained(tmp_path):
    document = tmp_path / "plan.csv"
    document.write_text(UNKNOWN_HEADERS_CSV, encoding="utf-8")
    text = councilplan(tmp_path, "mapping", "suggest", str(document)).stdout
    mapping = tomllib.loads(text)
    assert set(mapping["columns"]) == {"Job", "What we will do", "Person", "When", "Done", "RAG"}
    assert mapping["columns"]["Person"] == "lead_officer"
    assert "# guessed: column 'Person' read as the lead officer" in text
    assert mapping["columns"]["Job"] == "ref"
    assert mapping["plan"]["levels"] == ["Action"]
    assert "organisation" not in mapping["plan"]  # the document does not name its council
    assert '# organisation = ""' in text


@pytest.mark.parametrize("seed", ["002_18d0fb1317272cfa.txt", "003_7be4ab006a088c03.txt"])
def test_suggest_write_and_import_with_it_gives_the_same_items(tmp_path, seed):
    document = tmp_path / seed
    shutil.copy(SEEDS / seed, document)  # without its own mapping file beside it
    mapping, before, after = _suggest_then_read_back(tmp_path, document)
    assert mapping["plan"]["title"] == before["plan"]["title"]
    assert _items(after) == _items(before)
    assert after["updates"] == before["updates"]
    report = councilplan(
        tmp_path, "import", str(document), "--mapping", str(tmp_path / "suggested.toml"), "--json"
    ).stdout
    assert (
        json.loads(report)["items_by_level"]
        == json.loads(councilplan(tmp_path / "b", "import", str(document), "--json").stdout)[
            "items_by_level"
        ]
    )


def test_a_role_changed_in_the_suggested_file_changes_the_reading(tmp_path):
    document = tmp_path / "plan.csv"
    document.write_text(UNKNOWN_HEADERS_CSV, encoding="utf-8")
    suggested = councilplan(tmp_path, "mapping", "suggest", str(document)).stdout
    mapping = tmp_path / "plan.toml"
    before = json.loads(councilplan(tmp_path, "convert", str(document)).stdout)
    assert before["items"][0]["roles"] == {"lead_officer": ["Jane Smith"]}
    changed = suggested.replace('"Person" = "lead_officer"', '"Person" = "service_area"')
    mapping.write_text(changed, encoding="utf-8")
    after = json.loads(councilplan(tmp_path, "convert", str(document)).stdout)
    assert after["items"][0]["roles"] == {"service_area": ["Jane Smith"]}
