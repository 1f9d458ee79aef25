"""Rules about dose: jumps in a session (WOL110), the length of a session (WOL111)
and a token dose of the work the coverage checks ask for (WOL112).

They read the expanded weeks; weeks share session instances, so each instance is
weighed once, and a written session is reported once (at its header), for the
first week it goes past the bound.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..diagnostics import Diagnostic, make
from ..expand import BlockInstance, ExpandedPlan, Item, SessionInstance, WeekInstance
from ..limits import (
    BLOCK_SWITCH_S,
    MAX_FOOT_CONTACTS,
    MAX_SESSION_MINUTES,
    MAX_SET_S,
    METRE_S,
    MIN_WORKING_SETS,
    REP_S,
    REST_S,
    SETUP_S,
)
from ..vocabulary import BLOCK_KINDS, BOTH_SIDES, ROUNDED_BLOCKS
from .context import Context
from .weeks import _week_runs, _weeks_text, _whole_week_plans

PLYOMETRIC = "plyometric"  # the catalogue tag WOL110 counts
# warm-up and cool-down: their sets are not working sets (WOL112)
WARM_UP_BLOCKS = tuple(kind for kind in BLOCK_KINDS if kind not in ROUNDED_BLOCKS)
# WOL112: the coverage groups whose dose is judged, with their words in a message
DOSED = (("core", "core"), ("posterior_chain", "posterior-chain"),
         ("single_leg", "single-leg"))


def _sides(item: Item) -> int:
    """`each_leg`/`each_side`: each set is done twice, once a side."""
    return 2 if item.side in BOTH_SIDES else 1


def _sessions_once(plan: ExpandedPlan) -> Iterator[tuple[WeekInstance, SessionInstance]]:
    """Each session instance of the plan once, with the first week that does it."""
    seen: set[int] = set()
    for week in plan.weeks:
        for session in week.sessions:
            if id(session) not in seen:
                seen.add(id(session))
                yield week, session


def _in_week(plan: ExpandedPlan, week: WeekInstance) -> str:
    return "" if len(plan.weeks) == 1 else f" in week {week.number}"


def foot_contacts(session: SessionInstance) -> list[tuple[str, int]]:
    """(exercise, foot contacts) of the session's plyometric work: reps a set (the top
    of a range; a `max` set its minimum) × sets × a block's rounds, twice for
    `each_leg`. Timed plyometric work is not counted (write it in reps)."""
    out: dict[str, int] = {}
    for entry in session.items:
        rounds = entry.rounds or 1 if isinstance(entry, BlockInstance) else 1
        items = entry.items if isinstance(entry, BlockInstance) else (entry,)
        for item in items:
            reps = item.reps_max if item.reps_max is not None else item.reps_min
            if PLYOMETRIC not in item.exercise.tags or reps is None:
                continue
            count = rounds * (item.sets or 1) * reps * _sides(item)
            out[item.line.name] = out.get(item.line.name, 0) + count
    return list(out.items())


def plyometric_dose(context: Context) -> Iterator[Diagnostic]:
    """More than 100 foot contacts of plyometric work in a session.

    A foot contact is a landing: reps a set (the top of a range) × sets (× rounds in
    a superset or circuit), twice for `each_leg` (each leg lands its own). 100 a
    session is the NSCA's ceiling for a beginner (Essentials of Strength Training
    and Conditioning: 80-100 beginner, 100-120 intermediate, 120-140 advanced), and
    a runner's legs already land thousands of times on a run. Timed plyometric work
    (`pogo_jump 3x30s`) is not counted: write it in reps to have it counted.

    Bad:
        session "Jumps" on mon:
          box_jump 10x10
          depth_jump 5x10
    Good:
        session "Jumps" on mon:
          box_jump 5x5
          depth_jump 3x5
    """
    for plan in context.plans:
        reported: set[int] = set()
        for week, session in _sessions_once(plan):
            if id(session.session) in reported:
                continue
            counts = foot_contacts(session)
            total = sum(count for _, count in counts)
            if total <= MAX_FOOT_CONTACTS:
                continue
            reported.add(id(session.session))
            parts = ", ".join(f"{name} {count}" for name, count in counts)
            yield make("WOL110", session.session.span,
                       f'"{session.name}" has {total} foot contacts of plyometric work'
                       f"{_in_week(plan, week)} ({parts}): keep a session to "
                       f"{MAX_FOOT_CONTACTS} or fewer: cut sets or reps, or spread the "
                       "jumps over more days")


def _set_seconds(item: Item) -> float:
    """One set's work, one side: its time, its distance walked, or its reps at the
    tempo (the sum of its phases, `x` a second) or at REP_S a rep."""
    if item.duration_s is not None:
        return float(item.duration_s)
    if item.distance_m is not None:
        return item.distance_m * METRE_S
    reps = item.reps_max if item.reps_max is not None else item.reps_min
    if reps is None:
        return float(MAX_SET_S)  # `max` with no minimum
    rep = sum(1 if part is None else part for part in item.tempo) if item.tempo else REP_S
    return float(reps * max(rep, 1))


def _rest(rest_s: int | None) -> int:
    """A written rest, or REST_S where none is written or it is `rest lap`."""
    return REST_S if rest_s is None else rest_s


def session_seconds(session: SessionInstance) -> float:
    """WOL111's estimate of a session, in seconds.

    A line: sets × its set's work (× 2 for `each_leg`), a rest between sets (the
    written rest, else REST_S; `rest lap` counts REST_S), and SETUP_S to set up (a
    later group of a set scheme rests instead). A superset or circuit: each round
    does every exercise's sets for the round, BLOCK_SWITCH_S between exercises, the
    block's rest between rounds, and SETUP_S once. A warm-up or cool-down line:
    its work and rests, BLOCK_SWITCH_S to set up."""
    total = 0.0
    for entry in session.items:
        if isinstance(entry, BlockInstance) and entry.kind not in WARM_UP_BLOCKS:
            rounds = entry.rounds or 1
            one = sum((item.sets or 1) * _sides(item) * _set_seconds(item)
                      for item in entry.items)
            one += (len(entry.items) - 1) * BLOCK_SWITCH_S
            total += rounds * one + (rounds - 1) * _rest(entry.rest_s) + SETUP_S
            continue
        warm_up = isinstance(entry, BlockInstance)
        for item in entry.items if isinstance(entry, BlockInstance) else (entry,):
            sets = item.sets or 1
            total += sets * _sides(item) * _set_seconds(item)
            total += (sets - 1) * _rest(item.rest_s)
            total += BLOCK_SWITCH_S if warm_up else SETUP_S if item.group == 0 \
                else _rest(item.rest_s)
    return total


def session_length(context: Context) -> Iterator[Diagnostic]:
    """A session estimated at over 75 minutes (sets, reps at tempo, rests).

    The estimate: a rep lasts its tempo (`3-1-1` is 5 s; `x` a second), else 3 s; a
    timed set its time; a carry a second a metre; a `max` set with no minimum 40 s.
    `each_leg` doubles the work. Rests are as written; an unwritten rest or `rest
    lap` counts 60 s. Each exercise takes 60 s to set up; inside a superset or
    circuit, 15 s to move to the next exercise, and warm-up and cool-down lines 15 s.

    Bad:
        session "Everything" on mon:
          squat 5x5 @ 80kg tempo 3-1-1 rest 3min
          romanian_deadlift 5x8 @ 60kg tempo 3-1-1 rest 3min
          step_up 5x10 each_leg tempo 3-1-1 rest 2min
          plank 8x2min rest 1min
    Good:
        session "Lower body" on mon:
          squat 3x5 @ 80kg tempo 3-1-1 rest 3min
          romanian_deadlift 3x8 @ 60kg tempo 3-1-1 rest 2min
          step_up 3x8 each_leg tempo 3-1-1 rest 1min30s
          plank 3x45s rest 1min
    """
    for plan in context.plans:
        # id(written session) → (first week past the bound, its estimate, the longest
        # estimate and its week), in the order the sessions first go past it
        found: dict[int, tuple[SessionInstance, WeekInstance, float, WeekInstance, float]] = {}
        for week, session in _sessions_once(plan):
            seconds = session_seconds(session)
            if seconds <= MAX_SESSION_MINUTES * 60:
                continue
            key = id(session.session)
            if key not in found:
                found[key] = (session, week, seconds, week, seconds)
            elif seconds > found[key][4]:
                found[key] = (*found[key][:3], week, seconds)
        for session, week, seconds, longest_week, longest in found.values():
            most = "" if longest == seconds else \
                f", up to {math.ceil(longest / 60)}{_in_week(plan, longest_week)}"
            yield make("WOL111", session.session.span,
                       f'"{session.name}" is estimated at {math.ceil(seconds / 60)} minutes'
                       f"{_in_week(plan, week)}{most} (sets, reps at tempo, rests): keep a "
                       f"session to {MAX_SESSION_MINUTES} minutes: cut sets or exercises, "
                       "or split it over two days")


# id(session) → its _working_sets (weeks share session instances)
_DoseMemo = dict[int, tuple[tuple[int, bool, str], ...]]


def _working_sets(session: SessionInstance) -> tuple[tuple[int, bool, str], ...]:
    """For each DOSED tag: (working sets, whether any work has the tag, the first
    exercise with it). Warm-up and cool-down sets are not working sets; a block's
    rounds multiply its sets."""
    sets = [0] * len(DOSED)
    some = [False] * len(DOSED)
    names = [""] * len(DOSED)
    for entry in session.items:
        if isinstance(entry, BlockInstance):
            items, rounds = entry.items, entry.rounds or 1
            working = entry.kind not in WARM_UP_BLOCKS
        else:
            items, rounds, working = (entry,), 1, True
        for item in items:
            for index, (tag, _) in enumerate(DOSED):
                if tag in item.exercise.tags:
                    some[index] = True
                    names[index] = names[index] or item.line.name
                    sets[index] += rounds * (item.sets or 1) if working else 0
    return tuple(zip(sets, some, names, strict=True))


def low_dose(context: Context) -> Iterator[Diagnostic]:
    """A week whose core, posterior-chain or single-leg work is a token dose (under 2 sets).

    The coverage checks (WOL101, WOL102, WOL104) ask for some of that work each
    week; this one asks that it be a dose: 2 or more working sets in the week (a
    session `on mon, thu` counts twice; a superset's rounds multiply its sets).
    Warm-up and cool-down sets are not working sets. Deload weeks are not judged:
    a low dose is their point.

    Bad:
        session "Legs" on mon:
          squat 3x8
          glute_bridge 1x1
    Good:
        session "Legs" on mon:
          squat 3x8
          glute_bridge 2x12

    Not checked for a `supplement` plan (one that adds to a running week).
    """
    for plan in _whole_week_plans(context):
        memo: _DoseMemo = {}
        for index, (_, words) in enumerate(DOSED):
            def token(week: WeekInstance, index: int = index, memo: _DoseMemo = memo) -> bool:
                sets, some, _ = week_dose(week, memo)[index]
                return not week.deload and some and sets < MIN_WORKING_SETS

            for run in _week_runs(plan, token):
                sets, _, name = week_dose(run[0], memo)[index]
                text = _weeks_text(run, plan)
                verb = "has" if text.startswith(("week ", "the")) else "have"
                what = f"{name} only in a warm-up or cool-down" if not sets else \
                    f"{sets} working set{'s' * (sets != 1)}: {name}"
                yield make("WOL112", run[0].span,
                           f"{text} {verb} a token dose of {words} work ({what}): give it "
                           f"at least {MIN_WORKING_SETS} working sets a week")


def week_dose(week: WeekInstance, memo: _DoseMemo | None = None
              ) -> tuple[tuple[int, bool, str], ...]:
    """For each DOSED tag, the week's (working sets, whether any work has the tag,
    the first exercise with it): a session `on mon, thu` counts twice."""
    memo = {} if memo is None else memo
    sets = [0] * len(DOSED)
    some = [False] * len(DOSED)
    names = [""] * len(DOSED)
    for session in week.sessions:
        if id(session) not in memo:
            memo[id(session)] = _working_sets(session)
        for index, (found_sets, found, found_name) in enumerate(memo[id(session)]):
            sets[index] += found_sets * max(len(session.days), 1)
            some[index] = some[index] or found
            names[index] = names[index] or found_name
    return tuple(zip(sets, some, names, strict=True))
