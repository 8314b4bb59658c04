"""Conversions between model values and the open format's JSON values."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from councilplan.domain.numbers import number_out


def date_out(value: date | None) -> str | None:
    return value.isoformat() if value else None


def datetime_out(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def quantity_out(text: str, value: Decimal | None, comparator: str) -> dict[str, Any]:
    return {"text": text, "value": number_out(value), "comparator": comparator}
