import csv
import io

import pytest

from councilplan.domain.problems import PlanInputError
from councilplan.interchange.export import plan_export
from councilplan.interchange.flat_csv import flat_csv_read, flat_csv_write
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Plan
from tests.interchange.full_plan import full_plan_document

pytestmark = pytest.mark.django_db


def test_flat_csv_has_one_row_per_item_with_role_columns():
    exported = plan_export(plan=plan_import_document(document=full_plan_document()).plan)
    rows = list(csv.DictReader(io.StringIO(flat_csv_write(exported))))
    assert [row["id"] for row in rows] == ["WS1", "BE6", "BE6.1", "BE6-2"]
    assert rows[0]["role:lead_officer"] == "Jane Greer"
    assert rows[1]["progress"] == "55.5"
    assert rows[1]["status"] == "green"


def test_flat_csv_reads_back_into_the_same_items():
    exported = plan_export(plan=plan_import_document(document=full_plan_document()).plan)
    document = flat_csv_read(flat_csv_write(exported), file="plan.csv")
    document["plan"]["id"] = "from-csv"
    reimported = plan_export(plan=plan_import_document(document=document).plan)
    fields = (
        "id",
        "ref",
        "parent",
        "title",
        "roles",
        "timescale",
        "status",
        "progress",
        "commentary",
    )
    assert [{f: i[f] for f in fields} for i in reimported["items"]] == [
        {f: i[f] for f in fields} for i in exported["items"]
    ]


def test_flat_csv_with_bad_percentage_names_row_and_column():
    text = "plan_id,plan_title,organisation,id,title,progress\np,Plan,Org,A,Title,150%\n"
    with pytest.raises(PlanInputError) as raised:
        flat_csv_read(text, file="items.csv")
    (problem,) = raised.value.problems
    assert (problem.location.row, problem.location.column) == (2, "progress")


def test_a_utf16_flat_csv_imports_like_the_utf8_one(tmp_path):
    from councilplan.interchange.services import plan_import_path

    exported = plan_export(plan=plan_import_document(document=full_plan_document()).plan)
    exported["plan"]["id"] = "from-utf16"
    path = tmp_path / "plan.csv"
    path.write_bytes(flat_csv_write(exported).encode("utf-16"))
    outcome = plan_import_path(path=path)
    assert outcome.plan_id == "from-utf16"
    assert outcome.counts["items"] == 4


FORMULA_TEXTS = [
    '=HYPERLINK("https://example.com","Click")',
    "=cmd|' /C calc'!A0",
    "+44 1279 446655",
    "-5% on last year",
    "@risk",
    "\tindented",
    "\rreturn",
    "'=already quoted",
    "'plain quote",
]


def test_flat_csv_neutralises_formulas_and_reads_them_back_exactly(tmp_path):
    from councilplan.interchange.services import plan_import_path

    document = full_plan_document()
    for item, text in zip(document["items"], FORMULA_TEXTS, strict=False):
        item["title"] = text
    document["items"][0]["description"] = FORMULA_TEXTS[4]
    document["items"][1]["outcome"] = FORMULA_TEXTS[5]
    document["items"][2]["resources"] = FORMULA_TEXTS[6]
    document["items"][3]["outcome"] = FORMULA_TEXTS[7]
    document["items"][3]["resources"] = FORMULA_TEXTS[8]
    exported = plan_export(plan=plan_import_document(document=document).plan)
    path = tmp_path / "plan.csv"
    path.write_text(flat_csv_write(exported), encoding="utf-8", newline="")

    with path.open(newline="", encoding="utf-8") as written:
        cells = [cell for row in csv.reader(written) for cell in row]
    for text in FORMULA_TEXTS[:8]:
        assert text not in cells
        assert f"'{text}" in cells
    assert "'plain quote" in cells
    assert "''plain quote" not in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)

    exported["plan"]["id"] = "round-trip"
    path.write_text(flat_csv_write(exported), encoding="utf-8", newline="")
    plan_import_path(path=path)
    again = plan_export(plan=Plan.objects.get(slug="round-trip"))
    fields = ("title", "description", "outcome", "resources")
    assert [{f: i[f] for f in fields} for i in again["items"]] == [
        {f: i[f] for f in fields} for i in exported["items"]
    ]
