from django.contrib import admin

from councilplan.history.admin import ReadOnlyAdmin
from councilplan.plans import models

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

# Updates, measure values and periods change only through the update round: its states, its
# locked published periods and its version checks, which the admin site would bypass.
for model in (models.ReportingPeriod, models.ProgressUpdate, models.MeasureValue):
    admin.site.register(model, ReadOnlyAdmin)
