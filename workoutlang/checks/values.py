"""WOL003: values that cannot be right (0 sets, reversed ranges, absurd loads…)."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterator

from .. import syntax
from ..diagnostics import Diagnostic, make
from ..limits import (
    KG_PER_LB,
    MAX_KG,
    MAX_PERCENT_1RM,
    MAX_REPS,
    MAX_RIR,
    MAX_RPE,
    MAX_SECONDS,
    MAX_SETS,
    MAX_TEMPO_PHASE_S,
    MAX_WEEKS,
    MIN_DELOAD_EVERY,
    MIN_RPE,
    TEMPO_PARTS,
)
from ..vocabulary import BAND_LEVELS, DAYS, MEASURES
from ..weeks import week_blocks_problems
from .context import Context


def bad_value(context: Context) -> Iterator[Diagnostic]:
    """A value that cannot be right: 0 sets, a reversed range, an absurd load.

    Bad:
        squat 0x8
        squat 3x12-8
        squat 3x8 tempo 3-1
        squat 3x8 @ 2000kg
    Good:
        squat 3x8-12 tempo 3-1-1 @ 60kg
    """
    for plan in context.tree.plans:
        yield from _plan_values(plan)
        for session in plan.all_sessions():
            yield from _days(session)
            for item in session.items:
                if isinstance(item, syntax.Block):
                    yield from _block(item)
                    for line in item.items:
                        yield from _line(line, plan.units, in_rounds=True)
                else:
                    yield from _line(item, plan.units, in_rounds=False)
    for definition in context.tree.exercises:
        yield from _definition(definition)


def _bad(span: syntax.Span, message: str, hint: str | None = None) -> Diagnostic:
    return make("WOL003", span, message, hint)


def _plan_values(plan: syntax.Plan) -> Iterator[Diagnostic]:
    for option in plan.options:
        if isinstance(option, syntax.WeeksOption) and not 1 <= option.count <= MAX_WEEKS:
            yield _bad(option.span, f"a plan of {option.count} weeks is out of range",
                       f"give between 1 and {MAX_WEEKS} weeks")
        elif isinstance(option, syntax.StartOption):
            try:
                datetime.date.fromisoformat(option.date)
            except ValueError:
                yield _bad(option.span, f"{option.date} is not a date",
                           "write the date as YYYY-MM-DD, e.g. 2027-01-04")
        elif isinstance(option, syntax.DeloadEveryOption):
            if option.every < MIN_DELOAD_EVERY:
                yield _bad(option.span, "a deload every week leaves no training week",
                           "deload every 3 to 6 weeks")
            yield from _percent(option.percent, option.span)
    for week in plan.weeks:
        if week.deload is not None:
            yield from _percent(week.deload.percent, week.deload.span)
    for message, span, other in week_blocks_problems(plan):
        related = ((other, "the other week block"),) if other else ()
        yield make("WOL003", span, message, None, related)


def _percent(percent: float | None, span: syntax.Span) -> Iterator[Diagnostic]:
    if percent is not None and not 0 < percent < 100:
        yield _bad(span, f"a deload to {percent:g}% is not a deload",
                   "give a percentage between 1% and 99%, e.g. 60%")


def _days(session: syntax.Session) -> Iterator[Diagnostic]:
    for day in session.days:
        if day.name not in DAYS:
            close = difflib.get_close_matches(day.name.lower()[:3], DAYS, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]}?" if close else "days are " + ", ".join(DAYS)
            yield _bad(day.span, f"{day.name!r} is not a day", hint)


def _block(block: syntax.Block) -> Iterator[Diagnostic]:
    rounds = block.rounds
    if block.kind in ("warmup", "cooldown") and rounds is not None:
        yield _bad(block.span, f"a {block.kind} has no rounds",
                   "use a superset or circuit for rounds")
    if block.kind == "circuit" and rounds is None:
        yield _bad(block.span, "a circuit needs its number of rounds", "e.g. circuit 3 rounds:")
    if rounds is not None and not 1 <= rounds <= MAX_SETS:
        yield _bad(block.span, f"{rounds} rounds is out of range",
                   f"give between 1 and {MAX_SETS} rounds")
    rest = block.rest
    if rest is not None:
        for message, hint in _duration(rest.duration, "rest"):
            yield _bad(block.option_span(rest), message, hint)


def _line(line: syntax.ExerciseLine, units: str, in_rounds: bool) -> Iterator[Diagnostic]:
    for message, hint in _prescription(line.prescription):
        yield _bad(line.prescription_span, message, hint)
    load = line.load
    if load is not None:
        yield from _load(load, line.span_of(load))
    tempo = line.tempo
    if tempo is not None and len(tempo.parts) not in TEMPO_PARTS:
        yield _bad(line.span_of(tempo), f"tempo {tempo.text} has {len(tempo.parts)} parts",
                   "give 3 or 4: eccentric-pause-concentric[-pause], e.g. 3-1-1")
    elif tempo is not None and any(part is not None and part > MAX_TEMPO_PHASE_S
                                   for part in tempo.parts):
        yield _bad(line.span_of(tempo), f"tempo {tempo.text} has a phase over a minute",
                   "tempo phases are seconds, e.g. 3-1-1")
    rest = line.rest
    if rest is not None:
        for message, hint in _duration(rest.duration, "rest"):
            yield _bad(line.span_of(rest), message, hint)
    progress = line.progress
    if progress is not None:
        yield from _progress(line, progress, units)


def _prescription(p: syntax.Prescription) -> Iterator[tuple[str, str]]:
    """(message, hint) for each thing wrong with a prescription."""
    if p.sets is not None and not 1 <= p.sets <= MAX_SETS:
        yield f"{p.sets} sets is out of range", f"give between 1 and {MAX_SETS} sets"
    if p.reps_min is not None and p.reps_max is not None:
        if p.reps_min > p.reps_max:
            yield (f"the rep range {p.reps_min}-{p.reps_max} is reversed",
                   f"write {p.reps_max}-{p.reps_min}")
        elif not (1 <= p.reps_min and p.reps_max <= MAX_REPS):
            yield (f"{p.text} asks for an impossible number of reps",
                   f"give between 1 and {MAX_REPS} reps")
    if p.duration is not None:
        yield from _duration(p.duration, "time")


def _duration(duration: syntax.Duration, what: str) -> Iterator[tuple[str, str]]:
    if duration.seconds == 0:
        yield f"a {what} of zero does nothing", "give at least 1s"
    elif duration.seconds > MAX_SECONDS:
        yield f"a {what} of {duration.text} is over 4 hours", "check the units"


def _load(load: syntax.Load, span: syntax.Span) -> Iterator[Diagnostic]:
    if load.kind in ("weight", "bodyweight") and load.amount is not None:
        kg = load.amount * KG_PER_LB if load.unit == "lb" else load.amount
        if kg > MAX_KG:
            yield _bad(span, f"{load.text} is over 1000 kg", "check the number and unit")
        elif load.kind == "weight" and load.amount == 0:
            yield _bad(span, "a load of zero kg or lb", "write @ bw for bodyweight")
    elif (load.kind == "percent_1rm" and load.amount is not None
          and not 0 < load.amount <= MAX_PERCENT_1RM):
        yield _bad(span, f"{load.text} is not a usable share of one-rep max",
                   "give 1% to 120%")
    elif load.kind == "rpe" and load.amount is not None and not MIN_RPE <= load.amount <= MAX_RPE:
        yield _bad(span, f"{load.text} is out of range",
                   "RPE runs from 1 to 10: give e.g. rpe 7")
    elif load.kind == "rir" and load.amount is not None and load.amount > MAX_RIR:
        yield _bad(span, f"{load.text} is out of range",
                   "reps in reserve runs from 0 to 10: give e.g. rir 2")
    elif load.kind == "band" and load.level not in BAND_LEVELS:
        close = difflib.get_close_matches(load.level or "", BAND_LEVELS, n=1)
        yield _bad(span, f"band:{load.level} is not a band level",
                   f"did you mean band:{close[0]}?" if close else
                   "write band:light, band:medium or band:heavy")


def _progress(line: syntax.ExerciseLine, progress: syntax.Progress,
              units: str) -> Iterator[Diagnostic]:
    load = line.load
    kind = line.prescription.kind
    span = line.span_of(progress)
    if progress.amount == 0:
        yield _bad(span, "a progression of zero changes nothing",
                   "remove it, or give an amount")
    elif progress.unit in ("kg", "lb"):
        if load is None or load.kind not in ("weight", "bodyweight") or load.amount is None:
            yield _bad(span, f"{progress.text} needs a weight to add to",
                       "give a load such as @ 40kg")
        elif progress.unit != load.unit:
            yield _bad(span, f"{progress.text} adds {progress.unit} to a load in "
                       f"{load.unit}", f"write the progression in {load.unit}")
    elif progress.unit == "rep" and kind != "reps":
        yield _bad(span, f"{progress.text} adds reps to a line without reps",
                   "give a rep prescription such as 3x8, or progress by another unit")
    elif progress.unit == "s" and kind != "time":
        yield _bad(span, f"{progress.text} adds seconds to a line without a time",
                   "give a timed prescription such as 3x30s")
    elif progress.unit == "set" and line.prescription.sets is None:
        yield _bad(span, f"{progress.text} adds sets to a per-round line",
                   "give sets such as 3x8")


def _definition(definition: syntax.ExerciseDef) -> Iterator[Diagnostic]:
    for prop in definition.properties:
        if prop.key == "measure" and (len(prop.values) != 1 or prop.values[0] not in MEASURES):
            yield _bad(prop.span, "measure must be reps or time", "write e.g. measure time")
        elif prop.key == "fit" and len(prop.values) != 2:
            yield _bad(prop.span, "fit takes a FIT category and name",
                       "write e.g. fit plank/side_plank")
        elif prop.key in ("unilateral", "bilateral") and prop.values:
            yield _bad(prop.span, f"{prop.key} takes no value",
                       f"remove the words after {prop.key}")
        elif prop.key in ("tags", "alias") and not prop.values:
            yield _bad(prop.span, f"{prop.key} needs at least one name",
                       f"write e.g. {prop.key} core")
        elif prop.key == "note" and len(prop.values) != 1:
            yield _bad(prop.span, "note takes one quoted text", 'write e.g. note "knees out"')
