"""A report prepared in the background: asked for on the website, made by the task worker,
kept for download. A big plan's PDF takes longer than a web request may wait."""

from django.conf import settings
from django.db import models

from councilplan.plans.models import Plan, ReportingPeriod


class PreparedReport(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        PREPARING = "preparing", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be prepared"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="prepared_reports")
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="prepared_reports"
    )
    format = models.CharField(max_length=8)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_on = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    started_on = models.DateTimeField(null=True, blank=True)
    finished_on = models.DateTimeField(null=True, blank=True)
    content = models.BinaryField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ("-requested_on",)

    def __str__(self) -> str:
        return f"{self.plan.slug} {self.period.key} {self.format} ({self.state})"
