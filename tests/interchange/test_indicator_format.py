"""The open plan format's tolerance bands, targets per period and value states: export →
import → export into a fresh plan is lossless, and the schema describes every key."""

import copy
import json
from typing import Any

import pytest

from councilplan.interchange.export import plan_export
from councilplan.interchange.load import plan_import_document
from councilplan.interchange.schema import open_plan_schema
from councilplan.plans.models import MeasureTarget, MeasureValue, Plan
from tests.interchange.full_plan import full_plan_document

pytestmark = pytest.mark.django_db


def with_a_target_only_entry(document: dict[str, Any]) -> dict[str, Any]:
    """Q3's figure not yet available, with its target; a Q4 target with no value yet (a
    profile for the year is set before the figures)."""
    document["periods"] += [
        {"id": "2024-Q3", "state": "planned"},
        {"id": "2024-Q4", "state": "planned"},
    ]
    document["measure_values"] += [
        {
            "measure": "BE6-M1", "period": "2024-Q3", "state": "not_yet_available",
            "expected_on": "2024-11-15",
            "target": {"text": "80%", "value": 80, "comparator": ">="},
        },
        {"measure": "BE6-M1", "period": "2024-Q4", "target": {"text": "81%", "value": 81}},
    ]  # fmt: skip
    return document


def fresh_copy(document: dict[str, Any], plan_id: str) -> dict[str, Any]:
    document = copy.deepcopy(document)
    document["plan"]["id"] = plan_id
    document["plan"]["title"] = f"{document['plan']['title']} ({plan_id})"
    return document


def without_plan_names(document: dict[str, Any]) -> str:
    document = copy.deepcopy(document)
    document["plan"].pop("id")
    document["plan"].pop("title")
    return json.dumps(document, sort_keys=True)


def test_export_import_export_into_a_fresh_plan_is_lossless():
    first = plan_export(
        plan=plan_import_document(document=with_a_target_only_entry(full_plan_document())).plan
    )
    second = plan_export(plan=plan_import_document(document=fresh_copy(first, "again")).plan)
    assert without_plan_names(second) == without_plan_names(first)
    # What the format carries, read back into the model.
    plan = Plan.objects.get(slug="again")
    assert (plan.green_within_percent, plan.amber_within_percent) == (2.5, 12.5)
    targets = MeasureTarget.objects.filter(measure__plan=plan).order_by("period__starts_on")
    assert [(t.period.key, t.value) for t in targets] == [
        ("2024-Q1", 75), ("2024-Q3", 80), ("2024-Q4", 81),
    ]  # fmt: skip
    assert targets[0].reason == "Profiled: survey in Q1"
    values = MeasureValue.objects.filter(measure__plan=plan).order_by("period__starts_on")
    assert [v.period.key for v in values] == ["2024-Q1", "2024-Q2", "2024-Q3"]  # Q4: no value
    assert values[2].state == "not_yet_available"
    assert values[2].value is None
    assert values[0].reported_status == "green"
    measure = plan.measures.get(key="BE6-M1")
    assert (measure.ref, measure.kind, measure.lag_periods) == ("CS01", "percentage", 1)
    assert (measure.tolerance_amber_within_percent, measure.tolerance_relative) == (3, False)


def test_one_tolerance_of_earlier_versions_reads_as_the_amber_band():
    document = full_plan_document()
    del document["plan"]["tolerance"]
    document["plan"]["tolerance_percent"] = 7.5
    plan = plan_import_document(document=document).plan
    assert (plan.green_within_percent, plan.amber_within_percent) == (0, 7.5)
    exported = plan_export(plan=plan)["plan"]
    assert exported["tolerance"] == {
        "green_within_percent": 0, "amber_within_percent": 7.5, "relative": True,
    }  # fmt: skip
    assert exported["tolerance_percent"] == 7.5


def undescribed_keys(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str):
    """Every key of an exported document that its place in the schema does not name."""
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].split("/")[-1]]
    if isinstance(value, dict):
        known = schema.get("properties")
        free = schema.get("additionalProperties")
        for key, inner in value.items():
            if known is not None and key in known:
                yield from undescribed_keys(inner, known[key], root, f"{path}.{key}")
            elif isinstance(free, dict):
                yield from undescribed_keys(inner, free, root, f"{path}.{key}")
            elif known is not None:
                yield f"{path}.{key}"  # a described object with a key it does not name
            # else: a free-form object (metadata), whose keys are the council's own
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, inner in enumerate(value):
            yield from undescribed_keys(inner, schema["items"], root, f"{path}[{index}]")


def test_the_schema_describes_every_key_of_an_export():
    exported = plan_export(
        plan=plan_import_document(document=with_a_target_only_entry(full_plan_document())).plan
    )
    schema = open_plan_schema()
    assert list(undescribed_keys(exported, schema, schema, "")) == []


def test_a_measure_a_re_import_adds_keeps_its_reference_kind_and_own_bands():
    document = full_plan_document()
    plan = plan_import_document(document=copy.deepcopy(document)).plan
    be6 = next(item for item in document["items"] if item["id"] == "BE6")
    be6["measures"].append(
        {
            "id": "BE6-M2", "ref": "CS02", "name": "Shops taking the Harlow Pound",
            "unit": "count", "kind": "count", "lag_periods": 1,
            "tolerance": {"green_within_percent": 0, "amber_within_percent": 5},
        }
    )  # fmt: skip
    plan_import_document(document=document, replace=True)
    added = plan.measures.get(key="BE6-M2")
    assert (added.ref, added.kind, added.lag_periods) == ("CS02", "count", 1)
    assert added.tolerance_amber_within_percent == 5
