"""An uploaded plan waiting for the officer to confirm or cancel its import."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class PendingImport(models.Model):
    """The converted document and its report, kept server-side between upload and confirm.

    Nothing is written to the plans until the import is confirmed; cancelling deletes it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports"
    )
    uploaded_on = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=300)
    file_type = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    document = models.JSONField()

    class Meta:
        ordering = ["-uploaded_on"]

    def __str__(self) -> str:
        return f"{self.file_name} uploaded by {self.uploaded_by}"
