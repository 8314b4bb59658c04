"""A generated plan in the open plan format, as large as a benchmark needs.

`plan_document(actions=2000)` gives 20 priorities with 2,000 actions between them, each with a
lead officer and a portfolio, a due date, approved updates in two quarters and, for one action
in four, a measure with its actuals. Deterministic for a given seed.
"""

import random
from typing import Any

STATUSES = ("green", "green", "green", "amber", "amber", "red", "complete", "not-started")
PEOPLE = [f"Officer {number:02d}" for number in range(1, 61)]
PORTFOLIOS = [
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
]


def plan_document(*, actions: int, seed: int = 1, plan_id: str = "") -> dict[str, Any]:
    rng = random.Random(seed)
    priorities = max(1, min(20, actions // 10))
    items: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    measure_values: list[dict[str, Any]] = []
    for number in range(1, priorities + 1):
        items.append(_item(f"P{number}", None, "Priority", f"Priority {number}", rng, []))
    for number in range(1, actions + 1):
        key = f"A{number}"
        parent = f"P{(number - 1) % priorities + 1}"
        measures = []
        if number % 4 == 0:
            measures.append(_measure(key))
            for period, value in (
                ("2024-Q1", rng.randint(40, 90)),
                ("2024-Q2", rng.randint(40, 90)),
            ):
                measure_values.append(
                    {
                        "measure": f"{key}-M1",
                        "period": period,
                        "value": value,
                        "comparator": "",
                        "text": f"{value}%",
                        "note": "",
                    }
                )
        items.append(
            _item(key, parent, "Action", f"Action {number}: deliver the plan", rng, measures)
        )
        for period in ("2024-Q1", "2024-Q2"):
            updates.append(
                {
                    "item": key,
                    "period": period,
                    "status": rng.choice(STATUSES),
                    "status_text": "",
                    "progress": rng.randint(0, 100),
                    "commentary": f"Progress on action {number} in {period}.",
                    "next_steps": "",
                    "forecast_status": None,
                    "author": "",
                    "state": "approved",
                    "submitted_on": None,
                    "review_comment": "",
                }
            )
    return {
        "format": "councilplan-open-plan",
        "version": 1,
        "organisation": {
            "name": "Benchmark Borough Council",
            "slug": "benchmark-borough",
            "kind": "borough",
            "gss_code": "",
        },
        "plan": {
            "id": plan_id or f"generated-plan-{actions}",
            "title": f"Generated plan with {actions} actions",
            "kind": "corporate",
            "description": "",
            "starts_on": "2024-04-01",
            "ends_on": "2025-03-31",
            "levels": ["Priority", "Action"],
            "calendar": {"year_start_month": 4, "period_months": 3},
            "current_period": "2024-Q2",
            "metadata": {},
        },
        "parties": [{"name": name, "kind": "person", "email": ""} for name in PEOPLE]
        + [{"name": name, "kind": "portfolio", "email": ""} for name in PORTFOLIOS],
        "items": items,
        "periods": [
            {
                "id": "2024-Q1",
                "label": "Q1 2024/25",
                "starts_on": "2024-04-01",
                "ends_on": "2024-06-30",
                "state": "published",
                "updates_due_on": None,
                "published_on": "2024-07-31T09:00:00+00:00",
            },
            {
                "id": "2024-Q2",
                "label": "Q2 2024/25",
                "starts_on": "2024-07-01",
                "ends_on": "2024-09-30",
                "state": "open",
                "updates_due_on": None,
                "published_on": None,
            },
        ],
        "updates": updates,
        "measure_values": measure_values,
        "risks": [],
        "anomalies": [],
    }


def _item(
    key: str,
    parent: str | None,
    level: str,
    title: str,
    rng: random.Random,
    measures: list[dict[str, Any]],
) -> dict[str, Any]:
    month = rng.randint(4, 12)
    return {
        "id": key,
        "ref": key,
        "parent": parent,
        "level": level,
        "title": title,
        "description": "",
        "outcome": "",
        "resources": "",
        "roles": {"lead_officer": [rng.choice(PEOPLE)], "portfolio": [rng.choice(PORTFOLIOS)]},
        "timescale": {
            "text": "",
            "start": None,
            "due": f"2024-{month:02d}-28",
            "open_ended": False,
        },
        "weight": 1,
        "is_public": True,
        "status": None,
        "progress": None,
        "commentary": "",
        "next_steps": "",
        "measures": measures,
        "figures": [],
        "source": {"file": "", "location": "", "fields": {}, "cells": []},
    }


def _measure(key: str) -> dict[str, Any]:
    return {
        "id": f"{key}-M1",
        "name": f"Measure for {key}",
        "unit": "%",
        "polarity": "higher",
        "frequency": "quarterly",
        "cumulative": False,
        "source": "",
        "baseline": {"text": "50%", "value": 50, "comparator": "="},
        "target": {"text": "75%", "value": 75, "comparator": ">="},
        "actual": None,
    }
