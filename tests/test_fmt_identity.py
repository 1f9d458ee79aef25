"""`fmt` keeps the file's identity (issue 11, point 5).

The text goes through a symlink to the file it names (the link stays a link); mode, owner,
group and hard links are kept; a read-only file is refused unless `--force`; a file edited
while fmt worked is not written over; no temporary file is left; a failed run changes
nothing. The command runs in-process (`cli.main`) so that a race can be staged exactly:
the formatter, or a step of the write, is wrapped to save an edit at that moment. Where a
second user is needed, a forked child drops to uid 65534 when the tests run as root;
otherwise the owner check is simulated (chown refused, access denied).
"""

from __future__ import annotations

import difflib
import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workoutlang import cli, formatter, rewrite

CLEAN = Path(__file__).parent / "data" / "checks" / "clean.wol"
MESSY = CLEAN.read_text().replace("  ", "    ")  # the same plan, badly indented
TIDY = formatter.format_text(MESSY)
EDIT = MESSY.replace('"Clean"', '"Edited in the editor"')
CHANGED = "changed on disk while it was being formatted; not written: run fmt again"
NOBODY = 65534
ROOT = os.geteuid() == 0
SCRIPT = shutil.which("workoutlang", path=str(Path(sys.executable).parent)) or "workoutlang"


def fmt(*args: str) -> int:
    return cli.main(["fmt", *args])


def plan(folder: Path, name: str = "plan.wol", text: str = MESSY, mode: int = 0o644) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    path.chmod(mode)
    return path


def names(folder: Path) -> list[str]:
    """Every entry of `folder`, hidden temporary files included."""
    return sorted(p.name for p in folder.iterdir())


