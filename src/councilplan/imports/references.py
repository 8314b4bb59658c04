"""Item references as councils print them, and the hierarchy they imply. No Django.

`1` / `1.1` / `1.1.2`, `CA1` / `CA1.1`, `KA.01.03`, `2a`, `HTS-4`: a reference's parent is
the reference with its last part taken off (`1.1.2` → `1.1`, `CA1.1` → `CA1`, `2a` → `2`),
when the document prints that reference too.
"""

import re

# In a column headed as references, plain numbers are references too (1, 1.1, 12.3.4, 2a).
_NUMBERED = re.compile(r"^\d{1,6}(?:[.\-]\d{1,4})*[a-z]?\.?$")
_LETTERED = re.compile(
    r"^[A-Z]{1,6}(?:[.\-]?\d{1,4})(?:[.\-]\d{1,4})*[a-z]?$|^[A-Z]{1,6}(?:\.\d{1,4}){1,4}$"
)
_LAST_PART = re.compile(r"^(?P<stem>.+?)(?:[.\-]\d{1,4}|(?<=\d)[A-Z])$")


def is_column_ref(text: str) -> bool:
    """Whether a cell of a reference column reads as an item's reference."""
    text = text.strip()
    return bool(text) and len(text) <= 20 and bool(_NUMBERED.match(text) or _LETTERED.match(text))


def ref_key(ref: str) -> str:
    """A reference as compared: `1.` and `1` and `KA.01` and `ka.01` are the same."""
    return ref.strip().rstrip(".").upper()


def ref_parent_keys(ref: str) -> list[str]:
    """The references that would be this one's parent, nearest first."""
    keys = []
    current = ref_key(ref)
    while True:
        match = _LAST_PART.match(current)
        if match is None:
            break
        current = match["stem"].rstrip(".-")
        if not re.search(r"\d", current):  # `KA` alone is a prefix, never an item
            break
        keys.append(current)
    return keys
