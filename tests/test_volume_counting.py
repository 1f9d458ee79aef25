"""How WOL105 counts volume (checks/weeks.py): timed work, `max` sets, exercises that
count toward two groups; and how a plan with an unknown exercise is left unjudged
with its error printed first."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import workoutlang as wol
from workoutlang import checks
from workoutlang.catalogue import load_catalogue
from workoutlang.checks import weeks as week_checks
from workoutlang.limits import MAX_SET_REPS, SECONDS_PER_REP

CASES = Path(__file__).parent / "data" / "checks"
SCRIPT = shutil.which("workoutlang", path=str(Path(sys.executable).parent)) or "workoutlang"


def volumes(*lines: str, days: str = "mon") -> tuple[float, float]:
    """(quad-dominant, posterior-chain) volume of week 1 of a one-session plan."""
    body = "\n".join(f"    {line}" for line in lines)
    tree = wol.parse(f'plan "P" weeks 1:\n  session "A" on {days}:\n{body}\n')
    return week_checks.week_volumes(checks.build_context(tree).plans[0].weeks[0])


def test_the_figures() -> None:
    assert SECONDS_PER_REP == 4  # docs/volume.md gives the sources
    assert MAX_SET_REPS == 10


@pytest.mark.parametrize(("line", "quad"), [
    ("squat 3x8", 24),
    ("squat 3x8-12", 24),                 # the bottom of a range
    ("wall_sit 6x2min", 6 * 120 / 4),     # a rep per 4 s under tension: 180
    ("wall_sit 3x45s", 3 * 45 / 4),
    ("squat 5xmax", 5 * 10),              # no minimum: the estimate
    ("squat 1x5+", 5),                    # its stated minimum
    ("squat 3x5, 1x5+", 20),              # set groups add up
    ("bulgarian_split_squat 3x8 left", 12),  # one leg of the pair: half
])
def test_quad_dominant_counting(line: str, quad: float) -> None:
    assert volumes(line) == (quad, 0.0)


def test_a_superset_multiplies_by_rounds_and_days_add_up() -> None:
    assert volumes("superset 3 rounds:", "  wall_sit 40s", "  glute_bridge 10",
                   days="mon, thu") == (2 * 3 * 10, 2 * 3 * 10)


def test_distance_counts_nothing() -> None:
    assert volumes("farmer_carry 3x40m @ 24kg") == (0.0, 0.0)


def test_an_exercise_of_both_groups_counts_half_to_each() -> None:
    tags = load_catalogue().exercises["step_up"].tags
    assert {"quad_dominant", "posterior_chain"} <= tags
    assert volumes("step_up 3x8 each_leg") == (12.0, 12.0)
    assert week_checks.volume_shares(frozenset({"quad_dominant"})) == (1.0, 0.0)
    assert week_checks.volume_shares(frozenset({"posterior_chain", "glutes"})) == (0.0, 1.0)
    assert week_checks.volume_shares(frozenset({"core"})) == (0.0, 0.0)


def test_the_issue_plan_reports_what_it_counts() -> None:
    tree = wol.parse((CASES / "WOL105_timed_and_max_work.wol").read_text(encoding="utf-8"))
    (diagnostic,) = wol.check(tree)
    # per session 180 (wall sits) + 50 (max squats) against 15, on two days
    assert diagnostic.message.startswith(
        "weeks 1-4: quad-dominant volume (460 reps per leg) exceeds posterior-chain "
        "volume (30)")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "NO_COLOR": "1"})


def test_a_misspelled_exercise_gets_only_its_error(tmp_path: Path) -> None:
    path = tmp_path / "typo.wol"
    path.write_text('plan "Base" weeks 4:\n'
                    '  session "Lower" on mon:\n'
                    '    romanian_deadlfit 3x8\n'
                    '    squat 3x8\n'
                    '    plank 3x45s\n'
                    '    step_up 3x8 each_leg\n'
                    '  session "Upper" on thu:\n'
                    '    push_up 3x10\n'
                    '    ankle_mobility 2x10 each_leg\n', encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:3:5: error[WOL002]: unknown exercise 'romanian_deadlfit'",
        "   3 |     romanian_deadlfit 3x8",
        "           ^^^^^^^^^^^^^^^^^",
        "  = help: did you mean romanian_deadlift?",
        f'  = note: {path}:1:1: plan "Base": its coverage, volume and frequency checks '
        "are skipped until this name is fixed",
    ]
    fixed = path.read_text(encoding="utf-8").replace("deadlfit", "deadlift")
    path.write_text(fixed, encoding="utf-8")
    assert run("check", str(path)).returncode == 0


def test_errors_print_before_warnings(tmp_path: Path) -> None:
    path = tmp_path / "mixed.wol"
    path.write_text('plan "Quads" weeks 1:\n'       # WOL105 at the header, line 1
                    '  session "A" on mon:\n'
                    '    squat 4x10 each_leg\n'      # WOL007, line 3
                    '    romanian_deadlift 3x8\n'
                    '    plank 3x45s\n'
                    '    bulgarian_split_squat 3x8\n'  # WOL006 (error), line 6
                    '  session "B" on thu:\n'
                    '    single_leg_hold 3x30s each_leg\n', encoding="utf-8")
    text = run("check", str(path)).stdout
    heads = [line.split(": ", 2)[1] for line in text.splitlines()
             if line.startswith(str(path))]
    assert heads == ["error[WOL006]", "warning[WOL105]", "warning[WOL007]"]
    found = json.loads(run("check", "--format", "json", str(path)).stdout)
    assert [(d["code"], d["line"]) for d in found] == [("WOL006", 6), ("WOL105", 1),
                                                      ("WOL007", 3)]
