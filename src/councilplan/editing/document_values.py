"""Parts of an open plan format document that a first import and a re-import read alike."""

from decimal import Decimal
from typing import Any

from councilplan.domain.numbers import number_in

# What a measure_values entry holds beside its target; an entry with none of it (and the
# state "available") gives a target for the period and no value.
MEASURE_VALUE_KEYS = (
    "value", "text", "note", "expected_on", "numerator", "denominator", "reported_status",
    "reported_status_text", "reported_trend",
)  # fmt: skip


def measure_value_is_target_only(record: dict[str, Any]) -> bool:
    if not record.get("target"):
        return False
    return (record.get("state") or "available") == "available" and not any(
        record.get(key) not in (None, "") for key in MEASURE_VALUE_KEYS
    )


def plan_tolerance_in(data: dict[str, Any]) -> dict[str, Any]:
    """A plan's bands as model fields: `tolerance` (two bands) where given, else the one
    `tolerance_percent` as the amber band with green at 0; {} when the document says
    neither."""
    bands = data.get("tolerance")
    if bands:
        return {
            "green_within_percent": number_in(bands.get("green_within_percent")) or Decimal(0),
            "amber_within_percent": number_in(bands.get("amber_within_percent", 10)),
            "tolerance_relative": bands.get("relative", True),
        }
    if data.get("tolerance_percent") is not None:
        return {
            "green_within_percent": Decimal(0),
            "amber_within_percent": number_in(data["tolerance_percent"]),
        }
    return {}


def measure_indicator_fields_in(data: dict[str, Any]) -> dict[str, Any]:
    """A measure's indicator fields as model fields: its printed reference, kind, what a rate
    is built from, its lag and its own tolerance bands (absent: the plan's)."""
    fields: dict[str, Any] = {
        "ref": data.get("ref") or "",
        "kind": data.get("kind") or "",
        "numerator": data.get("numerator") or "",
        "denominator": data.get("denominator") or "",
        "lag_periods": data.get("lag_periods") or 0,
    }
    bands = data.get("tolerance")
    if bands:
        fields |= {
            "tolerance_green_within_percent": number_in(bands.get("green_within_percent"))
            or Decimal(0),
            "tolerance_amber_within_percent": number_in(bands.get("amber_within_percent")),
            "tolerance_relative": bands.get("relative"),
        }
    return fields
