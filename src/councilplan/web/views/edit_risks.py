"""The risk register's entries: add, change, archive and restore one. The rules are
`councilplan.editing.risks`'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from councilplan.editing import risks
from councilplan.editing.errors import EditError, StaleEditError
from councilplan.plans.models import Plan
from councilplan.web.edit_forms import (
    ReasonForm,
    RiskForm,
)
from councilplan.web.views.common import (
    risk_any_or_404,
)
from councilplan.web.views.form_pages import (
    form_page,
    plan_to_edit_or_404,
    rebased,
    refused,
)


def _risks_url(plan: Plan) -> str:
    return reverse("web:risk-register", args=[plan.slug])


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    form = RiskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            risks.risk_create(user=request.user, plan=plan, values=form.values())
        except EditError as error:
            refused(form, error)
        else:
            messages.success(request, "Risk added.")
            return redirect(_risks_url(plan))
    return form_page(request, "web/edit/risk_form.html", form, plan=plan)


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, slug: str, risk_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    risk = risk_any_or_404(plan, risk_id)
    form = RiskForm(
        request.POST if request.method == "POST" else None,
        initial=RiskForm.initial_of(risks.RiskFields.of(risk), risk.version),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            risks.risk_change(
                user=request.user,
                risk=risk,
                based_on_version=form.cleaned_data["version"] or 0,
                values=form.values(),
            )
        except StaleEditError as error:
            conflict = error
            form = rebased(RiskForm, request, error.current_version)
        except EditError as error:
            refused(form, error)
        else:
            messages.success(request, "Your changes have been saved.")
            return redirect(_risks_url(plan))
    return form_page(
        request, "web/edit/risk_form.html", form, conflict=conflict, plan=plan, risk=risk
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_archive(request: HttpRequest, slug: str, risk_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    risk = risk_any_or_404(plan, risk_id)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            risks.risk_archive(user=request.user, risk=risk, reason=form.cleaned_data["reason"])
        except EditError as error:
            refused(form, error)
        else:
            messages.success(request, "Risk archived. It can be restored from the Archived page.")
            return redirect(_risks_url(plan))
    return form_page(request, "web/edit/risk_archive.html", form, plan=plan, risk=risk)


@login_required
@require_POST
def risk_restore(request: HttpRequest, slug: str, risk_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    try:
        risks.risk_restore(user=request.user, risk=risk_any_or_404(plan, risk_id))
    except EditError as error:
        messages.error(request, str(error))
        return redirect("web:plan-archived", slug=slug)
    messages.success(request, "Risk restored.")
    return redirect(_risks_url(plan))
