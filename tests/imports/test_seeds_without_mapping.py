"""The four seed documents read without their mapping files: the same items, parents,
dates, statuses and progress as with them (the mapping file names only the plan's id, the
council some documents never print, and a period one of them never states)."""

import shutil

import pytest

from councilplan.imports.convert import ConvertOptions, document_convert
from tests.imports.seeds import CORPORATE, HARBOROUGH, HARROW, RECOVERY, seed_document, seed_path


def _facts(document: dict) -> tuple[list, list]:
    items = [
        (item["id"], item["parent"], item["level"], item["title"], item.get("timescale"))
        for item in document["items"]
    ]
    updates = [
        {key: value for key, value in update.items() if key != "period"}
        for update in document["updates"]
    ]
    return items, updates


@pytest.mark.parametrize("stem", [RECOVERY, CORPORATE, HARBOROUGH, HARROW])
def test_a_seed_without_its_mapping_file_reads_the_same_plan(tmp_path, stem):
    bare = tmp_path / seed_path(stem).name
    shutil.copyfile(seed_path(stem), bare)  # no .toml beside it
    document = document_convert(path=bare, options=ConvertOptions())
    assert _facts(document) == _facts(seed_document(stem))
