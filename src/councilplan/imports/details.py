"""The cells of one row onto an item's fields, with every doubt recorded as an anomaly."""

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from councilplan.domain.missing import PLACEHOLDER, missing_value_kind, placeholder_inside
from councilplan.domain.numbers import number_stored
from councilplan.domain.quantities import (
    actual_parse,
    percent_list,
    percent_parse,
    target_parse,
)
from councilplan.domain.statuses import status_match
from councilplan.domain.text_lists import text_clean, text_items
from councilplan.domain.timescales import Timescale, timescale_parse
from councilplan.imports.draft import Draft, DraftItem, DraftRisk
from councilplan.imports.options import LayoutOptions
from councilplan.imports.source import Cell
from councilplan.imports.vocabulary import PEOPLE_ROLES

if TYPE_CHECKING:
    from councilplan.imports.header import Header

MISSING_MESSAGES = {
    "word_placeholder": "the {field} is a Word placeholder ('Choose an item.'): no value was given",
    "placeholder": "the {field} is a placeholder ({text}): no value was given yet",
}
PLACEHOLDER_INSIDE_MESSAGE = "the {field} contains a placeholder ('{found}')"
PACKED_MESSAGE = "the {field} cell holds several values ({text}): kept as printed, none chosen"
NOT_PERCENT_MESSAGE = "the progress cell is not a percentage"
MISALIGNED_MESSAGE = (
    "the cells of this row do not line up with the header: the percentage printed under "
    "'{column}' was taken as progress"
)
UNKNOWN_STATUS_MESSAGE = "the status '{text}' is not in the status scheme: kept as printed"
UNKNOWN_FORECAST_MESSAGE = (
    "the year-end forecast '{text}' is not in the status scheme: kept as printed in the "
    "source cells, no forecast status set"
)
FIGURE_FORECAST_MESSAGE = (
    "the year-end forecast '{text}' is a figure, not a status: kept as printed in the "
    "source cells, no forecast status set"
)
# A cell that is only an amount or a count (`£1.2m`, `1,250`, `75%`).
_FIGURE = re.compile(r"^[£$€]?\s*-?[\d,]+(\.\d+)?\s*(k|m|bn|%)?$", re.I)
DATE_MESSAGE = "timescale: {problem}"
RAG_WORDS = {"green": "green", "amber": "amber", "red": "red"}
TEXT_FIELDS = ("outcome", "resources")


def _flag(draft: Draft, kind: str, message: str, cell: Cell, item: DraftItem) -> None:
    draft.anomaly(kind, message, location=str(cell.location), text=cell.text, item=item.id)


def _present(values: dict[str, Cell], role: str, draft: Draft, item: DraftItem) -> str:
    """The cell's text for a role, or '' — flagging placeholders on the way."""
    cell = values.get(role)
    if cell is None or not cell.text:
        return ""
    missing = missing_value_kind(cell.text) or missing_value_kind(" ".join(text_items(cell.text)))
    if missing:
        field_name = role.replace("_", " ")
        message = MISSING_MESSAGES[missing].format(field=field_name, text=cell.text.strip())
        _flag(draft, missing, message, cell, item)
        return ""
    found = placeholder_inside(cell.text)
    if found:
        field_name = role.replace("_", " ")
        message = PLACEHOLDER_INSIDE_MESSAGE.format(field=field_name, found=found)
        _flag(draft, PLACEHOLDER, message, cell, item)
    return cell.text


def details_apply(
    item: DraftItem, values: dict[str, Cell], draft: Draft, options: LayoutOptions
) -> None:
    for name in TEXT_FIELDS:
        setattr(item, name, text_clean(_present(values, name, draft, item)))
    _timescale_apply(item, values, draft, options)
    _status_apply(item, values, draft)
    _forecast_apply(item, values, draft)
    _progress_apply(item, values, draft)
    item.commentary = _list_text(_present(values, "commentary", draft, item))
    item.next_steps = _list_text(_present(values, "next_steps", draft, item))
    for role in PEOPLE_ROLES:
        text = text_clean(_present(values, role, draft, item))
        if text:
            item.roles.setdefault(role, []).append(text)
    _measure_apply(item, values, draft)


