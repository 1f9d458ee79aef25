"""The bounds of the dose checks (WOL108-WOL112), each on both sides of the line, and
the figures WOL110 and WOL111 add up (docs/checks/README.md, "Dose")."""

from __future__ import annotations

import textwrap

import pytest

import workoutlang as wol
from workoutlang.checks import build_context
from workoutlang.checks.dose import foot_contacts, session_seconds

# the rest of a sound week, so that only the line under test can be judged
REST_OF_WEEK = """
  session "Other" on thu:
    hip_thrust 3x10
    plank 3x30s
    step_up 3x8 each_leg
    single_leg_hold 3x30s each_leg
"""


def found(code: str, text: str) -> list[str]:
    """The messages of `code` for a plan file (which must be free of other errors: a
    case that does not parse proves nothing)."""
    diagnostics = wol.check(wol.parse(textwrap.dedent(text).lstrip()))
    assert not [d for d in diagnostics if d.severity.value == "error"], diagnostics
    return [d.message for d in diagnostics if d.code == code]


def plan(weeks: int, *lines: str, header: str = "", rest: str = REST_OF_WEEK) -> str:
    body = "\n".join(f"    {line}" for line in lines)
    return f'plan "P" weeks {weeks}{header}:\n  session "Test" on mon:\n{body}\n{rest}'


# --- WOL110 plyometric-dose ------------------------------------------------------

@pytest.mark.parametrize(("lines", "warns"), [
    (("box_jump 10x10",), False),  # exactly 100
    (("box_jump 10x10", "pogo_jump 1x1"), True),  # 101
    (("single_leg_hop 5x10 each_leg",), False),  # 5 x 10 x 2 legs = 100
    (("single_leg_hop 5x10 each_leg", "box_jump 1x1"), True),
    (("pogo_jump 3x30s", "box_jump 10x10"), False),  # timed work is not counted
])
def test_wol110_warns_past_100_foot_contacts(lines: tuple[str, ...], warns: bool) -> None:
    assert bool(found("WOL110", plan(1, *lines))) is warns


def test_wol110_counts_rounds_and_both_legs() -> None:
    text = plan(1, "superset 3 rounds:", "  box_jump 5", "  single_leg_hop 6 each_leg",
                "box_jump 2x8-10")
    context = build_context(wol.parse(text))
    session = context.plans[0].weeks[0].sessions[0]
    assert foot_contacts(session) == [("box_jump", 3 * 5 + 2 * 10), ("single_leg_hop", 36)]


def test_wol110_reports_a_session_on_several_days_once() -> None:
    text = plan(2, "box_jump 11x10").replace('on mon:', 'on mon, wed:')
    assert found("WOL110", text) == [
        '"Test" has 110 foot contacts of plyometric work in week 1 (box_jump 110): keep a '
        "session to 100 or fewer: cut sets or reps, or spread the jumps over more days"]


# --- WOL111 session-length -------------------------------------------------------

@pytest.mark.parametrize(("hold", "warns"), [("74min", False), ("75min", True)])
def test_wol111_warns_over_75_minutes(hold: str, warns: bool) -> None:
    # one hold and its 60 s setup: 75 minutes exactly, then 76
    messages = found("WOL111", plan(1, f"plank 1x{hold}"))
    assert bool(messages) is warns
    if warns:
        assert messages[0].startswith('"Test" is estimated at 76 minutes (')


