"""Data-quality findings: what scrutiny would catch, caught first."""

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from councilplan.domain.engine.evidence import target_of
from councilplan.domain.engine.inputs import (
    EngineInput,
    ItemInput,
    MeasureInput,
    PeriodInput,
    Quantity,
    Rag,
)
from councilplan.domain.engine.results import Finding, FindingKind, ItemResult, MeasureResult
from councilplan.domain.indicators import Polarity, last_value_before, sense_of

if TYPE_CHECKING:
    from councilplan.domain.engine.tree import Tree

# Words left in documents where a fact should be: TBC, TBA, Word's "Choose an item.", "by X".
PLACEHOLDER = re.compile(
    r"\bTB[CAD]\b|choose an item|\bby X\b|\bXX+\b|lorem ipsum|\[insert|\?\?\?|^\s*-\s*$",
    re.IGNORECASE,
)
# What each of PLACEHOLDER's words holds, in lower case, but the dash alone (`^\s*-\s*$` is
# a text that strips to "-"): the search is slow on long texts, and most hold none of these.
PLACEHOLDER_HINTS = ("tb", "choose an item", "by x", "xx", "lorem ipsum", "[insert", "???")


def placeholder_possible(texts: Sequence[str]) -> bool:
    """False only when PLACEHOLDER finds nothing in any of `texts`: ruled out by looking for
    its words' letters (lower case is exact for ASCII; other texts are searched)."""
    joined = "\n".join(texts)
    if not joined.isascii():
        return True
    lower = joined.lower()
    for hint in PLACEHOLDER_HINTS:  # loops, not any(): this runs for every item and measure
        if hint in lower:
            return True
    for text in texts:
        if text.strip() == "-":
            return True
    return False


# A figure or target that is not there: an empty text.
NO_QUANTITY = Quantity()
# A result more than this many times its target (or less than its inverse) is out of scale.
OUT_OF_SCALE_RATIO = 10.0
# How many periods of the history a measure covers between two due values.
PERIODS_BETWEEN_VALUES = {
    "monthly": 1,
    "quarterly": 1,
    "half_yearly": 2,
    "annual": 4,
    "biennial": 8,
}

NO_OWNER_MESSAGE = "{ref} has no owner, nor has any of the {count} items below it."
NO_TARGET_MESSAGE = "The measure '{name}' has no target."
NO_DUE_DATE_MESSAGE = "{count} of the items under {ref} have no due date or timescale."
NO_MEASURE_MESSAGE = "{ref} has no performance measure."
PLACEHOLDER_MESSAGE = "{ref}: the {field} holds a placeholder: '{text}'."
GREEN_AT_ZERO_MESSAGE = "{ref} is reported {status} at 0% and past its due date {due}."
COMPLETE_BUT_MESSAGE = "{ref} is reported {status} but {percent}% complete."
RED_AT_100_MESSAGE = "{ref} is reported {status} at 100% complete."
ROLLUP_DIFFERS_MESSAGE = "{ref} reports {reported}% but its items imply {computed}% ({method})."
STATUS_DISAGREES_MESSAGE = "{ref} is reported {reported}; the evidence suggests {suggested}: {why}."
NO_DATA_MESSAGE = "The measure '{name}' has had no value for the last {count} periods it was due."
ITEM_NO_DATA_MESSAGE = "{ref} has had no approved update for the last {count} periods."
NEVER_UPDATED_MESSAGE = "{ref} has never had an approved update."
STALE_MESSAGE = "{ref} was last updated for the period ending {last:%d %B %Y}, {days} days ago."
TARGET_ZERO_MESSAGE = "The measure '{name}' has a target of 0."
OUT_OF_SCALE_MESSAGE = (
    "The measure '{name}' reports {actual} against a target of {target}: check the scale."
)
NOT_A_FIGURE_MESSAGE = (
    "The measure '{name}': the {field} is '{text}', not a figure. It is kept as written, "
    "never read as 0, and the period is not rated."
)
FIGURE_IMPOSSIBLE_MESSAGE = "The measure '{name}': the {field} is {problem}. Check the figure."
ZERO_SUSPECT_MESSAGE = (
    "The measure '{name}' has a value of 0 for {period}, after {before} for {before_period}, "
    "against a target of {target}: if the figure is not yet in, record it as not yet "
    "available rather than 0."
)
REPORTED_STATUS_MESSAGE = (
    "The measure '{name}' is reported {reported}; {actual} against a target of {target}, "
    "{polarity}, is {computed}."
)
POLARITY_WORDS = {
    Polarity.HIGHER: "higher is better",
    Polarity.LOWER: "lower is better",
    Polarity.RANGE: "within the range is best",
}

