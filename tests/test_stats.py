"""`check --stats` (workoutlang/stats.py): the numbers the coaching checks judged,
through the command line, and the example in docs/cli.md kept true."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import workoutlang as wol
from workoutlang import cli
from workoutlang.checks.dose import session_seconds
from workoutlang.checks.weeks import week_volumes
from workoutlang.compiler import build_program
from workoutlang.stats import FIGURES, file_stats, render_text, to_dict

CLI_DOC = Path(__file__).parent.parent / "docs" / "cli.md"
EXAMPLE = re.compile(r"<!-- stats example: (plan|output) -->\n```(?:wol)?\n(.*?)```", re.S)

PLAN = """\
exercise squat:
  tags posterior_chain

plan "Base" weeks 3:
  session "Lower" on mon, thu:
    squat 3x8
    superset 3 rounds:
      step_up 8 each_leg
      plank 30s
  session "Extra":
    romanian_deadlift 2x10
  week 2:
    session "Light" on mon:
      squat 2x5
"""


def stats_of(text: str) -> dict[str, object]:
    tree = wol.parse(text, "plan.wol")
    return to_dict(file_stats(tree, build_program(tree).plans))


def test_the_figures_are_what_the_checks_count() -> None:
    found = stats_of(PLAN)
    assert found["retagged"] == {"squat": ["posterior_chain"]}
    weeks = found["plans"][0]["weeks"]  # type: ignore[index]
    one, two, three = weeks
    assert (one["first"], one["last"], two["first"], three["last"]) == (1, 1, 2, 3)
    # on mon, thu counts twice, a session without days once (WOL106)
    assert one["sessions"] == {"checks": ["WOL106"], "sessions": 3}
    # squat 24 twice + step_up 24 twice (posterior chain and quad-dominant, docs/volume.md)
    # + romanian_deadlift 20 once; squat's 48 came from the retag
    assert one["posterior_chain"] == {"checks": ["WOL102", "WOL105"], "sets": 14, "reps": 116,
                                      "retagged": {"sets": 6, "reps": 48}}
    # a superset's rounds multiply its sets; the timed plank counts a rep per 4 s
    assert one["core"] == {"checks": ["WOL101"], "sets": 6, "reps": 45}
    assert one["single_leg"]["sets"] == 6 and one["single_leg"]["reps"] == 48
    assert two["sessions"]["sessions"] == 1 and "retagged" in two["posterior_chain"]
    # WOL105 counts the retagged squat half to each side (docs/volume.md): of its 48
    # reps, the 24 the posterior chain gets are what the retag gave it
    assert one["quad/posterior"] == {"checks": ["WOL105"], "quad_dominant": 48,
                                     "posterior_chain": 68,
                                     "retagged": {"quad_dominant": 0, "posterior_chain": 24}}


def test_quad_posterior_is_week_volumes() -> None:
    tree = wol.parse(PLAN, "plan.wol")
    program = build_program(tree)
    found = file_stats(tree, program.plans)
    for plan, stats in zip(program.plans, found.plans, strict=True):
        for run in stats.runs:
            week = plan.weeks[run.first - 1]
            figure = next(f for f in run.figures if f.key == "quad/posterior")
            assert tuple(value for _, value in figure.values) == week_volumes(week)


def test_every_figure_has_its_own_key() -> None:
    tree = wol.parse(PLAN, "plan.wol")
    plan = build_program(tree).plans[0]
    keys = [figure(plan, plan.weeks[0], {}).key for figure in FIGURES]
    assert len(keys) == len(set(keys)) and keys[0] == "sessions"


def test_a_retagged_figure_is_marked() -> None:
    tree = wol.parse(PLAN, "plan.wol")
    text = render_text(file_stats(tree, build_program(tree).plans))
    assert "68*" in text and "retagged in this file" in text and "squat +posterior_chain" in text
    plain = PLAN.replace("  tags posterior_chain\n", "  tags lower\n")
    tree = wol.parse(plain, "plan.wol")
    assert "*" not in render_text(file_stats(tree, build_program(tree).plans))


def test_check_stats_json(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plan.wol").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "--stats", "--format", "json", "plan.wol"]) == 1  # WOL101
    printed = json.loads(capsys.readouterr().out)
    assert {"WOL113", "WOL101"} <= {d["code"] for d in printed["diagnostics"]}
    assert printed["stats"][0]["file"] == "plan.wol"
    assert printed["stats"][0]["plans"][0]["plan"] == "Base"


def test_check_without_stats_prints_none(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plan.wol").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cli.main(["check", "plan.wol"])
    assert "quad/posterior" not in capsys.readouterr().out


def test_the_docs_example_is_true(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    doc = CLI_DOC.read_text(encoding="utf-8")
    blocks = dict(EXAMPLE.findall(doc))
    (tmp_path / "plan.wol").write_text(blocks["plan"], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    cli.main(["check", "--stats", "plan.wol"])
    printed = capsys.readouterr().out
    if os.environ.get("WOL_REGEN") and not os.environ.get("CI"):
        doc = doc.replace("<!-- stats example: output -->\n```\n" + blocks["output"] + "```",
                          "<!-- stats example: output -->\n```\n" + printed + "```")
        CLI_DOC.write_text(doc, encoding="utf-8")
        blocks["output"] = printed
    assert blocks["output"] == printed, \
        "docs/cli.md's check --stats example is out of date (WOL_REGEN=1, review the diff)"


def test_the_dose_figures_are_what_wol110_and_wol111_count() -> None:
    text = """plan "Jumps" weeks 1:
  session "A" on mon:
    box_jump 5x10 rest 60s
    pogo_jump 2x10
  session "B" on thu:
    plank 3x30s
