"""Sign in and sign out, with a password or the council's identity provider. The rules
(lockout, audit, who a provider's person is) live in accounts.services and accounts.oidc."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.http import require_http_methods, require_POST
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from councilplan.accounts.oidc import (
    NO_ROLE_MESSAGE,
    oidc_enabled,
    oidc_setting,
    password_sign_in_allowed,
)
from councilplan.accounts.selectors import user_has_a_role
from councilplan.accounts.services import sign_in_attempt
from councilplan.web.sign_in_form import SignInForm

PASSWORDS_OFF_ERROR = "Sign in with {provider}: this site does not take passwords"


def client_address(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: a forwarded header is the client's to forge.
    return request.META.get("REMOTE_ADDR") or None


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    sign_in_error = ""
    passwords = password_sign_in_allowed()
    if request.method == "POST" and not passwords:
        sign_in_error = PASSWORDS_OFF_ERROR.format(provider=settings.COUNCILPLAN_OIDC_NAME)
    elif request.method == "POST" and form.is_valid():
        outcome = sign_in_attempt(
            request=request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
            ip_address=client_address(request),
        )
        if outcome.user is not None:
            login(request, outcome.user)
            return HttpResponseRedirect(_next_url(request))
        sign_in_error = outcome.error
    errors = [
        (f"id_{name}", error)
        for name, field_errors in form.errors.items()
        for error in field_errors
    ]
    if sign_in_error:
        errors.append(("id_username", sign_in_error))
    status = 200 if not errors else 400
    if sign_in_error and "locked" in sign_in_error:
        status = 429
    return render(
        request,
        "accounts/sign_in.html",
        {
            "form": form,
            "errors": errors,
            "sign_in_error": sign_in_error,
            "next": request.POST.get("next") or request.GET.get("next") or "",
            "passwords": passwords,
            "provider": settings.COUNCILPLAN_OIDC_NAME if oidc_enabled() else "",
            "provider_failed": request.GET.get("provider") == "failed",
        },
        status=status,
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You have signed out.")
    return HttpResponseRedirect(reverse("accounts:sign-in"))


class SignInWithProvider(OIDCAuthenticationRequestView):
    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if oidc_enabled():
            super().__init__(*args, **kwargs)
        else:
            View.__init__(self, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_enabled():
            raise Http404
        return super().get(request)


class ProviderCallback(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(oidc_setting)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        if not user_has_a_role(user=self.user):
            messages.info(self.request, NO_ROLE_MESSAGE)
        return response

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_enabled():
            raise Http404
        return super().get(request)
