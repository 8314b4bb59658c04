"""A generated plan in the open plan format, of any size and shape: the one generator the
benchmarks (bench/) and the tests share.

    generated_plan_document(actions=2000)                  two levels: 20 priorities, then
                                                           actions; two quarters, the second
                                                           open; a measure on one action in 4
    generated_plan_document(actions=2000, **REPORT_SHAPE)  three levels (5 missions of 4
                                                           priorities), 8 published quarters,
                                                           a measure on every action, 20 risks

Every action has a lead officer, a portfolio and a service area, a due date, and an approved
update in every quarter (its progress only grows); a measured action has a value in every
quarter. Deterministic: the same arguments give the same plan.
"""

import random
from typing import Any

from councilplan.domain.periods import Period

STATUSES = ("green",) * 6 + ("amber",) * 3 + ("red", "not-started")
OFFICERS = tuple(f"Officer {number:02d}" for number in range(1, 61))
PORTFOLIOS = tuple(
    f"Portfolio {name}"
    for name in (
        "Housing",
        "Environment",
        "Economy",
        "Health",
        "Finance",
        "Community",
        "Transport",
        "Culture",
    )
)
SERVICE_AREAS = tuple(f"Service area {number}" for number in range(1, 11))
FIRST_QUARTER = Period(2024, 1)

# The shape of the report benchmarks: a Cabinet-sized plan with a long history.
REPORT_SHAPE: dict[str, Any] = {
    "quarters": 8,
    "missions": 5,
    "priorities": 4,
    "measure_every": 1,
    "last_open": False,
    "risks": 20,
    "led_priorities": False,
}


def generated_plan_document(
    *,
    actions: int = 2000,
    quarters: int = 2,
    missions: int = 0,
    priorities: int = 20,
    measure_every: int = 4,
    last_open: bool = True,
    risks: int = 0,
    led_priorities: bool = True,
    seed: int = 1,
    plan_id: str = "",
) -> dict[str, Any]:
    """A plan of `actions` actions reported over `quarters` quarters from April 2024.

    `missions` 0 gives two levels: at most `priorities` priorities (one for every ten
    actions), the actions shared between them in turn. `missions` above 0 gives three:
    each mission has `priorities` priorities. One action in `measure_every` has a measure
    (1: every action; 0: none). `last_open`: the last quarter is open (its position worked
    out live), else every quarter is published. `risks` risks, each on a top-level item.
    `led_priorities`: each priority has a lead officer and a portfolio (else only actions
    have, and a filter by officer keeps the priorities as headings)."""
    rng = random.Random(seed)  # noqa: S311 (a repeatable plan, not a secret)
    periods = [FIRST_QUARTER]
    while len(periods) < quarters:
        periods.append(periods[-1].next())
    items, parents, levels = _upper_levels(
        missions=missions, priorities=priorities, actions=actions, led=led_priorities
    )
    updates: list[dict[str, Any]] = []
    values: list[dict[str, Any]] = []
    for number in range(1, actions + 1):
        key = f"A{number}"
        measured = measure_every > 0 and number % measure_every == 0
        items.append(_action(number, parents[(number - 1) % len(parents)], periods, measured, rng))
        percent = 0
        for period in periods:
            percent = min(100, percent + rng.choice((0, 5, 10, 15, 25)))
            status = "complete" if percent == 100 else rng.choice(STATUSES)
            updates.append(
                {
                    "item": key,
                    "period": period.key,
                    "status": status,
                    "progress": percent,
                    "commentary": f"Progress in {period.label}: work continues on site.",
                    "next_steps": "Complete the next phase.",
                    "state": "approved",
                }
            )
            if measured:
                value = rng.randint(30, 90)
                values.append(
                    {
                        "measure": f"{key}-M1",
                        "period": period.key,
                        "value": value,
                        "text": f"{value}%",
                    }
                )
    tops = [item["id"] for item in items if item["parent"] is None]
    return {
        "format": "councilplan-open-plan",
        "version": 1,
        "organisation": {"name": "Generated Borough Council", "kind": "borough"},
        "plan": {
            "id": plan_id or f"generated-plan-{actions}",
            "title": f"Generated plan of {actions} actions",
            "kind": "corporate",
            "starts_on": periods[0].starts_on.isoformat(),
            "ends_on": periods[-1].ends_on.isoformat(),
            "levels": levels,
            "current_period": periods[-1].key,
        },
        "items": items,
        "periods": [
            {
                "id": period.key,
                "label": period.label,
                "starts_on": period.starts_on.isoformat(),
                "ends_on": period.ends_on.isoformat(),
                "state": "open" if last_open and period == periods[-1] else "published",
            }
            for period in periods
        ],
        "updates": updates,
        "measure_values": values,
        "risks": [
            {
                "id": f"R{number}",
                "description": f"Risk {number}: delivery is delayed by funding",
                "rag": rng.choice(("green", "amber", "red")),
                "mitigations": ["Seek grants", "Phase the work"],
                "items": [tops[number % len(tops)]],
            }
            for number in range(1, risks + 1)
        ],
    }


