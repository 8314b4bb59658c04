"""A whole plan out of the database into the open plan format (a JSON-ready dict)."""

from decimal import Decimal
from typing import Any

from councilplan.domain.numbers import number_out
from councilplan.interchange.values import date_out, datetime_out, quantity_out
from councilplan.plans.models import (
    Anomaly,
    MeasureTarget,
    MeasureValue,
    Plan,
    PlanItem,
    ProgressUpdate,
)
from councilplan.plans.selectors import (
    period_list,
    plan_items_in_order,
    plan_measure_values,
    plan_risks,
    plan_updates,
)

FORMAT_NAME = "councilplan-open-plan"
FORMAT_VERSION = 1


def plan_export(*, plan: Plan) -> dict[str, Any]:
    """Everything the database holds about one plan. Importing the result gives it back."""
    items = plan_items_in_order(plan=plan)
    updates = list(plan_updates(plan=plan))
    values = list(plan_measure_values(plan=plan))
    targets = list(
        MeasureTarget.objects.filter(period__plan=plan).select_related("measure", "period")
    )
    current = plan.metadata.get("current_period") if plan.metadata else None
    current_updates = {u.item_id: u for u in updates if u.period.key == current}
    current_values = {v.measure_id: v for v in values if v.period.key == current}
    keys = {item.pk: item.key for item in items}
    level_names = {level.depth: level.name for level in plan.levels.all()}
    parties = {role.party for item in items for role in item.roles.all()}
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "organisation": {
            "name": plan.organisation.name,
            "slug": plan.organisation.slug,
            "kind": plan.organisation.kind,
            "gss_code": plan.organisation.gss_code,
        },
        "plan": _plan_out(plan),
        "parties": [
            {"name": p.name, "kind": p.kind, "email": p.email}
            for p in sorted(parties, key=lambda party: party.name)
        ],
        "items": [
            _item_out(item, keys, level_names, current_updates.get(item.pk), current_values)
            for item in items
        ],
        "periods": [
            {
                "id": period.key,
                "label": period.label,
                "starts_on": date_out(period.starts_on),
                "ends_on": date_out(period.ends_on),
                "state": period.state,
                "updates_due_on": date_out(period.updates_due_on),
                "published_on": datetime_out(period.published_on),
            }
            for period in period_list(plan=plan)
        ],
        "updates": [_update_out(update) for update in updates],
        "published_snapshots": [
            {
                "period": snapshot.period.key,
                "published_on": datetime_out(snapshot.published_on),
                "content": snapshot.content,
            }
            for snapshot in plan.snapshots.select_related("period").order_by("published_on", "id")
        ],
        "measure_values": _measure_values_out(values, targets),
        "risks": [
            {
                "id": risk.key,
                "description": risk.description,
                "cause": risk.cause,
                "consequence": risk.consequence,
                "owner": risk.owner,
                "likelihood": risk.likelihood,
                "impact": risk.impact,
                "rag": risk.rag,
                "rag_text": risk.rag_text,
                "mitigations": [m.text for m in risk.mitigations.all()],
                "items": sorted(keys[i.pk] for i in risk.items.all() if i.pk in keys),
            }
            for risk in plan_risks(plan=plan)
        ],
        "anomalies": [
            {
                "kind": anomaly.kind,
                "message": anomaly.message,
                "location": anomaly.location,
                "text": anomaly.text,
                "item": keys.get(anomaly.item_id) if anomaly.item_id else None,
            }
            for anomaly in Anomaly.objects.filter(plan=plan).order_by("position")
        ],
    }


def _plan_out(plan: Plan) -> dict[str, Any]:
    metadata = dict(plan.metadata or {})
    current_period = metadata.pop("current_period", None)
    return {
        "id": plan.slug,
        "title": plan.title,
        "kind": plan.kind,
        "description": plan.description,
        "starts_on": date_out(plan.starts_on),
        "ends_on": date_out(plan.ends_on),
        "levels": [level.name for level in plan.levels.order_by("depth")],
        "calendar": {
            "year_start_month": plan.year_start_month,
            "period_months": plan.period_months,
        },
        "progress_rollup": plan.progress_rollup,
        "rag_rollup": plan.rag_rollup,
        "tolerance": {
            "green_within_percent": number_out(plan.green_within_percent),
            "amber_within_percent": number_out(plan.amber_within_percent),
            "relative": plan.tolerance_relative,
        },
        # Readable by tools that know one tolerance: the amber band.
        "tolerance_percent": number_out(plan.tolerance_percent),
        "current_period": current_period,
        "status_scheme": {
            "name": plan.status_scheme.name,
            "statuses": [
                {
                    "code": s.code,
                    "label": s.label,
                    "rag": s.rag,
                    "is_complete": s.is_complete,
                    "is_inactive": s.is_inactive,
                }
                for s in plan.status_scheme.statuses.filter(disabled_on=None)
            ],
        },
        "metadata": metadata,
    }


