"""Expansion: the written plan becomes concrete weeks (blocks, deloads, progression).

Every expected value here is worked out by hand in the comment beside it; the
rules are docs/weeks.md.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workoutlang as wol
from workoutlang import strategies as wst
from workoutlang.catalogue import load_catalogue
from workoutlang.checks.values import block_problem, clamp_warning
from workoutlang.diagnostics import Diagnostic, Severity
from workoutlang.errors import ParseError
from workoutlang.expand import (
    BlockInstance,
    Item,
    WeekInstance,
    expand,
    week_blocks_problems,
)
from workoutlang.limits import MAX_KG, MAX_REPS, MAX_SECONDS, MAX_SETS, MAX_WEEKS


def weeks_of(source: str) -> tuple[tuple[WeekInstance, ...], list[Diagnostic]]:
    tree = wol.parse(source)
    catalogue = load_catalogue().with_definitions(tree.exercises)
    expanded, clamps = expand(tree.plans[0], catalogue)
    return expanded.weeks, [clamp_warning(clamp) for clamp in clamps]  # as WOL003 words them


def all_items(week: WeekInstance) -> list[Item]:
    return [item for session in week.sessions for item in session.all_items()]


def first_item(week: WeekInstance) -> Item:
    return all_items(week)[0]


def plan(header: str, *lines: str) -> str:
    return f'plan "p" {header}:\n  session "a" on mon:\n' + "".join(f"    {x}\n" for x in lines)


def block(header: str, *lines: str) -> str:
    return f"  {header}:\n    session \"b\" on mon:\n" + "".join(f"      {x}\n" for x in lines)


# --- the template and week blocks ----------------------------------------------------


def test_template_repeats_for_every_week() -> None:
    weeks, notes = weeks_of(plan("weeks 3", "squat 3x8 @ 60kg"))
    assert [w.number for w in weeks] == [1, 2, 3] and notes == []
    assert {first_item(w).load.kg for w in weeks} == {60.0}  # type: ignore[union-attr]
    assert weeks[0].sessions[0] is weeks[2].sessions[0]  # unchanged weeks share their sessions
    assert all(w.block is None and not w.deload for w in weeks)


def test_default_is_one_week_without_dates() -> None:
    weeks, _ = weeks_of(plan("", "squat 3x8"))
    assert len(weeks) == 1 and weeks[0].monday is None


def test_start_anchors_weeks_to_mondays() -> None:
    weeks, _ = weeks_of(plan("weeks 2 start 2027-01-06", "squat 3x8"))  # a Wednesday
    assert [str(w.monday) for w in weeks] == ["2027-01-04", "2027-01-11"]


def test_week_blocks_replace_the_template() -> None:
    source = plan("weeks 4", "squat 3x8") + block("week 2-3", "plank 3x30s")
    weeks, _ = weeks_of(source)
    assert [w.sessions[0].name for w in weeks] == ["a", "b", "b", "a"]
    assert weeks[1].span.line == 4 and weeks[0].span.line == 1
    assert weeks[1].block is not None and weeks[1].block.first == 2


def test_bad_week_blocks_are_reported_and_not_used() -> None:
    source = (plan("weeks 4", "squat 3x8") + block("week 2-3", "plank 3x30s")
              + block("week 3-4", "lunge 3x8 each_leg") + block("week 4-2", "dead_bug 3x8")
              + block("week 4-6", "hip_thrust 3x8") + block("week 4", "glute_bridge 3x8"))
    tree = wol.parse(source)
    problems = week_blocks_problems(tree.plans[0])
    assert [(p.span.line, p.other.span.line if p.other else None) for p in problems] == [
        (7, 4), (10, None), (13, None)]
    assert [p.kind for p in problems] == ["overlap", "reversed", "outside"]
    overlap, reversed_, outside = (block_problem(p).message for p in problems)
    assert overlap.startswith("week 3-4 overlaps week 2-3 on line 4: week 3 would have two")
    assert reversed_.startswith("the week range 4-2 is reversed: write 2-4")
    assert "outside the plan's 4 weeks" in outside
    weeks, _ = weeks_of(source)
    # week 4 keeps its own good block (line 16); the others are left to the checks
    assert [first_item(w).exercise.name for w in weeks] == ["squat", "plank", "plank",
                                                            "glute_bridge"]


def test_the_checks_report_week_block_problems_with_both_spans() -> None:
    source = plan("weeks 4", "squat 3x8") + block("week 2-3", "plank 3x30s") + \
        block("week 3", "plank 3x30s")
    found = [d for d in wol.check(wol.parse(source)) if d.code == "WOL003"]
    (overlap,) = found
    assert overlap.span.line == 7 and overlap.related[0][0].line == 4


def test_weeks_are_capped_and_may_be_none() -> None:
    weeks, _ = weeks_of(plan("weeks 100000", "squat 3x8"))
    assert len(weeks) == MAX_WEEKS  # WOL003 reports the plan; expansion stays small
    weeks, _ = weeks_of(plan("weeks 0", "squat 3x8"))
    assert weeks == ()


# --- prescriptions -------------------------------------------------------------------


def test_bare_prescriptions_are_one_set_outside_rounds_and_per_round_inside() -> None:
    weeks, _ = weeks_of(plan("weeks 1", "warmup:", "  leg_swing 10 each_leg", "plank 30s",
                             "superset 3 rounds:", "  dead_bug 10 each_side", "  plank 20s",
                             "circuit 2 rounds:", "  push_up 3x10", "  lunge 8 each_leg"))
    entries = weeks[0].sessions[0].items
    sets = [[i.sets for i in e.items] if isinstance(e, BlockInstance) else e.sets
            for e in entries]
    assert sets == [[1], 1, [None, None], [3, None]]
    warmup = entries[0]
    assert isinstance(warmup, BlockInstance) and warmup.rounds is None


def test_unknown_exercises_and_bad_dates_are_left_to_the_checks() -> None:
    source = plan("weeks 2 start 2027-02-30", "squatt 3x8", "squat 3x8",
                  "superset 2 rounds:", "  nosuch 10")
    weeks, _ = weeks_of(source)
    assert [i.exercise.name for i in all_items(weeks[0])] == ["squat"]
    assert len(weeks[0].sessions[0].items) == 1  # a block left with no exercise goes too
    assert len(weeks) == 2 and weeks[0].monday is None


def test_aliases_resolve_to_their_exercise() -> None:
    weeks, _ = weeks_of(plan("weeks 1", "rdl 3x8"))
    item = first_item(weeks[0])
    assert (item.exercise.name, item.line.name) == ("romanian_deadlift", "rdl")


# --- progression ----------------------------------------------------------------------


def test_progression_by_unit() -> None:
    weeks, notes = weeks_of(plan("weeks 3",
                                 "squat 3x8 @ 60kg progress +2.5kg/week",
                                 "squat 3x8-10 progress +1rep/week",
                                 "plank 3x30s progress +5s/week",
                                 "squat 2x5 progress +1set/week",
                                 "squat 3x5 @ 135lb progress +5lb/week",
                                 "push_up 3x8 @ bw+5kg progress +2.5kg/week"))
    values = [[(i.load.kg if i.load else None, i.reps_min, i.reps_max, i.duration_s, i.sets)
               for i in all_items(w)] for w in weeks]
    assert [v[0][0] for v in values] == [60.0, 62.5, 65.0]
    assert [v[1][1:3] for v in values] == [(8, 10), (9, 11), (10, 12)]
    assert [v[2][3] for v in values] == [30, 35, 40]
    assert [v[3][4] for v in values] == [2, 3, 4]
    assert [all_items(w)[4].load.amount for w in weeks] == [135, 140, 145]  # type: ignore
    assert [all_items(w)[5].load.text for w in weeks] == [  # type: ignore[union-attr]
        "bw+5kg", "bw+7.5kg", "bw+10kg"]
    assert [first_item(w).progress_steps for w in weeks] == [0, 1, 2] and notes == []


def test_fractional_progressions_round_to_what_can_be_done() -> None:
    weeks, _ = weeks_of(plan("weeks 4", "squat 3x8 @ 50kg progress +1.25kg/week",
                             "squat 3x8 progress +0.5rep/week"))
    # 51.25 → 51.5 (half up to 0.5 kg), 52.5, 53.75 → 54; half a rep waits a week
    assert [first_item(w).load.amount for w in weeks] == [50, 51.5, 52.5, 54]  # type: ignore
    assert [all_items(w)[1].reps_min for w in weeks] == [8, 8, 9, 9]


def test_a_progression_in_kg_on_a_load_in_lb_is_converted() -> None:
    weeks, _ = weeks_of(plan("weeks 2", "squat 3x5 @ 100lb progress +2.5kg/week"))
    # 2.5 kg = 5.51 lb: 105.51 lb → 106 lb (WOL003 reports the mixed units)
    assert first_item(weeks[1]).load.amount == 106  # type: ignore[union-attr]


def test_template_progression_pauses_while_a_block_replaces_it() -> None:
    source = plan("weeks 5", "squat 3x8 @ 60kg progress +5kg/week") + \
        block("week 3-4", "squat 3x5 @ 80kg progress +2.5kg/week")
    weeks, _ = weeks_of(source)
    # template: weeks 1, 2, then 5 (its third week: two steps); block: weeks 3, 4
    assert [first_item(w).load.kg for w in weeks] == [  # type: ignore[union-attr]
        60.0, 65.0, 80.0, 82.5, 70.0]


def test_a_template_line_starts_in_the_first_week_that_uses_the_template() -> None:
    source = plan("weeks 3", "squat 3x8 @ 60kg progress +5kg/week") + \
        block("week 1", "plank 3x30s")
    weeks, _ = weeks_of(source)
    assert [first_item(w).load.kg for w in weeks[1:]] == [60.0, 65.0]  # type: ignore


# --- deloads ----------------------------------------------------------------------------


def test_deload_every_skips_progression_and_drops_load_and_sets() -> None:
    weeks, _ = weeks_of(plan("weeks 5 deload every 3 weeks",
                             "squat 5x5 @ 100kg progress +5kg/week"))
    got = [(w.number, w.deload, first_item(w).sets, first_item(w).load.kg)  # type: ignore
           for w in weeks]
    # week 3 is the deload of what week 3 would have been (110 kg) at 60 %: 66 kg, 3 sets;
    # it does not count as a progression week, so week 4 picks up at 110 kg.
    assert got == [(1, False, 5, 100.0), (2, False, 5, 105.0), (3, True, 3, 66.0),
                   (4, False, 5, 110.0), (5, False, 5, 115.0)]
    assert [w.deload_percent for w in weeks] == [None, None, 60.0, None, None]


def test_progression_across_a_deload_block() -> None:
    source = plan("weeks 6", "squat 3x8 @ 50kg progress +2.5kg/week",
                  "plank 3x30s progress +5s/week") + \
        block("week 4 deload 50%", "squat 4x8 @ 50kg progress +2.5kg/week", "plank 3x30s")
    weeks, _ = weeks_of(source)
    # the block's own line starts (and deloads) in week 4: 2 sets of 8 at 25 kg
    assert [(first_item(w).sets, first_item(w).load.kg) for w in weeks] == [  # type: ignore
        (3, 50.0), (3, 52.5), (3, 55.0), (2, 25.0), (3, 57.5), (3, 60.0)]
    assert [all_items(w)[1].duration_s for w in weeks] == [30, 35, 40, 30, 45, 50]


def test_a_deload_block_overrides_the_plan_percent() -> None:
    source = plan("weeks 4 deload every 2 weeks 70%", "squat 10x5 @ 100kg") + \
        block("week 4 deload 40%", "squat 10x5 @ 100kg")
    weeks, _ = weeks_of(source)
    assert [(w.deload_percent, first_item(w).sets, first_item(w).load.kg)  # type: ignore
            for w in weeks] == [(None, 10, 100.0), (70.0, 7, 70.0), (None, 10, 100.0),
                                (40.0, 4, 40.0)]


def test_deload_block_with_percent_rounds_to_half_kilos_and_whole_pounds() -> None:
    source = plan("weeks 2", "squat 3x5 @ 61kg", "squat 3x5 @ 133lb") + \
        block("week 2 deload 55%", "squat 3x5 @ 61kg", "squat 3x5 @ 133lb")
    weeks, _ = weeks_of(source)
    kg, lb = all_items(weeks[1])
    assert kg.load.amount == 33.5  # type: ignore[union-attr]  # 33.55 → 33.5
    assert lb.load.amount == 73.0  # type: ignore[union-attr]  # 73.15 → 73
    assert lb.load.kg == 33.112  # type: ignore[union-attr]  # 73 × 0.45359237, to the gram
    assert kg.sets == 2  # 1.65 sets → 2
    assert weeks[1].deload_percent == 55.0


def test_what_a_deload_does_to_each_kind_of_load() -> None:
    weeks, _ = weeks_of(plan("weeks 2 deload every 2 weeks",
                             "push_up 3x8 @ bw+10kg", "push_up 3x8 @ bw", "squat 3x5 @ 75%1rm",
                             "squat 3x5 @ rpe 8", "squat 3x5 @ rir 2",
                             "band_pull_apart 3x15 @ band:heavy", "squat 3x5 @ 0.5kg"))
    texts = [i.load.text for i in all_items(weeks[1])]  # type: ignore[union-attr]
    # 6 kg extra; bodyweight stays; 45 %1rm; effort targets and bands stay;
    # 0.3 kg would round to nothing: never below one step
    assert texts == ["bw+6kg", "bw", "45%1rm", "rpe 8", "rir 2", "band:heavy", "0.5kg"]


def test_rest_lap_is_carried_with_no_seconds() -> None:
    """`rest lap` has no length: each item and block says so, never a rest of 0 or none."""
    weeks, _ = weeks_of(plan("weeks 1", "squat 3x5 rest lap", "deadlift 3x5 rest 2min",
                             "superset 3 rounds rest lap:", "  push_up 10 rest lap",
                             "  plank 30s", "squat wave rest lap:", "  1x5 @ 100kg",
                             "ladder 3x5-8 rest lap graduate 3x8:", "  split_squat each_leg"))
    squat, deadlift, superset, wave, ladder = weeks[0].sessions[0].items
    assert isinstance(superset, BlockInstance) and isinstance(squat, Item)
    assert (superset.rest_s, superset.rest_lap) == (None, True)
    assert [(i.rest_s, i.rest_lap) for i in superset.items] == [(None, True), (None, False)]
    assert [(i.rest_s, i.rest_lap) for i in (squat, deadlift, wave, ladder)] == [  # type: ignore
        (None, True), (120, False), (None, True), (None, True)]


def test_deload_cuts_rounds_not_per_round_work() -> None:
    weeks, _ = weeks_of(plan("weeks 2 deload every 2 weeks", "superset 5 rounds rest 1m:",
                             "  plank 30s", "  dead_bug 10 each_side"))
    normal, deload = (w.sessions[0].items[0] for w in weeks)
    assert isinstance(normal, BlockInstance) and isinstance(deload, BlockInstance)
    assert (normal.rounds, deload.rounds, deload.rest_s) == (5, 3, 60)
    assert [i.duration_s for i in deload.items[:1]] == [30]


def test_never_below_one_set() -> None:
    weeks, _ = weeks_of(plan("weeks 2 deload every 2 weeks 10%", "squat 1x5"))
    assert first_item(weeks[1]).sets == 1


# --- the WOL003 bounds ---------------------------------------------------------------------


def test_clamp_holds_at_the_bound_and_warns_once() -> None:
    weeks, notes = weeks_of(plan("weeks 10", "squat 95x5 progress +1set/week"))
    assert [first_item(w).sets for w in weeks] == [95, 96, 97, 98, 99] + [100] * 5
    (note,) = notes
    assert note.code == "WOL003" and note.severity is Severity.WARNING
    assert "past the limit of 100 sets by week 7" in note.message
    assert (note.span.line, note.span.column) == (3, 16)  # the progress modifier


def test_every_bound_holds() -> None:
    weeks, notes = weeks_of(plan("weeks 3",
                                 "squat 3x999 progress +1rep/week",
                                 "plank 3x3h59m progress +60s/week",
                                 "squat 3x5 @ 999kg progress +2.5kg/week",
                                 "squat 3x5 @ 2200lb progress +5lb/week"))
    last = all_items(weeks[2])
    assert (last[0].reps_max, last[1].duration_s) == (MAX_REPS, MAX_SECONDS)
    assert last[2].load.amount == 1000.0  # type: ignore[union-attr]
    assert last[3].load.amount == 2204.0  # type: ignore[union-attr]  # 1000 kg, whole lb under
    assert [n.span.line for n in notes] == [3, 4, 5, 6]
    assert ["1000 reps" in notes[0].message, "4 hours" in notes[1].message,
            "1000 kg" in notes[2].message, "1000 kg" in notes[3].message] == [True] * 4


def test_written_values_past_the_bounds_are_held_without_a_warning() -> None:
    weeks, notes = weeks_of(plan("weeks 1", "squat 500x5000 @ 5000kg rest 5h"))
    item = first_item(weeks[0])
    assert (item.sets, item.reps_max, item.load.kg, item.rest_s) == (  # type: ignore
        MAX_SETS, MAX_REPS, MAX_KG, MAX_SECONDS)
    assert notes == []  # WOL003 errors report the written values


# --- properties -------------------------------------------------------------------------------

LINES = st.sampled_from([
    "squat {sets}x{reps} @ {kg}kg progress +{step}kg/week",
    "squat {sets}x{reps}-{reps2} @ {lb}lb progress +{step}lb/week",
    "push_up {sets}x{reps} @ bw+{kg}kg progress +{step}rep/week",
    "plank {sets}x{seconds}s progress +{step}s/week",
    "squat {sets}x{reps} @ {pct}%1rm progress +{step}set/week",
    "pull_up {sets}xmax progress +{step}set/week",
    "superset {sets} rounds:\n      plank {seconds}s progress +{step}s/week\n"
    "      dead_bug {reps} each_side progress +{step}rep/week",
])


@st.composite
def small_plans(draw: st.DrawFn) -> str:
    """Small plans as text: any values up to past the bounds, big progressions, deloads."""
    weeks = draw(st.integers(1, 40))
    header = f"weeks {weeks}" + draw(st.sampled_from(
        ["", " deload every 3 weeks", " deload every 2 weeks 10%", " deload every 4 weeks 95%"]))
    lines = []
    for template in draw(st.lists(LINES, min_size=1, max_size=4)):
        lines.append(template.format(
            sets=draw(st.integers(1, 120)), reps=draw(st.integers(1, 1100)),
            reps2=draw(st.integers(1100, 1200)), kg=draw(st.integers(1, 1100)),
            lb=draw(st.integers(1, 2500)), seconds=draw(st.integers(1, 15000)),
            pct=draw(st.integers(1, 120)),
            step=draw(st.sampled_from(["0.5", "1", "2.5", "40", "500", "100000"]))))
    body = "".join(f"    {line}\n" for line in lines)
    source = f'plan "p" {header}:\n  session "a" on mon:\n{body}'
    if draw(st.booleans()) and weeks >= 2:
        first = draw(st.integers(1, weeks))
        deload = draw(st.sampled_from(["", " deload", " deload 50%"]))
        source += f"  week {first}-{weeks}{deload}:\n    session \"b\":\n" + \
            "".join(f"      {line}\n" for line in lines if "\n" not in line) + \
            "      plank 30s\n"
    return source


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_plans())
def test_expansion_stays_inside_the_wol003_bounds(source: str) -> None:
    weeks, notes = weeks_of(source)
    for week in weeks:
        for session in week.sessions:
            for entry in session.items:
                if isinstance(entry, BlockInstance):
                    assert entry.rounds is None or 1 <= entry.rounds <= MAX_SETS
            for item in session.all_items():
                assert item.sets is None or 1 <= item.sets <= MAX_SETS
                assert item.reps_max is None or item.reps_max <= MAX_REPS
                assert item.reps_min is None or item.reps_min <= MAX_REPS
                assert item.duration_s is None or item.duration_s <= MAX_SECONDS
                assert item.load is None or item.load.kg is None or \
                    0 < item.load.kg <= MAX_KG
    lines = {id(n.span) for n in notes}
    assert len(lines) == len(notes)  # at most one warning a line
    assert all(n.code == "WOL003" and n.severity is Severity.WARNING for n in notes)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(wst.any_plan_sources())
def test_expansion_never_raises(source: str) -> None:
    try:
        tree = wol.parse(source)
    except ParseError:
        return
    catalogue = load_catalogue().with_definitions(tree.exercises)
    for written in tree.plans:
        expanded, _ = expand(written, catalogue)
        assert len(expanded.weeks) == min(max(written.week_count, 0), MAX_WEEKS)
