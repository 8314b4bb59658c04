"""A column of year-end forecasts beside the status now: both come in, through the same
status words; a forecast of money is no status."""

from pathlib import Path

import docx
import openpyxl
import pytest

from councilplan.imports.convert import ConvertOptions, document_convert
from councilplan.imports.details import FIGURE_FORECAST_MESSAGE, UNKNOWN_FORECAST_MESSAGE
from councilplan.imports.vocabulary import forecast_is_not_status, role_of_header
from councilplan.interchange.services import plan_import_path
from councilplan.interchange.validation import document_validate
from councilplan.plans.models import Anomaly, ProgressUpdate, SourceField

ROWS = [
    ["Ref", "Action", "Lead officer", "Status", "Year-end forecast", "Forecast outturn £000"],
    ["FC1", "Open the new leisure centre", "Jo Bloggs", "Amber", "Green", "£1,250"],
    ["FC2", "Resurface the high street", "Sam Smith", "Green", "Red", "430"],
    ["FC3", "Replace the depot roof", "Ann Lee", "On track", "Probably fine", ""],
]
OPTIONS = ConvertOptions(period="2024-Q2", organisation="Example Council", plan_id="forecasts")


def _text(tmp_path: Path) -> Path:
    path = tmp_path / "forecast-delivery-plan.txt"
    lines = ["Objective One: A healthier borough", *("\t".join(row) for row in ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "forecast-delivery-plan.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.cell(row=1, column=1, value="Objective One: A healthier borough")
    for number, row in enumerate(ROWS, start=2):
        for column, text in enumerate(row, start=1):
            if text:
                sheet.cell(row=number, column=column, value=text)
    workbook.save(path)
    return path


def _docx(tmp_path: Path) -> Path:
    path = tmp_path / "forecast-delivery-plan.docx"
    document = docx.Document()
    document.add_paragraph("Objective One: A healthier borough")
    table = document.add_table(rows=0, cols=len(ROWS[0]))
    for row in ROWS:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.save(path)
    return path


@pytest.mark.parametrize("write", [_text, _xlsx, _docx], ids=["txt", "xlsx", "docx"])
def test_a_forecast_column_imports_beside_the_status(tmp_path, write):
    path = write(tmp_path)
    document = document_convert(path=path, options=OPTIONS)
    document_validate(document, file=path.name)
    updates = {u["item"]: u for u in document["updates"]}
    assert (updates["FC1"]["status"], updates["FC1"]["forecast_status"]) == ("amber", "green")
    assert (updates["FC2"]["status"], updates["FC2"]["forecast_status"]) == ("green", "red")
    assert updates["FC3"]["status"] == "green"
    assert "forecast_status" not in updates["FC3"]
    unknown = [a for a in document["anomalies"] if a["kind"] == "unknown_status"]
    assert [(a["item"], a["text"]) for a in unknown] == [("FC3", "Probably fine")]
    assert unknown[0]["message"] == UNKNOWN_FORECAST_MESSAGE.format(text="Probably fine")
    items = {item["id"]: item for item in document["items"]}
    cells = {c["header"]: c["text"] for c in items["FC3"]["source"]["cells"]}
    assert cells["Year-end forecast"] == "Probably fine"
    assert {c["header"]: c["text"] for c in items["FC1"]["source"]["cells"]}[
        "Forecast outturn £000"
    ] == "£1,250"


def test_a_money_forecast_column_is_not_taken_as_a_status(tmp_path):
    path = tmp_path / "money.txt"
    path.write_text(
        "Ref\tAction\tStatus\tForecast outturn £000\n"
        "MN1\tBuild the bridge\tGreen\tRed\n",  # red ink in a money column is still money
        encoding="utf-8",
    )
    document = document_convert(path=path, options=OPTIONS)
    (update,) = document["updates"]
    assert update["status"] == "green"
    assert "forecast_status" not in update
    assert not [a for a in document["anomalies"] if a["kind"] == "unknown_status"]


def test_a_figure_under_a_forecast_header_is_flagged_as_no_status(tmp_path):
    path = tmp_path / "figures.txt"
    path.write_text(
        "Ref\tAction\tStatus\tForecast\nFG1\tBuild the bridge\tGreen\t£1.2m\n",
        encoding="utf-8",
    )
    document = document_convert(path=path, options=OPTIONS)
    (update,) = document["updates"]
    assert "forecast_status" not in update
    (anomaly,) = [a for a in document["anomalies"] if a["kind"] == "unknown_status"]
    assert anomaly["message"] == FIGURE_FORECAST_MESSAGE.format(text="£1.2m")


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Forecast", "forecast"),
        ("Forecast status", "forecast"),
        ("Year-end forecast", "forecast"),
        ("Year end forecast RAG", "forecast"),
        ("Forecast RAG", "forecast"),
        ("Forecast outturn (RAG)", "forecast"),
        ("Forecast outturn £", ""),
        ("Forecast outturn", ""),
        ("Year end forecast outturn £000", ""),
        ("Forecast spend", ""),
        ("Forecast (£k)", ""),
        ("Status", "status"),
    ],
)
def test_forecast_headers_name_a_status_only_when_they_are_no_figure(header, role):
    assert role_of_header(header) == role


def test_a_mapping_file_may_still_name_a_money_looking_header_a_forecast():
    assert forecast_is_not_status("Forecast outturn")
    assert role_of_header("Forecast outturn", {"Forecast outturn": "forecast"}) == "forecast"


@pytest.mark.django_db
def test_the_forecast_is_stored_on_the_update_with_its_cell(tmp_path):
    path = _text(tmp_path)
    plan_import_path(path=path, convert_options=OPTIONS)
    update = ProgressUpdate.objects.select_related("status", "forecast_status").get(item__key="FC2")
    assert (update.status.code, update.forecast_status.code) == ("green", "red")
    assert ProgressUpdate.objects.get(item__key="FC3").forecast_status is None
    assert SourceField.objects.filter(item__key="FC3", text="Probably fine").exists()
    assert Anomaly.objects.filter(kind="unknown_status", item__key="FC3").exists()
