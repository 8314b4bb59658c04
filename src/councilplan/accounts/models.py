"""Who may do what: a user's role in an organisation."""

from django.conf import settings
from django.db import models

from councilplan.history.models import TrackedModel
from councilplan.plans.models import Organisation


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    PERFORMANCE_OFFICER = "performance_officer", "Performance officer"
    OWNER = "owner", "Owner"
    READER = "reader", "Reader"


class Membership(TrackedModel):
    """A user's single role in one organisation; retired with disabled_on, never deleted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    disabled_on = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_one_role_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.organisation}"


class SignInAttempt(models.Model):
    """One attempt to sign in: the record lockout is decided from, kept as an audit trail."""

    class Outcome(models.TextChoices):
        SUCCEEDED = "succeeded", "Signed in"
        FAILED = "failed", "Wrong user name or password"
        REFUSED = "refused", "Refused while locked out"

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address}: {self.outcome} at {self.at:%Y-%m-%d %H:%M}"


class SignInGate(models.Model):
    """One row for each user name and address that has tried to sign in. Deciding whether an
    attempt may check a password first updates this row, which holds every other attempt
    for the same name and address until the decision is written (a row lock on PostgreSQL,
    the write lock on SQLite), so parallel attempts cannot all see "not locked yet"."""

    username = models.CharField(max_length=150)
    address = models.CharField(max_length=45, blank=True, default="")
    checks = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["username", "address"], name="sign_in_gate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.username} from {self.address or 'an unknown address'}"


# A person's key for the API (see accounts/tokens.py), shown once, kept only as a digest.
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
