"""Tables read by their shape: a header row over rows of about the same width is a table of
items, whatever its header words. No Django.

The vocabulary's words still win where they name a column (and a mapping file wins over
both); a column whose header is unknown gets a role from what its cells hold
(imports.columns). Every guess is reported.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from councilplan.domain.quantities import percent_parse
from councilplan.domain.timescales import timescale_parse
from councilplan.imports.columns import FRACTION, ColumnGuess, column_guess, roles_settled
from councilplan.imports.header import Header, header_match, title_column_placed
from councilplan.imports.options import LayoutOptions
from councilplan.imports.source import Cell
from councilplan.imports.vocabulary import MAX_HEADER_LENGTH, header_words, role_of_header

# Roles that make a table a table of items (or of risks, or of measures).
ITEM_ROLES = {"title", "ref", "ref_title", "milestone", "measure", "risk"}
TITLE_ROLES = ITEM_ROLES - {"ref"}
# A column's role is guessed from this many rows below its header (a sample is enough).
GUESS_SAMPLE_ROWS = 300
# Items are phrases ("Open the business hub"); names of suppliers or places are not.
MIN_TITLE_WORDS = 3
_NUMBER = re.compile(r"^\d{1,3}(?:\.\d+)?$")


@dataclass
class ColumnReading:
    """How one column was read, for the import report and the column step."""

    index: int
    name: str
    role: str
    how: str  # header (the vocabulary), mapping, guess, none
    reason: str = ""


@dataclass
class TableReading:
    location: str
    columns: list[ColumnReading] = field(default_factory=list)
    guessed_header: bool = False


def filled_rows(rows: list[list[Cell]]) -> list[list[Cell]]:
    return [row for row in rows if any(c.text for c in row)]


def _column_values(rows: list[list[Cell]], index: int) -> list[str]:
    return [row[index].text for row in rows if index < len(row) and row[index].text]


def _is_value(text: str) -> bool:
    """A cell that holds a value (a date, a percentage, a number), not a column's name."""
    text = text.strip()
    if percent_parse(text) is not None or _NUMBER.match(text) or FRACTION.match(text):
        return True
    timescale = timescale_parse(text)
    return timescale.due is not None or timescale.start is not None


def header_like(row: list[Cell]) -> bool:
    filled = [c for c in row if c.text]
    return (
        len(filled) >= 2
        and all(len(c.text) <= MAX_HEADER_LENGTH for c in filled)
        and not any(_is_value(c.text) for c in filled)
    )


def two_line_headers_joined(
    rows: list[list[Cell]], extra: dict[str, str] | None = None
) -> list[list[Cell]]:
    """A header printed over two lines (`Description of` / `the work`, `End` / `date`) as
    one row. The second line's cells are short words that carry on the cells above."""
    joined: list[list[Cell]] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        following = rows[index + 1] if index + 1 < len(rows) else None
        is_first = not joined
        if (
            following is not None
            and _carries_on(row, following)
            and (is_first or header_match(row, extra))
        ):
            width = max(len(row), len(following))
            cells = []
            for column in range(width):
                top = row[column] if column < len(row) else None
                bottom = following[column] if column < len(following) else None
                text = " ".join(c.text for c in (top, bottom) if c is not None and c.text)
                location = (top or bottom).location  # type: ignore[union-attr]
                cells.append(Cell(text, location))
            joined.append(cells)
            index += 2
            continue
        joined.append(row)
        index += 1
    return joined


def _carries_on(header: list[Cell], row: list[Cell]) -> bool:
    filled = [(i, c) for i, c in enumerate(row) if c.text]
    return (
        bool(filled)
        and all(
            i < len(header)
            and header[i].text
            and len(c.text.split()) <= 3
            and c.text[:1].islower()
            and not _is_value(c.text)
            for i, c in filled
        )
        and header_like(header)
    )


def header_by_shape(rows: list[list[Cell]], options: LayoutOptions) -> tuple[Header, int] | None:
    """The table's header read from its shape, and the index of its header row (-1 when the
    table prints none), or None when the rows are not a table of items."""
    rows = filled_rows(rows)
    multi = [row for row in rows if sum(1 for c in row if c.text) >= 2]
    if not multi or len(rows) < 2:
        return None
    first = multi[0]
    index = rows.index(first)
    width = max(len(row) for row in rows)
    if header_like(first) and index + 1 < len(rows):
        names = [c.text for c in first] + [""] * (width - len(first))
        body = rows[index + 1 : index + 1 + GUESS_SAMPLE_ROWS]
        header_cells = first
    else:
        names, body, header_cells, index = [""] * width, rows[:GUESS_SAMPLE_ROWS], [], -1
    roles = [role_of_header(name, options.columns) if name else "" for name in names]
    header = title_column_placed(Header(roles, names, cells=header_cells))
    header.guessed = True
    header = header_completed(header, body, options)
    if not header.role_set & TITLE_ROLES:
        header = _title_by_length(header, body)
    if not header.role_set & TITLE_ROLES:
        return None  # no column of items: a list of invoices, names or figures
    return header, index


