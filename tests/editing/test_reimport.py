"""Re-importing a document for a plan the site holds: the differences are shown first and
made as edits, and nothing reported or published is lost."""

import copy
import json
from pathlib import Path

import pytest

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cli.main import main
from councilplan.cycle import services as cycle
from councilplan.cycle.models import PublishedSnapshot
from councilplan.domain.problems import PlanInputError
from councilplan.editing.errors import DUPLICATE_REFERENCE_ERROR
from councilplan.editing.reimport import (
    DifferenceKind,
    plan_differences,
    plan_reimport,
)
from councilplan.history.models import ChangeRecord
from councilplan.interchange.documents import document_from_path
from councilplan.interchange.export import plan_export
from councilplan.interchange.load import plan_import_document
from councilplan.interchange.services import plan_import_path
from councilplan.plans.models import MeasureValue, Plan, PlanItem, ProgressUpdate
from tests.cycle.world import cycle_document

pytestmark = pytest.mark.django_db


def _changed_copy() -> dict:
    """The cycle document as the council sends it next quarter."""
    document = cycle_document()
    items = {record["id"]: record for record in document["items"]}
    items["A1"]["timescale"] = {"text": "By December", "due": "2025-12-31"}
    items["A1"]["title"] = "Renew street furniture and signs"
    items["A1"]["measures"][0]["target"] = {"text": "50 a year", "value": 50, "comparator": ">="}
    items["B1"]["parent"] = "P1"
    items["P2"]["roles"] = {"lead_officer": ["Olivia Owner"]}
    document["items"] = [record for record in document["items"] if record["id"] != "A2"]
    document["items"].append(
        {"id": "P2-new", "ref": "2.2", "parent": "P2", "title": "Open a community orchard"}
    )
    return document


def test_the_differences_are_listed_in_plain_words(world):
    comparison = plan_differences(plan=world.plan, document=_changed_copy())
    lines = [str(difference) for difference in comparison.differences]
    assert "1.1 Title: Renew street furniture → Renew street furniture and signs" in lines
    assert "1.1 Due date: (none) → 31 Dec 2025" in lines
    assert "2.1 Moved: under 2 → under 1" in lines
    assert "2 Lead officer: Oscar Other → Olivia Owner" in lines
    assert "1.1 Measure “Benches replaced” target: 40 a year → 50 a year" in lines
    assert "2.2: Added under 2" in lines
    assert "1.2: Archived (not in the document)" in lines
    archived = [d for d in comparison.differences if d.kind == DifferenceKind.ITEM_ARCHIVED]
    assert [d.item for d in archived] == ["1.2"]
    assert dict(comparison.counts)["items added"] == 1
    # Comparing writes nothing.
    assert world.plan.items.get(key="A2").archived_on is None


def test_the_same_document_again_changes_nothing(world):
    assert plan_differences(plan=world.plan, document=cycle_document()).differences == []
    exported = plan_export(plan=world.plan)
    assert plan_differences(plan=world.plan, document=exported).differences == []


def test_applying_the_differences_leaves_none_to_make(world):
    document = _changed_copy()
    plan_reimport(user=world.officer, plan=world.plan, document=document, file="next.json")
    assert plan_differences(plan=world.plan, document=document).differences == []
    a2 = PlanItem.objects.get(plan=world.plan, key="A2")
    assert a2.archived_on is not None
    assert a2.archived_reason == "re-imported from next.json: not in the document"
    assert world.item("B1").parent == world.item("P1")
    assert world.item("P2-new").parent == world.item("P2")


def _rows(plan: Plan) -> tuple[set[int], set[int], set[int]]:
    return (
        set(ProgressUpdate.objects.filter(item__plan=plan).values_list("pk", flat=True)),
        set(MeasureValue.objects.filter(measure__plan=plan).values_list("pk", flat=True)),
        set(PublishedSnapshot.objects.filter(plan=plan).values_list("pk", flat=True)),
    )


def test_no_update_value_or_snapshot_is_lost_and_q1_stays_published(world):
    q1 = cycle.period_open(user=SYSTEM_USER, period=world.period("2024-Q1"))
    cycle.period_publish(user=SYSTEM_USER, period=q1)
    snapshot = PublishedSnapshot.objects.get(plan=world.plan)
    published = copy.deepcopy(snapshot.content)
    updates, values, snapshots = _rows(world.plan)
    assert len(updates) == 3  # Q1 updates of A1, A2 and B1, imported
    assert len(values) == 1
    assert len(snapshots) == 1

    result = plan_import_document(document=_changed_copy(), replace=True, file="next.json")

    assert result.plan.pk == world.plan.pk
    assert Plan.objects.filter(organisation=world.organisation).count() == 1
    # The same rows, by id: none deleted, none replaced (the copy brings no new update).
    assert _rows(world.plan) == (updates, values, snapshots)
    assert ProgressUpdate.objects.count() == len(updates)
    snapshot.refresh_from_db()
    assert snapshot.content == published
    # A2 left the plan: archived, with its Q1 update kept.
    assert ProgressUpdate.objects.filter(item__key="A2", period__key="2024-Q1").exists()


def test_history_says_it_was_re_imported(world):
    plan_reimport(user=world.officer, plan=world.plan, document=_changed_copy(), file="next.json")
    item = world.item("A1")
    records = ChangeRecord.objects.filter(
        object_id=str(item.pk), reason="re-imported from next.json"
    )
    assert records.exists()
    assert records.first().actor == world.officer


