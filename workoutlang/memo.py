"""A small cache keyed by the identity of immutable objects.

The parser's chunk cache hands back the very same tree objects for text that
did not change, so the stages after it can skip their work by identity
(cheap) rather than by equality (a deep comparison). Each entry keeps its key
objects alive, so an id is never reused while it is cached.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")


class IdentityMemo(Generic[V]):
    """At most `size` values, each keyed by a tuple of objects compared by identity."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[int, ...], tuple[tuple[object, ...], V]] = OrderedDict()

    def get(self, *key: object) -> V | None:
        entry = self._entries.get(tuple(map(id, key)))
        if entry is None:
            return None
        self._entries.move_to_end(tuple(map(id, key)))
        return entry[1]

    def put(self, value: V, *key: object) -> V:
        self._entries[tuple(map(id, key))] = (key, value)
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        self._entries.clear()
