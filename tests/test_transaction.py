"""One run, one transaction: `compile` writes every output of a run, or none, and never
writes where it should not (issue 11, points 3 and 4, and `-o x/`, `-o .`).

The tests run the command line in a subprocess, as a user would (one runs it in-process
to make a rename fail). Where a run must be caught half-way (a signal, a second run),
the documented test hook of workoutlang/transaction.py pauses it after its N-th rename.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from workoutlang import cli
from workoutlang.transaction import PAUSE_HOOK

CLEAN = Path(__file__).parent / "data" / "checks" / "clean.wol"
CHECK_ERROR = Path(__file__).parent / "data" / "checks" / "WOL006_missing_side.wol"
SCRIPT = shutil.which("workoutlang", path=str(Path(sys.executable).parent)) or "workoutlang"
HANG_GUARD_S = 120  # only a guard against a hang, never a measure of speed


def run(*args: str, cwd: Path, umask: int | None = None,
        ) -> subprocess.CompletedProcess[str]:
    def preexec() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=HANG_GUARD_S,
                          preexec_fn=preexec)


def start_paused(*args: str, cwd: Path, after: int,
                 ignoring: int | None = None) -> subprocess.Popen[str]:
    """A compile stopped by the test hook after its `after`-th rename, locks held;
    `ignoring` a signal as `nohup` does."""
    process = subprocess.Popen([SCRIPT, *args], cwd=cwd, text=True, stdin=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "NO_COLOR": "1", PAUSE_HOOK: str(after)},
                               preexec_fn=None if ignoring is None else
                               lambda: signal.signal(ignoring, signal.SIG_IGN))
    assert process.stderr is not None
    seen = []
    for line in process.stderr:  # ends at EOF if the run never pauses
        seen.append(line)
        if "paused" in line:
            return process
    process.wait(HANG_GUARD_S)
    raise AssertionError(f"the run did not pause: {''.join(seen)}")


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under `folder`: a file's bytes and mode, or what else it is."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found[str(path.relative_to(folder))] = (
            (path.read_bytes(), stat.S_IMODE(info.st_mode)) if stat.S_ISREG(info.st_mode)
            else stat.S_IFMT(info.st_mode))
    return found


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.endswith((".tmp", ".bak"))]


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr


def big_plan(sessions: int) -> str:
    """A clean plan with one FIT workout a session (warnings only: too many a week)."""
    lines = ['plan "Big" weeks 1:']
    for number in range(sessions):
        lines += [f'  session "S{number}" on mon:', "    romanian_deadlift 3x8",
                  "    plank 3x45s"]
    return "\n".join(lines) + "\n"


# --- a failed run changes no file ---------------------------------------------------------


def test_a_target_refused_after_another_rendered_changes_no_file(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "p.wol")
    (tmp_path / "D").mkdir()
    (tmp_path / "D" / "p.html").write_text("<p>the user's page</p>")
    (tmp_path / "D" / "p.json").mkdir()  # a folder where the json file would go
    before = snapshot(tmp_path)
    result = run("compile", "p.wol", "--to", "html", "--to", "json", "-o", "D", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert "D/p.json, which is a folder, not a regular file" in result.stderr
    assert snapshot(tmp_path) == before


def test_one_input_refused_changes_no_other_inputs_file(tmp_path: Path) -> None:
    for name in ("a", "b"):
        shutil.copy(CLEAN, tmp_path / f"{name}.wol")
    (tmp_path / "D").mkdir()
    (tmp_path / "D" / "a.json").write_text("old a")
    (tmp_path / "D" / "b.json").mkdir()
    before = snapshot(tmp_path)
    result = run("compile", "a.wol", "b.wol", "--to", "json", "-o", "D", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert "b.wol --to json would write D/b.json" in result.stderr
    assert snapshot(tmp_path) == before


def test_one_input_with_errors_writes_no_output_of_any_input(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "good.wol")
    shutil.copy(CHECK_ERROR, tmp_path / "bad.wol")
    before = snapshot(tmp_path)
    result = run("compile", "good.wol", "bad.wol", "--to", "json", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert "nothing written" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_write_failure_in_the_last_input_puts_back_the_first_inputs_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b"):
        shutil.copy(CLEAN, tmp_path / f"{name}.wol")
        (tmp_path / f"{name}.json").write_text(f"the user's {name}.json")
    before = snapshot(tmp_path)
    real_replace = os.replace
    renamed: list[str] = []

    def disk_full_on_the_last(source: str, target: str) -> None:
        renamed.append(str(target))
        if str(target).endswith("b.html"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", disk_full_on_the_last)
    status = cli.main(["compile", str(tmp_path / "a.wol"), str(tmp_path / "b.wol"),
                       "--to", "json", "--to", "html"])
    assert status == cli.EXIT_USAGE
    assert renamed[:3] == [str(tmp_path / n) for n in ("a.json", "a.html", "b.json")]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=lambda s: signal.Signals(s).name)
def test_a_signal_half_way_through_a_fit_folder_puts_everything_back(
        sent: int, tmp_path: Path) -> None:
    plan = tmp_path / "plan.wol"
    plan.write_text(big_plan(300))
    assert run("compile", "plan.wol", "--to", "fit", cwd=tmp_path).returncode == 0
    folder = tmp_path / "plan-fit"
    for path in folder.iterdir():  # the user's edited copies of last run's workouts
        path.write_bytes(b"the user's copy of " + path.name.encode())
    plan.write_text(big_plan(400))  # a hundred new workouts besides
    before = snapshot(tmp_path)
    process = start_paused("compile", "plan.wol", "--to", "fit", cwd=tmp_path, after=350)
    process.send_signal(sent)
    _, err = process.communicate(timeout=HANG_GUARD_S)
    assert process.returncode == 128 + sent, err
    assert f"interrupted by {signal.Signals(sent).name}" in err
    assert "Traceback" not in err
    assert leftovers(tmp_path) == []
    assert snapshot(tmp_path) == before


def test_a_signal_the_run_was_told_to_ignore_stays_ignored(tmp_path: Path) -> None:
    # under nohup, SIGHUP (the terminal closing) must not undo a run
    (tmp_path / "plan.wol").write_text(big_plan(40))
    process = start_paused("compile", "plan.wol", "--to", "fit", cwd=tmp_path, after=20,
                           ignoring=signal.SIGHUP)
    process.send_signal(signal.SIGHUP)
    _, err = process.communicate("go on\n", timeout=HANG_GUARD_S)
    assert process.returncode == 0, err
    assert len(list((tmp_path / "plan-fit").iterdir())) == 40
    assert leftovers(tmp_path) == []


# --- writes only where it should -----------------------------------------------------


def _char_device(path: Path) -> None:
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a second /dev/null


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


NODES: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "a FIFO"),
    "socket": (_socket, "a socket"),
    "char-device": (_char_device, "a character device"),
}


@pytest.mark.parametrize("kind", list(NODES))
def test_an_output_that_is_a_device_fifo_or_socket_is_refused(kind: str,
                                                               tmp_path: Path) -> None:
    make, said = NODES[kind]
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    node = tmp_path / "out.json"
    if kind == "char-device" and os.geteuid() != 0:
        node = Path(os.devnull)  # only root makes device nodes; the real one then
    else:
        make(node)
    kind_before = stat.S_IFMT(node.lstat().st_mode)
    before = snapshot(tmp_path)
    result = run("compile", "plan.wol", "--to", "json", "-o", str(node), cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert f"{node}, which is {said}" in result.stderr
    assert stat.S_IFMT(node.lstat().st_mode) == kind_before
    assert snapshot(tmp_path) == before


def test_a_symbolic_link_as_output_is_refused_not_followed(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    (tmp_path / "elsewhere.txt").write_text("not ours to write")
    (tmp_path / "out.json").symlink_to(tmp_path / "elsewhere.txt")
    before = snapshot(tmp_path)
    result = run("compile", "plan.wol", "--to", "json", "-o", "out.json", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert "out.json, which is a symbolic link" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_fit_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    (tmp_path / "workouts").write_text("a file, not a folder")
    before = snapshot(tmp_path)
    result = run("compile", "plan.wol", "--to", "fit", "-o", "workouts", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert "plan.wol --to fit writes a folder, but workouts is a file" in result.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("how", ["same-path", "through-a-symlink", "through-a-hard-link",
                                 "input-through-a-symlink"])
def test_an_output_that_is_an_input_is_refused(how: str, tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    source, output = "plan.wol", "plan.wol"
    if how == "through-a-symlink":
        output = "alias.wol"
        (tmp_path / output).symlink_to("plan.wol")
    elif how == "through-a-hard-link":
        output = "hard.wol"
        os.link(tmp_path / "plan.wol", tmp_path / output)
    elif how == "input-through-a-symlink":
        source = "link.wol"
        (tmp_path / source).symlink_to("plan.wol")
    before = snapshot(tmp_path)
    result = run("compile", source, "--to", "json", "-o", output, cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert f"would write {output}, which is the input {source}" in result.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("target", ["json", "fit"])
def test_inputs_with_the_same_stem_into_one_folder_are_refused(target: str,
                                                               tmp_path: Path) -> None:
    for folder, session in (("a", '"A"'), ("b", '"Other A"')):  # two plans, one stem
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "plan.wol").write_text(CLEAN.read_text().replace('"A"', session))
    before = snapshot(tmp_path)
    result = run("compile", "a/plan.wol", "b/plan.wol", "--to", target, "-o", "D",
                 cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    name = "plan.json" if target == "json" else "plan-fit"
    assert (f"a/plan.wol --to {target} and b/plan.wol --to {target} would both write "
            f"D/{name}") in result.stderr
    assert snapshot(tmp_path) == before  # D was not even created


def test_the_same_input_twice_is_refused(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    result = run("compile", "plan.wol", "./plan.wol", "--to", "json", "-j", "2", "-o", "D",
                 cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert "would both write D/plan.json" in result.stderr
    assert not (tmp_path / "D").exists()


def test_a_second_run_into_a_folder_being_written_fails_clearly(tmp_path: Path) -> None:
    (tmp_path / "one.wol").write_text(big_plan(6))
    (tmp_path / "two.wol").write_text(big_plan(6).replace('"S', '"Other S'))
    first = start_paused("compile", "one.wol", "--to", "fit", "-o", "D", cwd=tmp_path,
                         after=3)
    try:
        second = run("compile", "two.wol", "--to", "fit", "-o", "D", cwd=tmp_path)
    finally:
        _, err = first.communicate("\n", timeout=HANG_GUARD_S)  # let the first one finish
    no_traceback(second)
    assert second.returncode == 2
    assert "waiting for another workoutlang run writing D" in second.stderr
    assert "another workoutlang run is writing D; nothing was written" in second.stderr
    assert first.returncode == 0, err
    assert sorted(p.name for p in (tmp_path / "D").iterdir()) == [
        f"{n:02d}-s{n - 1}.fit" for n in range(1, 7)]  # the first run's, and only those
    assert leftovers(tmp_path) == []


# --- modes, and what -o names -------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o002, 0o664)])
def test_new_files_and_folders_follow_the_umask(umask: int, mode: int,
                                                tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    result = run("compile", "plan.wol", "--to", "html", "--to", "fit", "-o", "out",
                 cwd=tmp_path, umask=umask)
    assert result.returncode == 0, result.stderr
    files = [tmp_path / "out" / "plan.html", *(tmp_path / "out" / "plan-fit").iterdir()]
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {mode}
    folders = [tmp_path / "out", tmp_path / "out" / "plan-fit"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o777 & ~umask}


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    (tmp_path / "plan.json").write_text("old")
    (tmp_path / "plan.json").chmod(0o640)
    result = run("compile", "plan.wol", "--to", "json", cwd=tmp_path, umask=0o022)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "plan.json").stat().st_mode) == 0o640
    assert (tmp_path / "plan.json").read_text() != "old"


@pytest.mark.parametrize("output", ["x/", "x", "."])
def test_o_naming_a_folder_writes_into_it(output: str, tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    if output == "x":
        (tmp_path / "x").mkdir()  # an existing folder
    result = run("compile", "plan.wol", "--to", "json", "-o", output, cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    written = tmp_path / output / "plan.json"
    assert written.read_bytes().startswith(b"{")
    assert sorted(p.name for p in written.parent.iterdir()) == (
        ["plan.json", "plan.wol"] if output == "." else ["plan.json"])


def test_o_dash_prints_after_checking_and_writes_no_file(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    result = run("compile", "plan.wol", "--to", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"schema": "workoutlang/plan@1"' in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.wol"]


@pytest.mark.parametrize("form", ["text", "json"])
def test_o_dash_keeps_the_diagnostics_out_of_the_output(tmp_path: Path, form: str) -> None:
    # a plan with a warning: the warning goes to stderr, stdout is the JSON plan alone
    shutil.copy(Path(__file__).parent / "data" / "checks" / "WOL106_session_frequency.wol",
                tmp_path / "plan.wol")
    result = run("compile", "plan.wol", "--to", "json", "-o", "-", "--format", form,
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "workoutlang/plan@1"
    assert "WOL106" in result.stderr


def test_an_empty_output_name_is_a_usage_error(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    result = run("compile", "plan.wol", "--to", "json", "-o", "", cwd=tmp_path)
    assert result.returncode == 2 and "-o ''" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.wol"]


def test_several_inputs_in_processes_write_every_output(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        shutil.copy(CLEAN, tmp_path / f"{name}.wol")
    result = run("compile", "a.wol", "b.wol", "c.wol", "--to", "json", "--to", "fit",
                 "-j", "2", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "a-fit", "a.json", "b-fit", "b.json", "c-fit", "c.json"]
    assert leftovers(tmp_path) == []
