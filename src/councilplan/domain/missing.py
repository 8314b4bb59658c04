"""Values that stand for "nothing yet": Word placeholders, TBC, TBA, `by X`."""

import re

WORD_PLACEHOLDER = "word_placeholder"
PLACEHOLDER = "placeholder"

_WORD_PLACEHOLDERS = re.compile(
    r"^(choose an item|click or tap here to enter text|click here to enter text|"
    r"click or tap to enter a date|enter text)\.?$",
    re.I,
)
_PLACEHOLDERS = re.compile(
    r"^[-–•·\s]*(tbc|tba|tbd|to be confirmed|to be agreed|to be determined|n/?a|xx+|\?+)\.?$",
    re.I,
)
_BY_X = re.compile(r"\bby\s+X\b\.?")
_INLINE = re.compile(r"\b(TBC|TBA|TBD)\b")


def missing_value_kind(text: str) -> str:
    """`word_placeholder` or `placeholder` when the whole value means "not given", else ''."""
    cleaned = " ".join(text.split())
    if _WORD_PLACEHOLDERS.match(cleaned):
        return WORD_PLACEHOLDER
    if _PLACEHOLDERS.match(cleaned):
        return PLACEHOLDER
    return ""


def placeholder_inside(text: str) -> str:
    """A placeholder inside longer text (`by X`, `2023 baseline TBC`), or ''."""
    match = _BY_X.search(text) or _INLINE.search(text)
    return match.group(0) if match else ""
