"""The intermediate form every reader yields: headings, paragraphs and tables of cells,
each with its place in the source file. No Django.
"""

from dataclasses import dataclass, field

from councilplan.domain.problems import SourceLocation


@dataclass(frozen=True)
class Cell:
    text: str
    location: SourceLocation


@dataclass
class Paragraph:
    text: str
    location: SourceLocation
    heading: int = 0  # the heading level a Word style gives; 0 for body text
    cell_like: bool = False  # one cell of a table exported one cell per line


@dataclass
class Table:
    rows: list[list[Cell]]
    location: SourceLocation


Block = Paragraph | Table


@dataclass
class SourceDocument:
    file: str
    blocks: list[Block] = field(default_factory=list)
    pages: int = 1
    notes: list[str] = field(default_factory=list)  # what the reader had to repair

    @property
    def text_lines(self) -> list[str]:
        """The document's visible text, one string per paragraph or row (titles, names)."""
        lines = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines.extend(" ".join(c.text for c in row if c.text) for row in block.rows)
        return lines
