from datetime import date

import pytest
from django.db import IntegrityError, transaction

from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import ProgressUpdate
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
