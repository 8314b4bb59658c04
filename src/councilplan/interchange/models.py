"""An uploaded plan waiting for the officer to confirm or cancel its import, and the column
choices a council saved for documents of one shape."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from councilplan.history.models import TrackedModel


class SavedMapping(TrackedModel):
    """How a council's documents of one shape are read: the column roles and plan settings
    an officer chose in the import's column step, applied again when a document with the
    same table headers is uploaded for the same council."""

    organisation = models.ForeignKey(
        "plans.Organisation", on_delete=models.CASCADE, related_name="saved_mappings"
    )
    # sha256 of the sorted, normalised header words of the document's tables
    header_signature = models.CharField(max_length=64)
    headers = models.JSONField(default=list)  # those header words, for people to read
    columns = models.JSONField(default=dict)  # printed header → role
    plan_settings = models.JSONField(default=dict)  # title, organisation, current_period, levels

    class Meta:
        db_table = "web_savedmapping"  # the table kept its name when the model moved here
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "header_signature"], name="saved_mapping_one_per_shape"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: columns of {', '.join(self.headers[:4])}"


class PendingImport(models.Model):
    """The converted document and its report, kept server-side between upload and confirm,
    with the uploaded file itself so the column step can read it again.

    Nothing is written to the plans until the import is confirmed; cancelling deletes it."""

    class State(models.TextChoices):
        READING = "reading", "Being read"
        READY = "ready", "Read: ready to check"
        FAILED = "failed", "Could not be read"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports"
    )
    # A large document or a PDF is read by the task worker: its progress, then its outcome.
    state = models.CharField(max_length=10, choices=State.choices, default=State.READY)
    stage = models.CharField(max_length=200, blank=True)
    percent = models.PositiveSmallIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)  # why it could not be read
    uploaded_on = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=300)
    file_type = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    document = models.JSONField(default=dict, blank=True)  # empty while it is being read
    # The uploaded bytes (at most COUNCILPLAN_UPLOAD_MAX_BYTES), read again by the column step.
    data = models.BinaryField(default=b"", editable=False)
    # What the upload form said the document does not (plan_id, title, period, organisation).
    options = models.JSONField(default=dict, blank=True)
    # The shape of the document's tables as first read (see SavedMapping.header_signature).
    header_signature = models.CharField(max_length=64, blank=True)
    saved_mapping = models.ForeignKey(
        SavedMapping,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="the council's saved column choices this upload was read with",
    )

    class Meta:
        db_table = "web_pendingimport"  # the table kept its name when the model moved here
        ordering = ["-uploaded_on"]

    def __str__(self) -> str:
        return f"{self.file_name} uploaded by {self.uploaded_by}"
