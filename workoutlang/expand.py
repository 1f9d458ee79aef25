"""Expansion: the written plan → concrete weeks → sessions → exercises.

One pass applies week blocks, deloads and progressions; every output and the
week-level checks read its result, never the template directly. The rules
(which week uses which sessions, how progression counts, what a deload does,
how values are rounded and held inside the WOL003 bounds) are in docs/weeks.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Literal

import attrs

from . import syntax
from .catalogue import Catalogue, Exercise
from .diagnostics import Diagnostic
from .limits import (
    DEFAULT_ROUND_KG,
    DEFAULT_ROUND_LB,
    KG_PER_LB,
    MAX_KG,
    MAX_METRES,
    MAX_OTHER,
    MAX_PERCENT_1RM,
    MAX_REPS,
    MAX_SECONDS,
    MAX_SETS,
    MAX_TIMES_A_WEEK,
    MAX_TM_PERCENT,
)
from .memo import IdentityMemo
from .spelling import effort_text, load_text, prescription_text
from .vocabulary import (
    PERCENT_LOADS,
    PERCENT_OF,
    UNITS,
    WEIGHT_LOADS,
    LoadKind,
    Unit,
)
from .weeks import (
    OverBudget,
    WeekSlot,
    first_monday,
    rotations_of,
    schedule,
    sessions_of,
    steps_each_session,
    times_a_week,
)
from .weeks import week_blocks_problems as week_blocks_problems

__all__ = [
    "BlockInstance", "Clamp", "ConcreteLoad", "ExpandedPlan", "Item", "MaxValue", "OverBudget",
    "Program", "SessionInstance", "WeekInstance", "expand", "kilograms",
    "week_blocks_problems", "written_load",
]

# No expanded value goes past the WOL003 bounds (workoutlang/limits.py); within them,
# computed weights are rounded to what plates allow
LOAD_STEP = dict(zip(UNITS, (0.5, 1.0), strict=True))
PERCENT_STEP = 0.5  # computed %1rm loads are rounded to half a percent


@attrs.frozen
class ConcreteLoad:
    """A load in one week. `kg` is the weight in kilograms (SI) where there is one
    (a weight, or the extra weight of `bw+…`); `amount`/`unit` are in the unit the
    author wrote, after progression and deload; `text` is the load in the
    language's notation (`52.5kg`, `bw+5kg`, `rpe 7`)."""

    kind: LoadKind  # weight, bodyweight, percent_1rm, percent_tm, rpe, rir, band
    amount: float | None
    unit: Unit | None
    kg: float | None
    level: str | None
    text: str
    # A percentage of a max (`@ 85%tm`): `amount` and `percent` are the percentage (after
    # progression and deload), `of` which max; where the plan has a `max` line for the
    # exercise, `weight`/`weight_unit` are the weight it comes to (rounded to the plan's
    # `round`) and `kg` the same in kilograms
    percent: float | None = None
    of: str | None = None  # "1rm" or "tm"
    effort: tuple[str, float] | None = None  # `@ 80kg rpe 8`: ("rpe", 8.0)
    weight: float | None = None
    weight_unit: Unit | None = None


@attrs.frozen
class Item:
    """One exercise line as done in one week."""

    line: syntax.ExerciseLine
    exercise: Exercise
    sets: int | None  # None: a bare per-round prescription inside a superset/circuit
    reps_min: int | None
    reps_max: int | None
    duration_s: int | None
    max_effort: bool
    load: ConcreteLoad | None
    rest_s: int | None
    # how many steps of the line's `progress` this item carries (0 the first time)
    progress_steps: int = 0
    group: int = 0  # which set group of the line (0-based): `1x5 @ 80kg, 3x5 @ 70kg`
    groups: int = 1  # how many groups the line has
    distance_m: float | None = None  # a distance a set, in metres (`3x40m`)
    distance_text: str | None = None  # the distance as written (`40m`, `50yd`)

    # What the line says once for every week is read from it, not stored: a plan
    # expands to many items (tests/test_budgets.py bounds their memory).

    @property
    def tempo(self) -> tuple[int | None, ...] | None:
        return self.line.tempo.parts if self.line.tempo else None

    @property
    def side(self) -> str | None:
        return self.line.side.value if self.line.side else None

    @property
    def note(self) -> str | None:
        return self.line.note.text if self.line.note else None

    @property
    def rest_lap(self) -> bool:
        """`rest lap`: a rest after each set that ends when the athlete presses lap; its
        length is not known, so `rest_s` is None."""
        return self.line.rest is not None and self.line.rest.lap

    @property
    def prescription_text(self) -> str:
        """The week's prescription in the language's notation: `3x9`, `3x8-12`, `45s`,
        `3xmax`, `1x5+`, `3x40m`."""
        kind = ("max" if self.max_effort else "distance" if self.distance_text is not None
                else "time" if self.duration_s is not None else "reps")
        return prescription_text(kind, self.sets, self.reps_min, self.reps_max, self.duration_s,
                                 self.distance_text)


