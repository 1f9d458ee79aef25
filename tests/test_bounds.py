"""WOL003 at every bound: a value at the limit passes, one step past it is reported
with its exact message and hint. The limits are those of workoutlang/limits.py (and of
the check itself, for words such as band levels and days).

Each case is a piece of a plan file, the place it goes (`line`, `session`, `plan`,
`file`), and what WOL003 must say about it: nothing (`OK`), or (message, hint).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

import workoutlang as wol
from workoutlang import limits
from workoutlang.diagnostics import Severity

OK: tuple[tuple[str, str | None], ...] = ()


class Case(NamedTuple):
    id: str
    source: str
    expected: tuple[tuple[str, str | None], ...]


def line(text: str, units: str = "kg") -> str:
    """An exercise line (or lines) in a one-week plan."""
    body = "".join(f"    {t}\n" for t in text.split("\n"))
    return f'plan "P" units {units}:\n  session "A" on mon:\n{body}'


def block(header: str, *lines: str) -> str:
    body = "".join(f"      {t}\n" for t in lines)
    return f'plan "P":\n  session "A" on mon:\n    {header}:\n{body}'


def plan(header_options: str, *body: str) -> str:
    """A plan with these header options; its body defaults to one session."""
    text = "\n".join(body) if body else '  session "A" on mon:\n    plank 3x30s'
    return f'plan "P"{header_options}:\n{text}\n'


def session(days: str) -> str:
    return f'plan "P":\n  session "A" on {days}:\n    plank 3x30s\n'


def per_week(times: str) -> str:
    return f'plan "P":\n  session "A" {times} per week:\n    plank 3x30s\n'


def maxes(*lines: str, body: str = "squat 3x5 @ 60kg", cycle: str = "") -> str:
    """Max lines at the top of a plan, then one session."""
    rows = "".join(f"  {x}\n" for x in lines)
    session = "".join(f"    {x}\n" for x in body.split("\n"))
    return f'plan "P" weeks 4{cycle}:\n{rows}  session "A" on mon:\n{session}'


def rotation(days: str, *sessions: str) -> str:
    text = "".join(f"    session {s}:\n      plank 3x30s\n" for s in sessions)
    return f'plan "P":\n  rotation on {days}:\n{text}'


def definition(*properties: str) -> str:
    body = "".join(f"  {p}\n" for p in properties)
    return f'exercise sled_push:\n{body}plan "P":\n  session "A" on mon:\n    plank 3x30s\n'


def bad(message: str, hint: str | None) -> tuple[tuple[str, str | None], ...]:
    return ((message, hint),)


SETS = f"give between 1 and {limits.MAX_SETS} sets"
REPS = f"give between 1 and {limits.MAX_REPS} reps"
ROUNDS = f"give between 1 and {limits.MAX_SETS} rounds"
WEEKS = f"give between 1 and {limits.MAX_WEEKS} weeks"
RPE = "RPE runs from 1 to 10: give e.g. rpe 7"
RIR = "reps in reserve runs from 0 to 10: give e.g. rir 2"
SHARE = "give 1% to 120%"
DELOAD = "give a percentage between 1% and 99%, e.g. 60%"
METRES = "check the units: m is metres, km kilometres, yd yards"
TIMES = f"give between 1 and {limits.MAX_TIMES_A_WEEK} times a week"
TM = "the training max is a share of the max: give 1% to 100%, e.g. tm 90%"
NO_CYCLE = "add `cycle N` (weeks a cycle) to the plan header, or write /week"
ROUND = "check the number and unit: round is the smallest step your plates make, e.g. round 2.5kg"
DOUBLE = ("give a range such as 3x8-12, or progress by a fixed step such as "
          "+2.5kg/week")
TEMPO_PARTS = "give 3 or 4: eccentric-pause-concentric[-pause], e.g. 3-1-1"
UNILATERAL = "remove the words after unilateral"

CASES = [
    # sets: 1..MAX_SETS
    Case("sets-1", line("squat 1x8"), OK),
    Case("sets-100", line("squat 100x8"), OK),
    Case("sets-101", line("squat 101x8"), bad("101 sets is out of range", SETS)),
    Case("sets-0", line("squat 0x8"), bad("0 sets is out of range", SETS)),
    Case("sets-0-timed", line("plank 0x30s"), bad("0 sets is out of range", SETS)),
    Case("sets-0-max", line("push_up 0xmax"), bad("0 sets is out of range", SETS)),
    # the parser reads a number of more than 12 digits as 10**12
    Case("sets-12-digits", line("squat 999999999999x8"),
         bad("999999999999 sets is out of range", SETS)),
    Case("sets-13-digits", line("squat 9999999999999x8"),
         bad("1000000000000 sets is out of range", SETS)),
    # reps: 1..MAX_REPS, a range low to high
    Case("reps-1", line("squat 3x1"), OK),
    Case("reps-1000", line("squat 3x1000"), OK),
    Case("reps-1001", line("squat 3x1001"),
         bad("3x1001 asks for an impossible number of reps", REPS)),
    Case("reps-0", line("squat 3x0"), bad("3x0 asks for an impossible number of reps", REPS)),
    Case("reps-range", line("squat 3x8-12"), OK),
    Case("reps-range-equal", line("squat 3x8-8"), OK),
    Case("reps-range-1-1000", line("squat 3x1-1000"), OK),
    Case("reps-range-reversed", line("squat 3x12-8"),
         bad("the rep range 12-8 is reversed", "write 8-12")),
    Case("reps-range-reversed-by-one", line("squat 3x9-8"),
         bad("the rep range 9-8 is reversed", "write 8-9")),
    Case("reps-range-to-1001", line("squat 3x8-1001"),
         bad("3x8-1001 asks for an impossible number of reps", REPS)),
    Case("reps-range-from-0", line("squat 3x0-8"),
         bad("3x0-8 asks for an impossible number of reps", REPS)),
    Case("reps-per-round-0", block("superset 3 rounds", "squat 0", "plank 30s"),
         bad("0 asks for an impossible number of reps", REPS)),
    Case("reps-per-round-1000", block("superset 3 rounds", "squat 1000", "plank 30s"), OK),
    # a set's time: 1 s .. 4 h
    Case("time-1s", line("plank 3x1s"), OK),
    Case("time-0s", line("plank 3x0s"), bad("a time of zero does nothing", "give at least 1s")),
    Case("time-0min", line("plank 3x0min"),
         bad("a time of zero does nothing", "give at least 1s")),
    Case("time-4h", line("plank 3x4h"), OK),
    Case("time-240min", line("plank 3x240min"), OK),
    Case("time-old-minutes", line("plank 3x1m30s"), OK),  # still a time: it cannot be metres
    # a set's distance: more than 0 m, at most MAX_METRES
    Case("distance-0m", line("farmer_carry 3x0m @ 24kg"),
         bad("a distance of zero does nothing", "give at least 1m")),
    Case("distance-1m", line("farmer_carry 3x1m @ 24kg"), OK),
    Case("distance-50km", line("farmer_carry 1x50km @ 24kg"), OK),
    Case("distance-50001m", line("farmer_carry 1x50001m @ 24kg"),
         bad("a distance of 50001m is over 50 km", METRES)),
    Case("distance-54680yd", line("farmer_carry 1x54680yd @ 24kg"), OK),  # 49,999.4 m
    Case("distance-54681yd", line("farmer_carry 1x54681yd @ 24kg"),  # 50,000.3 m
         bad("a distance of 54681yd is over 50 km", METRES)),
    Case("distance-per-round-0m", block("circuit 3 rounds", "farmer_carry 0m @ 24kg",
                                        "plank 30s"),
         bad("a distance of zero does nothing", "give at least 1m")),
    Case("time-4h1s", line("plank 3x4h1s"),
         bad("a time of 4h1s is over 4 hours", "check the units")),
    Case("time-14401s", line("plank 3x14401s"),
         bad("a time of 14401s is over 4 hours", "check the units")),
    Case("time-per-round-0s", block("superset 3 rounds", "plank 0s"),
         bad("a time of zero does nothing", "give at least 1s")),
    Case("time-per-round-4h1s", block("circuit 2 rounds", "plank 4h1s"),
         bad("a time of 4h1s is over 4 hours", "check the units")),
    # rests: a line's and a block's
    Case("rest-1s", line("squat 3x8 rest 1s"), OK),
    Case("rest-0s", line("squat 3x8 rest 0s"),
         bad("a rest of zero does nothing", "give at least 1s")),
    Case("rest-4h", line("squat 3x8 rest 4h"), OK),
    Case("rest-4h1s", line("squat 3x8 rest 4h1s"),
         bad("a rest of 4h1s is over 4 hours", "check the units")),
    Case("block-rest-4h", block("superset 3 rounds rest 4h", "plank 30s"), OK),
    Case("block-rest-4h1s", block("superset 3 rounds rest 4h1s", "plank 30s"),
         bad("a rest of 4h1s is over 4 hours", "check the units")),
    Case("block-rest-0s", block("circuit 3 rounds rest 0s", "plank 30s"),
         bad("a rest of zero does nothing", "give at least 1s")),
    Case("warmup-rest-4h1s", block("warmup rest 4h1s", "leg_swing 1x10 each_leg"),
         bad("a rest of 4h1s is over 4 hours", "check the units")),
    # weights: over 1000 kg (or its pound equivalent), zero
    Case("kg-1000", line("squat 3x8 @ 1000kg"), OK),
    Case("kg-1000.5", line("squat 3x8 @ 1000.5kg"),
         bad("1000.5kg is over 1000 kg", "check the number and unit")),
    Case("lb-2204", line("squat 3x8 @ 2204lb", units="lb"), OK),  # 999.7 kg
    Case("lb-2205", line("squat 3x8 @ 2205lb", units="lb"),  # 1000.2 kg
         bad("2205lb is over 1000 kg", "check the number and unit")),
    Case("lb-1000-is-not-kg", line("squat 3x8 @ 1001lb", units="lb"), OK),
    Case("kg-0", line("squat 3x8 @ 0kg"),
         bad("a load of zero kg or lb", "write @ bw for bodyweight")),
    Case("lb-0", line("squat 3x8 @ 0lb", units="lb"),
         bad("a load of zero kg or lb", "write @ bw for bodyweight")),
    Case("kg-0.5", line("squat 3x8 @ 0.5kg"), OK),
    Case("kg-13-digits", line("squat 3x8 @ 9999999999999kg"),
         bad("9999999999999kg is over 1000 kg", "check the number and unit")),
    Case("bw", line("push_up 3x8 @ bw"), OK),
    Case("bw-plus-1000kg", line("push_up 3x8 @ bw+1000kg"), OK),
    Case("bw-plus-1000.5kg", line("push_up 3x8 @ bw+1000.5kg"),
         bad("bw+1000.5kg is over 1000 kg", "check the number and unit")),
    Case("bw-plus-2205lb", line("push_up 3x8 @ bw+2205lb", units="lb"),
         bad("bw+2205lb is over 1000 kg", "check the number and unit")),
    Case("bw-plus-0kg", line("push_up 3x8 @ bw+0kg"), OK),  # nothing extra: still a load
    # share of one-rep max: (0, 120]
    Case("1rm-120", line("squat 3x8 @ 120%1rm"), OK),
    Case("1rm-120.5", line("squat 3x8 @ 120.5%1rm"),
         bad("120.5%1rm is not a usable share of one-rep max", SHARE)),
    Case("1rm-0", line("squat 3x8 @ 0%1rm"),
         bad("0%1rm is not a usable share of one-rep max", SHARE)),
    Case("1rm-0.5", line("squat 3x8 @ 0.5%1rm"), OK),
    # effort: rpe 1..10, rir 0..10
    Case("rpe-1", line("squat 3x8 @ rpe 1"), OK),
    Case("rpe-10", line("squat 3x8 @ rpe 10"), OK),
    Case("rpe-7.5", line("squat 3x8 @ rpe 7.5"), OK),
    Case("rpe-0.5", line("squat 3x8 @ rpe 0.5"), bad("rpe 0.5 is out of range", RPE)),
    Case("rpe-0", line("squat 3x8 @ rpe 0"), bad("rpe 0 is out of range", RPE)),
    Case("rpe-10.5", line("squat 3x8 @ rpe 10.5"), bad("rpe 10.5 is out of range", RPE)),
    Case("rpe-11", line("squat 3x8 @ rpe 11"), bad("rpe 11 is out of range", RPE)),
    Case("rir-0", line("squat 3x8 @ rir 0"), OK),
    Case("rir-10", line("squat 3x8 @ rir 10"), OK),
    Case("rir-11", line("squat 3x8 @ rir 11"), bad("rir 11 is out of range", RIR)),
    # bands
    Case("band-light", line("pallof_press 3x12 each_side @ band:light"), OK),
    Case("band-heavy", line("pallof_press 3x12 each_side @ band:heavy"), OK),
    Case("band-typo", line("pallof_press 3x12 each_side @ band:mediun"),
         bad("band:mediun is not a band level", "did you mean band:medium?")),
    Case("band-unknown", line("pallof_press 3x12 each_side @ band:purple"),
         bad("band:purple is not a band level", "write band:light, band:medium or band:heavy")),
    # tempo: 3 or 4 parts, each at most a minute
    Case("tempo-3", line("squat 3x8 tempo 3-1-1"), OK),
    Case("tempo-4", line("squat 3x8 tempo 3-1-1-0"), OK),
    Case("tempo-explosive", line("squat 3x8 tempo 3-0-x"), OK),
    Case("tempo-2", line("squat 3x8 tempo 3-1"), bad("tempo 3-1 has 2 parts", TEMPO_PARTS)),
    Case("tempo-5", line("squat 3x8 tempo 3-1-1-1-1"),
         bad("tempo 3-1-1-1-1 has 5 parts", TEMPO_PARTS)),
    Case("tempo-1", line("squat 3x8 tempo 3"), bad("tempo 3 has 1 parts", TEMPO_PARTS)),
    Case("tempo-60", line("squat 3x8 tempo 60-1-1"), OK),
    Case("tempo-61", line("squat 3x8 tempo 61-1-1"),
         bad("tempo 61-1-1 has a phase over a minute", "tempo phases are seconds, e.g. 3-1-1")),
    Case("tempo-61-last", line("squat 3x8 tempo 3-1-1-61"),
         bad("tempo 3-1-1-61 has a phase over a minute", "tempo phases are seconds, e.g. 3-1-1")),
    # weeks: 1..MAX_WEEKS
    Case("weeks-1", plan(" weeks 1"), OK),
    Case("weeks-520", plan(" weeks 520"), OK),
    Case("weeks-0", plan(" weeks 0"), bad("a plan of 0 weeks is out of range", WEEKS)),
    Case("weeks-521", plan(" weeks 521"), bad("a plan of 521 weeks is out of range", WEEKS)),
    Case("start-date", plan(" start 2027-01-04"), OK),
    Case("start-not-a-date", plan(" start 2027-02-30"),
         bad("2027-02-30 is not a date", "write the date as YYYY-MM-DD, e.g. 2027-01-04")),
    # deloads: a percentage strictly between 0 and 100, every 2 weeks or more
    Case("deload-every-2", plan(" weeks 8 deload every 2 weeks"), OK),
    Case("deload-every-1", plan(" weeks 8 deload every 1 weeks"),
         bad("a deload every week leaves no training week", "deload every 3 to 6 weeks")),
    Case("deload-every-0", plan(" weeks 8 deload every 0 weeks"),
         bad("a deload every week leaves no training week", "deload every 3 to 6 weeks")),
    Case("deload-every-99.5", plan(" weeks 8 deload every 4 weeks 99.5%"), OK),
    Case("deload-every-100", plan(" weeks 8 deload every 4 weeks 100%"),
         bad("a deload to 100% is not a deload", DELOAD)),
    Case("deload-every-0.5", plan(" weeks 8 deload every 4 weeks 0.5%"), OK),
    Case("deload-every-0%", plan(" weeks 8 deload every 4 weeks 0%"),
         bad("a deload to 0% is not a deload", DELOAD)),
    Case("deload-week-60", plan(" weeks 4", '  week 4 deload 60%:',
                                '    session "D" on mon:', "      plank 3x30s"), OK),
    Case("deload-week-100", plan(" weeks 4", '  week 4 deload 100%:',
                                 '    session "D" on mon:', "      plank 3x30s"),
         bad("a deload to 100% is not a deload", DELOAD)),
    Case("deload-week-0", plan(" weeks 4", '  week 4 deload 0%:',
                               '    session "D" on mon:', "      plank 3x30s"),
         bad("a deload to 0% is not a deload", DELOAD)),
    # week blocks: inside 1..weeks, not reversed, not overlapping
    Case("week-block-last", plan(" weeks 4", "  week 3-4:", '    session "W" on mon:',
                                 "      plank 3x30s"), OK),
    Case("week-block-reversed", plan(" weeks 4", "  week 3-2:", '    session "W" on mon:',
                                     "      plank 3x30s"),
         bad("the week range 3-2 is reversed: write 2-3", None)),
    Case("week-block-0", plan(" weeks 4", "  week 0:", '    session "W" on mon:',
                              "      plank 3x30s"),
         bad("week 0: weeks are numbered from 1", None)),
    Case("week-block-past-the-end", plan(" weeks 4", "  week 4-5:", '    session "W" on mon:',
                                         "      plank 3x30s"),
         bad("week 4-5 is outside the plan's 4 weeks: add `weeks 5` to the plan header, "
             "or change the range", None)),
    Case("week-block-one-week-plan", plan("", "  week 2:", '    session "W" on mon:',
                                          "      plank 3x30s"),
         bad("week 2 is outside the plan's 1 week: add `weeks 2` to the plan header, "
             "or change the range", None)),
    Case("week-blocks-touching", plan(" weeks 4", "  week 1-2:", '    session "W" on mon:',
                                      "      plank 3x30s", "  week 3-4:",
                                      '    session "X" on mon:', "      plank 3x30s"), OK),
    Case("week-blocks-overlapping", plan(" weeks 4", "  week 1-2:", '    session "W" on mon:',
                                         "      plank 3x30s", "  week 2-3:",
                                         '    session "X" on mon:', "      plank 3x30s"),
         bad("week 2-3 overlaps week 1-2 on line 2: week 2 would have two blocks; "
             "give each week one block", None)),
    Case("week-blocks-overlapping-twice", plan(" weeks 4", "  week 1-3:",
                                               '    session "W" on mon:', "      plank 3x30s",
                                               "  week 2-4:", '    session "X" on mon:',
                                               "      plank 3x30s"),
         bad("week 2-4 overlaps week 1-3 on line 2: weeks 2-3 would have two blocks; "
             "give each week one block", None)),
    # days
    Case("days", session("mon, wed, sun"), OK),
    Case("day-typo", session("mom"), bad("'mom' is not a day", "did you mean mon?")),
    Case("day-long", session("monday"), bad("'monday' is not a day", "did you mean mon?")),
    Case("day-unknown", session("xyz"),
         bad("'xyz' is not a day", "days are mon, tue, wed, thu, fri, sat, sun")),
    # block rounds: 1..MAX_SETS; none for a warmup or cooldown; a circuit needs them
    Case("rounds-1", block("superset 1 rounds", "squat 8", "plank 30s"), OK),
    Case("rounds-100", block("circuit 100 rounds", "squat 8", "plank 30s"), OK),
    Case("rounds-101", block("superset 101 rounds", "squat 8", "plank 30s"),
         bad("101 rounds is out of range", ROUNDS)),
    Case("rounds-0", block("circuit 0 rounds", "squat 8", "plank 30s"),
         bad("0 rounds is out of range", ROUNDS)),
    Case("superset-without-rounds", block("superset", "squat 3x8", "plank 3x30s"), OK),
    Case("warmup-with-rounds", block("warmup 2 rounds", "leg_swing 1x10 each_leg"),
         bad("a warmup has no rounds", "use a superset or circuit for rounds")),
    Case("cooldown-with-rounds", block("cooldown 1 round", "leg_swing 1x10 each_leg"),
         bad("a cooldown has no rounds", "use a superset or circuit for rounds")),
    Case("circuit-without-rounds", block("circuit", "squat 8", "plank 30s"),
         bad("a circuit needs its number of rounds", "e.g. circuit 3 rounds:")),
    # progressions
    Case("progress-kg", line("squat 3x8 @ 40kg progress +2.5kg/week"), OK),
    Case("progress-bw-plus", line("push_up 3x8 @ bw+5kg progress +1kg/week"), OK),
    Case("progress-zero", line("squat 3x8 @ 40kg progress +0kg/week"),
         bad("a progression of zero changes nothing", "remove it, or give an amount")),
    Case("progress-zero-reps", line("squat 3x8 progress +0reps/week"),
         bad("a progression of zero changes nothing", "remove it, or give an amount")),
    Case("progress-kg-on-lb", line("squat 3x8 @ 100lb progress +2kg/week", units="lb"),
         bad("+2kg/week adds kg to a load in lb", "write the progression in lb")),
    Case("progress-lb-on-kg", line("squat 3x8 @ 40kg progress +5lb/week"),
         bad("+5lb/week adds lb to a load in kg", "write the progression in kg")),
    Case("progress-kg-no-load", line("squat 3x8 progress +2kg/week"),
         bad("+2kg/week needs a weight to add to", "give a load such as @ 40kg")),
    # on bodyweight, a weight progression is weight added to the body: bw+2kg, bw+4kg…
    Case("progress-kg-on-bw", line("push_up 3x8 @ bw progress +2kg/week"), OK),
    Case("double-kg-on-bw", line("pull_up 3x5-8 @ bw progress double +2.5kg"), OK),
    Case("progress-kg-on-rpe", line("squat 3x8 @ rpe 7 progress +2kg/week"),
         bad("+2kg/week needs a weight to add to", "give a load such as @ 40kg")),
    Case("progress-rep", line("squat 3x8 progress +1rep/week"), OK),
    Case("progress-rep-on-time", line("plank 3x30s progress +1rep/week"),
         bad("+1rep/week adds reps to a line without reps",
             "give a rep prescription such as 3x8, or progress by another unit")),
    Case("progress-rep-on-max", line("push_up 3xmax progress +1rep/week"),
         bad("+1rep/week adds reps to a line without reps",
             "give a rep prescription such as 3x8, or progress by another unit")),
    Case("progress-s", line("plank 3x30s progress +5s/week"), OK),
    Case("progress-s-on-reps", line("squat 3x8 progress +5s/week"),
         bad("+5s/week adds seconds to a line without a time",
             "give a timed prescription such as 3x30s")),
    Case("progress-set", line("squat 3x8 progress +1set/week"), OK),
    Case("progress-set-in-a-block", block("superset 3 rounds", "squat 3x8 progress +1set/week",
                                          "plank 30s"), OK),
    Case("progress-set-per-round", block("superset 3 rounds", "squat 8 progress +1set/week",
                                         "plank 30s"),
         bad("+1set/week adds sets to a per-round line", "give sets such as 3x8")),
    # language v2: sessions a week (1..MAX_TIMES_A_WEEK, low to high)
    Case("per-week-1", per_week("1"), OK),
    Case("per-week-1-2", per_week("1-2"), OK),
    Case("per-week-14", per_week("14"), OK),
    Case("per-week-0", per_week("0"), bad("0 per week is out of range", TIMES)),
    Case("per-week-15", per_week("15"), bad("15 per week is out of range", TIMES)),
    Case("per-week-2-15", per_week("2-15"), bad("2-15 per week is out of range", TIMES)),
    Case("per-week-reversed", per_week("2-1"),
         bad("the range 2-1 per week is reversed", "write 1-2 per week")),
    # cycle: 1..MAX_WEEKS weeks
    Case("cycle-1", plan(" weeks 4 cycle 1"), OK),
    Case("cycle-520", plan(" weeks 4 cycle 520"), OK),
    Case("cycle-0", plan(" weeks 4 cycle 0"),
         bad("a cycle of 0 weeks is out of range", "give between 1 and 520 weeks, e.g. cycle 4")),
    Case("cycle-521", plan(" weeks 4 cycle 521"),
         bad("a cycle of 521 weeks is out of range",
             "give between 1 and 520 weeks, e.g. cycle 4")),
    # round: more than 0, at most MAX_ROUND_KG
    Case("round-1kg", plan(" round 1kg"), OK),
    Case("round-25kg", plan(" round 25kg"), OK),
    Case("round-55lb", plan(" units lb round 55lb"), OK),  # 24.9 kg
    Case("round-0kg", plan(" round 0kg"),
         bad("round 0kg rounds to nothing", "give the smallest step your plates make, e.g. "
             "round 2.5kg, or leave it out (2.5kg, or 5lb)")),
    Case("round-25.5kg", plan(" round 25.5kg"), bad("round 25.5kg is over 25 kg", ROUND)),
    Case("round-56lb", plan(" units lb round 56lb"), bad("round 56lb is over 25 kg", ROUND)),
    # max lines: a weight as a load's, tm 1..100 %, a weight a cycle or a week, one a lift
    Case("max", maxes("max squat 100kg tm 90% progress +5kg/week"), OK),
    Case("max-1000kg", maxes("max squat 1000kg"), OK),
    Case("max-1000.5kg", maxes("max squat 1000.5kg"),
         bad("1000.5kg is over 1000 kg", "check the number and unit")),
    Case("max-0kg", maxes("max squat 0kg"),
         bad("a max of zero kg", "give the most you can lift once, e.g. max squat 100kg")),
    Case("max-tm-100", maxes("max squat 100kg tm 100%"), OK),
    Case("max-tm-0", maxes("max squat 100kg tm 0%"), bad("tm 0% is out of range", TM)),
    Case("max-tm-100.5", maxes("max squat 100kg tm 100.5%"),
         bad("tm 100.5% is out of range", TM)),
    Case("max-twice", maxes("max squat 100kg", "max squat 110kg"),
         bad("a second max for squat: keep one", "the first is on line 2")),
    Case("max-progress-cycle", maxes("max squat 100kg progress +5kg/cycle", cycle=" cycle 4"),
         OK),
    Case("max-progress-cycle-no-cycle", maxes("max squat 100kg progress +5kg/cycle"),
         bad("+5kg/cycle steps once a cycle, but the plan has no cycle", NO_CYCLE)),
    Case("max-progress-session", maxes("max squat 100kg progress +5kg/session"),
         bad("a max steps once a cycle or once a week, not each session",
             "write /cycle or /week")),
    Case("max-progress-no-period", maxes("max squat 100kg progress +5kg"),
         bad("a max steps once a cycle or once a week, not never", "write /cycle or /week")),
    Case("max-progress-reps", maxes("max squat 100kg progress +1rep/week"),
         bad("a max rises by a weight, not by +1rep/week", "write e.g. progress +5kg/cycle")),
    Case("max-progress-lb", maxes("max squat 100kg progress +5lb/week"),
         bad("+5lb/week adds lb to a max in kg", "write the progression in kg")),
    # percentages of a training max, efforts beside a load
    Case("tm-120", maxes("max squat 100kg", body="squat 1x1 @ 120%tm"), OK),
    Case("tm-0", maxes("max squat 100kg", body="squat 3x5 @ 0%tm"),
         bad("0%tm is not a usable share of the training max", SHARE)),
    Case("load-rpe", line("squat 3x5 @ 80kg rpe 8"), OK),
    Case("load-rpe-11", line("squat 3x5 @ 80kg rpe 11"), bad("rpe 11 is out of range", RPE)),
    Case("load-rir-11", line("squat 3x5 @ 60% rir 11"), bad("rir 11 is out of range", RIR)),
    # progressions in v2: a period, /cycle with a cycle, double on a rep range
    Case("progress-no-period", line("squat 3x8 @ 40kg progress +2.5kg"),
         bad("progress +2.5kg does not say how often it steps",
             "write /week, /session or /cycle, e.g. progress +2.5kg/week")),
    Case("progress-session", line("squat 3x8 @ 40kg progress +2.5kg/session"), OK),
    Case("progress-cycle", plan(" weeks 8 cycle 4", '  session "A" on mon:',
                                "    squat 3x8 @ 40kg progress +2.5kg/cycle"), OK),
    Case("progress-cycle-no-cycle", line("squat 3x8 @ 40kg progress +2.5kg/cycle"),
         bad("+2.5kg/cycle steps once a cycle, but the plan has no cycle", NO_CYCLE)),
    Case("double", line("squat 3x8-12 @ 40kg progress double +2kg"), OK),
    Case("double-week", line("squat 3x8-12 @ 40kg progress double +2kg/week"), OK),
    Case("double-no-range", line("squat 3x8 @ 40kg progress double +2kg"),
         bad("progress double climbs a rep range, and this line has none", DOUBLE)),
    Case("double-time", line("plank 3x30s progress double +2kg"),
         (("progress double climbs a rep range, and this line has none", DOUBLE),
          ("+2kg needs a weight to add to", "give a load such as @ 40kg"))),
    Case("double-reps", line("squat 3x8-12 @ 40kg progress double +1rep"),
         bad("progress double +1rep must add a weight once the reps reach the top",
             "write it in kg or lb, e.g. progress double +2kg")),
    Case("double-percent", line("squat 3x8-12 @ 60% progress double +2.5%1rm"),
         bad("progress double +2.5%1rm must add a weight once the reps reach the top",
             "write it in kg or lb, e.g. progress double +2kg")),
    Case("progress-percent", line("squat 3x5 @ 70%1rm progress +2.5%1rm/week"), OK),
    Case("progress-percent-on-kg", line("squat 3x5 @ 70kg progress +2.5%1rm/week"),
         bad("+2.5%1rm/week adds percentage points to a load that is not a percentage",
             "give a load such as @ 70%1rm, or progress by kg or lb")),
    Case("progress-percent-of-the-other-max",
         maxes("max squat 100kg", body="squat 3x5 @ 70%tm progress +2.5%1rm/week"),
         bad("+2.5%1rm/week adds %1rm to a load in %tm", "write the progression in %tm")),
    # a %tm progression is judged as a %1rm one is
    Case("progress-percent-tm-on-kg", line("squat 3x5 @ 70kg progress +2.5%tm/week"),
         bad("+2.5%tm/week adds percentage points to a load that is not a percentage",
             "give a load such as @ 70%1rm, or progress by kg or lb")),
    Case("progress-percent-tm-on-1rm", line("squat 3x5 @ 70%1rm progress +2.5%tm/week"),
         bad("+2.5%tm/week adds %tm to a load in %1rm", "write the progression in %1rm")),
    # a band has no amount, and is no body to add weight to
    Case("progress-kg-on-band",
         line("band_pull_apart 3x15 @ band:light progress +2kg/week"),
         bad("+2kg/week needs a weight to add to", "give a load such as @ 40kg")),
    Case("progress-kg-on-a-scheme", line("squat 1x5 @ 80kg, 3x5 @ 70kg progress +2.5kg/week"),
         OK),
    Case("progress-rep-on-amrap-minimum", line("push_up 1x5+ progress +1rep/week"), OK),
    # set schemes: sets on the first group; none in a superset or circuit
    Case("scheme", line("squat 1x5 @ 80kg rpe 8, 3x5 @ 70kg"), OK),
    Case("scheme-bare-first", line("squat 10, 3x5"),
         bad("10 has no sets, so it cannot start a set scheme", "write its sets, e.g. 1x10")),
    Case("scheme-group-bounds", line("squat 1x5 @ 80kg, 0x5 @ 2000kg"),
         (("0 sets is out of range", SETS),
          ("2000kg is over 1000 kg", "check the number and unit"))),
    Case("scheme-in-a-warmup", block("warmup", "squat 1x5 @ 20kg, 1x3 @ 40kg"), OK),
    Case("scheme-in-a-superset", block("superset 3 rounds", "squat 1x5 @ 80kg, 3x5 @ 70kg",
                                       "plank 30s"),
         bad("a set scheme cannot go in a superset: its rounds repeat every line",
             "give one prescription a line in a superset, or move the scheme out of it")),
    # rotations: sessions without days of their own, each day once
    Case("rotation", rotation("mon, wed, fri", '"A"', '"B"'), OK),
    Case("rotation-day-twice", rotation("mon, wed, mon", '"A"', '"B"'),
         bad("mon is listed twice in this rotation: keep one",
             "a rotation does one session a listed day")),
    Case("rotation-bad-day", rotation("mon, wdd", '"A"'),
         bad("'wdd' is not a day", "did you mean wed?")),
    Case("rotation-session-days", rotation("mon, wed", '"A" on tue, thu', '"B"'),
         bad('session "A" is in a rotation, which gives its days: remove its own `on …`',
             "the rotation's days are done in turn by its sessions")),
    Case("rotation-session-per-week", rotation("mon, wed", '"A" 2 per week', '"B"'),
         bad('session "A" is in a rotation, which gives its days: remove its own `per week`',
             "the rotation's days are done in turn by its sessions")),
    # waves: a load on the header is not used
    Case("wave", maxes("max squat 100kg", body="squat wave rest 3min:\n  1x5 @ 65%tm\n"
                       "  1x3 @ 70%tm"), OK),
    Case("wave-header-load", maxes("max squat 100kg", body="squat wave @ 60kg:\n  1x5 @ 65%tm"),
         bad("@ 60kg on a wave's header is not used: each row gives its own loads",
             "write the load after each row's sets, e.g. 1x5 @ 65%tm")),
    Case("wave-row-bounds", maxes("max squat 100kg", body="squat wave:\n  1x5 @ 65%tm\n"
                                  "  0x3 @ 70%tm"),
         bad("0 sets is out of range", SETS)),
    # exercise definitions
    Case("def-measure", definition("measure time"), OK),
    Case("def-measure-reps", definition("measure reps"), OK),
    Case("def-measure-distance", definition("measure distance"), OK),
    Case("def-measure-unknown", definition("measure weight"),
         bad("measure must be reps, time or distance", "write e.g. measure time")),
    Case("def-measure-empty", definition("measure"),
         bad("measure must be reps, time or distance", "write e.g. measure time")),
    Case("def-measure-two", definition("measure reps time"), OK),  # both, reps natural
    Case("def-measure-twice", definition("measure reps reps"),
         bad("measure must be reps, time or distance", "write e.g. measure time")),
    Case("def-fit", definition("fit plank/side_plank"), OK),
    Case("def-fit-one-word", definition("fit plank"),
         bad("fit takes a FIT category and name", "write e.g. fit plank/side_plank")),
    Case("def-unilateral", definition("unilateral"), OK),
    Case("def-unilateral-value", definition("unilateral yes"),
         bad("unilateral takes no value", UNILATERAL)),
    Case("def-bilateral-value", definition("bilateral yes"),
         bad("bilateral takes no value", "remove the words after bilateral")),
    Case("def-tags", definition("tags core"), OK),
    Case("def-tags-empty", definition("tags"),
         bad("tags needs at least one name", "write e.g. tags core")),
    Case("def-alias-empty", definition("alias"),
         bad("alias needs at least one name", "write e.g. alias core")),
    Case("def-note", definition('note "knees out"'), OK),
    Case("def-note-empty", definition("note"),
         bad("note takes one quoted text", 'write e.g. note "knees out"')),
    Case("def-note-two", definition('note "a" "b"'),
         bad("note takes one quoted text", 'write e.g. note "knees out"')),
]


def wol003(source: str) -> list[wol.Diagnostic]:
    """The WOL003 errors; its warnings (a weight a FIT workout cannot hold, a progression
    held at a bound) are tested in test_budgets.py and test_expand.py."""
    return [d for d in wol.check(wol.parse(source, "bounds.wol"))
            if d.code == "WOL003" and d.severity is Severity.ERROR]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bound(case: Case) -> None:
    found = wol003(case.source)
    assert [(d.message, d.hint) for d in found] == list(case.expected)


def test_case_ids_are_unique() -> None:
    assert len({c.id for c in CASES}) == len(CASES)
