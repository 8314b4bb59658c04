"""Signing in with the council's own identity provider over OpenID Connect (Microsoft Entra ID,
or any provider: an issuer, a client id and a secret; docs/permissions.md).

mozilla-django-oidc does the protocol (the code flow with state and nonce, the ID token's
signature checked against the provider's keys). What is councilplan's own:
- the provider's endpoints are discovered from the issuer
  (`/.well-known/openid-configuration`), fetched once per process, when first needed;
- a person is matched by e-mail address (the provider must give one); someone new gets an
  account with no role and no password, until an administrator gives them a role, or a group
  claim maps to a role in the council where that is configured;
- each sign-in and each account made this way is recorded in the history.
"""

from functools import cache
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from councilplan.accounts.models import Membership, Role
from councilplan.history.context import acting_as
from councilplan.history.services import event_record
from councilplan.plans.models import Organisation

DISCOVERY_TIMEOUT_SECONDS = 10
# mozilla-django-oidc's setting → the key of the provider's discovery document.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
DISCOVERY_ERROR = "The identity provider at {issuer} could not be reached: {detail}"
NO_ROLE_MESSAGE = (
    "You are signed in, but nobody has given you a role in a council yet. Ask your "
    "performance team to add you: until then you can read the published plans."
)


class OidcConfigurationError(RuntimeError):
    pass


def oidc_enabled() -> bool:
    return bool(getattr(settings, "COUNCILPLAN_OIDC_ISSUER", ""))


def password_sign_in_allowed() -> bool:
    """Passwords can be switched off only where the provider is the way in instead."""
    return getattr(settings, "COUNCILPLAN_PASSWORD_SIGN_IN", True) or not oidc_enabled()


def email_of(claims: dict[str, Any]) -> str:
    """The person's address: `email`, else (Entra ID gives no `email` to some accounts) the
    sign-in name where it is an address."""
    for claim in ("email", "preferred_username", "upn"):
        value = (claims.get(claim) or "").strip()
        if "@" in value:
            return value
    return ""


@cache
def provider_configuration(issuer: str) -> dict[str, Any]:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=DISCOVERY_TIMEOUT_SECONDS)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as error:
        raise OidcConfigurationError(DISCOVERY_ERROR.format(issuer=issuer, detail=error)) from error


def oidc_setting(attr: str, *default: Any) -> Any:
    """A mozilla-django-oidc setting: the provider's endpoints from its discovery document
    unless set explicitly, everything else from the settings."""
    if attr in DISCOVERED and not getattr(settings, attr, ""):
        return provider_configuration(settings.COUNCILPLAN_OIDC_ISSUER)[DISCOVERED[attr]]
    return import_from_settings(attr, *default)


def role_groups() -> dict[str, str]:
    """`COUNCILPLAN_OIDC_ROLE_GROUPS`: group id → role, e.g. `a1b2…=performance_officer`."""
    text = getattr(settings, "COUNCILPLAN_OIDC_ROLE_GROUPS", "")
    pairs = (part.split("=", 1) for part in text.split(",") if "=" in part)
    return {group.strip(): role.strip() for group, role in pairs if role.strip() in Role.values}


class CouncilOidcBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Reading the endpoints would ask the provider: only when one is configured.
        if oidc_enabled():
            super().__init__(*args, **kwargs)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if not oidc_enabled():
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # An address the provider says it has not verified could be anyone's.
        return bool(email_of(claims)) and claims.get("email_verified", True) is not False

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(email__iexact=email_of(claims), is_active=True)

    def create_user(self, claims: dict[str, Any]) -> User:
        email = email_of(claims)
        names = (claims.get("name") or "").split(" ", 1)
        with transaction.atomic():
            user = User.objects.create_user(
                username=_username_free(email),
                email=email,
                first_name=claims.get("given_name") or names[0],
                last_name=claims.get("family_name") or (names[1] if len(names) > 1 else ""),
            )  # no password: this person signs in through the council's provider only
            with acting_as(user):
                event_record(instance=user, event="account made at first sign-in", details={
                    "email": email, "provider": settings.COUNCILPLAN_OIDC_ISSUER,
                })  # fmt: skip
        return user

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        self._roles_from_groups(user, claims)
        return user

    def get_or_create_user(self, access_token: str, id_token: str, payload: Any) -> User | None:
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None and user.memberships.count() == 0:
            claims = self.get_userinfo(access_token, id_token, payload)
            self._roles_from_groups(user, claims)
        return user

    def _roles_from_groups(self, user: User, claims: dict[str, Any]) -> None:
        """Give the role a group claim maps to, in the configured council, to someone who has
        no role there yet (an administrator's later choice is never overridden)."""
        slug = getattr(settings, "COUNCILPLAN_OIDC_ORGANISATION", "")
        mapped = role_groups()
        groups = claims.get("groups") or []
        roles = [mapped[group] for group in groups if group in mapped]
        if not (slug and roles):
            return
        organisation = Organisation.objects.filter(slug=slug).first()
        if (
            organisation is None
            or Membership.objects.filter(user=user, organisation=organisation).exists()
        ):
            return
        ranked = [Role.ADMINISTRATOR, Role.PERFORMANCE_OFFICER, Role.OWNER, Role.READER]
        role = next(role for role in ranked if role in roles)
        with acting_as(user, reason="role from the identity provider's group claim"):
            Membership.objects.create(user=user, organisation=organisation, role=role)


def _username_free(email: str) -> str:
    base = email.lower()[:140]
    candidate, number = base, 1
    while User.objects.filter(username=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
