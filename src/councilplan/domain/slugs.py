"""Slugs for identifiers made from titles. Pure Python: the same result as Django's
`slugify` (ASCII only), so `imports/` needs no Django to name a plan."""

import re
import unicodedata


def slug_of(text: str) -> str:
    """`Harlow Corporate Plan 2024/25` → `harlow-corporate-plan-202425`: accents dropped,
    lower case, anything but letters, digits, `_` and `-` removed, spaces become `-`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    kept = re.sub(r"[^\w\s-]", "", ascii_text.lower())
    return re.sub(r"[-\s]+", "-", kept).strip("-_")
