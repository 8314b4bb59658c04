"""The seed content as Word, Excel, CSV and PDF files imports with the same result as the
text export: same items, parents, titles, owners, dates, statuses, progress, measures,
risks and anomalies (only the places in the file differ)."""

from typing import Any

import pytest

from tests.imports.generate import csv_write, docx_write, pdf_write, xlsx_write
from tests.imports.seeds import (
    CORPORATE,
    HARBOROUGH,
    HARROW,
    RECOVERY,
    converted,
    seed_document,
    seed_path,
)

WRITERS = {".docx": docx_write, ".xlsx": xlsx_write, ".csv": csv_write, ".pdf": pdf_write}


def facts(document: dict[str, Any]) -> dict[str, Any]:
    """Everything but where each value was found."""
    metadata = document["plan"]["metadata"]
    return {
        "organisation": document["organisation"],
        "plan": {k: v for k, v in document["plan"].items() if k != "metadata"},
        "cabinet_report": metadata.get("cabinet_report"),
        "items": [{k: v for k, v in i.items() if k != "source"} for i in document["items"]],
        "updates": document["updates"],
        "risks": document["risks"],
        # Text outside the plan is left out: a Word bullet prints `•` where the export has
        # `·`, and a PDF breaks prose into lines of its own.
        "anomalies": sorted(
            (a["kind"], a.get("item") or "", a.get("text", ""))
            for a in document["anomalies"]
            if a["kind"] != "unplaced"
        ),
    }


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    made = {}

    def make(stem: str, suffix: str):
        if (stem, suffix) not in made:
            target = folder / f"{stem}{suffix}"
            made[stem, suffix] = WRITERS[suffix](seed_path(stem), target)
        return made[stem, suffix]

    return make


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".csv"])
@pytest.mark.parametrize("stem", [RECOVERY, CORPORATE, HARBOROUGH, HARROW])
def test_office_files_import_as_the_text_export_does(generated, stem, suffix):
    document = converted(generated(stem, suffix), stem)
    assert facts(document) == facts(seed_document(stem))


@pytest.mark.slow
@pytest.mark.parametrize("stem", [RECOVERY, CORPORATE, HARBOROUGH, HARROW])
def test_a_printed_pdf_imports_as_the_text_export_does(generated, stem):
    document = converted(generated(stem, ".pdf"), stem)
    assert facts(document) == facts(seed_document(stem))


def test_every_cell_of_a_word_table_keeps_its_place(generated):
    document = converted(generated(HARBOROUGH, ".docx"), HARBOROUGH)
    item = next(i for i in document["items"] if i["id"] == "KA.01.01")
    places = {cell["header"]: cell["location"] for cell in item["source"]["cells"]}
    assert places["Status"].startswith(f"{HARBOROUGH}.docx, row ")
    assert "column 2" in places["Status"]
    assert "table " in places["Status"]