def _list_text(text: str) -> str:
    return "\n".join(text_items(text))


def _timescale_apply(
    item: DraftItem, values: dict[str, Cell], draft: Draft, options: LayoutOptions
) -> None:
    for role in ("due", "start"):
        cell = values.get(role)
        if cell is None or not cell.text:
            continue
        timescale = timescale_parse(
            cell.text,
            financial_year=options.financial_year,
            year_start_month=options.year_start_month,
        )
        if timescale.missing:
            message = MISSING_MESSAGES[timescale.missing].format(field="timescale", text=cell.text)
            _flag(draft, timescale.missing, message, cell, item)
        for problem in timescale.problems:
            _flag(draft, "date", DATE_MESSAGE.format(problem=problem), cell, item)
        if role == "start":
            timescale = _with_start(item.timescale, timescale)
        item.timescale = timescale


def _with_start(due: Timescale | None, start: Timescale) -> Timescale:
    """A start column's date beside the due column's: `Start 01/04/2025 · Due 31/03/2026`."""
    day = start.start or start.due
    if due is None:
        return Timescale(start.text, start=day, open_ended=start.open_ended)
    text = " – ".join(t for t in (start.text, due.text) if t)
    return replace(due, text=text, start=day)


def _status_apply(item: DraftItem, values: dict[str, Cell], draft: Draft) -> None:
    text = _present(values, "status", draft, item)
    if not text:
        return
    item.status_text = text_clean(text)
    item.status = status_match(text)
    if not item.status:
        cell = values["status"]
        _flag(draft, "unknown_status", UNKNOWN_STATUS_MESSAGE.format(text=text), cell, item)


def _forecast_apply(item: DraftItem, values: dict[str, Cell], draft: Draft) -> None:
    """The year-end forecast, through the same status words as the status now."""
    text = _present(values, "forecast", draft, item)
    if not text:
        return
    item.forecast_text = text_clean(text)
    item.forecast = status_match(text)
    if not item.forecast:
        cell = values["forecast"]
        figure = _FIGURE.match(text.strip())
        template = FIGURE_FORECAST_MESSAGE if figure else UNKNOWN_FORECAST_MESSAGE
        _flag(draft, "unknown_status", template.format(text=text), cell, item)


def _progress_apply(item: DraftItem, values: dict[str, Cell], draft: Draft) -> None:
    cell = values.get("progress")
    if cell is None or not cell.text:
        return
    value = percent_parse(cell.text)
    if value is not None:
        item.progress = value
        return
    if percent_list(cell.text):
        message = PACKED_MESSAGE.format(field="progress", text=cell.text)
        _flag(draft, "packed_values", message, cell, item)
        return
    _misaligned(item, values, draft, cell)


def _column_number(cell: Cell) -> int:
    return cell.location.column if isinstance(cell.location.column, int) else 0


def _misaligned(item: DraftItem, values: dict[str, Cell], draft: Draft, cell: Cell) -> None:
    column = cell.location.column if isinstance(cell.location.column, int) else None
    candidates = [
        (role, other)
        for role, other in values.items()
        if role not in ("progress", "ref", "title") and percent_parse(other.text) is not None
    ]
    if column is not None and candidates:
        role, chosen = min(
            candidates,
            key=lambda pair: (abs(_column_number(pair[1]) - column), -_column_number(pair[1])),
        )
        item.progress = percent_parse(chosen.text)
        values[role], values["progress"] = cell, chosen
        _flag(draft, "misaligned_row", MISALIGNED_MESSAGE.format(column=role), chosen, item)
        return
    _flag(draft, "not_a_percentage", NOT_PERCENT_MESSAGE, cell, item)