def test_a_conflicting_update_is_kept_and_reported(world):
    document = cycle_document()
    items = {record["id"]: record for record in document["items"]}
    items["A1"]["progress"] = 35
    items["A1"]["measures"][0]["actual"] = {"text": "9", "value": 9, "comparator": ""}
    document["updates"] = [{"item": "B1", "period": "2024-Q2", "status": "green", "progress": 10}]
    comparison = plan_reimport(user=world.officer, plan=world.plan, document=document)
    update = ProgressUpdate.objects.get(item__key="A1", period__key="2024-Q1")
    assert update.percent_complete == 20
    assert any("1.1" in finding and "20%" in finding for finding in comparison.findings)
    assert any("Benches replaced" in finding for finding in comparison.findings)
    added = ProgressUpdate.objects.get(item__key="B1", period__key="2024-Q2")
    assert added.percent_complete == 10


SEED = (
    Path(__file__).resolve().parents[2]
    / "src/councilplan/sample_data/seeds/002_18d0fb1317272cfa.txt"
)


def test_a_changed_copy_of_a_seed_document_updates_its_plan_and_keeps_q1(db):
    outcome = plan_import_path(path=SEED)
    plan = Plan.objects.get(slug=outcome.plan_id)
    q1 = plan.periods.get(key=plan.metadata["current_period"])
    cycle.period_publish(user=SYSTEM_USER, period=cycle.period_open(user=SYSTEM_USER, period=q1))
    before = _rows(plan)
    assert before[0]  # the seed's Q1 updates
    assert len(before[2]) == 1

    document = document_from_path(SEED)
    parents = {record.get("parent") for record in document["items"]}
    leaf = next(r for r in reversed(document["items"]) if r["id"] not in parents)
    changed = next(r for r in document["items"] if r.get("ref") and r["id"] != leaf["id"])
    changed["timescale"] = {**(changed.get("timescale") or {}), "due": "2025-12-31"}
    document["items"] = [r for r in document["items"] if r is not leaf]
    gone = {m.get("id") for m in leaf.get("measures") or []}
    document["updates"] = [u for u in document.get("updates", []) if u["item"] != leaf["id"]]
    document["measure_values"] = [
        v for v in document.get("measure_values", []) if v["measure"] not in gone
    ]
    document["anomalies"] = [
        a for a in document.get("anomalies", []) if a.get("item") != leaf["id"]
    ]
    for risk in document.get("risks", []):
        risk["items"] = [key for key in risk.get("items", []) if key != leaf["id"]]
    document["items"].append(
        {"id": "new-action", "ref": "", "parent": changed["id"], "title": "A new action"}
    )

    comparison = plan_differences(plan=plan, document=document)
    lines = [str(difference) for difference in comparison.differences]
    assert f"{changed['ref']} Due date" in "\n".join(lines)
    assert any(line.endswith("Archived (not in the document)") for line in lines)
    assert "A new action: Added under" in "\n".join(lines)
    assert len(lines) == 3, lines  # nothing else differs
    assert comparison.findings == []

    result = plan_import_document(document=document, file="seed-v2.txt", replace=True)
    assert result.plan.pk == plan.pk
    assert _rows(plan) == before  # every row kept, by id
    assert plan.items.get(key=changed["id"]).due_date.isoformat() == "2025-12-31"
    assert plan.items.get(key=leaf["id"]).archived_on is not None
    assert plan.items.get(key="new-action").parent.key == changed["id"]
    assert plan_differences(plan=plan, document=document).differences == []


def test_the_command_line_shows_the_differences_and_applies_them_with_replace(
    world, tmp_path, capsys
):
    path = tmp_path / "next.json"
    path.write_text(json.dumps(_changed_copy()))
    assert main(["import", str(path), "--replace", "--dry-run"]) == 0
    shown = capsys.readouterr().out
    assert "would update" in shown
    assert "1.1 Due date: (none) → 31 Dec 2025" in shown
    assert world.item("A1").due_date is None  # a dry run changes nothing
    assert main(["import", str(path)]) == 1
    assert "--replace to update it" in capsys.readouterr().err
    assert main(["import", str(path), "--replace"]) == 0
    assert "Updated: " in capsys.readouterr().out
    assert world.item("A1").due_date.isoformat() == "2025-12-31"
    records = ChangeRecord.objects.filter(reason="re-imported from next.json")
    assert records.filter(actor_name="councilplan import").exists()


def test_a_refused_edit_changes_nothing_and_says_where(world):
    document = cycle_document()
    # A new action with the reference its new sibling already has: refused, all or nothing.
    document["items"].append({"id": "A3", "ref": "1.1", "parent": "P1", "title": "Twin"})
    document["items"][1]["title"] = "Renamed"
    with pytest.raises(PlanInputError) as raised:
        plan_import_document(document=document, file="twin.json", replace=True)
    problem = raised.value.problems[0]
    assert str(problem.location) == f"twin.json, items[{len(document['items']) - 1}]"
    assert problem.message == DUPLICATE_REFERENCE_ERROR.format(ref="1.1")
    assert world.item("A1").title == "Renew street furniture"
    assert not world.plan.items.filter(key="A3").exists()
