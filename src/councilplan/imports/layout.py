"""Layout recognition: headings, paragraphs and tables of cells → a draft plan.

Driven by the headers and section lines (imports.vocabulary), never by which council wrote
the file. The recogniser reads the blocks in order and wires five parts that each keep one
kind of state: the sections open above the row (imports.sections), ids and printed
references (imports.ids), values torn off their rows (imports.pending), prose
(imports.narrative) and the header in use (imports.table_headers). What it keeps itself is
the table being read and the items a following row may continue. Rows whose reference
cell is empty continue the item above (as its children when they fill the sub-item
column, else as the rest of a row broken across lines).
"""

import re
from dataclasses import replace

from councilplan.domain.missing import missing_value_kind
from councilplan.domain.quantities import percent_list, percent_parse
from councilplan.domain.text_lists import text_clean
from councilplan.imports.details import details_apply, rejoin_apply, risk_from_row
from councilplan.imports.draft import Draft, DraftItem
from councilplan.imports.folding import LOOKALIKE_MESSAGE, blocks_normalised
from councilplan.imports.header import Header, RowAlignment, header_match, row_aligned
from councilplan.imports.ids import IdAllocator, section_id
from councilplan.imports.narrative import NarrativeReader, is_bullet_paragraph
from councilplan.imports.options import LayoutOptions
from councilplan.imports.pending import PendingValues
from councilplan.imports.references import is_column_ref
from councilplan.imports.reshape import blocks_reshaped
from councilplan.imports.sections import SectionStack
from councilplan.imports.source import Block, Cell, Paragraph, SourceDocument, Table
from councilplan.imports.table_headers import TableHeaders, numbered_levels_named
from councilplan.imports.table_shape import (
    GUESS_SAMPLE_ROWS,
    filled_rows,
    header_by_shape,
    scaled,
    two_line_headers_joined,
)
from councilplan.imports.vocabulary import (
    SectionLine,
    is_ref,
    level_name_of_header,
    metadata_key,
    ref_split,
    role_of_header,
    section_of_text,
)

UNTITLED_SECTION_MESSAGE = "this {level} has no title in the document"
ROW_MOVED_MESSAGE = (
    "the cells of this row stand one column left of the header (a merged or missing cell in "
    "the document); they were read one column to the right: {read}. Check them"
)
REJOINED_MESSAGE = (
    "a row with no reference was joined to the item above (a row broken by conversion)"
)
PLACEHOLDER_SUB_ITEM_MESSAGE = "the sub-item is a placeholder: no sub-item was made"


def draft_build(source: SourceDocument, options: LayoutOptions) -> Draft:
    blocks, changed = blocks_normalised(source.blocks)
    recogniser = _Recogniser(replace(source, blocks=blocks), options)
    for location, original in changed:
        recogniser.draft.anomaly(
            "lookalike_letters", LOOKALIKE_MESSAGE, location=location, text=original
        )
    recogniser.run()
    return recogniser.draft


