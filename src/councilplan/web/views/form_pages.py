"""What the pages that keep a plan up to date share: the plan to edit (found, and the user
allowed to edit it), a form page drawn with its errors, a service's refusal put beside its
field, and a stale form rebased on what is saved now (the conflict page, HTTP 409)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from councilplan.accounts.permissions import Action, permission_check
from councilplan.editing.errors import EditError, StaleEditError
from councilplan.plans.models import Plan, PlanItem
from councilplan.web.edit_forms import GovukForm
from councilplan.web.views.common import plan_visible_or_404

CHANGES_SAVED = "Your changes have been saved."


def plan_to_edit_or_404(slug: str, user: Any) -> Plan:
    """A working plan the user may edit (PermissionDenied when they may not)."""
    plan = plan_visible_or_404(slug)
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    return plan


def item_url(item: PlanItem) -> str:
    return reverse("web:item-detail", args=[item.plan.slug, item.pk])


Result = TypeVar("Result")


@dataclass
class Submission(Generic[Result]):
    """What became of a form page's request: `saved`, with what the act returned, or the form
    to draw again (with the conflict when someone else saved first)."""

    form: Any
    saved: bool = False
    result: Result | None = None
    conflict: StaleEditError | None = None


def posted(request: HttpRequest) -> Any:
    """The form's data: what was sent, or nothing when the page is only being shown."""
    return request.POST if request.method == "POST" else None


def form_submitted(
    request: HttpRequest,
    form: GovukForm,
    act: Callable[[Any], Result],
    **form_options: Any,
) -> Submission[Result]:
    """What every editing page does with its form: nothing until it is sent and valid; then
    the service's act on it. A stale version rebases the form on what is saved now (built
    again with `form_options`); a refusal is put beside the field it names."""
    if request.method != "POST" or not form.is_valid():
        return Submission(form)
    try:
        result = act(form)
    except StaleEditError as error:
        again = rebased(type(form), request, error.current_version, **form_options)
        return Submission(again, conflict=error)
    except EditError as error:
        refused(form, error)
        return Submission(form)
    return Submission(form, saved=True, result=result)


def form_page(
    request: HttpRequest,
    template: str,
    form: GovukForm | Submission[Any],
    *,
    conflict: StaleEditError | None = None,
    **context: Any,
) -> HttpResponse:
    """Draw a form page: errors in the summary, HTTP 409 for a conflict, 400 for errors."""
    if isinstance(form, Submission):
        form, conflict = form.form, form.conflict
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


def refused(form: GovukForm, error: EditError) -> None:
    """Put a service's refusal beside the field it names (or above the form)."""
    form.add_error(error.field if error.field in form.fields else None, str(error))


def rebased(form_class: type[GovukForm], request: HttpRequest, version: int, **kwargs: Any) -> Any:
    """The form as typed, based now on the version saved: the next save keeps it
    deliberately, after the person has seen the differences."""
    data = request.POST.copy()
    data["version"] = str(version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form
