"""Personal API tokens: a person's key for the API, shown once, kept only as a digest."""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", "Read only"
        WRITE = "write", "Read and write"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="what the token is for")
    # The start of the secret, shown so a person can tell their tokens apart.
    prefix = models.CharField(max_length=16)
    # SHA-256 of the secret: a leaked database gives no usable token. A secret has 256 random
    # bits, so a fast hash is safe here (a password needs a slow one; this is not a password).
    digest = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)
    created_on = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField(null=True, blank=True)
    last_used_on = models.DateTimeField(null=True, blank=True)
    revoked_on = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_on",)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