METHOD_WORDS = {
    "mean_of_leaves": "the mean of its lowest-level items",
    "weighted": "the weighted mean of its lowest-level items",
    "mean_of_children": "the mean of the items directly below",
}


# Findings about the items of a set only (None: every item).
Only = set[str] | None
OWNERS, ITEMS, MEASURES = "owners", "items", "measures"


def _chosen(inputs: EngineInput, only: Only) -> Iterator[ItemInput]:
    for item in inputs.items:
        if only is None or item.key in only:
            yield item


def findings_find(
    *,
    inputs: EngineInput,
    tree: "Tree",
    items: dict[str, ItemResult],
    measures: dict[str, MeasureResult],
) -> list[Finding]:
    return findings_in_order(
        inputs, findings_grouped(inputs=inputs, tree=tree, items=items, measures=measures)
    )


# Each finder's findings by the item (or, for the measures' finders, the measure) they are
# about, in the order `findings_find` gives the finders.
FindingGroups = tuple[dict[str, list[Finding]], ...]


def findings_grouped(
    *,
    inputs: EngineInput,
    tree: "Tree",
    items: dict[str, ItemResult],
    measures: dict[str, MeasureResult],
    kept: FindingGroups | None = None,
    only: set[str] | None = None,
    owners_same: bool = False,
) -> FindingGroups:
    """Every finder's findings, grouped. With `kept` (the groups of an earlier input of the
    same tree) and `only`, only the findings about the items of `only` (and their measures)
    are found again: a finding about an item reads nothing but that item, the items below
    and above it and their results. Whether an item has an owner reads the whole tree: those
    findings are found again unless `owners_same` (no item's roles changed)."""
    item_of = {measure.key: measure.item_key for measure in inputs.measures}
    groups = []
    for index, (about, finder) in enumerate(FINDERS):
        if kept is None or only is None or (about == OWNERS and not owners_same):
            group: dict[str, list[Finding]] = {}
            chosen = None
        elif about == OWNERS:
            # The same items have no owner; those in `only` may be named differently now.
            groups.append(
                {
                    key: [_no_owner_finding(tree, key)] if key in only else found
                    for key, found in kept[index].items()
                }
            )
            continue
        else:
            group = {
                key: found
                for key, found in kept[index].items()
                if (item_of.get(key, "") if about == MEASURES else key) not in only
            }
            chosen = only
        for finding in finder(inputs, tree, items, measures, chosen):
            key = finding.measure_key if about == MEASURES else finding.item_key
            group.setdefault(key, []).append(finding)
        groups.append(group)
    return tuple(groups)


def findings_in_order(inputs: EngineInput, groups: FindingGroups) -> list[Finding]:
    """The findings of `findings_grouped`, finder by finder, in the plan's printed order."""
    item_keys = [item.key for item in inputs.items]
    measure_keys = [measure.key for measure in inputs.measures]
    found: list[Finding] = []
    for (about, _finder), group in zip(FINDERS, groups, strict=True):
        if about == OWNERS:  # found whole, in the order the tree was walked
            found.extend(finding for each in group.values() for finding in each)
            continue
        if not group:
            continue
        for key in measure_keys if about == MEASURES else item_keys:
            found.extend(group.get(key, ()))
    return found


