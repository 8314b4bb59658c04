"""Layout recognition: headings, paragraphs and tables of cells → a draft plan.

Driven by the headers and section lines (imports.vocabulary), never by which council wrote
the file. Rows whose reference cell is empty continue the item above (as its children when
they fill the sub-item column, else as the rest of a row broken across lines); headers
repeated across pages are skipped; percentages that conversion tore off a section line
are put back and flagged.
"""

import re
from dataclasses import replace
from decimal import Decimal

from councilplan.domain.lookalikes import has_lookalikes, text_normalised
from councilplan.domain.missing import missing_value_kind
from councilplan.domain.numbers import number_stored
from councilplan.domain.quantities import figures_find, percent_list, percent_parse
from councilplan.domain.text_lists import text_clean, text_items
from councilplan.imports.details import (
    details_apply,
    rejoin_apply,
    risk_from_row,
)
from councilplan.imports.draft import Draft, DraftItem
from councilplan.imports.header import Header, RowAlignment, header_match, row_aligned
from councilplan.imports.options import LayoutOptions
from councilplan.imports.references import is_column_ref, ref_key, ref_parent_keys
from councilplan.imports.reshape import blocks_reshaped
from councilplan.imports.source import Block, Cell, Paragraph, SourceDocument, Table
from councilplan.imports.table_shape import (
    GUESS_SAMPLE_ROWS,
    filled_rows,
    header_by_shape,
    header_completed,
    header_like,
    scaled,
    table_reading,
    two_line_headers_joined,
)
from councilplan.imports.vocabulary import (
    NUMBER_WORDS,
    ORDINAL_WORDS,
    SectionLine,
    is_ref,
    level_name_of_header,
    metadata_key,
    ref_split,
    role_of_header,
    section_of_text,
)

DUPLICATE_REF_MESSAGE = (
    "the reference '{ref}' is printed for two different items: both kept, the second as '{id}'"
)
UNTITLED_SECTION_MESSAGE = "this {level} has no title in the document"
ROW_MOVED_MESSAGE = (
    "the cells of this row stand one column left of the header (a merged or missing cell in "
    "the document); they were read one column to the right: {read}. Check them"
)
MOVED_VALUE_MESSAGE = (
    "a percentage printed on a line of its own was taken as the roll-up of '{title}'"
)
ORPHAN_VALUE_MESSAGE = (
    "a value printed on a line of its own could not be placed; kept on the item above"
)
REJOINED_MESSAGE = (
    "a row with no reference was joined to the item above (a row broken by conversion)"
)
LEARNED_MESSAGE = "column '{name}' read as {role}, as in an earlier table of this document"
LOOKALIKE_MESSAGE = (
    "letters of another alphabet that look like Latin ones were read as Latin letters"
)
UNPLACED_ROW_MESSAGE = "a table row before any recognised header: kept in the plan's metadata"

_BULLET = re.compile(r"^\s*[·•▪◦\u2022\u00b7\-–]\s+")
_OBJECTIVES = re.compile(r"^[-*\s]*objectives?\b", re.I)


def draft_build(source: SourceDocument, options: LayoutOptions) -> Draft:
    blocks, changed = blocks_normalised(source.blocks)
    recogniser = _Recogniser(replace(source, blocks=blocks), options)
    for location, original in changed:
        recogniser.draft.anomaly(
            "lookalike_letters", LOOKALIKE_MESSAGE, location=location, text=original
        )
    recogniser.run()
    return recogniser.draft


def blocks_normalised(blocks: list[Block]) -> tuple[list[Block], list[tuple[str, str]]]:
    """Every cell and paragraph in NFKC without invisible characters, look-alike letters of
    other scripts folded into Latin; with the places and original text of the folded ones."""
    changed: list[tuple[str, str]] = []

    def normalised(text: str, location: object) -> str:
        folded = text_normalised(text)
        if folded != text and has_lookalikes(text):
            changed.append((str(location), text))
        return folded

    def cell(original: Cell) -> Cell:
        text = normalised(original.text, original.location)
        return original if text == original.text else Cell(text, original.location)

    def row_normalised(row: list[Cell]) -> list[Cell]:
        if "".join([c.text for c in row]).isascii():
            return row  # nothing to fold, as in most rows of most documents
        return [cell(c) for c in row]

    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            result.append(Table([row_normalised(row) for row in block.rows], block.location))
        else:
            text = normalised(block.text, block.location)
            result.append(block if text == block.text else replace(block, text=text))
    return result, changed