@attrs.frozen
class BlockInstance:
    """A warmup, cooldown, superset or circuit as done in one week."""

    block: syntax.Block
    kind: str
    rounds: int | None
    rest_s: int | None
    items: tuple[Item, ...]
    rest_lap: bool = False  # `rest lap`: after each round, until lap (`rest_s` is None)


@attrs.frozen
class SessionInstance:
    session: syntax.Session
    name: str
    days: tuple[str, ...]
    items: tuple[Item | BlockInstance, ...]
    per_week: tuple[int, int] | None = None  # `1-2 per week`: no days, done so often
    rotation: syntax.Rotation | None = None  # the rotation whose turn this is

    def all_items(self) -> tuple[Item, ...]:
        """Every exercise of the session, blocks flattened."""
        out: list[Item] = []
        for entry in self.items:
            out.extend(entry.items if isinstance(entry, BlockInstance) else (entry,))
        return tuple(out)


@attrs.frozen
class WeekInstance:
    number: int  # 1-based
    deload: bool
    deload_percent: float | None  # what loads and volume drop to (60 unless written)
    sessions: tuple[SessionInstance, ...]
    # where the week's sessions were written: a week block header, or the plan header
    span: syntax.Span
    # Monday of the week when the plan has a (valid) start date
    monday: datetime.date | None
    # the week block that wrote the week; None: the plan's template
    block: syntax.Week | None = None
    maxes: tuple[MaxValue, ...] = ()  # the plan's maxes as they stand this week
    cycle: int | None = None  # 1-based, where the plan has `cycle N`
    week_of_cycle: int | None = None  # 1-based


@attrs.frozen
class MaxValue:
    """A `max` line as it stands in one week: the max and the training max, after
    the line's progression, in the unit written."""

    exercise: str
    unit: Unit
    one_rm: float
    training_max: float
    tm_percent: float  # the training max's share of the max (100 without `tm`)


@attrs.frozen
class ExpandedPlan:
    plan: syntax.Plan
    weeks: tuple[WeekInstance, ...]
    # set when the plan is past the expansion budget: then `weeks` is empty (WOL003)
    over_budget: OverBudget | None = None


@attrs.frozen
class LineOutcome:
    """What a training log says of one planned line in one doing of its session
    (workoutlang/logbook.py works it out; docs/log.md defines it)."""

    logged: bool  # the session was logged, not skipped as a whole
    done: bool  # every planned set reached its target at the planned load or more
    # a planned set each: the reps (or seconds, or metres) reached at the planned load
    # or more; 0 for a set short of the load, missing or skipped
    amounts: tuple[float, ...] = ()

    @property
    def fewest(self) -> float | None:
        return min(self.amounts) if self.amounts else None


NOT_LOGGED = LineOutcome(False, False)

# Replaying a log: (week number, index of the doing in its week, the session as planned
# then) → None while the doing is still to come (it goes as planned), else
# id(line) → its outcome (a line missing from it was not done)
Judge = Callable[[int, int, "SessionInstance"], "dict[int, LineOutcome] | None"]


# the bound a progression ran into: MAX_KG, MAX_REPS, MAX_SECONDS or MAX_SETS
Bound = Literal["load", "reps", "time", "sets"]


@attrs.frozen
class Clamp:
    """A line whose progression the expansion held at a bound (WOL003 warns of it)."""

    line: syntax.ExerciseLine
    span: syntax.Span  # the line's `progress` modifier
    bound: Bound  # the first bound it ran into
    week: int  # the first week held there