def _label(key: str, tree: "Tree") -> str:
    item = tree.item(key)
    title = item.title if len(item.title) <= 60 else item.title[:57].rstrip() + "…"
    return f"{item.ref} {title}".strip() if item.ref else title


def _no_owner(inputs: EngineInput, tree: "Tree", *_: object) -> Iterator[Finding]:
    owner_roles = inputs.settings.owner_roles

    def owned(key: str) -> bool:
        return any(tree.item(key).roles.get(role) for role in owner_roles)

    def visit(key: str) -> Iterator[Finding]:
        if owned(key):
            return
        below = tree.descendants_count(key)
        if all(not owned(child) for child in _descendants(tree, key)):
            yield _no_owner_finding(tree, key, below)
            return
        for child in tree.children(key):
            yield from visit(child)

    for top in tree.children(None):
        yield from visit(top)


def _no_owner_finding(tree: "Tree", key: str, below: int | None = None) -> Finding:
    if below is None:
        below = tree.descendants_count(key)
    return Finding(
        FindingKind.NO_OWNER, key, NO_OWNER_MESSAGE.format(ref=_label(key, tree), count=below)
    )


def _descendants(tree: "Tree", key: str) -> Iterator[str]:
    for child in tree.children(key):
        yield child
        yield from _descendants(tree, child)


def _no_due_date(
    inputs: EngineInput, tree: "Tree", _items: object, _measures: object, only: Only
) -> Iterator[Finding]:
    for item in _chosen(inputs, only):
        children = tree.children(item.key)
        if not children or not all(tree.is_leaf(child) for child in children):
            continue
        undated = [
            child
            for child in children
            if tree.due_date(child) is None
            and not tree.item(child).open_ended
            and not tree.item(child).timescale_text.strip()
        ]
        if undated:
            yield Finding(
                FindingKind.NO_DUE_DATE,
                item.key,
                NO_DUE_DATE_MESSAGE.format(count=len(undated), ref=_label(item.key, tree)),
            )


def _no_measure(
    inputs: EngineInput, tree: "Tree", _items: object, _measures: object, only: Only
) -> Iterator[Finding]:
    if not inputs.measures:
        return
    measured = {measure.item_key for measure in inputs.measures}
    for item in _chosen(inputs, only):
        children = tree.children(item.key)
        if not children or not all(tree.is_leaf(child) for child in children):
            continue
        if item.key in measured or any(child in measured for child in children):
            continue
        yield Finding(
            FindingKind.NO_MEASURE,
            item.key,
            NO_MEASURE_MESSAGE.format(ref=_label(item.key, tree)),
        )


def measure_findings_find(
    *, inputs: EngineInput, measures: dict[str, MeasureResult]
) -> list[Finding]:
    """The findings about measures alone (placeholders, targets, missing data, a reported
    RAG the bands do not give), as `findings_find` gives them."""
    return [
        *_measure_placeholders(inputs, None, {}, measures, None),
        *_measure_findings(inputs, None, {}, measures, None),
    ]


def _placeholders(
    inputs: EngineInput, _tree: object, items: dict[str, ItemResult], _measures: object, only: Only
) -> Iterator[Finding]:
    for item in _chosen(inputs, only):
        result = items[item.key]
        fields = {
            "title": item.title,
            "description": item.description,
            "timescale": item.timescale_text,
            "commentary": result.commentary,
            "next steps": result.next_steps,
        }
        if not placeholder_possible([text or "" for text in fields.values()]):
            continue
        for field_name, text in fields.items():
            match = PLACEHOLDER.search(text or "")
            if match:
                yield Finding(
                    FindingKind.PLACEHOLDER,
                    item.key,
                    PLACEHOLDER_MESSAGE.format(
                        ref=item.ref or item.title[:60],
                        field=field_name,
                        text=_excerpt(text, match),
                    ),
                )