"""
    week = stats_of(text)["plans"][0]["weeks"][0]  # type: ignore[index]
    assert week["contacts"] == {"checks": ["WOL110"], "most_in_a_session": 70}
    tree = wol.parse(text, "plan.wol")
    sessions = build_program(tree).plans[0].weeks[0].sessions
    longest = max(session_seconds(session) for session in sessions)
    assert week["minutes"] == {"checks": ["WOL111"], "longest_session": round(longest / 60)}
    assert week["minutes"]["longest_session"] > 0


DANGEROUS = """plan "Base" weeks 20:
  session "Legs" on mon:
    romanian_deadlift 3x5 @ 60kg progress +10kg/week
    single_leg_squat 3x5 each_leg @ 20kg progress +10kg/week
    step_up 3x8 each_leg progress +1rep/week
    plank 3x45s
"""


def test_the_plan_figures_are_what_wol108_and_wol109_judge() -> None:
    plan = stats_of(DANGEROUS)["plans"][0]  # type: ignore[index]
    # the steepest load rise is the single-leg squat's (+950 %), not the RDL's (+317 %)
    assert plan["steepest_rise"] == {"checks": ["WOL108"], "figures": {
        "load": {"exercise": "single_leg_squat", "from": "20kg", "to": "210kg", "week": 20,
                 "rise_percent": 950},
        "reps": {"exercise": "step_up", "from": "8", "to": "27", "week": 20,
                 "rise_percent": 238}}}
    assert plan["weeks_without_deload"] == {"checks": ["WOL109"], "figures": {
        "first": 1, "last": 20, "weeks": 20,
        "climb": {"exercise": "single_leg_squat", "from": "20kg", "to": "210kg"}}}


def test_a_deload_breaks_the_run_and_a_still_plan_has_no_rise() -> None:
    plan = stats_of(DANGEROUS.replace("weeks 20:", "weeks 20 deload every 5 weeks:")
                    )["plans"][0]  # type: ignore[index]
    # weeks 1-4, then a deload: the single-leg squat's 20 → 50 kg is the steepest climb
    assert plan["weeks_without_deload"]["figures"] == {
        "first": 1, "last": 4, "weeks": 4,
        "climb": {"exercise": "single_leg_squat", "from": "20kg", "to": "50kg"}}
    still = stats_of('plan "P" weeks 4:\n  session "A" on mon:\n    squat 3x5 @ 60kg\n'
                     )["plans"][0]  # type: ignore[index]
    assert still["steepest_rise"]["figures"] is None
    assert still["weeks_without_deload"]["figures"] is None


def test_the_working_sets_are_what_wol112_counts() -> None:
    text = """plan "P" weeks 2:
  session "A" on mon, thu:
    warmup:
      glute_bridge 2x10
    squat 3x5
    superset 3 rounds:
      step_up 8 each_leg
      plank 30s
  week 2:
    session "A" on mon:
      squat 3x5
"""
    one, two = stats_of(text)["plans"][0]["weeks"]  # type: ignore[index]
    # warm-up sets are not working sets; a superset's 3 rounds, twice a week
    assert one["working_sets"] == {"checks": ["WOL112"], "core": 6, "posterior_chain": 6,
                                   "single_leg": 6}
    assert two["working_sets"] == {"checks": ["WOL112"], "core": 0, "posterior_chain": 0,
                                   "single_leg": 0}
    tree = wol.parse(text, "plan.wol")
    printed = render_text(file_stats(tree, build_program(tree).plans))
    assert "6/6/6" in printed and "working_sets" in printed


def test_a_moving_line_that_does_not_rise_has_no_rise() -> None:
    # a percentage of a max moves with the max; with the max still, nothing rises
    text = ('plan "P" weeks 4:\n  max romanian_deadlift 100kg\n  session "A" on mon:\n'
            "    romanian_deadlift 3x5 @ 80%1rm\n")
    plan = stats_of(text)["plans"][0]  # type: ignore[index]
    assert plan["steepest_rise"]["figures"] is None
