"""The executive summary in sentences: the status mix, each exception and what changed,
worded once for the covering report, the Word and the PDF reports."""

from collections.abc import Iterable

from councilplan.domain.engine import Rag
from councilplan.domain.text_lists import plural
from councilplan.domain.wording import cut_at_word
from councilplan.domain.wording import plural as plural_words
from councilplan.reports.data import QUIET_SOURCES, ItemRow, PlanPosition, kind_title
from councilplan.reports.position import CHANGE_ORDER

# An item named in a sentence: its reference and title, cut at a word.
NAME_CHARACTERS = 90
NO_CHANGES = "No item's status, completion or due date changed."


def headline(position: PlanPosition) -> str:
    """The status mix in a sentence, owners' reports apart from the evidence's suggestions:
    a Cabinet paper must never print a suggestion as if an owner had reported it."""
    mix = position.status_mix
    total = sum(count.count for count in mix)
    level_one = (position.level_names[-1] if position.level_names else "item").lower()
    level = plural(level_one)
    if not total:
        return f"At the end of {position.period_label} the report holds no {level}."
    text = f"At the end of {position.period_label}, of {plural_words(total, level_one)}"
    reported = [c for c in mix if not c.suggested and c.count and c.word != Rag.GREY.word]
    suggested = [c for c in mix if c.suggested and c.count]
    not_rated = sum(c.count for c in mix if not c.suggested and c.word == Rag.GREY.word)
    if reported:
        text += " the owners reported " + _counted((c.count, c.word.lower()) for c in reported)
    else:
        text += " none has a status reported by its owner"
    if suggested:
        without = sum(c.count for c in suggested)
        text += (
            f"; for the {without} with no reported status, the evidence (progress against the "
            "time gone, measures against their targets) suggests "
            + _counted((c.count, c.rag.word.lower()) for c in suggested)
        )
    if not_rated:
        text += f"; {not_rated} {'is' if not_rated == 1 else 'are'} not rated"
    return text + "."


def changes_counted(position: PlanPosition) -> dict[str, int]:
    """Changes since the last period by kind, counted among the lowest-level items as the
    status mix is: a mission turning red because an action below it did is the same news,
    not another red."""
    return {
        kind: sum(change.is_leaf for change in position.changes_of(kind))
        for kind in ("newly_red", "completed", "slipped", "improved")
    }


def _counted(counts: Iterable[tuple[int, str]]) -> str:
    """`12 green, 1 amber and 19 start later in year`."""
    parts = [f"{count} {word}" for count, word in counts]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def exception_sentence(row: ItemRow) -> str:
    """One exception in a sentence: what it is, its status and why, overdue, the forecast."""
    name = item_name(row)
    status = f"{row.status.shape} {row.status.word}"
    if row.status.source not in QUIET_SOURCES and not row.status.is_suggested:
        status += f" ({row.status.source})"  # a suggestion's word says so already
    parts = [f"{name}: {status}"]
    if row.suggestion_reason and row.status.is_suggested:
        parts.append(row.suggestion_reason)
    if row.overdue:
        parts.append("overdue")
    if row.forecast is not None:
        parts.append(f"forecast {row.forecast.shape} {row.forecast.word} at the year end")
    return "; ".join(parts) + "."


def indicator_exception_sentences(position: PlanPosition) -> list[str]:
    """Each Red then Amber indicator in a sentence: "IT Services, % uptime of the website:
    0% against a target of 98%, ▲ Red." (a plan of indicators only has no other exceptions)."""
    found = []
    for row, measure in position.indicator_exceptions:
        assert measure.suggested is not None
        name = cut_at_word(measure.name, NAME_CHARACTERS).rstrip(" .;:")
        found.append(
            f"{item_name(row)}, {name}: {measure.actual or 'no figure'} against a target of "
            f"{measure.target or 'none'}, {measure.suggested.shape} {measure.suggested.word}."
        )
    return found


def item_name(row: ItemRow) -> str:
    # "…monitor progress.: Red" reads badly: the sentence's own colon follows the title.
    title = cut_at_word(row.title, NAME_CHARACTERS).rstrip(" .;:")
    return f"{row.ref} {title}" if row.ref else title


def change_sentences(position: PlanPosition) -> list[str]:
    """Each kind of change among the lowest-level items in a sentence naming them."""
    sentences = []
    for kind in CHANGE_ORDER:
        changes = [c for c in position.changes_of(kind.value) if c.is_leaf]
        if changes:
            names = "; ".join(cut_at_word(c.heading, NAME_CHARACTERS) for c in changes)
            sentences.append(f"{kind_title(kind.value)} ({len(changes)}): {names}.")
    return sentences
