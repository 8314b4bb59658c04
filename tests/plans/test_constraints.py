from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import MEASURE_PLAN_ERROR, Measure, ProgressUpdate
from tests.interchange.full_plan import full_plan_document

pytestmark = pytest.mark.django_db


def test_database_refuses_a_percentage_over_100():
    plan = plan_import_document(document=full_plan_document()).plan
    update = ProgressUpdate.objects.filter(period__plan=plan).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.filter(pk=update.pk).update(percent_complete=101)


def test_database_refuses_a_start_after_the_due_date():
    plan = plan_import_document(document=full_plan_document()).plan
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.items.filter(key="BE6.1").update(start_date=date(2025, 1, 1))


def test_database_refuses_two_items_with_one_identifier():
    plan = plan_import_document(document=full_plan_document()).plan
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.items.filter(key="BE6-2").update(key="BE6")


def test_a_measure_is_refused_an_item_of_another_plan():
    plan = plan_import_document(document=full_plan_document()).plan
    document = full_plan_document()
    document["plan"]["id"] = "another-plan"
    elsewhere = plan_import_document(document=document).plan.items.first()
    measure = plan.measures.first()
    measure.item = elsewhere
    with pytest.raises(ValidationError) as refused:
        measure.full_clean()
    assert refused.value.message_dict["item"] == [MEASURE_PLAN_ERROR]
    with pytest.raises(ValidationError):
        measure.save()
    unloaded = Measure.objects.get(pk=measure.pk)  # its item not read yet: asked of the database
    unloaded.item_id = elsewhere.pk
    with pytest.raises(ValidationError):
        unloaded.save()
    assert Measure.objects.get(pk=measure.pk).item.plan_id == plan.pk


def test_a_measure_on_an_item_of_its_own_plan_saves():
    plan = plan_import_document(document=full_plan_document()).plan
    measure = plan.measures.first()
    measure.item = plan.items.exclude(pk=measure.item_id).first()
    measure.full_clean()
    measure.save()
    assert Measure.objects.get(pk=measure.pk).item_id == measure.item.pk
