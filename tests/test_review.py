"""`workoutlang review` and `wol.review`: a training log against its plan.

The numbers of tests/data/review (plan.wol and log.wol) are worked out by hand in
each test; every document is validated against workoutlang/data/review.schema.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import workoutlang as wol
from workoutlang import review_html, review_text

DATA = Path(__file__).parent / "data" / "review"
SCHEMA = json.loads((Path(wol.__file__).parent / "data" / "review.schema.json").read_text())
SCRIPT = shutil.which("workoutlang", path=str(Path(sys.executable).parent)) or "workoutlang"
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def valid(document: dict[str, Any]) -> dict[str, Any]:
    VALIDATOR.validate(document)
    return document


def parsed(name: str) -> wol.PlanFile:
    return wol.parse((DATA / name).read_text(), name)


def fixture_review() -> dict[str, Any]:
    return valid(wol.review(parsed("plan.wol"), parsed("log.wol")))


def from_text(plan: str, log: str) -> dict[str, Any]:
    return valid(wol.review(wol.parse(plan, "plan.wol"), wol.parse(log, "log.wol")))


def run(*args: str, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([SCRIPT, "review", *args], capture_output=True, text=True,
                            cwd=cwd, env={**os.environ, "NO_COLOR": "1", **(env or {})},
                            timeout=60)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["schema"]["const"] == "workoutlang/review@1"


# --- the numbers, by hand ---------------------------------------------------------------


def test_only_the_past_counts_and_the_current_week_is_partial() -> None:
    doc = fixture_review()
    assert doc["plan"] == doc["log"] == "Review test"
    assert doc["as_of"] == "2027-03-15"  # the last placed entry; 03-16 matches nothing
    # week 3's Thursday session (03-18) is to come: week 3 plans one session so far
    assert [(w["week"], w["monday"], w["partial"]) for w in doc["weeks"]] == [
        (1, "2027-03-01", False), (2, "2027-03-08", False), (3, "2027-03-15", True)]


def test_sessions_planned_done_skipped() -> None:
    doc = fixture_review()
    assert [w["sessions"] for w in doc["weeks"]] == [
        {"planned": 2, "done": 2, "skipped": 0, "not_logged": 0},
        {"planned": 2, "done": 1, "skipped": 1, "not_logged": 0},  # Mobility skipped
        {"planned": 1, "done": 1, "skipped": 0, "not_logged": 0},
    ]
    assert doc["totals"]["sessions"] == {"planned": 5, "done": 4, "skipped": 1, "not_logged": 0}
    assert doc["sessions_missed"] == [{"week": 2, "session": "Mobility", "date": "2027-03-11",
                                       "reason": "skipped", "note": "ill"}]


def test_sets_per_tag_group() -> None:
    week1, week2, week3 = (w["sets"] for w in fixture_review()["weeks"])
    # planned, week 1: Lower = rdl 3 (posterior chain), step_up 2 (single leg and posterior
    # chain: docs/catalogue.md), plank 2 and
    # pallof_press 2 (core); Mobility = single_leg_hold 2 (balance, single leg),
    # ankle_mobility 1 (mobility), side_plank 2 (core)
    # done, week 1: pallof_press skipped; single_leg_hold 2 left + 2 right pair up: 2 sets
    assert week1 == {"core": {"planned": 6, "done": 4},
                     "posterior_chain": {"planned": 5, "done": 5},
                     "single_leg": {"planned": 4, "done": 4},
                     "mobility_balance": {"planned": 3, "done": 3}}
    # week 2: Mobility skipped (nothing done of it); step_up done 3 sets, pallof 2
    assert week2 == {"core": {"planned": 6, "done": 4},
                     "posterior_chain": {"planned": 5, "done": 6},
                     "single_leg": {"planned": 4, "done": 3},
                     "mobility_balance": {"planned": 3, "done": 0}}
    # week 3: Lower only; pallof_press left out
    assert week3 == {"core": {"planned": 4, "done": 2},
                     "posterior_chain": {"planned": 5, "done": 5},
                     "single_leg": {"planned": 2, "done": 2},
                     "mobility_balance": {"planned": 0, "done": 0}}


def test_left_right_balance() -> None:
    doc = fixture_review()
    week1 = {b["exercise"]: (b["unit"], b["left"], b["right"]) for b in doc["weeks"][0]["balance"]}
    assert week1 == {"step_up": ("reps", 16, 16),  # 8, 8 each_leg: on both sides
                     "single_leg_hold": ("s", 60, 50),  # 30s, 30s left; 30s, 20s right
                     "ankle_mobility": ("reps", 10, 10),
                     "side_plank": ("s", 60, 60)}
    total = {b["exercise"]: (b["left"], b["right"]) for b in doc["balance"]}
    assert total["step_up"] == (16 + 24 + 16, 16 + 24 + 16)
    assert total["pallof_press"] == (20, 20)
    assert "romanian_deadlift" not in total and "plank" not in total  # two-sided work


def test_loads_top_set_against_planned() -> None:
    loads = {s["exercise"]: s for s in fixture_review()["loads"]}
    assert set(loads) == {"romanian_deadlift", "step_up"}  # plank, pallof: no weight
    rdl = loads["romanian_deadlift"]
    assert rdl["unit"] == "kg"
    # `if done`: week 1 done → 52.5 in week 2; week 2 short (6 reps) → held at 52.5;
    # week 3 logs no load: at the planned 52.5
    assert [(p["date"], p["week"], p["top"], p["reps"], p["planned"]) for p in rdl["points"]] == [
        ("2027-03-01", 1, 50, 8, 50), ("2027-03-08", 2, 52.5, 8, 52.5),
        ("2027-03-15", 3, 52.5, 8, 52.5)]
    assert [(p["top"], p["planned"]) for p in loads["step_up"]["points"]] == [
        (10, 10), (12, 10), (10, 10)]


def test_missed_exercises() -> None:
    missed = {m["exercise"]: m for m in fixture_review()["missed"]}
    assert missed["pallof_press"] | {"display": ""} == {
        "exercise": "pallof_press", "display": "", "planned": 3, "done": 1, "short": 0,
        "missed": 2, "session_not_done": 0}  # skipped in week 1, left out in week 3
    assert (missed["romanian_deadlift"]["done"], missed["romanian_deadlift"]["short"]) == (2, 1)
    # week 1: 20s on the right is short of 30s; week 2: its session was skipped
    assert (missed["single_leg_hold"]["short"], missed["single_leg_hold"]["session_not_done"]) \
        == (1, 1)
    for row in missed.values():
        assert row["planned"] == row["done"] + row["short"] + row["missed"] + \
            row["session_not_done"]


def test_unmatched_entries_are_listed_and_not_counted() -> None:
    doc = fixture_review()
    assert doc["unmatched"] == [{"date": "2027-03-16", "session": "Upper", "line": 23,
                                 "reason": "no_session"}]
    assert "push_up" not in {m["exercise"] for m in doc["missed"]}


PLAN_LB = """\
plan "Pounds" weeks 2 units lb start 2027-03-01:
  session "A" on mon:
    squat 3x5 @ 135lb progress +10lb/week
    split_squat 2x8 each_leg
  session "B" 1 per week:
    plank 2x30s
