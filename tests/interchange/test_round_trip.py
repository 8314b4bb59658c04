import copy
import json
from typing import Any

import pytest

from councilplan.interchange.export import plan_export
from councilplan.interchange.load import plan_import_document
from councilplan.interchange.schema import open_plan_validator
from tests.interchange.full_plan import full_plan_document

pytestmark = pytest.mark.django_db


def assert_contains(expected: Any, actual: Any, path: str = "") -> None:
    """Every value in `expected` is in `actual` at the same place (export may add keys)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} is missing from the export"
            assert_contains(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), path
        assert len(actual) == len(expected), (
            f"{path}: {len(actual)} entries, expected {len(expected)}"
        )
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            assert_contains(want, got, f"{path}[{index}]")
    else:
        assert actual == expected, f"{path}: exported {actual!r}, imported {expected!r}"


def test_export_holds_every_field_that_was_imported():
    document = full_plan_document()
    result = plan_import_document(document=copy.deepcopy(document))
    exported = plan_export(plan=result.plan)
    expected = copy.deepcopy(document)
    expected["updates"].sort(key=lambda u: (u["period"], u["item"]))
    exported["updates"].sort(key=lambda u: (u["period"], u["item"]))
    # The plan's other periods across its life are added, planned, for the rounds to come.
    given = {period["id"] for period in document["periods"]}
    added = [period for period in exported["periods"] if period["id"] not in given]
    assert [period["id"] for period in added] == ["2024-Q3", "2024-Q4"]
    assert {period["state"] for period in added} == {"planned"}
    exported["periods"] = [period for period in exported["periods"] if period["id"] in given]
    assert_contains(expected, exported)


def test_export_import_export_is_lossless():
    first = plan_export(plan=plan_import_document(document=full_plan_document()).plan)
    second = plan_export(
        plan=plan_import_document(document=copy.deepcopy(first), replace=True).plan
    )
    assert json.dumps(second, sort_keys=True) == json.dumps(first, sort_keys=True)


def test_every_export_is_valid_against_the_schema():
    exported = plan_export(plan=plan_import_document(document=full_plan_document()).plan)
    errors = list(open_plan_validator().iter_errors(exported))
    assert errors == []


def test_repeated_printed_reference_keeps_both_items():
    plan = plan_import_document(document=full_plan_document()).plan
    assert sorted(plan.items.filter(ref="BE6").values_list("key", flat=True)) == ["BE6", "BE6-2"]


def test_an_items_own_progress_counts_for_the_current_period_beside_earlier_updates():
    document = full_plan_document()
    # BE6.1 has an update in 2024-Q1 only; its own fields describe the current period, 2024-Q2.
    document["updates"] = [u for u in document["updates"] if u["item"] != "BE6.1"]
    document["updates"].append(
        {"item": "BE6.1", "period": "2024-Q1", "status": "green", "progress": 60}
    )
    plan = plan_import_document(document=document).plan
    updates = dict(
        plan.items.get(key="BE6.1").updates.values_list("period__key", "percent_complete")
    )
    assert updates == {"2024-Q1": 60, "2024-Q2": 100}
