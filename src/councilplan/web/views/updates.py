"""An owner's pages: everything they owe in the open periods, and the update form for one
item in one period. The rules (who may, what may still change) are the cycle services'."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from councilplan.accounts.permissions import Action, permission_check, permission_has
from councilplan.cycle import services
from councilplan.cycle.errors import CycleError, StaleUpdateError
from councilplan.cycle.selectors import (
    UPDATE_STATE_WORDS,
    measure_values_before,
    measure_values_for,
    obligations_for,
    rounds_run_by,
    update_for,
    update_previous,
)
from councilplan.plans.models import Measure, PlanItem, ProgressUpdate, ReportingPeriod
from councilplan.plans.selectors import measures_working_of, statuses_usable
from councilplan.web.update_forms import UpdateForm
from councilplan.web.views.common import (
    form_error_pairs,
    item_working_by_key_or_404,
    period_or_404,
    plan_visible_or_404,
)


@login_required
@require_http_methods(["GET"])
def my_updates(request: HttpRequest) -> HttpResponse:
    """Everything the signed-in person owes in the open periods; nothing of anyone else's."""
    obligations = obligations_for(user=request.user)
    groups: dict[tuple[int, int], dict[str, Any]] = {}
    for obligation in obligations:
        group = groups.setdefault(
            (obligation.plan.pk, obligation.period.pk),
            {"plan": obligation.plan, "period": obligation.period, "rows": [], "outstanding": 0},
        )
        group["rows"].append(obligation)
        group["outstanding"] += obligation.is_outstanding
    runs = rounds_run_by(user=request.user)
    return render(request, "cycle/my_updates.html", {"groups": list(groups.values()), "runs": runs})


@login_required
@require_http_methods(["GET", "POST"])
def update_edit(request: HttpRequest, plan: str, key: str, period: str) -> HttpResponse:
    plan_object = plan_visible_or_404(plan)
    item = item_working_by_key_or_404(plan_object, key)
    period_object = period_or_404(plan_object, period)
    permission_check(request.user, Action.UPDATE_ITEM, plan=plan_object, item=item)
    update = update_for(item=item, period=period_object)
    statuses = statuses_usable(plan=plan_object)
    measures = measures_working_of(item=item)
    saved_values = measure_values_for(item=item, period=period_object)
    submitting = request.POST.get("action") == "submit"
    initial = {
        "version": update.version if update else 0,
        "status": update.status_id if update else None,
        "forecast_status": update.forecast_status_id if update else None,
        "percent_complete": _percent_initial(update),
        "commentary": update.commentary if update else "",
        "next_steps": update.next_steps if update else "",
        **{f"measure_{m.pk}": saved_values[m.pk].text for m in measures if m.pk in saved_values},
    }
    form = UpdateForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        statuses=statuses,
        measures=measures,
        submitting=submitting,
    )
    conflict: StaleUpdateError | None = None
    cycle_error = ""
    if request.method == "POST" and form.is_valid():
        try:
            return _update_store(request, item, period_object, form, submitting)
        except StaleUpdateError as error:
            conflict = error
            # Let the person keep their version deliberately: the next save is based on
            # what is saved now, which they have just been shown.
            data = request.POST.copy()
            data["version"] = str(error.current_version)
            form = UpdateForm(data, statuses=statuses, measures=measures, submitting=submitting)
            form.is_valid()
        except CycleError as error:
            cycle_error = str(error)
    errors = form_error_pairs(form) if form.is_bound else []
    if cycle_error:
        errors.append(("update-form", cycle_error))
    if conflict:
        errors.insert(0, ("conflict", "Someone else saved this update after you opened it"))
    context = {
        "plan": plan_object,
        "item": item,
        "period": period_object,
        "update": update,
        "previous": update_previous(item=item, period=period_object),
        "previous_values": _previous_values(item, period_object, measures),
        "form": form,
        "errors": errors,
        "conflict": conflict,
        "editable": services.update_editable(period=period_object, update=update),
        "state_words": UPDATE_STATE_WORDS[update.state if update else None],
        "can_run": permission_has(request.user, Action.RUN_CYCLE, plan=plan_object),
    }
    status = 409 if conflict else (400 if errors else 200)
    return render(request, "cycle/update_form.html", context, status=status)


def _percent_initial(update: ProgressUpdate | None) -> str:
    if update is None or update.percent_complete is None:
        return ""
    return f"{update.percent_complete.normalize():f}"


def _previous_values(
    item: PlanItem, period: ReportingPeriod, measures: list[Measure]
) -> dict[int, str]:
    values = measure_values_before(item=item, period=period)
    return {m.pk: values[m.pk].text for m in measures if m.pk in values}


def _update_store(
    request: HttpRequest,
    item: PlanItem,
    period: ReportingPeriod,
    form: UpdateForm,
    submitting: bool,
) -> HttpResponse:
    data = form.cleaned_data
    update = services.update_save(
        user=request.user,
        item=item,
        period=period,
        based_on_version=data["version"],
        draft=services.UpdateDraft(
            status=data["status"],
            forecast_status=data["forecast_status"],
            percent_complete=data["percent_complete"],
            commentary=data["commentary"],
            next_steps=data["next_steps"],
            measure_actuals=form.measure_actuals(),
        ),
    )
    if submitting:
        services.update_submit(user=request.user, update=update)
        messages.success(
            request, f"Your update for {item.ref or item.key} has been submitted for review."
        )
    else:
        messages.success(request, f"Your draft update for {item.ref or item.key} has been saved.")
    return HttpResponseRedirect(reverse("cycle:my-updates"))
