"""Expansion: the written plan → concrete weeks → sessions → exercises.

One pass applies week blocks, deloads and progressions; every output and the
week-level checks read its result, never the template directly. The rules
(which week uses which sessions, how progression counts, what a deload does,
how values are rounded and held inside the WOL003 bounds) are in docs/weeks.md.
"""

from __future__ import annotations

import datetime
from typing import Literal

import attrs

from . import syntax
from .catalogue import Catalogue, Exercise
from .diagnostics import Diagnostic
from .limits import KG_PER_LB, MAX_KG, MAX_OTHER, MAX_REPS, MAX_SECONDS, MAX_SETS
from .memo import IdentityMemo
from .spelling import load_text, prescription_text
from .vocabulary import UNITS, WEIGHT_LOADS, LoadKind, Unit
from .weeks import OverBudget, WeekSlot, first_monday, schedule, sessions_of
from .weeks import week_blocks_problems as week_blocks_problems

__all__ = [
    "BlockInstance", "Clamp", "ConcreteLoad", "ExpandedPlan", "Item", "OverBudget", "Program",
    "SessionInstance", "WeekInstance", "expand", "kilograms", "week_blocks_problems",
    "written_load",
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

    kind: LoadKind  # weight, bodyweight, percent_1rm, rpe, rir, band
    amount: float | None
    unit: Unit | None
    kg: float | None
    level: str | None
    text: str


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
    tempo: tuple[int | None, ...] | None
    side: str | None
    rest_s: int | None
    note: str | None
    # how many weekly steps of the line's `progress` this week carries (0 in its first week)
    progress_steps: int = 0

    @property
    def prescription_text(self) -> str:
        """The week's prescription in the language's notation: `3x9`, `3x8-12`, `45s`, `3xmax`."""
        kind = "max" if self.max_effort else "time" if self.duration_s is not None else "reps"
        return prescription_text(kind, self.sets, self.reps_min, self.reps_max, self.duration_s)


@attrs.frozen
class BlockInstance:
    """A warmup, cooldown, superset or circuit as done in one week."""

    block: syntax.Block
    kind: str
    rounds: int | None
    rest_s: int | None
    items: tuple[Item, ...]


@attrs.frozen
class SessionInstance:
    session: syntax.Session
    name: str
    days: tuple[str, ...]
    items: tuple[Item | BlockInstance, ...]

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


@attrs.frozen
class ExpandedPlan:
    plan: syntax.Plan
    weeks: tuple[WeekInstance, ...]
    # set when the plan is past the expansion budget: then `weeks` is empty (WOL003)
    over_budget: OverBudget | None = None


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


def _expand(plan: syntax.Plan, catalogue: Catalogue) -> tuple[ExpandedPlan, list[Clamp]]:
    monday = first_monday(plan)
    clamped: dict[int, Clamp] = {}  # id(line) → where it was first held
    done: dict[int, int] = {}  # id(line) → normal weeks the line has been done so far
    # Weeks that do a session the same way share one instance (long plans stay small).
    cache: dict[tuple[int, tuple[int, ...], float | None], SessionInstance] = {}
    # and a line done the same way is one Item, whichever session instance holds it
    items: _ItemCache = {}
    # id(session) → its lines with a `progress`: the only ones whose weeks are counted
    progressing: dict[int, list[syntax.ExerciseLine]] = {}
    weeks = []
    for slot in schedule(plan):
        instances = []
        for session in sessions_of(plan, slot):
            if id(session) not in progressing:
                progressing[id(session)] = [line for line in session.exercise_lines()
                                            if line.progress is not None]
            lines = progressing[id(session)]
            steps = tuple(done.get(id(line), 0) for line in lines)
            key = (id(session), steps, slot.deload_percent)
            if key not in cache:
                by_line = dict(zip(map(id, lines), steps, strict=True))
                cache[key] = _session(session, catalogue, by_line, slot, clamped, items)
            instances.append(cache[key])
            if slot.deload_percent is None:  # a deload week does not advance progressions
                for line in lines:
                    done[id(line)] = done.get(id(line), 0) + 1
        weeks.append(WeekInstance(
            slot.number, slot.deload_percent is not None, slot.deload_percent,
            tuple(instances), slot.block.span if slot.block else plan.span,
            monday + datetime.timedelta(weeks=slot.number - 1) if monday else None,
            slot.block))
    notes = sorted(clamped.values(), key=lambda d: (d.span.line, d.span.column))
    return ExpandedPlan(plan, tuple(weeks)), notes


_ItemCache = dict[tuple[int, int, float | None, bool], "Item | None"]


def _session(session: syntax.Session, catalogue: Catalogue, steps: dict[int, int],
             slot: WeekSlot, clamped: dict[int, Clamp], cache: _ItemCache
             ) -> SessionInstance:
    """The session as done in `slot`; `steps`: id(line) → progression steps, for
    the lines that progress."""
    factor = None if slot.deload_percent is None else slot.deload_percent / 100

    def item(line: syntax.ExerciseLine, per_round: bool) -> Item | None:
        key = (id(line), steps.get(id(line), 0), factor, per_round)
        if key not in cache:
            cache[key] = _item(line, catalogue, key[1], factor, per_round, slot.number, clamped)
        return cache[key]

    items: list[Item | BlockInstance] = []
    for entry in session.items:
        if isinstance(entry, syntax.Block):
            per_round = entry.kind in ("superset", "circuit")
            inner = [item(line, per_round) for line in entry.items]
            found = tuple(i for i in inner if i is not None)
            if found:
                rest = entry.rest
                items.append(BlockInstance(entry, entry.kind, _rounds(entry.rounds, factor),
                                           rest.duration.seconds if rest else None, found))
        else:
            found_item = item(entry, False)
            if found_item is not None:
                items.append(found_item)
    return SessionInstance(session, session.name, tuple(d.name for d in session.days),
                           tuple(items))


def _rounds(rounds: int | None, factor: float | None) -> int | None:
    """A block's rounds are its volume: held inside the bounds, cut in a deload."""
    if rounds is None:
        return None
    rounds = min(max(rounds, 1), MAX_SETS)
    return _cut(rounds, factor)


def _cut(count: int, factor: float | None) -> int:
    """Sets or rounds in a deload: scaled, rounded half up, never below 1."""
    return count if factor is None else max(1, _half_up(count * factor))


def _item(line: syntax.ExerciseLine, catalogue: Catalogue, step: int, factor: float | None,
          per_round: bool, week: int, clamped: dict[int, Clamp]) -> Item | None:
    exercise = catalogue.lookup(line.name)
    if exercise is None:
        return None  # WOL002
    p = line.prescription
    # a bare `10` is per round inside a superset or circuit, a single set anywhere else
    sets = p.sets if p.sets is not None or per_round else 1
    low, high = p.reps_min, p.reps_max
    seconds = p.duration.seconds if p.duration else None
    load, progress = line.load, line.progress
    amount = load.amount if load else None
    weighted = load is not None and load.kind in WEIGHT_LOADS and amount is not None
    unit = (load.unit if load else None) or "kg"
    top_amount = MAX_KG if unit == "kg" else MAX_KG / KG_PER_LB
    limits: list[Bound] = []  # the bounds this week's progression ran into
    if progress is not None and step:
        gain = min(progress.amount * step, 1e9)  # far past every bound, and finite
        if progress.unit in UNITS and weighted and amount is not None:
            amount += _convert(gain, progress.unit, unit)
            if amount > top_amount >= (load.amount if load and load.amount else 0):
                limits.append("load")
        elif progress.unit == "rep" and low is not None and high is not None:
            low, high = low + int(gain), high + int(gain)  # whole reps: half a rep waits a week
            if high > MAX_REPS >= (p.reps_max or 0):
                limits.append("reps")
        elif progress.unit == "s" and seconds is not None:
            seconds += int(gain)
            if seconds > MAX_SECONDS >= (p.duration.seconds if p.duration else 0):
                limits.append("time")
        elif progress.unit == "set" and sets is not None:
            sets += int(gain)
            if sets > MAX_SETS >= (p.sets or 0):
                limits.append("sets")
    if limits and progress is not None and id(line) not in clamped:
        clamped[id(line)] = Clamp(line, line.span_of(progress), limits[0], week)
    # Hold every value inside the bounds, written ones too (WOL003 reports those).
    sets = None if sets is None else _cut(min(max(sets, 1), MAX_SETS), factor)
    low = None if low is None else min(low, MAX_REPS)
    high = None if high is None else min(high, MAX_REPS)
    seconds = None if seconds is None else min(seconds, MAX_SECONDS)
    concrete = None
    if load is not None:
        concrete = _concrete_load(load, amount, min(amount, top_amount) if amount is not None
                                  else None, factor)
    return Item(
        line, exercise, sets, low, high, seconds, p.kind == "max", concrete,
        line.tempo.parts if line.tempo else None,
        line.side.value if line.side else None,
        min(line.rest.duration.seconds, MAX_SECONDS) if line.rest else None,
        line.note.text if line.note else None,
        step,
    )


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
    return ConcreteLoad(load.kind, amount, load.unit, kg, load.level,
                        load_text(load.kind, amount, load.unit, load.level))


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
    elif amount is not None and load.kind == "percent_1rm" and factor is not None:
        amount = max(PERCENT_STEP, _half_up(amount * factor / PERCENT_STEP) * PERCENT_STEP)
    # rpe and rir are effort targets and band levels are words: a deload keeps them
    return _concrete(load, amount)


def _half_up(value: float) -> int:
    """Round half up (Python's round() goes to even: 2.5 → 2); a hair of slack for
    binary fractions such as 0.6 × 57.5."""
    return int(value + 0.5 + 1e-9)
