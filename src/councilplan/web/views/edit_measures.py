"""A plan's measures: add, change, archive and restore one, and its targets and tolerance
bands. The rules are `councilplan.editing`'s."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from councilplan.editing import services
from councilplan.editing import targets as targets_service
from councilplan.editing.errors import EditError, StaleEditError
from councilplan.plans.selectors import (
    measure_target_texts,
    period_list,
)
from councilplan.plans.tolerance import plan_bands
from councilplan.web.edit_forms import (
    MeasureForm,
    MeasureTargetsForm,
    ReasonForm,
)
from councilplan.web.views.common import (
    item_any_or_404,
    measure_any_or_404,
)
from councilplan.web.views.form_pages import (
    form_page,
    item_url,
    plan_to_edit_or_404,
    rebased,
    refused,
)

MEASURE_ARCHIVED_NOTE = "Measure archived. It can be restored from the Archived page."


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    item = item_any_or_404(plan, item_id)
    form = MeasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_create(user=request.user, item=item, values=form.values())
        except EditError as error:
            refused(form, error)
        else:
            messages.success(request, "Measure added.")
            return redirect(item_url(item))
    return form_page(request, "web/edit/measure_form.html", form, plan=plan, item=item)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, slug: str, measure_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    measure = measure_any_or_404(plan, measure_id)
    form = MeasureForm(
        request.POST if request.method == "POST" else None,
        initial=MeasureForm.initial_of(services.MeasureFields.of(measure), measure.version),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_change(
                user=request.user,
                measure=measure,
                based_on_version=form.cleaned_data["version"] or 0,
                values=form.values(),
            )
        except StaleEditError as error:
            conflict = error
            form = rebased(MeasureForm, request, error.current_version)
        except EditError as error:
            refused(form, error)
        else:
            messages.success(request, "Your changes have been saved.")
            return redirect(item_url(measure.item))
    return form_page(
        request,
        "web/edit/measure_form.html",
        form,
        conflict=conflict,
        plan=plan,
        item=measure.item,
        measure=measure,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_archive(request: HttpRequest, slug: str, measure_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    measure = measure_any_or_404(plan, measure_id)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_archive(
                user=request.user, measure=measure, reason=form.cleaned_data["reason"]
            )
        except EditError as error:
            refused(form, error)
        else:
            messages.success(
                request, "Measure archived. It can be restored from the Archived page."
            )
            return redirect(item_url(measure.item))
    return form_page(
        request,
        "web/edit/archive.html",
        form,
        plan=plan,
        thing=measure,
        is_measure=True,
        item=measure.item,
        below=0,
    )


@login_required
@require_POST
def measure_restore(request: HttpRequest, slug: str, measure_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    measure = measure_any_or_404(plan, measure_id)
    try:
        services.measure_restore(user=request.user, measure=measure)
    except EditError as error:
        messages.error(request, str(error))
        return redirect("web:plan-archived", slug=slug)
    messages.success(request, "Measure restored.")
    return redirect(item_url(measure.item))


@login_required
@require_http_methods(["GET", "POST"])
def measure_targets(request: HttpRequest, slug: str, measure_id: int) -> HttpResponse:
    """A measure's target in each period and its own tolerance bands (or the plan's)."""
    plan = plan_to_edit_or_404(slug, request.user)
    measure = measure_any_or_404(plan, measure_id)
    periods = period_list(plan=plan)
    saved = measure_target_texts(measure=measure)
    options = {"periods": periods, "fallback": measure.target_text}
    form = MeasureTargetsForm(
        request.POST if request.method == "POST" else None,
        initial=MeasureTargetsForm.initial_of(measure, saved),
        **options,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            targets_service.measure_targets_change(
                user=request.user,
                measure=measure,
                based_on_version=form.cleaned_data["version"],
                change=form.change(),
            )
        except StaleEditError as error:
            conflict = error
            form = rebased(MeasureTargetsForm, request, error.current_version, **options)
        except EditError as error:
            refused(form, error)
        else:
            messages.success(request, "The targets and tolerance bands have been saved.")
            return redirect("web:indicator-detail", slug=slug, measure_id=measure.pk)
    return form_page(
        request,
        "web/edit/measure_targets.html",
        form,
        conflict=conflict,
        plan=plan,
        item=measure.item,
        measure=measure,
        plan_bands=plan_bands(plan).describe(),
    )
