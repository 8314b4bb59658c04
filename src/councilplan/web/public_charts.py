"""The public plan page's charts, drawn only from published snapshots (what residents may
see): the status mix under each top-level item, how the mix changed from one published
period to the next, and an item's measures in every published period. Each chart is a
bar beside a table of the same figures, so no one needs the colours to read it."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from councilplan.domain.wording import plural
from councilplan.web.selectors import PublicRow, StatusCount, snapshot_rows, status_mix


@dataclass(frozen=True)
class MixRow:
    """One bar of a chart: a label (a theme, or a period) and its status mix."""

    label: str
    mix: list[StatusCount]
    key: str = ""  # the item's key for a theme, the period's key for a period
    current: bool = False  # the period the page shows

    @property
    def total(self) -> int:
        return sum(entry.count for entry in self.mix)

    @property
    def words(self) -> str:
        """The bar in words: "3 Red, 12 Green, 2 No update"."""
        return ", ".join(f"{entry.count} {entry.word}" for entry in self.mix)

    @property
    def items_words(self) -> str:
        return plural(self.total, "item")


def mix_by_top_item(content: dict[str, Any], page_rows: Sequence[PublicRow]) -> list[MixRow]:
    """For each item at the top of the plan, the status mix of the lowest-level items under
    it, counted from the page's own rows (one reading: the totals add up to the page's)."""
    items = content.get("items", [])
    rows = {row.key: row for row in page_rows}
    children: dict[str | None, list[str]] = {}
    for item in items:
        children.setdefault(item.get("parent"), []).append(item["key"])
    found = []
    for top in children.get(None, []):
        leaves = _leaves_under(top, children)
        if not leaves:
            continue
        row = rows[top]
        label = f"{row.ref} {row.title}".strip() if row.ref else row.title
        found.append(MixRow(label=label, mix=status_mix([rows[k] for k in leaves]), key=top))
    return found if len(found) > 1 else []  # one theme's bar would repeat the page's mix


def mix_by_period(
    published: Sequence[tuple[str, str, dict[str, Any]]], *, current: str
) -> list[MixRow]:
    """The status mix in each published period (key, label, content), in period order, up
    to the one the page shows; empty when only one period is published."""
    found = [
        MixRow(
            label=label,
            mix=status_mix(snapshot_rows(content=content)),
            key=key,
            current=key == current,
        )
        for key, label, content in _up_to(published, current)
    ]
    return found if len(found) > 1 else []


@dataclass(frozen=True)
class MeasureHistory:
    """A measure of one item with the figure published for it in each period."""

    name: str
    unit: str
    target: str
    figures: list[str]  # one per period of `MeasuresOverTime.periods`, "" where none


@dataclass(frozen=True)
class MeasuresOverTime:
    periods: list[str]  # the published periods' labels, in order
    measures: list[MeasureHistory]


def measures_over_time(
    item_key: str, published: Sequence[tuple[str, str, dict[str, Any]]], *, current: str
) -> MeasuresOverTime | None:
    """The item's measures (as the period the page shows lists them) with their published
    figure in each period up to it; None when fewer than two periods are published."""
    shown = _up_to(published, current)
    if len(shown) < 2:
        return None
    by_period = [_item_measures(content, item_key) for _key, _label, content in shown]
    latest = by_period[-1]
    if not latest:
        return None
    measures = []
    for key, measure in latest.items():
        figures = [period.get(key, {}).get("actual", "") for period in by_period]
        measures.append(
            MeasureHistory(
                name=measure.get("name", ""),
                unit=measure.get("unit", ""),
                target=measure.get("target", ""),
                figures=figures,
            )
        )
    return MeasuresOverTime(periods=[label for _key, label, _content in shown], measures=measures)


def _up_to(
    published: Sequence[tuple[str, str, dict[str, Any]]], current: str
) -> list[tuple[str, str, dict[str, Any]]]:
    shown = []
    for entry in published:
        shown.append(entry)
        if entry[0] == current:
            break
    return shown


def _item_measures(content: dict[str, Any], item_key: str) -> dict[str, dict[str, Any]]:
    for item in content.get("items", []):
        if item["key"] == item_key:
            return {measure["key"]: measure for measure in item.get("measures") or []}
    return {}


def _leaves_under(key: str, children: dict[str | None, list[str]]) -> list[str]:
    leaves, stack = [], [key]
    while stack:
        here = stack.pop()
        below = children.get(here, [])
        if below:
            stack.extend(below)
        elif here != key:
            leaves.append(here)
    return leaves
