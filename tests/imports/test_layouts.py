"""Layouts no seed has: a new council's words import with no code change, and a layout
the vocabulary cannot place imports with a mapping file."""

import pytest

from councilplan.domain.problems import PlanInputError
from councilplan.imports.convert import ConvertOptions, document_convert
from councilplan.imports.mapping import MAPPING_ROLE_ERROR, mapping_read
from councilplan.imports.vocabulary import role_of_header
from councilplan.interchange.services import plan_import_path
from councilplan.interchange.validation import document_validate
from councilplan.plans.models import MeasureValue

NEW_COUNCIL = """\
Objective One: A greener borough
Ref\tAction\tLead Officer\tPortfolio Holder\tDue date\tRAG\t% Complete\tCommentary
GB1\tPlant 1,000 trees\tJo Bloggs\tCllr Green\t31/03/2025\tGreen\t40%\t<ul><li>Sites chosen</li>\
<li>Orders placed</li></ul>
GB2\tRetrofit council offices\tSam Smith\tCllr Green\tQ3\tAmber\t10%\tSurveys late
Objective Two: A fairer borough
Ref\tAction\tLead Officer\tPortfolio Holder\tDue date\tRAG\t% Complete\tCommentary
FB1\tOpen two family hubs\tChoose an item.\tCllr Fair\t51/5/2024\tRed\t5%\tTBC
"""


def test_a_new_councils_layout_in_the_vocabulary_imports_with_no_code_change(tmp_path):
    path = tmp_path / "greener-borough-delivery-plan.txt"
    path.write_text(NEW_COUNCIL, encoding="utf-8")
    document = document_convert(
        path=path, options=ConvertOptions(period="2024-Q2", organisation="Example Council")
    )
    document_validate(document, file=path.name)
    items = {item["id"]: item for item in document["items"]}
    assert [(i["id"], i["parent"], i["level"]) for i in document["items"]] == [
        ("objective-1", None, "Objective"),
        ("GB1", "objective-1", "Action"),
        ("GB2", "objective-1", "Action"),
        ("objective-2", None, "Objective"),
        ("FB1", "objective-2", "Action"),
    ]
    assert items["objective-1"]["title"] == "A greener borough"
    assert items["GB1"]["roles"] == {"lead_officer": ["Jo Bloggs"], "portfolio": ["Cllr Green"]}
    assert items["GB1"]["timescale"] == {"text": "31/03/2025", "due": "2025-03-31"}
    assert items["GB2"]["timescale"]["due"] == "2024-12-31"  # Q3 of 2024/25
    updates = {u["item"]: u for u in document["updates"]}
    assert (updates["GB1"]["status"], updates["GB1"]["progress"]) == ("green", 40)
    assert updates["GB1"]["commentary"] == "Sites chosen\nOrders placed"
    assert (updates["FB1"]["status"], updates["FB1"]["progress"]) == ("red", 5)
    kinds = {(a["kind"], a.get("item")) for a in document["anomalies"]}
    assert {("word_placeholder", "FB1"), ("date", "FB1"), ("placeholder", "FB1")} <= kinds
    assert document["plan"]["current_period"] == "2024-Q2"


ODD_LAYOUT = """\
Cell: Economy and skills
Job\tWhat we will do\tWho\tWhen will it be done
EC1\tRun a jobs fair\tEconomic development team\tNovember
EC2\tLaunch a skills fund\tSkills lead\tEnd of January
"""
MAPPING = """\
[plan]
id = "recovery-cells-2020"
title = "Recovery cells action plan"
kind = "recovery"
organisation = "Example District Council"
levels = ["Recovery cell", "Action"]
financial_year = 2020

[columns]
"Job" = "ref"
"What we will do" = "title"
"Who" = "lead_officer"
"When will it be done" = "due"

[[sections]]
pattern = '^Cell:\\s*(?P<title>.+)$'
level = "Recovery cell"
"""


