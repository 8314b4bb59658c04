"""What the public may see of a published period, built once when it is published.

Only public items whose ancestors are all public; only approved updates; only the fields a
council publishes (no names of officers, no review comments, no drafts).
"""

from datetime import datetime
from typing import Any

from councilplan.domain.numbers import number_out
from councilplan.plans.models import MeasureValue, PlanItem, ProgressUpdate, ReportingPeriod
from councilplan.plans.selectors import plan_items_in_order

SNAPSHOT_FORMAT_VERSION = 1


def _public_items(items: list[PlanItem]) -> list[PlanItem]:
    public_ids: set[int] = set()
    kept = []
    for item in items:  # depth-first order: a parent comes before its children
        if item.is_public and (item.parent_id is None or item.parent_id in public_ids):
            public_ids.add(item.pk)
            kept.append(item)
    return kept


def _update_content(update: ProgressUpdate | None) -> dict[str, Any] | None:
    if update is None:
        return None
    return {
        "status": update.status.label if update.status else update.status_text,
        "rag": update.status.rag if update.status else "",
        "percent_complete": number_out(update.percent_complete),
        "commentary": update.commentary,
        "next_steps": update.next_steps,
        "forecast": update.forecast_status.label if update.forecast_status else "",
        "forecast_rag": update.forecast_status.rag if update.forecast_status else "",
    }


def snapshot_content_build(*, period: ReportingPeriod, published_on: datetime) -> dict[str, Any]:
    plan = period.plan
    items = _public_items(plan_items_in_order(plan=plan))
    approved = {
        update.item_id: update
        for update in ProgressUpdate.objects.filter(
            period=period, state=ProgressUpdate.State.APPROVED
        ).select_related("status", "forecast_status")
    }
    values = {
        value.measure_id: value
        for value in MeasureValue.objects.filter(period=period, measure__item__in=list(approved))
    }
    levels = dict(plan.levels.values_list("depth", "name"))
    keys = {item.pk: item.key for item in items}
    rag_counts: dict[str, int] = {}
    content_items = []
    for item in items:
        update = approved.get(item.pk)
        if update is not None and update.status is not None:
            rag_counts[update.status.rag] = rag_counts.get(update.status.rag, 0) + 1
        content_items.append(
            {
                "key": item.key,
                "ref": item.ref,
                "parent": keys.get(item.parent_id),
                "depth": item.depth,
                "level": levels.get(item.depth, ""),
                "title": item.title,
                "description": item.description,
                "outcome": item.outcome,
                "timescale": item.timescale_text,
                "due_date": item.due_date.isoformat() if item.due_date else None,
                "update": _update_content(update),
                "measures": [
                    {
                        "key": measure.key,
                        "name": measure.name,
                        "unit": measure.unit,
                        "polarity": measure.polarity,
                        "target": measure.target_text,
                        "actual": values[measure.pk].text if measure.pk in values else "",
                        "actual_value": number_out(values[measure.pk].value)
                        if measure.pk in values
                        else None,
                    }
                    for measure in item.measures.all()
                    if measure.archived_on is None and update is not None
                ],
            }
        )
    return {
        "format": SNAPSHOT_FORMAT_VERSION,
        "plan": {
            "id": plan.slug,
            "title": plan.title,
            "organisation": plan.organisation.name,
            "levels": [levels[depth] for depth in sorted(levels)],
        },
        "period": {
            "key": period.key,
            "label": period.label,
            "starts_on": period.starts_on.isoformat(),
            "ends_on": period.ends_on.isoformat(),
        },
        "published_on": published_on.isoformat(),
        "counts": {
            "items": len(content_items),
            "updates": sum(1 for entry in content_items if entry["update"] is not None),
            "rag": rag_counts,
        },
        "items": content_items,
    }
