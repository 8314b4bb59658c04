"""The performance officer's round: the periods, the round page, opening, closing,
reopening and publishing a period, reminders, and reviewing, returning or approving
updates. The rules are the cycle services'; these pages translate them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from councilplan.accounts.permissions import Action, permission_check
from councilplan.cycle import services
from councilplan.cycle.errors import (
    PUBLISH_CHOICE_REQUIRED_ERROR,
    PUBLISH_COUNTS_CHANGED_ERROR,
    CycleError,
)
from councilplan.cycle.reminder_tasks import reminders_queue
from councilplan.cycle.selectors import (
    PERIOD_STATE_TAGS,
    UPDATE_STATE_WORDS,
    measure_values_for,
    reminders_sent_lately,
    round_summary,
    update_for,
    update_previous,
)
from councilplan.domain.wording import plural
from councilplan.plans.models import Plan, ReportingPeriod
from councilplan.plans.selectors import measures_working_of, period_list
from councilplan.web.update_forms import OpenPeriodForm, ReopenForm, ReturnForm
from councilplan.web.views.common import (
    form_error_pairs,
    item_working_by_key_or_404,
    period_or_404,
    plan_visible_or_404,
)


def _round_url(plan: Plan, period: ReportingPeriod) -> str:
    return reverse("cycle:round", kwargs={"plan": plan.slug, "period": period.key})


@login_required
@require_http_methods(["GET"])
def period_index(request: HttpRequest, plan: str) -> HttpResponse:
    plan_object = plan_visible_or_404(plan)
    permission_check(request.user, Action.RUN_CYCLE, plan=plan_object)
    periods = period_list(plan=plan_object)
    return render(
        request,
        "cycle/period_index.html",
        {
            "plan": plan_object,
            "periods": periods,
            "state_tags": PERIOD_STATE_TAGS,
            "can_run": True,
        },
    )


@login_required
@require_http_methods(["GET"])
def round_page(request: HttpRequest, plan: str, period: str) -> HttpResponse:
    plan_object = plan_visible_or_404(plan)
    period_object = period_or_404(plan_object, period)
    permission_check(request.user, Action.RUN_CYCLE, plan=plan_object)
    summary = round_summary(period=period_object)
    return render(
        request,
        "cycle/round.html",
        {
            "plan": plan_object,
            "period": period_object,
            "summary": summary,
            "reminders": reminders_sent_lately(period=period_object),
            "period_tag": PERIOD_STATE_TAGS[period_object.state],
            "can_run": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_open(request: HttpRequest, plan: str, period: str) -> HttpResponse:
    plan_object = plan_visible_or_404(plan)
    period_object = period_or_404(plan_object, period)
    permission_check(request.user, Action.RUN_CYCLE, plan=plan_object)
    default_due = period_object.updates_due_on or (
        period_object.ends_on + services.DEFAULT_UPDATE_WINDOW
    )
    form = OpenPeriodForm(
        request.POST if request.method == "POST" else None,
        initial={
            "due_day": default_due.day,
            "due_month": default_due.month,
            "due_year": default_due.year,
        },
        starts_on=period_object.starts_on,
    )
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                services.period_open(
                    user=request.user,
                    period=period_object,
                    updates_due_on=form.cleaned_data["updates_due_on"],
                )
            except CycleError as error:
                errors.append(("id_due_day", str(error)))
            else:
                messages.success(request, f"{period_object.label} is open for updates.")
                return HttpResponseRedirect(_round_url(plan_object, period_object))
        errors += [("id_due_day", message) for message in form.non_field_errors()]
    return render(
        request,
        "cycle/period_open.html",
        {
            "plan": plan_object,
            "period": period_object,
            "form": form,
            "errors": errors,
            "can_run": True,
        },
        status=400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_reopen(request: HttpRequest, plan: str, period: str) -> HttpResponse:
    plan_object = plan_visible_or_404(plan)
    period_object = period_or_404(plan_object, period)
    permission_check(request.user, Action.RUN_CYCLE, plan=plan_object)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                services.period_reopen(
                    user=request.user, period=period_object, reason=form.cleaned_data["reason"]
                )
            except CycleError as error:
                errors.append(("id_reason", str(error)))
            else:
                messages.success(
                    request,
                    f"{period_object.label} has been reopened. The public still see what was "
                    "last published until you publish it again.",
                )
                return HttpResponseRedirect(_round_url(plan_object, period_object))
        errors += form_error_pairs(form)
    return render(
        request,
        "cycle/period_reopen.html",
        {
            "plan": plan_object,
            "period": period_object,
            "form": form,
            "errors": errors,
            "can_run": True,
        },
        status=400 if errors else 200,
    )


def _period_act(request: HttpRequest, plan: str, period: str, act: str) -> HttpResponse:
    plan_object = plan_visible_or_404(plan)
    period_object = period_or_404(plan_object, period)
    permission_check(request.user, Action.RUN_CYCLE, plan=plan_object)
    try:
        if act == "close":
            services.period_close(user=request.user, period=period_object)
            messages.success(request, f"{period_object.label} is closed for review.")
        else:
            reminders_queue(user=request.user, period=period_object)
            messages.success(request, REMINDERS_QUEUED_MESSAGE)
    except CycleError as error:
        messages.error(request, str(error))
    return HttpResponseRedirect(_round_url(plan_object, period_object))


@login_required
@require_POST
def period_close(request: HttpRequest, plan: str, period: str) -> HttpResponse:
    return _period_act(request, plan, period, "close")


PUBLISH_CHOICES = ("publish", "wait")
REMINDERS_QUEUED_MESSAGE = (
    "Reminders are being sent to the owners who have not updated. This page shows who was "
    "sent one, and any that could not be sent, once they have gone."
)


@login_required
@require_http_methods(["GET", "POST"])
def period_publish(request: HttpRequest, plan: str, period: str) -> HttpResponse:
    """Publishing asks first: the counts of approved, submitted, draft and not started
    updates, and, when anything is not approved, an explicit choice to publish without it.
    A publish on counts that changed since the page was shown is refused."""
    plan_object = plan_visible_or_404(plan)
    period_object = period_or_404(plan_object, period)
    permission_check(request.user, Action.RUN_CYCLE, plan=plan_object)
    readiness = round_summary(period=period_object).readiness()
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        choice = request.POST.get("choice", "")
        if request.POST.get("seen") != readiness.fingerprint:
            anchor = "choice-publish" if readiness.left_out else "publish"
            errors.append((anchor, PUBLISH_COUNTS_CHANGED_ERROR))
        elif readiness.left_out and choice not in PUBLISH_CHOICES:
            errors.append(("choice-publish", PUBLISH_CHOICE_REQUIRED_ERROR))
        elif choice == "wait":
            messages.success(request, f"{period_object.label} has not been published.")
            return HttpResponseRedirect(_round_url(plan_object, period_object))
        else:
            try:
                snapshot = services.period_publish(user=request.user, period=period_object)
            except CycleError as error:
                messages.error(request, str(error))
            else:
                published = plural(snapshot.content["counts"]["updates"], "approved update")
                messages.success(
                    request,
                    f"{period_object.label} has been published with {published}, and is "
                    "now locked.",
                )
            return HttpResponseRedirect(_round_url(plan_object, period_object))
    return render(
        request,
        "cycle/period_publish.html",
        {
            "plan": plan_object,
            "period": period_object,
            "readiness": readiness,
            "errors": errors,
            "can_run": True,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def updates_approve(request: HttpRequest, plan: str, period: str) -> HttpResponse:
    """The reviewer's bulk approve from the round page: the ticked updates, or with
    scope=all every update the page listed, each with the version the page showed (values
    are "id:version")."""
    plan_object = plan_visible_or_404(plan)
    period_object = period_or_404(plan_object, period)
    permission_check(request.user, Action.RUN_CYCLE, plan=plan_object)
    field = "shown" if request.POST.get("scope") == "all" else "update"
    versions: dict[int, int] = {}
    for value in request.POST.getlist(field):
        update_id, _, version = value.partition(":")
        if not (update_id.isdigit() and version.isdigit()):
            return HttpResponseBadRequest("Each selected update must be given as id:version.")
        versions[int(update_id)] = int(version)
    try:
        approved = services.updates_approve(
            user=request.user, period=period_object, versions=versions
        )
    except CycleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{plural(len(approved), 'update')} approved.")
    return HttpResponseRedirect(_round_url(plan_object, period_object))


@login_required
@require_POST
def reminders_send(request: HttpRequest, plan: str, period: str) -> HttpResponse:
    return _period_act(request, plan, period, "remind")


@login_required
@require_http_methods(["GET", "POST"])
def update_review(request: HttpRequest, plan: str, key: str, period: str) -> HttpResponse:
    plan_object = plan_visible_or_404(plan)
    item = item_working_by_key_or_404(plan_object, key)
    period_object = period_or_404(plan_object, period)
    permission_check(request.user, Action.RUN_CYCLE, plan=plan_object)
    update = update_for(item=item, period=period_object)
    if update is None:
        raise Http404("There is no update for this item in this period yet.")
    return_form = ReturnForm(
        request.POST
        if request.method == "POST" and request.POST.get("action") == "return"
        else None
    )
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                services.update_approve(user=request.user, update=update)
                messages.success(request, f"The update for {item.ref or item.key} is approved.")
                return HttpResponseRedirect(_round_url(plan_object, period_object))
            if return_form.is_valid():
                services.update_return(
                    user=request.user, update=update, comment=return_form.cleaned_data["comment"]
                )
                messages.success(
                    request,
                    f"The update for {item.ref or item.key} has been returned to its owner.",
                )
                return HttpResponseRedirect(_round_url(plan_object, period_object))
            errors += form_error_pairs(return_form)
        except CycleError as error:
            errors.append(("id_comment", str(error)))
    measures = measures_working_of(item=item)
    values = measure_values_for(item=item, period=period_object)
    return render(
        request,
        "cycle/update_review.html",
        {
            "plan": plan_object,
            "item": item,
            "period": period_object,
            "update": update,
            "previous": update_previous(item=item, period=period_object),
            "measure_rows": [(m, values.get(m.pk)) for m in measures],
            "return_form": return_form,
            "errors": errors,
            "state_words": UPDATE_STATE_WORDS[update.state],
            "reviewable": services.period_reviewable(period=period_object),
            "can_run": True,
        },
        status=400 if errors else 200,
    )
