"""Expansion: the written plan → concrete weeks → sessions → exercises.

One pass applies week blocks, deloads and progressions; every output and the
week-level checks read its result, never the template directly.
"""

from __future__ import annotations

import datetime

import attrs

from . import syntax
from .catalogue import Catalogue, Exercise
from .diagnostics import Diagnostic, Severity


@attrs.frozen
class ConcreteLoad:
    """A load in one week. `kg` is the weight in kilograms (SI) where there is one;
    `amount`/`unit` keep what the author wrote (after progression/deload)."""

    kind: str  # weight, bodyweight, percent_1rm, rpe, rir, band
    amount: float | None
    unit: str | None
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
    deload_percent: float | None
    sessions: tuple[SessionInstance, ...]
    # where the week's sessions were written: a week block header, or the plan header
    span: syntax.Span
    # Monday of the week when the plan has a start date
    monday: datetime.date | None


@attrs.frozen
class ExpandedPlan:
    plan: syntax.Plan
    weeks: tuple[WeekInstance, ...]


@attrs.frozen
class Program:
    """Everything a backend needs: the tree, the exercises it may name, the
    expanded plans and what the checks found."""

    tree: syntax.PlanFile
    catalogue: Catalogue
    plans: tuple[ExpandedPlan, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


MAX_SETS = 100
MAX_REPS = 1000
MAX_SECONDS = 4 * 3600
MAX_KG = 1000.0
KG_PER_LB = 0.45359237
DEFAULT_DELOAD = 60.0
MAX_WEEKS = 520  # beyond this WOL003 reports the plan; expansion stops here


@attrs.frozen
class _WeekPlan:
    """Which sessions a week uses and whether it is a deload."""

    number: int
    sessions: tuple[syntax.Session, ...]
    span: syntax.Span
    deload_percent: float | None


def expand(plan: syntax.Plan, catalogue: Catalogue) -> tuple[ExpandedPlan, list[Diagnostic]]:
    """Expand one plan; the diagnostics are warnings about values clamped to the
    WOL003 bounds. Never raises: what it cannot place (unknown exercises, week
    blocks outside the plan) is left out, and the checks report it."""
    layout = _layout(plan)
    monday = _monday(plan.start)
    clamped: dict[int, Diagnostic] = {}
    # how many normal (non-deload) weeks each line has been done before
    done: dict[int, int] = {}
    cache: dict[tuple[int, int | None, float | None], SessionInstance] = {}
    weeks = []
    for week in layout:
        instances = []
        for session in week.sessions:
            lines = list(session.exercise_lines())
            steps = tuple(done.get(id(line), 0) for line in lines)
            progressing = any(line.progress is not None for line in lines)
            key = (id(session), hash(steps) if progressing else None, week.deload_percent)
            if key not in cache:
                cache[key] = _session(session, catalogue, dict(zip(map(id, lines), steps,
                                                                    strict=True)),
                                      week.deload_percent, plan.units, week.number, clamped)
            instances.append(cache[key])
            if week.deload_percent is None:
                for line in lines:
                    done[id(line)] = done.get(id(line), 0) + 1
        weeks.append(WeekInstance(
            week.number, week.deload_percent is not None, week.deload_percent,
            tuple(instances), week.span,
            monday + datetime.timedelta(weeks=week.number - 1) if monday else None))
    return ExpandedPlan(plan, tuple(weeks)), list(clamped.values())


def _monday(start: str | None) -> datetime.date | None:
    try:
        day = datetime.date.fromisoformat(start) if start else None
    except ValueError:
        return None
    return day - datetime.timedelta(days=day.weekday()) if day else None


def _layout(plan: syntax.Plan) -> list[_WeekPlan]:
    """Each week's sessions: its week block's (the first that names it), else the template."""
    every = plan.deload_every
    out = []
    for number in range(1, min(plan.week_count, MAX_WEEKS) + 1):
        block = next((w for w in plan.weeks if w.first <= number <= w.last), None)
        percent: float | None = None
        if block is not None and block.deload is not None:
            percent = block.deload.percent or DEFAULT_DELOAD
        elif every is not None and every.every >= 2 and number % every.every == 0:
            percent = every.percent or DEFAULT_DELOAD
        if block is not None:
            out.append(_WeekPlan(number, block.sessions, block.span, percent))
        else:
            out.append(_WeekPlan(number, plan.sessions, plan.span, percent))
    return out


def _session(session: syntax.Session, catalogue: Catalogue, steps: dict[int, int],
             deload: float | None, units: str, week: int,
             clamped: dict[int, Diagnostic]) -> SessionInstance:
    items: list[Item | BlockInstance] = []
    for entry in session.items:
        if isinstance(entry, syntax.Block):
            inner = tuple(i for i in (_item(line, catalogue, steps[id(line)], deload, units,
                                            week, clamped) for line in entry.items) if i)
            rest = entry.rest
            items.append(BlockInstance(entry, entry.kind, entry.rounds,
                                       rest.duration.seconds if rest else None, inner))
        else:
            item = _item(entry, catalogue, steps[id(entry)], deload, units, week, clamped)
            if item is not None:
                items.append(item)
    return SessionInstance(session, session.name, tuple(d.name for d in session.days),
                           tuple(items))


def _item(line: syntax.ExerciseLine, catalogue: Catalogue, step: int, deload: float | None,
          units: str, week: int, clamped: dict[int, Diagnostic]) -> Item | None:
    exercise = catalogue.lookup(line.name)
    if exercise is None:
        return None
    p = line.prescription
    sets, low, high = p.sets, p.reps_min, p.reps_max
    seconds = p.duration.seconds if p.duration else None
    load = line.load
    amount = load.amount if load else None
    progress = line.progress
    limits: list[str] = []
    if progress is not None and step:
        gain = progress.amount * step
        if progress.unit in ("kg", "lb") and amount is not None:
            amount += gain
        elif progress.unit == "rep" and low is not None and high is not None:
            low, high = low + int(gain), high + int(gain)
        elif progress.unit == "s" and seconds is not None:
            seconds += int(gain)
        elif progress.unit == "set" and sets is not None:
            sets += int(gain)
        sets, low, high, seconds, amount = _clamp(sets, low, high, seconds, amount,
                                                  load.unit if load else None, limits)
    if deload is not None:
        if sets is not None:
            sets = max(1, _round_half_up(sets * deload / 100))
        if amount is not None and load is not None and load.kind != "rpe" \
                and load.kind != "rir":
            amount = _round_load(amount * deload / 100, load.unit)
    if limits and progress is not None and id(line) not in clamped:
        clamped[id(line)] = Diagnostic(
            "WOL003", Severity.WARNING, progress.span,
            f"{progress.text} takes {line.name} past the limit of {limits[0]} by week "
            f"{week}; it is held at the limit from there",
            "lower the progression, or plan fewer weeks")
    return Item(
        line, exercise, sets, low, high, seconds, p.kind == "max",
        _concrete_load(load, amount, units) if load else None,
        line.tempo.parts if line.tempo else None,
        line.side.value if line.side else None,
        line.rest.duration.seconds if line.rest else None,
        line.note.text if line.note else None,
    )


def _clamp(sets: int | None, low: int | None, high: int | None, seconds: int | None,
           amount: float | None, unit: str | None, limits: list[str]
           ) -> tuple[int | None, int | None, int | None, int | None, float | None]:
    """Hold progressed values inside the WOL003 bounds, naming each bound hit."""
    if sets is not None and sets > MAX_SETS:
        sets = MAX_SETS
        limits.append(f"{MAX_SETS} sets")
    if high is not None and high > MAX_REPS:
        low, high = min(low or MAX_REPS, MAX_REPS), MAX_REPS
        limits.append(f"{MAX_REPS} reps")
    if seconds is not None and seconds > MAX_SECONDS:
        seconds = MAX_SECONDS
        limits.append("4 hours")
    top = MAX_KG / KG_PER_LB if unit == "lb" else MAX_KG
    if amount is not None and amount > top:
        amount = _round_load(top, unit, down=True)
        limits.append("1000 kg")
    return sets, low, high, seconds, amount


def _round_half_up(value: float) -> int:
    return int(value + 0.5)


def _round_load(value: float, unit: str | None, down: bool = False) -> float:
    """To 0.5 kg or 1 lb (half up), or down when holding under a limit."""
    step = 1.0 if unit == "lb" else 0.5
    units = value / step
    return (int(units) if down else _round_half_up(units)) * step


def _concrete_load(load: syntax.Load, amount: float | None, units: str) -> ConcreteLoad:
    kg = None
    if load.kind in ("weight", "bodyweight") and amount is not None:
        kg = round(amount * KG_PER_LB, 3) if load.unit == "lb" else amount
    text = load.text
    if amount is not None and amount != load.amount:
        number = f"{amount:g}"
        text = {"weight": f"{number}{load.unit}", "bodyweight": f"bw+{number}{load.unit}",
                "percent_1rm": f"{number}%1rm"}.get(load.kind, text)
    return ConcreteLoad(load.kind, amount, load.unit, kg, load.level, text)


def week_blocks_problems(plan: syntax.Plan) -> list[tuple[str, syntax.Span, syntax.Span | None]]:
    """Week blocks that are reversed, overlap or fall outside the plan:
    (message, span, the other block's span)."""
    problems: list[tuple[str, syntax.Span, syntax.Span | None]] = []
    weeks = plan.week_count
    seen: list[syntax.Week] = []
    for block in plan.weeks:
        label = f"week {block.first}" if block.first == block.last else \
            f"weeks {block.first}-{block.last}"
        if block.first > block.last:
            problems.append((f"the week range {block.first}-{block.last} is reversed: write "
                             f"{block.last}-{block.first}", block.span, None))
            continue
        if block.first < 1 or block.last > weeks:
            problems.append((f"{label} is outside the plan's {weeks} week"
                             f"{'s' * (weeks != 1)}: add `weeks {block.last}` to the plan "
                             "header, or change the range", block.span, None))
        for other in seen:
            if block.first <= other.last and other.first <= block.last:
                problems.append((f"{label} overlaps the week block on line "
                                 f"{other.span.line}: give each week one block",
                                 block.span, other.span))
                break
        seen.append(block)
    return problems
