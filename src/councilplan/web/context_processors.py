"""What every page's header needs: the service navigation for this user."""

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from councilplan.accounts.permissions import user_may_import

# The accounts app names its sign-in and sign-out pages; the header links to whichever exist.
SIGN_IN_URL_NAMES = ("accounts:sign-in", "accounts:login", "login")
SIGN_OUT_URL_NAMES = ("accounts:sign-out", "accounts:logout", "logout")


def _first_url(names: tuple[str, ...]) -> str:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


def _exists(name: str) -> bool:
    return bool(_first_url((name,)))


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    path = request.path
    links = [
        {"text": "Plans", "href": reverse("web:plan-index")},
        {"text": "Published plans", "href": reverse("web:public-plan-list")},
    ]
    if signed_in and _exists("cycle:my-updates"):
        links.append({"text": "Your updates", "href": reverse("cycle:my-updates")})
    if signed_in and user_may_import(user=user):
        links.append({"text": "Import a plan", "href": reverse("web:import-upload")})
    if signed_in:
        links.append({"text": "API tokens", "href": reverse("web:api-tokens")})
    sign_in = _first_url(SIGN_IN_URL_NAMES)
    if not signed_in and sign_in:
        links.append({"text": "Sign in", "href": sign_in})
    for link in links:
        link["current"] = link["href"] == path
    return {
        "navigation_links": links,
        "sign_out_url": _first_url(SIGN_OUT_URL_NAMES) if signed_in else "",
    }
