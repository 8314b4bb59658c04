"""The seeds into the database: one transaction each, anomalies stored, nothing partial."""

import pytest

from councilplan.domain.problems import PlanInputError
from councilplan.interchange.services import plan_import_path
from councilplan.plans.models import Anomaly, Plan, PlanItem, ProgressUpdate, Risk, SourceField
from tests.imports.seeds import CORPORATE, HARBOROUGH, HARROW, RECOVERY, seed_path

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stem", "plan_id", "items", "levels"),
    [
        (
            RECOVERY,
            "harlow-recovery-plan-2020",
            80,
            {"Workstream": 4, "Action": 35, "Programme": 41},
        ),
        (CORPORATE, "harlow-corporate-plan-2024-25", 171, {"Mission": 6, "Priority": 16}),
        (HARBOROUGH, "harborough-corporate-plan-2020-21", 46, {"Key activity": 34}),
        (HARROW, "harrow-borough-plan-2020-2030", 59, {"Priority": 8, "Achievement": 51}),
    ],
)
def test_each_seed_imports_with_a_report(stem, plan_id, items, levels):
    outcome = plan_import_path(path=seed_path(stem))
    plan = Plan.objects.get(slug=plan_id)
    assert outcome.counts["items"] == items == PlanItem.objects.filter(plan=plan).count()
    assert levels.items() <= outcome.items_by_level.items()
    assert Anomaly.objects.filter(plan=plan).count() == len(outcome.anomalies)
    assert SourceField.objects.filter(item__plan=plan).exists()


def test_the_corporate_plan_keeps_its_q1_updates_and_roll_ups():
    plan_import_path(path=seed_path(CORPORATE))
    mission = ProgressUpdate.objects.get(
        item__plan__slug="harlow-corporate-plan-2024-25", item__key="2"
    )
    assert (mission.period.key, mission.percent_complete) == ("2024-Q1", 25)
    assert Anomaly.objects.filter(kind="rollup_mismatch", item__key="2").exists()


def test_harborough_statuses_keep_the_printed_words():
    plan_import_path(path=seed_path(HARBOROUGH))
    update = ProgressUpdate.objects.get(item__key="KA.01.06")
    assert (update.status.code, update.status_text) == (
        "deferred",
        "Deferred until the 2021/22 Year",
    )


def test_harrow_risks_are_stored_with_mitigations():
    plan_import_path(path=seed_path(HARROW))
    risk = Risk.objects.get(plan__slug="harrow-borough-plan-2020-2030", key="R5")
    assert (risk.rag, risk.mitigations.count()) == ("red", 6)


def test_a_dry_run_changes_nothing_but_reports_everything():
    outcome = plan_import_path(path=seed_path(RECOVERY), dry_run=True)
    assert outcome.counts["items"] == 80
    assert any(a["kind"] == "duplicate_ref" for a in outcome.anomalies)
    assert not Plan.objects.exists()


def test_a_second_import_is_refused_and_leaves_the_first_alone():
    plan_import_path(path=seed_path(RECOVERY))
    with pytest.raises(PlanInputError, match="already exists"):
        plan_import_path(path=seed_path(RECOVERY))
    assert PlanItem.objects.count() == 80