def _measure_placeholders(
    inputs: EngineInput, _tree: object, _items: object, _measures: object, only: Only
) -> Iterator[Finding]:
    tree_labels = {
        item.key: (item.ref or item.title[:60])
        for item in inputs.items
        if only is None or item.key in only
    }
    for measure in inputs.measures:
        if only is not None and measure.item_key not in only:
            continue
        # An imported position (`Current % TBC`) is the period's actual: checked like the rest.
        actual = measure.actuals.get(inputs.period.key) or NO_QUANTITY
        target = measure.targets.get(inputs.period.key) or NO_QUANTITY
        if not placeholder_possible(
            [measure.baseline.text, measure.target.text, target.text, actual.text]
        ):
            continue
        quantities = (
            ("baseline", measure.baseline),
            ("target", measure.target),
            (f"target for {inputs.period.label}", target),
            (f"actual for {inputs.period.label}", actual),
        )
        for field_name, quantity in quantities:
            match = PLACEHOLDER.search(quantity.text)
            if match:
                yield Finding(
                    FindingKind.PLACEHOLDER,
                    measure.item_key,
                    PLACEHOLDER_MESSAGE.format(
                        ref=f"{tree_labels[measure.item_key]} '{measure.name}'",
                        field=field_name,
                        text=_excerpt(quantity.text, match),
                    ),
                    measure.key,
                )


def _excerpt(text: str, match: re.Match[str]) -> str:
    start = max(0, match.start() - 30)
    end = min(len(text), match.end() + 30)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _contradictions(
    inputs: EngineInput, _tree: object, items: dict[str, ItemResult], _measures: object, only: Only
) -> Iterator[Finding]:
    method = METHOD_WORDS[inputs.settings.progress_rollup.value]
    for item in _chosen(inputs, only):
        result = items[item.key]
        ref = item.ref or item.title[:60]
        status = result.reported_status
        percent = result.reported_percent
        if status is not None and percent is not None:
            message = None
            if status.rag in (Rag.GREEN, Rag.AMBER) and percent == 0 and result.overdue:
                due = result.effective_due_date
                message = GREEN_AT_ZERO_MESSAGE.format(
                    ref=ref, status=status.label, due=f"{due:%d %B %Y}" if due else ""
                )
            elif status.is_complete and percent < 100:
                message = COMPLETE_BUT_MESSAGE.format(
                    ref=ref, status=status.label, percent=_n(percent)
                )
            elif status.rag is Rag.RED and percent >= 100:
                message = RED_AT_100_MESSAGE.format(ref=ref, status=status.label)
            if message:
                yield Finding(FindingKind.STATUS_CONTRADICTS_PROGRESS, item.key, message)
        if result.percent_differs:
            yield Finding(
                FindingKind.ROLLUP_DIFFERS,
                item.key,
                ROLLUP_DIFFERS_MESSAGE.format(
                    ref=ref,
                    reported=_n(percent or 0),
                    computed=_n(result.computed_percent or 0),
                    method=method,
                ),
            )
        if result.status_disagrees and status is not None:
            evidence = (
                result.suggestion.rag
                if result.is_leaf and result.suggestion
                else result.computed_rag
            )
            why = (
                result.suggestion.reason
                if result.is_leaf and result.suggestion
                else "the items below it roll up to that"
            )
            yield Finding(
                FindingKind.STATUS_DISAGREES,
                item.key,
                STATUS_DISAGREES_MESSAGE.format(
                    ref=ref,
                    reported=status.label,
                    suggested=evidence.word if evidence else "",
                    why=why,
                ),
            )


