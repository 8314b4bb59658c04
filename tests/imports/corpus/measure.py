"""How well a converted document holds what its variant printed.

- **recall**: the share of the expected items found, matched by title folded the way a
  reader should fold it (NFKC, look-alike letters, zero-width and non-breaking spaces,
  whitespace, case; a printed reference or section label before the title is allowed);
- **parents**: the share of the found items whose parent is the found item of the expected
  parent (or none, at the top);
- **dates**: the share of the found items with an expected due date whose `timescale.due`
  is that date.

Used by tests/imports/corpus/test_corpus.py and bench/corpus_bench.py.
"""

import re
import time
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from councilplan.domain.problems import PlanInputError
from councilplan.imports.convert import ConvertOptions, document_convert
from tests.imports.corpus.truth import Expected
from tests.imports.corpus.variants import Variant

# Letters from other scripts that print like Latin ones.
_FOLDS = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0445\u0443\u0456\u0458\u0455"  # Cyrillic а е о р с х у і ј ѕ
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425"  # А В Е К М Н О Р С Т Х
    "\u03bf\u039f\u03b1",  # Greek ο Ο α
    "aeopcxyijsABEKMHOPCTXoOa",
    "\u200b\u200c\u200d\u2060\ufeff\u00ad",  # zero-width spaces and joiners, soft hyphen
)
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"
# A section label or a printed reference left before a title: "Section One:", "II.",
# "Priority A –", "1.1", "KA.01.03", "CA1.2", "2a".
_LABEL = re.compile(
    r"^(?:(?:section|theme|priority|part|objective|workstream|chapter|area)\s+)?"
    rf"(?:\d+(?:\.\d+)*|[ivxlc]+|{_NUMBER_WORDS}|[a-z])\s*[:.\-\u2013\u2014)]\s+"
    r"|^[a-z]{0,4}\.?\d+(?:[.\-]\d+)*[a-z]?\s*[:.\-\u2013)]?\s+"
)


def folded(text: str) -> str:
    """Text as a reader should compare it: NFKC, look-alikes folded, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text or "").translate(_FOLDS)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _keys(item: dict[str, Any]) -> set[str]:
    title = folded(item.get("title", ""))
    keys = {title, _LABEL.sub("", title)}
    ref = folded(item.get("ref") or "")
    if ref and title.startswith(ref):
        keys.add(title[len(ref) :].lstrip(" :.-\u2013"))
    return keys | {key.replace(" ", "") for key in keys}


@dataclass(frozen=True)
class Score:
    expected: int
    found: int
    parents_right: int
    dated: int  # found items with an expected due date
    dates_right: int
    seconds: float = 0.0
    error: str = ""

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def parents(self) -> float:
        return self.parents_right / self.found if self.found else 0.0

    @property
    def dates(self) -> float | None:
        """None when the variant prints no due dates at all."""
        if not self.dated:
            return None if self.found else 0.0
        return self.dates_right / self.dated

    @property
    def worst(self) -> float:
        return min(self.recall, self.parents, 1.0 if self.dates is None else self.dates)


def matched(document: dict[str, Any], expected: list[Expected]) -> dict[int, dict[str, Any]]:
    """Expected item (by index) → the converted item it was found as, one to one, in order."""
    items = document["items"]
    keys = [_keys(item) for item in items]
    used: set[int] = set()
    found: dict[int, dict[str, Any]] = {}
    for index, want in enumerate(expected):
        title = folded(want.title)
        for candidate in (title, title.replace(" ", "")):
            hit = next((n for n, k in enumerate(keys) if n not in used and candidate in k), None)
            if hit is not None:
                used.add(hit)
                found[index] = items[hit]
                break
    return found


def _parent_indexes(expected: list[Expected]) -> list[int | None]:
    """Each expected item's parent: the nearest item above it with the parent's title."""
    last_with_title: dict[str, int] = {}
    parents: list[int | None] = []
    for index, want in enumerate(expected):
        parents.append(last_with_title.get(folded(want.parent)) if want.parent else None)
        last_with_title[folded(want.title)] = index
    return parents


def document_scored(document: dict[str, Any], expected: list[Expected]) -> Score:
    found = matched(document, expected)
    parent_indexes = _parent_indexes(expected)
    parents_right = dated = dates_right = 0
    for index, item in found.items():
        want = expected[index]
        parent_index = parent_indexes[index]
        if not want.parent:
            parents_right += item.get("parent") is None
        elif parent_index in found:
            parents_right += item.get("parent") == found[parent_index]["id"]
        if want.due is not None:
            dated += 1
            due = (item.get("timescale") or {}).get("due")
            dates_right += due == want.due.isoformat()
    return Score(
        expected=len(expected),
        found=len(found),
        parents_right=parents_right,
        dated=dated,
        dates_right=dates_right,
    )


def variant_scored(variant: Variant, folder: Path) -> tuple[Score, dict[str, Any] | None]:
    """Write the variant into `folder`, convert it with no mapping file, score it."""
    path, expected = variant.write(folder)
    started = time.perf_counter()
    try:
        document = document_convert(path=path, options=ConvertOptions())
    except PlanInputError as error:
        seconds = time.perf_counter() - started
        empty = Score(len(expected), 0, 0, 0, 0, seconds, str(error).splitlines()[-1])
        return empty, None
    seconds = time.perf_counter() - started
    score = document_scored(document, expected)
    return replace(score, seconds=seconds), document
