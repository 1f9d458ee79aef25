"""The JSON target: schema `workoutlang/plan@1` (data/plan.schema.json, docs/outputs/json.md).

Numbers are SI (seconds, kilograms) with what the author wrote kept beside
them. Each plan carries what was written and its expanded weeks. Texts (rest,
load, tempo, progression, prescription) are in the canonical spelling that
`workoutlang fmt` writes, so formatting a file never changes its JSON. Keys
come in the order this module writes them; the same program gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import json
import math
from typing import Any

from .. import __version__, syntax
from ..catalogue import Exercise
from ..expand import (
    BlockInstance,
    ConcreteLoad,
    ExpandedPlan,
    Item,
    Program,
    SessionInstance,
    WeekInstance,
    kilograms,
    written_load,
)
from ..spelling import duration, number, progress_text, rest_text, spell, tempo_text
from ..vocabulary import DAYS, PERCENT_LOADS, PERCENT_OF
from . import EmitOptions

SCHEMA = "workoutlang/plan@1"


def emit(program: Program, options: EmitOptions) -> bytes:
    # the same text as json.dumps, without its list of every piece (millions of small
    # strings for a long plan): written as it is made, peak memory falls by half
    text = io.StringIO()
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False, allow_nan=False)
    text.writelines(encoder.iterencode(document(program)))
    text.write("\n")
    return text.getvalue().encode("utf-8")


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
    start = _date(plan.start)
    return {
        "name": plan.name,
        "units": plan.units,
        "start": start.isoformat() if start else None,
        "week_count": len(expanded.weeks),
        "deload_every": {"weeks": every.every, "percent": _number(every.percent)}
        if every else None,
        "line": plan.span.line,
        "written": {
            "sessions": [_written_session(s) for s in plan.sessions],
            "week_blocks": [_written_week(w) for w in plan.weeks],
            "rotations": [_written_rotation(r) for r in plan.rotations],
        },
        "weeks": [_week(week, start) for week in expanded.weeks],
        "supplement": plan.supplement,
        "cycle": plan.cycle,
        "round": {"amount": _number(plan.round.amount), "unit": plan.round.unit}
        if plan.round else None,
        "maxes": [_written_max(m) for m in plan.maxes],
    }


def _date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None  # WOL003; the weeks are numbered only


def _week(week: WeekInstance, start: datetime.date | None) -> dict[str, Any]:
    monday = week.monday
    block = week.block
    return {
        "week": week.number,
        "deload": week.deload,
        "deload_percent": week.deload_percent,
        "monday": monday.isoformat() if monday else None,
        "sunday": (monday + datetime.timedelta(days=6)).isoformat() if monday else None,
        "block": {"first": block.first, "last": block.last, "line": block.span.line}
        if block else None,
        "sessions": [_session(s, monday, start) for s in week.sessions],
        "cycle": week.cycle,
        "week_of_cycle": week.week_of_cycle,
        "maxes": [{"exercise": m.exercise, "unit": m.unit, "one_rm": _number(m.one_rm),
                   "training_max": _number(m.training_max), "tm_percent": _number(m.tm_percent),
                   "one_rm_kg": _number(kilograms(m.one_rm, m.unit)),
                   "training_max_kg": _number(kilograms(m.training_max, m.unit))}
                  for m in week.maxes],
    }


def _session(session: SessionInstance, monday: datetime.date | None,
             start: datetime.date | None) -> dict[str, Any]:
    dates = []
    if monday is not None and start is not None:
        for day in session.days:
            if day in DAYS:
                date = monday + datetime.timedelta(days=DAYS.index(day))
                if date >= start:  # week 1 may begin before the plan does
                    dates.append(date.isoformat())
    return {
        "name": session.name,
        "days": list(session.days),
        "dates": dates,
        "line": session.session.span.line,
        "items": [_block(e) if isinstance(e, BlockInstance) else _item(e)
                  for e in session.items],
        "per_week": _per_week(session.per_week),
        "rotation": {"days": [d.name for d in session.rotation.days],
                     "line": session.rotation.span.line} if session.rotation else None,
    }


def _per_week(per_week: tuple[int, int] | None) -> dict[str, int] | None:
    return {"min": per_week[0], "max": per_week[1]} if per_week else None


def _block(block: BlockInstance) -> dict[str, Any]:
    return {
        "type": "block",
        "kind": block.kind,
        "rounds": block.rounds,
        "rest_s": block.rest_s,
        "rest": _rest_text(block.rest_s, block.rest_lap),
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
        "prescription": item.prescription_text,
        "sets": item.sets,
        "reps": {"min": item.reps_min, "max": item.reps_max}
        if item.reps_min is not None and item.reps_max is not None else None,
        "duration_s": item.duration_s,
        "max": item.max_effort,
        "load": _load(item.load),
        "tempo": _tempo(line.tempo),
        "side": item.side,
        "rest_s": item.rest_s,
        "rest": _written_rest(line.rest),
        "progress": _progress(line.progress, line.reset),
        "progress_steps": item.progress_steps,
        "note": item.note,
        "line": line.line,
        "group": item.group,
        "groups": item.groups,
        "amrap_min": item.reps_min if item.max_effort else None,
        "distance_m": _number(item.distance_m),
        "distance": item.distance_text,
    }


def _exercise_facts(exercise: Exercise) -> dict[str, Any]:
    return {
        "display": exercise.display,
        "tags": sorted(exercise.tags),
        "unilateral": exercise.unilateral,
        "measure": exercise.measure,
        "fit": _fit(exercise) if exercise.fit_category and exercise.fit_name else None,
    }


def _fit(exercise: Exercise) -> dict[str, Any]:
    """The watch's exercise: FIT's names, why they are only the nearest movement (or
    None), and the keys Garmin Connect's workout uses (docs/outputs/garmin-connect.md)."""
    category, name = exercise.connect_keys or ("", "")
    return {"category": exercise.fit_category, "name": exercise.fit_name,
            "approx": exercise.fit_approx or None,
            "connect": {"category": category, "exercise": name}}


