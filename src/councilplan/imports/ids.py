"""Ids for a draft's items, and the references printed in the section being read.

A printed reference is an item's id (`1.1`, `CA2`, `KA.01.03`); a reference printed twice
gives the second item `-2` and an anomaly; items printed without one get keys made from
their place (`2.3`: the third under `2`; `item-4`; `objective-1`). A reference that extends
one printed earlier in the same section names its parent (`1.1.2` under `1.1`).
"""

import re

from councilplan.imports.draft import Draft, DraftItem
from councilplan.imports.references import ref_key, ref_parent_keys
from councilplan.imports.vocabulary import NUMBER_WORDS, ORDINAL_WORDS, SectionLine

DUPLICATE_REF_MESSAGE = (
    "the reference '{ref}' is printed for two different items: both kept, the second as '{id}'"
)

_ROMAN = {"i": 1, "v": 5, "x": 10}


class IdAllocator:
    """Gives each item of `draft` an id no other item has (saying so when a printed
    reference repeats), numbers sections of a kind and unreferenced rows, and remembers the
    references printed in the current section."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self._sections: dict[str, int] = {}  # section kind → how many were read
        self._rows = 0  # rows read with no reference
        self._refs: dict[str, DraftItem] = {}  # printed references in this section → items

    def unique(self, ref: str, location: str, *, base: str = "") -> str:
        """`ref` as an id (or `base`, where given), numbered `-2`, `-3`… when already used."""
        base = base or slug_id(ref)
        if base not in self.draft.ids:
            return base
        number = 2
        while f"{base}-{number}" in self.draft.ids:
            number += 1
        identifier = f"{base}-{number}"
        self.draft.anomaly(
            "duplicate_ref",
            DUPLICATE_REF_MESSAGE.format(ref=ref, id=identifier),
            location=location,
            text=ref,
            item=identifier,
        )
        return identifier

    def section_counted(self, kind: str) -> int:
        """The number of this section among those of its kind (1 for the first)."""
        self._sections[kind] = self._sections.get(kind, 0) + 1
        return self._sections[kind]

    def row_counted(self) -> int:
        """The number of this row among the rows read with no reference (1 for the first)."""
        self._rows += 1
        return self._rows

    def ref_remember(self, ref: str, item: DraftItem) -> None:
        self._refs[ref_key(ref)] = item

    def ref_parent(self, ref: str) -> DraftItem | None:
        """The item whose printed reference this one extends (`1.1` → `1`, `CA2.3` → `CA2`),
        printed in the current section."""
        for key in ref_parent_keys(ref):
            if key in self._refs:
                return self._refs[key]
        return None

    def section_started(self) -> None:
        """A new section: references printed before it extend no reference in it."""
        self._refs = {}


def slug_id(text: str) -> str:
    """Text as an id: runs of anything but letters, digits, `.`, `_` and `-` become `-`."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "item"


def section_id(line: SectionLine, level: str, count: int) -> str:
    """`2.1`, `CO-1`, `THE-PLACE`; `Objective One` → `objective-1`; untitled → `workstream-4`."""
    ref = ref_number(line.ref)
    if ref and (not ref.isdigit() or line.kind.startswith("numbered")):
        return slug_id(ref)
    return f"{slug_id(level).lower()}-{ref or count}"


def ref_number(ref: str) -> str:
    """`One` and `First` → `1`; `IV` → `4`; other references as printed."""
    lowered = ref.lower()
    for words in (NUMBER_WORDS, ORDINAL_WORDS):
        if lowered in words:
            return str(words.index(lowered) + 1)
    if re.fullmatch(r"[ivx]{1,5}", lowered):
        total = 0
        for index, letter in enumerate(lowered):
            value = _ROMAN[letter]
            following = _ROMAN[lowered[index + 1]] if index + 1 < len(lowered) else 0
            total += -value if value < following else value
        return str(total)
    return ref
