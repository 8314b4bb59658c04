"""Every variant of the corpus, in families: one plan, one way of laying it out.

`VARIANTS` is the whole corpus; `Variant.write(folder)` writes its file (never with a mapping
file beside it) and returns the items a reader should find. The seed documents are re-laid
as the other kinds of file (tests/imports/generate.py) and with their header words and
letters changed; their truth is what the importer reads from them with their mapping files.
"""

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.imports.corpus.generator import Layout, plan_write, with_lookalikes
from tests.imports.corpus.truth import (
    ACTIONS,
    CLIMATE,
    KEY_ACTIVITIES,
    PLANS,
    RECOVERY,
    SAFETY,
    SEED_STEMS,
    SEEDS,
    SERVICE,
    Expected,
    seed_expected,
)

FORMATS = ("docx", "xlsx", "csv", "txt", "pdf")


@dataclass(frozen=True)
class Variant:
    family: str
    plan: str  # a key of truth.PLANS, or a seed's stem
    layout: Layout | None = None  # for our own plans
    seed_form: str = ""  # for seeds: txt | docx | xlsx | csv | unknown_headers | lookalikes

    @property
    def suffix(self) -> str:
        if self.layout is not None:
            return self.layout.fmt
        return self.seed_form if self.seed_form in FORMATS else "txt"

    @property
    def name(self) -> str:
        if self.layout is not None:
            return f"{self.family}-{self.plan}-{self.layout.describe()}"
        return f"{self.family}-{self.plan[:3]}-{self.seed_form}"

    @property
    def slow(self) -> bool:
        return self.suffix == "pdf"

    def write(self, folder: Path) -> tuple[Path, list[Expected]]:
        """The variant's file in `folder` (no mapping file beside it) and its truth."""
        safe = re.sub(r"[^A-Za-z0-9]+", "-", self.name).strip("-")[:80]
        target = folder / f"{safe}.{self.suffix}"
        if self.layout is not None:
            expected = plan_write(PLANS[self.plan], self.layout, target)
        else:
            _seed_write(self.plan, self.seed_form, target)
            expected = list(seed_expected(self.plan))
        assert not target.with_suffix(".toml").exists()
        return target, expected


# -- the seeds re-laid ------------------------------------------------------------------------
# Header words of the seeds replaced by words no vocabulary was written from.
SEED_HEADERS = {
    "Number:": "#",
    "Area of Focus": "Focus",
    "Identified Programmes / Projects / Schemes": "What we will do",
    "Likely Target Timescales": "By when?",
    "2024/25 MILESTONES": "This year",
    "Performance measurement": "How we will know",
    "PROGRESS": "Done %",
    "Comments": "Notes for Cabinet",
    "Key Activities": "Activity",
    "Status": "Where are we",
    "Next Steps": "What next",
    "CMT Lead": "Who",
    "Lead Officer": "Who",
}
STATUS_WORDS = {"green", "amber", "red", "complete", "completed"}


def _seed_lookalikes(cell: str) -> str:
    """Look-alike letters and a non-breaking space in prose cells (refs and words such as
    statuses left alone: the truth's titles are folded back the same way)."""
    if len(cell.split()) < 4 or cell.lower() in STATUS_WORDS:
        return cell
    return with_lookalikes(cell).replace("\u200b", "")


def _seed_text(stem: str, form: str) -> str:
    lines = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    changed = []
    for line in lines:
        cells = line.split("\t")
        if form == "unknown_headers":
            cells = [SEED_HEADERS.get(cell.strip(), cell) for cell in cells]
        elif form == "lookalikes":
            cells = [_seed_lookalikes(cell) for cell in cells]
        changed.append("\t".join(cells))
    return "\n".join(changed) + "\n"


def _seed_write(stem: str, form: str, target: Path) -> None:
    from tests.imports import generate

    seed = SEEDS / f"{stem}.txt"
    writers: dict[str, Callable[[Path, Path], Path]] = {
        "docx": generate.docx_write,
        "xlsx": generate.xlsx_write,
        "csv": generate.csv_write,
        "pdf": generate.pdf_write,
    }
    if form == "txt":
        shutil.copyfile(seed, target)
    elif form in writers:
        writers[form](seed, target)
    else:
        target.write_text(_seed_text(stem, form), encoding="utf-8")


