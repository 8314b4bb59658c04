"""Targets per period and a measure's own tolerance bands: set, change or clear them."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from councilplan.accounts.permissions import Action, permission_check
from councilplan.domain.quantities import target_parse
from councilplan.editing.errors import (
    GREEN_BEYOND_AMBER_ERROR,
    TARGET_CHANGE_REASON_REQUIRED_ERROR,
    TARGET_PERIOD_OTHER_PLAN_ERROR,
    TOLERANCE_NEGATIVE_ERROR,
    TOLERANCE_RANGE_ERROR,
    EditError,
)
from councilplan.editing.services import stale_refusal
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
    reason = reason.strip()[:500]
    with acting_for(user, reason=reason), transaction.atomic():
        return _target_apply(measure, period, text, reason)


def _target_apply(
    measure: Measure, period: ReportingPeriod, text: str, reason: str
) -> MeasureTarget | None:
    text = text.strip()
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
    elif target.text == text:
        return target  # unchanged: no new version, no history line
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


@dataclass(frozen=True)
class MeasureBands:
    """A measure's own tolerance bands (percent of the target when `relative`, else in its
    own units); None in `MeasureTargets.bands` means it follows the plan's."""

    green_within: Decimal
    amber_within: Decimal
    relative: bool


@dataclass(frozen=True)
class MeasureTargets:
    """What the targets page sends: each period's target as printed ("" for none, when the
    measure's one target applies), the bands, and why targets changed."""

    targets: dict[int, str]  # period id -> target as printed
    bands: MeasureBands | None
    reason: str = ""


def measure_targets_change(
    *, user: Any, measure: Measure, based_on_version: int, change: MeasureTargets
) -> Measure:
    """Set a measure's targets for its plan's periods and its own bands (or none) at once.
    Refused, with nothing saved, when someone saved the measure since the form was opened
    (StaleEditError), when a target that was set changes without a reason, or when a band is
    out of range. Each changed target keeps who changed it and why in the history."""
    plan = measure.plan
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    if change.bands is not None:
        _bands_validate(change.bands)
    periods = {p.pk: p for p in ReportingPeriod.objects.filter(plan=plan)}
    reason = change.reason.strip()[:500]
    with acting_for(user, reason=reason), transaction.atomic():
        locked = (
            Measure.objects.select_for_update(of=("self",))
            .select_related("modified_by")
            .get(pk=measure.pk)
        )
        if locked.version != based_on_version:
            raise stale_refusal(locked, "measure", _differences(locked, change, periods))
        for period_id, text in change.targets.items():
            if period_id not in periods:
                raise EditError(TARGET_PERIOD_OTHER_PLAN_ERROR.format(period=period_id))
            _target_apply(locked, periods[period_id], text, reason)
        bands = change.bands
        locked.tolerance_green_within_percent = bands.green_within if bands else None
        locked.tolerance_amber_within_percent = bands.amber_within if bands else None
        locked.tolerance_relative = bands.relative if bands else None
        locked.version += 1
        locked.full_clean()
        locked.save()
    return locked


def _bands_validate(bands: MeasureBands) -> None:
    top = Decimal(100) if bands.relative else None
    for name, value in (("green_within", bands.green_within), ("amber_within", bands.amber_within)):
        if value < 0 or (top is not None and value > top):
            raise EditError(
                TOLERANCE_RANGE_ERROR if top is not None else TOLERANCE_NEGATIVE_ERROR, field=name
            )
    if bands.green_within > bands.amber_within:
        raise EditError(GREEN_BEYOND_AMBER_ERROR, field="green_within")


def _differences(
    measure: Measure, change: MeasureTargets, periods: dict[int, ReportingPeriod]
) -> list[tuple[str, Any, Any]]:
    saved = dict(MeasureTarget.objects.filter(measure=measure).values_list("period_id", "text"))
    pairs: list[tuple[str, Any, Any]] = [
        (f"Target for {periods[pk].label}", saved.get(pk, ""), text)
        for pk, text in change.targets.items()
        if pk in periods
    ]
    own = measure.tolerance_amber_within_percent
    pairs.append(
        (
            "Tolerance bands",
            "The plan's"
            if own is None
            else f"Green {measure.tolerance_green_within_percent}, Amber {own}",
            "The plan's"
            if change.bands is None
            else f"Green {change.bands.green_within}, Amber {change.bands.amber_within}",
        )
    )
    return pairs