def _item_staleness(
    inputs: EngineInput, tree: "Tree", _items: object, _measures: object, only: Only
) -> Iterator[Finding]:
    settings = inputs.settings
    window = [period.key for period in inputs.history[-settings.missing_periods :]]
    for key in tree.leaf_keys:
        if only is not None and key not in only:
            continue
        item = tree.item(key)
        ref = item.ref or item.title[:60]
        if not item.updates and item.last_updated_on is None:
            if inputs.history:
                yield Finding(FindingKind.NEVER_UPDATED, key, NEVER_UPDATED_MESSAGE.format(ref=ref))
            continue
        if len(window) >= settings.missing_periods and not any(p in item.updates for p in window):
            yield Finding(
                FindingKind.NO_DATA,
                key,
                ITEM_NO_DATA_MESSAGE.format(ref=ref, count=settings.missing_periods),
            )
            continue
        last = item.last_updated_on
        if last is not None:
            days = (inputs.period.ends_on - last).days
            if days >= settings.stale_after_days:
                yield Finding(
                    FindingKind.STALE, key, STALE_MESSAGE.format(ref=ref, last=last, days=days)
                )


def _measure_findings(
    inputs: EngineInput,
    _tree: object,
    _items: object,
    measures: dict[str, MeasureResult],
    only: Only,
) -> Iterator[Finding]:
    for measure in inputs.measures:
        if only is not None and measure.item_key not in only:
            continue
        yield from _figure_findings(measure, measures[measure.key], inputs.period)
        yield from _measure_target_findings(measure, measures[measure.key])
        yield from _reported_status_findings(measure, measures[measure.key])
        yield from _zero_findings(measure, measures[measure.key], inputs)
        spacing = PERIODS_BETWEEN_VALUES.get(measure.frequency, 1)
        window_size = inputs.settings.missing_periods * spacing
        window = [period.key for period in inputs.history[-window_size:]]
        if len(window) >= window_size and not any(
            key in measure.actuals and not measure.actuals[key].is_empty for key in window
        ):
            yield Finding(
                FindingKind.NO_DATA,
                measure.item_key,
                NO_DATA_MESSAGE.format(name=measure.name, count=inputs.settings.missing_periods),
                measure.key,
            )


def _figure_findings(
    measure: MeasureInput, result: MeasureResult, period: PeriodInput
) -> Iterator[Finding]:
    """The period's own target and its value: text that is not a figure (`see note`; kept
    as written, never read as 0, and the period is not rated), a percentage over 100 or a
    negative count. A placeholder (`TBC`) has its own finding; a measure's one target in
    words ("Increase") is an aim, not a bad figure."""
    actual = result.actual
    quantities = []
    if (own := measure.targets.get(period.key)) is not None:
        quantities.append((f"target for {period.label}", own))
    elif result.target.value is not None:
        quantities.append(("target", result.target))
    if actual is not None and not actual.is_unavailable:
        quantities.append((f"value for {period.label}", actual))
    for field_name, quantity in quantities:
        text = quantity.text.strip()
        if text and quantity.value is None and not PLACEHOLDER.search(text):
            yield Finding(
                FindingKind.NOT_A_FIGURE,
                measure.item_key,
                NOT_A_FIGURE_MESSAGE.format(name=measure.name, field=field_name, text=text),
                measure.key,
            )
        if quantity.value is None:
            continue
        figures = [quantity.value] + ([quantity.upper] if quantity.upper is not None else [])
        if _is_percentage(measure) and max(figures) > 100:
            problem = f"{_n(max(figures))}%, over 100%"
        elif measure.kind == "count" and min(figures) < 0:
            problem = f"{_n(min(figures))}, a negative count"
        else:
            continue
        yield Finding(
            FindingKind.FIGURE_IMPOSSIBLE,
            measure.item_key,
            FIGURE_IMPOSSIBLE_MESSAGE.format(name=measure.name, field=field_name, problem=problem),
            measure.key,
        )


def _is_percentage(measure: MeasureInput) -> bool:
    """A share of a whole: its kind says so, or, with no kind, its unit is `%`. (A
    percentage change may pass 100: give such a measure the kind "other".)"""
    return measure.kind == "percentage" or (not measure.kind and measure.unit.strip() == "%")