@pytest.mark.parametrize(("line", "seconds"), [
    ("step_up 3x8 tempo 3-1-1 each_leg rest 1min", 3 * 2 * 8 * 5 + 2 * 60 + 60),
    ("squat 3x8-10", 3 * 10 * 3 + 2 * 60 + 60),  # 3 s a rep, the top of the range
    ("squat 3x5 tempo 2-0-x rest lap", 3 * 5 * 3 + 2 * 60 + 60),  # x is a second
    ("push_up 2xmax rest 30s", 2 * 40 + 30 + 60),
    ("farmer_carry 2x40m rest 1min", 2 * 40 + 60 + 60),
    ("squat 1x5, 2x8 rest 2min", (5 * 3 + 60) + (2 * 8 * 3 + 120 + 120)),
    ("superset 3 rounds rest 1min:", 3 * (10 * 3 + 15 + 30) + 2 * 60 + 60),
    ("superset 3 rounds rest 90s:", 3 * (10 * 3 + 15 + 30) + 2 * 90 + 60),
    ("superset:", 10 * 3 + 15 + 30 + 60),  # no rounds written: one
    ("warmup:", 2 * 10 * 3 + 15),
])
def test_wol111_estimate(line: str, seconds: float) -> None:
    lines = (line, "  push_up 10", "  plank 30s") if line.startswith("superset") else \
        (line, "  leg_swing 1x10 each_leg") if line.startswith("warmup") else (line,)
    context = build_context(wol.parse(plan(1, *lines)))
    assert session_seconds(context.plans[0].weeks[0].sessions[0]) == seconds


def test_wol111_estimate_adds_a_block_to_the_lines_before_it() -> None:
    text = plan(1, "squat 1x5", "superset 2 rounds:", "  step_up 8 each_leg", "  plank 30s")
    context = build_context(wol.parse(text))
    # squat: 5 reps and its setup; the superset: step_up on both legs, the switch, the
    # plank, twice, a rest between the rounds and one setup
    assert session_seconds(context.plans[0].weeks[0].sessions[0]) == \
        (5 * 3 + 60) + 2 * (8 * 3 * 2 + 15 + 30) + 60 + 60


def test_wol110_counts_jumps_after_other_work_in_a_block_and_in_a_warm_up() -> None:
    text = plan(1, "warmup:", "  leg_swing 1x10 each_leg", "  pogo_jump 2x10",
                "superset 3 rounds:", "  squat 5", "  box_jump 5")
    session = build_context(wol.parse(text)).plans[0].weeks[0].sessions[0]
    assert foot_contacts(session) == [("pogo_jump", 20), ("box_jump", 15)]


# --- WOL108 runaway-progression --------------------------------------------------

@pytest.mark.parametrize(("line", "weeks", "warns"), [
    ("romanian_deadlift 3x8 @ 40kg progress +4kg/week", 6, False),  # 40 -> 60, +50 %
    ("romanian_deadlift 3x8 @ 40kg progress +4.5kg/week", 6, True),  # 40 -> 62.5
    ("step_up 3x8 @ 10kg each_leg progress +1kg/week", 7, False),  # +60 %, but only +6 kg
    ("step_up 3x8 @ 10kg each_leg progress +2.5kg/week", 6, True),  # +125 %, +12.5 kg
    ("push_up 3x6 progress +1rep/week", 7, False),  # 6 -> 12, +100 %
    ("push_up 3x6 progress +1rep/week", 8, True),  # 6 -> 13
    ("bulgarian_split_squat 3x6 @ 90kg each_leg progress +2kg/week", 6, False),  # 100 kg
    ("bulgarian_split_squat 3x6 @ 90kg each_leg progress +2.5kg/week", 6, True),  # 102.5
    ("side_plank 3x15s each_side progress +5s/week", 6, False),  # 15 s -> 40 s: sound
    ("plank 3x60s progress +15s/week", 5, False),  # 2 min, the ceiling
    ("plank 3x60s progress +15s/week", 6, True),  # 2min15s
    ("single_leg_hold 3x30s each_leg progress +30s/week", 6, False),  # no balance ceiling
    ("romanian_deadlift 3x8 @ 180kg", 6, False),  # heavy, but no progression took it there
    ("romanian_deadlift 3x8 @ 15kg progress +2kg/week", 6, False),  # +67 %, but +10 kg only
    ("push_up 3x2 progress +1rep/week", 6, False),  # 2 -> 7: more than double, +5 reps only
    ("dead_bug 3x8 each_side progress +1rep/week", 6, False),  # core reps: no hold ceiling
])
def test_wol108_bounds(line: str, weeks: int, warns: bool) -> None:
    assert bool(found("WOL108", plan(weeks, line))) is warns


