"""Who is calling: a personal API token (`Authorization: Bearer cpk_…`) or the website's
sign-in cookie (with its CSRF check on writes, as for a form)."""

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from councilplan.accounts.models import ApiToken
from councilplan.accounts.tokens import token_authenticate

# A message, not a secret (ruff's S105 reads "TOKEN" in a name as a password).
READ_ONLY_TOKEN_ERROR = "This token may only read. Make one that may read and write."  # noqa: S105


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token, made on your API tokens page"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_authenticate(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


SIGNED_IN = [TokenAuth(), SessionAuth()]


def may_write(request: HttpRequest) -> None:
    """Refuse a write made with a read-only token (the sign-in cookie may write)."""
    token: ApiToken | None = getattr(request, "api_token", None)
    if token is not None and token.scope != ApiToken.Scope.WRITE:
        raise HttpError(403, READ_ONLY_TOKEN_ERROR)
