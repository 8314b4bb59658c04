"""Rolling percent complete and RAG status up a plan's tree."""

from collections.abc import Sequence

from councilplan.domain.engine.inputs import Rag, RagRollup

# Proportions roll-up: Green when at least this share of rated items is Green or Complete,
# Red when at least this share is Red, Amber otherwise.
PROPORTION_GREEN_SHARE = 0.75
PROPORTION_RED_SHARE = 0.25


def percent_mean(values: Sequence[float | None]) -> float | None:
    """The mean of the values that are known; None when none is."""
    known = [value for value in values if value is not None]
    if not known:
        return None
    return sum(known) / len(known)


def percent_weighted_mean(pairs: Sequence[tuple[float | None, float]]) -> float | None:
    """The weighted mean of (value, weight) pairs whose value is known.

    With every known weight zero, the plain mean: a zero weight must not hide progress.
    """
    known = [(value, weight) for value, weight in pairs if value is not None]
    if not known:
        return None
    total_weight = sum(weight for _, weight in known)
    if total_weight <= 0:
        return sum(value for value, _ in known) / len(known)
    return sum(value * weight for value, weight in known) / total_weight


def rag_rollup(rags: Sequence[Rag], *, method: RagRollup) -> Rag | None:
    """One colour for a parent from its children's colours; None when there is nothing."""
    if not rags:
        return None
    rated = [rag for rag in rags if rag is not Rag.GREY]
    if not rated:
        return Rag.GREY
    if all(rag is Rag.BLUE for rag in rated):
        return Rag.BLUE
    if method is RagRollup.WORST:
        return min(rated, key=lambda rag: rag.rank)
    share_red = sum(rag is Rag.RED for rag in rated) / len(rated)
    share_good = sum(rag in (Rag.GREEN, Rag.BLUE) for rag in rated) / len(rated)
    if share_red >= PROPORTION_RED_SHARE:
        return Rag.RED
    if share_good >= PROPORTION_GREEN_SHARE:
        return Rag.GREEN
    return Rag.AMBER
