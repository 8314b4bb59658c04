"""A plan's settings, its status words, archiving and restoring it, its archive page, and
next year's plan started from it. The rules are `councilplan.editing`'s."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from councilplan.domain.wording import plural
from councilplan.editing import selectors as editing_selectors
from councilplan.editing import services
from councilplan.editing.carry_forward import (
    carry_forward_proposed,
    unfinished_item_ids,
)
from councilplan.editing.carry_forward import plan_carry_forward as plan_carry_forward_service
from councilplan.editing.errors import EditError
from councilplan.editing.statuses import status_words_change, status_words_of
from councilplan.plans.selectors import (
    period_list,
    plan_item_count,
)
from councilplan.web.edit_forms import (
    CarryForwardForm,
    PlanSettingsForm,
    ReasonForm,
    StatusWordForm,
    StatusWordFormSet,
)
from councilplan.web.views.common import (
    plan_any_or_404,
)
from councilplan.web.views.form_pages import (
    form_page,
    form_submitted,
    plan_to_edit_or_404,
    posted,
)

PLAN_ARCHIVED_NOTE = (
    "{title} has been archived. It is listed under Archived plans, where it can be restored."
)


@login_required
@require_http_methods(["GET", "POST"])
def plan_settings(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    submission = form_submitted(
        request,
        PlanSettingsForm(posted(request), initial=PlanSettingsForm.initial_of(plan)),
        lambda form: services.plan_settings_change(
            user=request.user,
            plan=plan,
            based_on_version=form.cleaned_data["version"],
            settings=form.settings(),
        ),
    )
    if submission.saved:
        note = "The plan's settings have been saved."
        if added := submission.result:
            note += f" {plural(len(added), 'reporting period')} added: " + ", ".join(
                period.label for period in added
            )
        messages.success(request, note)
        return redirect("web:plan-dashboard", slug=plan.slug)
    return form_page(
        request,
        "web/edit/plan_settings.html",
        submission,
        plan=plan,
        periods=period_list(plan=plan),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_archive(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    submission = form_submitted(
        request,
        ReasonForm(posted(request)),
        lambda form: services.plan_archive(
            user=request.user, plan=plan, reason=form.cleaned_data["reason"]
        ),
    )
    if submission.saved:
        messages.success(request, PLAN_ARCHIVED_NOTE.format(title=plan.title))
        return redirect("web:plan-index")
    return form_page(request, "web/edit/plan_archive.html", submission, plan=plan)


@login_required
@require_POST
def plan_restore(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_any_or_404(slug)
    try:
        services.plan_restore(user=request.user, plan=plan)
    except EditError as error:
        messages.error(request, str(error))
        return redirect("web:plan-index")
    messages.success(request, f"{plan.title} restored.")
    return redirect("web:plan-dashboard", slug=plan.slug)


@login_required
@require_http_methods(["GET", "POST"])
def plan_statuses(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    initial = [StatusWordForm.initial_of(word) for word in status_words_of(plan)]
    formset = StatusWordFormSet(posted(request), initial=initial, prefix="word")
    problem = ""
    if request.method == "POST" and formset.is_valid():
        # A new row left blank is no row; an existing one keeps its place.
        words = [form.word() for form in formset.forms if form.cleaned_data]
        try:
            status_words_change(user=request.user, plan=plan, words=words)
        except EditError as error:
            problem = str(error)
        else:
            messages.success(request, "The status words have been saved.")
            return redirect("web:plan-settings", slug=plan.slug)
    errors = [("word-table", problem)] if problem else []
    for form in formset.forms if formset.is_bound else []:
        errors.extend(form.error_pairs())
    return render(
        request,
        "web/edit/plan_statuses.html",
        {"plan": plan, "formset": formset, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_carry_forward(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    submission = form_submitted(
        request,
        CarryForwardForm(
            posted(request), initial=CarryForwardForm.initial_of(carry_forward_proposed(plan))
        ),
        lambda form: plan_carry_forward_service(user=request.user, plan=plan, choice=form.choice()),
    )
    if (new := submission.result) is not None:
        count = plan_item_count(plan=new, with_archived=True)
        messages.success(
            request,
            f"{new.title} has been started from {plan.title}, with "
            f"{plural(count, 'item')}. {plan.title} is kept as it was.",
        )
        return redirect("web:plan-dashboard", slug=new.slug)
    return form_page(
        request,
        "web/edit/plan_carry_forward.html",
        submission,
        plan=plan,
        unfinished=len(unfinished_item_ids(plan)),
        total=plan_item_count(plan=plan),
    )


@login_required
@require_http_methods(["GET"])
def plan_archived(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    return render(
        request,
        "web/edit/archived.html",
        {"plan": plan, "archived": editing_selectors.archived_for(plan=plan)},
    )
