"""A plan's measures: add, change, archive and restore one, and its targets and tolerance
bands. The rules are `councilplan.editing`'s."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from councilplan.editing import services
from councilplan.editing import targets as targets_service
from councilplan.editing.errors import EditError
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
    CHANGES_SAVED,
    form_page,
    form_submitted,
    item_url,
    plan_to_edit_or_404,
    posted,
)

MEASURE_ARCHIVED_NOTE = "Measure archived. It can be restored from the Archived page."


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    item = item_any_or_404(plan, item_id)
    submission = form_submitted(
        request,
        MeasureForm(posted(request)),
        lambda form: services.measure_create(user=request.user, item=item, values=form.values()),
    )
    if submission.saved:
        messages.success(request, "Measure added.")
        return redirect(item_url(item))
    return form_page(request, "web/edit/measure_form.html", submission, plan=plan, item=item)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, slug: str, measure_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    measure = measure_any_or_404(plan, measure_id)
    submission = form_submitted(
        request,
        MeasureForm(
            posted(request),
            initial=MeasureForm.initial_of(services.MeasureFields.of(measure), measure.version),
        ),
        lambda form: services.measure_change(
            user=request.user,
            measure=measure,
            based_on_version=form.cleaned_data["version"] or 0,
            values=form.values(),
        ),
    )
    if submission.saved:
        messages.success(request, CHANGES_SAVED)
        return redirect(item_url(measure.item))
    return form_page(
        request,
        "web/edit/measure_form.html",
        submission,
        plan=plan,
        item=measure.item,
        measure=measure,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_archive(request: HttpRequest, slug: str, measure_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    measure = measure_any_or_404(plan, measure_id)
    submission = form_submitted(
        request,
        ReasonForm(posted(request)),
        lambda form: services.measure_archive(
            user=request.user, measure=measure, reason=form.cleaned_data["reason"]
        ),
    )
    if submission.saved:
        messages.success(request, MEASURE_ARCHIVED_NOTE)
        return redirect(item_url(measure.item))
    return form_page(
        request,
        "web/edit/archive.html",
        submission,
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
    submission = form_submitted(
        request,
        MeasureTargetsForm(
            posted(request), initial=MeasureTargetsForm.initial_of(measure, saved), **options
        ),
        lambda form: targets_service.measure_targets_change(
            user=request.user,
            measure=measure,
            based_on_version=form.cleaned_data["version"],
            change=form.change(),
        ),
        **options,
    )
    if submission.saved:
        messages.success(request, "The targets and tolerance bands have been saved.")
        return redirect("web:indicator-detail", slug=slug, measure_id=measure.pk)
    return form_page(
        request,
        "web/edit/measure_targets.html",
        submission,
        plan=plan,
        item=measure.item,
        measure=measure,
        plan_bands=plan_bands(plan).describe(),
    )