class _Recogniser:
    def __init__(self, source: SourceDocument, options: LayoutOptions) -> None:
        self.source = source
        self.options = options
        self.draft = Draft(file=source.file)
        self.sections = SectionStack()
        self.ids = IdAllocator(self.draft)
        self.pending = PendingValues(self.draft)
        self.narrative = NarrativeReader(self.draft, options.narrative_levels)
        self.headers = TableHeaders(self.draft, options)
        self.rows: list[list[Cell]] = []  # the table being read
        self.position = -1  # the row being read in it
        self.action: DraftItem | None = None  # the row item sub-item rows below go under
        self.last: DraftItem | None = None  # the last item read: a broken row continues it

    # -- driving ---------------------------------------------------------------------------
    def run(self) -> None:
        blocks = blocks_reshaped(self.source.blocks, self.options.columns)
        for index, block in enumerate(blocks):
            if isinstance(block, Table):
                self.table(block)
            else:
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                self.paragraph(block, following)
        self.pending.settle(self.last)

    def table(self, table: Table) -> None:
        self.narrative.stop()
        if _is_key_value(table):
            self.key_values(table)
            return
        columns = self.headers.columns_known()
        rows = two_line_headers_joined(filled_rows(table.rows), columns)
        headers = [header_match(row, columns) for row in rows]
        if not any(headers) and self.headers.starts_new_table(rows):
            shaped = header_by_shape(rows, replace(self.options, columns=columns))
            if shaped is not None:
                header, index = shaped
                self.header_use(header, str(table.location))
                rows, headers = rows[index + 1 :], headers[index + 1 :]
        self.rows = rows
        for position, (row, row_header) in enumerate(zip(rows, headers, strict=True)):
            if self.headers.repeats_guessed(row):
                continue  # the guessed header printed again on a new page
            self.position = position
            self.row(row, row_header)

    def key_values(self, table: Table) -> None:
        """`Label:` / value rows (a Cabinet report's front sheet) → the plan's metadata."""
        for row in table.rows:
            filled = [c for c in row if c.text]
            key = metadata_key(filled[0].text.rstrip(": "))
            self.draft.metadata.setdefault("fields", {})[key] = text_clean(filled[1].text)

    @property
    def following(self) -> list[list[Cell]]:
        """The rows after the one being read, as many as a column's role is guessed from."""
        start = self.position + 1
        return self.rows[start : start + GUESS_SAMPLE_ROWS]

    # -- paragraphs ------------------------------------------------------------------------
    def paragraph(self, paragraph: Paragraph, following: Block | None) -> None:
        text = paragraph.text.strip()
        location = str(paragraph.location)
        if self.narrative.takes_point(text):
            self.narrative.point(text, location)
            return
        line = section_of_text(text, self.options.sections)
        if line and line.kind.startswith("numbered"):
            if is_bullet_paragraph(following):
                self.narrative.heading_start(line, location)
                return
            if not (isinstance(following, Table) and _is_heading(line.title)):
                line = None  # a numbered paragraph of prose; a short one above a table heads it
        if line is not None and _names_a_document_part(line) and not self.heads_items(following):
            line = None  # `Section 2 – Report` of a Cabinet report heads prose, not items
        if line is not None:
            section = self.section(line, location, [])
            section.cell_keep("heading", paragraph.text, location)
            self.narrative.describe(section)
            return
        self.prose(text, location)

    def heads_items(self, following: Block | None) -> bool:
        """Whether a `Section 2 – …` line heads the plan's items: a table, or another
        section line, follows it (not the prose of a Cabinet report)."""
        if isinstance(following, Table):
            return True
        if not isinstance(following, Paragraph):
            return False
        line = section_of_text(following.text, self.options.sections)
        return line is not None and not _names_a_document_part(line)

    def prose(self, text: str, location: str) -> None:
        self.narrative.prose(text, location, self.sections.innermost)

    # -- rows ------------------------------------------------------------------------------
    def row(self, cells: list[Cell], header: Header | None) -> None:
        if header is not None:
            self.header_seen(header)
            return
        filled = [c for c in cells if c.text]
        lone = len(filled) == 1 and filled[0] is cells[0]
        if lone and self.headers.guessed and self.following:
            self.heading_row(filled[0])  # a full-width row inside a table read by its shape
            return
        if lone and self.narrative.described is not None:
            self.prose(cells[0].text, str(cells[0].location))  # a description goes on
            return
        if lone and self.lone_cell_is_item(cells[0]):
            self.data_row(cells)  # an item whose other cells are blank
            return
        line = _section_in_row(cells, self.options)
        if line is not None:
            first = next(c for c in cells if c.text)
            self.section(line, str(first.location), cells)
            return
        if lone:
            self.prose(cells[0].text, str(cells[0].location))  # a title line inside a table
            return
        header = self.headers.current
        if header is None:
            self.unplaced_row(cells)
            return
        self.narrative.stop_describing()
        if "risk" in header.role_set:
            self.risk_row(cells)
            return
        self.data_row(cells)

    def lone_cell_is_item(self, cell: Cell) -> bool:
        """In a table of items without references, a row with only its title filled is an
        item; where rows carry references, such a line is a heading or a title line."""
        header = self.headers.current
        return (
            header is not None
            and header.roles[:1] == ["title"]
            and not self.headers.rows_have_refs
            and section_of_text(cell.text, self.options.sections) is None
        )

    def header_seen(self, header: Header) -> None:
        if self.headers.seen(header, self.following):
            self.numbered_levels_learn(header)

    def header_use(self, header: Header, location: str) -> None:
        """Read the rows below with this header."""
        self.headers.use(header, location)
        self.numbered_levels_learn(header)

    def numbered_levels_learn(self, header: Header) -> None:
        levels = numbered_levels_named(header)
        if levels is not None:
            self.sections.numbered_levels = levels

    def unplaced_row(self, cells: list[Cell]) -> None:
        filled = [c for c in cells if c.text]
        text = " | ".join(c.text for c in filled)
        location = str(filled[0].location) if filled else ""
        self.draft.unplaced.append({"text": text, "location": location, "cells": len(filled)})

    def heading_row(self, cell: Cell) -> None:
        """A row of one cell across a table of items is a heading over the rows below."""
        text = " ".join(cell.text.split())
        line = section_of_text(text, self.options.sections) or SectionLine(
            "row-heading", "Section", "", text
        )
        section = self.section(line, str(cell.location), [])
        section.cell_keep("heading", cell.text, str(cell.location))

    def group_heading(self, cell: Cell, column: str) -> None:
        """A column that names the group of the rows below it (`Priority area`: filled on a
        group's first row, or on every row alike) makes a section of each new value."""
        title = " ".join(cell.text.split())
        kind = f"group-{column.lower()}"
        current = self.sections.innermost_of_kind(kind)
        if current is not None and current.title == title:
            return
        level = level_name_of_header(column) or "Group"
        self.section(SectionLine(kind, level, "", title), str(cell.location), [])

    # -- sections --------------------------------------------------------------------------
    def section(self, line: SectionLine, location: str, cells: list[Cell]) -> DraftItem:
        """A section line: it closes the sections it ends and opens under the one left."""
        self.sections.close_for(line.kind)
        level = line.level or self.sections.numbered_level(line.kind)
        title = line.title
        count = self.ids.section_counted(line.kind)
        # A section number printed twice ("0. A" on two lines) must not give one id to both.
        identifier = self.ids.unique(
            line.ref or title or level, location, base=section_id(line, level, count)
        )
        if not title:
            title = f"{level} {count} (untitled)"
            self.draft.anomaly(
                "missing_title",
                UNTITLED_SECTION_MESSAGE.format(level=level.lower()),
                location=location,
                text=" | ".join(c.text for c in cells if c.text),
                item=identifier,
            )
        parent = self.sections.innermost
        item = self.draft.item_new(identifier, level, self.sections.depth, parent, title, location)
        item.ref = line.ref
        item.kind = line.kind
        self.sections.open(item)
        self.ids.section_started()
        self.action = None
        self.last = item
        self.section_cells(item, cells)
        return item

    def section_cells(self, item: DraftItem, cells: list[Cell]) -> None:
        """The cells printed beside a section line: its own percentage, people in roles."""
        for index, cell in enumerate(cells):
            if not cell.text:
                continue
            header = self.headers.current.name_of(index) if self.headers.current else ""
            item.cell_keep(header, cell.text, str(cell.location))
            value = percent_parse(cell.text)
            if value is not None and item.progress is None:
                item.progress = value
                item.reported_rollup = True
            elif ":" in cell.text and cell is not cells[0]:
                self.section_role(item, cell.text)
        self.pending.offer(item)

    def section_role(self, item: DraftItem, text: str) -> None:
        label, value = text.split(":", 1)
        role = role_of_header(label, self.options.columns)
        names = [n.strip() for n in re.split(r",| and ", value) if n.strip()]
        if role and names:
            item.roles.setdefault(role, []).extend(names)

    # -- data rows -------------------------------------------------------------------------
    def row_columns(self, header: Header, cells: list[Cell]) -> list[int]:
        """The header column of each cell; a row read one column to the right of where its
        cells stand is said loudly, with what each moved cell was read as."""
        alignment = row_aligned(header, cells)
        if alignment.moved_from is not None:
            self.row_moved_flag(header, cells, alignment)
        return alignment.columns

    def row_moved_flag(self, header: Header, cells: list[Cell], alignment: RowAlignment) -> None:
        start = alignment.moved_from or 0
        moved = [
            f"“{cell.text[:40]}” as {header.names[column] or header.roles[column]}"
            for cell, column in zip(cells[start:], alignment.columns[start:], strict=True)
            if cell.text and column < len(header.roles)
        ]
        self.draft.anomaly(
            "misaligned_row",
            ROW_MOVED_MESSAGE.format(read="; ".join(moved)),
            location=str(cells[start].location),
            text=cells[start].text,
        )

    def data_row(self, cells: list[Cell]) -> None:
        header = self.headers.current
        assert header is not None
        columns = self.row_columns(header, cells)
        values = self.row_values(header, cells, columns)
        flagged = len(self.draft.anomalies)
        milestone = values.get("milestone")
        if milestone is not None and missing_value_kind(milestone.text):
            self.draft.anomaly(
                missing_value_kind(milestone.text),
                PLACEHOLDER_SUB_ITEM_MESSAGE,
                location=str(milestone.location),
                text=milestone.text,
            )
            del values["milestone"]
        filled = [c for c in cells if c.text]
        if (
            filled
            and all(percent_parse(c.text) is not None for c in filled)
            and "ref" not in values
        ):
            self.pending.hold(filled)
            return
        item = self.item_for_row(values, cells)
        if item is None:
            return
        for anomaly in self.draft.anomalies[flagged:]:
            anomaly["item"] = anomaly["item"] or item.id
        for cell, column in zip(cells, columns, strict=True):
            item.cell_keep(header.name_of(column), cell.text, str(cell.location))

    def row_values(self, header: Header, cells: list[Cell], columns: list[int]) -> dict[str, Cell]:
        """Role → the row's first filled cell in a column of that role; a group column's
        new value opens a section first."""
        values: dict[str, Cell] = {}
        for cell, column in zip(cells, columns, strict=True):
            role = header.roles[column] if column < len(header.roles) else ""
            if cell.text and role and role not in values:
                values[role] = scaled(cell, header.scales.get(column, 1))
        group = values.pop("group", None)
        if group is not None:
            self.group_heading(group, header.names[header.roles.index("group")])
        progress = values.get("progress")
        if (
            progress is not None
            and "commentary" not in header.role_set
            and percent_parse(progress.text) is None
            and not percent_list(progress.text)
        ):  # a `Progress` column of prose (Harborough) is the commentary
            values["commentary"] = values.pop("progress")
        return values

    def item_for_row(self, values: dict[str, Cell], cells: list[Cell]) -> DraftItem | None:
        ref, title_cell = _printed_ref(values)
        milestone = values.get("milestone")
        if ref:
            self.pending.settle(self.last)
            self.headers.rows_have_refs = True
            return self.action_new(ref, title_cell, milestone, values)
        if milestone is not None and self.action is not None:
            return self.child_new(self.action, milestone, values)
        if self.row_is_unreferenced_item(title_cell, values):
            self.pending.settle(self.last)
            return self.action_new("", title_cell, milestone, values)
        target = self.last
        if target is None:
            self.unplaced_row(cells)
            return None
        rejoin_apply(target, values)
        self.draft.anomaly(
            "row_rejoined",
            REJOINED_MESSAGE,
            location=str(next(c for c in cells if c.text).location),
            text=" | ".join(c.text for c in cells if c.text),
            item=target.id,
        )
        return target

    def row_is_unreferenced_item(self, title: Cell | None, values: dict[str, Cell]) -> bool:
        """A row of a table that prints no references is an item of its own, unless it is
        the rest of the row above torn off by a conversion (it starts mid-sentence)."""
        header = self.headers.current
        if header is None or self.headers.rows_have_refs:
            return False
        if title is None or not title.text.strip():
            return False
        text = title.text.strip()
        torn = text[0].islower() and len(values) <= 2
        return not torn

    def action_new(
        self, ref: str, title_cell: Cell | None, milestone: Cell | None, values: dict[str, Cell]
    ) -> DraftItem:
        parent = self.ids.ref_parent(ref) if ref else None
        if parent is not None:
            depth, level = parent.depth + 1, _child_level(parent.level)
        else:
            depth = self.sections.depth
            parent = self.sections.innermost
            level = self.headers.item_level()
        title_text = title_cell.text if title_cell is not None and title_cell.text else ""
        location = (
            str((title_cell or values["ref"]).location) if (title_cell or "ref" in values) else ""
        )
        if not title_text and milestone is not None:
            title_text, milestone = milestone.text, None
        if ref:
            identifier = self.ids.unique(ref, location)
        else:
            number = self.ids.row_counted()
            base = f"{parent.id}.{len(parent.children) + 1}" if parent else f"item-{number}"
            identifier = self.ids.unique(base, location)
        action = self.draft.item_new(
            identifier, level, depth, parent, text_clean(title_text), location
        )
        action.ref = ref
        if ref:
            self.ids.ref_remember(ref, action)
        self.action = action
        self.last = action
        if milestone is not None:
            return self.child_new(action, milestone, values)
        details_apply(action, values, self.draft, self.options)
        return action

    def child_new(self, parent: DraftItem, milestone: Cell, values: dict[str, Cell]) -> DraftItem:
        level = self.headers.sub_item_level()
        identifier = self.ids.unique(f"{parent.id}.{len(parent.children) + 1}", "")
        child = self.draft.item_new(
            identifier,
            level,
            parent.depth + 1,
            parent,
            text_clean(milestone.text),
            str(milestone.location),
        )
        child.ref = ""
        details_apply(child, values, self.draft, self.options)
        self.last = child
        return child

    # -- risks -----------------------------------------------------------------------------
    def risk_row(self, cells: list[Cell]) -> None:
        header = self.headers.current
        assert header is not None
        risk = risk_from_row(header, cells)
        if risk is not None:
            self.draft.risks.append(risk)


