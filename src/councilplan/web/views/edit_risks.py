"""The risk register's entries: add, change, archive and restore one. The rules are
`councilplan.editing.risks`'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from councilplan.editing import risks
from councilplan.editing.errors import EditError
from councilplan.plans.models import Plan
from councilplan.web.edit_forms import (
    ReasonForm,
    RiskForm,
)
from councilplan.web.views.common import (
    risk_any_or_404,
)
from councilplan.web.views.form_pages import (
    CHANGES_SAVED,
    form_page,
    form_submitted,
    plan_to_edit_or_404,
    posted,
)


def _risks_url(plan: Plan) -> str:
    return reverse("web:risk-register", args=[plan.slug])


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    submission = form_submitted(
        request,
        RiskForm(posted(request)),
        lambda form: risks.risk_create(user=request.user, plan=plan, values=form.values()),
    )
    if submission.saved:
        messages.success(request, "Risk added.")
        return redirect(_risks_url(plan))
    return form_page(request, "web/edit/risk_form.html", submission, plan=plan)


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, slug: str, risk_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    risk = risk_any_or_404(plan, risk_id)
    submission = form_submitted(
        request,
        RiskForm(
            posted(request), initial=RiskForm.initial_of(risks.RiskFields.of(risk), risk.version)
        ),
        lambda form: risks.risk_change(
            user=request.user,
            risk=risk,
            based_on_version=form.cleaned_data["version"] or 0,
            values=form.values(),
        ),
    )
    if submission.saved:
        messages.success(request, CHANGES_SAVED)
        return redirect(_risks_url(plan))
    return form_page(request, "web/edit/risk_form.html", submission, plan=plan, risk=risk)


@login_required
@require_http_methods(["GET", "POST"])
def risk_archive(request: HttpRequest, slug: str, risk_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    risk = risk_any_or_404(plan, risk_id)
    submission = form_submitted(
        request,
        ReasonForm(posted(request)),
        lambda form: risks.risk_archive(
            user=request.user, risk=risk, reason=form.cleaned_data["reason"]
        ),
    )
    if submission.saved:
        messages.success(request, "Risk archived. It can be restored from the Archived page.")
        return redirect(_risks_url(plan))
    return form_page(request, "web/edit/risk_archive.html", submission, plan=plan, risk=risk)


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
