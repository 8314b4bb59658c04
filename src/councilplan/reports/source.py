"""What a report is built from: the engine's inputs with the plan facts the report prints
beside its results. Its own module so that the reads (selectors.py) and the building
(position.py) both use it without importing each other."""

from dataclasses import dataclass
from typing import Any

from councilplan.domain.engine import EngineInput
from councilplan.plans.models import Plan, ReportingPeriod


@dataclass
class ReportSource:
    """What the engine reads, with the plan facts the report prints beside its results."""

    plan: Plan
    period: ReportingPeriod
    engine_input: EngineInput
    items: list[dict[str, Any]]
    roles: dict[int, dict[str, list[str]]]
    measures: list[dict[str, Any]]
    risks: list[dict[str, Any]]
    level_names: list[str]


@dataclass
class MeasureSource:
    """What the engine reads to work out a plan's measures at a period (no updates)."""

    engine_input: EngineInput
    items: list[dict[str, Any]]
    measures: list[dict[str, Any]]