def _slug_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "item"


class _Recogniser:
    def __init__(self, source: SourceDocument, options: LayoutOptions) -> None:
        self.source = source
        self.options = options
        self.draft = Draft(file=source.file)
        self.header: Header | None = None
        self.stack: list[DraftItem] = []
        self.ranks: dict[str, int] = {}
        self.action: DraftItem | None = None
        self.last: DraftItem | None = None
        self.describe: DraftItem | None = None
        self.narrative: DraftItem | None = None
        self.pending: list[tuple[Decimal, Cell]] = []
        self.fresh: list[DraftItem] = []
        self.ids: dict[str, DraftItem] = {}
        self.counters: dict[str, int] = {}
        self.levels_from_header: list[str] = []
        self.refs: dict[str, DraftItem] = {}  # printed references in this section → items
        self.rows_have_refs = False  # whether the rows under the header carry references
        self.rows: list[list[Cell]] = []  # the table being read
        self.position = -1  # the row being read in it
        self.learned: dict[str, str] = {}  # header → role guessed in an earlier table

    # -- driving ---------------------------------------------------------------------------
    def run(self) -> None:
        blocks = blocks_reshaped(self.source.blocks, self.options.columns)
        for index, block in enumerate(blocks):
            if isinstance(block, Table):
                self.table(block)
            else:
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                self.paragraph(block, following)
        self.pending_settle()

    def table(self, table: Table) -> None:
        self.describe = None
        self.narrative = None
        if _is_key_value(table):
            for row in table.rows:
                filled = [c for c in row if c.text]
                key = metadata_key(filled[0].text.rstrip(": "))
                self.draft.metadata.setdefault("fields", {})[key] = text_clean(filled[1].text)
            return
        columns = self.columns_known()
        rows = two_line_headers_joined(filled_rows(table.rows), columns)
        headers = [header_match(row, columns) for row in rows]
        if not any(headers) and self.starts_new_table(rows):
            shaped = header_by_shape(rows, replace(self.options, columns=columns))
            if shaped is not None:
                header, index = shaped
                self.header_use(header, str(table.location))
                rows, headers = rows[index + 1 :], headers[index + 1 :]
        self.rows = rows
        for position, (row, header) in enumerate(zip(rows, headers, strict=True)):
            if self.header is not None and self.header.guessed and _repeats(row, self.header):
                continue  # the guessed header printed again on a new page
            self.position = position
            self.row(row, header)

    @property
    def following(self) -> list[list[Cell]]:
        """The rows after the one being read, as many as a column's role is guessed from."""
        start = self.position + 1
        return self.rows[start : start + GUESS_SAMPLE_ROWS]

    def columns_known(self) -> dict[str, str]:
        """Header words → roles: the mapping file's, and what this document's earlier tables
        showed its own headers to mean (a column means the same throughout a document)."""
        return {**self.learned, **self.options.columns}

    def starts_new_table(self, rows: list[list[Cell]]) -> bool:
        """Whether a table with no header words is a table of its own, to be read by its
        shape: not when it carries on the table before over a page or past a heading (no
        header row of its own, or as wide as the one before)."""
        if self.header is None:
            return True
        if not rows or not header_like(rows[0]):
            return False
        width = max(len(row) for row in rows)
        return abs(width - len(self.header.roles)) > 1

    # -- paragraphs ------------------------------------------------------------------------
    def paragraph(self, paragraph: Paragraph, following: Block | None) -> None:
        text = paragraph.text.strip()
        location = str(paragraph.location)
        if self.narrative is not None and _BULLET.match(text):
            self.narrative_point(text, location)
            return
        line = section_of_text(text, self.options.sections)
        if line and line.kind.startswith("numbered"):
            if _is_bullet_paragraph(following):
                self.narrative_start(line, location)
                return
            if not (isinstance(following, Table) and _is_heading(line.title)):
                line = None  # a numbered paragraph of prose; a short one above a table heads it
        if line is not None and _names_a_document_part(line) and not self.heads_items(following):
            line = None  # `Section 2 – Report` of a Cabinet report heads prose, not items
        if line is not None:
            self.section(line, location, [])
            self.stack[-1].cell_keep("heading", paragraph.text, location)
            self.describe = self.stack[-1]
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
        self.narrative = None
        if _OBJECTIVES.match(text) and self.stack:
            self.describe = self.stack[-1]
        if self.describe is not None:
            joined = "\n".join(filter(None, [self.describe.description, text]))
            self.describe.description = joined
            self.describe.cell_keep("description", text, location)
            return
        self.draft.unplaced.append({"text": text, "location": location})

    def narrative_start(self, line: SectionLine, location: str) -> None:
        level = self.options.narrative_levels[0]
        item = self.item_new(line.ref, level, 0, None, line.title.rstrip(":"), location)
        item.kind = "narrative"
        item.cell_keep("heading", f"{line.ref}. {line.title}", location)
        self.narrative = item

    def narrative_point(self, text: str, location: str) -> None:
        parent = self.narrative
        assert parent is not None
        body = " ".join(_BULLET.sub("", text, count=1).split())
        number = len(parent.children) + 1
        item = self.item_new(
            f"{parent.id}.{number}", self.options.narrative_levels[1], 1, parent, body, location
        )
        item.ref = ""
        item.description = body
        item.figures = [d for d in map(_figure_dict, figures_find(body)) if d is not None]
        item.cell_keep("bullet", text, location)

    # -- rows ------------------------------------------------------------------------------
    def row(self, cells: list[Cell], header: Header | None) -> None:
        if header is not None:
            self.header_seen(header)
            return
        filled = [c for c in cells if c.text]
        lone = len(filled) == 1 and filled[0] is cells[0]
        if lone and self.header is not None and self.header.guessed and self.following:
            self.heading_row(filled[0])  # a full-width row inside a table read by its shape
            return
        if lone and self.describe is not None:
            self.prose(cells[0].text, str(cells[0].location))  # a description goes on
            return
        if lone and self.lone_cell_is_item(cells[0]):
            self.data_row(cells)  # an item whose other cells are blank
            return
        line = self.section_in_row(cells)
        if line is not None:
            first = next(c for c in cells if c.text)
            self.section(line, str(first.location), cells)
            return
        if lone:
            self.prose(cells[0].text, str(cells[0].location))  # a title line inside a table
            return
        if self.header is None:
            self.unplaced_row(cells)
            return
        self.describe = None
        if "risk" in self.header.role_set:
            self.risk_row(cells)
            return
        self.data_row(cells)

    def lone_cell_is_item(self, cell: Cell) -> bool:
        """In a table of items without references, a row with only its title filled is an
        item; where rows carry references, such a line is a heading or a title line."""
        header = self.header
        return (
            header is not None
            and header.roles[:1] == ["title"]
            and not self.rows_have_refs
            and section_of_text(cell.text, self.options.sections) is None
        )

    def header_seen(self, header: Header) -> None:
        if self.header is not None and header.role_set < self.header.role_set:
            return  # a partial header repeated inside the table (`Performance measures …`)
        if self.header is not None and header.names == self.header.names:
            return  # the same header printed again at the top of a page
        location = str(header.cells[0].location) if header.cells else ""
        known = replace(self.options, columns=self.columns_known())
        self.header_use(header_completed(header, self.following, known), location)

    def header_use(self, header: Header, location: str) -> None:
        """Read the rows below with this header; say what was guessed."""
        self.header = header
        self.rows_have_refs = False
        reading = table_reading(header, location, self.options)
        self.draft.tables.append(reading)
        for column in reading.columns:
            if column.how == "header" and self.learned.get(column.name) == column.role:
                column.how = "guess"
                column.reason = LEARNED_MESSAGE.format(name=column.name, role=column.role)
                continue
            if column.how == "guess":
                self.draft.anomaly("column_guessed", column.reason, location=location)
                if column.name:
                    self.learned[column.name] = column.role
        self.draft.period_hints.extend(header.names)
        for role, name in zip(header.roles, header.names, strict=True):
            if role == "ref" and "/" in name:
                self.levels_from_header = [p.strip().capitalize() for p in name.split("/")]

    def section_in_row(self, cells: list[Cell]) -> SectionLine | None:
        filled = [c for c in cells if c.text]
        if not filled:
            return None
        line = section_of_text(filled[0].text, self.options.sections)
        if line is None:
            return None
        for cell in filled[1:]:
            text = cell.text
            label = text.split(":", 1)[0] if ":" in text else text
            if percent_parse(text) is None and not role_of_header(label, self.options.columns):
                return None
        return line

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
        self.section(line, str(cell.location), [])
        self.stack[-1].cell_keep("heading", cell.text, str(cell.location))

    def group_heading(self, cell: Cell, column: str) -> None:
        """A column that names the group of the rows below it (`Priority area`: filled on a
        group's first row, or on every row alike) makes a section of each new value."""
        title = " ".join(cell.text.split())
        kind = f"group-{column.lower()}"
        current = next((item for item in reversed(self.stack) if item.kind == kind), None)
        if current is not None and current.title == title:
            return
        level = level_name_of_header(column) or "Group"
        self.section(SectionLine(kind, level, "", title), str(cell.location), [])

    # -- sections --------------------------------------------------------------------------
    def section(self, line: SectionLine, location: str, cells: list[Cell]) -> None:
        rank = self.ranks.setdefault(line.kind, _rank_of(line.kind, len(self.ranks)))
        while self.stack and self.ranks.get(self.stack[-1].kind, 0) >= rank:
            self.stack.pop()
        level = line.level or self.numbered_level(line.kind)
        title = line.title
        count = self.counters[line.kind] = self.counters.get(line.kind, 0) + 1
        ref = line.ref
        # A section number printed twice ("0. A" on two lines) must not give one id to both.
        identifier = self.unique_id(
            ref or title or level, location, base=_section_id(line, level, count)
        )
        parent = self.stack[-1] if self.stack else None
        if not title:
            title = f"{level} {count} (untitled)"
            self.draft.anomaly(
                "missing_title",
                UNTITLED_SECTION_MESSAGE.format(level=level.lower()),
                location=location,
                text=" | ".join(c.text for c in cells if c.text),
                item=identifier,
            )
        item = self.item_new(identifier, level, len(self.stack), parent, title, location)
        item.ref = ref
        item.kind = line.kind
        self.stack.append(item)
        self.refs = {}
        self.action = None
        self.last = item
        self.section_cells(item, cells)

    def numbered_level(self, kind: str) -> str:
        depth = 0 if kind == "numbered-1" else 1
        if depth < len(self.levels_from_header):
            return self.levels_from_header[depth]
        return "Section" if depth == 0 else "Sub-section"

    def section_cells(self, item: DraftItem, cells: list[Cell]) -> None:
        for index, cell in enumerate(cells):
            if not cell.text:
                continue
            header = self.header.name_of(index) if self.header else ""
            item.cell_keep(header, cell.text, str(cell.location))
            value = percent_parse(cell.text)
            if value is not None and item.progress is None:
                item.progress = value
                item.reported_rollup = True
            elif ":" in cell.text and cell is not cells[0]:
                self.section_role(item, cell.text)
        if item.progress is None:
            if self.pending:
                self.pending_take(item)
            else:
                self.fresh.append(item)

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
        header = self.header
        assert header is not None
        columns = self.row_columns(header, cells)
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
        flagged = len(self.draft.anomalies)
        milestone = values.get("milestone")
        if milestone is not None and missing_value_kind(milestone.text):
            self.draft.anomaly(
                missing_value_kind(milestone.text),
                "the sub-item is a placeholder: no sub-item was made",
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
            self.pending.extend((percent_parse(c.text), c) for c in filled)
            return
        item = self.item_for_row(values, cells)
        if item is None:
            return
        for anomaly in self.draft.anomalies[flagged:]:
            anomaly["item"] = anomaly["item"] or item.id
        for cell, column in zip(cells, columns, strict=True):
            item.cell_keep(header.name_of(column), cell.text, str(cell.location))

    def item_for_row(self, values: dict[str, Cell], cells: list[Cell]) -> DraftItem | None:
        ref, title_cell = self.row_ref(values)
        milestone = values.get("milestone")
        if ref:
            self.pending_settle()
            self.rows_have_refs = True
            action = self.action_new(ref, title_cell, milestone, values)
            return action
        if milestone is not None and self.action is not None:
            return self.child_new(self.action, milestone, values)
        if self.row_is_unreferenced_item(title_cell, values):
            self.pending_settle()
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

    def row_ref(self, values: dict[str, Cell]) -> tuple[str, Cell | None]:
        ref_cell, title_cell = values.get("ref"), values.get("title")
        if ref_cell is not None and (is_ref(ref_cell.text) or is_column_ref(ref_cell.text)):
            return ref_cell.text.strip().rstrip("."), title_cell
        if title_cell is not None:
            ref, rest = ref_split(title_cell.text)
            if ref:
                return ref, Cell(rest, title_cell.location)
        return "", title_cell

    def row_is_unreferenced_item(self, title: Cell | None, values: dict[str, Cell]) -> bool:
        """A row of a table that prints no references is an item of its own, unless it is
        the rest of the row above torn off by a conversion (it starts mid-sentence)."""
        header = self.header
        if header is None or self.rows_have_refs:
            return False
        if title is None or not title.text.strip():
            return False
        text = title.text.strip()
        torn = text[0].islower() and len(values) <= 2
        return not torn

    def action_new(
        self, ref: str, title_cell: Cell | None, milestone: Cell | None, values: dict[str, Cell]
    ) -> DraftItem:
        parent = self.ref_parent(ref) if ref else None
        if parent is not None:
            depth, level = parent.depth + 1, _child_level(parent.level)
        else:
            depth = len(self.stack)
            parent = self.stack[-1] if self.stack else None
            level = self.action_level()
        title_text = title_cell.text if title_cell is not None and title_cell.text else ""
        location = (
            str((title_cell or values["ref"]).location) if (title_cell or "ref" in values) else ""
        )
        if not title_text and milestone is not None:
            title_text, milestone = milestone.text, None
        if ref:
            identifier = self.unique_id(ref, location)
        else:
            number = self.counters["row"] = self.counters.get("row", 0) + 1
            base = f"{parent.id}.{len(parent.children) + 1}" if parent else f"item-{number}"
            identifier = self.unique_id(base, location)
        action = self.item_new(identifier, level, depth, parent, text_clean(title_text), location)
        action.ref = ref
        if ref:
            self.refs[ref_key(ref)] = action
        self.action = action
        self.last = action
        if milestone is not None:
            child = self.child_new(action, milestone, values)
            return child
        details_apply(action, values, self.draft, self.options)
        return action

    def ref_parent(self, ref: str) -> DraftItem | None:
        """The item whose printed reference this one extends (`1.1` → `1`, `CA2.3` → `CA2`)."""
        for key in ref_parent_keys(ref):
            if key in self.refs:
                return self.refs[key]
        return None

    def child_new(self, parent: DraftItem, milestone: Cell, values: dict[str, Cell]) -> DraftItem:
        level = level_name_of_header(self.milestone_header()) or "Milestone"
        identifier = self.unique_id(f"{parent.id}.{len(parent.children) + 1}", "")
        child = self.item_new(
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

    def milestone_header(self) -> str:
        header = self.header
        if header is None or "milestone" not in header.roles:
            return ""
        return header.names[header.roles.index("milestone")]

    def action_level(self) -> str:
        header = self.header
        if header is not None and "ref" not in header.roles and "title" in header.roles:
            name = level_name_of_header(header.names[header.roles.index("title")])
            if name and name.split()[0].lower() not in _NOT_LEVEL_WORDS:
                return name
        return "Action"

    def unique_id(self, ref: str, location: str, *, base: str = "") -> str:
        """`ref` as an id (or `base`, where given), numbered `-2`, `-3`… when already used."""
        base = base or _slug_id(ref)
        if base not in self.ids:
            return base
        number = 2
        while f"{base}-{number}" in self.ids:
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

    def item_new(
        self,
        identifier: str,
        level: str,
        depth: int,
        parent: DraftItem | None,
        title: str,
        location: str,
    ) -> DraftItem:
        item = DraftItem(identifier, identifier, level, depth, parent, title, location=location)
        self.ids[identifier] = item
        self.draft.items.append(item)
        self.draft.level_names.setdefault(depth, level)
        if parent is not None:
            parent.children.append(item)
        return item

    # -- values torn off their rows ----------------------------------------------------------
    def pending_take(self, item: DraftItem) -> None:
        value, cell = self.pending.pop(0)
        item.progress = value
        item.reported_rollup = True
        item.cell_keep("(moved)", cell.text, str(cell.location))
        self.draft.anomaly(
            "value_moved",
            MOVED_VALUE_MESSAGE.format(title=item.title),
            location=str(cell.location),
            text=cell.text,
            item=item.id,
        )

    def pending_settle(self) -> None:
        while self.pending and self.fresh:
            self.pending_take(self.fresh.pop(0))
        self.fresh = []
        for value, cell in self.pending:
            target = self.last.id if self.last else None
            if self.last is not None:
                self.last.cell_keep("(unplaced)", cell.text, str(cell.location))
            self.draft.anomaly(
                "orphan_value",
                ORPHAN_VALUE_MESSAGE,
                location=str(cell.location),
                text=str(value),
                item=target,
            )
        self.pending = []

    # -- risks -----------------------------------------------------------------------------
    def risk_row(self, cells: list[Cell]) -> None:
        header = self.header
        assert header is not None
        risk = risk_from_row(header, cells)
        if risk is not None:
            self.draft.risks.append(risk)


# Header words that say what a column holds, not what its items are called.
_NOT_LEVEL_WORDS = {"description", "title", "details", "detail", "what", "name", "text", "column"}
_CHILD_LEVELS = {"Action": "Sub-action", "Sub-action": "Task", "Task": "Step"}


def _child_level(level: str) -> str:
    """The level below one whose references it extends: Action → Sub-action → Task."""
    return _CHILD_LEVELS.get(level) or f"Sub-{level.lower()}"


def _is_heading(text: str) -> bool:
    """A heading is short and is no sentence."""
    return len(text) <= 80 and not text.rstrip().endswith((".", ";", ","))


def _names_a_document_part(line: SectionLine) -> bool:
    return line.kind in ("labelled-section", "labelled-part", "labelled-chapter")


def _repeats(row: list[Cell], header: Header) -> bool:
    texts = [" ".join(c.text.split()).casefold() for c in row if c.text]
    names = [" ".join(n.split()).casefold() for n in header.names if n]
    return bool(names) and texts == names


def _section_id(line: SectionLine, level: str, count: int) -> str:
    """`2.1`, `CO-1`, `THE-PLACE`; `Objective One` → `objective-1`; untitled → `workstream-4`."""
    ref = line.ref
    ref = _ref_number(ref)
    if ref and (not ref.isdigit() or line.kind.startswith("numbered")):
        return _slug_id(ref)
    return f"{_slug_id(level).lower()}-{ref or count}"


def _ref_number(ref: str) -> str:
    """`One` and `First` → `1`; `IV` → `4`; other references as printed."""
    lowered = ref.lower()
    for words in (NUMBER_WORDS, ORDINAL_WORDS):
        if lowered in words:
            return str(words.index(lowered) + 1)
    if re.fullmatch(r"[ivx]{1,5}", lowered):
        values = {"i": 1, "v": 5, "x": 10}
        total = 0
        for index, letter in enumerate(lowered):
            value = values[letter]
            following = values[lowered[index + 1]] if index + 1 < len(lowered) else 0
            total += -value if value < following else value
        return str(total)
    return ref


def _rank_of(kind: str, seen: int) -> int:
    if kind == "numbered-1":
        return 100
    if kind == "numbered-2":
        return 101
    return seen


def _is_key_value(table: Table) -> bool:
    rows = [[c for c in row if c.text] for row in table.rows]
    rows = [r for r in rows if r]
    return bool(rows) and all(len(r) == 2 and r[0].text.rstrip().endswith(":") for r in rows)


def _is_bullet_paragraph(block: Block | None) -> bool:
    return isinstance(block, Paragraph) and bool(_BULLET.match(block.text))


def _figure_dict(figure) -> dict | None:
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


__all__ = ["LayoutOptions", "draft_build", "missing_value_kind", "percent_list", "text_items"]
