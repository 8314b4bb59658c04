"""Your API tokens: make one (its secret shown once), see when each was last used, revoke."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from councilplan.accounts.models import ApiToken
from councilplan.accounts.tokens import TokenError, token_create, token_of, token_revoke, tokens_of
from councilplan.web.edit_forms import GovukDateField, GovukForm


class TokenForm(GovukForm):
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="For example, Power BI performance dashboard",
        error_messages={"required": "Enter what the token is for"},
    )
    scope = forms.ChoiceField(
        label="What may it do?",
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
    expires_on = GovukDateField(
        label="Expiry date",
        help_text="For example, 31 3 2027. Leave it blank for a token that does not expire.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            made = token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except TokenError as error:
            form.add_error("expires_on", str(error))
        else:
            secret = made.secret  # shown on this page only; a reload does not show it again
            form = TokenForm()
    return render(
        request,
        "web/api_tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": tokens_of(user=request.user),
            "docs_url": reverse("api:openapi-view"),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = token_of(user=request.user, token_id=token_id)
    if token is None:
        raise Http404("No such token.")
    token_revoke(user=request.user, token=token)
    messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("web:api-tokens")
