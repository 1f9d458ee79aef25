"""Reading sources and writing outputs so that a failed run loses nothing.

Every output is written to a temporary file in its own folder and renamed
over the target only once complete; an existing file is never truncated.
The writing half imports pathlib, tempfile and shutil when it runs, so that
`check`, which only reads, does not pay for importing them.
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


def read_source(name: str) -> str:
    """The text of `name` (`-` is standard input), decoded as UTF-8. Only a regular
    file is read: opening never waits (O_NONBLOCK), so a FIFO cannot hang the run."""
    try:
        if name == "-":
            if sys.stdin is None:  # started with it closed (`<&-`)
                raise SourceError("standard input is closed: nothing to read")
            data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
        else:
            descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK)
            try:
                mode = os.fstat(descriptor).st_mode
                if stat.S_ISDIR(mode):
                    raise SourceError(f"{name}: is a folder, not a file")
                if not stat.S_ISREG(mode):
                    raise SourceError(f"{name}: not a regular file (a FIFO, a device or a "
                                      "socket); give - to read standard input")
                with open(descriptor, "rb", closefd=False) as handle:
                    data = handle.read(MAX_SOURCE_BYTES + 1)
            finally:
                os.close(descriptor)
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file") from None
    except OSError as error:
        raise SourceError(f"{name}: cannot read it: {error.strerror or error}") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"{name}: larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            f"{name}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}); save the file as UTF-8") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder."""
    write_folder(path.parent, {path.name: data})


def _stage(path: Path, data: bytes) -> Path:
    """A complete, flushed temporary copy of `data` beside `path`."""
    import tempfile
    from pathlib import Path

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
        os.chmod(temporary, mode)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def _keep(path: Path) -> Path | None:
    """A hard link (or copy) of an existing file, to put back if a later step fails."""
    import shutil
    import tempfile
    from pathlib import Path

    if not path.exists():
        return None
    backup = Path(tempfile.mktemp(prefix=f".{path.name}.", suffix=".bak", dir=path.parent))
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
    return backup


def safe_child(folder: Path, name: str) -> Path:
    """`folder / name`, refusing names that would leave the folder."""
    from pathlib import Path

    candidate = (folder / name).resolve()
    if Path(name).is_absolute() or candidate.parent != folder.resolve() or name in ("", ".", ".."):
        raise WorkoutlangError(f"refusing to write {name!r} outside {folder}")
    return folder / name


def write_folder(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each file into `folder`, all or nothing: every file is staged in full
    first, then renamed into place; if any step fails, the files already
    replaced are put back and the staged ones removed. Names cannot leave the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    targets = [safe_child(folder, name) for name in files]
    staged: list[Path] = []
    backups: list[Path | None] = []
    done = 0  # how many targets are replaced so far
    try:
        for target, data in zip(targets, files.values(), strict=True):
            staged.append(_stage(target, data))
        for target, temporary in zip(targets, staged, strict=True):
            backups.append(_keep(target))
            os.replace(temporary, target)
            done += 1
    except BaseException:
        for target, backup in zip(targets[:done], backups[:done], strict=True):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        for leftover in [*staged, *(b for b in backups[done:] if b is not None)]:
            leftover.unlink(missing_ok=True)
        raise
    for backup in backups:
        if backup is not None:
            backup.unlink(missing_ok=True)
    return targets
