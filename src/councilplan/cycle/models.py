"""What the update cycle keeps beyond the plan model: the public snapshot of a published period."""

from django.conf import settings
from django.db import models

from councilplan.plans.models import Plan, ReportingPeriod


class PublishedSnapshot(models.Model):
    """The public view of one period exactly as it was published.

    Public pages read only this: approved updates of public items, public fields only.
    Reopening a period keeps its snapshot, so the public still see what was last published
    until the period is published again (which adds a newer snapshot; older ones are kept).
    The act of publishing is audited on the period (history.event_record), so the snapshot
    itself is not a tracked model: its content would make every history line enormous.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="snapshots")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="snapshots")
    published_on = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.JSONField()
    # The performance report of the period as published (every item, for signed-in
    # readers): a report of a published period is rendered from this, never from live data.
    # Written by the reports app when the period is published (cycle.signals).
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["plan", "-published_on"])]

    def __str__(self) -> str:
        return f"{self.plan} — {self.period} published {self.published_on:%Y-%m-%d %H:%M}"
