"""A small cache keyed by the identity of immutable objects.

The parser's chunk cache hands back the very same tree objects for text that
did not change, so the stages after it can skip their work by identity
(cheap) rather than by equality (a deep comparison). Each entry keeps its key
objects alive, so an id is never reused while it is cached. A lock guards
the table: a lookup moves its entry to the end, which another thread's
eviction could otherwise have removed in between.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")


class IdentityMemo(Generic[V]):
    """At most `size` values, each keyed by a tuple of objects compared by identity."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[int, ...], tuple[tuple[object, ...], V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, *key: object) -> V | None:
        ids = tuple(map(id, key))
        with self._lock:
            entry = self._entries.get(ids)
            if entry is None:
                return None
            self._entries.move_to_end(ids)
        return entry[1]

    def put(self, value: V, *key: object) -> V:
        ids = tuple(map(id, key))
        with self._lock:
            self._entries[ids] = (key, value)
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