def _measure_apply(item: DraftItem, values: dict[str, Cell], draft: Draft) -> None:
    name = text_clean(_present(values, "measure", draft, item))
    texts = {
        role: text_clean(_present(values, role, draft, item))
        for role in ("baseline", "actual", "target")
    }
    if not (name or any(texts.values())):
        return
    for role in texts:
        cell = values.get(role)
        if cell is not None and len(percent_list(cell.text)) > 1:
            message = PACKED_MESSAGE.format(field=role, text=cell.text)
            _flag(draft, "packed_values", message, cell, item)
    measure: dict[str, Any] = {
        "id": f"{item.id}-M{len(item.measures) + 1}",
        # A target with no measure named is the item's own (an action's "Target" column);
        # with no title either, the item's reference names it.
        "name": name or item.title or f"Measure of {item.ref or item.id}",
    }
    baseline = actual_parse(texts["baseline"])
    actual = actual_parse(texts["actual"])
    target = target_parse(texts["target"])
    unit = target.unit or actual.unit or baseline.unit
    if unit:
        measure["unit"] = unit
    polarity = _polarity(name, target.comparator)
    if polarity:
        measure["polarity"] = polarity
    if "annual" in name.lower():
        measure["frequency"] = "annual"
    # A position printed for the period (`Position at Q1`) is the measure's actual for the
    # period the document reports on; the converter gives it that period.
    for role, quantity in (("baseline", baseline), ("actual", actual)):
        if texts[role]:
            measure[role] = _quantity(texts[role], quantity.value, quantity.comparator)
    if texts["target"]:
        measure["target"] = _quantity(texts["target"], target.value, target.comparator)
    item.measures.append(measure)


def _quantity(text: str, value: Any, comparator: str) -> dict[str, Any]:
    return {"text": text, "value": number_stored(value), "comparator": comparator}


def _polarity(name: str, comparator: str) -> str:
    if comparator in ("<", "<="):
        return "lower"
    if comparator in (">", ">="):
        return "higher"
    lowered = name.lower()
    if any(word in lowered for word in ("reduction", "reduce", "reducing", "fewer", "lower")):
        return "lower"
    return ""


def rejoin_apply(item: DraftItem, values: dict[str, Cell]) -> None:
    """A row broken off the item above: its cells continue the item's fields."""
    title = values.get("title") or values.get("ref")
    if title is not None and title.text:
        item.title = f"{item.title} {text_clean(title.text)}".strip()
    progress = values.get("progress")
    if progress is not None and percent_parse(progress.text) is None and "commentary" not in values:
        values["commentary"] = progress
    for name in ("commentary", "next_steps", "outcome", "resources"):
        cell = values.get(name)
        if cell is not None and cell.text:
            addition = (
                _list_text(cell.text)
                if name in ("commentary", "next_steps")
                else text_clean(cell.text)
            )
            setattr(item, name, "\n".join(filter(None, [getattr(item, name), addition])))
    _people_rejoin(item, values)


def _people_rejoin(item: DraftItem, values: dict[str, Cell]) -> None:
    """People named in the broken-off row: the rest of a name (`Head of` / `Housing`), or
    the name itself when the row broke before it (over a page)."""
    for role in PEOPLE_ROLES:
        cell = values.get(role)
        text = text_clean(cell.text) if cell is not None else ""
        if text and item.roles.get(role):
            item.roles[role][-1] = f"{item.roles[role][-1]} {text}"
        elif text:
            item.roles[role] = [text]


def risk_from_row(header: "Header", cells: list[Cell]) -> DraftRisk | None:
    values = {}
    for cell, role in zip(cells, header.roles, strict=False):
        if role and cell.text:
            values[role] = cell
    if "risk" not in values:
        return None
    description = text_clean(values["risk"].text)
    risk = DraftRisk(description=description, location=str(values["risk"].location))
    if "mitigations" in values:
        risk.mitigations = text_items(values["mitigations"].text)
    rag_cell = values.get("rag") or values.get("status")
    if rag_cell is not None:
        risk.rag_text = text_clean(rag_cell.text)
        risk.rag = RAG_WORDS.get(risk.rag_text.lower(), "")
    owner = values.get("lead_officer")
    if owner is not None:
        risk.owner = text_clean(owner.text)
    return risk