"""


def test_loads_in_pounds_and_one_sided_lines_without_a_side() -> None:
    log = """\
log "Pounds":
  2027-03-01 "A":
    squat 5 @ 135lb, 5 @ 135lb, 3 @ 61.5kg
    split_squat 8, 8
  2027-03-08 "A":
    squat 5, 5, 5
    split_squat 8 left
    split_squat 6 right
  2027-03-08 "A":
    squat 5
  2027-05-03 "A":
    squat 5
"""
    doc = from_text(PLAN_LB, log)
    squat = next(s for s in doc["loads"] if s["exercise"] == "squat")
    # 61.5 kg is 135.58 lb: the heaviest set; week 2 logs no load: at the planned 145 lb
    assert squat["unit"] == "lb"
    assert [(p["top"], p["reps"], p["planned"]) for p in squat["points"]] == [
        (135.58, 3, 135), (145, 5, 145)]
    # split_squat with no side: as planned, each leg
    assert doc["balance"] == [{"exercise": "split_squat", "display": "Split squat",
                               "unit": "reps", "left": 16 + 8, "right": 16 + 6}]
    # "B" (1 per week, dated on Sunday) is after the last logged day in week 2: to come;
    # week 1's B (Sunday 03-07) is past and was not logged
    assert [w["sessions"] for w in doc["weeks"]] == [
        {"planned": 2, "done": 1, "skipped": 0, "not_logged": 1},
        {"planned": 1, "done": 1, "skipped": 0, "not_logged": 0}]
    assert doc["sessions_missed"] == [{"week": 1, "session": "B", "date": "2027-03-07",
                                       "reason": "not_logged", "note": None}]
    assert [(u["date"], u["reason"]) for u in doc["unmatched"]] == [
        ("2027-03-08", "twice"), ("2027-05-03", "outside_plan")]


def test_an_entry_on_no_real_date_is_not_counted() -> None:
    log = 'log "Pounds":\n  2027-03-01 "A":\n    squat 5\n  2027-02-30 "A":\n    squat 5\n'
    doc = from_text(PLAN_LB, log)
    assert doc["unmatched"] == [{"date": "2027-02-30", "session": "A", "line": 4,
                                 "reason": "not_a_date"}]
    assert doc["totals"]["sessions"]["done"] == 1


def test_a_log_with_nothing_placed_reviews_nothing() -> None:
    doc = from_text(PLAN_LB, 'log "Pounds":\n  2027-03-02 "C":\n    plank 30s\n')
    assert doc["as_of"] is None and doc["weeks"] == [] and doc["loads"] == []
    assert doc["totals"]["sessions"]["planned"] == 0
    assert [u["reason"] for u in doc["unmatched"]] == ["no_session"]


def test_plan_and_log_in_one_file() -> None:
    text = (DATA / "plan.wol").read_text() + "\n" + (DATA / "log.wol").read_text()
    tree = wol.parse(text, "both.wol")
    assert valid(wol.review(tree)) | {"unmatched": []} == \
        fixture_review() | {"unmatched": []}  # the same but the entry's line number


def test_which_log_and_plan() -> None:
    plan = parsed("plan.wol")
    with pytest.raises(wol.WorkoutlangError, match="holds no log"):
        wol.review(plan, plan)
    with pytest.raises(wol.WorkoutlangError, match="holds no log"):
        wol.review(plan)
    two = wol.parse((DATA / "plan.wol").read_text() + PLAN_LB, "two.wol")
    other = wol.parse('log "Elsewhere":\n  2027-03-01 "A":\n    squat 5\n', "log.wol")
    with pytest.raises(wol.WorkoutlangError, match='no plan named "Elsewhere"') as caught:
        wol.review(two, other)
    assert caught.value.span is not None and caught.value.span.line == 1
    # one plan, one log: the names need not agree
    assert valid(wol.review(wol.parse(PLAN_LB, "p.wol"), other))["plan"] == "Pounds"
    # several plans: the one the log names
    pounds = wol.parse('log "Pounds":\n  2027-03-01 "A":\n    squat 5\n', "l.wol")
    assert valid(wol.review(two, pounds))["plan"] == "Pounds"


# --- the command line ------------------------------------------------------------------


def test_text_tables() -> None:
    result = run(str(DATA / "plan.wol"), "--log", str(DATA / "log.wol"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b[" not in out  # not a terminal: no colour
    for title in ("Sessions and sets per week", "Left / right balance", "Romanian deadlift: "
                  "heaviest set (kg)", "Exercises planned so far"):
        assert title in out
    week2 = next(line for line in out.splitlines() if line.startswith("│ 2 (8 Mar)"))
    assert [cell.strip() for cell in week2.split("│")[1:-1]] == [
        "2 (8 Mar)", "1/2 50%", "1 skipped", "4/6 67%", "6/5 120%", "3/4 75%", "0/3 0%"]
    assert "│ Single-leg hold │   60 │    50 │ seconds │" in out
    assert "│ done    │ 50 x8 │ 52.5 x8 │ 52.5 x8 │" in out
    assert 'Not done: week 2 "Mobility" 11 Mar: skipped (ill)' in out
    assert 'Not counted: line 23, 2027-03-16 "Upper": no such session planned that week' in out


def test_text_in_ascii_when_the_output_cannot_draw_boxes() -> None:
    result = run(str(DATA / "plan.wol"), "--log", str(DATA / "log.wol"),
                 env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    result.stdout.encode("ascii")
    assert "| 2 (8 Mar)" in result.stdout and "+----" in result.stdout


def test_json_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    result = run(str(DATA / "plan.wol"), "--log", str(DATA / "log.wol"), "--to", "json")
    assert result.returncode == 0 and "error[" not in result.stderr
    # the log's warnings go to stderr: stdout is the document alone
    assert "log.wol:23:14: warning[WOL201]" in result.stderr
    assert valid(json.loads(result.stdout)) == fixture_review()
    out = tmp_path / "r.json"
    result = run(str(DATA / "plan.wol"), "--log", str(DATA / "log.wol"), "--to", "json",
                 "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert f"wrote {out}" in result.stderr
    assert valid(json.loads(out.read_text())) == fixture_review()


def test_html_goes_beside_the_plan_by_default(tmp_path: Path) -> None:
    shutil.copy(DATA / "plan.wol", tmp_path / "plan.wol")
    shutil.copy(DATA / "log.wol", tmp_path / "log.wol")
    result = run("plan.wol", "--log", "log.wol", "--to", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plan-review.html").read_text().startswith("<!DOCTYPE html>")
    assert result.stdout == ""
    printed = run("plan.wol", "--log", "log.wol", "--to", "html", "-o", "-", cwd=tmp_path)
    assert printed.stdout == (tmp_path / "plan-review.html").read_text()


def test_plan_from_standard_input() -> None:
    result = subprocess.run([SCRIPT, "review", "-", "--log", str(DATA / "log.wol"), "--to",
                             "json"], input=(DATA / "plan.wol").read_text(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert valid(json.loads(result.stdout)) == fixture_review()


def test_log_in_the_plan_file(tmp_path: Path) -> None:
    both = tmp_path / "both.wol"
    both.write_text((DATA / "plan.wol").read_text() + "\n" + (DATA / "log.wol").read_text())
    result = run(str(both), "--to", "json")
    assert result.returncode == 0, result.stderr
    assert valid(json.loads(result.stdout))["totals"]["sessions"]["done"] == 4


def test_errors_exit_codes_and_nothing_written(tmp_path: Path) -> None:
    plan, log = str(DATA / "plan.wol"), str(DATA / "log.wol")
    missing = run(str(tmp_path / "nope.wol"), "--log", log)
    assert missing.returncode == 2 and "nope.wol: no such file" in missing.stderr
    assert "not reviewed" not in missing.stderr
    assert run(plan, "--log", str(tmp_path / "nope.wol")).returncode == 2
    no_log = run(plan)
    assert no_log.returncode == 2
    assert "plan.wol holds no log: give the log file with --log LOG" in no_log.stderr
    assert run(plan, "--log", plan).returncode == 2  # a log file with no log
    bad = tmp_path / "bad.wol"
    bad.write_text((DATA / "log.wol").read_text().replace("8, 8, 8 @ 50kg", "8, 8, 8 @@"))
    out = tmp_path / "out.html"
    broken = run(plan, "--log", str(bad), "--to", "html", "-o", str(out))
    assert broken.returncode == 1
    assert f"{bad}:3:" in broken.stderr and "error[WOL001]" in broken.stderr
    assert "not reviewed: fix the errors above" in broken.stderr
    assert not out.exists()
    bad_plan = tmp_path / "bad_plan.wol"
    bad_plan.write_text((DATA / "plan.wol").read_text().replace("3x8 @ 50kg", "3x8 @@"))
    broken = run(str(bad_plan), "--log", log)
    assert broken.returncode == 1 and f"{bad_plan}:5:" in broken.stderr
    assert "error[WOL001]" in broken.stderr and broken.stdout == ""
    usage = run(plan, "--log", log, "--to", "pdf")
    assert usage.returncode == 2 and "invalid choice" in usage.stderr


def test_an_existing_output_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("old")
    result = run(str(DATA / "plan.wol"), "--log", str(DATA / "log.wol"), "--to", "json",
                 "-o", str(out))
    assert result.returncode == 0
    assert valid(json.loads(out.read_text()))["schema"] == "workoutlang/review@1"
    refused = run(str(DATA / "plan.wol"), "--log", str(DATA / "log.wol"), "--to", "json",
                  "-o", str(DATA / "log.wol"))
    assert refused.returncode == 2 and "which is the input" in refused.stderr


@pytest.mark.parametrize("output", ["cal/", "cal"])
def test_o_naming_a_folder_writes_the_review_into_it(output: str, tmp_path: Path) -> None:
    """Issue 16.9: `-o cal/` wrote a file named cal; a trailing slash, or an existing
    folder, means PLAN-review.EXT inside it (the folder made if need be)."""
    if output == "cal":
        (tmp_path / "cal").mkdir()
    for to in ("html", "json", "text"):
        result = run(str(DATA / "plan.wol"), "--log", str(DATA / "log.wol"), "--to", to,
                     "-o", f"{tmp_path}/{output}")  # Path() would drop the slash
        assert result.returncode == 0, result.stderr
    folder = tmp_path / "cal"
    assert sorted(p.name for p in folder.iterdir()) == [
        "plan-review.html", "plan-review.json", "plan-review.txt"]
    assert valid(json.loads((folder / "plan-review.json").read_text()))


def test_the_docs_example() -> None:
    """docs/outputs/review.md shows this review: its numbers stay true."""
    root = Path(__file__).parent.parent
    plan = wol.parse((root / "examples" / "runner_two_day.wol").read_text(), "plan.wol")
    doc = valid(wol.review(plan, parsed("runner_log.wol")))
    assert doc["totals"]["sessions"] == {"planned": 10, "done": 9, "skipped": 1, "not_logged": 0}
    week3 = doc["weeks"][2]
    assert week3["sets"] == {"core": {"planned": 12, "done": 12},
                             "posterior_chain": {"planned": 16, "done": 10},
                             "single_leg": {"planned": 13, "done": 6},
                             "mobility_balance": {"planned": 15, "done": 5}}
    assert {"exercise": "single_leg_squat", "display": "Single-leg squat", "unit": "reps",
            "left": 15, "right": 18} in week3["balance"]
    rdl = doc["loads"][0]
    assert rdl["points"][-2:] == [
        {"date": "2027-01-25", "week": 4, "top": 47.5, "reps": 8, "planned": 47.5},
        {"date": "2027-02-01", "week": 5, "top": 47.5, "reps": 8, "planned": 50}]
    page = (root / "docs" / "outputs" / "review.md").read_text()
    text = subprocess.run([SCRIPT, "review", str(root / "examples" / "runner_two_day.wol"),
                           "--log", str(DATA / "runner_log.wol")], capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=60).stdout
    for line in text.splitlines()[:14]:  # the weeks table, as the page shows it
        assert line in page


def test_bodyweight_work_has_no_load_series() -> None:
    plan = ('plan "Pull" weeks 1 start 2027-03-01:\n  session "A" on mon:\n'
            "    romanian_deadlift 2x8 @ 40kg\n    push_up 3x10 @ bw\n"
            "    pull_up 3x5 @ bw+10kg\n")
    log = ('log "Pull":\n  2027-03-01 "A":\n    romanian_deadlift 8, 8\n'
           "    push_up 10, 10, 10\n    pull_up 5, 5, 5\n")
    assert [s["exercise"] for s in from_text(plan, log)["loads"]] == ["romanian_deadlift"]


def as_planned(plan: Any, weeks: int) -> str:
    """A log doing every session of the first `weeks` weeks of an expanded plan as
    planned (no load written: at the planned load)."""
    import datetime

    from workoutlang.vocabulary import DAYS

    monday = plan.weeks[0].monday or datetime.date(2027, 1, 4)
    lines = [f'log "{plan.plan.name}":']
    for week in plan.weeks[:weeks]:
        for session in week.sessions:
            day = DAYS.index(session.days[0]) if session.days else 6
            date = monday + datetime.timedelta(weeks=week.number - 1, days=day)
            lines.append(f'  {date} "{session.name}":')
            for entry in session.items:
                rounds = getattr(entry, "rounds", None) or 1
                for item in getattr(entry, "items", (entry,)):
                    value = (f"{item.duration_s}s" if item.duration_s else
                             f"{item.distance_m:g}m" if item.distance_m else
                             str(item.reps_min or 1))
                    count = item.sets if item.sets is not None else rounds
                    side = f" {item.side}" if item.side else ""
                    lines.append(f"    {item.line.name} {', '.join([value] * count)}{side}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("example", sorted((Path(__file__).parent.parent / "examples")
                                           .glob("*.wol")), ids=lambda p: p.stem)
def test_every_example_reviews_against_a_log_done_as_planned(example: Path) -> None:
    from workoutlang.checks import build_context

    tree = wol.parse(example.read_text(), example.name)
    plan = build_context(tree).plans[0]
    log = wol.parse(as_planned(plan, 2), "log.wol")
    doc = valid(wol.review(tree, log))
    sessions = doc["totals"]["sessions"]
    assert sessions["done"] == sessions["planned"] == sum(len(w.sessions)
                                                          for w in plan.weeks[:2])
    assert not doc["unmatched"] and not doc["sessions_missed"]
    for row in doc["missed"]:  # as planned: every line done
        assert row["done"] == row["planned"], row
    for group in doc["totals"]["sets"].values():
        assert group["done"] == group["planned"]


def test_the_second_time_of_one_to_two_a_week_counts_only_when_logged() -> None:
    plan = ('plan "Flex" weeks 3 start 2027-03-01:\n  session "A" on mon:\n'
            "    romanian_deadlift 2x8 @ 40kg\n  session \"B\" 1-2 per week:\n    plank 2x30s\n")
    log = ('log "Flex":\n  2027-03-01 "A":\n    romanian_deadlift 8, 8\n'
           '  2027-03-03 "B":\n    plank 30s, 30s\n  2027-03-05 "B":\n    plank 30s, 30s\n'
           '  2027-03-08 "A":\n    romanian_deadlift 8, 8\n  2027-03-10 "B":\n    plank 30s\n'
           '  2027-03-14 "A":\n    romanian_deadlift 8\n'
           '  2027-03-15 "A":\n    romanian_deadlift 8, 8\n')
    doc = from_text(plan, log)
    assert [w["sessions"] for w in doc["weeks"]] == [
        {"planned": 3, "done": 3, "skipped": 0, "not_logged": 0},  # B twice: both count
        {"planned": 2, "done": 2, "skipped": 0, "not_logged": 0},  # B once: no miss
        {"planned": 1, "done": 1, "skipped": 0, "not_logged": 0}]
    assert not doc["sessions_missed"]
    assert [u["reason"] for u in doc["unmatched"]] == ["no_session"]  # a second A


RETAGGED_PLAN = """\
exercise squat:
  tags posterior_chain

