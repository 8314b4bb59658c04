"""The four seed documents, converted once per test session (conversion needs no database)."""

import re
from functools import cache
from pathlib import Path
from typing import Any

from councilplan.imports.convert import ConvertOptions, document_convert

SEEDS = Path(__file__).resolve().parents[2] / "src" / "councilplan" / "sample_data" / "seeds"
RECOVERY = "000_25f3bf7315d2d5ec"
CORPORATE = "002_18d0fb1317272cfa"
HARBOROUGH = "003_7be4ab006a088c03"
HARROW = "004_5967751ed72c1948"


def seed_path(stem: str, suffix: str = ".txt") -> Path:
    return SEEDS / f"{stem}{suffix}"


@cache
def seed_document(stem: str) -> dict[str, Any]:
    return document_convert(path=seed_path(stem))


def converted(path: Path, stem: str) -> dict[str, Any]:
    """Another file made from a seed, read with that seed's mapping file."""
    return document_convert(path=path, options=ConvertOptions(mapping=seed_path(stem, ".toml")))


def items_by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in document["items"]}


def updates_by_item(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {update["item"]: update for update in document["updates"]}


def children_of(document: dict[str, Any], parent: str | None) -> list[str]:
    return [item["id"] for item in document["items"] if item["parent"] == parent]


def anomaly_kinds(document: dict[str, Any], item: str) -> set[str]:
    return {a["kind"] for a in document["anomalies"] if a.get("item") == item}


def source_cells(stem: str) -> list[tuple[str, str]]:
    """Every non-empty cell of the text export that is not a column header, with its place."""
    cells = []
    header_first_cells = {"Number:", "MISSION / PRIORITY", "Key Activities"}
    lines = seed_path(stem).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        texts = [t.strip() for t in line.split("\t")]
        if "\t" not in line or re.match(r"^[\s\-]*$", line) or texts[0] in header_first_cells:
            continue
        if "Performance measures" in texts and not any(re.match(r"^\d", t) for t in texts):
            continue
        for column, text in enumerate(texts, start=1):
            if text:
                cells.append((text, f"{stem}.txt, line {number}, column {column}"))
    return cells


def kept_cells(document: dict[str, Any]) -> set[tuple[str, str]]:
    kept = {
        (cell["text"], cell["location"])
        for item in document["items"]
        for cell in item["source"]["cells"]
    }
    kept |= {
        (u["text"], u["location"]) for u in document["plan"]["metadata"].get("unplaced_text", [])
    }
    return kept