def test_a_layout_the_vocabulary_cannot_place_imports_with_a_mapping_file(tmp_path):
    path = tmp_path / "cells.csv"
    path.write_text(ODD_LAYOUT.replace("\t", ","), encoding="utf-8")
    bare = document_convert(path=path)
    # Without the mapping the table is read by its shape: the items, but no section.
    assert [i["ref"] for i in bare["items"]] == ["EC1", "EC2"]
    assert bare["items"][0]["parent"] is None
    (tmp_path / "cells.toml").write_text(MAPPING, encoding="utf-8")
    document = document_convert(path=path)
    assert document["plan"]["id"] == "recovery-cells-2020"
    assert document["organisation"]["name"] == "Example District Council"
    items = {item["id"]: item for item in document["items"]}
    assert items["recovery-cell-1"]["title"] == "Economy and skills"
    assert items["EC1"]["roles"] == {"lead_officer": ["Economic development team"]}
    assert items["EC1"]["timescale"]["due"] == "2020-11-30"
    assert items["EC2"]["timescale"]["due"] == "2021-01-31"
    assert [i["level"] for i in document["items"]] == ["Recovery cell", "Action", "Action"]


def test_a_wrong_role_in_a_mapping_file_is_reported_with_its_place(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[columns]\n"Who" = "owner-person"\n', encoding="utf-8")
    with pytest.raises(PlanInputError) as caught:
        mapping_read(path)
    problem = caught.value.problems[0]
    assert str(problem.location) == "bad.toml, columns.Who"
    assert problem.message.startswith(MAPPING_ROLE_ERROR.format(role="owner-person", roles="")[:-1])


def test_a_mapping_file_that_is_not_toml_names_its_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('[plan]\nid = "x"\ntitle = \n', encoding="utf-8")
    with pytest.raises(PlanInputError) as caught:
        mapping_read(path)
    assert caught.value.problems[0].location.line == 3


MEASURES_ONLY = """\
Objective One: Faster services
Ref\tAction\tMeasure\tCurrent position\tTarget
FS1\tSpeed up benefit claims\tAverage days to process a new claim\t12 days\t< 10 days
FS2\tAnswer the phone sooner\tCalls answered within a minute\t82%\tequal to or > 85%
"""


def test_a_current_position_column_is_the_measures_actual_for_the_period(tmp_path):
    path = tmp_path / "faster-services-delivery-plan.txt"
    path.write_text(MEASURES_ONLY, encoding="utf-8")
    document = document_convert(
        path=path, options=ConvertOptions(period="2024-Q3", organisation="Example Council")
    )
    document_validate(document, file=path.name)
    # No item states progress, but the positions are actuals: they need their period.
    assert document["plan"]["current_period"] == "2024-Q3"
    assert document["periods"] == [{"id": "2024-Q3", "state": "closed"}]
    assert document["updates"] == []
    items = {item["id"]: item for item in document["items"]}
    claims = items["FS1"]["measures"][0]
    assert claims["name"] == "Average days to process a new claim"
    assert claims["actual"] == {"text": "12 days", "value": 12, "comparator": "="}
    assert claims["target"] == {"text": "< 10 days", "value": 10, "comparator": "<"}
    assert (claims["unit"], claims["polarity"]) == ("days", "lower")
    assert "baseline" not in claims
    assert items["FS2"]["measures"][0]["actual"]["value"] == 82


def test_a_position_at_a_quarter_gives_the_actuals_that_quarter_of_the_documents_year(tmp_path):
    path = tmp_path / "faster-services-2024-25.txt"
    path.write_text(
        "Faster services delivery plan 2024/25\n"
        + MEASURES_ONLY.replace("Current position", "Position at Q2"),
        encoding="utf-8",
    )
    document = document_convert(path=path)
    assert document["plan"]["current_period"] == "2024-Q2"
    assert "period_assumed" not in {a["kind"] for a in document["anomalies"]}
    assert document["items"][1]["measures"][0]["actual"]["text"] == "12 days"


def test_a_baseline_column_stays_the_baseline_beside_the_actual(tmp_path):
    path = tmp_path / "baselines.txt"
    path.write_text(
        MEASURES_ONLY.replace("\tCurrent position\t", "\tBaseline\tLatest position\t").replace(
            "\t12 days\t", "\t15 days\t12 days\t"
        ),
        encoding="utf-8",
    )
    document = document_convert(path=path, options=ConvertOptions(period="2024-Q3"))
    claims = document["items"][1]["measures"][0]
    assert claims["baseline"] == {"text": "15 days", "value": 15, "comparator": "="}
    assert claims["actual"] == {"text": "12 days", "value": 12, "comparator": "="}


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Position at Q1", "actual"),
        ("Position at Q4", "actual"),
        ("Current position", "actual"),
        ("Current Position (Q2)", "actual"),
        ("Latest position", "actual"),
        ("Position", "actual"),
        ("Actual", "actual"),
        ("Outturn", "actual"),
        ("Baseline", "baseline"),
        ("Baseline position", "baseline"),
        ("Performance measurement", "measure"),
        ("Performance measures", "measure"),
        ("Targeted position at Year end", "target"),
        ("Target position at year-end", "target"),
        ("Action", "title"),
        ("Current status", "status"),
        ("Forecast outturn £000", ""),
    ],
)
def test_position_headers_name_the_actual_and_the_rest_keep_their_roles(header, role):
    assert role_of_header(header) == role