plan "Retagged" weeks 2 start 2027-03-01:
  session "A" on mon:
    squat 3x5 @ 60kg
    romanian_deadlift 2x8 @ 40kg
    plank 2x30s
"""


def test_sets_counted_by_the_plans_own_tag_are_attributed_to_it() -> None:
    log = 'log "Retagged":\n  2027-03-01 "A":\n    squat 5, 5\n    romanian_deadlift 8, 8\n'
    doc = from_text(RETAGGED_PLAN, log)
    assert doc["retagged"] == {"squat": ["posterior_chain"]}
    # squat's 3 planned and 2 done sets reach the posterior chain only by the file's tag
    assert doc["weeks"][0]["sets"]["posterior_chain"] == {
        "planned": 5, "done": 4, "retagged": {"planned": 3, "done": 2}}
    assert "retagged" not in doc["weeks"][0]["sets"]["core"]
    text = review_text.render(doc)
    assert "4/5 80%^" in text
    assert "^ includes sets counted there only by a tag the plan gives a built-in exercise " \
        "(WOL113): squat → posterior chain" in " ".join(text.split())
    assert "squat → posterior chain" in review_html.render(doc)
    # a tag the catalogue already gives is not the plan's own word
    plain = RETAGGED_PLAN.replace("tags posterior_chain", "tags lower")
    doc = from_text(plain, log)
    assert doc["retagged"] == {} and "retagged" not in doc["weeks"][0]["sets"]["posterior_chain"]
    assert "^" not in review_text.render(doc)
