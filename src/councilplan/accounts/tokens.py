"""Creating, using and revoking personal API tokens.

A token is `cpk_` and 43 URL-safe characters (256 random bits). It is shown once, when made;
the database keeps its SHA-256 digest and its first characters. Creation and revocation are
audited in the history; each use stamps `last_used_on` (at most once a minute, so reading the
API does not write on every request).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from councilplan.accounts.models import ApiToken
from councilplan.history.context import acting_as
from councilplan.history.services import event_record

TOKEN_PREFIX = "cpk_"  # noqa: S105 - how a token starts, not a secret
SHOWN_CHARACTERS = 10
LAST_USED_RESOLUTION = timedelta(minutes=1)
# Messages, not secrets (ruff's S105 reads "TOKEN" in a name as a password).
TOKEN_NAME_MISSING_ERROR = "Enter a name for the token, so you can tell it apart later"  # noqa: S105
TOKEN_EXPIRY_PAST_ERROR = "The expiry date must be in the future"  # noqa: S105
TOKEN_NOT_YOURS_ERROR = "You can only revoke your own tokens"  # noqa: S105


class TokenError(ValueError):
    pass


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once; never stored


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_create(
    *, user: Any, name: str, scope: str = ApiToken.Scope.READ, expires_on: date | None = None
) -> NewToken:
    name = name.strip()
    if not name:
        raise TokenError(TOKEN_NAME_MISSING_ERROR)
    if expires_on is not None and expires_on <= timezone.localdate():
        raise TokenError(TOKEN_EXPIRY_PAST_ERROR)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic(), acting_as(user):
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            prefix=secret[:SHOWN_CHARACTERS],
            digest=token_digest(secret),
            scope=ApiToken.Scope(scope),
            expires_on=expires_on,
        )
        event_record(
            instance=token,
            event="API token created",
            details={"name": token.name, "scope": token.scope, "expires_on": str(expires_on or "")},
        )
    return NewToken(token=token, secret=secret)


def token_revoke(*, user: Any, token: ApiToken) -> ApiToken:
    if token.user_id != user.pk:
        raise TokenError(TOKEN_NOT_YOURS_ERROR)
    with transaction.atomic(), acting_as(user):
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_on is None:
            locked.revoked_on = timezone.now()
            locked.save(update_fields=["revoked_on"])
            event_record(instance=locked, event="API token revoked", details={"name": locked.name})
    return locked


def token_authenticate(secret: str) -> ApiToken | None:
    """The live token with this secret (not revoked, not expired, its person active)."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked_on=None, user__is_active=True)
        .first()
    )
    if token is None or (token.expires_on is not None and token.expires_on < timezone.localdate()):
        return None
    now = timezone.now()
    if token.last_used_on is None or now - token.last_used_on > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_on=now)
        token.last_used_on = now
    return token


def tokens_of(*, user: Any) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def token_of(*, user: Any, token_id: int) -> ApiToken | None:
    """One of the user's own tokens (another person's is not there)."""
    return ApiToken.objects.filter(pk=token_id, user=user).first()
