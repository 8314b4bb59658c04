from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from councilplan.history.models import ChangeRecord


def change_record_list_for(*, instance: models.Model) -> QuerySet[ChangeRecord]:
    """Every change to one record, newest first."""
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).select_related("actor")


def change_record_list_for_plan(*, plan_id: int) -> QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(plan_id=plan_id).select_related("actor", "content_type")