def with_max(weeks: int, max_line: str, line: str) -> str:
    return plan(weeks, line).replace("\n  session", f"\n  {max_line}\n  session", 1)


def test_wol108_follows_a_percentage_of_a_rising_max() -> None:
    # 80 % of 100 kg, then of 200 kg: the line moves with its max, no `progress` of its own
    text = with_max(6, "max romanian_deadlift 100kg progress +20kg/week",
                    "romanian_deadlift 3x5 @ 80%1rm")
    assert found("WOL108", text) == ["romanian_deadlift climbs from 80kg (80%1rm) to 160kg "
                                     "(80%1rm) by week 6 (+100 %), more than +50 % of where it "
                                     "starts: cut the step, or end the block and start the next "
                                     "from a retest"]


def test_wol108_a_heavy_percentage_that_does_not_rise_is_left_alone() -> None:
    # 80 % of a 300 kg max is past the plausible 200 kg, but nothing climbs there
    text = with_max(6, "max romanian_deadlift 300kg", "romanian_deadlift 3x5 @ 80%1rm")
    assert found("WOL108", text) == []


def test_wol109_counts_a_percentage_of_a_rising_max() -> None:
    text = with_max(8, "max romanian_deadlift 100kg progress +10kg/week",
                    "romanian_deadlift 3x5 @ 80%1rm")
    assert found("WOL109", text) == ["weeks 1-8: 8 weeks of progression without a deload week "
                                     "(romanian_deadlift 80kg (80%1rm) to 135kg (80%1rm)): add "
                                     "a deload week after at most 6 weeks of progression (`week N "
                                     "deload`, or `deload every N weeks` in the plan header)"]


def test_wol108_leaves_deload_weeks_out() -> None:
    # a deload in the last week is lighter than where the line starts: not its peak
    text = plan(5, "romanian_deadlift 3x8 @ 40kg progress +4kg/week") + "  week 6 deload\n"
    assert found("WOL108", text.replace("weeks 5", "weeks 6")) == []


def test_wol108_follows_a_line_past_its_deload_weeks() -> None:
    # +20 % by the first deload, +110 % by week 12: the weeks after a deload count
    text = plan(12, "romanian_deadlift 3x8 @ 40kg progress +4kg/week",
                header=" deload every 4 weeks")
    assert len(found("WOL108", text)) == 1


def test_wol108_judges_supplement_plans() -> None:
    text = plan(6, "step_up 3x8 @ 10kg each_leg progress +2.5kg/week", header=" supplement")
    assert len(found("WOL108", text)) == 1


# --- WOL109 missing-deload -------------------------------------------------------

STEEP = "romanian_deadlift 3x8 @ 40kg progress +10kg/week"


@pytest.mark.parametrize(("weeks", "header", "warns"), [
    (6, "", False),
    (7, "", True),
    (7, " deload every 4 weeks", False),
    (14, " deload every 7 weeks", False),  # 6 weeks, a deload, 6 weeks, a deload
    (16, " deload every 8 weeks", True),  # 7 weeks in a row
])
def test_wol109_more_than_six_weeks(weeks: int, header: str, warns: bool) -> None:
    assert bool(found("WOL109", plan(weeks, STEEP, header=header))) is warns


@pytest.mark.parametrize("line", [
    "romanian_deadlift 3x8 @ 40kg progress +2.5kg/week",  # 8 weeks: +44 %, a gentle block
    "romanian_deadlift 3x8 @ 40kg progress +10kg/session",  # a novice linear progression
    "romanian_deadlift 3x6-8 @ 40kg progress double +10kg",  # reps first
    "push_up 3x6 progress +2reps/week",  # not a load
])
def test_wol109_leaves_gentle_and_self_paced_progressions(line: str) -> None:
    assert found("WOL109", plan(8, line)) == []