def _title_by_length(header: Header, body: list[list[Cell]]) -> Header:
    """No column says it holds the items: the column of the longest text is their title."""
    best, best_length = None, 12.0
    for index, role in enumerate(header.roles):
        if role:
            continue
        values = _column_values(body, index)
        if len(values) < max(1, len(body) // 2):
            continue
        mean = sum(len(v) for v in values) / len(values)
        words = sum(len(v.split()) for v in values) / len(values)
        if mean > best_length and words >= MIN_TITLE_WORDS:
            best, best_length = index, mean
    if best is None:
        return header
    name = header.names[best] or f"column {best + 1}"
    _role_guessed(
        header, best, "title", f"column '{name}' read as the title (it holds the longest text)"
    )
    return header


def header_completed(header: Header, body: list[list[Cell]], options: LayoutOptions) -> Header:
    """Roles for the header's unknown columns guessed from the rows below it, and the scale
    of a progress column printed as fractions of one."""
    guesses: dict[int, ColumnGuess] = {}
    mapped = {header_words(k) for k in options.columns}
    _group_column(header, body, mapped)
    for index, (role, name) in enumerate(zip(header.roles, header.names, strict=True)):
        if role or header_words(name) in mapped:
            continue
        if not name and not header.guessed:
            continue  # an unnamed column of a printed header: its rows' alignment decides
        label = name or f"column {index + 1}"
        guess = column_guess(
            label, _column_values(body, index), financial_year=options.financial_year
        )
        if guess is not None:
            guesses[index] = guess
    dated = _dated_targets(header, body, options)
    guesses.update(dated)
    taken = {role for i, role in enumerate(header.roles) if role and i not in dated}
    settled = roles_settled(guesses, taken)
    roles = list(header.roles)
    for index, guess in settled.items():
        roles[index] = guess.role
        if guess.scale != 1:
            header.scales[index] = guess.scale
    header.roles = roles
    header.guesses = {**header.guesses, **settled}
    _sub_item_column(header, body)
    _measure_column(header, body)
    _commentary_column(header, body)
    roles = list(header.roles)
    if "rag" in roles and "risk" not in roles and "status" not in roles:
        roles[roles.index("rag")] = "status"  # a RAG column in a table of items is its status
        header.roles = roles
    if "progress" in roles:
        column = roles.index("progress")
        if column not in header.scales and _fractions_of_one(_column_values(body, column)):
            header.scales[column] = 100
    return header


def _group_column(header: Header, body: list[list[Cell]], mapped: set[str]) -> None:
    """A column before the items' titles whose short names head runs of rows (`Priority
    area`: `Healthy lives` on a group's first row and blank below it, or on every row
    alike) groups the rows: each new name is a section over the rows that follow."""
    firsts = [i for i, role in enumerate(header.roles) if role in ("title", "ref", "ref_title")]
    if not firsts or "group" in header.roles or len(body) < 3:
        return
    for index in range(min(firsts)):
        role, name = header.roles[index], header.names[index]
        if role or not name or header_words(name) in mapped:
            continue
        texts = [row[index].text.strip() if index < len(row) else "" for row in body]
        filled = [t for t in texts if t]
        if not filled or any(len(t) > 80 or _is_value(t) for t in filled):
            continue
        runs = sum(1 for i, t in enumerate(texts) if t and (i == 0 or t != texts[i - 1]))
        blanks_below = len(filled) < len(texts) and bool(texts[0])
        repeated = len(filled) == len(texts) and runs < len(texts)
        if runs >= 1 and runs <= len(texts) // 2 and (blanks_below or repeated):
            reason = (
                f"column '{name}' read as a heading over the rows below it ({runs} groups "
                f"in {len(texts)} rows)"
            )
            _role_guessed(header, index, "group", reason)
            return


def _role_guessed(header: Header, index: int, role: str, reason: str) -> None:
    header.roles = [*header.roles[:index], role, *header.roles[index + 1 :]]
    header.guesses = {**header.guesses, index: ColumnGuess(role, reason)}


def _sub_item_column(header: Header, body: list[list[Cell]]) -> None:
    """A column of phrases beside the title, filled on rows whose reference and title are
    blank, holds the items below the titled ones (programmes, milestones, tasks)."""
    if "milestone" in header.roles or not header.role_set & {"title", "ref", "ref_title"}:
        return
    titles = [i for i, role in enumerate(header.roles) if role in ("title", "ref_title")]
    heads = titles or [i for i, role in enumerate(header.roles) if role == "ref"]
    for index, (role, name) in enumerate(zip(header.roles, header.names, strict=True)):
        if role or not name or index < min(heads):
            continue
        values = _column_values(body, index)
        if not values or sum(len(v.split()) for v in values) / len(values) < MIN_TITLE_WORDS:
            continue
        below = [
            row
            for row in body
            if index < len(row)
            and row[index].text
            and not any(h < len(row) and row[h].text for h in heads)
        ]
        if len(below) >= max(2, len(body) // 5):
            reason = (
                f"column '{name}' read as the items below each titled row ({len(below)} rows "
                "fill it where the title is blank)"
            )
            _role_guessed(header, index, "milestone", reason)
            return


def _measure_column(header: Header, body: list[list[Cell]]) -> None:
    """Where a header prints a measure's figures (baseline, actual, target) but no measure,
    the column of phrases just before the figures names the measure."""
    figures = [i for i, role in enumerate(header.roles) if role in ("baseline", "actual", "target")]
    if not figures or "measure" in header.roles:
        return
    for index in range(min(figures) - 1, -1, -1):
        role, name = header.roles[index], header.names[index]
        if role:
            return  # the nearest column before the figures is read already
        values = _column_values(body, index)
        if not name or not values:
            continue
        if sum(len(v.split()) for v in values) / len(values) >= MIN_TITLE_WORDS:
            reason = f"column '{name}' read as the measure (it comes before the measure's figures)"
            _role_guessed(header, index, "measure", reason)
        return


def _commentary_column(header: Header, body: list[list[Cell]]) -> None:
    """A column of prose after the progress or status is what the owner wrote about it."""
    marks = [i for i, role in enumerate(header.roles) if role in ("progress", "status")]
    if not marks or "commentary" in header.roles:
        return
    for index in range(max(marks) + 1, len(header.roles)):
        role, name = header.roles[index], header.names[index]
        values = _column_values(body, index)
        if role or not name or not values:
            continue
        if sum(len(v.split()) for v in values) / len(values) >= MIN_TITLE_WORDS:
            reason = f"column '{name}' read as the commentary (prose after the progress)"
            _role_guessed(header, index, "commentary", reason)
        return


def _dated_targets(
    header: Header, body: list[list[Cell]], options: LayoutOptions
) -> dict[int, ColumnGuess]:
    """A `Target` column of dates, in a table with no measures, is when the item is due."""
    if "measure" in header.roles or "due" in header.roles:
        return {}
    found = {}
    for index, role in enumerate(header.roles):
        if role != "target":
            continue
        guess = column_guess(
            header.names[index],
            _column_values(body, index),
            financial_year=options.financial_year,
        )
        if guess is not None and guess.role == "due":
            found[index] = guess
    return found


def _fractions_of_one(values: list[str]) -> bool:
    numbers = [v.strip() for v in values if v.strip() and "%" not in v]
    fractions = [v for v in numbers if FRACTION.match(v)]
    return (
        bool(fractions)
        and len(fractions) >= 0.7 * len(numbers)
        and any(Decimal(v) not in (0, 1) for v in fractions)
    )


def scaled(cell: Cell, scale: int) -> Cell:
    """`0.35` in a column of fractions → `35%` (the cell's place kept)."""
    text = cell.text.strip()
    if scale == 1 or not FRACTION.match(text):
        return cell
    value = (Decimal(text) * scale).normalize()
    return Cell(f"{value:f}%", cell.location)


def table_reading(header: Header, location: str, options: LayoutOptions) -> TableReading:
    mapped = {header_words(k) for k in options.columns}
    guesses: dict[int, ColumnGuess] = header.guesses
    reading = TableReading(location=location, guessed_header=header.guessed)
    for index, (role, name) in enumerate(zip(header.roles, header.names, strict=False)):
        if index in guesses:
            how, reason = "guess", guesses[index].reason
        elif name and header_words(name) in mapped:
            how, reason = "mapping", ""
        elif role:
            how, reason = "header", ""
        else:
            how, reason = "none", ""
        reading.columns.append(ColumnReading(index, name, role, how, reason))
    return reading
