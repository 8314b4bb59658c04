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
        self._due: dict[str, date | None | object] = {}
        self._start: dict[str, date | None | object] = {}
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
        found = self._due_inherited(key)
        return default if found is _NONE_ABOVE else found  # type: ignore[return-value]

    def start_date(self, key: str, *, default: date | None = None) -> date | None:
        found = self._start_inherited(key)
        return default if found is _NONE_ABOVE else found  # type: ignore[return-value]

    # What an item inherits is looked up for every item at every period: each is worked out
    # once, from its parent's.
    def _due_inherited(self, key: str) -> date | None | object:
        if key not in self._due:
            item = self._items[key]
            if item.open_ended:
                self._due[key] = None
            elif item.due_date is not None:
                self._due[key] = item.due_date
            else:
                parent = item.parent_key
                self._due[key] = _NONE_ABOVE if parent is None else self._due_inherited(parent)
        return self._due[key]

    def _start_inherited(self, key: str) -> date | None | object:
        if key not in self._start:
            item = self._items[key]
            if item.start_date is not None:
                self._start[key] = item.start_date
            else:
                parent = item.parent_key
                self._start[key] = _NONE_ABOVE if parent is None else self._start_inherited(parent)
        return self._start[key]


# Neither the item nor any item above it has the date (an open-ended due date is None).
_NONE_ABOVE = object()
