"""Expansion: the written plan becomes concrete weeks (blocks, deloads, progression)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import workoutlang as wol
from workoutlang.catalogue import load_catalogue
from workoutlang.diagnostics import Severity
from workoutlang.expand import MAX_KG, MAX_REPS, MAX_SECONDS, MAX_SETS, Item, expand


def weeks_of(source: str):
    tree = wol.parse(source)
    catalogue = load_catalogue().with_definitions(tree.exercises)
    expanded, notes = expand(tree.plans[0], catalogue)
    return expanded.weeks, notes


def first_item(week) -> Item:
    return week.sessions[0].all_items()[0]


def plan(header: str, *lines: str) -> str:
    return f'plan "p" {header}:\n  session "a" on mon:\n' + "".join(f"    {x}\n" for x in lines)


def test_template_repeats_for_every_week() -> None:
    weeks, notes = weeks_of(plan("weeks 3", "squat 3x8 @ 60kg"))
    assert [w.number for w in weeks] == [1, 2, 3] and notes == []
    assert {first_item(w).load.kg for w in weeks} == {60.0}
    assert weeks[0].sessions[0] is weeks[2].sessions[0]  # unchanged weeks share their sessions


def test_default_is_one_week_without_dates() -> None:
    weeks, _ = weeks_of(plan("", "squat 3x8"))
    assert len(weeks) == 1 and weeks[0].monday is None


def test_start_anchors_weeks_to_mondays() -> None:
    weeks, _ = weeks_of(plan("weeks 2 start 2027-01-06", "squat 3x8"))  # a Wednesday
    assert [str(w.monday) for w in weeks] == ["2027-01-04", "2027-01-11"]


def test_week_blocks_replace_the_template() -> None:
    source = plan("weeks 4", "squat 3x8") + '  week 2-3:\n    session "b" on tue:\n' \
        "      plank 3x30s\n"
    weeks, _ = weeks_of(source)
    assert [w.sessions[0].name for w in weeks] == ["a", "b", "b", "a"]
    assert weeks[1].span.line == 4 and weeks[0].span.line == 1


def test_progression_by_unit() -> None:
    weeks, _ = weeks_of(plan("weeks 3",
                             "squat 3x8 @ 60kg progress +2.5kg/week",
                             "squat 3x8-10 progress +1rep/week",
                             "plank 3x30s progress +5s/week",
                             "squat 2x5 progress +1set/week",
                             "squat 3x5 @ 135lb progress +5lb/week"))
    values = [[(i.load.kg if i.load else None, i.reps_min, i.reps_max, i.duration_s, i.sets)
               for i in w.sessions[0].all_items()] for w in weeks]
    assert [v[0][0] for v in values] == [60.0, 62.5, 65.0]
    assert [v[1][1:3] for v in values] == [(8, 10), (9, 11), (10, 12)]
    assert [v[2][3] for v in values] == [30, 35, 40]
    assert [v[3][4] for v in values] == [2, 3, 4]
    assert [w.sessions[0].all_items()[4].load.amount for w in weeks] == [135, 140, 145]


def test_deload_every_skips_progression_and_drops_load_and_sets() -> None:
    weeks, _ = weeks_of(plan("weeks 5 deload every 3 weeks",
                             "squat 5x5 @ 100kg progress +5kg/week"))
    got = [(w.number, w.deload, first_item(w).sets, first_item(w).load.kg) for w in weeks]
    # week 3 is the deload of what week 3 would have been (110 kg) at 60 %: 66 kg, 3 sets;
    # it does not count as a progression week, so week 4 picks up at 110 kg.
    assert got == [(1, False, 5, 100.0), (2, False, 5, 105.0), (3, True, 3, 66.0),
                   (4, False, 5, 110.0), (5, False, 5, 115.0)]


def test_deload_block_with_percent_rounds_to_half_kilos_and_whole_pounds() -> None:
    source = plan("weeks 2", "squat 3x5 @ 61kg", "squat 3x5 @ 133lb") + \
        '  week 2 deload 55%:\n    session "a" on mon:\n      squat 3x5 @ 61kg\n' \
        "      squat 3x5 @ 133lb\n"
    weeks, _ = weeks_of(source)
    kg, lb = weeks[1].sessions[0].all_items()
    assert kg.load.amount == 33.5  # 33.55 → 33.5
    assert lb.load.amount == 73.0  # 73.15 → 73
    assert kg.sets == 2  # 1.65 sets → 2
    assert weeks[1].deload_percent == 55.0


def test_never_below_one_set() -> None:
    weeks, _ = weeks_of(plan("weeks 2 deload every 2 weeks 10%", "squat 1x5"))
    assert first_item(weeks[1]).sets == 1


def test_clamp_holds_at_the_bound_and_warns_once() -> None:
    weeks, notes = weeks_of(plan("weeks 10", "squat 95x5 progress +1set/week"))
    assert [first_item(w).sets for w in weeks] == [95, 96, 97, 98, 99] + [100] * 5
    (note,) = notes
    assert note.code == "WOL003" and note.severity is Severity.WARNING
    assert "past the limit of 100 sets by week 7" in note.message


def test_unknown_exercises_and_bad_blocks_are_left_to_the_checks() -> None:
    source = plan("weeks 2 start 2027-02-30", "squatt 3x8", "squat 3x8") + \
        '  week 5:\n    session "x":\n      squat 1x1\n'
    weeks, _ = weeks_of(source)
    assert [i.exercise.name for i in weeks[0].sessions[0].all_items()] == ["squat"]
    assert len(weeks) == 2 and weeks[0].monday is None


small_ints = st.integers(min_value=1, max_value=1000)


@settings(max_examples=60, deadline=None)
@given(sets=st.integers(1, 100), reps=small_ints, kg=st.integers(1, 1000),
       seconds=st.integers(1, 14400), step=st.sampled_from(["+50kg", "+100rep", "+3000s",
                                                            "+40set", "+0.5kg"]),
       weeks=st.integers(1, 30), deload=st.sampled_from(["", " deload every 3 weeks"]))
def test_expansion_stays_inside_the_wol003_bounds(sets: int, reps: int, kg: int, seconds: int,
                                                   step: str, weeks: int, deload: str) -> None:
    source = plan(f"weeks {weeks}{deload}",
                  f"squat {sets}x{reps} @ {kg}kg progress {step}/week",
                  f"plank {sets}x{seconds}s progress {step}/week")
    expanded, _ = weeks_of(source)
    for week in expanded:
        for item in week.sessions[0].all_items():
            assert 1 <= (item.sets or 1) <= MAX_SETS
            assert item.reps_max is None or item.reps_max <= MAX_REPS
            assert item.duration_s is None or item.duration_s <= MAX_SECONDS
            assert item.load is None or item.load.kg is None or item.load.kg <= MAX_KG
