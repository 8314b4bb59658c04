"""Text made comparable before any matching: NFKC, invisible characters gone, letters of
other scripts that print like Latin ones read as Latin (each such cell said)."""

from dataclasses import replace

from councilplan.domain.lookalikes import has_lookalikes, text_normalised
from councilplan.imports.source import Block, Cell, Table

LOOKALIKE_MESSAGE = (
    "letters of another alphabet that look like Latin ones were read as Latin letters"
)


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
