"""The open plan format's JSON Schema, shipped in the package."""

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


@cache
def open_plan_schema() -> dict[str, Any]:
    text = resources.files("councilplan.interchange").joinpath("open_plan_format.schema.json")
    return json.loads(text.read_text(encoding="utf-8"))


@cache
def open_plan_validator() -> Draft202012Validator:
    return Draft202012Validator(
        open_plan_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_path(error_path: Any) -> str:
    """items[3].parent from jsonschema's deque of keys and indexes."""
    text = ""
    for part in error_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(the whole document)"
