from typing import Any

from django.contrib import admin

from councilplan.plans import models


class CycleRecordAdmin(admin.ModelAdmin):
    """Updates, measure values and periods can be looked at here but not changed: changes go
    through the update round (its states, its locked published periods and its version
    checks), which the admin site would bypass."""

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


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
    models.Risk,
    models.Anomaly,
):
    admin.site.register(model)

for model in (models.ReportingPeriod, models.ProgressUpdate, models.MeasureValue):
    admin.site.register(model, CycleRecordAdmin)
