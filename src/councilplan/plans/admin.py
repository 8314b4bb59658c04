from typing import Any

from django.contrib import admin

from councilplan.history.admin import ReadOnlyAdmin
from councilplan.plans import models
from councilplan.plans.services import plan_revision_bump


class UntrackedPartsAdmin(admin.ModelAdmin):
    """For records whose parts keep no history (a risk's linked items, a finding): the
    plan's revision is bumped here, as no change record does it."""

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        plan_revision_bump(plan_ids={form.instance.plan_id})

    def delete_model(self, request: Any, obj: Any) -> None:
        super().delete_model(request, obj)
        plan_revision_bump(plan_ids={obj.plan_id})

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        plan_ids = set(queryset.values_list("plan_id", flat=True))
        super().delete_queryset(request, queryset)
        plan_revision_bump(plan_ids=plan_ids)


for model in (
    models.Organisation,
    models.StatusScheme,
    models.Status,
    models.Plan,
    models.PlanLevel,
    models.PlanItem,
    models.Party,
    models.ItemRole,
    models.Measure,
):
    admin.site.register(model)
admin.site.register(models.Risk, UntrackedPartsAdmin)
admin.site.register(models.Anomaly, UntrackedPartsAdmin)

# Updates, measure values and periods change only through the update round: its states, its
# locked published periods and its version checks, which the admin site would bypass.
for model in (models.ReportingPeriod, models.ProgressUpdate, models.MeasureValue):
    admin.site.register(model, ReadOnlyAdmin)
