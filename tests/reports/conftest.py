import json
from pathlib import Path

import pytest

from councilplan.interchange.load import plan_import_document
from councilplan.reports.selectors import period_get

FIXTURE = (
    Path(__file__).resolve().parents[2]
    / "src/councilplan/sample_data/fixtures/harlow-renew-neighbourhoods.json"
)


@pytest.fixture
def harlow_document() -> dict:
    return json.loads(FIXTURE.read_text())


@pytest.fixture
def harlow_plan(db, harlow_document):
    return plan_import_document(document=harlow_document, file=FIXTURE.name).plan


@pytest.fixture
def harlow_q1(harlow_plan):
    return period_get(plan=harlow_plan, key="2024-Q1")
