"""Tables printed without ruling lines, found in a PDF page's lines of text.

Word prints a table with no borders as lines of words with gutters between the columns:
x-ranges left empty by every line of the table (its cell margins are 10.8 pt wide at the
least, wider than a space between words). A run of consecutive lines that keeps such
gutters is a table; its columns lie between the gutters. A cell wrapped onto more lines
makes lines with text in only some columns: such a line continues the row above, when it
stands closer to it than the rows stand to each other, or (when the rows stand no further
apart than lines do) when it leaves the first column empty or starts it mid-sentence, in
lower case; never when its text is in another font than the text above it in its column
(a bold header row over a row broken across the page).
"""

import re
from dataclasses import dataclass
from statistics import median

WORD_GAP = 0.15  # of the font size: a gap this wide is a space between words
CELL_GAP = 1.5  # of the font size: a line alone is a row of cells at gaps this wide
GUTTER = 0.8  # of the font size (at most GUTTER_MAX points): the least gap between columns
GUTTER_MAX = 10.0  # Word's default cell margins leave 10.8 pt between columns
LINE_SPACING = 1.35  # of the font size: lines of one paragraph stand at most this far apart
TABLE_BREAK = 2.0  # of a line's height: a wider vertical gap ends a table


# A first word that is a reference in lower case: `a`, `b)`, `ii.`, `iv`.
_REFERENCE = re.compile(r"^(?:[a-z]|[ivx]{1,4})[.):]?(?:\s|$)")


@dataclass
class Word:
    x0: float
    x1: float
    text: str
    font: str = ""


@dataclass
class Line:
    top: float
    bottom: float
    size: float
    words: list[Word]
    text: str

    def cells(self, gap: float) -> list[Word]:
        """The line's words joined into cells where they stand closer than `gap`."""
        cells: list[Word] = []
        for word in self.words:
            if cells and word.x0 - cells[-1].x1 < gap:
                cells[-1] = Word(cells[-1].x0, word.x1, f"{cells[-1].text} {word.text}")
            else:
                cells.append(Word(word.x0, word.x1, word.text))
        return cells

    @property
    def gutter(self) -> float:
        return min(GUTTER * self.size, GUTTER_MAX)


@dataclass
class Run:
    """Consecutive lines read as one block: a table (`columns`) or prose."""

    lines: list[Line]
    columns: list[tuple[float, float]]  # x-ranges of the columns, left to right; [] for prose
    full_width: set[int]  # indexes of lines printed across the columns (merged headings)


def line_of(chars: list[dict], text: str) -> Line:
    """A line of pdfplumber characters (each once) as words."""
    size = median(max(char.get("size", 8), 1) for char in chars) if chars else 8.0
    words: list[Word] = []
    previous = None
    for char in chars:
        if not char["text"].strip():
            previous = None  # a space printed as a character ends the word
            continue
        if previous is None or char["x0"] - previous["x1"] > WORD_GAP * size:
            words.append(Word(char["x0"], char["x1"], char["text"], char.get("fontname", "")))
        else:
            words[-1].x1 = char["x1"]
            words[-1].text += char["text"]
        previous = char
    top = min((char["top"] for char in chars), default=0.0)
    bottom = max((char["bottom"] for char in chars), default=0.0)
    return Line(top=top, bottom=bottom, size=size, words=words, text=text)


