"""The documents a new council brings, that the vocabulary was not written from: each case
the import issue reported (0 items, flat references, dates and fractions lost in Excel, the
wrong year, a silent loss) imported as the council meant it."""

import datetime
from pathlib import Path

import docx
import openpyxl
import pytest

from councilplan.cli.commands.load import PARTIAL_READ_EXIT
from councilplan.cli.main import main
from councilplan.domain.problems import PlanInputError
from councilplan.imports.convert import NO_PLAN_TABLE_ERROR, ConvertOptions, document_convert

HEADER = ["Reference", "Action", "Lead officer", "Due date", "Status", "Progress"]
ROWS = [
    [
        "1",
        "Improve housing standards across the borough",
        "Jane Smith",
        "31/03/2026",
        "Green",
        "40%",
    ],
    ["1.1", "Inspect private rented homes", "Tom Jones", "31/12/2025", "Amber", "25%"],
    ["1.2", "Licence houses in multiple occupation", "Tom Jones", "30/09/2025", "Green", "60%"],
    ["2", "Grow the local economy", "Ann Lee", "31/03/2026", "Red", "10%"],
    ["2.1", "Open the business hub in the town centre", "Ann Lee", "Ongoing", "Green", "50%"],
]
TITLE = "Harlow Council Quarter 1 2025/26 monitoring report"


def _word(path: Path, header: list[str], rows: list[list[str]], title: str = TITLE) -> Path:
    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=0, cols=len(header))
    for row in [header, *rows]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.save(path)
    return path


def _convert(path: Path) -> dict:
    return document_convert(path=path, options=ConvertOptions())


def _parents(document: dict) -> dict[str, str | None]:
    return {item["title"]: item["parent"] for item in document["items"]}


def test_a_six_column_word_table_with_numbered_references_imports_every_row_nested(tmp_path):
    document = _convert(_word(tmp_path / "plan.docx", HEADER, ROWS))
    assert [item["ref"] for item in document["items"]] == ["1", "1.1", "1.2", "2", "2.1"]
    assert [item["parent"] for item in document["items"]] == [None, "1", "1", None, "2"]
    assert document["items"][1]["timescale"]["due"] == "2025-12-31"
    assert document["items"][0]["roles"] == {"lead_officer": ["Jane Smith"]}
    progress = {update["item"]: update.get("progress") for update in document["updates"]}
    assert progress == {"1": 40, "1.1": 25, "1.2": 60, "2": 10, "2.1": 50}


def test_the_same_table_without_a_reference_column_imports_every_row(tmp_path):
    header, rows = HEADER[1:], [row[1:] for row in ROWS]
    document = _convert(_word(tmp_path / "plan.docx", header, rows))
    assert [item["title"] for item in document["items"]] == [row[0] for row in rows]
    assert {update.get("status") for update in document["updates"]} == {"green", "amber", "red"}