_CHILD_LEVELS = {"Action": "Sub-action", "Sub-action": "Task", "Task": "Step"}


def _child_level(level: str) -> str:
    """The level below one whose references it extends: Action → Sub-action → Task."""
    return _CHILD_LEVELS.get(level) or f"Sub-{level.lower()}"


def _is_heading(text: str) -> bool:
    """A heading is short and is no sentence."""
    return len(text) <= 80 and not text.rstrip().endswith((".", ";", ","))


def _names_a_document_part(line: SectionLine) -> bool:
    return line.kind in ("labelled-section", "labelled-part", "labelled-chapter")


def _is_key_value(table: Table) -> bool:
    rows = [[c for c in row if c.text] for row in table.rows]
    rows = [r for r in rows if r]
    return bool(rows) and all(len(r) == 2 and r[0].text.rstrip().endswith(":") for r in rows)


def _printed_ref(values: dict[str, Cell]) -> tuple[str, Cell | None]:
    """The reference a row prints, in its own column or at the start of its title, and
    its title cell without it."""
    ref_cell, title_cell = values.get("ref"), values.get("title")
    if ref_cell is not None and (is_ref(ref_cell.text) or is_column_ref(ref_cell.text)):
        return ref_cell.text.strip().rstrip("."), title_cell
    if title_cell is not None:
        ref, rest = ref_split(title_cell.text)
        if ref:
            return ref, Cell(rest, title_cell.location)
    return "", title_cell


def _section_in_row(cells: list[Cell], options: LayoutOptions) -> SectionLine | None:
    """The section line a row prints in its first filled cell, when each of its other cells
    holds a percentage or names a column role (`Lead Officer: …`)."""
    filled = [c for c in cells if c.text]
    if not filled:
        return None
    line = section_of_text(filled[0].text, options.sections)
    if line is None:
        return None
    for cell in filled[1:]:
        text = cell.text
        label = text.split(":", 1)[0] if ":" in text else text
        if percent_parse(text) is None and not role_of_header(label, options.columns):
            return None
    return line
