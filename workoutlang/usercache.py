"""The user's own cache folder: plain data kept between runs, trusted only when it is theirs.

The grammar's parse tables and the catalogue's data are kept in
`$XDG_CACHE_HOME/workoutlang` (`~/.cache/workoutlang` when XDG_CACHE_HOME is
unset or relative), never in a shared temporary folder, where anyone can plant
a file under a name they can predict. The folder is created 0700 (in a cache
home of the user's; the cache home too when missing, never HOME) and used only
while it is a directory of the user's that no one else can write; it is held
open, and its files are opened relative to it, so it cannot be swapped under a
run. A file is read only when it is a regular file of the user's that no one
else can write, opened without following a symlink and without blocking (a
FIFO there is ignored, not waited on). What is read is unpickled as plain data
(dicts, lists, tuples, strings, numbers): every class and function is refused.
Writes go to a new file in the folder, then `os.replace`.

Any failure means no cache, never an error: the caller builds the value again.
With no usable cache folder (no HOME, a read-only one, another user's) every
run builds it, which costs time only (bench/README.md: "Cold start and the
caches").
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
from collections.abc import Callable, Iterator
from typing import Any

_NO_ONE_ELSE_WRITES = 0o022  # the group and other write bits
# (getattr: these flags are POSIX; elsewhere there is no cache at all, see _path)
_NONBLOCK, _NOFOLLOW, _CLOEXEC, _DIRECTORY = (
    getattr(os, flag, 0) for flag in ("O_NONBLOCK", "O_NOFOLLOW", "O_CLOEXEC", "O_DIRECTORY"))
_OPEN_FOLDER = os.O_RDONLY | _DIRECTORY | _NONBLOCK | _CLOEXEC  # a symlink to it is followed
_OPEN_FILE = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC  # a FIFO opens without blocking
_CREATE_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC


def read(name: str) -> Any:
    """The plain data kept as `name`, or None when there is none that can be trusted."""
    with _folder(create=False) as folder:
        if folder is None:
            return None
        try:
            handle = os.open(name, _OPEN_FILE, dir_fd=folder)
        except OSError:
            return None
        with os.fdopen(handle, "rb") as file:
            if not _users_own(os.fstat(handle), stat.S_ISREG):
                return None
            try:
                return _PlainData(file).load()
            except Exception:  # corrupt, truncated or not plain data: pickle raises many kinds
                return None


def write(name: str, value: object) -> None:
    """Keep `value` (plain data) as `name`; silently nothing when that cannot be done."""
    with _folder(create=True) as folder:
        if folder is None:
            return
        temporary = f".{name}.{os.urandom(6).hex()}.tmp"
        try:
            handle = os.open(temporary, _CREATE_FILE, 0o600, dir_fd=folder)
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump(value, file, pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException as error:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=folder)
            if not isinstance(error, Exception):
                raise  # an interrupt, after the temporary file is gone


@contextlib.contextmanager
def _folder(create: bool) -> Iterator[int | None]:
    """The cache folder, open, when it is the user's own; else None."""
    path = _path()
    handle = None
    if path is not None:
        if create:
            _make(path)
        with contextlib.suppress(OSError):
            handle = os.open(path, _OPEN_FOLDER)
    if handle is not None and not _users_own(os.fstat(handle), stat.S_ISDIR):
        os.close(handle)
        handle = None
    try:
        yield handle
    finally:
        if handle is not None:
            os.close(handle)


def _make(path: str) -> None:
    """Make the cache folder, and the cache home above it (never HOME), when missing; only in
    a cache home of the user's (`sudo` keeping HOME must not leave root's files there)."""
    home = os.path.dirname(path)
    with contextlib.suppress(OSError):
        os.mkdir(home, 0o700)
    with contextlib.suppress(OSError):
        if os.stat(home).st_uid == os.getuid():
            os.mkdir(path, 0o700)


def _path() -> str | None:
    """Where the cache folder is; None where there is no such thing (no HOME, no dir_fd)."""
    if not hasattr(os, "getuid") or os.open not in os.supports_dir_fd:
        return None  # not POSIX: no owners to check, so no cache
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is to be ignored
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "workoutlang")


def _users_own(info: os.stat_result, is_kind: Callable[[int], bool]) -> bool:
    return is_kind(info.st_mode) and info.st_uid == os.getuid() and \
        not info.st_mode & _NO_ONE_ELSE_WRITES


class _PlainData(pickle.Unpickler):
    """An unpickler that builds plain data only: it refuses every class and function."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name}: a cache holds plain data only")
