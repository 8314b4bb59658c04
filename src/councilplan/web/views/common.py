"""What every page module shares: the public mark, the sign-in gate, and finding what an
address names (a page not found otherwise). Each lookup says in its name whether archived
things are found: the pages show working plans; restoring finds an archived one."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from councilplan.accounts.permissions import Action, permission_check, permission_has
from councilplan.plans.models import Measure, Plan, PlanItem, ReportingPeriod, Risk
from councilplan.plans.selectors import (
    PeriodNotFoundError,
    PlanNotFoundError,
    item_get,
    item_working_by_key,
    measure_get,
    period_before,
    period_chosen,
    period_get,
    period_list,
    plan_get,
    plan_working_get,
    risk_get,
)

View = TypeVar("View", bound=Callable[..., Any])


def public(view: View) -> View:
    """Marks a view as deliberately open to everyone (the permission matrix test reads it)."""
    view.councilplan_public = True  # type: ignore[attr-defined]
    return view


def sign_in_or_refuse(request: HttpRequest, action: Action, plan: Plan) -> HttpResponse | None:
    """Send anonymous visitors to sign in; refuse signed-in users without permission."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    permission_check(request.user, action, plan=plan)
    return None


def plan_visible_or_404(slug: str) -> Plan:
    """A working plan: an archived one is not found (it is listed apart, to be restored)."""
    try:
        return plan_working_get(identifier=slug)
    except PlanNotFoundError as error:
        raise Http404(str(error)) from None


def plan_any_or_404(slug: str) -> Plan:
    """A plan, archived or not: for restoring it."""
    try:
        return plan_get(identifier=slug)
    except PlanNotFoundError as error:
        raise Http404(str(error)) from None


def period_or_404(plan: Plan, key: str) -> ReportingPeriod:
    """The plan's period by key; a page not found (naming the plan's periods) otherwise."""
    try:
        return period_get(plan=plan, key=key)
    except PeriodNotFoundError as error:
        raise Http404(str(error)) from None


def item_any_or_404(plan: Plan, item_id: int) -> PlanItem:
    """One of the plan's items by number, archived or not."""
    item = item_get(plan=plan, item_id=item_id)
    if item is None:
        raise Http404("No such item in this plan.")
    return item


def item_working_by_key_or_404(plan: Plan, key: str) -> PlanItem:
    """One of the plan's items by key, unless it is archived."""
    item = item_working_by_key(plan=plan, key=key)
    if item is None:
        raise Http404(f"The plan has no item '{key}'.")
    return item


def measure_any_or_404(plan: Plan, measure_id: int) -> Measure:
    measure = measure_get(plan=plan, measure_id=measure_id)
    if measure is None:
        raise Http404("No such measure in this plan.")
    return measure


def risk_any_or_404(plan: Plan, risk_id: int) -> Risk:
    risk = risk_get(plan=plan, risk_id=risk_id)
    if risk is None:
        raise Http404("No such risk in this plan.")
    return risk


def periods_context(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    """The period asked for (`?period=`) and the one before it, and what a plan's pages
    link to."""
    periods = period_list(plan=plan)
    period = period_chosen(plan=plan, periods=periods, key=request.GET.get("period"))
    return {
        "periods": periods,
        "period": period,
        "previous": period_before(periods=periods, period=period),
        "may_run_cycle": permission_has(request.user, Action.RUN_CYCLE, plan=plan),
        "may_edit_plan": permission_has(request.user, Action.EDIT_PLAN, plan=plan),
    }


def form_error_pairs(form: Any) -> list[tuple[str, str]]:
    """(field id, message) pairs for the GOV.UK error summary, in the form's field order;
    a group of radios is reached through its first radio."""
    pairs = []
    for name in form.fields:
        for message in form.errors.get(name, []):
            pairs.append((_field_anchor(name), message))
    for message in form.non_field_errors():
        pairs.append((_field_anchor(next(iter(form.fields))), message))
    return pairs


def _field_anchor(name: str) -> str:
    if name in ("status", "forecast_status"):
        return f"id_{name}_0"
    return f"id_{name}"
