import pytest

from councilplan.imports.convert import document_convert
from councilplan.interchange.load import plan_import_document
from councilplan.plans.selectors import period_get
from tests.imports.seeds import CORPORATE, HARBOROUGH, seed_path

# The real Harlow corporate plan 2024/25 (seed 002), read by the importer.
SEED = seed_path(CORPORATE)


@pytest.fixture
def harlow_document() -> dict:
    return document_convert(path=SEED)


@pytest.fixture
def harlow_plan(db, harlow_document):
    return plan_import_document(document=harlow_document, file=SEED.name).plan


@pytest.fixture
def harlow_q1(harlow_plan):
    return period_get(plan=harlow_plan, key="2024-Q1")


@pytest.fixture
def harborough_plan(db):
    """Harborough's Q1 2020/21 key activities (seed 003): reported RAG and grey words."""
    path = seed_path(HARBOROUGH)
    return plan_import_document(document=document_convert(path=path), file=path.name).plan
