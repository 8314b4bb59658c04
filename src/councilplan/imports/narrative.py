"""Prose: the paragraphs and one-cell rows that are no item of a table.

Prose after a section line describes that section (and a line starting `Objectives`
describes the innermost section again); prose that describes nothing is kept as the
plan's unplaced text. In a narrative report, a numbered heading followed by bullets is a
priority (the first of the narrative levels) and each bullet one of its points (the
second), with the money and counts its sentence reports kept as figures.
"""

import re
from typing import Any

from councilplan.domain.numbers import number_stored
from councilplan.domain.quantities import Figure, figures_find
from councilplan.imports.draft import Draft, DraftItem
from councilplan.imports.source import Block, Paragraph
from councilplan.imports.vocabulary import SectionLine

_BULLET = re.compile(r"^\s*[·•▪◦\u2022\u00b7\-–]\s+")
_OBJECTIVES = re.compile(r"^[-*\s]*objectives?\b", re.I)


class NarrativeReader:
    def __init__(self, draft: Draft, levels: tuple[str, str]) -> None:
        self.draft = draft
        self.levels = levels  # a narrative heading's level, and its points'
        self.described: DraftItem | None = None  # the item prose goes on describing
        self.heading: DraftItem | None = None  # the narrative heading bullets go under

    def stop(self) -> None:
        """A table: what came before it is neither described nor pointed any more."""
        self.described = None
        self.heading = None

    def describe(self, item: DraftItem) -> None:
        """Prose from here on describes `item` (a section line was just read)."""
        self.described = item

    def stop_describing(self) -> None:
        self.described = None

    def takes_point(self, text: str) -> bool:
        """Whether `text` is a bullet point of the narrative heading above it."""
        return self.heading is not None and bool(_BULLET.match(text))

    def prose(self, text: str, location: str, section: DraftItem | None) -> None:
        """A paragraph of prose, read in `section` (the innermost open one, if any)."""
        self.heading = None
        if _OBJECTIVES.match(text) and section is not None:
            self.described = section
        if self.described is not None:
            joined = "\n".join(filter(None, [self.described.description, text]))
            self.described.description = joined
            self.described.cell_keep("description", text, location)
            return
        self.draft.unplaced.append({"text": text, "location": location})

    def heading_start(self, line: SectionLine, location: str) -> None:
        """A numbered heading with bullets below it: an item at the top level."""
        title = line.title.rstrip(":")
        item = self.draft.item_new(line.ref, self.levels[0], 0, None, title, location)
        item.kind = "narrative"
        item.cell_keep("heading", f"{line.ref}. {line.title}", location)
        self.heading = item

    def point(self, text: str, location: str) -> None:
        """A bullet point under the narrative heading (`takes_point` said so)."""
        parent = self.heading
        assert parent is not None
        body = " ".join(_BULLET.sub("", text, count=1).split())
        identifier = f"{parent.id}.{len(parent.children) + 1}"
        item = self.draft.item_new(identifier, self.levels[1], 1, parent, body, location)
        item.ref = ""
        item.description = body
        item.figures = [d for d in map(figure_dict, figures_find(body)) if d is not None]
        item.cell_keep("bullet", text, location)


def is_bullet_paragraph(block: Block | None) -> bool:
    return isinstance(block, Paragraph) and bool(_BULLET.match(block.text))


def figure_dict(figure: Figure) -> dict[str, Any] | None:
    """A figure a sentence reports, as the open format keeps it; None when it is no number."""
    value = number_stored(figure.value)
    if value is None:
        return None
    data = {
        "kind": figure.kind,
        "value": value,
        "text": figure.text[:100],
        "sentence": figure.sentence,
    }
    if figure.unit:
        data["unit"] = figure.unit[:50]
    if figure.qualifier:
        data["qualifier"] = figure.qualifier[:50]
    return data
