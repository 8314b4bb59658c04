"""Tables exported one cell per line, put back into rows.

A run of one-cell lines either pairs labels with values (`Report for:` / `Cabinet`) or
starts with column headers the vocabulary knows (`Risk Description`, `Mitigations`,
`RAG Status`): the cells after them are dealt into rows of that width.
"""

from councilplan.imports.source import Block, Cell, Paragraph, Table
from councilplan.imports.vocabulary import role_of_header


def blocks_reshaped(blocks: list[Block], extra: dict[str, str] | None = None) -> list[Block]:
    reshaped: list[Block] = []
    run: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.cell_like:
            run.append(block)
            continue
        reshaped.extend(_run_reshaped(run, extra))
        run = []
        reshaped.append(block)
    reshaped.extend(_run_reshaped(run, extra))
    return reshaped


def _cell(paragraph: Paragraph) -> Cell:
    return Cell(paragraph.text, paragraph.location)


def _header_width(run: list[Paragraph], start: int, extra: dict[str, str] | None) -> int:
    width = 0
    while start + width < len(run) and role_of_header(run[start + width].text, extra):
        width += 1
    return width


def _run_reshaped(run: list[Paragraph], extra: dict[str, str] | None) -> list[Block]:
    blocks: list[Block] = []
    pairs: list[list[Cell]] = []
    index = 0
    while index < len(run):
        width = _header_width(run, index, extra)
        if width >= 2:
            if pairs:
                blocks.append(Table(pairs, pairs[0][0].location))
                pairs = []
            cells = [_cell(p) for p in run[index:]]
            rows = [cells[i : i + width] for i in range(0, len(cells), width)]
            blocks.append(Table(rows, cells[0].location))
            return blocks
        text = run[index].text
        if text.rstrip().endswith(":") and index + 1 < len(run):
            pairs.append([_cell(run[index]), _cell(run[index + 1])])
            index += 2
            continue
        if pairs:
            blocks.append(Table(pairs, pairs[0][0].location))
            pairs = []
        blocks.append(Paragraph(text, run[index].location))
        index += 1
    if pairs:
        blocks.append(Table(pairs, pairs[0][0].location))
    return blocks
