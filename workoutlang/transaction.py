"""One run, one transaction: every file a run writes is put in place together, or none is.

A `Transaction` collects every output of a run (all targets of all inputs) in
memory. `commit()` then checks the whole plan before touching the disk —
two outputs on one path, an output that is one of the inputs, an existing
output that is not a regular file (device, FIFO, socket, symbolic link, a
folder where a file goes, a file where a folder goes) are refused — takes an
advisory lock on each output folder, stages every file as a temporary file
beside its target, and renames them all into place. Any failure, and SIGINT,
SIGTERM or SIGHUP while it works, puts back every replaced file and removes
every new file, temporary file, backup and folder it created.

A final symbolic link is refused rather than followed or replaced: following
one planted in a shared folder would write wherever it points.

Test hook: with WORKOUTLANG_TEST_PAUSE_AFTER_RENAMES=N in the environment,
`commit()` stops after its N-th rename (locks held, N files replaced), says
"paused" on stderr and waits for a line on stdin, so that tests can send a
signal or start a second run at that exact point.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from .errors import WorkoutlangError
from .stopping import Held

LOCK_WAIT_S = 3.0  # a second writer into the same folder waits this long, then gives up
LOCK_POLL_S = 0.05
# Staged files reach the disk before any rename. An fsync a file costs ~4 ms here (16 s
# for a 4,000-file fit folder, measured); one sync of everything took 0.1 s.
FSYNC_EACH_UP_TO = 16  # files; a bigger run syncs once
PAUSE_HOOK = "WORKOUTLANG_TEST_PAUSE_AFTER_RENAMES"


class Refused(WorkoutlangError):
    """The run's outputs cannot all be written; nothing was."""


@attrs.frozen
class _File:
    path: Path
    data: bytes
    label: str  # who writes it, for messages: "plan.wol --to json"


class Transaction:
    """Every output of one run; nothing touches the disk before `commit()`."""

    def __init__(self, inputs: Sequence[str] = ()) -> None:
        self._inputs = {_identity(os.stat(name)): name for name in inputs
                        if name != "-" and os.path.exists(name)}
        self._files: list[_File] = []
        self._folders: list[tuple[Path, str]] = []  # folders a target fills, who fills them
        self._claims: dict[str, tuple[str, str]] = {}  # resolved path → (what, label)
        self._real: dict[Path, str] = {}  # folder → its real path, resolved once

    def file(self, path: Path, data: bytes, label: str) -> None:
        if path.name in ("", ".", ".."):
            raise Refused(f"{label}: {path} names a folder, not a file")
        self._claim(path, "file", label)
        self._files.append(_File(path, data, label))

    def folder(self, path: Path, files: Mapping[str, bytes], label: str) -> None:
        """A target that writes a folder of files (fit, garmin-connect): names cannot
        leave it, and files in it that this run does not write are left alone."""
        from .files import safe_child

        self._claim(path, "folder", label)
        self._folders.append((path, label))
        for name, data in files.items():
            self.file(safe_child(path, name), data, label)

    def _claim(self, path: Path, what: str, label: str) -> None:
        if what == "file":  # the last part is not followed: a link there is refused
            if path.parent not in self._real:
                self._real[path.parent] = os.path.realpath(path.parent)
            key = os.path.join(self._real[path.parent], path.name)
        else:
            key = os.path.realpath(path)
        if key in self._claims:
            other = self._claims[key][1]
            raise Refused(f"{other} and {label} would both write {path}: "
                          "give them different outputs (-o)" if other != label
                          else f"{label} would write {path} twice")
        self._claims[key] = (what, label)

    def commit(self) -> None:
        """Check the whole plan, then write every file or none."""
        self._check()
        with Held() as signals, _Undo(signals) as undo:
            folders = self._output_folders()
            for folder in folders:
                undo.make_folder(folder)
            for folder in folders:
                undo.lock(folder)
            self._check()  # again: the folders may have changed while we waited
            one_sync = len(self._files) > FSYNC_EACH_UP_TO and hasattr(os, "sync")
            staged = [(f.path, undo.stage(f.path, f.data, not one_sync)) for f in self._files]
            if one_sync:
                os.sync()  # every staged file on disk before the first rename
            pause_at = int(os.environ.get(PAUSE_HOOK, "-1"))
            for done, (target, temporary) in enumerate(staged):
                if done == pause_at:
                    _pause(done, signals)
                undo.put(temporary, target)
            signals.check()  # the commit point: from here on, the new files stay

    def _output_folders(self) -> list[Path]:
        """Each folder written into once, in one order for every run (no lock-order
        deadlock between two runs)."""
        folders = {f.path.parent for f in self._files} | {p for p, _ in self._folders}
        return [path for _, path in sorted({os.path.realpath(p): p for p in folders}.items())]

    def _check(self) -> None:
        for path, label in self._folders:
            if os.path.exists(path) and not os.path.isdir(path):
                raise Refused(f"{label} writes a folder, but {path} is a file")
            _check_folder_can_exist(path.parent, label)
        for folder, label in {f.path.parent: f.label for f in self._files}.items():
            _check_folder_can_exist(folder, label)
        for f in self._files:
            try:
                found = os.lstat(f.path)
            except FileNotFoundError:
                continue
            if (source := self._inputs.get(_identity(_stat_or(f.path, found)))) is not None:
                raise Refused(f"{f.label} would write {f.path}, which is the input {source}")
            if not stat.S_ISREG(found.st_mode):
                raise Refused(f"{f.label} would write {f.path}, which is "
                              f"{_kind(found.st_mode)}, not a regular file: refusing to "
                              "replace it")