def _load(load: ConcreteLoad | None) -> dict[str, Any] | None:
    if load is None:
        return None
    text = load.text
    if load.kind in PERCENT_LOADS and load.percent is not None:
        # the language's notation (`85%tm`), as for every load: the weight it comes to
        # is in `weight` and `kg`, not in the text (`240lb (85%tm)` is no load one writes)
        text = f"{number(load.percent)}%{PERCENT_OF[load.kind]}"
        if load.effort is not None:
            text += f" {load.effort[0]} {number(load.effort[1])}"
    weight = load.weight
    return {"kind": load.kind, "value": _number(load.amount), "unit": load.unit,
            "kg": _number(load.kg), "level": load.level, "text": text,
            "percent": _number(load.percent), "of": load.of,
            "effort": {"kind": load.effort[0], "value": _number(load.effort[1])}
            if load.effort else None,
            "weight": {"amount": _number(weight), "unit": load.weight_unit}
            if weight is not None else None}


def _number(value: float | None) -> float | None:
    """A number JSON can hold: a written 10^400 (a WOL003 error, compiled with --force) is null."""
    return value if value is not None and math.isfinite(value) else None


def _tempo(tempo: syntax.Tempo | None) -> dict[str, Any] | None:
    if tempo is None:
        return None
    parts = list(tempo.parts[:4]) + [None] * (4 - len(tempo.parts))
    return {"eccentric": parts[0], "pause": parts[1], "concentric": parts[2],
            "pause_top": parts[3], "text": tempo_text(tempo.parts)}


def _progress(progress: syntax.Progress | None,
              reset: syntax.Reset | None = None) -> dict[str, Any] | None:
    if progress is None:
        return None
    return {"amount": _number(progress.amount), "unit": progress.unit,
            "text": progress_text(progress.amount, progress.unit, progress.period,
                                  progress.double, progress.if_done),
            # not written (WOL003): the expansion steps it weekly
            "period": progress.period or "week", "double": progress.double,
            "if_done": progress.if_done,
            "reset": {"percent": _number(reset.percent), "misses": reset.misses}
            if reset is not None else None}


# --- what was written -------------------------------------------------------------


def _written_week(week: syntax.Week) -> dict[str, Any]:
    return {
        "first": week.first,
        "last": week.last,
        "deload": week.deload is not None,
        "deload_percent": _number(week.deload.percent) if week.deload else None,
        "line": week.span.line,
        "sessions": [_written_session(s) for s in week.sessions],
        "rotations": [_written_rotation(r) for r in week.rotations],
    }


