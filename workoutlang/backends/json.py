"""The JSON target: schema `workoutlang/plan@1` (data/plan.schema.json).

Numbers are SI (seconds, kilograms) with what the author wrote kept beside
them. Each plan carries what was written and its expanded weeks.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__, syntax
from ..catalogue import Exercise
from ..expand import BlockInstance, ConcreteLoad, ExpandedPlan, Item, Program, SessionInstance
from . import EmitOptions

SCHEMA = "workoutlang/plan@1"
KG_PER_LB = 0.45359237


def emit(program: Program, options: EmitOptions) -> bytes:
    return (json.dumps(document(program), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def document(program: Program) -> dict[str, Any]:
    """The whole output as plain data."""
    return {
        "schema": SCHEMA,
        "generator": f"workoutlang {__version__}",
        "source": program.tree.filename,
        "plans": [_plan(plan) for plan in program.plans],
        "diagnostics": [d.to_dict() for d in program.diagnostics],
    }


def _plan(expanded: ExpandedPlan) -> dict[str, Any]:
    plan = expanded.plan
    every = plan.deload_every
    return {
        "name": plan.name,
        "units": plan.units,
        "start": plan.start,
        "week_count": len(expanded.weeks),
        "deload_every": {"weeks": every.every, "percent": every.percent} if every else None,
        "line": plan.span.line,
        "written": {
            "sessions": [_written_session(s) for s in plan.sessions],
            "week_blocks": [{
                "first": w.first, "last": w.last,
                "deload": w.deload is not None,
                "deload_percent": w.deload.percent if w.deload else None,
                "line": w.span.line,
                "sessions": [_written_session(s) for s in w.sessions],
            } for w in plan.weeks],
        },
        "weeks": [{
            "week": week.number,
            "deload": week.deload,
            "deload_percent": week.deload_percent,
            "monday": week.monday.isoformat() if week.monday else None,
            "sessions": [_session(s, week.monday) for s in week.sessions],
        } for week in expanded.weeks],
    }


_DAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def _session(session: SessionInstance, monday: Any) -> dict[str, Any]:
    import datetime

    dates = [(monday + datetime.timedelta(days=_DAY_INDEX[d])).isoformat()
             for d in session.days if monday and d in _DAY_INDEX]
    return {
        "name": session.name,
        "days": list(session.days),
        "dates": dates,
        "line": session.session.span.line,
        "items": [_block(e) if isinstance(e, BlockInstance) else _item(e)
                  for e in session.items],
    }


def _block(block: BlockInstance) -> dict[str, Any]:
    return {
        "type": "block",
        "kind": block.kind,
        "rounds": block.rounds,
        "rest_s": block.rest_s,
        "line": block.block.span.line,
        "items": [_item(i) for i in block.items],
    }


def _item(item: Item) -> dict[str, Any]:
    line = item.line
    return {
        "type": "exercise",
        "exercise": item.exercise.name,
        "written_name": line.name,
        **_exercise_facts(item.exercise),
        "prescription": line.prescription.text,
        "sets": item.sets,
        "reps": {"min": item.reps_min, "max": item.reps_max} if item.reps_min is not None
        else None,
        "duration_s": item.duration_s,
        "max": item.max_effort,
        "load": _load(item.load),
        "tempo": _tempo(line.tempo),
        "side": item.side,
        "rest_s": item.rest_s,
        "rest": line.rest.duration.text if line.rest else None,
        "progress": _progress(line.progress),
        "note": item.note,
        "line": line.span.line,
    }


def _exercise_facts(exercise: Exercise) -> dict[str, Any]:
    return {
        "display": exercise.display,
        "tags": sorted(exercise.tags),
        "unilateral": exercise.unilateral,
        "measure": exercise.measure,
        "fit": {"category": exercise.fit_category, "name": exercise.fit_name}
        if exercise.fit_category and exercise.fit_name else None,
    }


def _load(load: ConcreteLoad | None) -> dict[str, Any] | None:
    if load is None:
        return None
    return {"kind": load.kind, "value": load.amount, "unit": load.unit, "kg": load.kg,
            "level": load.level, "text": load.text}


def _tempo(tempo: syntax.Tempo | None) -> dict[str, Any] | None:
    if tempo is None:
        return None
    parts = list(tempo.parts) + [None] * (4 - len(tempo.parts))
    return {"eccentric": parts[0], "pause": parts[1], "concentric": parts[2],
            "pause_top": parts[3], "text": tempo.text}


def _progress(progress: syntax.Progress | None) -> dict[str, Any] | None:
    if progress is None:
        return None
    return {"amount": progress.amount, "unit": progress.unit, "text": progress.text}


# --- what was written -------------------------------------------------------------


def _written_session(session: syntax.Session) -> dict[str, Any]:
    return {
        "name": session.name,
        "days": [d.name for d in session.days],
        "line": session.span.line,
        "items": [_written_block(i) if isinstance(i, syntax.Block) else _written_line(i)
                  for i in session.items],
    }


def _written_block(block: syntax.Block) -> dict[str, Any]:
    rest = block.rest
    return {
        "type": "block",
        "kind": block.kind,
        "rounds": block.rounds,
        "rest_s": rest.duration.seconds if rest else None,
        "line": block.span.line,
        "items": [_written_line(i) for i in block.items],
    }


def _written_line(line: syntax.ExerciseLine) -> dict[str, Any]:
    p = line.prescription
    load = line.load
    return {
        "type": "exercise",
        "exercise": line.name,
        "prescription": p.text,
        "sets": p.sets,
        "reps": {"min": p.reps_min, "max": p.reps_max} if p.reps_min is not None else None,
        "duration_s": p.duration.seconds if p.duration else None,
        "max": p.kind == "max",
        "load": _load(_written_load(load)) if load else None,
        "tempo": _tempo(line.tempo),
        "side": line.side.value if line.side else None,
        "rest_s": line.rest.duration.seconds if line.rest else None,
        "rest": line.rest.duration.text if line.rest else None,
        "progress": _progress(line.progress),
        "note": line.note.text if line.note else None,
        "line": line.span.line,
    }


def _written_load(load: syntax.Load) -> ConcreteLoad:
    kg = None
    if load.kind in ("weight", "bodyweight") and load.amount is not None:
        kg = round(load.amount * KG_PER_LB, 3) if load.unit == "lb" else load.amount
    return ConcreteLoad(load.kind, load.amount, load.unit, kg, load.level, load.text)
