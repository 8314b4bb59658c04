"""Every variant of the corpus imports as what it printed, with no mapping file.

Each variant is one of our plans (or a seed) laid out one way — another format, another
column order, header words no vocabulary was written from, damage a conversion does — and
must reach item recall ≥ 0.95, correct parents ≥ 0.9 and correct due dates ≥ 0.9
(tests/imports/corpus/measure.py says how each is counted). bench/corpus_bench.py prints
the same figures per family.
"""

import pytest

from tests.imports.corpus.measure import folded, variant_scored
from tests.imports.corpus.truth import PLANS
from tests.imports.corpus.variants import FAMILIES, VARIANTS, Variant

RECALL, PARENTS, DATES = 0.95, 0.9, 0.9


def _params() -> list:
    return [
        pytest.param(v, id=v.name, marks=[pytest.mark.slow] if v.slow else []) for v in VARIANTS
    ]


def test_the_corpus_has_thirty_variants_of_our_own_plans_and_re_laid_seeds():
    own = [v for v in VARIANTS if v.layout is not None]
    assert len(own) >= 30
    assert {v.layout.fmt for v in own} == {"docx", "xlsx", "csv", "txt", "pdf"}
    assert {v.seed_form for v in VARIANTS if v.layout is None} >= {"docx", "xlsx", "csv"}
    assert len({v.name for v in VARIANTS}) == len(VARIANTS)


@pytest.mark.parametrize("variant", _params())
def test_variant_imports_with_its_items_parents_and_due_dates(variant: Variant, tmp_path):
    score, document = variant_scored(variant, tmp_path)

    assert document is not None, f"{variant.name}: refused: {score.error}"
    found = f"{score.found} of {score.expected} items"
    assert score.recall >= RECALL, f"recall {score.recall:.2f}: {found}"
    assert score.parents >= PARENTS, (
        f"parents {score.parents:.2f}: {score.parents_right} of {score.found} right"
    )
    assert score.dates is None or score.dates >= DATES, (
        f"dates {score.dates:.2f}: {score.dates_right} of {score.dated} right"
    )


@pytest.mark.slow
@pytest.mark.parametrize("variant", FAMILIES["pdf_borderless"], ids=lambda v: v.name)
def test_a_borderless_pdf_table_keeps_each_items_reference_and_lead_officer(variant, tmp_path):
    # Cells torn from their column, or wrapped lines read as rows, show here first.
    score, document = variant_scored(variant, tmp_path)
    assert document is not None, score.error
    plan = PLANS[variant.plan]
    truth = {folded(item.title): item for item in plan.items if item.parent or not plan.sectioned}
    read = {folded(item["title"]): item for item in document["items"]}

    assert set(read) >= set(truth)
    for title, want in truth.items():
        item = read[title]
        assert (item.get("ref") or "") == want.ref, title
        assert item.get("roles", {}).get("lead_officer", [""]) == [want.lead_officer or ""], title
