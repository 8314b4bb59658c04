"""Bad files on the command line: a named refusal and exit status 1, never a traceback."""

import json

import pytest

from tests.cli.test_commands import councilplan
from tests.imports import bad_files

BAD_FILES = {
    "deep.json": bad_files.deep_json(100_000),
    "deep-metadata.json": bad_files.deep_metadata_json(5_000),
    "blank.txt": b" \r\n\t\n",
    "laughs.xlsx": bad_files.workbook_with_entities(),
    "xxe.docx": bad_files.word_with_entities(bad_files.EXTERNAL_ENTITY),
    "bomb.xlsx": bad_files.workbook_bomb(101 * 2**20),
}


@pytest.mark.slow
def test_bad_files_are_refused_by_name_without_a_traceback(tmp_path):
    for name, data in BAD_FILES.items():
        path = tmp_path / name
        path.write_bytes(data)
        verb = "import" if name.endswith(".json") else "convert"
        result = councilplan(tmp_path, verb, str(path), check=False)
        assert result.returncode == 1, (name, result.stderr)
        assert "Traceback" not in result.stderr, name
        assert f"  - {name}" in result.stderr, (name, result.stderr)
    assert json.loads(councilplan(tmp_path, "plans", "--json").stdout) == []
