import copy
import json

import pytest

from councilplan.domain.problems import PlanInputError
from councilplan.imports.readers.guards import EMPTY_FILE_ERROR
from councilplan.interchange import validation
from councilplan.interchange.load import plan_import_document
from councilplan.interchange.services import plan_import_path
from councilplan.plans.models import Organisation, Plan, PlanItem
from tests.imports import bad_files
from tests.interchange.full_plan import full_plan_document

pytestmark = pytest.mark.django_db


def problems_of(document, file="plan.json"):
    with pytest.raises(PlanInputError) as raised:
        plan_import_document(document=document, file=file)
    return raised.value.problems


def assert_nothing_saved():
    assert Plan.objects.count() == 0
    assert PlanItem.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_malformed_json_names_the_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text(
        '{\n  "organisation": {"name": "Harlow"},\n  "plan": {"title": "x"\n  "items": []\n}'
    )
    with pytest.raises(PlanInputError) as raised:
        plan_import_path(path=path)
    (problem,) = raised.value.problems
    assert problem.location.file == "broken.json"
    assert problem.location.line == 4
    assert "not valid JSON" in problem.message
    assert_nothing_saved()


def test_unknown_parent_is_named_with_its_place():
    document = full_plan_document()
    document["items"][3]["parent"] = "NOPE"
    (problem,) = problems_of(document)
    assert problem.location.path == "items[3].parent"
    assert problem.message == validation.UNKNOWN_PARENT_ERROR.format(parent="NOPE")
    assert_nothing_saved()


def test_duplicate_identifier_is_refused():
    document = full_plan_document()
    document["items"][2]["id"] = "BE6"
    problems = problems_of(document)
    assert any(
        p.location.path == "items[2].id" and "used more than once" in p.message for p in problems
    )
    assert_nothing_saved()


def test_impossible_date_is_refused():
    document = full_plan_document()
    document["items"][1]["timescale"]["due"] = "2024-02-30"
    (problem,) = problems_of(document)
    assert problem.location.path == "items[1].timescale.due"
    assert problem.message == validation.INVALID_DATE_ERROR.format(text="2024-02-30")
    assert_nothing_saved()


def test_a_measure_without_a_name_is_refused_with_its_place():
    # Found by the random-tables property test: it reached the database as a 500.
    document = full_plan_document()
    document["items"][1]["measures"][0]["name"] = ""
    (problem,) = problems_of(document)
    assert problem.location.path == "items[1].measures[0].name"
    assert_nothing_saved()


def test_percentage_over_100_is_refused():
    document = full_plan_document()
    document["updates"][0]["progress"] = 140
    (problem,) = problems_of(document)
    assert problem.location.path == "updates[0].progress"
    assert "140" in problem.message
    assert_nothing_saved()


def test_parent_loop_is_refused():
    document = full_plan_document()
    document["items"][0]["parent"] = "BE6.1"
    problems = problems_of(document)
    assert any("loop" in p.message for p in problems)
    assert_nothing_saved()


def test_unknown_status_is_refused():
    document = full_plan_document()
    document["updates"][1]["status"] = "purple"
    (problem,) = problems_of(document)
    assert problem.location.path == "updates[1].status"
    assert_nothing_saved()


def test_import_of_an_existing_plan_needs_replace_and_changes_nothing():
    plan_import_document(document=full_plan_document())
    before = PlanItem.objects.count()
    with pytest.raises(PlanInputError) as raised:
        plan_import_document(document=full_plan_document())
    assert "--replace" in raised.value.problems[0].message
    assert PlanItem.objects.count() == before


def test_failure_half_way_through_writing_rolls_everything_back(monkeypatch):
    from councilplan.interchange import load

    def explode(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(load._Writer, "risks", explode)
    with pytest.raises(RuntimeError):
        plan_import_document(document=full_plan_document())
    assert_nothing_saved()


def test_dry_run_reports_and_saves_nothing(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(full_plan_document()))
    outcome = plan_import_path(path=path, dry_run=True)
    assert outcome.counts["items"] == 4
    assert_nothing_saved()


def test_every_problem_is_listed_at_once():
    document = copy.deepcopy(full_plan_document())
    document["items"][3]["parent"] = "NOPE"
    document["periods"][0]["starts_on"] = "2024-13-01"
    problems = problems_of(document)
    assert {p.location.path for p in problems} >= {"items[3].parent", "periods[0].starts_on"}


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (bad_files.deep_json(100_000), 1, validation.MAX_JSON_DEPTH + 1),
        (b'{"items":\n' + bad_files.deep_json(validation.MAX_JSON_DEPTH) + b"\n}", 2, 64),
    ],
)
def test_deeply_nested_json_is_refused_naming_where(tmp_path, data, line, column):
    path = tmp_path / "deep.json"
    path.write_bytes(data)
    with pytest.raises(PlanInputError) as raised:
        plan_import_path(path=path)
    (problem,) = raised.value.problems
    assert problem.message == validation.TOO_DEEP_ERROR.format(limit=validation.MAX_JSON_DEPTH)
    assert (problem.location.file, problem.location.line) == ("deep.json", line)
    assert problem.location.column == column
    assert_nothing_saved()


def test_metadata_nested_thousands_deep_is_refused(tmp_path):
    path = tmp_path / "deep-metadata.json"
    path.write_bytes(bad_files.deep_metadata_json(5_000))
    with pytest.raises(PlanInputError) as raised:
        plan_import_path(path=path)
    assert raised.value.problems[0].message.startswith("the JSON is nested more than 64")
    assert_nothing_saved()


def test_json_nested_to_the_limit_is_still_read():
    document = validation.document_parse(
        '{"a": ' + bad_files.deep_json(validation.MAX_JSON_DEPTH - 1).decode() + "}",
        file="ok.json",
    )
    assert isinstance(document["a"], list)


@pytest.mark.parametrize("name", ["empty.json", "empty.csv", "empty.txt", "empty.xlsx"])
@pytest.mark.parametrize("content", [b"", b" \r\n\t\n"])
def test_an_empty_file_is_refused_and_imports_nothing(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PlanInputError) as raised:
        plan_import_path(path=path)
    (problem,) = raised.value.problems
    assert problem.message == EMPTY_FILE_ERROR.format(file=name)
    assert_nothing_saved()


def test_a_workbook_over_the_configured_unpacked_limit_is_refused(tmp_path, settings):
    settings.COUNCILPLAN_MAX_UNCOMPRESSED_BYTES = 2**20
    path = tmp_path / "picture.xlsx"
    path.write_bytes(bad_files.workbook_with_picture(2 * 2**20))
    with pytest.raises(PlanInputError, match="more than the limit of 1 MB"):
        plan_import_path(path=path)
    assert_nothing_saved()