@attrs.frozen
class Program:
    """Everything a backend needs: the tree, the exercises it may name, the
    expanded plans and what the checks found."""

    tree: syntax.PlanFile
    catalogue: Catalogue
    plans: tuple[ExpandedPlan, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


# A re-check after an edit gets the unchanged plans back from the parser as the
# same objects: their expansion is reused rather than redone.
_expanded: IdentityMemo[tuple[ExpandedPlan, list[Clamp]]] = IdentityMemo(256)


def expand(plan: syntax.Plan, catalogue: Catalogue) -> tuple[ExpandedPlan, list[Clamp]]:
    """Expand one plan, with the progressions it held at the WOL003 bounds (one per
    line, by position; the WOL003 rule words them). Never raises: what it cannot
    place (unknown exercises, week blocks that are out of range or overlap) is left
    out, and the checks report it."""
    known = _expanded.get(plan, catalogue)
    if known is not None:
        return known[0], list(known[1])
    return _expanded.put(_expand(plan, catalogue), plan, catalogue)


def replay(plan: syntax.Plan, catalogue: Catalogue, judge: Judge) -> ExpandedPlan:
    """The plan expanded as a training log says it went: each past doing's outcome
    (from `judge`) moves the progressions, ladders and resets that answer to it;
    doings still to come go as planned. Never cached: a log changes."""
    return _expand(plan, catalogue, judge)[0]


def _expand(plan: syntax.Plan, catalogue: Catalogue,
            judge: Judge | None = None) -> tuple[ExpandedPlan, list[Clamp]]:
    monday = first_monday(plan)
    clamped: dict[int, Clamp] = {}  # id(line) → where it was first held
    done: dict[int, int] = {}  # id(line) → normal weeks the line has been done so far
    # the doings counted by `/session` progressions (in normal weeks): see _counter
    doings: dict[object, int] = {}
    log = _LogState(_rounding(plan)) if judge is not None else None  # what a log adds
    turns: dict[int, int] = {}  # id(rotation) → sessions of it done so far
    splits: dict[int, bool] = {}  # id(session) → whether each of its days is its own
    # Weeks that do a session the same way share one instance (long plans stay small).
    cache: dict[tuple[object, ...], SessionInstance] = {}
    # and a line done the same way is one Item, whichever session instance holds it
    items: _ItemCache = {}
    # id(session) → its lines with a `progress`: the only ones whose doings are counted
    progressing: dict[int, list[syntax.ExerciseLine]] = {}
    maxes = _max_lines(plan)
    normal_weeks = 0  # weeks before this one that were not deloads
    weeks = []
    for slot in schedule(plan):
        cycle = (slot.number - 1) // plan.cycle if plan.cycle else 0
        week_maxes = tuple(_max_value(line, cycle, normal_weeks) for line in maxes.values())
        by_exercise = {m.exercise: m for m in week_maxes}
        week = _Week(slot, cycle, plan.cycle, by_exercise, week_maxes, _rounding(plan))
        instances = []
        done_this_week: dict[int, syntax.Session] = {}
        for index, (session, days, rotation) in enumerate(_doings(plan, slot, turns, splits)):
            done_this_week[id(session)] = session
            if id(session) not in progressing:
                progressing[id(session)] = [line for line in session.exercise_lines()
                                            if line.progress is not None]
            lines = progressing[id(session)]
            ladders = _ladders(session)
            steps = tuple(_steps(line, done, doings, cycle, rotation) for line in lines) + \
                tuple(doings.get(id(ladder), 0) for ladder in ladders)
            offsets = log.offsets_of(lines, rotation) if log else ()
            rows = tuple(id(item.row_for(slot.number, plan.cycle))  # the row, not its line
                         for item in session.items if isinstance(item, syntax.Wave))
            key = (id(session), steps, offsets, slot.deload_percent, rows, cycle, days,
                   id(rotation) if rotation else None, week_maxes)
            if key not in cache:
                by_line = dict(zip([*map(id, lines), *map(id, ladders)], steps, strict=True))
                by_offset = dict(zip(map(id, lines), offsets, strict=True)) if offsets else {}
                cache[key] = _session(session, catalogue, by_line, week, clamped, items,
                                      days, rotation, by_offset)
            instance = cache[key]
            instances.append(instance)
            if slot.deload_percent is not None:
                continue  # a deload week does not advance progressions
            outcomes = judge(slot.number, index, instance) if judge is not None else None
            if log is not None and outcomes is not None:
                log.after_doing(lines, ladders, rotation, instance, outcomes, doings)
                continue
            for counter in {_counter(line, rotation) for line in lines}:
                doings[counter] = doings.get(counter, 0) + 1
            for ladder in ladders:
                doings[id(ladder)] = _ladder_static_step(ladder, doings.get(id(ladder), 0))
        if slot.deload_percent is None:  # a `/week` step for each line done this week
            for line in {id(line): line for s in done_this_week.values()
                         for line in progressing[id(s)]}.values():
                if log is None or log.week_step(line):
                    done[id(line)] = done.get(id(line), 0) + 1
            normal_weeks += 1
        if log is not None:
            log.end_week()
        weeks.append(WeekInstance(
            slot.number, slot.deload_percent is not None, slot.deload_percent,
            tuple(instances), slot.block.span if slot.block else plan.span,
            monday + datetime.timedelta(weeks=slot.number - 1) if monday else None,
            slot.block, week_maxes,
            cycle + 1 if plan.cycle else None,
            (slot.number - 1) % plan.cycle + 1 if plan.cycle else None))
    notes = sorted(clamped.values(), key=lambda d: (d.span.line, d.span.column))
    return ExpandedPlan(plan, tuple(weeks)), notes


def _doings(plan: syntax.Plan, slot: WeekSlot, turns: dict[int, int], splits: dict[int, bool]
            ) -> list[tuple[syntax.Session, tuple[str, ...], syntax.Rotation | None]]:
    """The week's sessions as instances: (session, its days, its rotation). A session
    whose lines step each time it is done is one instance a day; `N per week` is N
    instances with no day; each day of a rotation does the next session in turn."""
    out: list[tuple[syntax.Session, tuple[str, ...], syntax.Rotation | None]] = []
    for session in sessions_of(plan, slot):
        days = tuple(d.name for d in session.days)
        if session.per_week is not None:
            out += [(session, (), None)] * min(times_a_week(session), MAX_TIMES_A_WEEK)
        elif len(days) > 1 and _splits(session, splits):
            out += [(session, (day,), None) for day in days]
        else:
            out.append((session, days, None))
    for rotation in rotations_of(plan, slot):
        if not rotation.sessions:
            continue
        for day in rotation.days:
            turn = turns.get(id(rotation), 0)
            turns[id(rotation)] = turn + 1
            out.append((rotation.sessions[turn % len(rotation.sessions)], (day.name,), rotation))
    return out


def _counter(line: syntax.ExerciseLine, rotation: syntax.Rotation | None) -> object:
    """What a `/session` step of `line` counts: the doings of its session; in a
    rotation, the doings of every line of the rotation written the same way (the
    exercise, its groups and its progression): StrongLifts' squat, the same line in
    A and in B, rises every workout, while GZCLP's heavy and light squats are two."""
    if rotation is None:
        return id(line)
    return id(rotation), line.name, line.prescriptions, line.loads, line.progress


class _LogState:
    """What a replayed training log adds to the counters of `_expand`: misses in a row
    and the cuts of `reset`, and how each `/week … if done` line's week went. The
    rules are docs/log.md's."""

    def __init__(self, rounding: tuple[float, Unit] | None) -> None:
        self.rounding = rounding  # the plan's `round`: a reset's weight is rounded to it
        self.misses: dict[object, int] = {}  # counter → misses in a row
        self.offsets: dict[object, float] = {}  # counter → cut, in the progression's unit
        self.week: dict[int, list[LineOutcome]] = {}  # id(line) → its outcomes this week

    def offsets_of(self, lines: list[syntax.ExerciseLine],
                   rotation: syntax.Rotation | None) -> tuple[float, ...]:
        return tuple(self.offsets.get(_counter(line, rotation), 0.0) for line in lines)

    def after_doing(self, lines: list[syntax.ExerciseLine], ladders: list[syntax.Ladder],
                    rotation: syntax.Rotation | None, instance: SessionInstance,
                    outcomes: dict[int, LineOutcome], doings: dict[object, int]) -> None:
        """A past doing: each progression, ladder and reset answers to its outcome."""
        seen: set[object] = set()
        for line in lines:
            progress = line.progress
            assert progress is not None
            outcome = outcomes.get(id(line), NOT_LOGGED)
            self.week.setdefault(id(line), []).append(outcome)
            counter = _counter(line, rotation)
            if counter in seen:
                continue
            seen.add(counter)
            if progress.period == "session":
                step = doings.get(counter, 0)
                if progress.double:
                    doings[counter] = _double_step(line, step, outcome)
                else:
                    doings[counter] = step + (outcome.done if progress.if_done
                                              else outcome.logged)
            self._reset(line, counter, outcome, instance)
        for ladder in ladders:
            rung = next((item.line for item in instance.all_items()
                         if any(item.line is r for r in ladder.rungs)), None)
            outcome = outcomes.get(id(rung), NOT_LOGGED) if rung is not None else NOT_LOGGED
            doings[id(ladder)] = _ladder_step(ladder, doings.get(id(ladder), 0), outcome)

    def _reset(self, line: syntax.ExerciseLine, counter: object, outcome: LineOutcome,
               instance: SessionInstance) -> None:
        """`reset -P% after N misses`: the N-th miss in a row cuts the progressed value."""
        reset = line.reset
        if reset is None or not outcome.logged:
            return  # a session not done is no miss
        if outcome.done:
            self.misses[counter] = 0
            return
        misses = self.misses.get(counter, 0) + 1
        if misses < max(reset.misses, 1):
            self.misses[counter] = misses
            return
        self.misses[counter] = 0
        item = next((i for i in instance.all_items() if i.line is line), None)
        if item is not None:
            self.offsets[counter] = self.offsets.get(counter, 0.0) - _cut_by(
                line, item, reset.percent, self.rounding)

    def week_step(self, line: syntax.ExerciseLine) -> bool:
        """Whether a `/week` line takes its step at the end of this week: always,
        unless `if done`, when every logged doing of the line this week was done (a
        week still to come goes as planned)."""
        progress = line.progress
        if progress is None or not progress.if_done:
            return True
        return all(outcome.done for outcome in self.week.get(id(line), ()))

    def end_week(self) -> None:
        self.week.clear()


def _cut_by(line: syntax.ExerciseLine, item: Item, percent: float,
            rounding: tuple[float, Unit] | None) -> float:
    """How much `reset -percent%` takes off the line's progressed value as `item`
    stands, in the progression's unit: a weight comes down to the plan's `round`
    (2.5kg / 5lb unless written), a count by a whole number (at least one)."""
    progress = line.progress
    assert progress is not None
    fraction = min(max(percent, 0.0), 100.0) / 100
    load = item.load
    if progress.unit in UNITS and load is not None and load.amount is not None:
        unit = load.unit or progress.unit
        after = _to_step(load.amount * (1 - fraction), _round_step(rounding, unit))
        return _convert(max(load.amount - after, 0.0), unit, progress.unit)
    if progress.unit in ("%1rm", "%tm") and load is not None and load.percent is not None:
        return _half_up(load.percent * fraction / PERCENT_STEP) * PERCENT_STEP
    value = {"rep": item.reps_min, "s": item.duration_s, "set": item.sets}.get(progress.unit)
    return float(max(1, _half_up((value or 0) * fraction))) if value else 0.0


def _double_step(line: syntax.ExerciseLine, step: int, outcome: LineOutcome) -> int:
    """A double progression after a logged doing: at the top of the range on every
    set, the load rises and the reps start again; otherwise the target climbs to one
    past the fewest reps done (never down: a miss holds)."""
    low, top = line.prescription.reps_min, line.prescription.reps_max
    if low is None or top is None or top < low:
        return step
    return _climb(step, low, top, top, outcome.fewest if outcome.logged else None, None)


def _climb(step: int, low: int, top: int, graduate: float, fewest: float | None,
           first: float | None) -> int:
    """The step after a doing in which every set reached `fewest` reps (and the first
    sets, those the graduation counts, `first`): the climb of a range from `low` to
    `top`, a rep a step, then up a rung (a load, or the ladder's next exercise)."""
    if fewest is None:
        return step
    span = top - low + 1
    base, target = step // span * span, low + step % span
    if (fewest if first is None else first) >= graduate:
        return base + span
    if fewest >= target:
        return base + min(int(fewest), top - 1) + 1 - low
    return step


def _ladder_step(ladder: syntax.Ladder, step: int, outcome: LineOutcome) -> int:
    """A ladder after a logged doing: the reps climb as a double progression's do, and
    when the first sets (as many as the graduation has) reach it, the next rung."""
    if not outcome.logged or not outcome.amounts:
        return step
    graduate = _amount(ladder.graduate)
    first = min(outcome.amounts[:max(ladder.graduate.sets or 1, 1)])
    rung, target = ladder_place(ladder, step)
    low = ladder.prescription.reps_min
    if target is None or low is None:  # a fixed prescription: a rung at a time
        return step + 1 if first >= graduate and rung < len(ladder.rungs) - 1 else step
    top = int(graduate)
    last = len(ladder.rungs) - 1
    moved = _climb(step, low, top, graduate, outcome.fewest, first)
    return min(moved, last * (top - low + 1) + top - low)  # the last rung holds at the top


def _ladder_static_step(ladder: syntax.Ladder, step: int) -> int:
    """The step after a doing that goes as planned: a range's target is always reached
    (a rep more next time); a fixed prescription moves a rung only when it meets the
    graduation. Never past the last rung at the graduation, where a log's replay
    holds it too (`_ladder_step`)."""
    if ladder_place(ladder, 0)[1] is not None:
        low, top = ladder.prescription.reps_min or 0, ladder.graduate.reps_min or 0
        return min(step + 1, (len(ladder.rungs) - 1) * (top - low + 1) + top - low)
    if _amount(ladder.prescription) >= _amount(ladder.graduate):
        return min(step + 1, len(ladder.rungs) - 1)
    return step


def _amount(p: syntax.Prescription) -> float:
    """What a set of `p` comes to in its measure: reps, seconds or metres."""
    if p.duration is not None:
        return p.duration.seconds
    if p.distance is not None:
        return p.distance.metres
    return p.reps_min or 0


def _ladders(session: syntax.Session) -> list[syntax.Ladder]:
    return [item for item in session.items if isinstance(item, syntax.Ladder) and item.rungs]


def ladder_place(ladder: syntax.Ladder, step: int) -> tuple[int, int | None]:
    """(the rung, the target reps) after `step` steps of a ladder: the reps climb from
    the range's bottom to the graduation's, a rep a step, then the next rung starts
    at the bottom; the last rung holds at the graduation. A ladder of fixed reps or
    of time moves a rung a step (no target: its prescription as written)."""
    low, grad = ladder.prescription.reps_min, ladder.graduate.reps_min
    last = len(ladder.rungs) - 1
    if ladder.prescription.kind != "reps" or low is None or grad is None or grad < low:
        return min(step, last), None
    span = grad - low + 1
    if step // span >= last:
        return last, min(low + step - last * span, grad)
    return step // span, low + step % span


def _splits(session: syntax.Session, known: dict[int, bool]) -> bool:
    """steps_each_session, worked out once a session (the weeks repeat it)."""
    if id(session) not in known:
        known[id(session)] = steps_each_session(session)
    return known[id(session)]


def _steps(line: syntax.ExerciseLine, weeks: dict[int, int], doings: dict[object, int],
           cycle: int, rotation: syntax.Rotation | None) -> int:
    """How many steps of its progression the line has taken by now."""
    progress = line.progress
    assert progress is not None
    if progress.period == "cycle":
        return cycle
    if progress.period == "session":
        return doings.get(_counter(line, rotation), 0)
    return weeks.get(id(line), 0)


@attrs.frozen
class _Week:
    """What every item of one week is worked out with."""

    slot: WeekSlot
    cycle: int  # completed cycles before this week
    cycle_weeks: int | None
    maxes: dict[str, MaxValue]  # by exercise
    max_values: tuple[MaxValue, ...]  # the same, in the plan's order: a cache key
    rounding: tuple[float, Unit] | None  # the plan's `round`, or None: the default

    @property
    def factor(self) -> float | None:
        return None if self.slot.deload_percent is None else self.slot.deload_percent / 100


def _rounding(plan: syntax.Plan) -> tuple[float, Unit] | None:
    option = plan.round
    return (option.amount, option.unit) if option is not None and option.amount > 0 else None


def _max_lines(plan: syntax.Plan) -> dict[str, syntax.MaxLine]:
    """The first `max` line of each exercise (WOL003 reports a second)."""
    out: dict[str, syntax.MaxLine] = {}
    for line in plan.maxes:
        out.setdefault(line.exercise, line)
    return out


def _max_value(line: syntax.MaxLine, cycle: int, normal_weeks: int) -> MaxValue:
    """The max and training max of `line` in a week: the progression's step, once a
    cycle or once a normal week, is added to both (the training max rises by exactly
    the step, as 5/3/1 does)."""
    unit = line.load.unit or "kg"
    top = _top(unit)
    one_rm = min(max(line.load.amount or 0.0, 0.0), top)
    tm_percent = min(max(line.tm if line.tm is not None else 100.0, 0.0), MAX_TM_PERCENT)
    training_max = one_rm * tm_percent / 100
    progress = line.progress
    if progress is not None and progress.unit in UNITS:
        steps = cycle if progress.period == "cycle" else normal_weeks
        gain = _convert(min(progress.amount * steps, 1e9), progress.unit, unit)
        one_rm, training_max = min(one_rm + gain, top), min(training_max + gain, top)
    return MaxValue(line.exercise, unit, round(one_rm, 3), round(training_max, 3), tm_percent)


_ItemCache = dict[tuple[object, ...], "tuple[Item, ...]"]


def _session(session: syntax.Session, catalogue: Catalogue, steps: dict[int, int],
             week: _Week, clamped: dict[int, Clamp], cache: _ItemCache,
             days: tuple[str, ...], rotation: syntax.Rotation | None,
             offsets: dict[int, float] | None = None) -> SessionInstance:
    """The session as done in `week`; `steps`: id(line) → progression steps, for
    the lines that progress; `offsets`: id(line) → what a log's resets took off."""
    factor = week.factor

    def item(line: syntax.ExerciseLine, per_round: bool) -> tuple[Item, ...]:
        step = steps.get(id(line), 0)
        offset = offsets.get(id(line), 0.0) if offsets else 0.0
        key = (id(line), step, offset, factor, per_round, week.cycle, week.rounding,
               week.max_values if _uses_max(line) else ())
        if key not in cache:
            cache[key] = _items(line, catalogue, step, week, per_round, clamped, offset)
        return cache[key]

    items: list[Item | BlockInstance] = []
    for entry in session.items:
        if isinstance(entry, syntax.Block):
            per_round = entry.kind in ("superset", "circuit")
            found = tuple(i for line in entry.items for i in item(line, per_round))
            if found:
                rest = entry.rest
                items.append(BlockInstance(entry, entry.kind, _rounds(entry.rounds, factor),
                                           _rest_seconds(rest), found,
                                           rest is not None and rest.lap))
        elif isinstance(entry, syntax.Wave):
            if entry.rows:
                items.extend(item(entry.row_for(week.slot.number, week.cycle_weeks), False))
        elif isinstance(entry, syntax.Ladder):
            if entry.rungs:
                step = steps.get(id(entry), 0)
                rung, target = ladder_place(entry, step)
                items.extend(attrs.evolve(found, progress_steps=step) if target is None
                             else attrs.evolve(found, reps_min=target, reps_max=target,
                                               progress_steps=step)
                             for found in item(entry.rungs[rung], False))
        else:
            items.extend(item(entry, False))
    per_week = (session.per_week.low, session.per_week.high) if session.per_week else None
    return SessionInstance(session, session.name, days, tuple(items), per_week, rotation)


def _uses_max(line: syntax.ExerciseLine) -> bool:
    return any(load is not None and load.kind in PERCENT_LOADS for load in line.loads)


def _rounds(rounds: int | None, factor: float | None) -> int | None:
    """A block's rounds are its volume: held inside the bounds, cut in a deload."""
    if rounds is None:
        return None
    rounds = min(max(rounds, 1), MAX_SETS)
    return _cut(rounds, factor)


def _cut(count: int, factor: float | None) -> int:
    """Sets or rounds in a deload: scaled, rounded half up, never below 1."""
    return count if factor is None else max(1, _half_up(count * factor))


def _items(line: syntax.ExerciseLine, catalogue: Catalogue, step: int, week: _Week,
           per_round: bool, clamped: dict[int, Clamp], offset: float = 0.0) -> tuple[Item, ...]:
    """The line as done in `week`: one Item a set group (none for an unknown exercise,
    which WOL002 reports)."""
    exercise = catalogue.lookup(line.name)
    if exercise is None:
        return ()
    prescriptions, loads = line.prescriptions, line.loads  # no spans: this is hot
    last = loads[-1]  # a group with no load of its own takes the last group's
    return tuple(_item(line, exercise, p, load or last, index, len(loads), step, week,
                       per_round, clamped, offset)
                 for index, (p, load) in enumerate(zip(prescriptions, loads, strict=True)))


def _item(line: syntax.ExerciseLine, exercise: Exercise, p: syntax.Prescription,
          written: syntax.Load | None, index: int, count: int, step: int, week: _Week,
          per_round: bool, clamped: dict[int, Clamp], offset: float = 0.0) -> Item:
    """One set group of the line (`p`, with its load `written`) as done in `week`;
    `offset` is what a training log's resets took off the progression's total."""
    factor = week.factor
    # a bare `10` is per round inside a superset or circuit, a single set anywhere else
    sets = p.sets if p.sets is not None or per_round else 1
    low, high = p.reps_min, p.reps_max
    seconds = p.duration.seconds if p.duration else None
    metres = p.distance.metres if p.distance else None
    load, progress = written, line.progress
    amount = load.amount if load else None
    if (load is not None and load.kind == "bodyweight" and amount is None and step
            and progress is not None and progress.unit in UNITS):
        # `@ bw` with a progression in kg or lb: the steps are weight added to the body
        # no written amount: the weight is computed, rounded and never below a step
        load = attrs.evolve(load, unit=progress.unit)
        amount = 0.0
    weighted = load is not None and load.kind in WEIGHT_LOADS and amount is not None
    unit = (load.unit if load else None) or "kg"
    top_amount = _top(unit)
    limits: list[Bound] = []  # the bounds this week's progression ran into
    added = 0.0  # weight the progression adds, in the progression's unit
    if progress is not None and progress.double:
        if low is not None and high is not None and high >= low:
            span = high - low + 1  # the reps climb the range, then the weight rises
            low = high = low + step % span
            added = min(progress.amount * (step // span), 1e9) + offset
    elif progress is not None and (step or offset):
        gain = min(progress.amount * step, 1e9) + offset  # far past every bound, and finite
        if progress.unit in UNITS:
            added = gain  # added to the weight below, as a double progression's
        elif (progress.unit in ("%1rm", "%tm") and load is not None
              and load.kind in PERCENT_LOADS and amount is not None):
            amount = min(amount + gain, MAX_PERCENT_1RM)
        elif progress.unit == "rep" and low is not None and high is not None:
            low, high = max(1, low + int(gain)), max(1, high + int(gain))  # whole reps
            if high > MAX_REPS >= (p.reps_max or 0):
                limits.append("reps")
        elif progress.unit == "rep" and low is not None and p.kind == "max":
            low += int(gain)  # 1x5+ → 1x6+: the minimum rises
        elif progress.unit == "s" and seconds is not None:
            seconds = max(1, seconds + int(gain))
            if seconds > MAX_SECONDS >= (p.duration.seconds if p.duration else 0):
                limits.append("time")
        elif progress.unit == "set" and sets is not None:
            sets += int(gain)
            if sets > MAX_SETS >= (p.sets or 0):
                limits.append("sets")
    if added and progress is not None and progress.unit in UNITS and weighted \
            and amount is not None:
        amount += _convert(added, progress.unit, unit)
        if amount > top_amount >= (load.amount if load and load.amount else 0):
            limits.append("load")
    if limits and progress is not None and id(line) not in clamped:
        clamped[id(line)] = Clamp(line, line.span_of(progress), limits[0], week.slot.number)
    # Hold every value inside the bounds, written ones too (WOL003 reports those).
    sets = None if sets is None else _cut(min(max(sets, 1), MAX_SETS), factor)
    low = None if low is None else min(low, MAX_REPS)
    high = None if high is None else min(high, MAX_REPS)
    seconds = None if seconds is None else min(seconds, MAX_SECONDS)
    metres = None if metres is None else min(metres, MAX_METRES)
    if load is not None and load is not written and not amount:
        load, amount = written, None  # `@ bw` and no step of weight yet: still `bw`
    concrete = None
    if load is not None and load.kind in PERCENT_LOADS:
        concrete = _percent_load(line.name, load, amount, week)
    elif load is not None:
        concrete = _concrete_load(load, amount, min(amount, top_amount) if amount is not None
                                  else None, factor)
    return Item(
        line, exercise, sets, low, high, seconds, p.kind == "max", concrete,
        _rest_seconds(line.rest), step, index, count, metres,
        p.distance.text if p.distance else None,
    )


def _rest_seconds(rest: syntax.Rest | None) -> int | None:
    """A rest's seconds, held inside the bounds; None without a rest or for `rest lap`."""
    if rest is None or rest.duration is None:
        return None
    return min(rest.duration.seconds, MAX_SECONDS)


def _percent_load(exercise: str, load: syntax.Load, percentage: float | None,
                  week: _Week) -> ConcreteLoad:
    """`@ 85%tm` in `week`: the percentage (cut in a deload, as any percent load), and
    the weight it comes to when the plan has a max for the exercise, rounded to the
    plan's `round`; without a max, the percentage alone (WOL010)."""
    of = PERCENT_OF[load.kind]
    pct = min(max(percentage or 0.0, 0.0), MAX_PERCENT_1RM)
    if week.factor is not None:
        pct = max(PERCENT_STEP, _half_up(pct * week.factor / PERCENT_STEP) * PERCENT_STEP)
    effort = _effort(load)
    text = load_text(load.kind, pct, None, None, effort)
    found = week.maxes.get(exercise)
    if found is None:
        return ConcreteLoad(load.kind, pct, None, None, None, text, pct, of, effort)
    base = found.one_rm if of == "1rm" else found.training_max
    step = _round_step(week.rounding, found.unit)
    weight = _to_step(base * pct / 100, step)
    if weight > _top(found.unit):  # 120 % of a 1000 kg max: held under the bound, on a step
        weight = max(int(_top(found.unit) / step) * step, 0.0)
    share = load_text(load.kind, pct, None, None)
    text = f"{load_text('weight', weight, found.unit, None)} ({share})"  # 240lb (85%tm)
    if effort is not None:
        text = f"{text} {effort_text(*effort)}"
    return ConcreteLoad(load.kind, pct, None, kilograms(weight, found.unit), None, text,
                        pct, of, effort, weight, found.unit)


def _effort(load: syntax.Load) -> tuple[str, float] | None:
    return (load.effort.kind, load.effort.amount) if load.effort else None


def _top(unit: str) -> float:
    """The heaviest load there may be (WOL003's 1000 kg), in `unit`."""
    return MAX_KG if unit == "kg" else MAX_KG / KG_PER_LB


def _round_step(rounding: tuple[float, Unit] | None, unit: Unit) -> float:
    """The plan's `round` in `unit` (default 2.5kg / 5lb)."""
    if rounding is None:
        return DEFAULT_ROUND_KG if unit == "kg" else DEFAULT_ROUND_LB
    amount, written = rounding
    return _convert(amount, written, unit)


def _to_step(weight: float, step: float) -> float:
    """The nearest multiple of `step`, halves up; never below one step."""
    return round(max(step, _half_up(weight / step) * step), 3)


def _convert(amount: float, source: str, target: str) -> float:
    """A progression written in kg for a load in lb (WOL003 reports it) still counts."""
    if source == target:
        return amount
    return amount * KG_PER_LB if target == "kg" else amount / KG_PER_LB


def kilograms(amount: float, unit: str | None) -> float:
    """A weight in `unit` (kg when None) in kilograms, to the gram: the one lb→kg
    conversion of the outputs (`ConcreteLoad.kg`)."""
    return round(_convert(amount, "lb", "kg"), 3) if unit == "lb" else amount


def written_load(load: syntax.Load) -> ConcreteLoad:
    """A load as written, in the shape of a week's load: what outputs show of the
    written plan (its `text` in the canonical spelling, as all ConcreteLoads)."""
    return _concrete(load, load.amount)


def _concrete(load: syntax.Load, amount: float | None) -> ConcreteLoad:
    kg = None
    if load.kind in WEIGHT_LOADS and amount is not None:
        kg = kilograms(amount, load.unit)
    effort = _effort(load)
    text = load_text(load.kind, amount, load.unit, load.level, effort)
    if load.kind in PERCENT_LOADS:
        return ConcreteLoad(load.kind, amount, None, None, None, text, amount,
                            PERCENT_OF[load.kind], effort)
    return ConcreteLoad(load.kind, amount, load.unit, kg, load.level, text, effort=effort)


def _concrete_load(load: syntax.Load, progressed: float | None, held: float | None,
                   factor: float | None) -> ConcreteLoad:
    """The week's load: `progressed` held at the bound, then deloaded and rounded."""
    amount = held
    if amount is not None and load.kind in MAX_OTHER:
        amount = min(amount, MAX_OTHER[load.kind])
    if amount is not None and load.kind in WEIGHT_LOADS:
        step = LOAD_STEP.get(load.unit or "kg", 0.5)
        if held != progressed:  # held at the bound: round down to stay under it
            amount = int(amount / step) * step
        if factor is not None:
            amount *= factor
        if amount != load.amount:  # computed: to plates, never below one step
            amount = max(step, _half_up(amount / step) * step)
    # percentages are _percent_load's; rpe and rir are effort targets and band levels
    # are words: a deload keeps them
    return _concrete(load, amount)


def _half_up(value: float) -> int:
    """Round half up (Python's round() goes to even: 2.5 → 2); a hair of slack for
    binary fractions such as 0.6 × 57.5."""
    return int(value + 0.5 + 1e-9)
