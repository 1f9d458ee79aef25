"""Reading sources and writing outputs so that a failed run loses nothing.

Every output is written to a temporary file in its own folder and renamed
over the target only once complete; an existing file is never truncated.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import WorkoutlangError

MAX_SOURCE_BYTES = 50 * 1024 * 1024


class SourceError(WorkoutlangError):
    """A source that cannot be read as UTF-8 text (missing, a folder, binary…)."""


def read_source(name: str) -> str:
    """The text of `name` (`-` is standard input), decoded as UTF-8."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
        else:
            path = Path(name)
            if path.is_dir():
                raise SourceError(f"{name}: is a folder, not a plan file")
            with path.open("rb") as handle:
                data = handle.read(MAX_SOURCE_BYTES + 1)
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
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def safe_child(folder: Path, name: str) -> Path:
    """`folder / name`, refusing names that would leave the folder."""
    candidate = (folder / name).resolve()
    if Path(name).is_absolute() or candidate.parent != folder.resolve() or name in ("", ".", ".."):
        raise WorkoutlangError(f"refusing to write {name!r} outside {folder}")
    return folder / name


def write_folder(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each file into `folder` atomically; names cannot leave the folder."""
    targets = [safe_child(folder, name) for name in files]
    for target, data in zip(targets, files.values(), strict=True):
        write_atomic(target, data)
    return targets