# -- the families ------------------------------------------------------------------------------
def _own(family: str, *pairs: tuple) -> list[Variant]:
    return [Variant(family=family, plan=plan.key, layout=layout) for plan, layout in pairs]


L = Layout
FAMILIES: dict[str, list[Variant]] = {
    "plain_docx": _own("plain_docx", *((plan, L()) for plan in PLANS.values())),
    "formats": _own(
        "formats",
        (ACTIONS, L(fmt="xlsx")),
        (ACTIONS, L(fmt="csv")),
        (ACTIONS, L(fmt="txt")),
        (RECOVERY, L(fmt="xlsx")),
        (RECOVERY, L(fmt="csv")),
        (RECOVERY, L(fmt="txt")),
        (SAFETY, L(fmt="csv")),
        (KEY_ACTIVITIES, L(fmt="txt")),
        (CLIMATE, L(fmt="xlsx")),
        (SERVICE, L(fmt="csv")),
    ),
    "column_order": _own(
        "column_order",
        (ACTIONS, L(order=1)),
        (CLIMATE, L(fmt="csv", order=2)),
        (KEY_ACTIVITIES, L(fmt="xlsx", order=3)),
        (SERVICE, L(fmt="txt", order=4)),
        (RECOVERY, L(fmt="docx", order=5)),
    ),
    "header_synonyms": _own(
        "header_synonyms",
        (ACTIONS, L(headers="synonyms", header_seed=1)),
        (CLIMATE, L(fmt="xlsx", headers="synonyms", header_seed=2)),
        (SAFETY, L(fmt="csv", headers="synonyms", header_seed=3)),
        (RECOVERY, L(fmt="txt", headers="synonyms", header_seed=4)),
    ),
    "unknown_headers": _own(
        "unknown_headers",
        (ACTIONS, L(headers="unknown", header_seed=1, notes_column=True)),
        (KEY_ACTIVITIES, L(fmt="csv", headers="unknown", header_seed=2)),
        (RECOVERY, L(fmt="xlsx", headers="unknown", header_seed=3, notes_column=True)),
        (SERVICE, L(fmt="txt", headers="unknown", header_seed=4)),
        (CLIMATE, L(fmt="docx", headers="unknown", header_seed=5, order=6)),
    ),
    "xlsx_cells": _own(
        "xlsx_cells",
        (ACTIONS, L(fmt="xlsx", date_style="cell", progress_style="cell", spacers=True)),
        (CLIMATE, L(fmt="xlsx", date_style="cell", progress_style="cell")),
        (RECOVERY, L(fmt="xlsx", date_style="cell", spacers=True)),
        (SAFETY, L(fmt="xlsx", date_style="cell", progress_style="fraction")),
    ),
    "xlsx_merged_sections": _own(
        "xlsx_merged_sections",
        (SERVICE, L(fmt="xlsx", headings_in_table=True)),
        (RECOVERY, L(fmt="xlsx", headings_in_table=True, heading_style="roman")),
        (CLIMATE, L(fmt="xlsx", sectioned=True, headings_in_table=True, heading_style="theme")),
    ),
    "xlsx_sheets": _own(
        "xlsx_sheets",
        (RECOVERY, L(fmt="xlsx", sheets="per_section", date_style="cell")),
        (SERVICE, L(fmt="xlsx", sheets="per_section", heading_style="figures")),
        (ACTIONS, L(fmt="xlsx", sheets="cover")),
    ),
    "repeated_header": _own(
        "repeated_header",
        (ACTIONS, L(fmt="csv", repeat_header=3)),
        (KEY_ACTIVITIES, L(fmt="docx", repeat_header=4)),
        (SAFETY, L(fmt="txt", repeat_header=3)),
        (RECOVERY, L(fmt="xlsx", repeat_header=2)),
    ),
    "two_line_header": _own(
        "two_line_header",
        (ACTIONS, L(two_line_header=True)),
        (CLIMATE, L(fmt="csv", two_line_header=True)),
        (RECOVERY, L(fmt="xlsx", two_line_header=True)),
    ),
    "torn_cells": _own(
        "torn_cells",
        (ACTIONS, L(fmt="txt", torn=True)),
        (KEY_ACTIVITIES, L(fmt="csv", torn=True)),
        (CLIMATE, L(fmt="docx", torn=True)),
    ),
    "lookalikes": _own(
        "lookalikes",
        (ACTIONS, L(lookalikes=True)),
        (SAFETY, L(fmt="csv", lookalikes=True)),
        (RECOVERY, L(fmt="txt", lookalikes=True)),
        (SERVICE, L(fmt="xlsx", lookalikes=True)),
    ),
    "section_headings": _own(
        "section_headings",
        (RECOVERY, L(heading_style="words")),
        (RECOVERY, L(fmt="csv", heading_style="roman")),
        (RECOVERY, L(fmt="txt", heading_style="letters")),
        (SERVICE, L(heading_style="theme")),
        (SERVICE, L(fmt="txt", heading_style="figures")),
        (SERVICE, L(headings_in_table=True, heading_style="words")),
    ),
    "no_ref_column": _own(
        "no_ref_column",
        (CLIMATE, L(sectioned=True, heading_style="theme")),
        (KEY_ACTIVITIES, L(fmt="xlsx", sectioned=True, heading_style="words")),
        (SAFETY, L(fmt="csv", sectioned=True, heading_style="roman")),
    ),
    "fraction_progress": _own(
        "fraction_progress",
        (ACTIONS, L(fmt="csv", progress_style="fraction")),
        (SAFETY, L(fmt="txt", progress_style="fraction")),
        (CLIMATE, L(fmt="xlsx", progress_style="fraction")),
    ),
    "text_dates": _own(
        "text_dates",
        (ACTIONS, L(date_style="long")),
        (CLIMATE, L(fmt="csv", date_style="month")),
        (KEY_ACTIVITIES, L(fmt="txt", date_style="quarter")),
        (SERVICE, L(fmt="xlsx", date_style="long")),
        (RECOVERY, L(fmt="docx", date_style="month")),
    ),
    "pdf": _own(
        "pdf",
        (ACTIONS, L(fmt="pdf")),
        (RECOVERY, L(fmt="pdf", heading_style="roman")),
        (SERVICE, L(fmt="pdf", heading_style="words")),
        (KEY_ACTIVITIES, L(fmt="pdf", order=7, date_style="long")),
    ),
    # Word tables with "no borders" printed to PDF: columns only by the gutters between them,
    # long cells wrapped; rows as close as lines, or 2 pt further apart.
    "pdf_borderless": _own(
        "pdf_borderless",
        (ACTIONS, L(fmt="pdf", borders=False)),
        (CLIMATE, L(fmt="pdf", borders=False, cell_spacing=2)),
        (SERVICE, L(fmt="pdf", borders=False, headings_in_table=True)),
        (RECOVERY, L(fmt="pdf", borders=False, heading_style="roman", cell_spacing=2)),
    ),
    "combined": _own(
        "combined",
        (
            CLIMATE,
            L(
                fmt="xlsx",
                order=8,
                headers="unknown",
                header_seed=8,
                notes_column=True,
                date_style="cell",
                progress_style="cell",
                spacers=True,
            ),
        ),
        (ACTIONS, L(fmt="docx", order=9, headers="synonyms", header_seed=9, repeat_header=5)),
        (
            RECOVERY,
            L(fmt="csv", order=10, headers="unknown", header_seed=10, heading_style="roman"),
        ),
        (SAFETY, L(fmt="txt", headers="unknown", header_seed=11, date_style="month")),
    ),
    "seed_formats": [
        Variant(family="seed_formats", plan=stem, seed_form=form)
        for stem in SEED_STEMS
        for form in ("txt", "docx", "xlsx", "csv", "pdf")
    ],
    "seed_relaid": [
        Variant(family="seed_relaid", plan=stem, seed_form=form)
        for stem in SEED_STEMS
        for form in ("unknown_headers", "lookalikes")
        if not (form == "unknown_headers" and stem == SEED_STEMS[3])  # no table headers
    ],
}
VARIANTS: list[Variant] = [variant for family in FAMILIES.values() for variant in family]
