"""The CSV file of figures: column names as councils write them, each bad cell named by file,
row and column, nothing guessed."""

from datetime import date

import pytest

from councilplan.domain.problems import PlanInputError
from councilplan.imports.figures_csv import (
    COLUMN_MISSING_ERROR,
    COLUMN_UNKNOWN_ERROR,
    DATE_INVALID_ERROR,
    STATE_UNKNOWN_ERROR,
    figures_csv_read,
)


def _problems(text: str, encoding: str = "utf-8") -> list[str]:
    with pytest.raises(PlanInputError) as refused:
        figures_csv_read(text.encode(encoding), file="figures.csv")
    return [str(problem) for problem in refused.value.problems]


def test_headings_as_councils_write_them_are_understood():
    rows = figures_csv_read(
        "Indicator Ref,Quarter,Actual,State,Expected on,Notes\n"
        "CS01,2024-Q2,78%,,,\n"
        "CS02,2024-Q2,,Not yet available,2024-11-30,Data from DWP late\n"
        "\n".encode("utf-8-sig"),
        file="figures.csv",
    )
    assert [(r.row, r.measure, r.period, r.text, r.state) for r in rows] == [
        (2, "CS01", "2024-Q2", "78%", "available"),
        (3, "CS02", "2024-Q2", "", "not_yet_available"),
    ]
    assert (rows[1].expected_on, rows[1].note) == (date(2024, 11, 30), "Data from DWP late")


def test_a_column_not_understood_is_refused_naming_it_never_ignored():
    assert _problems("measure,period,value,owner\nCS01,2024-Q2,4,Jo\n") == [
        "figures.csv, row 1, column 4: " + COLUMN_UNKNOWN_ERROR.format(heading="owner")
    ]


def test_a_missing_column_names_the_headings_found():
    assert _problems("measure,value\nCS01,4\n") == [
        "figures.csv, row 1: "
        + COLUMN_MISSING_ERROR.format(column="period", found="“measure”, “value”")
    ]


def test_bad_cells_are_named_by_row_and_column_all_at_once():
    problems = _problems(
        "measure,period,value,state,expected on\n"
        "CS01,2024-Q2,4,maybe,\n"
        "CS02,2024-Q2,5,,31/11/2024\n"
        "CS03,2024-Q2,6,,,extra\n"
    )
    assert problems == [
        "figures.csv, row 2, column 4: " + STATE_UNKNOWN_ERROR.format(text="maybe"),
        "figures.csv, row 3, column 5: " + DATE_INVALID_ERROR.format(text="31/11/2024"),
        "figures.csv, row 4: the row has 6 cells, more than the 5 headings",
    ]


def test_a_windows_export_is_read_with_its_pound_signs():
    rows = figures_csv_read("measure,period,value\nM1,2024-Q1,£3.3m\n".encode("cp1252"), file="f")
    assert rows[0].text == "£3.3m"


def test_an_empty_file_and_a_header_alone_are_refused():
    assert _problems("") == [
        "figures.csv, row 1: the file is empty: its first row must name the columns"
    ]
    assert _problems("measure,period,value\n") == [
        "figures.csv, row 2: the file has a header but no figures"
    ]