def _written_rotation(rotation: syntax.Rotation) -> dict[str, Any]:
    return {
        "days": [d.name for d in rotation.days],
        "line": rotation.span.line,
        "sessions": [_written_session(s) for s in rotation.sessions],
    }


def _written_max(line: syntax.MaxLine) -> dict[str, Any]:
    load = line.load
    return {
        "exercise": line.exercise,
        "value": _number(load.amount),
        "unit": load.unit,
        "kg": _number(kilograms(load.amount, load.unit)) if load.amount is not None else None,
        "tm_percent": _number(line.tm),
        "progress": _progress(line.progress),
        "line": line.span.line,
    }


def _written_session(session: syntax.Session) -> dict[str, Any]:
    return {
        "name": session.name,
        "days": [d.name for d in session.days],
        "line": session.span.line,
        "items": [entry for i in session.items for entry in _written_entries(i)],
        "per_week": _per_week((session.per_week.low, session.per_week.high)
                              if session.per_week else None),
    }


def _written_entries(item: syntax.SessionItem) -> list[dict[str, Any]]:
    if isinstance(item, syntax.Block):
        return [_written_block(item)]
    if isinstance(item, syntax.Wave):
        return [_written_wave(item)]
    if isinstance(item, syntax.Ladder):
        return [_written_ladder(item)]
    return _written_lines(item)


def _written_ladder(ladder: syntax.Ladder) -> dict[str, Any]:
    return {
        "type": "ladder",
        "prescription": ladder.prescription.text,
        "graduate": ladder.graduate.text,
        "line": ladder.span.line,
        "rungs": [_written_lines(rung) for rung in ladder.rungs],
    }


def _written_wave(wave: syntax.Wave) -> dict[str, Any]:
    return {
        "type": "wave",
        "exercise": wave.name,
        "line": wave.span.line,
        "rows": [_written_lines(row) for row in wave.rows],
    }


def _written_block(block: syntax.Block) -> dict[str, Any]:
    rest = block.rest
    return {
        "type": "block",
        "kind": block.kind,
        "rounds": block.rounds,
        "rest_s": _written_seconds(rest),
        "rest": _written_rest(rest),
        "line": block.span.line,
        "items": [entry for i in block.items for entry in _written_lines(i)],
    }


def _rest_text(seconds: int | None, lap: bool) -> str | None:
    """A rest in the language's notation: `1min30s`, `lap` (`rest lap`: until the lap
    button, and `rest_s` null), or None without a rest."""
    return rest_text(None) if lap else (duration(seconds) if seconds is not None else None)


def _written_seconds(rest: syntax.Rest | None) -> int | None:
    return rest.duration.seconds if rest is not None and rest.duration is not None else None


def _written_rest(rest: syntax.Rest | None) -> str | None:
    return None if rest is None else _rest_text(_written_seconds(rest), rest.lap)


def _written_lines(line: syntax.ExerciseLine) -> list[dict[str, Any]]:
    """A line as written: one entry a set group (`1x5 @ 80kg, 3x5 @ 70kg`: two)."""
    groups = line.groups
    return [_written_group(line, group, index, len(groups))
            for index, group in enumerate(groups)]


def _written_group(line: syntax.ExerciseLine, group: syntax.SetGroup, index: int,
                   count: int) -> dict[str, Any]:
    p, load = group.prescription, group.load
    return {
        "type": "exercise",
        "exercise": line.name,
        "prescription": spell(p),
        "sets": p.sets,
        "reps": {"min": p.reps_min, "max": p.reps_max}
        if p.reps_min is not None and p.reps_max is not None else None,
        "duration_s": p.duration.seconds if p.duration else None,
        "max": p.kind == "max",
        "load": _load(written_load(load)) if load else None,
        "tempo": _tempo(line.tempo),
        "side": line.side.value if line.side else None,
        "rest_s": _written_seconds(line.rest),
        "rest": _written_rest(line.rest),
        "progress": _progress(line.progress, line.reset),
        "note": line.note.text if line.note else None,
        "line": line.line,
        "group": index,
        "groups": count,
        "amrap_min": p.reps_min if p.kind == "max" else None,
        "distance_m": _number(p.distance.metres) if p.distance else None,
        "distance": p.distance.text if p.distance else None,
    }
