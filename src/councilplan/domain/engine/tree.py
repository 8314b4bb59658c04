"""A plan's items as a tree: children, leaves and inherited dates."""

from collections.abc import Sequence
from datetime import date

from councilplan.domain.engine.inputs import ItemInput

UNKNOWN_PARENT_ERROR = "Item '{key}' names a parent '{parent}' that is not in the plan."


class Tree:
    def __init__(self, items: Sequence[ItemInput]) -> None:
        self._items = {item.key: item for item in items}
        self._children: dict[str | None, list[str]] = {}
        for item in items:
            if item.parent_key is not None and item.parent_key not in self._items:
                raise ValueError(UNKNOWN_PARENT_ERROR.format(key=item.key, parent=item.parent_key))
            self._children.setdefault(item.parent_key, []).append(item.key)
        self._leaves: dict[str, list[str]] = {}
        self.leaf_keys = [item.key for item in items if not self._children.get(item.key)]

    def item(self, key: str) -> ItemInput:
        return self._items[key]

    def children(self, key: str | None) -> list[str]:
        return self._children.get(key, [])

    def is_leaf(self, key: str) -> bool:
        return not self._children.get(key)

    def ancestors(self, key: str) -> list[str]:
        """Parent first, up to the top."""
        chain = []
        parent = self._items[key].parent_key
        while parent is not None:
            chain.append(parent)
            parent = self._items[parent].parent_key
        return chain

    def leaves_below(self, key: str) -> list[str]:
        if key not in self._leaves:
            leaves: list[str] = []
            for child in self.children(key):
                leaves.extend([child] if self.is_leaf(child) else self.leaves_below(child))
            self._leaves[key] = leaves
        return self._leaves[key]

    def descendants_count(self, key: str) -> int:
        return sum(1 + self.descendants_count(child) for child in self.children(key))

    def weight_below(self, key: str, leaf: str) -> float:
        """A leaf's weight times the weights of its ancestors below `key`."""
        weight = self._items[leaf].weight
        for ancestor in self.ancestors(leaf):
            if ancestor == key:
                break
            weight *= self._items[ancestor].weight
        return weight

    def due_date(self, key: str, *, default: date | None = None) -> date | None:
        """The item's due date, else the nearest ancestor's, else `default` (the plan's end)."""
        for candidate in (key, *self.ancestors(key)):
            item = self._items[candidate]
            if item.open_ended:
                return None
            if item.due_date is not None:
                return item.due_date
        return default

    def start_date(self, key: str, *, default: date | None = None) -> date | None:
        for candidate in (key, *self.ancestors(key)):
            if self._items[candidate].start_date is not None:
                return self._items[candidate].start_date
        return default
