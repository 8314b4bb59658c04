"""A PlanPosition kept as JSON in the published snapshot, and read back exactly.

A report of a published period is rendered from what was published, not from live data: a
period reopened and changed must not change the report Cabinet was given. The codec walks
the report's dataclasses by their type hints, so a field added to them is kept too."""

import dataclasses
import types
import typing
from collections.abc import Callable
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
    return _loader(PlanPosition)(data["position"])


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


# How to read a value of a type hint back from JSON: None when it is read as it is (text,
# numbers, Any). Worked out once for each hint, not at each of the hundreds of thousands of
# values a big plan's report holds.
Loader = Callable[[Any], Any] | None


@cache
def _loader(kind: Any) -> Loader:
    if kind is Any:
        return None
    origin = typing.get_origin(kind)
    if origin is not None:
        return _generic_loader(origin, typing.get_args(kind))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_loader(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        members = {member.value: member for member in kind}
        return _nullable(lambda value: members[value] if value in members else kind(value))
    if kind is date:
        return _nullable(date.fromisoformat)
    if kind is float:
        return lambda value: float(value) if isinstance(value, int) else value
    return None


def _generic_loader(origin: Any, args: tuple[Any, ...]) -> Loader:
    if origin in (types.UnionType, typing.Union):
        options = [arg for arg in args if arg is not type(None)]
        return _loader(options[0]) if len(options) == 1 else None
    if origin is list:
        each = _loader(args[0])
        return _nullable(list if each is None else lambda value: [each(entry) for entry in value])
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            each = _loader(args[0])
            if each is None:
                return _nullable(tuple)
            return _nullable(lambda value: tuple([each(entry) for entry in value]))
        loaders = [_loader(arg) or _as_is for arg in args]
        return _nullable(
            lambda value: tuple([load(entry) for load, entry in zip(loaders, value, strict=True)])
        )
    if origin is dict:
        each = _loader(args[1])
        if each is None:
            return _nullable(dict)
        return _nullable(lambda value: {key: each(entry) for key, entry in value.items()})
    return None


def _dataclass_loader(kind: type) -> Loader:
    hints = _hints(kind)
    fields = [(field.name, _loader(hints[field.name])) for field in _fields(kind)]

    def load(value: Any) -> Any:
        found = {}
        for name, each in fields:
            if name in value:
                found[name] = value[name] if each is None else each(value[name])
        return kind(**found)

    return _nullable(load)


def _nullable(load: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`load`, giving None for None (any field of the report may be empty)."""
    return lambda value: None if value is None else load(value)


def _as_is(value: Any) -> Any:
    return value


@cache
def _fields(kind: type) -> tuple[dataclasses.Field, ...]:
    return tuple(field for field in dataclasses.fields(kind) if field.init)


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)
