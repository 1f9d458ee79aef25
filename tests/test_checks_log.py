"""The log checks (WOL201-WOL204) with a plan from another file: `workoutlang check LOG
--plan PLAN` and `CheckConfig(plans_for_logs=…)`; and the decisions their pages state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import workoutlang as wol
from workoutlang import cli

PLAN = """\
plan "Base" weeks 2 start 2027-03-01:
  session "Lower" on tue:
    romanian_deadlift 3x8
    sled_push 3x20m
    plank 3x45s
    step_up 3x8 each_leg
  session "Upper body" on fri:
    single_leg_hold 3x30s each_leg
    push_up 3x10
exercise sled_push:
  tags quad_dominant lower
  measure distance
"""

LOG = """\
log "Base":
  2027-03-02 "Lower":
    romanian_deadlift 8, 8, 8
    sled_push 20m, 20m, 20m
    side_plank 30s, 30s each_side
  2027-03-05 "Upper":
    push_up 10, 10, 10
  2027-03-02 "Lower":
    plank 45s
  2027-03-20 "Lower":
    plank 45s
"""


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plan.wol").write_text(PLAN, encoding="utf-8")
    (tmp_path / "log.wol").write_text(LOG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_check_a_log_against_a_plan_file(files: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run("check", "log.wol", "--plan", "plan.wol", "--format", "json",
                         capsys=capsys)
    found = [(d["code"], d["file"], d["line"], d["column"]) for d in json.loads(out)]
    # spans in the log; sled_push is known: the plan file defines it
    assert found == [("WOL202", "log.wol", 5, 5), ("WOL201", "log.wol", 6, 14),
                     ("WOL204", "log.wol", 8, 3), ("WOL203", "log.wol", 10, 3)]
    assert status == 0  # warnings only


def test_the_text_output_names_the_log(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run("check", "log.wol", "--plan", "plan.wol", "--strict", capsys=capsys)
    assert status == 1  # --strict: warnings fail
    assert ('log.wol:6:14: warning[WOL201]: no session "Upper" is planned in week 1 '
            '(2027-03-01 – 2027-03-07): the sessions that week are "Lower", "Upper body"'
            in out)
    assert '  = help: did you mean "Upper body"?' in out


def test_without_the_plan_a_log_is_checked_alone(files: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run("check", "log.wol", "--format", "json", capsys=capsys)
    assert [(d["code"], d["line"]) for d in json.loads(out)] == [("WOL002", 4)]
    assert status == 1


@pytest.mark.parametrize(("plan", "expected"), [
    ("missing.wol", "workoutlang: error: --plan: missing.wol: "),
    ("broken.wol", "workoutlang: error: broken.wol:1:1: the plan given with --plan does "
                   "not parse: "),
])
def test_a_plan_that_cannot_be_used_is_a_usage_error(
        files: Path, capsys: pytest.CaptureFixture[str], plan: str, expected: str) -> None:
    (files / "broken.wol").write_text('plan "x":\n', encoding="utf-8")
    status, out, err = run("check", "log.wol", "--plan", plan, capsys=capsys)
    assert status == 2 and out == ""
    assert err.startswith(expected), err
    assert "Traceback" not in err


def test_plan_is_an_option_of_check_only(files: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["compile", "plan.wol", "--to", "json", "--plan", "plan.wol"])
    assert stopped.value.code == 2 and "--plan" in capsys.readouterr().err


def test_the_api_takes_plans_from_other_files() -> None:
    plan, log = wol.parse(PLAN, "plan.wol"), wol.parse(LOG, "log.wol")
    alone = {d.code for d in wol.check(log)}
    assert alone == {"WOL002"}
    config = wol.CheckConfig(plans_for_logs=(plan,))
    assert [d.code for d in wol.check(log, config)] == ["WOL202", "WOL201", "WOL204", "WOL203"]
    # a `# wol: disable=` comment of the log's file still applies
    quiet = wol.parse("# wol: disable=WOL202,WOL204\n" + LOG, "log.wol")
    assert [d.code for d in wol.check(quiet, config)] == ["WOL201", "WOL203"]


def test_a_misnamed_log_follows_the_only_plan_and_its_fix_names_it() -> None:
    source = PLAN + LOG.replace('log "Base"', 'log "Bas"')
    tree = wol.parse(source, "both.wol")
    header = [d for d in wol.check(tree) if d.code == "WOL201" and d.span.line == 13]
    (diagnostic,) = header
    assert diagnostic.message == ('no plan is named "Bas": this log is checked against the '
                                  'only plan at hand, "Base"')
    (fix,) = diagnostic.fixes
    line = source.splitlines()[fix.span.line - 1]
    fixed = line[:fix.span.column - 1] + fix.replacement + line[fix.span.end_column - 1:]
    assert fixed == 'log "Base":'
    # the entries are still matched against it
    assert {"WOL202", "WOL203", "WOL204"} <= {d.code for d in wol.check(tree)}


def test_a_session_on_two_days_takes_two_entries_a_week() -> None:
    source = PLAN.replace('"Lower" on tue', '"Lower" on tue, thu') + (
        'log "Base":\n'
        '  2027-03-02 "Lower":\n    plank 45s\n'
        '  2027-03-04 "Lower":\n    plank 45s\n'
        '  2027-03-06 "Lower":\n    plank 45s\n')
    found = [(d.code, d.span.line) for d in wol.check(wol.parse(source))
             if d.code.startswith("WOL2")]
    assert found == [("WOL201", 18)]


def test_a_rung_moved_up_early_is_not_an_unplanned_exercise() -> None:
    source = ('# wol: disable=WOL101,WOL102,WOL104,WOL105,WOL106,WOL107\n'
              'plan "L" weeks 8 start 2027-03-01:\n  session "A" on mon:\n'
              '    ladder 3x5-8 each_leg graduate 3x8:\n      split_squat\n'
              '      bulgarian_split_squat\n      pistol_squat\n'
              'log "L":\n  2027-03-01 "A":\n    pistol_squat 5, 5, 5 each_leg\n'
              '    step_up 8, 8, 8 each_leg\n')
    found = [(d.code, d.span.line) for d in wol.check(wol.parse(source))]
    assert found == [("WOL202", 11)]


def test_week_checks_judge_the_rung_of_each_week() -> None:
    """A ladder counts as the rung the expansion puts in the week: from goblet_squat to
    split_squat, single-leg work comes with the second rung (3x5-6: two doings a rung)."""
    source = ('plan "L" weeks 4:\n  session "A" on mon:\n    romanian_deadlift 3x8\n'
              '    plank 3x45s\n    hip_mobility 2x10\n'
              '    ladder 3x5-6 graduate 3x6:\n      goblet_squat\n'
              '      split_squat each_leg\n'
              '  session "B" on thu:\n    push_up 3x10\n')
    found = [d.message for d in wol.check(wol.parse(source)) if d.code == "WOL104"]
    assert found == ["weeks 1-2 have no single-leg work: add step_up, lunge, single_leg_squat "
                     "or bulgarian_split_squat"]


def test_a_failed_set_is_no_bad_value() -> None:
    source = PLAN + LOG.replace("8, 8, 8", "8, 8, 0").replace("side_plank 30s, 30s",
                                                              "side_plank 30s, 0s")
    assert "WOL003" not in {d.code for d in wol.check(wol.parse(source))}
