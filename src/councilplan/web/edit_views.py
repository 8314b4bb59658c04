"""The pages that keep a plan up to date after import: settings, items, people in roles,
measures, and the archive. They translate forms into `councilplan.editing.services` calls
(which check permission, lock, validate and audit) and show the outcome; a stale edit gets
the conflict page with HTTP 409, as the update form does."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from councilplan.accounts.permissions import Action, permission_check
from councilplan.domain.wording import plural
from councilplan.editing import risks, services
from councilplan.editing import selectors as editing_selectors
from councilplan.editing import targets as targets_service
from councilplan.editing.carry_forward import (
    carry_forward_proposed,
    unfinished_item_ids,
)
from councilplan.editing.carry_forward import plan_carry_forward as plan_carry_forward_service
from councilplan.editing.errors import EditError, StaleEditError
from councilplan.editing.statuses import status_words_change, status_words_of
from councilplan.plans.models import ItemRole, Measure, MeasureTarget, Plan, PlanItem, Risk
from councilplan.plans.selectors import period_list
from councilplan.plans.tolerance import plan_bands
from councilplan.web.edit_forms import (
    CarryForwardForm,
    GovukForm,
    ItemForm,
    ItemMoveForm,
    MeasureForm,
    MeasureTargetsForm,
    PlanSettingsForm,
    ReasonForm,
    RiskForm,
    RoleForm,
    StatusWordForm,
    StatusWordFormSet,
)

PLAN_ARCHIVED_NOTE = (
    "{title} has been archived. It is listed under Archived plans, where it can be restored."
)
MEASURE_ARCHIVED_NOTE = "Measure archived. It can be restored from the Archived page."


def _plan(slug: str, user: Any) -> Plan:
    plan = get_object_or_404(
        Plan.objects.select_related("organisation", "status_scheme"), slug=slug, archived_on=None
    )
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    return plan


def _item(plan: Plan, item_id: int) -> PlanItem:
    return get_object_or_404(
        PlanItem.objects.select_related("plan", "parent"), plan=plan, pk=item_id
    )


def _measure(plan: Plan, measure_id: int) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related("plan", "item"), plan=plan, pk=measure_id
    )


def _item_url(item: PlanItem) -> str:
    return reverse("web:item-detail", args=[item.plan.slug, item.pk])


def _form_page(
    request: HttpRequest,
    template: str,
    form: GovukForm,
    *,
    conflict: StaleEditError | None = None,
    **context: Any,
) -> HttpResponse:
    """Draw a form page: errors in the summary, HTTP 409 for a conflict, 400 for errors."""
    errors = form.error_pairs() if form.is_bound else []
    if conflict is not None:
        errors.insert(0, ("conflict", "Someone else saved this after you opened it"))
    status = 409 if conflict else (400 if errors else 200)
    return render(
        request,
        template,
        {"form": form, "errors": errors, "conflict": conflict, **context},
        status=status,
    )


def _refused(form: GovukForm, error: EditError) -> None:
    """Put a service's refusal beside the field it names (or above the form)."""
    form.add_error(error.field if error.field in form.fields else None, str(error))


