"""The README's training-log walk-through works as written: import the watch's
recording into a copy of the example log, review it, and put what comes next on the
watch. Its shell block is read from README.md and run line by line in a scratch
folder (`workoutlang`, as the README runs it from the activated venv, is this
interpreter's workoutlang)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import workoutlang as wol

ROOT = Path(__file__).parents[1]


def walk_through() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Track it the way you track runs", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [shlex.split(line) for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_walk_through(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    commands = walk_through()
    assert [c[:2] for c in commands] == [
        ["cp", "-r"], ["workoutlang", "log"], ["workoutlang", "review"],
        ["workoutlang", "next"]]
    for command in commands:
        if command[0] == "cp":
            shutil.copytree(tmp_path / command[2], tmp_path / command[3])
            continue
        done = subprocess.run([sys.executable, "-m", "workoutlang", *command[1:]],
                              cwd=tmp_path, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    log = wol.parse_log((tmp_path / "my-log" / "log.wol").read_text(encoding="utf-8"))
    last = log.logs[0].entries[-1]
    assert (last.date, last.session) == ("2027-04-13", "Lower body + core")
    # the watch followed next's workout: its steps name the exercises and sides, and the
    # superset's rounds come back as a line an exercise
    assert [(line.name, line.side.value if line.side else None,
             [s.reps or s.seconds for s in line.sets]) for line in last.lines] == [
        ("romanian_deadlift", None, [8, 8, 8]), ("goblet_squat", None, [10, 10, 10]),
        ("bulgarian_split_squat", "left", [8, 8, 7]),
        ("bulgarian_split_squat", "right", [8, 8, 8]), ("plank", None, [75, 75, 75]),
        ("dead_bug", "each_side", [10, 10, 10])]
    assert sorted(p.name for p in (tmp_path / "my-log" / "watch").iterdir()) == [
        "01-upper-body-mobility.fit"]
    # the example itself is left as it was
    assert (ROOT / "examples" / "training_log" / "log.wol").read_bytes() == (
        tmp_path / "examples" / "training_log" / "log.wol").read_bytes()
