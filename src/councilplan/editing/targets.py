"""Targets per period: set, change or clear a measure's target for one reporting period."""

from typing import Any

from django.db import transaction

from councilplan.accounts.permissions import Action, permission_check
from councilplan.domain.quantities import target_parse
from councilplan.editing.errors import (
    TARGET_CHANGE_REASON_REQUIRED_ERROR,
    TARGET_PERIOD_OTHER_PLAN_ERROR,
    EditError,
)
from councilplan.history.context import acting_for
from councilplan.plans.models import Measure, MeasureTarget, ReportingPeriod


def measure_target_set(
    *, user: Any, measure: Measure, period: ReportingPeriod, text: str, reason: str = ""
) -> MeasureTarget | None:
    """Set the measure's target for one period, read as the importer reads a target
    (`at least 75%`, `< 4,007`; `TBC` is kept as text with no figure, never read as 0).
    Changing or clearing (empty `text`) a target that was set needs a reason; who changed it
    and why are kept in the history. Returns the target, or None once cleared."""
    permission_check(user, Action.EDIT_PLAN, plan=measure.plan)
    if period.plan_id != measure.plan_id:
        raise EditError(TARGET_PERIOD_OTHER_PLAN_ERROR.format(period=period.label), field="period")
    text, reason = text.strip(), reason.strip()[:500]
    with acting_for(user, reason=reason), transaction.atomic():
        target = (
            MeasureTarget.objects.select_for_update().filter(measure=measure, period=period).first()
        )
        if target is not None and not reason and target.text != text:
            raise EditError(TARGET_CHANGE_REASON_REQUIRED_ERROR, field="reason")
        if not text:
            if target is not None:
                target.delete()
            return None
        if target is None:
            target = MeasureTarget(measure=measure, period=period)
        else:
            target.version += 1
        parsed = target_parse(text)
        target.text = text
        target.value = parsed.value
        target.comparator = parsed.comparator if parsed.value is not None else ""
        target.reason = reason
        target.full_clean()
        target.save()
    return target