def _measure_target_findings(measure: MeasureInput, result: MeasureResult) -> Iterator[Finding]:
    target = result.target  # the period's own, else the measure's
    if measure.polarity is not Polarity.NONE and target.is_empty:
        yield Finding(
            FindingKind.NO_TARGET,
            measure.item_key,
            NO_TARGET_MESSAGE.format(name=measure.name),
            measure.key,
        )
    if target.value == 0 and measure.polarity is Polarity.HIGHER:
        yield Finding(
            FindingKind.TARGET_ZERO,
            measure.item_key,
            TARGET_ZERO_MESSAGE.format(name=measure.name),
            measure.key,
        )
    actual = result.actual.value if result.actual else None
    if target.value and actual:
        ratio = abs(actual / target.value)
        if ratio > OUT_OF_SCALE_RATIO or ratio < 1 / OUT_OF_SCALE_RATIO:
            yield Finding(
                FindingKind.TARGET_OUT_OF_SCALE,
                measure.item_key,
                OUT_OF_SCALE_MESSAGE.format(
                    name=measure.name, actual=_n(actual), target=_n(target.value)
                ),
                measure.key,
            )


def _reported_status_findings(measure: MeasureInput, result: MeasureResult) -> Iterator[Finding]:
    """A RAG the council's report printed that the council's own rule does not give."""
    actual, suggestion = result.actual, result.suggestion
    if actual is None or not actual.reported_status or suggestion is None:
        return
    if actual.reported_status == suggestion.rag.value or actual.value is None:
        return
    target = result.target
    assert target.value is not None
    unit = " %" if measure.unit == "%" else ""
    aim = (
        f"{_n(target.value)} to {_n(target.upper)}{unit}"
        if target.upper is not None
        else f"{_n(target.value)}{unit}"
    )
    sense = sense_of(measure.polarity, target_of(target))
    yield Finding(
        FindingKind.REPORTED_STATUS_DISAGREES,
        measure.item_key,
        REPORTED_STATUS_MESSAGE.format(
            name=measure.name,
            reported=actual.reported_status.capitalize(),
            actual=f"{_n(actual.value)}{unit}",
            target=aim,
            polarity=POLARITY_WORDS.get(sense, str(sense)),
            computed=suggestion.rag.word,
        ),
        measure.key,
    )


def _zero_findings(
    measure: MeasureInput, result: MeasureResult, inputs: EngineInput
) -> Iterator[Finding]:
    """A 0 where the last figure was not 0 and the target is not 0: councils' tables put 0
    in a cell whose figure has not come in ("% uptime of the website: 0"), and the period
    is then judged on a figure nobody measured. Asked, never assumed: a real 0 is possible."""
    actual, target = result.actual, result.target
    if actual is None or actual.value != 0 or measure.polarity is Polarity.NONE:
        return
    if not target.value:
        return
    earlier = last_value_before(result.series, inputs.period.key)
    if earlier is None or earlier[1] == 0:
        return
    labels = {period.key: period.label for period in inputs.history}
    unit = " %" if measure.unit == "%" else ""
    yield Finding(
        FindingKind.ZERO_SUSPECT,
        measure.item_key,
        ZERO_SUSPECT_MESSAGE.format(
            name=measure.name,
            period=inputs.period.label,
            before=f"{_n(earlier[1])}{unit}",
            before_period=labels.get(earlier[0], earlier[0]),
            target=f"{_n(target.value)}{unit}",
        ),
        measure.key,
    )


def _n(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


# The finders in the order their findings are given, each with what it groups them by.
FINDERS: tuple[tuple[str, Callable[..., Iterator[Finding]]], ...] = (
    (OWNERS, _no_owner),
    (ITEMS, _no_due_date),
    (ITEMS, _no_measure),
    (ITEMS, _placeholders),
    (MEASURES, _measure_placeholders),
    (ITEMS, _contradictions),
    (ITEMS, _item_staleness),
    (MEASURES, _measure_findings),
)
