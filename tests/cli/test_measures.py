"""`councilplan measures`, run as a user runs it: a real process on a real SQLite file."""

import json

import pytest

from councilplan.plans.selectors import PLAN_NOT_FOUND_ERROR
from tests.cli.test_commands import councilplan
from tests.interchange.full_plan import full_plan_document

FIELDS = {
    "id", "ref", "name", "item", "item_ref", "unit", "polarity", "value", "value_text", "state",
    "target", "target_text", "status", "reported_status", "reported_trend", "direction",
    "direction_long", "findings",
}  # fmt: skip


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("measures")
    path = directory / "plan.json"
    path.write_text(json.dumps(full_plan_document()))
    councilplan(directory, "import", str(path))
    return directory


def test_measures_json_lists_every_measure_with_status_target_and_direction(data_dir):
    result = councilplan(data_dir, "measures", "every-field", "--period", "2024-Q2", "--json")
    lines = json.loads(result.stdout)
    assert [line["id"] for line in lines] == ["BE6-M1", "BE6-2-M1"]
    line = lines[0]
    assert set(line) == FIELDS
    assert (line["id"], line["ref"], line["item"]) == ("BE6-M1", "CS01", "BE6")
    assert (line["value"], line["target"], line["status"]) == (78, 77, "green")
    assert (line["direction"], line["direction_long"]) == ("better", "none")


def test_measures_in_words_default_to_the_current_period(data_dir):
    result = councilplan(data_dir, "measures", "every-field")
    assert "measures at Q2 2024/25" in result.stdout
    assert "CS01  % of residents satisfied: 78% against equal to or > 77%, green" in result.stdout
    assert "▲ better" in result.stdout


def test_measures_of_an_unknown_plan_is_a_clear_error(data_dir):
    result = councilplan(data_dir, "measures", "no-such-plan", check=False)
    assert result.returncode == 1
    assert PLAN_NOT_FOUND_ERROR.format(identifier="no-such-plan")[:30] in result.stderr
