import pytest
from django.contrib.auth.models import User

from councilplan.history.context import acting_as
from councilplan.history.selectors import change_record_list_for
from councilplan.interchange.load import plan_import_document
from tests.interchange.full_plan import full_plan_document

pytestmark = pytest.mark.django_db


def test_an_edit_records_who_when_and_the_old_and_new_value():
    plan = plan_import_document(document=full_plan_document()).plan
    item = plan.items.get(key="BE6")
    officer = User.objects.create_user("performance.officer")
    with acting_as(officer):
        item.title = "Harlow Pound campaign"
        item.save()
    record = change_record_list_for(instance=item).first()
    assert record.action == "updated"
    assert record.actor == officer
    assert record.changes == {"title": ["Harlow Pound", "Harlow Pound campaign"]}
    assert record.plan_id == plan.pk
    item.refresh_from_db()
    assert item.modified_by == officer


def test_import_records_each_created_item_and_the_import_event():
    plan = plan_import_document(document=full_plan_document(), file="plan.json").plan
    item = plan.items.get(key="BE6.1")
    assert change_record_list_for(instance=item).filter(action="created").count() == 1
    event = change_record_list_for(instance=plan).get(action="event")
    assert event.changes["event"] == "imported"
    assert event.changes["file"] == "plan.json"


def test_saving_without_changes_writes_no_history():
    plan = plan_import_document(document=full_plan_document()).plan
    item = plan.items.get(key="BE6")
    before = change_record_list_for(instance=item).count()
    item.save()
    assert change_record_list_for(instance=item).count() == before
