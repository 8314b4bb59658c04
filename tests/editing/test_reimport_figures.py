"""A re-import adds a measure's figures and targets for periods the plan does not hold yet,
and never overwrites one it holds (an owner's figure on the site wins over the document)."""

import copy

from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import MeasureTarget, MeasureValue
from tests.interchange.full_plan import full_plan_document


def test_new_figures_and_targets_are_added_and_held_ones_kept(db):
    document = full_plan_document()
    first = copy.deepcopy(document)
    first["measure_values"] = [v for v in first["measure_values"] if v["period"] == "2024-Q1"]
    plan = plan_import_document(document=first).plan
    q1 = MeasureValue.objects.get(measure__key="BE6-M1", period__key="2024-Q1")
    q1.text, q1.value = "77% (corrected on the site)", 77
    q1.save()
    changed = next(v for v in document["measure_values"] if v["period"] == "2024-Q1")
    changed["text"], changed["value"] = "70%", 70
    changed["target"]["text"], changed["target"]["value"] = "90%", 90
    q2 = next(v for v in document["measure_values"] if v["period"] == "2024-Q2")
    q2["target"] = {"text": "76%", "value": 76, "comparator": ">=", "upper_value": None,
                    "reason": "Profiled for the summer"}  # fmt: skip

    plan_import_document(document=document, replace=True)

    held = MeasureValue.objects.get(measure__key="BE6-M1", period__key="2024-Q1")
    assert (held.text, held.value) == ("77% (corrected on the site)", 77)  # never overwritten
    assert MeasureTarget.objects.get(measure__key="BE6-M1", period__key="2024-Q1").value == 75
    added = MeasureValue.objects.get(measure__key="BE6-M1", period__key="2024-Q2")
    assert (added.text, added.value) == ("78%", 78)
    target = MeasureTarget.objects.get(measure__key="BE6-M1", period__key="2024-Q2")
    assert (target.value, target.reason) == (76, "Profiled for the summer")
    assert plan.measures.get(key="BE6-M1").targets.count() == 2
