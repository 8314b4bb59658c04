"""`councilplan figures`, run as a user runs it: a real process on a real SQLite file."""

import json

import pytest

from tests.cli.test_commands import councilplan
from tests.interchange.full_plan import full_plan_document


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(full_plan_document()))
    councilplan(tmp_path, "import", str(path))
    return tmp_path


def _measure(data_dir, ref: str, period: str) -> dict:
    result = councilplan(data_dir, "measures", "every-field", "--period", period, "--json")
    return next(line for line in json.loads(result.stdout) if line["ref"] == ref)


def test_figures_from_a_csv_are_recorded_and_read_by_the_measures_list(data_dir):
    path = data_dir / "q2.csv"
    path.write_text("Indicator ref,Quarter,Actual,Notes\nCS01,2024-Q2,81%,From the survey\n")
    checked = councilplan(data_dir, "figures", "every-field", str(path), "--check")
    assert "1 figure would be saved" in checked.stdout
    assert _measure(data_dir, "CS01", "2024-Q2")["value"] != 81
    result = councilplan(data_dir, "figures", "every-field", str(path))
    assert "1 figure saved" in result.stdout
    line = _measure(data_dir, "CS01", "2024-Q2")
    assert (line["value"], line["value_text"]) == (81, "81%")


def test_a_bad_row_saves_nothing_and_is_named_with_its_row_and_column(data_dir):
    before = _measure(data_dir, "CS01", "2024-Q2")
    path = data_dir / "bad.csv"
    path.write_text("measure,period,value\nCS01,2024-Q2,90%\nCS99,2024-Q2,4\nCS01,2024-Q1,1\n")
    result = councilplan(data_dir, "figures", "every-field", str(path), check=False)
    assert result.returncode == 1
    assert "bad.csv, row 3, column measure: the plan has no measure “CS99”" in result.stderr
    assert "bad.csv, row 4, column period: Q1 2024/25 has been published" in result.stderr
    assert _measure(data_dir, "CS01", "2024-Q2") == before


def test_a_file_with_an_unknown_column_is_refused_before_the_plan_is_touched(data_dir):
    path = data_dir / "odd.csv"
    path.write_text("measure,period,value,owner\nCS01,2024-Q2,90%,Jo\n")
    result = councilplan(data_dir, "figures", "every-field", str(path), check=False)
    assert result.returncode == 1
    assert "odd.csv, row 1, column 4: “owner” is not a column" in result.stderr
