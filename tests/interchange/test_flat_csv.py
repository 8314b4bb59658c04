import csv
import io

import pytest

from councilplan.domain.problems import PlanInputError
from councilplan.interchange.export import plan_export
from councilplan.interchange.flat_csv import flat_csv_read, flat_csv_write
from councilplan.interchange.load import plan_import_document
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
