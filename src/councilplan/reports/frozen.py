"""A PlanPosition kept as JSON in the published snapshot, and read back exactly.

A report of a published period is rendered from what was published, not from live data: a
period reopened and changed must not change the report Cabinet was given. The codec walks
the report's dataclasses by their type hints, so a field added to them is kept too."""

import dataclasses
import types
import typing
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from councilplan.reports.data import PlanPosition

FROZEN_FORMAT = 1


def position_freeze(position: PlanPosition) -> dict[str, Any]:
    """The position as plain JSON values."""
    return {"format": FROZEN_FORMAT, "position": _dump(position)}


def position_thaw(data: dict[str, Any]) -> PlanPosition | None:
    """The position kept by `position_freeze`, or None when there is none (a period
    published before reports were kept)."""
    if not data or data.get("format") != FROZEN_FORMAT:
        return None
    return _load(PlanPosition, data["position"])


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _dump(getattr(value, field.name)) for field in _fields(type(value))}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_dump(entry) for entry in value]
    if isinstance(value, dict):
        return {str(key): _dump(entry) for key, entry in value.items()}
    return value


def _load(kind: Any, value: Any) -> Any:
    if value is None or kind is Any:
        return value
    origin = typing.get_origin(kind)
    if origin is not None:
        return _load_generic(origin, typing.get_args(kind), value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(
            **{
                field.name: _load(hints[field.name], value[field.name])
                for field in _fields(kind)
                if field.name in value
            }
        )
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is float and isinstance(value, int):
        return float(value)
    return value


def _load_generic(origin: Any, args: tuple[Any, ...], value: Any) -> Any:
    if origin in (types.UnionType, typing.Union):
        options = [arg for arg in args if arg is not type(None)]
        return _load(options[0], value) if len(options) == 1 else value
    if origin is list:
        return [_load(args[0], entry) for entry in value]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], entry) for entry in value)
        return tuple(_load(arg, entry) for arg, entry in zip(args, value, strict=True))
    if origin is dict:
        return {key: _load(args[1], entry) for key, entry in value.items()}
    return value


@cache
def _fields(kind: type) -> tuple[dataclasses.Field, ...]:
    return tuple(field for field in dataclasses.fields(kind) if field.init)


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)