def _merged(spans: list[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """x-ranges joined where they overlap or stand closer than `gap`."""
    merged: list[tuple[float, float]] = []
    for x0, x1 in sorted(spans):
        if merged and x0 - merged[-1][1] < gap:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


def _with_line(
    columns: list[tuple[float, float]], line: Line, gap: float
) -> list[tuple[float, float]] | None:
    """The columns widened by the line's words, or None when the line bridges a gutter."""
    widened = _merged(columns + [(w.x0, w.x1) for w in line.words], gap)
    for x0, x1 in widened:
        if sum(1 for c0, c1 in columns if c0 >= x0 and c1 <= x1) > 1:
            return None
    return widened


def runs_of(lines: list[Line]) -> list[Run]:
    """The lines in order, as tables (runs that keep gutters between columns) and prose."""
    runs: list[Run] = []
    index = 0
    while index < len(lines):
        table = _table_from(lines, index)
        if table is None:
            if runs and not runs[-1].columns:
                runs[-1].lines.append(lines[index])
            else:
                runs.append(Run([lines[index]], [], set()))
            index += 1
            continue
        runs.append(table)
        index += len(table.lines)
    return runs


def _table_from(lines: list[Line], start: int) -> Run | None:
    """The table that starts at lines[start], or None when that line is not one's first."""
    first = lines[start]
    gap = first.gutter
    if len(first.cells(gap)) < 2:
        return None
    run = Run([first], _merged([(w.x0, w.x1) for w in first.words], gap), set())
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if line.top - run.lines[-1].bottom > TABLE_BREAK * (line.bottom - line.top):
            break
        widened = _with_line(run.columns, line, gap)
        if widened is not None:
            run.columns = widened
        elif _heading_inside(run, lines, index, gap):
            run.full_width.add(len(run.lines))
        else:
            break
        run.lines.append(line)
        index += 1
    if sum(1 for line in run.lines if len(line.cells(gap)) > 1) > 1:
        return run
    # One line of cells is no evidence of columns for the lines below it (`int f(…)
    # [Function]` over its description): it is a row alone when its words stand far apart,
    # else prose.
    if len(first.cells(CELL_GAP * first.size)) < 2:
        return None
    return Run([first], _merged([(w.x0, w.x1) for w in first.words], gap), set())


def _heading_inside(run: Run, lines: list[Line], index: int, gap: float) -> bool:
    """A line of one cell across the columns, followed by a line that keeps them: a merged
    row (a section heading) inside the table."""
    if len(lines[index].cells(gap)) != 1 or index + 1 >= len(lines):
        return False
    after = lines[index + 1]
    return len(after.cells(gap)) > 1 and _with_line(run.columns, after, gap) is not None


def rows_of(run: Run) -> list[list[str]]:
    """The table's rows, each a list of its cells' text; a wrapped cell's lines joined with
    newlines."""
    width = len(run.columns)
    starts = _row_starts(run)
    rows: list[list[list[str]]] = []
    for index, line in enumerate(run.lines):
        if index in run.full_width:
            rows.append([[line.text.strip()]] + [[] for _ in range(width - 1)])
            continue
        if index in starts or not rows:
            rows.append([[] for _ in range(width)])
        for column, words in _placed(run.columns, line).items():
            rows[-1][column].append(" ".join(word.text for word in words))
    return [["\n".join(parts) for parts in row] for row in rows]


def _placed(columns: list[tuple[float, float]], line: Line) -> dict[int, list[Word]]:
    """The line's words by the column each stands in (the nearest, for a word in a gutter)."""
    placed: dict[int, list[Word]] = {}
    for word in line.words:
        placed.setdefault(_column_of(columns, (word.x0 + word.x1) / 2), []).append(word)
    return placed


def _column_of(columns: list[tuple[float, float]], x: float) -> int:
    def distance(column: int) -> float:
        x0, x1 = columns[column]
        return max(x0 - x, 0.0, x - x1)

    return min(range(len(columns)), key=distance)


def _row_starts(run: Run) -> set[int]:
    """Indexes of the lines that start a row (the others continue the row above)."""
    size = median(line.size for line in run.lines)
    pitches = {
        index: line.top - run.lines[index - 1].top
        for index, line in enumerate(run.lines)
        if index and index not in run.full_width and index - 1 not in run.full_width
    }
    starts = {0} | run.full_width | {i + 1 for i in run.full_width}
    threshold = _row_pitch_threshold(sorted(pitches.values()), size)
    fonts: dict[int, str] = {}  # the font each column's text of the row above ends in
    for index, line in enumerate(run.lines):
        placed = _placed(run.columns, line)
        if index in pitches:
            pitch = pitches[index]
            apart = pitch >= threshold if threshold is not None else _starts_row(placed)
            if apart or any(fonts.get(c, w[0].font) != w[0].font for c, w in placed.items()):
                starts.add(index)
        if index in starts:
            fonts = {}
        fonts |= {column: words[-1].font for column, words in placed.items()}
    return starts


def _starts_row(placed: dict[int, list[Word]]) -> bool:
    """When rows stand as close as lines: a line starts a row when its first column holds
    text that does not start mid-sentence (a reference, or a capital letter)."""
    first = " ".join(word.text for word in placed.get(0, []))
    return bool(first) and not (first[0].islower() and not _REFERENCE.match(first))


def _row_pitch_threshold(pitches: list[float], size: float) -> float | None:
    """Between the pitch of a cell's wrapped lines and the larger pitch of rows, when the
    table shows both; None when its lines all stand alike apart."""
    if not pitches or pitches[0] > LINE_SPACING * size:
        return None
    least = pitches[0]
    wider = [pitch for pitch in pitches if pitch - least > max(1.5, WORD_GAP * size)]
    if not wider:
        return None
    return (least + wider[0]) / 2
