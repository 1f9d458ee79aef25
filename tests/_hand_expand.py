"""TEMPORARY: a stand-in for expand.expand until the multi-week expansion lands.

Week blocks replace the template, `deload` (block or `deload every`) scales loads
and reps, `progress` adds per week. Used by the html/pdf/ics backend tests only.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from workoutlang import compiler, expand, syntax
from workoutlang.catalogue import Catalogue, load_catalogue
from workoutlang.parser import parse


def hand_expand(plan: syntax.Plan, catalogue: Catalogue) -> expand.ExpandedPlan:
    try:
        start = datetime.date.fromisoformat(plan.start) if plan.start else None
    except ValueError:
        start = None
    first_monday = start - datetime.timedelta(days=start.weekday()) if start else None
    weeks = []
    every = plan.deload_every
    for number in range(1, plan.week_count + 1):
        block = next((w for w in plan.weeks if w.first <= number <= w.last), None)
        sessions = block.sessions if block else plan.sessions
        deload, percent = False, None
        if block is not None and block.deload is not None:
            deload, percent = True, block.deload.percent or 60.0
        elif every is not None and every.every > 0 and number % every.every == 0:
            deload, percent = True, every.percent or 60.0
        factor = (percent or 100.0) / 100.0
        monday = first_monday + datetime.timedelta(weeks=number - 1) if first_monday else None
        weeks.append(expand.WeekInstance(
            number, deload, percent,
            tuple(_session(s, catalogue, number, factor) for s in sessions),
            block.span if block else plan.span, monday))
    return expand.ExpandedPlan(plan, tuple(weeks))


def _session(session: syntax.Session, catalogue: Catalogue, week: int,
             factor: float) -> expand.SessionInstance:
    items: list[expand.Item | expand.BlockInstance] = []
    for entry in session.items:
        if isinstance(entry, syntax.Block):
            items.append(expand.BlockInstance(
                entry, entry.kind, entry.rounds,
                entry.rest.duration.seconds if entry.rest else None,
                tuple(_item(line, catalogue, week, factor) for line in entry.items)))
        else:
            items.append(_item(entry, catalogue, week, factor))
    return expand.SessionInstance(session, session.name, tuple(d.name for d in session.days),
                                  tuple(items))


def _item(line: syntax.ExerciseLine, catalogue: Catalogue, week: int,
          factor: float) -> expand.Item:
    p, load, progress = line.prescription, line.load, line.progress
    steps = week - 1
    reps_min, reps_max = p.reps_min, p.reps_max
    duration = p.duration.seconds if p.duration else None
    concrete = None
    if load is not None:
        amount = load.amount
        if amount is not None and progress is not None and progress.unit == load.unit:
            amount += progress.amount * steps
        if amount is not None and load.kind == "weight":
            amount = round(amount * factor * 2) / 2
        kg = None
        if load.kind in ("weight", "bodyweight") and amount is not None:
            kg = amount * (0.45359237 if load.unit == "lb" else 1.0)
        concrete = expand.ConcreteLoad(load.kind, amount, load.unit, kg, load.level, load.text)
    if progress is not None and progress.unit == "rep" and reps_min is not None:
        reps_min = int(reps_min + progress.amount * steps)
        reps_max = int((reps_max or 0) + progress.amount * steps)
    if progress is not None and progress.unit == "s" and duration is not None:
        duration = int(duration + progress.amount * steps)
    sets = p.sets
    if sets is not None and factor < 1:
        sets = max(1, round(sets * factor))
    exercise = catalogue.lookup(line.name)
    assert exercise is not None, line.name
    return expand.Item(
        line, exercise, sets, reps_min, reps_max, duration, p.kind == "max", concrete,
        line.tempo.parts if line.tempo else None, line.side.value if line.side else None,
        line.rest.duration.seconds if line.rest else None, line.note.text if line.note else None)


def program_of(path: Path) -> expand.Program:
    return program_from_text(path.read_text(encoding="utf-8"), path.name)


def program_from_text(text: str, filename: str = "plan.wol") -> expand.Program:
    """The program of a plan: the compiler's, or the stand-in expansion until it lands."""
    tree = parse(text, filename)
    try:
        return compiler.build_program(tree)
    except NotImplementedError:  # TEMPORARY
        catalogue = load_catalogue().with_definitions(tree.exercises)
        return expand.Program(tree, catalogue,
                              tuple(hand_expand(plan, catalogue) for plan in tree.plans))
