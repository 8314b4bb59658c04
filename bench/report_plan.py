"""A plan of any size in the open plan format, with quarters of updates and measure values.

Used by bench/report_bench.py and by the report tests that check queries do not grow with size.
Deterministic: the same arguments give the same plan.
"""

import random
from typing import Any

from councilplan.domain.periods import Period

STATUSES = ["green"] * 6 + ["amber"] * 3 + ["red", "not-started"]
OFFICERS = [f"Officer {n}" for n in range(1, 41)]
PORTFOLIOS = [f"Portfolio {n}" for n in range(1, 9)]
SERVICE_AREAS = [f"Service area {n}" for n in range(1, 11)]


def generated_plan_document(
    *,
    actions: int = 2000,
    quarters: int = 8,
    missions: int = 5,
    priorities_per_mission: int = 4,
    plan_id: str = "generated-plan",
    seed: int = 2024,
    last_open: bool = False,
) -> dict[str, Any]:
    """`last_open`: the last quarter is open (its position worked out live), not published."""
    rng = random.Random(seed)
    periods = [Period(2024, 1)]
    while len(periods) < quarters:
        periods.append(periods[-1].next())
    items: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    values: list[dict[str, Any]] = []
    priorities = []
    for m in range(1, missions + 1):
        holder = PORTFOLIOS[m % len(PORTFOLIOS)]
        items.append(
            {
                "id": f"M{m}",
                "ref": str(m),
                "parent": None,
                "title": f"Mission {m}",
                "roles": {"portfolio_holder": [holder]},
            }
        )
        for p in range(1, priorities_per_mission + 1):
            key = f"M{m}.{p}"
            priorities.append(key)
            items.append({"id": key, "ref": f"{m}.{p}", "parent": f"M{m}",
                          "title": f"Priority {m}.{p}"})  # fmt: skip
    for a in range(actions):
        parent = priorities[a % len(priorities)]
        key = f"A{a + 1}"
        due = periods[rng.randrange(len(periods))].ends_on.isoformat()
        items.append(
            {
                "id": key,
                "ref": key,
                "parent": parent,
                "title": f"Action {a + 1}: deliver the programme of works for area {a % 37}",
                "roles": {
                    "lead_officer": [rng.choice(OFFICERS)],
                    "portfolio": [PORTFOLIOS[a % len(PORTFOLIOS)]],
                    "service_area": [rng.choice(SERVICE_AREAS)],
                },
                "timescale": {"text": "", "start": "2024-04-01", "due": due},
                "measures": [
                    {
                        "id": f"{key}-M1",
                        "name": f"Measure for action {a + 1}",
                        "unit": "%",
                        "polarity": rng.choice(["higher", "lower"]),
                        "frequency": "quarterly",
                        "baseline": {"text": "50%", "value": 50, "comparator": "="},
                        "target": {"text": "equal to or > 60%", "value": 60, "comparator": ">="},
                    }
                ],
            }
        )
        percent = 0
        for period in periods:
            percent = min(100, percent + rng.choice([0, 5, 10, 15, 25]))
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
            values.append(
                {
                    "measure": f"{key}-M1",
                    "period": period.key,
                    "value": rng.randint(30, 90),
                    "text": "",
                }  # fmt: skip
            )
    return {
        "format": "councilplan-open-plan",
        "version": 1,
        "organisation": {"name": "Generated Council", "kind": "district"},
        "plan": {
            "id": plan_id,
            "title": f"Generated plan of {actions} actions",
            "kind": "corporate",
            "starts_on": periods[0].starts_on.isoformat(),
            "ends_on": periods[-1].ends_on.isoformat(),
            "levels": ["Mission", "Priority", "Action"],
            "current_period": periods[-1].key,
        },
        "items": items,
        "periods": [
            {
                "id": p.key,
                "label": p.label,
                "starts_on": p.starts_on.isoformat(),
                "ends_on": p.ends_on.isoformat(),
                "state": "open" if last_open and p == periods[-1] else "published",
            }  # fmt: skip
            for p in periods
        ],
        "updates": updates,
        "measure_values": values,
        "risks": [
            {
                "id": f"R{n}",
                "description": f"Risk {n}: delivery is delayed by funding",
                "rag": rng.choice(["green", "amber", "red"]),
                "mitigations": ["Seek grants", "Phase the work"],
                "items": [f"M{1 + n % missions}"],
            }
            for n in range(1, 21)
        ],
    }
