"""Identifiers made from words, for items and measures added after import."""

import re
import unicodedata

KEY_MAX_LENGTH = 100


def key_of(text: str) -> str:
    """A lowercase identifier of letters, digits and dashes (`A1.2 Open the library` →
    `a1-2-open-the-library`); `item` when the text has no letters or digits."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    return "-".join(words)[:60].strip("-") or "item"


def key_unique(text: str, *, taken: set[str]) -> str:
    """`key_of(text)`, with `-2`, `-3`… added until it is not among `taken`."""
    base = key_of(text)
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate[:KEY_MAX_LENGTH]
