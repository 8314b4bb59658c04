"""Numbers into and out of JSON: the one converter the open format, the importer and the
published snapshot share. Pure Python."""

from decimal import Decimal
from typing import Any


def number_out(value: Decimal | None) -> int | float | None:
    """A Decimal as JSON writes it: a whole number as an int, else a float; None stays None."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def number_in(value: Any) -> Decimal | None:
    """A JSON number (or its text) as a Decimal, without a float's rounding; None stays None."""
    if value is None:
        return None
    return Decimal(str(value))


def number_stored(value: Decimal | None, places: int = 4) -> int | float | None:
    """A value as the database stores it (up to 16 digits before the point and `places`
    after); a number too large to be a real value is left out (None), its text kept."""
    if value is None or not value.is_finite() or abs(value) >= Decimal(10) ** 15:
        return None
    return number_out(value.quantize(Decimal(1).scaleb(-places)))
