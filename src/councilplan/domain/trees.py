"""Walks of a plan's item tree, given as plain nodes with their parents. Pure Python: the
plan's reads, the website's rows, the report and the permission checks share them."""

from collections.abc import Callable, Hashable, Iterable, Sequence


def tree_depth_first[N, K: Hashable](
    nodes: Sequence[N], *, key: Callable[[N], K], parent: Callable[[N], K | None]
) -> list[tuple[N, N]]:
    """The nodes depth-first, children in the order given, each with its top-level ancestor.
    A node whose parent is not among the nodes starts a tree of its own: nothing is lost."""
    keys = {key(node) for node in nodes}
    children: dict[K | None, list[N]] = {}
    for node in nodes:
        above = parent(node)
        children.setdefault(above if above in keys else None, []).append(node)
    ordered: list[tuple[N, N]] = []
    stack = [(node, node) for node in reversed(children.get(None, []))]
    while stack:
        node, top = stack.pop()
        ordered.append((node, top))
        stack.extend((child, top) for child in reversed(children.get(key(node), [])))
    return ordered


def tree_below[K: Hashable](pairs: Iterable[tuple[K, K | None]], starts: Iterable[K]) -> set[K]:
    """The start nodes and every node below them, from (node, parent) pairs."""
    children: dict[K | None, list[K]] = {}
    for node, above in pairs:
        children.setdefault(above, []).append(node)
    found: set[K] = set()
    stack = list(starts)
    while stack:
        node = stack.pop()
        if node not in found:
            found.add(node)
            stack.extend(children.get(node, []))
    return found
