"""Conversions between model values and the open format's JSON values."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any


def number_out(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def number_in(value: Any) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value))


def date_out(value: date | None) -> str | None:
    return value.isoformat() if value else None


def datetime_out(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def quantity_out(text: str, value: Decimal | None, comparator: str) -> dict[str, Any]:
    return {"text": text, "value": number_out(value), "comparator": comparator}
