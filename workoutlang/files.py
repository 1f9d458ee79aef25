"""Reading sources, and the names outputs may take.

Writing is transaction.py's: every output is staged beside its target and
renamed over it only once complete, all of a run's outputs together. The
writing half is imported only when it runs, so that `check`, which only
reads, does not pay for it.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import TYPE_CHECKING

from .errors import WorkoutlangError
from .limits import MAX_SOURCE_BYTES

if TYPE_CHECKING:
    from pathlib import Path


class SourceError(WorkoutlangError):
    """A source that cannot be read as UTF-8 text (missing, a folder, binary…)."""


def read_bytes(name: str, limit: int, not_regular: str, too_large: str = "") -> bytes:
    """The bytes of the regular file `name`, at most `limit` of them. Opening never
    waits (O_NONBLOCK), so a FIFO cannot hang the run; `not_regular` ends the message
    for a FIFO, a device or a socket, `too_large` starts the one for a larger file."""
    try:
        descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK)
        try:
            mode = os.fstat(descriptor).st_mode
            if stat.S_ISDIR(mode):
                raise SourceError(f"{name}: is a folder, not a file")
            if not stat.S_ISREG(mode):
                raise SourceError(f"{name}: not a regular file (a FIFO, a device or a "
                                  f"socket); {not_regular}")
            with open(descriptor, "rb", closefd=False) as handle:
                data = handle.read(limit + 1)
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file") from None
    except OSError as error:
        raise SourceError(f"{name}: cannot read it: {error.strerror or error}") from None
    if len(data) > limit:
        raise SourceError(f"{name}: {too_large}larger than {limit // (1024 * 1024)} MB")
    return data


def read_source(name: str) -> str:
    """The text of `name` (`-` is standard input), decoded as UTF-8. Only a regular
    file is read (see read_bytes)."""
    if name == "-":
        if sys.stdin is None:  # started with it closed (`<&-`)
            raise SourceError("standard input is closed: nothing to read")
        data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
        if len(data) > MAX_SOURCE_BYTES:
            raise SourceError(f"-: larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MB")
    else:
        data = read_bytes(name, MAX_SOURCE_BYTES, "give - to read standard input")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            f"{name}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}); save the file as UTF-8") from None


def safe_child(folder: Path, name: str) -> Path:
    """`folder / name`, refusing names that would leave the folder."""
    from pathlib import Path

    candidate = (folder / name).resolve()
    if Path(name).is_absolute() or candidate.parent != folder.resolve() or name in ("", ".", ".."):
        raise WorkoutlangError(f"refusing to write {name!r} outside {folder}")
    return folder / name


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` as a one-file transaction (see transaction.py)."""
    from .transaction import Transaction

    run = Transaction()
    run.file(path, data, "this run")
    run.commit()
