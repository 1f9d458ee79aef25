"""The command line, run as the installed console script in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKS = Path(__file__).parent / "data" / "checks"
SCRIPT = shutil.which("workoutlang", path=str(Path(sys.executable).parent)) or "workoutlang"


def run(*args: str, stdin: str | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([SCRIPT, *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=60)


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


def test_check_clean_file_exits_0() -> None:
    result = run("check", str(CHECKS / "clean.wol"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_check_errors_exit_1_with_compiler_style_lines() -> None:
    path = CHECKS / "WOL006_missing_side.wol"
    result = run("check", str(path))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:5:5: error[WOL006]: step_up is single-leg: add each_leg")
    assert "   5 |     step_up 3x8 tempo 3-1-1" in result.stdout
    assert "^^^^" in result.stdout


def test_warnings_pass_unless_strict() -> None:
    path = str(CHECKS / "WOL106_session_frequency.wol")
    assert run("check", path).returncode == 0
    assert run("check", "--strict", path).returncode == 1
    assert run("check", "--strict", "--disable", "session-frequency", path).returncode == 0


def test_json_format() -> None:
    result = run("check", "--format", "json", str(CHECKS / "WOL002_unknown_exercise.wol"))
    data = json.loads(result.stdout)
    assert [d["code"] for d in data] == ["WOL002", "WOL002"]
    assert data[0]["line"] == 5 and data[0]["hint"] == "did you mean step_up?"


def test_stdin() -> None:
    text = (CHECKS / "WOL006_missing_side.wol").read_text()
    result = run("check", "-", stdin=text)
    assert result.returncode == 1
    assert result.stdout.startswith("<stdin>:5:5: error[WOL006]")


def test_syntax_errors_are_all_reported() -> None:
    result = run("check", "-", stdin='plan "x" weeks 2\n  session "a" on mon:\n'
                 "    step_up 3x8 tmpo 3-1-1 each_leg\n    plank\n")
    assert result.returncode == 1
    assert "<stdin>:1:17: error[WOL001]: missing \":\"" in result.stdout
    assert "did you mean tempo?" in result.stdout
    assert "<stdin>:4:10: error[WOL001]: this line stops too early" in result.stdout
    assert_no_traceback(result)


@pytest.mark.parametrize("args", [
    ("check", "/no/such/file.wol"),
    ("check", "/"),
    ("compile", "/no/such.wol", "--to", "jsn"),
    ("check", "--disable", "WOL999", "x.wol"),
    ("frobnicate",),
    (),
])
def test_usage_and_io_errors_exit_2_without_traceback(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result)
    assert "error" in result.stderr


def test_unknown_target_suggests(tmp_path: Path) -> None:
    result = run("compile", str(CHECKS / "clean.wol"), "--to", "jsn")
    assert "did you mean json?" in result.stderr


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.wol"
    path.write_bytes('plan "Ær" weeks 1:\n'.encode("latin-1"))
    result = run("check", str(path))
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr
    assert_no_traceback(result)


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("workoutlang ")
    assert "compile" in run("--help").stdout


def test_exercises_by_tag() -> None:
    result = run("exercises", "--tag", "core")
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert "plank" in names and "squat" not in names
    assert run("exercises", "--tag", "nonsense").returncode == 2


def test_exercises_has_column_headers_and_lined_up_columns() -> None:
    lines = run("exercises", "--tag", "core").stdout.splitlines()
    assert lines[0].split() == ["exercise", "measure", "sides", "tags", "aliases"]
    plank = next(line for line in lines if line.startswith("plank "))
    for heading in ("measure", "sides", "tags"):  # each value starts under its heading
        assert plank[lines[0].index(heading) - 1] == " " != plank[lines[0].index(heading)]
    assert all(line == line.rstrip() for line in lines)


@pytest.mark.parametrize(("search", "found"), [
    ("Step-Up", ["lateral_step_up", "step_up"]),  # case, - and _ aside
    ("rdl", ["romanian_deadlift", "single_leg_rdl"]),  # by an alias; not forwa-rd_l-unge
    ("glute bridge", ["glute_bridge", "single_leg_glute_bridge"]),
])
def test_exercises_searches_names_titles_and_aliases(search: str, found: list[str]) -> None:
    result = run("exercises", search)
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[1:]] == found
    as_json = json.loads(run("exercises", search, "--format", "json").stdout)
    assert [row["name"] for row in as_json] == found


def test_exercises_search_with_no_match_says_so_and_suggests() -> None:
    result = run("exercises", "squatt")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == "workoutlang: no exercise matches 'squatt'; did you mean squat?\n"
    with_tag = run("exercises", "bridge", "--tag", "core")
    assert with_tag.returncode == 1
    assert with_tag.stderr == "workoutlang: no exercise with tag core matches 'bridge'\n"


def test_exercises_json_gives_the_watch_mappings() -> None:
    rows = {row["name"]: row for row in json.loads(run("exercises", "--format", "json").stdout)}
    assert rows["plank"]["fit"] == "plank/plank" and rows["plank"]["fit_approx"] is None
    assert rows["plank"]["connect"] == "PLANK/PLANK"
    assert rows["nordic_curl"]["fit_approx"].startswith("FIT has no Nordic curl")
    assert rows["bird_dog"]["connect"] == "WARM_UP/OPPOSITE_ARM_AND_LEG_BALANCE"


def test_exercises_give_every_measure_an_exercise_accepts() -> None:
    # dead bug is written in reps or for time (catalogue `also_measure`, WOL005)
    rows = {row["name"]: row for row in json.loads(run("exercises", "--format", "json").stdout)}
    assert (rows["dead_bug"]["measure"], rows["dead_bug"]["measures"]) == ("reps", ["reps", "time"])
    assert rows["squat"]["measures"] == ["reps"]
    lines = run("exercises", "dead bug").stdout.splitlines()
    assert lines[1].split()[:2] == ["dead_bug", "reps/time"]


def test_pyproject_config_is_read(tmp_path: Path) -> None:
    shutil.copy(CHECKS / "WOL106_session_frequency.wol", tmp_path / "plan.wol")
    (tmp_path / "pyproject.toml").write_text('[tool.workoutlang]\nstrict = true\n')
    assert run("check", "plan.wol", cwd=tmp_path).returncode == 1
    (tmp_path / "pyproject.toml").write_text(
        '[tool.workoutlang]\nstrict = true\ndisable = ["WOL106"]\n')
    assert run("check", "plan.wol", cwd=tmp_path).returncode == 0
    (tmp_path / "pyproject.toml").write_text('[tool.workoutlang.severity]\nWOL106 = "error"\n')
    assert run("check", "plan.wol", cwd=tmp_path).returncode == 1


def test_compile_json_next_to_input(tmp_path: Path) -> None:
    shutil.copy(CHECKS / "clean.wol", tmp_path / "plan.wol")
    result = run("compile", "plan.wol", "--to", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "plan.json").read_text())
    assert data["schema"] == "workoutlang/plan@1"


def test_failed_compile_leaves_existing_output_untouched(tmp_path: Path) -> None:
    shutil.copy(CHECKS / "WOL006_missing_side.wol", tmp_path / "plan.wol")
    (tmp_path / "plan.json").write_text("precious")
    result = run("compile", "plan.wol", "--to", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "plan.json").read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json", "plan.wol"]
