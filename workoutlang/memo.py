"""A small cache keyed by the identity of immutable objects, and scopes that
give one long-lived user of the caches its own entries.

The parser's chunk cache hands back the very same tree objects for text that
did not change, so the stages after it can skip their work by identity
(cheap) rather than by equality (a deep comparison). Each entry keeps its key
objects alive, so an id is never reused while it is cached. A lock guards
the table: a lookup moves its entry to the end, which another thread's
eviction could otherwise have removed in between.

A language server re-checks one document after every edit: shared tables
bounded by a count would fill with the expansions of versions long gone (each
as big as the plan). Inside `with scope:` the caches read and write the
scope's own tables instead, and leaving keeps only what that pass used: a
document's caches hold what its last version needed, however many edits came
before, and dropping the scope frees them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextvars import ContextVar, Token
from types import TracebackType
from typing import Any, Generic, TypeVar

V = TypeVar("V")
_MISSING: Any = object()  # what a scope holds for a key it has no entry for


class Scope:
    """The cache entries of one user (an open document): what its last pass used.
    Used by one thread at a time (the language server checks on one)."""

    def __init__(self) -> None:
        self._kept: dict[int, dict[Hashable, Any]] = {}  # cache id → entries of the last pass
        self._used: dict[int, dict[Hashable, Any]] = {}  # cache id → entries of this pass
        self._token: Token[Scope | None] | None = None

    def __enter__(self) -> Scope:
        self._token = _current.set(self)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._token is not None:
            _current.reset(self._token)
            self._token = None
        self._kept, self._used = self._used, {}

    def get(self, cache: object, key: Hashable) -> Any:
        """What `cache` holds for `key` in this scope, or _MISSING; kept for this pass."""
        used = self._used.setdefault(id(cache), {})
        if key in used:
            return used[key]
        kept = self._kept.get(id(cache), {})
        if key not in kept:
            return _MISSING
        used[key] = kept[key]
        return used[key]

    def put(self, cache: object, key: Hashable, value: Any) -> None:
        self._used.setdefault(id(cache), {})[key] = value

    def cached(self, cache: object, key: Hashable, compute: Callable[[], V]) -> V:
        """The value this scope holds for `key` in `cache`, computed when it has none."""
        found = self.get(cache, key)
        if found is _MISSING:
            found = compute()
            self.put(cache, key, found)
        value: V = found
        return value


_current: ContextVar[Scope | None] = ContextVar("workoutlang_cache_scope", default=None)


def current_scope() -> Scope | None:
    """The scope the caches work in, or None: the shared tables."""
    return _current.get()


class IdentityMemo(Generic[V]):
    """At most `size` values, each keyed by a tuple of objects compared by identity."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[int, ...], tuple[tuple[object, ...], V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, *key: object) -> V | None:
        ids = tuple(map(id, key))
        scope = _current.get()
        if scope is not None:
            found = scope.get(self, ids)
            return None if found is _MISSING else found[1]
        with self._lock:
            entry = self._entries.get(ids)
            if entry is None:
                return None
            self._entries.move_to_end(ids)
        return entry[1]

    def put(self, value: V, *key: object) -> V:
        ids = tuple(map(id, key))
        scope = _current.get()
        if scope is not None:
            scope.put(self, ids, (key, value))
            return value
        with self._lock:
            self._entries[ids] = (key, value)
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