def test_the_same_table_in_excel_reads_date_cells_and_fractions(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([TITLE])
    sheet.append(HEADER)
    for row in ROWS:
        day, month, year = (int(part) for part in row[3].split("/")) if "/" in row[3] else (0, 0, 0)
        due = datetime.datetime(year, month, day) if year else row[3]
        sheet.append([row[0], row[1], row[2], due, row[4], int(row[5].rstrip("%")) / 100])
    for cell in sheet["F"][2:4]:
        cell.number_format = "0%"  # two formatted as percentages, the rest bare fractions
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    document = _convert(path)
    assert [item["timescale"].get("due") for item in document["items"]][:4] == [
        "2026-03-31",
        "2025-12-31",
        "2025-09-30",
        "2026-03-31",
    ]
    assert not [a for a in document["anomalies"] if a["kind"] == "date"]
    progress = {update["item"]: update.get("progress") for update in document["updates"]}
    assert progress == {"1": 40, "1.1": 25, "1.2": 60, "2": 10, "2.1": 50}
    assert not any(update.get("commentary") for update in document["updates"])


def test_letter_references_nest_under_their_parents(tmp_path):
    rows = [[f"CA{row[0]}", *row[1:]] for row in ROWS]
    document = _convert(_word(tmp_path / "plan.docx", HEADER, rows))
    assert [item["parent"] for item in document["items"]] == [None, "CA1", "CA1", None, "CA2"]


def test_the_period_council_and_title_come_from_the_documents_words(tmp_path):
    document = _convert(_word(tmp_path / "plan.docx", HEADER, ROWS))
    assert document["plan"]["current_period"] == "2025-Q1"
    assert document["organisation"]["name"] == "Harlow Council"
    assert document["plan"]["title"] == TITLE
    assert {u["period"] for u in document["updates"]} == {"2025-Q1"}
    assert "period_found" in {a["kind"] for a in document["anomalies"]}


def test_a_column_of_unknown_words_is_read_from_its_cells_and_the_guess_reported(tmp_path):
    header = ["Ref", "What", "Person", "Target", "RAG", "Done"]
    document = _convert(_word(tmp_path / "plan.docx", header, ROWS))
    assert len(document["items"]) == 5
    assert document["items"][1]["timescale"]["due"] == "2025-12-31"
    reasons = [a["message"] for a in document["anomalies"] if a["kind"] == "column_guessed"]
    assert "column 'Target' read as the due date (5 of 5 values are dates)" in reasons
    columns = {c["name"]: (c["role"], c["how"]) for c in document["tables"][0]["columns"]}
    assert columns["Target"] == ("due", "guess")
    assert columns["Ref"] == ("ref", "header")


RECOVERY = """Bramley Borough Council recovery plan 2025/26
Section One: Economy and business
Objective 1: Help local firms recover
Service area\tDescription of the work\tStart\tEnd
Economic development\tSet up a business recovery helpline for local firms\t07/04/2025\t30/06/2025
Economic development\tPay the discretionary business grants quickly\t14/04/2025\t31/07/2025
Planning\tFast-track planning applications that create local jobs\t01/05/2025\t31/03/2026
Section Two: Communities
Objective 2: Support residents who need help most
Service area\tDescription of the work\tStart\tEnd
Housing\tRehouse families from temporary accommodation into settled homes\t01/04/2025\t31/03/2026
Community services\tReopen the community centres with safe ways of working\t01/06/2025\t30/09/2025
"""


def test_a_recovery_plan_of_sections_objectives_and_activities_keeps_every_activity(tmp_path):
    path = tmp_path / "recovery.txt"
    path.write_text(RECOVERY, encoding="utf-8")
    document = _convert(path)
    activities = [i for i in document["items"] if i.get("timescale")]
    assert len(activities) == 5
    assert all(i["timescale"].get("start") and i["timescale"].get("due") for i in activities)
    by_id = {item["id"]: item for item in document["items"]}
    objective = by_id[activities[0]["parent"]]
    assert objective["title"] == "Help local firms recover"
    assert by_id[objective["parent"]]["title"] == "Economy and business"
    assert activities[0]["roles"] == {"service_area": ["Economic development"]}
    assert document["coverage"]["percent"] == 100.0


def test_a_document_with_no_plan_table_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear resident,\n\nThank you for your letter about the bins.\n")
    with pytest.raises(PlanInputError) as refused:
        _convert(path)
    assert str(refused.value.problems[0].message).startswith(
        NO_PLAN_TABLE_ERROR.format(file="letter.txt", start="")[:35]
    )


PARTIAL = "\n".join(
    [
        "Notes for the committee clerk",
        *[f"Paragraph {n} of background for the committee, kept as printed." for n in range(8)],
        "Ref\tAction\tLead officer",
        "A1\tOpen the new library in the town centre\tJane Smith",
        "A2\tRefurbish the leisure centre changing rooms\tTom Jones",
    ]
)


def test_a_document_mostly_left_unread_stops_the_command_line_unless_accepted(tmp_path, capsys, db):
    path = tmp_path / "partial.txt"
    path.write_text(PARTIAL, encoding="utf-8")
    assert main(["convert", str(path)]) == PARTIAL_READ_EXIT
    said = capsys.readouterr().err
    assert "% of partial.txt was read into the plan" in said
    assert "Paragraph 0 of background" in said
    assert main(["convert", str(path), "--accept-partial"]) == 0
    document = _convert(path)
    unplaced = [a for a in document["anomalies"] if a["kind"] == "unplaced"]
    assert len(unplaced) == len(document["coverage"]["unplaced"]) >= 8


def test_a_column_that_names_each_group_of_rows_makes_a_section_of_each_group(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Westshire County Council"])
    sheet.append(["Priority area", "Ref", "Commitment", "Accountable officer", "Target date"])
    sheet.append(["Healthy lives", "HL-1", "Open two new family hubs in the north", "Sarah Khan"])
    sheet.append(["", "HL-2", "Cut waiting times for care assessments", "Mark Evans"])
    sheet.append(["", "HL-2.1", "Recruit eight additional assessors", "Mark Evans"])
    sheet.append(["Thriving places", "TP-1", "Resurface 120 miles of rural roads", "Claire Hughes"])
    sheet.append(["", "TP-2", "Deliver the town centre regeneration scheme", "Claire Hughes"])
    path = tmp_path / "tracker.xlsx"
    workbook.save(path)
    document = _convert(path)
    by_id = {item["id"]: item for item in document["items"]}
    groups = [item for item in document["items"] if item["level"] == "Priority area"]
    assert [group["title"] for group in groups] == ["Healthy lives", "Thriving places"]
    assert by_id["HL-1"]["parent"] == groups[0]["id"]
    assert by_id["HL-2.1"]["parent"] == "HL-2"
    assert by_id["TP-2"]["parent"] == groups[1]["id"]
