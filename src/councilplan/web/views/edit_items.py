"""A plan's items: add, change, move, reorder, archive and restore one, and the people in
its roles. The rules are `councilplan.editing.services`'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from councilplan.domain.wording import plural
from councilplan.editing import selectors as editing_selectors
from councilplan.editing import services
from councilplan.editing.errors import EditError, StaleEditError
from councilplan.plans.selectors import (
    level_name,
    role_held_get,
    roles_held_of,
)
from councilplan.web.edit_forms import (
    ItemForm,
    ItemMoveForm,
    ReasonForm,
    RoleForm,
)
from councilplan.web.views.common import (
    item_any_or_404,
)
from councilplan.web.views.form_pages import (
    form_page,
    item_url,
    plan_to_edit_or_404,
    rebased,
    refused,
)


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    parent_id = request.GET.get("parent") or request.POST.get("parent")
    parent = item_any_or_404(plan, int(parent_id)) if parent_id and parent_id.isdigit() else None
    form = ItemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(
                user=request.user, plan=plan, parent=parent, values=form.values()
            )
        except EditError as error:
            refused(form, error)
        else:
            messages.success(request, f"{level_name(plan=plan, depth=item.depth)} added.")
            return redirect(item_url(item))
    return form_page(
        request,
        "web/edit/item_form.html",
        form,
        plan=plan,
        parent=parent,
        level=level_name(plan=plan, depth=0 if parent is None else parent.depth + 1),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    item = item_any_or_404(plan, item_id)
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
            form = rebased(ItemForm, request, error.current_version)
        except EditError as error:
            refused(form, error)
        else:
            messages.success(request, "Your changes have been saved.")
            return redirect(item_url(item))
    return form_page(
        request,
        "web/edit/item_form.html",
        form,
        conflict=conflict,
        plan=plan,
        item=item,
        level=level_name(plan=plan, depth=item.depth),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_move(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    item = item_any_or_404(plan, item_id)
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
                user=request.user,
                item=item,
                parent=item_any_or_404(plan, chosen) if chosen else None,
            )
        except EditError as error:
            refused(form, error)
        else:
            messages.success(request, "The item has been moved.")
            return redirect(item_url(item))
    return form_page(request, "web/edit/item_move.html", form, plan=plan, item=item)


@login_required
@require_POST
def item_reorder(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    item = item_any_or_404(plan, item_id)
    step = -1 if request.POST.get("step") == "up" else 1
    services.item_reorder(user=request.user, item=item, step=step)
    messages.success(request, "Moved " + ("up." if step < 0 else "down."))
    return redirect(request.POST.get("next") or item_url(item))


@login_required
@require_http_methods(["GET", "POST"])
def item_archive(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    item = item_any_or_404(plan, item_id)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.item_archive(
                user=request.user, item=item, reason=form.cleaned_data["reason"]
            )
        except EditError as error:
            refused(form, error)
        else:
            messages.success(
                request,
                f"{plural(count, 'item')} archived. They are listed on the Archived page, "
                "where they can be restored.",
            )
            return redirect(
                item_url(item.parent) if item.parent else reverse("web:plan-tree", args=[slug])
            )
    below = len(editing_selectors.subtree_ids(item)) - 1
    return form_page(
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
    plan = plan_to_edit_or_404(slug, request.user)
    item = item_any_or_404(plan, item_id)
    try:
        count = services.item_restore(user=request.user, item=item)
    except EditError as error:
        messages.error(request, str(error))
        return redirect("web:plan-archived", slug=slug)
    messages.success(request, f"{plural(count, 'item')} restored.")
    return redirect(item_url(item))


# People in roles -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def item_roles(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    item = item_any_or_404(plan, item_id)
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
            refused(form, error)
        else:
            messages.success(request, f"{held.party.name} added.")
            return redirect("web:item-roles", slug=slug, item_id=item.pk)
    return form_page(
        request,
        "web/edit/item_roles.html",
        form,
        plan=plan,
        item=item,
        held=roles_held_of(item=item),
    )


@login_required
@require_POST
def item_role_remove(request: HttpRequest, slug: str, role_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    held = role_held_get(plan=plan, role_id=role_id)
    if held is None:
        raise Http404("No such role in this plan.")
    services.item_role_remove(user=request.user, held=held)
    messages.success(request, f"{held.party.name} removed.")
    return redirect("web:item-roles", slug=slug, item_id=held.item_id)
