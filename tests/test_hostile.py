"""Hostile input and lost work: the command line never falls over and never loses a file.

Each hostile file goes through `workoutlang check` in a subprocess, as a user
would run it: it must end (a generous timeout guards against a hang; how fast
it ends is bench/'s business, not a test's), with exit 1 or 2, a clear message,
a bounded output and no traceback. Then every stage of a compile (and `fmt`) is made to
fail, and the user's files must be byte-for-byte what they were.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from workoutlang import cli, files
from workoutlang.backends import TARGETS
from workoutlang.errors import WorkoutlangError
from workoutlang.limits import MAX_SYNTAX_ERRORS

CHECKS = Path(__file__).parent / "data" / "checks"
CLEAN = CHECKS / "clean.wol"
SCRIPT = shutil.which("workoutlang", path=str(Path(sys.executable).parent)) or "workoutlang"

# Only a guard against a hang, never a measure of speed (that is bench/'s business).
HANG_GUARD_S = 300
MEMORY_LIMIT = 2 * 1024**3  # address space of the child: "never unbounded memory"
OUTPUT_LIMIT = 20_000  # characters: a clear message, not a dump of the input

HEAD = 'plan "Hostile" weeks 1:\n  session "A" on mon:\n'


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=HANG_GUARD_S, preexec_fn=_limit_memory, errors="replace")


DIAGNOSTIC_LINE = re.compile(r"^\S*:\d+:\d+: (?:error|warning)\[WOL\d{3}\]", re.MULTILINE)


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "internal error" not in output, output[:2000]


# --- hostile files -------------------------------------------------------------------


def _nested(depth: int) -> bytes:
    lines = [HEAD.rstrip("\n")]
    lines += ["  " * (level + 2) + "superset 3 rounds:" for level in range(depth)]
    lines.append("  " * (depth + 2) + "plank 30s")
    return ("\n".join(lines) + "\n").encode()


def _nested_sessions(depth: int) -> bytes:
    lines = ['plan "Deep":'] + ["  " * (level + 1) + f'session "s{level}":'
                                for level in range(depth)]
    return ("\n".join(lines) + "\n  " * depth + "plank 30s\n").encode()


HOSTILE: dict[str, tuple[Callable[[], bytes], int, str]] = {
    # name: (the file's bytes, exit code, what the message must say)
    "empty": (lambda: b"", 1, "holds no plan"),
    "only-blank-lines": (lambda: b"\n\n   \n\r\n", 1, "holds no plan"),
    "binary": (lambda: bytes(range(256)) * 64, 2, "not UTF-8"),
    "png-header": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(2000), 2, "not UTF-8"),
    "nul-bytes": (lambda: (HEAD + "    squat 3x8\x00\x00\n").encode(), 1, "WOL001"),
    "all-nul": (lambda: bytes(10_000), 1, "WOL001"),
    "latin-1": (lambda: 'plan "Styrke for løpere":\n'.encode("latin-1"), 2, "not UTF-8"),
    "utf-16": (lambda: (HEAD + "    squat 3x8\n").encode("utf-16"), 2, "not UTF-8"),
    "line-300k": (lambda: b"x" * 300_000, 1, "WOL001"),
    "line-300k-in-plan": (lambda: (HEAD + "    squat 3x8 " + "@" * 300_000 + "\n").encode(),
                          1, "WOL001"),
    "note-300k": (lambda: (HEAD + '    squat 3x8 note "' + "y" * 300_000 + '"\n').encode(),
                  1, "WOL10"),
    "nested-blocks-400": (lambda: _nested(400), 1, "WOL001"),
    "nested-sessions-400": (lambda: _nested_sessions(400), 1, "WOL001"),
    "digits-30-sets": (lambda: (HEAD + "    squat 999999999999999999999999999999x8\n"
                                ).encode(), 1, "WOL003"),
    "digits-30-everywhere": (lambda: (
        b'plan "N" weeks 999999999999999999999999999999:\n  session "A" on mon:\n'
        b"    squat 3x999999999999999999999999999999 @ 999999999999999999999999999999kg "
        b"rest 999999999999999999999999999999s tempo 999999999999999999999999999999-1-1\n"
        ), 1, "WOL003"),
    "digits-4300": (lambda: (HEAD + "    squat " + "9" * 4300 + "x8\n").encode(), 1, "WOL003"),
    "syntax-errors-5000": (lambda: ("@@@\n" * 5000).encode(), 1,
                           f"stopped after {MAX_SYNTAX_ERRORS} syntax errors"),
    "syntax-errors-5000-in-plan": (lambda: (HEAD + "    squat 3x8 tmpo 3-1-1\n" * 5000
                                            ).encode(), 1, "WOL001"),
    "crlf-and-tabs": (lambda: (HEAD.replace("\n", "\r\n") + "\t\tsquat 3x8\r\n").encode(),
                      1, "tab"),
    "bom-only": (lambda: "\ufeff".encode(), 1, "holds no plan"),
}


KNOWN: dict[str, pytest.MarkDecorator] = {}


@pytest.mark.parametrize("name", [pytest.param(n, marks=KNOWN.get(n, ())) for n in HOSTILE])
def test_hostile_file(name: str, tmp_path: Path) -> None:
    make, code, said = HOSTILE[name]
    path = tmp_path / "plan.wol"
    path.write_bytes(make())
    result = run("check", str(path))
    no_traceback(result)
    assert result.returncode == code, (result.stdout[-2000:], result.stderr[-2000:])
    output = result.stdout + result.stderr
    assert said in output
    assert len(output) < OUTPUT_LIMIT, output[:500]
    # however hostile the file, a bounded number of diagnostics, the syntax errors capped
    assert len(DIAGNOSTIC_LINE.findall(result.stdout)) <= MAX_SYNTAX_ERRORS + 1


def test_many_check_errors_are_capped_with_a_count(tmp_path: Path) -> None:
    # 5,000 lines that parse but each fail a check (step_up needs a side).
    path = tmp_path / "plan.wol"
    path.write_text(HEAD + "    step_up 3x8\n" * 5000 + "    plank 3x30s\n")
    as_json = run("check", "--format", "json", str(path))
    total = len(json.loads(as_json.stdout))
    assert total >= 5000
    result = run("check", str(path))
    no_traceback(result)
    assert result.returncode == 1
    assert len(DIAGNOSTIC_LINE.findall(result.stdout)) == cli.MAX_SHOWN
    assert f"… and {total - cli.MAX_SHOWN} more" in result.stdout
    assert len(result.stdout) < OUTPUT_LIMIT * 5  # a hundred diagnostics, not 5,000


@pytest.mark.parametrize("kind", ["folder", "missing", "missing-folder", "fifo-like-dev-null"])
def test_bad_paths_exit_2(kind: str, tmp_path: Path) -> None:
    path = {"folder": tmp_path, "missing": tmp_path / "nope.wol",
            "missing-folder": tmp_path / "no" / "such" / "plan.wol",
            "fifo-like-dev-null": Path(os.devnull)}[kind]
    result = run("check", str(path))
    no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.startswith("workoutlang: error: ")
    assert {"folder": "is a folder", "fifo-like-dev-null": "not a regular file"}.get(
        kind, "no such file") in result.stderr


def test_one_bad_file_does_not_hide_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.wol"
    shutil.copy(CLEAN, good)
    result = run("check", str(tmp_path / "missing.wol"), str(good), str(tmp_path))
    no_traceback(result)
    assert result.returncode == 2
    assert "missing.wol: no such file" in result.stderr
    assert "is a folder" in result.stderr


# --- nothing lost ------------------------------------------------------------------------

PARSE_ERROR = HEAD + "    squat 3x8 tmpo 3-1-1\n"
CHECK_ERROR = (CHECKS / "WOL006_missing_side.wol").read_text(encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (temporary files included) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def existing_outputs(folder: Path) -> None:
    """What a previous successful run left: one file of each target, a folder of workouts."""
    (folder / "plan.json").write_bytes(b'{"precious": true}\n')
    (folder / "plan.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    (folder / "plan.html").write_bytes(b"<p>old</p>")
    (folder / "plan.pdf").write_bytes(b"%PDF-old")
    for target in ("fit", "garmin-connect"):
        (folder / f"plan-{target}").mkdir()
        (folder / f"plan-{target}" / "01-old").write_bytes(b"old workout")




@pytest.mark.parametrize("stage", ["parse-error", "check-error"])
def test_failed_compile_changes_no_file(stage: str, tmp_path: Path) -> None:
    source = tmp_path / "plan.wol"
    source.write_text(PARSE_ERROR if stage == "parse-error" else CHECK_ERROR)
    existing_outputs(tmp_path)
    before = snapshot(tmp_path)
    to = [word for target in TARGETS for word in ("--to", target)]
    result = run("compile", "plan.wol", *to, "-o", ".", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert snapshot(tmp_path) == before


def _compile_in_process(tmp_path: Path, targets: list[str]) -> int:
    to = [word for target in targets for word in ("--to", target)]
    out = str(tmp_path) if len(targets) > 1 else str(tmp_path / _output_name(targets[0]))
    return cli.main(["compile", str(tmp_path / "plan.wol"), *to, "-o", out])


def _output_name(target: str) -> str:
    extension = TARGETS[target][1]
    return "plan" + (extension or f"-{target}")


@pytest.mark.parametrize("target", list(TARGETS))
def test_backend_error_changes_no_file(target: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    existing_outputs(tmp_path)
    before = snapshot(tmp_path)
    module = importlib.import_module(TARGETS[target][0])

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("the backend broke half-way")

    monkeypatch.setattr(module, "emit", broken)
    # the failing target last: the targets before it rendered fine, yet none is written
    others = [t for t in TARGETS if t not in (target, "pdf")]
    status = _compile_in_process(tmp_path, [*others, target])
    assert status != 0
    assert snapshot(tmp_path) == before


def test_write_error_changes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = next(t for t in TARGETS if TARGETS[t][1] is not None)
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    existing_outputs(tmp_path)
    before = snapshot(tmp_path)

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    status = _compile_in_process(tmp_path, [target])
    assert status == cli.EXIT_USAGE
    assert "No space left on device" in capsys.readouterr().err
    assert snapshot(tmp_path) == before  # the temporary file is gone too


@pytest.mark.parametrize("target", [t for t in TARGETS if TARGETS[t][1] is None])
def test_write_error_half_way_through_a_folder_changes_no_file(
        target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    folder = tmp_path / _output_name(target)
    assert _compile_in_process(tmp_path, [target]) == 0
    for path in folder.iterdir():  # a previous run's workouts, now edited by hand
        path.write_bytes(b"the user's copy")
    before = snapshot(tmp_path)
    real_replace = os.replace
    calls = []

    def fail_second(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", fail_second)
    assert _compile_in_process(tmp_path, [target]) == cli.EXIT_USAGE
    assert snapshot(tmp_path) == before


def test_output_in_a_file_instead_of_a_folder_is_an_io_error(tmp_path: Path) -> None:
    target = next(t for t in TARGETS if TARGETS[t][1] is not None)
    shutil.copy(CLEAN, tmp_path / "plan.wol")
    (tmp_path / "blocker").write_bytes(b"a file, not a folder")
    before = snapshot(tmp_path)
    result = run("compile", "plan.wol", "--to", target, "-o", "blocker/out",
                    cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert snapshot(tmp_path) == before


def test_write_atomic_never_truncates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.json"
    path.write_bytes(b"old")
    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, *args: object) -> None:
            self.inner = real_fdopen(*args)  # type: ignore[call-overload]

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *args: object) -> None:
            self.inner.close()

        def write(self, data: bytes) -> None:
            self.inner.write(data[: len(data) // 2])
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "fdopen", Failing)
    with pytest.raises(OSError):
        files.write_atomic(path, b"new contents, longer than the old")
    assert snapshot(tmp_path) == {"out.json": b"old"}


def test_write_atomic_replaces_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_bytes(b"old")
    path.chmod(0o600)
    files.write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


# --- fmt -------------------------------------------------------------------------------


def test_fmt_on_a_syntax_error_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.wol"
    path.write_text(PARSE_ERROR)
    before = snapshot(tmp_path)
    result = run("fmt", str(path))
    no_traceback(result)
    assert result.returncode == 1
    assert snapshot(tmp_path) == before


def test_fmt_write_error_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.wol"
    path.write_text(CLEAN.read_text().replace("  ", "    "))  # needs reformatting
    before = snapshot(tmp_path)

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    assert cli.main(["fmt", str(path)]) == cli.EXIT_USAGE
    assert snapshot(tmp_path) == before


def test_fmt_writes_in_place_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "plan.wol"
    path.write_text(CLEAN.read_text().replace("  ", "    "))
    result = run("fmt", str(path))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["plan.wol"]
    assert run("fmt", "--check", str(path)).returncode == 0


# --- output names ------------------------------------------------------------------------

ESCAPING_NAMES = ["../../escaped", "/etc/passwd", "..", ".", "a/../../b", "..\\..\\win",
                  "con", "nul.fit", "~root", "\u202e evil", "x" * 300, "-rf", "", " "]


@pytest.mark.parametrize("target", [t for t in TARGETS if TARGETS[t][1] is None])
def test_session_names_cannot_escape_the_output_folder(target: str, tmp_path: Path) -> None:
    plans = []
    for first in range(0, len(ESCAPING_NAMES), 2):
        sessions = "".join(
            f'  session "{name}" on {day}:\n'
            "    romanian_deadlift 3x8\n    plank 3x45s\n    step_up 3x8 each_leg\n"
            "    single_leg_hold 3x30s each_leg\n"
            for name, day in zip(ESCAPING_NAMES[first:first + 2], ("mon", "thu"), strict=True))
        plans.append(f'plan "{ESCAPING_NAMES[-1 - first // 2]}":\n{sessions}')
    work = tmp_path / "work"
    out = work / "out"
    work.mkdir()
    (work / "plan.wol").write_text("".join(plans))
    result = run("compile", "plan.wol", "--to", target, "-o", "out", cwd=work)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {p.parent for p in written} == {work, out}
    assert len(list(out.iterdir())) == len(ESCAPING_NAMES)


@pytest.mark.parametrize("name", ESCAPING_NAMES)
def test_safe_child_stays_inside(name: str, tmp_path: Path) -> None:
    try:
        child = files.safe_child(tmp_path, name)
    except WorkoutlangError:
        return
    assert child.resolve().parent == tmp_path.resolve()