def _item_out(
    item: PlanItem,
    keys: dict[int, str],
    level_names: dict[int, str],
    current_update: ProgressUpdate | None,
    current_values: dict[int, MeasureValue],
) -> dict[str, Any]:
    roles: dict[str, list[str]] = {}
    for role in item.roles.all():
        roles.setdefault(role.role, []).append(role.party.name)
    sources = list(item.source_fields.all())
    return {
        "id": item.key,
        "ref": item.ref,
        "parent": keys.get(item.parent_id) if item.parent_id else None,
        "level": level_names.get(item.depth),
        "title": item.title,
        "description": item.description,
        "outcome": item.outcome,
        "resources": item.resources,
        "roles": roles,
        "timescale": {
            "text": item.timescale_text,
            "start": date_out(item.start_date),
            "due": date_out(item.due_date),
            "open_ended": item.open_ended,
        },
        "weight": number_out(item.weight),
        "is_public": item.is_public,
        "status": current_update.status.code if current_update and current_update.status else None,
        "progress": number_out(current_update.percent_complete) if current_update else None,
        "commentary": current_update.commentary if current_update else "",
        "next_steps": current_update.next_steps if current_update else "",
        "measures": [_measure_out(m, current_values.get(m.pk)) for m in item.measures.all()],
        "figures": [
            {
                "kind": f.kind,
                "value": number_out(f.value),
                "unit": f.unit,
                "qualifier": f.qualifier,
                "text": f.text,
                "sentence": f.sentence,
            }
            for f in item.figures.all()
        ],
        "source": {
            "file": item.source_file,
            "location": item.source_location,
            "fields": {field.header: field.text for field in sources},
            "cells": [
                {"header": f.header, "text": f.text, "location": f.location} for f in sources
            ],
        },
    }


def _measure_out(measure: Any, actual: MeasureValue | None) -> dict[str, Any]:
    return {
        "id": measure.key,
        "ref": measure.ref,
        "name": measure.name,
        "unit": measure.unit,
        "kind": measure.kind,
        "polarity": measure.polarity,
        "frequency": measure.frequency,
        "cumulative": measure.cumulative,
        "numerator": measure.numerator,
        "denominator": measure.denominator,
        "lag_periods": measure.lag_periods,
        "tolerance": (
            {
                "green_within_percent": number_out(
                    measure.tolerance_green_within_percent or Decimal(0)
                ),
                "amber_within_percent": number_out(measure.tolerance_amber_within_percent),
                "relative": measure.tolerance_relative,
            }
            if measure.has_own_tolerance
            else None
        ),
        "source": measure.source,
        "baseline": quantity_out(
            measure.baseline_text, measure.baseline_value, measure.baseline_comparator
        ),
        "target": quantity_out(
            measure.target_text, measure.target_value, measure.target_comparator
        ),
        "actual": quantity_out(actual.text, actual.value, actual.comparator) if actual else None,
    }


def _update_out(update: ProgressUpdate) -> dict[str, Any]:
    return {
        "item": update.item.key,
        "period": update.period.key,
        "status": update.status.code if update.status else None,
        "status_text": update.status_text,
        "progress": number_out(update.percent_complete),
        "commentary": update.commentary,
        "next_steps": update.next_steps,
        "forecast_status": update.forecast_status.code if update.forecast_status else None,
        "author": update.author_name,
        "state": update.state,
        "submitted_on": datetime_out(update.submitted_on),
        "review_comment": update.review_comment,
    }


def _measure_values_out(
    values: list[MeasureValue], targets: list[MeasureTarget]
) -> list[dict[str, Any]]:
    """One entry per measure and period that has a value or a target (or both), in the
    measures' order and then the periods'."""
    by_place: dict[tuple[int, int], dict[str, Any]] = {}
    order: dict[tuple[int, int], tuple[int, Any]] = {}
    for value in values:
        place = (value.measure_id, value.period_id)
        by_place[place] = _measure_value_out(value)
        order[place] = (value.measure.position, value.period.starts_on)
    for target in targets:
        place = (target.measure_id, target.period_id)
        if place not in by_place:
            by_place[place] = _measure_value_out(
                MeasureValue(measure=target.measure, period=target.period)
            )
            order[place] = (target.measure.position, target.period.starts_on)
        by_place[place]["target"] = _target_out(target)
    return [by_place[place] for place in sorted(by_place, key=lambda p: (order[p], p))]


def _measure_value_out(value: MeasureValue) -> dict[str, Any]:
    return {
        "measure": value.measure.key,
        "period": value.period.key,
        "value": number_out(value.value),
        "comparator": value.comparator,
        "text": value.text,
        "note": value.note,
        "state": value.state,
        "expected_on": date_out(value.expected_on),
        "numerator": number_out(value.numerator),
        "denominator": number_out(value.denominator),
        "target": None,
        "reported_status": value.reported_status,
        "reported_status_text": value.reported_status_text,
        "reported_trend": value.reported_trend,
    }


def _target_out(target: MeasureTarget) -> dict[str, Any]:
    return {
        **quantity_out(target.text, target.value, target.comparator),
        "upper_value": number_out(target.upper_value),
        "reason": target.reason,
    }
