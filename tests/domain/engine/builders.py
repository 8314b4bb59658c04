"""Small builders for engine inputs, so each test states only what matters to it."""

from datetime import date

from councilplan.domain.engine import (
    EngineInput,
    EngineSettings,
    ItemInput,
    ItemUpdate,
    PeriodInput,
    Rag,
    StatusValue,
)

Q4_2023 = PeriodInput("2023-Q4", "Q4 2023/24", date(2024, 1, 1), date(2024, 3, 31))
Q1 = PeriodInput("2024-Q1", "Q1 2024/25", date(2024, 4, 1), date(2024, 6, 30))
Q2 = PeriodInput("2024-Q2", "Q2 2024/25", date(2024, 7, 1), date(2024, 9, 30))
Q1_2023 = PeriodInput("2023-Q1", "Q1 2023/24", date(2023, 4, 1), date(2023, 6, 30))
YEAR_START = date(2024, 4, 1)
YEAR_END = date(2025, 3, 31)

GREEN = StatusValue("Green", Rag.GREEN)
AMBER = StatusValue("Amber", Rag.AMBER)
RED = StatusValue("Red", Rag.RED)
COMPLETE = StatusValue("Complete", Rag.BLUE, is_complete=True)
NOT_STARTED = StatusValue("Start later in year", Rag.GREY, is_inactive=True)


def item(key: str, parent: str | None = None, *, depth: int | None = None, **fields) -> ItemInput:
    if depth is None:
        depth = 0 if parent is None else key.count(".")
    return ItemInput(key=key, title=fields.pop("title", f"Item {key}"), parent_key=parent,
                     ref=fields.pop("ref", key), depth=depth, **fields)  # fmt: skip


def updates(**by_period: ItemUpdate) -> dict[str, ItemUpdate]:
    """updates(q1=ItemUpdate(...), q2=...) keyed by period key."""
    keys = {"q1": Q1.key, "q2": Q2.key, "q4_2023": Q4_2023.key, "q1_2023": Q1_2023.key}
    return {keys[name]: update for name, update in by_period.items()}


def percent(value: float, status: StatusValue | None = None, **fields) -> ItemUpdate:
    return ItemUpdate(status=status, percent=value, **fields)


def engine_input(items, *, period=Q1, previous=None, measures=(), history=None, **settings):
    settings.setdefault("plan_starts_on", YEAR_START)
    settings.setdefault("plan_ends_on", YEAR_END)
    return EngineInput(
        items=tuple(items),
        period=period,
        previous=previous,
        measures=tuple(measures),
        history=tuple(history if history is not None else [period]),
        settings=EngineSettings(**settings),
    )