def test_wol109_skips_supplement_plans() -> None:
    assert found("WOL109", plan(8, STEEP, header=" supplement")) == []


# --- WOL112 low-dose -------------------------------------------------------------

LEGS = ("squat 3x8", "romanian_deadlift 3x8", "step_up 3x8 each_leg")


@pytest.mark.parametrize(("lines", "warns"), [
    (("plank 2x30s",), False),
    (("plank 1x30s",), True),
    (("warmup:", "  plank 3x30s"), True),  # warm-up sets are not working sets
    (("superset 2 rounds:", "  plank 30s", "  push_up 10"), False),  # rounds are sets
    (("superset:", "  plank 30s", "  push_up 10"), True),  # no rounds written: one
])
def test_wol112_two_working_sets(lines: tuple[str, ...], warns: bool) -> None:
    rest = REST_OF_WEEK.replace("    plank 3x30s\n", "")
    assert bool(found("WOL112", plan(1, *LEGS, *lines, rest=rest))) is warns


def test_wol112_counts_a_session_on_two_days_twice() -> None:
    rest = REST_OF_WEEK.replace("    plank 3x30s\n", "")
    text = plan(1, *LEGS, "plank 1x30s", rest=rest).replace("on mon:", "on mon, wed:")
    assert found("WOL112", text) == []


def test_wol112_does_not_judge_deload_weeks() -> None:
    # 2 sets of plank cut to 1 in the deload week: its point
    text = plan(2, *LEGS, "plank 2x30s", rest=REST_OF_WEEK.replace("plank 3x30s", "push_up 3x10"))
    assert found("WOL112", text + "  week 2 deload 50%\n") == []


# --- sessions that change from week to week after one that does not --------------

def two_sessions(weeks: int, first: str, second: str) -> str:
    return (f'plan "P" weeks {weeks}:\n  session "A" on mon:\n    {first}\n'
            f'  session "B" on thu:\n    {second}\n{REST_OF_WEEK.replace("on thu", "on sat")}')


def test_wol108_follows_a_progression_in_a_later_session() -> None:
    # "A" is the same every week; "B" climbs: each week's "B" must still be read
    text = two_sessions(6, "glute_bridge 3x10", "romanian_deadlift 3x8 @ 40kg progress +5kg/week")
    assert len(found("WOL108", text)) == 1


def test_wol108_reports_a_line_once_for_all_its_set_groups() -> None:
    text = plan(8, "romanian_deadlift 1x5 @ 60kg, 3x5 @ 50kg progress +10kg/week")
    assert len(found("WOL108", text)) == 1


def test_wol109_finds_a_load_step_after_a_line_that_climbs_by_reps() -> None:
    text = plan(8, "push_up 3x6 progress +1rep/week",
                "romanian_deadlift 3x8 @ 40kg progress +5kg/week")
    assert found("WOL109", text) == [
        "weeks 1-8: 8 weeks of progression without a deload week (romanian_deadlift 40kg "
        "to 75kg): add a deload week after at most 6 weeks of progression (`week N "
        "deload`, or `deload every N weeks` in the plan header)"]


def test_wol110_reports_each_session_that_goes_past() -> None:
    # "A" is past 100 from week 1; "B" only from week 3 (10 x 11)
    text = two_sessions(3, "box_jump 11x10 progress +1rep/week",
                        "pogo_jump 10x9 progress +1rep/week")
    assert [m.split(" foot contacts")[0] for m in found("WOL110", text)] == [
        '"A" has 110', '"B" has 110']


def test_wol112_names_a_run_of_weeks() -> None:
    rest = REST_OF_WEEK.replace("    plank 3x30s\n", "")
    assert found("WOL112", plan(2, *LEGS, "plank 1x30s", rest=rest)) == [
        "weeks 1-2 have a token dose of core work (1 working set: plank): give it at least "
        "2 working sets a week"]