def _identity(found: os.stat_result) -> tuple[int, int]:
    return found.st_dev, found.st_ino


def _stat_or(path: Path, fallback: os.stat_result) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError:  # a dangling symbolic link
        return fallback


def _kind(mode: int) -> str:
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISLNK: "a symbolic link",
             stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device",
             stat.S_ISFIFO: "a FIFO (named pipe)", stat.S_ISSOCK: "a socket"}
    return next((name for test, name in kinds.items() if test(mode)), "not a regular file")


def _check_folder_can_exist(folder: Path, label: str) -> None:
    """The nearest existing part of `folder` must be a folder (or we could not create it)."""
    for part in (folder, *folder.parents):
        if os.path.exists(part):
            if not os.path.isdir(part):
                raise Refused(f"{label}: cannot write into {folder}: {part} is a file")
            return


def _pause(done: int, signals: Held) -> None:
    import select

    print(f"workoutlang: paused after {done} renames ({PAUSE_HOOK})", file=sys.stderr,
          flush=True)
    while not select.select([sys.stdin], [], [], LOCK_POLL_S)[0]:
        signals.check()
    sys.stdin.readline()


class _Undo:
    """What `commit()` did so far, and how to take it back."""

    def __init__(self, signals: Held) -> None:
        self.signals = signals
        self.created: list[Path] = []  # folders, in creation order
        self.locks: list[int] = []
        self.temporary: set[Path] = set()  # staged files not yet renamed, and backups
        self.replaced: list[tuple[Path, Path | None]] = []  # (target, backup or None if new)

    def __enter__(self) -> _Undo:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is not None:
            for target, backup in reversed(self.replaced):
                if backup is None:
                    _quietly(os.unlink, target)
                elif not _quietly(os.replace, backup, target) and not _same(backup, target):
                    self.temporary.discard(backup)  # the only copy of the old file: keep it
            for folder in reversed(self.created):
                _quietly(os.rmdir, folder)
        for leftover in self.temporary:
            _quietly(os.unlink, leftover)
        for handle in self.locks:
            os.close(handle)

    def make_folder(self, folder: Path) -> None:
        missing = [p for p in (folder, *folder.parents) if not os.path.isdir(p)]
        for part in reversed(missing):
            try:
                os.mkdir(part)
            except FileExistsError:
                continue
            self.created.append(part)

    def lock(self, folder: Path) -> None:
        try:
            import fcntl
        except ImportError:  # no advisory locks on this system
            return
        import time

        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        self.locks.append(handle)
        deadline, said = time.monotonic() + LOCK_WAIT_S, False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if not said:
                    print(f"workoutlang: waiting for another workoutlang run writing {folder}",
                          file=sys.stderr, flush=True)
                    said = True
                if time.monotonic() > deadline:
                    raise Refused(f"another workoutlang run is writing {folder}; "
                                  "nothing was written: try again when it is done") from None
                self.signals.check()
                time.sleep(LOCK_POLL_S)

    def stage(self, target: Path, data: bytes, sync: bool) -> Path:
        """A complete copy of `data` beside `target` (on disk, with `sync`): mode 0666
        less the umask for a new file (the kernel applies it), the old file's mode for a
        replaced one."""
        self.signals.check()
        handle, temporary = self._new(target, "tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            try:
                os.fchmod(out.fileno(), os.stat(target).st_mode & 0o777)
            except FileNotFoundError:
                pass
            if sync:
                out.flush()
                os.fsync(out.fileno())
        return temporary

    def put(self, temporary: Path, target: Path) -> None:
        """Rename `temporary` over `target`, keeping a hard link to the old file."""
        self.signals.check()
        backup = self._backup(target) if os.path.lexists(target) else None
        self.replaced.append((target, backup))
        os.replace(temporary, target)
        self.temporary.discard(temporary)

    def _backup(self, target: Path) -> Path:
        """A hard link to `target` (a copy where links are not supported)."""
        while True:
            backup = _beside(target, "bak")
            try:
                os.link(target, backup)
            except FileExistsError:
                continue
            except OSError:
                import shutil

                handle, backup = self._new(target, "bak")
                os.close(handle)
                shutil.copy2(target, backup)
                return backup
            self.temporary.add(backup)
            return backup

    def _new(self, target: Path, suffix: str) -> tuple[int, Path]:
        """A new, empty file beside `target`, with a name no one else uses."""
        while True:
            path = _beside(target, suffix)
            try:
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
                                 | getattr(os, "O_NOFOLLOW", 0), 0o666)
            except FileExistsError:
                continue
            self.temporary.add(path)
            return handle, path


def _beside(target: Path, suffix: str) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.{suffix}")


def _quietly(step: object, *paths: object) -> bool:
    """One step of a roll-back: a failure must not stop the steps after it."""
    try:
        step(*paths)  # type: ignore[operator]
    except OSError:
        return False
    return True


def _same(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False