@pytest.mark.django_db
def test_an_imported_current_position_is_stored_as_the_periods_measure_value(tmp_path):
    path = tmp_path / "faster-services-delivery-plan.txt"
    path.write_text(MEASURES_ONLY, encoding="utf-8")
    plan_import_path(path=path, convert_options=ConvertOptions(period="2024-Q3"))
    value = MeasureValue.objects.select_related("measure", "period").get(measure__item__key="FS1")
    assert (value.period.key, value.text, value.value) == ("2024-Q3", "12 days", 12)
    assert value.measure.baseline_text == ""
    assert value.measure.target_text == "< 10 days"


def test_a_section_number_printed_twice_keeps_both_sections(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "Objective One: A greener borough\n"
        "Ref\tAction\tLead Officer\n"
        "GB1\tPlant trees\tJo Bloggs\n"
        "Objective One: A fairer borough\n"
        "Ref\tAction\tLead Officer\n"
        "FB1\tOpen hubs\tSam Smith\n",
        encoding="utf-8",
    )
    document = document_convert(path=path)
    document_validate(document, file=path.name)
    sections = [(i["id"], i["title"]) for i in document["items"] if i["parent"] is None]
    assert sections == [("objective-1", "A greener borough"), ("objective-1-2", "A fairer borough")]
    assert [i["parent"] for i in document["items"] if i["id"] == "FB1"] == ["objective-1-2"]
    duplicate = [a for a in document["anomalies"] if a["kind"] == "duplicate_ref"]
    assert [a["item"] for a in duplicate] == ["objective-1-2"]


def test_a_row_broken_off_the_item_above_carries_the_rest_of_its_lead_officer(tmp_path):
    # A row broken over a page: the second half of a name, or all of it, on the next page.
    path = tmp_path / "plan.csv"
    path.write_text(
        "Ref,Action,Lead officer,Due date\n"
        "1,Build 200 council homes,Head of,31/03/2026\n"
        ",for social rent,Housing,\n"
        "2,Open the new library,,30/06/2025\n"
        ",,Head of Culture,\n",
        encoding="utf-8",
    )

    document = document_convert(path=path, options=ConvertOptions(organisation="Example"))

    items = {item["id"]: item for item in document["items"]}
    assert items["1"]["title"] == "Build 200 council homes for social rent"
    assert items["1"]["roles"]["lead_officer"] == ["Head of Housing"]
    assert items["2"]["roles"]["lead_officer"] == ["Head of Culture"]
