"""What the strategies promise about training logs, and the log rules they now draw in
plans: `if done`, `reset … after N misses` and ladders (docs/strategies.md)."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import workoutlang as wol
from workoutlang import strategies as wst
from workoutlang import syntax
from workoutlang.catalogue import load_catalogue
from workoutlang.weeks import over_budget

QUICK = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def plan_and_log(**kwargs: Any) -> st.SearchStrategy[tuple[syntax.PlanFile, syntax.PlanFile]]:
    return wst.plans(**kwargs).flatmap(lambda tree: st.tuples(st.just(tree), wst.logs(tree)))


def test_plans_draw_if_done_resets_and_ladders() -> None:
    seen: Counter[str] = Counter()

    @settings(max_examples=150, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(wst.plans())
    def count(tree: syntax.PlanFile) -> None:
        for plan in tree.plans:
            for session in plan.all_sessions():
                for item in session.items:
                    if isinstance(item, syntax.Ladder):
                        seen["ladder"] += 1
                        low, high = item.prescription.reps_min, item.prescription.reps_max
                        assert low is not None and high is not None
                        assert low <= (item.graduate.reps_min or 0) <= high
                        assert (item.graduate.sets or 0) <= (item.prescription.sets or 0)
                        assert len({rung.name for rung in item.rungs}) == len(item.rungs) >= 2
                for line in session.exercise_lines():
                    if line.reset is not None:
                        seen["reset"] += 1
                        assert line.progress is not None
                    if line.progress is not None and line.progress.if_done:
                        seen["if done"] += 1
                        assert line.progress.period in ("week", "session")

    count()
    assert seen.keys() == {"ladder", "reset", "if done"}, seen


@QUICK
@given(wst.plans(v2=False))
def test_v1_plans_hold_none_of_the_log_rules(tree: syntax.PlanFile) -> None:
    for plan in tree.plans:
        for session in plan.all_sessions():
            assert not any(isinstance(item, syntax.Ladder) for item in session.items)
            for line in session.exercise_lines():
                assert line.reset is None
                assert line.progress is None or not line.progress.if_done


@QUICK
@given(plan_and_log(weeks=(1, 5)))
def test_a_log_keeps_to_the_weeks_it_covers_in_date_order(case: Any) -> None:
    tree, log_file = case
    plan = tree.plans[0]
    (log,) = log_file.logs
    assert not log_file.plans and log.plan == plan.name and log.entries
    dates = [datetime.date.fromisoformat(e.date) for e in log.entries]
    assert dates == sorted(dates)
    assert len({(e.date, e.session) for e in log.entries}) == len(log.entries)  # no WOL204
    monday = wst.LOG_MONDAY
    if plan.start is not None:
        start = datetime.date.fromisoformat(plan.start)
        monday = start - datetime.timedelta(days=start.weekday())
    else:
        assert dates[0] - monday < datetime.timedelta(days=7)  # the first entry dates week 1
    names = {s.name for s in plan.all_sessions()}
    for entry, date in zip(log.entries, dates, strict=True):
        assert 0 <= (date - monday).days < 7 * plan.week_count
        assert entry.session in names
        assert entry.skipped or entry.items


@QUICK
@given(plan_and_log())
def test_log_lines_name_exercises_of_their_session(case: Any) -> None:
    tree, log_file = case
    catalogue = load_catalogue().with_definitions(tree.exercises)
    names = {line.name for s in tree.plans[0].all_sessions() for line in s.exercise_lines()}
    for entry in log_file.logs[0].entries:
        for line in entry.lines:
            assert line.name in names and catalogue.lookup(line.name) is not None
            assert line.skipped or line.groups
            for done in line.sets:
                assert (done.reps or 0) >= 1 or (done.seconds or 0) >= 1 \
                    or (done.metres or 0) > 0


def test_logs_draw_every_kind_of_entry_and_line() -> None:
    seen: Counter[str] = Counter()

    @settings(max_examples=120, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(plan_and_log())
    def count(case: Any) -> None:
        for entry in case[1].logs[0].entries:
            seen["skipped session"] += entry.skipped
            seen["entry note"] += bool(entry.notes)
            for line in entry.lines:
                seen["skipped line"] += line.skipped
                seen["left"] += line.side is not None and line.side.value == "left"
                seen["line load"] += line.load is not None
                seen["set load"] += any(g.load is not None for g in line.groups)
                seen["NxV"] += any((g.prescription.sets or 1) > 1 for g in line.groups)
                seen["no load"] += not line.skipped and line.load is None
                seen["rpe"] += line.load is not None and line.load.effort is not None
                seen["line note"] += line.note is not None

    count()
    assert all(seen[kind] for kind in (
        "skipped session", "entry note", "skipped line", "left", "line load", "set load",
        "NxV", "no load", "rpe", "line note")), seen


def test_as_planned_logs_every_session_of_the_weeks_asked_for() -> None:
    tree = wol.parse('''
plan "Two" weeks 3 start 2027-03-03:
  session "A" on mon:
    squat 3x5 @ 100kg progress +2.5kg/session if done
    plank 2x30s
  session "B" 2 per week:
    step_up 2x8 each_leg @ 10kg
''')
    log_file = wst.as_planned_log(tree, 2)
    assert wst.log_text(log_file) == '''log "Two":
  2027-03-01 "A":
    squat 5, 5, 5 @ 100kg
    plank 30s, 30s
  2027-03-01 "B":
    step_up 8, 8 @ 10kg each_leg
  2027-03-02 "B":
    step_up 8, 8 @ 10kg each_leg
  2027-03-08 "A":
    squat 5, 5, 5 @ 102.5kg
    plank 30s, 30s
  2027-03-08 "B":
    step_up 8, 8 @ 10kg each_leg
  2027-03-09 "B":
    step_up 8, 8 @ 10kg each_leg
'''
    assert not wst.as_planned_log(tree, 0).logs[0].entries


def test_a_plan_past_the_budget_has_no_log() -> None:
    tree = wol.parse('plan "Long" weeks 520:\n  session "A":\n' + "    squat 3x5\n" * 200)
    assert over_budget(tree.plans)  # 104,000 items: check and compile do not expand it
    with pytest.raises(InvalidArgument, match="expansion budget"):
        wst.logs(tree)
    with pytest.raises(InvalidArgument, match="holds none"):
        wst.logs(syntax.PlanFile((), (), (), None))


def test_sessions_with_no_day_are_logged_in_their_order_every_week() -> None:
    """Each week's `2 per week` doings are logged Monday, Tuesday: in the order in which
    entries of one name take their doings, so that each entry is its own doing's (a
    count running on across weeks once put week 4's on Sunday and the next Monday)."""
    from workoutlang.logbook import replayed

    tree = wol.parse('''
plan "Twice" weeks 5 supplement:
  session "Base" 2 per week:
    squat 3x5 @ 100kg progress +2.5kg/session reset -10% after 1 miss
''')
    catalogue = load_catalogue()
    log_file = wst.as_planned_log(tree, 4)
    days = {datetime.date.fromisoformat(e.date).weekday() for e in log_file.logs[0].entries}
    assert days == {0, 1}
    went, _ = replayed(tree.plans[0], log_file.logs[0], catalogue)
    loads = [item.load.text for week in went.weeks for session in week.sessions
             for item in session.all_items() if item.load is not None]
    assert loads == [f"{100 + 2.5 * n:g}kg" for n in range(10)]
