"""Layouts no seed has: a new council's words import with no code change, and a layout
the vocabulary cannot place imports with a mapping file."""

import pytest

from councilplan.domain.problems import PlanInputError
from councilplan.imports.convert import ConvertOptions, document_convert
from councilplan.imports.mapping import MAPPING_ROLE_ERROR, mapping_read
from councilplan.interchange.validation import document_validate

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
    assert not any(i["ref"] == "EC1" for i in bare["items"])  # unplaced without the mapping
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
