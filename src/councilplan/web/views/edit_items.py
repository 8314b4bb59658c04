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
from councilplan.editing.errors import EditError
from councilplan.plans.models import ItemRole, Plan, PlanItem
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
    CHANGES_SAVED,
    form_page,
    form_submitted,
    item_url,
    plan_to_edit_or_404,
    posted,
)


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    parent_id = request.GET.get("parent") or request.POST.get("parent")
    parent = item_any_or_404(plan, int(parent_id)) if parent_id and parent_id.isdigit() else None
    submission = form_submitted(
        request,
        ItemForm(posted(request)),
        lambda form: services.item_create(
            user=request.user, plan=plan, parent=parent, values=form.values()
        ),
    )
    if (item := submission.result) is not None:
        messages.success(request, f"{level_name(plan=plan, depth=item.depth)} added.")
        return redirect(item_url(item))
    return form_page(
        request,
        "web/edit/item_form.html",
        submission,
        plan=plan,
        parent=parent,
        level=level_name(plan=plan, depth=0 if parent is None else parent.depth + 1),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    plan = plan_to_edit_or_404(slug, request.user)
    item = item_any_or_404(plan, item_id)
    submission = form_submitted(
        request,
        ItemForm(
            posted(request),
            initial=ItemForm.initial_of(services.ItemFields.of(item), item.version),
        ),
        lambda form: services.item_change(
            user=request.user,
            item=item,
            based_on_version=form.cleaned_data["version"] or 0,
            values=form.values(),
        ),
    )
    if submission.saved:
        messages.success(request, CHANGES_SAVED)
        return redirect(item_url(item))
    return form_page(
        request,
        "web/edit/item_form.html",
        submission,
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
    submission = form_submitted(
        request,
        ItemMoveForm(
            posted(request),
            initial={"parent": item.parent_id or ""},
            parents=[(str(target.pk), target.label) for target in parents],
        ),
        lambda form: services.item_move(
            user=request.user, item=item, parent=_parent_chosen(plan, form.cleaned_data["parent"])
        ),
    )
    if submission.saved:
        messages.success(request, "The item has been moved.")
        return redirect(item_url(item))
    return form_page(request, "web/edit/item_move.html", submission, plan=plan, item=item)


def _parent_chosen(plan: Plan, chosen: int | None) -> PlanItem | None:
    return item_any_or_404(plan, chosen) if chosen else None


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
    submission = form_submitted(
        request,
        ReasonForm(posted(request)),
        lambda form: services.item_archive(
            user=request.user, item=item, reason=form.cleaned_data["reason"]
        ),
    )
    if (count := submission.result) is not None:
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
        submission,
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

    def role_add(form: RoleForm) -> ItemRole:
        data = form.cleaned_data
        return services.item_role_add(
            user=request.user,
            item=item,
            role=data["role"],
            party=editing_selectors.party_of(plan=plan, party_id=data.get("party")),
            new_person_name=data.get("new_person_name", ""),
            new_person_email=data.get("new_person_email", ""),
        )

    submission = form_submitted(
        request, RoleForm(posted(request), people=people, roles=roles), role_add
    )
    if (held := submission.result) is not None:
        messages.success(request, f"{held.party.name} added.")
        return redirect("web:item-roles", slug=slug, item_id=item.pk)
    return form_page(
        request,
        "web/edit/item_roles.html",
        submission,
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