def as_nobody(action: Callable[[], int]) -> int:
    """`action` run in a forked child as uid and gid 65534; its exit status.

    Everything is imported and built before the rights are dropped (the standard library
    lives under /root here, closed to nobody)."""
    assert difflib and rewrite  # imported above: fmt imports them lazily
    pid = os.fork()
    if pid == 0:  # the child
        code = 99
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            code = action()
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@pytest.fixture
def public() -> Iterator[Path]:
    """A folder nobody can reach (tmp_path sits under root's private folder)."""
    folder = Path(tempfile.mkdtemp(prefix="wol-fmt-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def refuse_chown(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a user meets with someone else's file: a new file cannot be given its owner."""
    def fchown(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", fchown)
    monkeypatch.setattr(rewrite, "_same_identity", lambda fd, now: False)


# --- symlinks ---------------------------------------------------------------------------


def test_relative_symlink_stays_a_link_and_its_target_is_formatted(tmp_path: Path) -> None:
    target = plan(tmp_path / "real")
    link = tmp_path / "link.wol"
    link.symlink_to("real/plan.wol")
    assert fmt(str(link)) == 0
    assert link.is_symlink() and os.readlink(link) == "real/plan.wol"
    assert target.read_text() == TIDY
    assert names(tmp_path) == ["link.wol", "real"] and names(tmp_path / "real") == ["plan.wol"]


def test_absolute_symlink_into_another_folder(tmp_path: Path) -> None:
    target = plan(tmp_path / "b")
    (tmp_path / "a").mkdir()
    link = tmp_path / "a" / "plan.wol"
    link.symlink_to(target)
    assert fmt(str(link)) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == TIDY
    assert names(tmp_path / "a") == ["plan.wol"] and names(tmp_path / "b") == ["plan.wol"]


def test_symlink_chain_keeps_every_link(tmp_path: Path) -> None:
    target = plan(tmp_path)
    (tmp_path / "two.wol").symlink_to("plan.wol")
    (tmp_path / "one.wol").symlink_to("two.wol")
    assert fmt(str(tmp_path / "one.wol")) == 0
    assert os.readlink(tmp_path / "one.wol") == "two.wol"
    assert os.readlink(tmp_path / "two.wol") == "plan.wol"
    assert target.read_text() == TIDY
    assert names(tmp_path) == ["one.wol", "plan.wol", "two.wol"]


def test_file_in_a_symlinked_folder(tmp_path: Path) -> None:
    target = plan(tmp_path / "real")
    (tmp_path / "alias").symlink_to("real")
    assert fmt(str(tmp_path / "alias" / "plan.wol")) == 0
    assert (tmp_path / "alias").is_symlink()
    assert target.read_text() == TIDY
    assert names(tmp_path / "real") == ["plan.wol"]


def test_symlink_through_the_console_script(tmp_path: Path) -> None:
    target = plan(tmp_path)
    (tmp_path / "link.wol").symlink_to("plan.wol")
    result = subprocess.run([SCRIPT, "fmt", "link.wol"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "reformatted link.wol\n"
    assert (tmp_path / "link.wol").is_symlink() and target.read_text() == TIDY


def test_symlink_and_its_target_in_one_run(tmp_path: Path) -> None:
    target = plan(tmp_path)
    (tmp_path / "link.wol").symlink_to("plan.wol")
    assert fmt(str(tmp_path / "link.wol"), str(target)) == 0
    assert target.read_text() == TIDY and (tmp_path / "link.wol").is_symlink()


# --- hard links -------------------------------------------------------------------------


def test_hard_link_both_names_see_the_formatted_text(tmp_path: Path) -> None:
    first = plan(tmp_path)
    second = tmp_path / "other.wol"
    os.link(first, second)
    inode = first.stat().st_ino
    assert fmt(str(first)) == 0
    assert first.read_text() == TIDY and second.read_text() == TIDY
    assert first.stat().st_ino == second.stat().st_ino == inode
    assert first.stat().st_nlink == 2
    assert names(tmp_path) == ["other.wol", "plan.wol"]


def test_both_names_of_a_hard_link_in_one_run(tmp_path: Path) -> None:
    first = plan(tmp_path)
    os.link(first, tmp_path / "other.wol")
    assert fmt(str(first), str(tmp_path / "other.wol")) == 0
    assert (tmp_path / "other.wol").read_text() == TIDY
    assert first.stat().st_nlink == 2


# --- mode, owner, group -----------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755, 0o2750, 0o4755], ids=oct)
def test_mode_is_kept_exactly(tmp_path: Path, mode: int) -> None:
    path = plan(tmp_path, mode=mode)
    assert fmt(str(path)) == 0
    assert stat.S_IMODE(path.stat().st_mode) == mode  # no bit gained (setuid…) or lost
    assert path.read_text() == TIDY


def test_mode_is_kept_under_a_strict_umask(tmp_path: Path) -> None:
    path = plan(tmp_path, mode=0o644)
    old = os.umask(0o077)
    try:
        assert fmt(str(path)) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644 and path.read_text() == TIDY


def test_owner_and_group_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = plan(tmp_path)
    if ROOT:
        os.chown(path, NOBODY, NOBODY)
    else:  # a file of ours whose owner a new file could not get: written in place
        refuse_chown(monkeypatch)
    before = path.stat()
    assert fmt(str(path)) == 0
    after = path.stat()
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert path.read_text() == TIDY
    assert names(tmp_path) == ["plan.wol"]


def test_someone_elses_file_is_written_in_place(public: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A file we may write but not own: a new file could not be given its owner."""
    folder = public / "shared"
    path = plan(folder, mode=0o666)
    folder.chmod(0o777)
    before = path.stat()
    if ROOT:  # the file is root's; nobody formats it
        assert as_nobody(lambda: fmt(str(path))) == 0
    else:
        refuse_chown(monkeypatch)
        assert fmt(str(path)) == 0
    after = path.stat()
    assert (after.st_ino, after.st_uid, after.st_gid) == (before.st_ino, before.st_uid,
                                                          before.st_gid)
    assert stat.S_IMODE(after.st_mode) == 0o666
    assert path.read_text() == TIDY
    assert names(folder) == ["plan.wol"]


def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    """ACLs and security labels live in extended attributes, which a rename would lose."""
    path = plan(tmp_path)
    os.setxattr(path, "user.origin", b"coach")
    assert fmt(str(path)) == 0
    assert os.getxattr(path, "user.origin") == b"coach" and path.read_text() == TIDY
    assert names(tmp_path) == ["plan.wol"]


# --- read-only files --------------------------------------------------------------------


def test_read_only_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = plan(tmp_path, mode=0o444)
    assert fmt(str(path)) == 2
    assert path.read_text() == MESSY and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert f"{path} is read-only; not written (fmt --force writes it)" in capsys.readouterr().err
    assert names(tmp_path) == ["plan.wol"]


@pytest.mark.parametrize("linked", [False, True], ids=["renamed", "in-place"])
def test_read_only_file_is_formatted_with_force(tmp_path: Path, linked: bool) -> None:
    path = plan(tmp_path, mode=0o444)
    if linked:
        os.link(path, tmp_path / "other.wol")
    assert fmt("--force", str(path)) == 0
    assert path.read_text() == TIDY
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert names(tmp_path) == (["other.wol", "plan.wol"] if linked else ["plan.wol"])


def test_own_read_only_hard_linked_file_with_force_as_a_user(public: Path) -> None:
    """Not root: the file must be made writable for the write, then read-only again."""
    folder = public / "mine"
    path = plan(folder, mode=0o444)
    os.link(path, folder / "other.wol")
    if ROOT:
        os.chown(folder, NOBODY, NOBODY)
        os.chown(path, NOBODY, NOBODY)
        assert as_nobody(lambda: fmt("--force", str(path))) == 0
    else:
        assert fmt("--force", str(path)) == 0
    assert path.read_text() == TIDY and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert names(folder) == ["other.wol", "plan.wol"]


def test_file_the_user_may_not_write_is_refused(public: Path, monkeypatch: pytest.MonkeyPatch,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    """Its owner may write it (0644), the user running fmt may not."""
    folder = public / "theirs"
    path = plan(folder, mode=0o644)
    folder.chmod(0o777)
    if ROOT:
        assert as_nobody(lambda: fmt(str(path))) == 2
        assert "is read-only" in capfd.readouterr().err
        assert as_nobody(lambda: fmt("--force", str(path))) == 2
        assert "Permission denied" in capfd.readouterr().err
    else:
        monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
        assert fmt(str(path)) == 2
        assert "is read-only" in capfd.readouterr().err
    assert path.read_text() == MESSY
    assert names(folder) == ["plan.wol"]


# --- changed on disk while formatting ---------------------------------------------------


def edit_while_formatting(monkeypatch: pytest.MonkeyPatch, edit: Callable[[], None]) -> None:
    """The editor saves while fmt is busy formatting."""
    real = formatter.format_text

    def format_text(text: str) -> str:
        result = real(text)
        edit()
        return result

    monkeypatch.setattr(formatter, "format_text", format_text)


@pytest.mark.parametrize("linked", [False, True], ids=["renamed", "in-place"])
def test_edit_saved_while_formatting_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str],
                                             linked: bool) -> None:
    path = plan(tmp_path)
    if linked:
        os.link(path, tmp_path / "other.wol")
    edit_while_formatting(monkeypatch, lambda: path.write_text(EDIT))
    assert fmt(str(path)) == 2
    assert path.read_text() == EDIT
    assert f"{path} {CHANGED}" in capsys.readouterr().err
    assert names(tmp_path) == (["other.wol", "plan.wol"] if linked else ["plan.wol"])


def test_same_size_edit_with_the_old_time_is_caught(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Size, inode and modification time all as before: only the bytes tell."""
    path = plan(tmp_path)
    before = path.stat()
    same_size = MESSY.replace("Clean", "Dirty")

    def edit() -> None:
        path.write_text(same_size)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    edit_while_formatting(monkeypatch, edit)
    assert fmt(str(path)) == 2
    assert path.read_text() == same_size


def test_editor_that_saves_by_rename_is_not_overwritten(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = plan(tmp_path)

    def save_by_rename() -> None:
        (tmp_path / "plan.wol~").write_text(EDIT)
        os.replace(tmp_path / "plan.wol~", path)

    edit_while_formatting(monkeypatch, save_by_rename)
    assert fmt(str(path)) == 2
    assert path.read_text() == EDIT and names(tmp_path) == ["plan.wol"]


def test_deleted_file_is_not_brought_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = plan(tmp_path)
    edit_while_formatting(monkeypatch, path.unlink)
    assert fmt(str(path)) == 2
    assert names(tmp_path) == []


def test_retargeted_symlink_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = plan(tmp_path, "a.wol"), plan(tmp_path, "b.wol")
    link = tmp_path / "link.wol"
    link.symlink_to("a.wol")

    def retarget() -> None:
        link.unlink()
        link.symlink_to("b.wol")

    edit_while_formatting(monkeypatch, retarget)
    assert fmt(str(link)) == 2
    assert first.read_text() == MESSY and second.read_text() == MESSY


@pytest.mark.parametrize("linked", [False, True], ids=["renamed", "in-place"])
def test_edit_saved_while_the_copy_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              linked: bool) -> None:
    """The last moment: the new text is staged beside the file, not yet in it."""
    path = plan(tmp_path)
    if linked:
        os.link(path, tmp_path / "other.wol")
    real = rewrite._copy

    def copy_then_edit(folder: str, name: str, data: bytes) -> tuple[int, str]:
        staged = real(folder, name, data)
        path.write_text(EDIT)
        return staged

    monkeypatch.setattr(rewrite, "_copy", copy_then_edit)
    assert fmt(str(path)) == 2
    assert path.read_text() == EDIT
    assert names(tmp_path) == (["other.wol", "plan.wol"] if linked else ["plan.wol"])


# --- failures change nothing; no temporary file, umask ----------------------------------


def fail_in_place(monkeypatch: pytest.MonkeyPatch, put_back: bool) -> None:
    """The write into the file stops half way (a full disk); so may the put-back."""
    real = rewrite._put
    calls: list[int] = []

    def put(fd: int, data: bytes) -> None:
        calls.append(fd)
        if len(calls) == 1 or (len(calls) == 3 and put_back):  # the copy; the put-back
            real(fd, data)
            return
        os.pwrite(fd, data[:10], 0)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rewrite, "_put", put)


def test_failed_in_place_write_puts_the_old_text_back(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = plan(tmp_path)
    os.link(path, tmp_path / "other.wol")
    inode = path.stat().st_ino
    fail_in_place(monkeypatch, put_back=True)
    assert fmt(str(path)) == 2
    assert path.read_text() == MESSY and path.stat().st_ino == inode
    assert names(tmp_path) == ["other.wol", "plan.wol"]
    assert f"cannot write {path}: No space left on device" in capsys.readouterr().err


def test_temporary_copy_is_kept_when_the_put_back_fails_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The file is damaged: the verified copy is then the only whole text, and stays."""
    path = plan(tmp_path)
    os.link(path, tmp_path / "other.wol")
    fail_in_place(monkeypatch, put_back=False)
    assert fmt(str(path)) == 2
    kept = [p for p in tmp_path.iterdir() if p.name.startswith(".plan.wol.")]
    assert len(kept) == 1 and kept[0].read_text() == TIDY
    assert f"the formatted text is in {kept[0]}" in capsys.readouterr().err


def test_failed_rename_leaves_no_temporary(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = plan(tmp_path)

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert fmt(str(path)) == 2
    assert path.read_text() == MESSY and names(tmp_path) == ["plan.wol"]


def test_a_later_file_failing_puts_back_the_earlier_ones(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = plan(tmp_path, "a.wol"), plan(tmp_path, "b.wol")
    real = os.replace
    calls: list[object] = []

    def second_fails(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    assert fmt(str(first), str(second)) == 2
    assert first.read_text() == MESSY and second.read_text() == MESSY
    assert names(tmp_path) == ["a.wol", "b.wol"]


def test_a_read_only_file_in_the_run_means_nothing_is_written(tmp_path: Path) -> None:
    first, second = plan(tmp_path, "a.wol"), plan(tmp_path, "b.wol", mode=0o444)
    assert fmt(str(first), str(second)) == 2
    assert first.read_text() == MESSY and second.read_text() == MESSY


def test_missing_file_in_the_run_means_nothing_is_written(tmp_path: Path) -> None:
    first = plan(tmp_path, "a.wol")
    assert fmt(str(first), str(tmp_path / "missing.wol")) == 2
    assert first.read_text() == MESSY


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=["INT", "TERM", "HUP"])
def test_signal_between_two_files_puts_back_the_first(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      signum: int) -> None:
    first, second = plan(tmp_path, "a.wol"), plan(tmp_path, "b.wol")
    real = rewrite._copy
    before = signal.getsignal(signum)

    def signalled(folder: str, name: str, data: bytes) -> tuple[int, str]:
        if name == "b.wol":
            os.kill(os.getpid(), signum)
        return real(folder, name, data)

    monkeypatch.setattr(rewrite, "_copy", signalled)
    assert fmt(str(first), str(second)) == 128 + signum  # 130 for SIGINT
    assert first.read_text() == MESSY and second.read_text() == MESSY
    assert names(tmp_path) == ["a.wol", "b.wol"]
    assert signal.getsignal(signum) is before  # the handler is the caller's again


def test_an_ignored_signal_stays_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under nohup, SIGHUP does not stop the run."""
    first, second = plan(tmp_path, "a.wol"), plan(tmp_path, "b.wol")
    real = rewrite._copy

    def hung_up(folder: str, name: str, data: bytes) -> tuple[int, str]:
        os.kill(os.getpid(), signal.SIGHUP)
        return real(folder, name, data)

    monkeypatch.setattr(rewrite, "_copy", hung_up)
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        assert fmt(str(first), str(second)) == 0
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, before)
    assert first.read_text() == TIDY and second.read_text() == TIDY


@pytest.mark.parametrize("linked", [False, True], ids=["renamed", "in-place"])
def test_temporary_copy_respects_the_umask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           linked: bool) -> None:
    path = plan(tmp_path, mode=0o644)
    if linked:
        os.link(path, tmp_path / "other.wol")
    real = rewrite._copy
    modes: list[int] = []

    def observed(folder: str, name: str, data: bytes) -> tuple[int, str]:
        fd, temporary = real(folder, name, data)
        modes.append(stat.S_IMODE(os.stat(temporary).st_mode))
        return fd, temporary

    monkeypatch.setattr(rewrite, "_copy", observed)
    old = os.umask(0o077)
    try:
        assert fmt(str(path)) == 0
    finally:
        os.umask(old)
    assert modes and all(mode & 0o077 == 0 for mode in modes)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644 and path.read_text() == TIDY


def test_file_in_a_read_only_folder_is_refused_clearly(public: Path,
                                                       capfd: pytest.CaptureFixture[str]) -> None:
    """No temporary copy can be made beside it: fmt says so and writes nothing."""
    folder = public / "locked"
    path = plan(folder)
    if ROOT:
        os.chown(folder, NOBODY, NOBODY)
        os.chown(path, NOBODY, NOBODY)
        folder.chmod(0o555)
        assert as_nobody(lambda: fmt(str(path))) == 2
    else:
        folder.chmod(0o555)
        assert fmt(str(path)) == 2
    assert (f"{path}: not written: cannot make a temporary copy in {folder}: "
            "Permission denied") in capfd.readouterr().err
    assert path.read_text() == MESSY and names(folder) == ["plan.wol"]


def test_device_is_never_written(tmp_path: Path) -> None:
    """Whatever a name leads to must be a regular file (here /dev/null through a link)."""
    (tmp_path / "null.wol").symlink_to(os.devnull)
    original = rewrite.Original(str(tmp_path / "null.wol"), os.devnull,
                                (0, 0, 0, 0), b"")
    with pytest.raises(rewrite.RewriteError, match="is not a regular file; not written"):
        rewrite.rewrite_all([(original, TIDY.encode())], force=True)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode) and names(tmp_path) == ["null.wol"]


# --- what fmt did before still holds ----------------------------------------------------


def test_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MESSY.encode())))
    assert fmt("-") == 0
    assert capsys.readouterr().out == TIDY


def test_check_and_diff_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = plan(tmp_path, mode=0o444)  # read-only is no reason to refuse a look
    assert fmt("--check", str(path)) == 1
    assert f"would reformat {path}" in capsys.readouterr().err
    assert fmt("--diff", str(path)) == 0
    assert "(formatted)" in capsys.readouterr().out
    assert path.read_text() == MESSY and names(tmp_path) == ["plan.wol"]


def test_syntax_error_in_one_file_does_not_stop_the_others(tmp_path: Path) -> None:
    good, bad = plan(tmp_path, "a.wol"), plan(tmp_path, "b.wol", text="plan :\n")
    assert fmt(str(good), str(bad)) == 1
    assert good.read_text() == TIDY and bad.read_text() == "plan :\n"


def test_formatted_file_is_not_touched(tmp_path: Path) -> None:
    path = plan(tmp_path, text=TIDY, mode=0o444)  # nothing to write: read-only is fine
    before = path.stat()
    assert fmt(str(path)) == 0
    assert path.stat().st_mtime_ns == before.st_mtime_ns
