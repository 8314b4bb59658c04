from django.contrib import admin

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
    models.ReportingPeriod,
    models.ProgressUpdate,
    models.MeasureValue,
    models.Risk,
    models.Anomaly,
):
    admin.site.register(model)
