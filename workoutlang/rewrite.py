"""Rewriting source files in place: `fmt` changes their text, never which files they are.

The text goes to the file a symlink names (the link stays a link), and the file keeps its
mode, owner, group and hard links. Renaming a complete new file over the old one is the
safe way to replace text, but a rename makes a new file: other hard links keep the old
text, and a file of someone else's would become ours. Then the text is written into the
file itself, once a copy of it sits beside the file, read back and compared, so that even
a crash in the middle leaves the whole new text on disk; a write that fails puts the old
bytes back.

Nothing is written over a file that changed on disk since it was read (an editor saved
it while fmt worked), nor over a read-only file unless forced. A run is all or nothing:
when a file fails, or SIGINT, SIGTERM or SIGHUP arrives (held until the step between
two files: stopping.py), the files already written get their old text back. No
temporary file is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence

import attrs

from .errors import WorkoutlangError
from .files import read_source
from .stopping import Held

# st_ino, st_dev, st_size, st_mtime_ns: together with the bytes, "the file as it was read"
Stamp = tuple[int, int, int, int]


class RewriteError(WorkoutlangError):
    """A file that will not or cannot be written; it was left as it was."""


@attrs.frozen
class Original:
    """A source file as it was read: where its text lives and how to see it is unchanged."""

    name: str  # as the user wrote it, for messages
    target: str  # the file itself, symlinks resolved
    stamp: Stamp
    data: bytes


def read(name: str) -> tuple[Original, str]:
    """The file `name` (a path, not `-`) with its text, decoded as `read_source` does."""
    target = os.path.realpath(name)
    try:
        status = os.stat(target)  # before reading: an edit made meanwhile shows
    except OSError:
        status = None
    text = read_source(name)  # or why it cannot be read
    if status is None:  # it appeared while it was being read
        raise _changed(name)
    return Original(name, target, _stamp(status), text.encode("utf-8")), text


def refuse_unwritable(original: Original, force: bool) -> None:
    """Refuse a file that is not a regular file, or is read-only and not forced."""
    try:
        now = os.stat(original.target)
    except OSError:
        raise _changed(original.name) from None
    if not stat.S_ISREG(now.st_mode):
        raise RewriteError(f"{original.name} is not a regular file; not written")
    if not force and (not now.st_mode & stat.S_IWUSR or not os.access(original.target, os.W_OK)):
        raise RewriteError(f"{original.name} is read-only; not written (fmt --force writes it)")


def rewrite_all(changes: Sequence[tuple[Original, bytes]], force: bool) -> None:
    """Give each file its new bytes; if any fails, or a stopping signal arrives
    (`stopping.Interrupted`), put back those already written."""
    done: list[tuple[Original, bytes]] = []  # (the file as we wrote it, its old bytes)
    seen: set[tuple[int, int]] = set()  # (inode, device): two names of one file
    with Held() as signals:  # a signal waits for the step between two files
        try:
            for original, data in changes:
                signals.check()
                if original.stamp[:2] in seen:
                    continue
                stamp = _rewrite(original, data, force)
                seen.add(original.stamp[:2])
                done.append((attrs.evolve(original, stamp=stamp, data=data), original.data))
            signals.check()  # the last step: from here on, the new text stays
        except BaseException:
            for written, old in reversed(done):
                with contextlib.suppress(Exception):  # best effort: it holds good text
                    _rewrite(written, old, force=True)
            raise


def _rewrite(original: Original, data: bytes, force: bool) -> Stamp:
    """Write `data` into the file `original` was read from; its stamp afterwards. The
    caller holds the stopping signals."""
    refuse_unwritable(original, force)
    folder, name = os.path.split(original.target)
    fd, temporary = _copy(folder, name, data)
    keep_copy = False  # the copy stays only when it is the one whole text left
    try:
        now = os.stat(original.target)
        if now.st_nlink == 1 and not _has_xattrs(original.target) and _same_identity(fd, now):
            os.close(_unchanged(original, os.O_RDONLY))
            os.replace(temporary, original.target)
            with contextlib.suppress(OSError):  # make the rename itself durable
                _fsync_folder(folder)
            return _stamp(os.stat(original.target))
        if os.pread(fd, len(data) + 1, 0) != data:
            raise RewriteError(f"{original.name}: the temporary copy did not read back as "
                               "written; not written")
        return _write_in_place(original, data, force)
    except _Damaged as damaged:
        keep_copy = True
        raise RewriteError(f"cannot write {original.name}: {damaged}, and putting the old "
                           f"text back failed too; the formatted text is in {temporary}"
                           ) from None
    except OSError as error:  # its own name, not the temporary copy's
        raise RewriteError(f"cannot write {original.name}: {error.strerror}") from None
    finally:
        os.close(fd)
        if not keep_copy:
            with contextlib.suppress(FileNotFoundError):  # gone: renamed into place
                os.unlink(temporary)


def _copy(folder: str, name: str, data: bytes) -> tuple[int, str]:
    """A complete, flushed temporary copy of `data` beside the file: (fd, path). mkstemp
    creates it 0600 less the umask; the fd stays open to read it back and set its mode."""
    temporary = None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            _put(fd, data)
        except BaseException:
            os.close(fd)
            raise
    except BaseException as error:
        if temporary is not None:
            os.unlink(temporary)
        if isinstance(error, OSError):  # a read-only folder, a full disk
            raise RewriteError(f"{os.path.join(folder, name)}: not written: cannot make a "
                               f"temporary copy in {folder}: {error.strerror}") from None
        raise
    return fd, temporary


def _same_identity(fd: int, now: os.stat_result) -> bool:
    """Give the copy the file's owner, group and mode; False when that is not allowed
    (someone else's file, a group we are not in): then it must be written in place."""
    try:
        mine = os.fstat(fd)
        if (mine.st_uid, mine.st_gid) != (now.st_uid, now.st_gid):
            os.fchown(fd, now.st_uid, now.st_gid)  # before chmod: chown clears setuid
        os.fchmod(fd, stat.S_IMODE(now.st_mode))
        mine = os.fstat(fd)  # chmod drops setgid silently where not allowed
    except PermissionError:
        return False
    return (mine.st_uid, mine.st_gid, mine.st_mode) == (now.st_uid, now.st_gid, now.st_mode)


def _has_xattrs(path: str) -> bool:
    """Extended attributes (ACLs, security labels) would not follow a rename."""
    try:
        return bool(os.listxattr(path))
    except OSError:  # not supported here: there are none
        return False


class _Damaged(Exception):
    """The in-place write failed and so did putting the old bytes back."""


def _write_in_place(original: Original, data: bytes, force: bool) -> Stamp:
    with _writable(original.target, force):
        fd = _unchanged(original, os.O_RDWR)
    try:
        try:
            _put(fd, data)
        except BaseException as error:
            try:
                _put(fd, original.data)
            except OSError:
                raise _Damaged(getattr(error, "strerror", None) or error) from None
            raise
        return _stamp(os.fstat(fd))
    finally:
        os.close(fd)


@contextlib.contextmanager
def _writable(path: str, force: bool) -> Iterator[None]:
    """A forced, read-only file of ours is made writable only while it is opened."""
    now = os.stat(path)
    if not (force and not os.access(path, os.W_OK) and now.st_uid == os.geteuid()):
        yield
        return
    os.chmod(path, stat.S_IMODE(now.st_mode) | stat.S_IWUSR)
    try:
        yield
    finally:
        os.chmod(path, stat.S_IMODE(now.st_mode))


def _unchanged(original: Original, flags: int) -> int:
    """The file opened with `flags`, if it still is the file read, holding the bytes read."""
    if os.path.realpath(original.name) != original.target:
        raise _changed(original.name)
    try:
        fd = os.open(original.target, flags | os.O_NOFOLLOW | os.O_NONBLOCK)
    except (FileNotFoundError, NotADirectoryError):
        raise _changed(original.name) from None
    except OSError as error:
        if error.errno == errno.ELOOP:  # replaced by a symlink
            raise _changed(original.name) from None
        raise
    try:
        if (_stamp(os.fstat(fd)) == original.stamp
                and os.pread(fd, len(original.data) + 1, 0) == original.data):
            return fd
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
    raise _changed(original.name)


def _changed(name: str) -> RewriteError:
    return RewriteError(f"{name} changed on disk while it was being formatted; "
                        "not written: run fmt again")


def _put(fd: int, data: bytes) -> None:
    """`data` as the whole content of the open file, on disk."""
    view = memoryview(data)
    written = 0
    while written < len(data):
        written += os.pwrite(fd, view[written:], written)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _fsync_folder(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stamp(status: os.stat_result) -> Stamp:
    return (status.st_ino, status.st_dev, status.st_size, status.st_mtime_ns)