def report_plan_document(**options: Any) -> dict[str, Any]:
    """A generated plan of the report benchmarks' shape (REPORT_SHAPE), `options` overriding."""
    return generated_plan_document(**{**REPORT_SHAPE, **options})


def _upper_levels(
    *, missions: int, priorities: int, actions: int, led: bool
) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """The items above the actions, the keys the actions hang from, and the level names."""
    items: list[dict[str, Any]] = []
    if not missions:
        keys = [f"P{number}" for number in range(1, max(1, min(priorities, actions // 10)) + 1)]
        for number, key in enumerate(keys, start=1):
            items.append(_priority(key, key, None, number, led))
        return items, keys, ["Priority", "Action"]
    keys = []
    for mission in range(1, missions + 1):
        holder = PORTFOLIOS[mission % len(PORTFOLIOS)]
        items.append(
            {
                "id": f"M{mission}",
                "ref": str(mission),
                "parent": None,
                "level": "Mission",
                "title": f"Mission {mission}",
                "roles": {"portfolio_holder": [holder]},
            }
        )
        for priority in range(1, priorities + 1):
            key = f"M{mission}.{priority}"
            keys.append(key)
            items.append(_priority(key, f"{mission}.{priority}", f"M{mission}", len(keys), led))
    return items, keys, ["Mission", "Priority", "Action"]


def _priority(key: str, ref: str, parent: str | None, number: int, led: bool) -> dict[str, Any]:
    """A priority; `led`: with a lead officer and a portfolio."""
    priority: dict[str, Any] = {
        "id": key,
        "ref": ref,
        "parent": parent,
        "level": "Priority",
        "title": f"Priority {ref}",
    }
    if led:
        priority["roles"] = {
            "lead_officer": [OFFICERS[number % len(OFFICERS)]],
            "portfolio": [PORTFOLIOS[number % len(PORTFOLIOS)]],
        }
    return priority


def _action(
    number: int, parent: str, periods: list[Period], measured: bool, rng: random.Random
) -> dict[str, Any]:
    key = f"A{number}"
    action: dict[str, Any] = {
        "id": key,
        "ref": key,
        "parent": parent,
        "level": "Action",
        "title": f"Action {number}: deliver the programme of works for area {number % 37}",
        "roles": {
            "lead_officer": [rng.choice(OFFICERS)],
            "portfolio": [PORTFOLIOS[number % len(PORTFOLIOS)]],
            "service_area": [rng.choice(SERVICE_AREAS)],
        },
        "timescale": {
            "text": "",
            "start": periods[0].starts_on.isoformat(),
            "due": periods[rng.randrange(len(periods))].ends_on.isoformat(),
        },
        "measures": [],
    }
    if measured:
        action["measures"].append(
            {
                "id": f"{key}-M1",
                "name": f"Measure for action {number}",
                "unit": "%",
                "polarity": rng.choice(("higher", "lower")),
                "frequency": "quarterly",
                "baseline": {"text": "50%", "value": 50, "comparator": "="},
                "target": {"text": "equal to or > 60%", "value": 60, "comparator": ">="},
            }
        )
    return action
