"""WOL003: values that cannot be right (0 sets, reversed ranges, absurd loads…).

The one place WOL003 is worded: the expansion and the calendar (workoutlang.weeks)
report what they held back or left out as data, and the rule here says it.
Every bound, in the checks and in their words, is read from workoutlang.limits.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Iterator

from .. import syntax
from ..diagnostics import Diagnostic, Severity, make
from ..expand import Bound, Clamp, ExpandedPlan
from ..limits import (
    KG_PER_LB,
    MAX_DELOAD_PERCENT,
    MAX_EXPANDED_ITEMS,
    MAX_FIT_KG,
    MAX_KG,
    MAX_NOTE_CHARS,
    MAX_PERCENT_1RM,
    MAX_PLAN_ITEMS,
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
from ..vocabulary import (
    BAND_LEVELS,
    BLOCK_KINDS,
    DAYS,
    FLAG_PROPERTIES,
    MEASURES,
    ROUNDED_BLOCKS,
    UNITS,
    WEIGHT_LOADS,
    BlockKind,
)
from ..weeks import BlockProblem, OverBudget, past_calendar, week_blocks_problems
from .context import Context

UNROUNDED_BLOCKS: tuple[BlockKind, ...] = tuple(k for k in BLOCK_KINDS if k not in ROUNDED_BLOCKS)


def bad_value(context: Context) -> Iterator[Diagnostic]:
    """A value that cannot be right: 0 sets, a reversed range, an absurd load.

    Bad:
        squat 0x8
        squat 3x12-8
        squat 3x8 tempo 3-1
        squat 3x8 @ 2000kg
    Good:
        squat 3x8-12 tempo 3-1-1 @ 60kg

    Too big: more than 100,000 items in a plan (an item is an exercise or a block in a week).
    Or more than 500,000 for the plans of a file: "… split the file".
    It says: "the plan expands to 145,600 items, more than 100,000: plan fewer weeks,
    or fewer sessions or exercises a week" (and not expanded, checked or compiled).
    Weeks past the calendar: "2 weeks from 9999-12-27 run past the last date there is,
    9999-12-31".
    A note longer than 2,000 characters is an error too: a cue, not a page.
    A weight over 655.34 kg is a warning: a FIT workout cannot hold it (the fit target).
    """
    for clamp in context.clamps:
        yield clamp_warning(clamp)
    for expanded in context.plans:
        if expanded.over_budget is not None:
            yield budget_error(expanded.over_budget)
        yield from _watch_loads(expanded)
    for plan in context.tree.plans:
        yield from _plan_values(plan)
        for session in plan.all_sessions():
            yield from _days(session)
            for item in session.items:
                if isinstance(item, syntax.Block):
                    yield from _block(item)
                    for line in item.items:
                        yield from _line(line)
                else:
                    yield from _line(item)
    for definition in context.tree.exercises:
        yield from _definition(definition)


def _bad(span: syntax.Span, message: str, hint: str | None = None) -> Diagnostic:
    return make("WOL003", span, message, hint)


def _time_words(seconds: int) -> str:
    """A bound in seconds in words: `4 hours`, `a minute`, `90 seconds`."""
    for size, one, many in ((3600, "an hour", "hours"), (60, "a minute", "minutes")):
        if seconds % size == 0:
            count = seconds // size
            return one if count == 1 else f"{count} {many}"
    return f"{seconds} seconds"


BOUND_WORDS: dict[Bound, str] = {"load": f"{MAX_KG:g} kg", "reps": f"{MAX_REPS} reps",
               "time": _time_words(MAX_SECONDS), "sets": f"{MAX_SETS} sets"}


def clamp_warning(clamp: Clamp) -> Diagnostic:
    """The warning for a progression the expansion held at a bound."""
    progress = clamp.line.progress
    return make("WOL003", clamp.span,
                f"{progress.text if progress else ''} takes {clamp.line.name} past the limit "
                f"of {BOUND_WORDS[clamp.bound]} by week {clamp.week}; it is held at the "
                "limit from there",
                "lower the progression, or plan fewer weeks", severity=Severity.WARNING)


def budget_error(over: OverBudget) -> Diagnostic:
    """The error for a plan past the expansion budget, which is not expanded."""
    unexpanded = ("it is not expanded: nothing is checked week by week or compiled "
                  "until it is smaller")
    if over.alone:
        return _bad(over.plan.span, f"the plan expands to {over.items:,} items, more than "
                    f"{MAX_PLAN_ITEMS:,}: plan fewer weeks, or fewer sessions or exercises "
                    "a week", f"an item is an exercise or a block in one week; {unexpanded}")
    return _bad(over.plan.span, f"with the plans above it, the file expands to "
                f"{over.file_items:,} items, more than {MAX_EXPANDED_ITEMS:,}: split the file",
                f"this plan makes {over.items:,} items (an exercise or a block in one week); "
                + unexpanded)


def _watch_loads(expanded: ExpandedPlan) -> Iterator[Diagnostic]:
    """A weight past what a FIT workout holds: the plan is fine for json, html, pdf and
    ics, but the fit target refuses it, so check says so (a warning) before compile does.
    One warning a line, for the first week the line goes past it (a progression may)."""
    sessions: set[int] = set()  # ids of the session instances read (weeks share them)
    lines: set[int] = set()  # ids of the lines warned of
    for week in expanded.weeks:
        for session in week.sessions:
            if id(session) in sessions:
                continue
            sessions.add(id(session))
            for item in session.all_items():
                load = item.load
                if load is None or load.kg is None or load.kg <= MAX_FIT_KG \
                        or id(item.line) in lines:
                    continue
                lines.add(id(item.line))
                written = item.line.load
                if written is not None and _over_max(written):
                    continue  # the written load is already an error
                span = item.line.span_of(written) if written else item.line.span
                when = f" by week {week.number}" if item.progress_steps else ""
                yield make("WOL003", span,
                           f"{load.text}{when} is more than a FIT workout can hold "
                           f"({MAX_FIT_KG:g} kg): the fit target cannot write this plan",
                           "check the number and unit; json, html, pdf and ics are not "
                           "limited", severity=Severity.WARNING)


def _range_text(week: syntax.Week) -> str:
    return f"week {week.first}" if week.first == week.last else f"week {week.first}-{week.last}"


def block_problem(problem: BlockProblem) -> Diagnostic:
    """The error for a week block the expansion leaves out."""
    week, other = problem.week, problem.other
    text = _range_text(week)
    related: tuple[tuple[syntax.Span, str], ...] = ()
    if problem.kind == "reversed":
        message = (f"the week range {week.first}-{week.last} is reversed: write "
                   f"{week.last}-{week.first}")
    elif problem.kind == "before-first":
        message = f"{text}: weeks are numbered from 1"
    elif problem.kind == "outside" or other is None:
        weeks = f"{problem.weeks} week{'s' * (problem.weeks != 1)}"
        message = (f"{text} is outside the plan's {weeks}: add `weeks {week.last}` "
                   "to the plan header, or change the range")
    else:
        low, high = max(week.first, other.first), min(week.last, other.last)
        both = f"week {low}" if low == high else f"weeks {low}-{high}"
        message = (f"{text} overlaps {_range_text(other)} on line {other.span.line}: "
                   f"{both} would have two blocks; give each week one block")
        related = ((other.span, "the other week block"),)
    return make("WOL003", problem.span, message, None, related)


def _plan_values(plan: syntax.Plan) -> Iterator[Diagnostic]:
    for option in plan.options:
        if isinstance(option, syntax.WeeksOption) and not 1 <= option.count <= MAX_WEEKS:
            yield _bad(option.span, f"a plan of {option.count} weeks is out of range",
                       f"give between 1 and {MAX_WEEKS} weeks")
        elif isinstance(option, syntax.StartOption):
            try:
                start = datetime.date.fromisoformat(option.date)
            except ValueError:
                yield _bad(option.span, f"{option.date} is not a date",
                           "write the date as YYYY-MM-DD, e.g. 2027-01-04")
                continue
            weeks = min(plan.week_count, MAX_WEEKS)
            if past_calendar(start - datetime.timedelta(days=start.weekday()), weeks):
                yield _bad(option.span, f"{weeks} week{'s' * (weeks != 1)} from "
                           f"{option.date} run past the last date there is, 9999-12-31",
                           "give an earlier start, or fewer weeks")
        elif isinstance(option, syntax.DeloadEveryOption):
            if option.every < MIN_DELOAD_EVERY:
                yield _bad(option.span, "a deload every week leaves no training week",
                           "deload every 3 to 6 weeks")
            yield from _percent(option.percent, option.span)
    for week in plan.weeks:
        if week.deload is not None:
            yield from _percent(week.deload.percent, week.deload.span)
    for problem in week_blocks_problems(plan):
        yield block_problem(problem)


def _percent(percent: float | None, span: syntax.Span) -> Iterator[Diagnostic]:
    if percent is not None and not 0 < percent < MAX_DELOAD_PERCENT:
        yield _bad(span, f"a deload to {percent:g}% is not a deload",
                   f"give a percentage between 1% and {MAX_DELOAD_PERCENT - 1:g}%, e.g. 60%")


def _days(session: syntax.Session) -> Iterator[Diagnostic]:
    for day in session.days:
        if day.name not in DAYS:
            close = difflib.get_close_matches(day.name.lower()[:3], DAYS, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]}?" if close else "days are " + ", ".join(DAYS)
            yield _bad(day.span, f"{day.name!r} is not a day", hint)


def _block(block: syntax.Block) -> Iterator[Diagnostic]:
    rounds = block.rounds
    if block.kind in UNROUNDED_BLOCKS and rounds is not None:
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


def _line(line: syntax.ExerciseLine) -> Iterator[Diagnostic]:
    for message, hint in _prescription(line.prescription):
        yield _bad(line.prescription_span, message, hint)
    load = line.load
    if load is not None:
        yield from _load(load, line.span_of(load))
    tempo = line.tempo
    if tempo is not None and len(tempo.parts) not in TEMPO_PARTS:
        yield _bad(line.span_of(tempo), f"tempo {tempo.text} has {len(tempo.parts)} parts",
                   f"give {' or '.join(map(str, TEMPO_PARTS))}: "
                   "eccentric-pause-concentric[-pause], e.g. 3-1-1")
    elif tempo is not None and any(part is not None and part > MAX_TEMPO_PHASE_S
                                   for part in tempo.parts):
        yield _bad(line.span_of(tempo), f"tempo {tempo.text} has a phase over "
                   f"{_time_words(MAX_TEMPO_PHASE_S)}",
                   "tempo phases are seconds, e.g. 3-1-1")
    rest = line.rest
    if rest is not None:
        for message, hint in _duration(rest.duration, "rest"):
            yield _bad(line.span_of(rest), message, hint)
    progress = line.progress
    if progress is not None:
        yield from _progress(line, progress)
    note = line.note
    if note is not None and len(note.text) > MAX_NOTE_CHARS:
        yield _long_note(line.span_of(note), note.text)


def _long_note(span: syntax.Span, text: str) -> Diagnostic:
    return _bad(span, f"a note of {len(text):,} characters is longer than {MAX_NOTE_CHARS:,}",
                "keep the cue short; put longer instructions in a comment (# …)")


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
        yield f"a {what} of {duration.text} is over {_time_words(MAX_SECONDS)}", "check the units"


def _over_max(load: syntax.Load) -> bool:
    """Whether a written weight is over MAX_KG (in kg, whatever its unit)."""
    if load.kind not in WEIGHT_LOADS or load.amount is None:
        return False
    return (load.amount * KG_PER_LB if load.unit == "lb" else load.amount) > MAX_KG


def _load(load: syntax.Load, span: syntax.Span) -> Iterator[Diagnostic]:
    if load.kind in WEIGHT_LOADS and load.amount is not None:
        if _over_max(load):
            yield _bad(span, f"{load.text} is over {MAX_KG:g} kg", "check the number and unit")
        elif load.kind == "weight" and load.amount == 0:
            yield _bad(span, "a load of zero kg or lb", "write @ bw for bodyweight")
    elif (load.kind == "percent_1rm" and load.amount is not None
          and not 0 < load.amount <= MAX_PERCENT_1RM):
        yield _bad(span, f"{load.text} is not a usable share of one-rep max",
                   f"give 1% to {MAX_PERCENT_1RM:g}%")
    elif load.kind == "rpe" and load.amount is not None and not MIN_RPE <= load.amount <= MAX_RPE:
        yield _bad(span, f"{load.text} is out of range",
                   f"RPE runs from {MIN_RPE:g} to {MAX_RPE:g}: give e.g. rpe 7")
    elif load.kind == "rir" and load.amount is not None and load.amount > MAX_RIR:
        yield _bad(span, f"{load.text} is out of range",
                   f"reps in reserve runs from 0 to {MAX_RIR:g}: give e.g. rir 2")
    elif load.kind == "band" and load.level not in BAND_LEVELS:
        close = difflib.get_close_matches(load.level or "", BAND_LEVELS, n=1)
        yield _bad(span, f"band:{load.level} is not a band level",
                   f"did you mean band:{close[0]}?" if close else
                   "write " + _or(f"band:{level}" for level in BAND_LEVELS))


def _progress(line: syntax.ExerciseLine, progress: syntax.Progress) -> Iterator[Diagnostic]:
    load = line.load
    kind = line.prescription.kind
    span = line.span_of(progress)
    if progress.amount == 0:
        yield _bad(span, "a progression of zero changes nothing",
                   "remove it, or give an amount")
    elif progress.unit in UNITS:
        if load is None or load.kind not in WEIGHT_LOADS or load.amount is None:
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
            yield _bad(prop.span, f"measure must be {_or(MEASURES)}", "write e.g. measure time")
        elif prop.key == "fit" and len(prop.values) != 2:
            yield _bad(prop.span, "fit takes a FIT category and name",
                       "write e.g. fit plank/side_plank")
        elif prop.key in FLAG_PROPERTIES and prop.values:
            yield _bad(prop.span, f"{prop.key} takes no value",
                       f"remove the words after {prop.key}")
        elif prop.key in ("tags", "alias") and not prop.values:
            yield _bad(prop.span, f"{prop.key} needs at least one name",
                       f"write e.g. {prop.key} core")
        elif prop.key == "note" and len(prop.values) != 1:
            yield _bad(prop.span, "note takes one quoted text", 'write e.g. note "knees out"')
        elif prop.key == "note" and len(prop.values[0]) > MAX_NOTE_CHARS:
            yield _long_note(prop.span, prop.values[0])


def _or(words: Iterable[str]) -> str:
    """`a, b or c`."""
    *rest, last = words
    return f"{', '.join(rest)} or {last}" if rest else last