def _rebased(form_class: type[GovukForm], request: HttpRequest, version: int, **kwargs: Any):
    """The form as typed, based now on the version saved: the next save keeps it
    deliberately, after the person has seen the differences."""
    data = request.POST.copy()
    data["version"] = str(version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


# Plan settings ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_settings(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug, request.user)
    form = PlanSettingsForm(
        request.POST if request.method == "POST" else None,
        initial=PlanSettingsForm.initial_of(plan),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            added = services.plan_settings_change(
                user=request.user,
                plan=plan,
                based_on_version=form.cleaned_data["version"],
                settings=form.settings(),
            )
        except StaleEditError as error:
            conflict = error
            form = _rebased(PlanSettingsForm, request, error.current_version)
        except EditError as error:
            _refused(form, error)
        else:
            note = "The plan's settings have been saved."
            if added:
                note += f" {plural(len(added), 'reporting period')} added: " + ", ".join(
                    period.label for period in added
                )
            messages.success(request, note)
            return redirect("web:plan-dashboard", slug=plan.slug)
    return _form_page(
        request,
        "web/edit/plan_settings.html",
        form,
        conflict=conflict,
        plan=plan,
        periods=list(plan.periods.all()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_archive(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug, request.user)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_archive(user=request.user, plan=plan, reason=form.cleaned_data["reason"])
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(request, PLAN_ARCHIVED_NOTE.format(title=plan.title))
            return redirect("web:plan-index")
    return _form_page(request, "web/edit/plan_archive.html", form, plan=plan)


@login_required
@require_POST
def plan_restore(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_object_or_404(Plan, slug=slug)
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
    plan = _plan(slug, request.user)
    initial = [StatusWordForm.initial_of(word) for word in status_words_of(plan)]
    formset = StatusWordFormSet(
        request.POST if request.method == "POST" else None, initial=initial, prefix="word"
    )
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
    plan = _plan(slug, request.user)
    form = CarryForwardForm(
        request.POST if request.method == "POST" else None,
        initial=CarryForwardForm.initial_of(carry_forward_proposed(plan)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = plan_carry_forward_service(user=request.user, plan=plan, choice=form.choice())
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                f"{new.title} has been started from {plan.title}, with "
                f"{plural(new.items.count(), 'item')}. {plan.title} is kept as it was.",
            )
            return redirect("web:plan-dashboard", slug=new.slug)
    return _form_page(
        request,
        "web/edit/plan_carry_forward.html",
        form,
        plan=plan,
        unfinished=len(unfinished_item_ids(plan)),
        total=plan.items.filter(archived_on=None).count(),
    )


# Items ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug, request.user)
    parent_id = request.GET.get("parent") or request.POST.get("parent")
    parent = _item(plan, int(parent_id)) if parent_id and parent_id.isdigit() else None
    form = ItemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(
                user=request.user, plan=plan, parent=parent, values=form.values()
            )
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(request, f"{_level(plan, item.depth)} added.")
            return redirect(_item_url(item))
    return _form_page(
        request,
        "web/edit/item_form.html",
        form,
        plan=plan,
        parent=parent,
        level=_level(plan, 0 if parent is None else parent.depth + 1),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    item = _item(plan, item_id)
    form = ItemForm(
        request.POST if request.method == "POST" else None,
        initial=ItemForm.initial_of(services.ItemFields.of(item), item.version),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.item_change(
                user=request.user,
                item=item,
                based_on_version=form.cleaned_data["version"] or 0,
                values=form.values(),
            )
        except StaleEditError as error:
            conflict = error
            form = _rebased(ItemForm, request, error.current_version)
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(request, "Your changes have been saved.")
            return redirect(_item_url(item))
    return _form_page(
        request,
        "web/edit/item_form.html",
        form,
        conflict=conflict,
        plan=plan,
        item=item,
        level=_level(plan, item.depth),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_move(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    item = _item(plan, item_id)
    parents = editing_selectors.move_targets(item=item)
    form = ItemMoveForm(
        request.POST if request.method == "POST" else None,
        initial={"parent": item.parent_id or ""},
        parents=[(str(target.pk), target.label) for target in parents],
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["parent"]
        try:
            services.item_move(
                user=request.user, item=item, parent=_item(plan, chosen) if chosen else None
            )
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(request, "The item has been moved.")
            return redirect(_item_url(item))
    return _form_page(request, "web/edit/item_move.html", form, plan=plan, item=item)


@login_required
@require_POST
def item_reorder(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    item = _item(plan, item_id)
    step = -1 if request.POST.get("step") == "up" else 1
    services.item_reorder(user=request.user, item=item, step=step)
    messages.success(request, "Moved " + ("up." if step < 0 else "down."))
    return redirect(request.POST.get("next") or _item_url(item))


@login_required
@require_http_methods(["GET", "POST"])
def item_archive(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    item = _item(plan, item_id)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.item_archive(
                user=request.user, item=item, reason=form.cleaned_data["reason"]
            )
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                f"{plural(count, 'item')} archived. They are listed on the Archived page, "
                "where they can be restored.",
            )
            return redirect(
                _item_url(item.parent) if item.parent else reverse("web:plan-tree", args=[slug])
            )
    below = len(editing_selectors.subtree_ids(item)) - 1
    return _form_page(
        request,
        "web/edit/archive.html",
        form,
        plan=plan,
        thing=item,
        is_measure=False,
        item=item,
        below=below,
    )


@login_required
@require_POST
def item_restore(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    item = _item(plan, item_id)
    try:
        count = services.item_restore(user=request.user, item=item)
    except EditError as error:
        messages.error(request, str(error))
        return redirect("web:plan-archived", slug=slug)
    messages.success(request, f"{plural(count, 'item')} restored.")
    return redirect(_item_url(item))


def _level(plan: Plan, depth: int) -> str:
    names = dict(plan.levels.values_list("depth", "name"))
    return names.get(depth) or "Item"


# People in roles -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def item_roles(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    item = _item(plan, item_id)
    people = editing_selectors.people_choices(plan=plan)
    roles = editing_selectors.roles_in_use(plan=plan)
    form = RoleForm(request.POST if request.method == "POST" else None, people=people, roles=roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        party = editing_selectors.party_of(plan=plan, party_id=data.get("party"))
        try:
            held = services.item_role_add(
                user=request.user,
                item=item,
                role=data["role"],
                party=party,
                new_person_name=data.get("new_person_name", ""),
                new_person_email=data.get("new_person_email", ""),
            )
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(request, f"{held.party.name} added.")
            return redirect("web:item-roles", slug=slug, item_id=item.pk)
    return _form_page(
        request,
        "web/edit/item_roles.html",
        form,
        plan=plan,
        item=item,
        held=list(item.roles.select_related("party").order_by("role", "position")),
    )


@login_required
@require_POST
def item_role_remove(request: HttpRequest, slug: str, role_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    held = get_object_or_404(ItemRole.objects.select_related("item__plan", "party"), pk=role_id)
    if held.item.plan_id != plan.pk:
        raise Http404("No such role in this plan.")
    services.item_role_remove(user=request.user, held=held)
    messages.success(request, f"{held.party.name} removed.")
    return redirect("web:item-roles", slug=slug, item_id=held.item_id)


# Measures ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    item = _item(plan, item_id)
    form = MeasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_create(user=request.user, item=item, values=form.values())
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(request, "Measure added.")
            return redirect(_item_url(item))
    return _form_page(request, "web/edit/measure_form.html", form, plan=plan, item=item)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, slug: str, measure_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    measure = _measure(plan, measure_id)
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
            form = _rebased(MeasureForm, request, error.current_version)
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(request, "Your changes have been saved.")
            return redirect(_item_url(measure.item))
    return _form_page(
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
    plan = _plan(slug, request.user)
    measure = _measure(plan, measure_id)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_archive(
                user=request.user, measure=measure, reason=form.cleaned_data["reason"]
            )
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(
                request, "Measure archived. It can be restored from the Archived page."
            )
            return redirect(_item_url(measure.item))
    return _form_page(
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
    plan = _plan(slug, request.user)
    measure = _measure(plan, measure_id)
    try:
        services.measure_restore(user=request.user, measure=measure)
    except EditError as error:
        messages.error(request, str(error))
        return redirect("web:plan-archived", slug=slug)
    messages.success(request, "Measure restored.")
    return redirect(_item_url(measure.item))


@login_required
@require_http_methods(["GET", "POST"])
def measure_targets(request: HttpRequest, slug: str, measure_id: int) -> HttpResponse:
    """A measure's target in each period and its own tolerance bands (or the plan's)."""
    plan = _plan(slug, request.user)
    measure = _measure(plan, measure_id)
    periods = period_list(plan=plan)
    saved = dict(MeasureTarget.objects.filter(measure=measure).values_list("period_id", "text"))
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
            form = _rebased(MeasureTargetsForm, request, error.current_version, **options)
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(request, "The targets and tolerance bands have been saved.")
            return redirect("web:indicator-detail", slug=slug, measure_id=measure.pk)
    return _form_page(
        request,
        "web/edit/measure_targets.html",
        form,
        conflict=conflict,
        plan=plan,
        item=measure.item,
        measure=measure,
        plan_bands=plan_bands(plan).describe(),
    )


# Risks ---------------------------------------------------------------------------------


def _risk(plan: Plan, risk_id: int) -> Risk:
    return get_object_or_404(Risk.objects.select_related("plan"), plan=plan, pk=risk_id)


def _risks_url(plan: Plan) -> str:
    return reverse("web:risk-register", args=[plan.slug])


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug, request.user)
    form = RiskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            risks.risk_create(user=request.user, plan=plan, values=form.values())
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(request, "Risk added.")
            return redirect(_risks_url(plan))
    return _form_page(request, "web/edit/risk_form.html", form, plan=plan)


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, slug: str, risk_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    risk = _risk(plan, risk_id)
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
            form = _rebased(RiskForm, request, error.current_version)
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(request, "Your changes have been saved.")
            return redirect(_risks_url(plan))
    return _form_page(
        request, "web/edit/risk_form.html", form, conflict=conflict, plan=plan, risk=risk
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_archive(request: HttpRequest, slug: str, risk_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    risk = _risk(plan, risk_id)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            risks.risk_archive(user=request.user, risk=risk, reason=form.cleaned_data["reason"])
        except EditError as error:
            _refused(form, error)
        else:
            messages.success(request, "Risk archived. It can be restored from the Archived page.")
            return redirect(_risks_url(plan))
    return _form_page(request, "web/edit/risk_archive.html", form, plan=plan, risk=risk)


@login_required
@require_POST
def risk_restore(request: HttpRequest, slug: str, risk_id: int) -> HttpResponse:
    plan = _plan(slug, request.user)
    try:
        risks.risk_restore(user=request.user, risk=_risk(plan, risk_id))
    except EditError as error:
        messages.error(request, str(error))
        return redirect("web:plan-archived", slug=slug)
    messages.success(request, "Risk restored.")
    return redirect(_risks_url(plan))


# The archive ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def plan_archived(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug, request.user)
    return render(
        request,
        "web/edit/archived.html",
        {"plan": plan, "archived": editing_selectors.archived_for(plan=plan)},
    )
