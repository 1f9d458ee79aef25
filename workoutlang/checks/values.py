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
    MAX_METRES,
    MAX_NOTE_CHARS,
    MAX_PERCENT_1RM,
    MAX_PLAN_ITEMS,
    MAX_REPS,
    MAX_RESET_PERCENT,
    MAX_RIR,
    MAX_ROUND_KG,
    MAX_RPE,
    MAX_SECONDS,
    MAX_SETS,
    MAX_TEMPO_PHASE_S,
    MAX_TIMES_A_WEEK,
    MAX_TM_PERCENT,
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
    PERCENT_LOADS,
    PERCENT_OF,
    ROUNDED_BLOCKS,
    UNITS,
    WEIGHT_LOADS,
    BlockKind,
)
from ..weeks import BlockProblem, OverBudget, past_calendar, week_blocks_problems
from .context import Context
from .watch import WATCH_TARGETS

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

    Language v2 values:
    a distance of 0, or over 50 km (`3x0m`, `1x60km`);
    `N per week` of 0 or more than 14, or reversed (`2-1 per week`);
    `cycle 0` or a cycle over 520 weeks; `round 0kg`, or a round over 25 kg;
    a max of 0 or over 1000 kg, `tm` of 0 or over 100%, a second `max` line for the
    same exercise, a max progression that is not a weight `/cycle` or `/week`;
    `@ 0%tm` or over 120%; an `rpe`/`rir` beside a load out of range;
    a progress with no period (`progress +2.5kg`: write /week, /session or /cycle);
    a `/cycle` progression in a plan without `cycle N`;
    `progress double` on a line that is not a rep range (`3x8-12`), or in %, reps, sets
    or seconds; `+2.5%1rm/week` on a load that is not a percentage;
    a set scheme starting with a bare per-round group (`squat 10, 3x5`: write `1x10`);
    a set scheme inside a superset or circuit (their rounds repeat every line; a
    warmup or cooldown may ramp: `squat 1x5 @ 20kg, 1x3 @ 40kg`);
    a load on a wave's header (each row gives its own);
    in a rotation, a day listed twice, or a session with its own `on` days or
    `per week`.
    A wave with more rows than the plan's cycle is a warning: the rows past the cycle
    are never done.

    Rules that answer to the training log:
    `if done` on a `/cycle` progression or on a `max` line (the log answers to the
    sessions and weeks a line is done in: write /session or /week);
    a `reset` on a line with no `progress` (it cuts what the progression added);
    `reset -0%`, or a cut of 100% or more; `after 0 misses`.
    Ladders: a prescription that is not reps, a time or a distance (`3xmax`), a
    graduation in another measure than the ladder (`ladder 3x30s graduate 3x8`: a
    ladder of holds graduates at a time, `graduate 3x45s`), a graduation that is a
    range or whose reps lie outside the ladder's range (`ladder 3x5-8 graduate
    3x10`), or with more sets than the ladder's.

    In a training log: a date that is no real date (`2027-02-30`); a value that is a
    range, as many as possible or `max` (`3x8-12`, `1x5+`, `3xmax`: write the reps
    done in each set, `10, 9, 8`); the same bounds as a plan's for sets, reps, times,
    distances, loads and notes. A value of 0 (`8, 8, 0`) is a set that failed: it counts
    nothing, and is no error.
    """
    for clamp in context.clamps:
        yield clamp_warning(clamp)
    for expanded in context.plans:
        if expanded.over_budget is not None:
            yield budget_error(expanded.over_budget)
        yield from _watch_loads(expanded)
    for plan in context.tree.plans:
        yield from _plan_values(plan)
        yield from _maxes(plan)
        yield from _rotations(plan)
        for session in plan.all_sessions():
            yield from _days(session.days)
            yield from _per_week(session.per_week)
            for item in session.items:
                if isinstance(item, syntax.Block):
                    yield from _block(item)
                    for line in item.items:
                        yield from _line(line, plan, item)
                elif isinstance(item, syntax.Wave):
                    yield from _wave(item, plan)
                elif isinstance(item, syntax.Ladder):
                    yield from _ladder(item)
                    for rung in item.rungs:
                        yield from _line(rung, plan)
                else:
                    yield from _line(item, plan)
    for definition in context.tree.exercises:
        yield from _definition(definition)
    for log in context.tree.logs:
        yield from _log(log)


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
                group = item.line.groups[item.group]  # the set group the item is
                written = group.load
                if written is not None and _over_max(written):
                    continue  # the written load is already an error
                span = group.load_span or group.span
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
        elif isinstance(option, syntax.CycleOption) and not 1 <= option.weeks <= MAX_WEEKS:
            yield _bad(option.span, f"a cycle of {option.weeks} weeks is out of range",
                       f"give between 1 and {MAX_WEEKS} weeks, e.g. cycle 4")
        elif isinstance(option, syntax.RoundOption):
            if option.amount <= 0:
                yield _bad(option.span, f"round {option.amount:g}{option.unit} rounds to "
                           "nothing", "give the smallest step your plates make, e.g. round "
                           "2.5kg, or leave it out (2.5kg, or 5lb)")
            elif _in_kg(option.amount, option.unit) > MAX_ROUND_KG:
                yield _bad(option.span, f"round {option.amount:g}{option.unit} is over "
                           f"{MAX_ROUND_KG:g} kg", "check the number and unit: round is the "
                           "smallest step your plates make, e.g. round 2.5kg")
    for week in plan.weeks:
        if week.deload is not None:
            yield from _percent(week.deload.percent, week.deload.span)
    for problem in week_blocks_problems(plan):
        yield block_problem(problem)


def _in_kg(amount: float, unit: str | None) -> float:
    return amount * KG_PER_LB if unit == "lb" else amount


def _maxes(plan: syntax.Plan) -> Iterator[Diagnostic]:
    """`max` lines: the weight, the training max's share, the progression, one a lift."""
    first: dict[str, syntax.MaxLine] = {}
    for line in plan.maxes:
        if line.exercise in first:
            yield make("WOL003", line.span, f"a second max for {line.exercise}: keep one",
                       f"the first is on line {first[line.exercise].span.line}",
                       related=((first[line.exercise].span, "the first max"),))
        else:
            first[line.exercise] = line
        load = line.load
        if load.amount == 0:
            yield _bad(line.load_span, f"a max of zero {load.unit}",
                       f"give the most you can lift once, e.g. max {line.exercise} 100kg")
        else:
            yield from _load(load, line.load_span)
        for option, span in zip(line.options, line.option_spans, strict=True):
            if isinstance(option, syntax.Progress):
                yield from _max_progress(line, option, span, plan)
            elif not 0 < option <= MAX_TM_PERCENT:
                yield _bad(span, f"tm {option:g}% is out of range",
                           f"the training max is a share of the max: give 1% to "
                           f"{MAX_TM_PERCENT:g}%, e.g. tm 90%")


def _max_progress(line: syntax.MaxLine, progress: syntax.Progress, span: syntax.Span,
                  plan: syntax.Plan) -> Iterator[Diagnostic]:
    unit = line.load.unit
    if progress.double or progress.unit not in UNITS:
        yield _bad(span, f"a max rises by a weight, not by {progress.text}",
                   f"write e.g. progress +5{unit}/cycle")
    elif progress.amount == 0:
        yield _bad(span, "a progression of zero changes nothing",
                   "remove it, or give an amount")
    elif progress.unit != unit:
        yield _bad(span, f"{progress.text} adds {progress.unit} to a max in {unit}",
                   f"write the progression in {unit}")
    if progress.if_done:
        yield _bad(span, "a max's progression cannot wait for the training log: `if done` "
                   "answers to the sessions an exercise line is done in",
                   "remove `if done`, and put `progress … if done` on the exercise lines "
                   "instead")
    if progress.period not in ("cycle", "week"):
        yield _bad(span, f"a max steps once a cycle or once a week, not "
                   f"{'each session' if progress.period == 'session' else 'never'}",
                   "write /cycle or /week")
    elif progress.period == "cycle" and plan.cycle is None:
        yield _bad(span, f"{progress.text} steps once a cycle, but the plan has no cycle",
                   "add `cycle N` (weeks a cycle) to the plan header, or write /week")


def _rotations(plan: syntax.Plan) -> Iterator[Diagnostic]:
    """Rotations: their days, and sessions that would set their own."""
    rotations = [*plan.rotations, *(r for week in plan.weeks for r in week.rotations)]
    for rotation in rotations:
        yield from _days(rotation.days)
        seen: dict[str, syntax.Day] = {}
        for day in rotation.days:
            if day.name in seen:
                yield make("WOL003", day.span, f"{day.name} is listed twice in this rotation: "
                           "keep one", "a rotation does one session a listed day",
                           related=((seen[day.name].span, "listed first here"),))
            else:
                seen[day.name] = day
        for session in rotation.sessions:
            if session.days:
                span = session.days[0].span.to(session.days[-1].span)
                yield _bad(span, f'session "{session.name}" is in a rotation, which gives its '
                           "days: remove its own `on …`", "the rotation's days are done in "
                           "turn by its sessions")
            if session.per_week is not None:
                yield _bad(session.per_week.span, f'session "{session.name}" is in a rotation, '
                           "which gives its days: remove its own `per week`",
                           "the rotation's days are done in turn by its sessions")


def _per_week(per_week: syntax.PerWeek | None) -> Iterator[Diagnostic]:
    if per_week is None:
        return
    low, high = per_week.low, per_week.high
    text = f"{low}" if low == high else f"{low}-{high}"
    if low > high:
        yield _bad(per_week.span, f"the range {text} per week is reversed",
                   f"write {high}-{low} per week")
    elif low < 1 or high > MAX_TIMES_A_WEEK:
        yield _bad(per_week.span, f"{text} per week is out of range",
                   f"give between 1 and {MAX_TIMES_A_WEEK} times a week")


def _percent(percent: float | None, span: syntax.Span) -> Iterator[Diagnostic]:
    if percent is not None and not 0 < percent < MAX_DELOAD_PERCENT:
        yield _bad(span, f"a deload to {percent:g}% is not a deload",
                   f"give a percentage between 1% and {MAX_DELOAD_PERCENT - 1:g}%, e.g. 60%")


def _days(days: tuple[syntax.Day, ...]) -> Iterator[Diagnostic]:
    for day in days:
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
    if rest is not None and rest.duration is not None:  # `rest lap` has no length to check
        for message, hint in _duration(rest.duration, "rest"):
            yield _bad(block.option_span(rest), message, hint)


def _line(line: syntax.ExerciseLine, plan: syntax.Plan,
          block: syntax.Block | None = None) -> Iterator[Diagnostic]:
    yield from _groups(line, block)
    yield from _modifiers(line, plan)


def _groups(line: syntax.ExerciseLine, block: syntax.Block | None = None
            ) -> Iterator[Diagnostic]:
    """The sets of a line: each group's prescription and load."""
    groups = line.groups
    for group in groups:
        for message, hint in _prescription(group.prescription):
            yield _bad(group.span, message, hint)
        if group.load is not None and group.load_span is not None:
            yield from _load(group.load, group.load_span)
    first = groups[0].prescription
    if len(groups) > 1 and first.sets is None:
        yield _bad(groups[0].span, f"{first.text} has no sets, so it cannot start a set "
                   f"scheme", f"write its sets, e.g. 1x{first.text}")
    if len(groups) > 1 and block is not None and block.kind in ROUNDED_BLOCKS:
        yield _bad(line.span, f"a set scheme cannot go in a {block.kind}: its rounds "
                   "repeat every line", f"give one prescription a line in a {block.kind}, "
                   "or move the scheme out of it")


def _modifiers(line: syntax.ExerciseLine, plan: syntax.Plan) -> Iterator[Diagnostic]:
    """The modifiers of a line (a wave's: of its header), checked against its groups."""
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
    if rest is not None and rest.duration is not None:  # `rest lap` has no length to check
        for message, hint in _duration(rest.duration, "rest"):
            yield _bad(line.span_of(rest), message, hint)
    progress = line.progress
    if progress is not None:
        yield from _progress(line, progress, plan)
    reset = line.reset
    if reset is not None:
        yield from _reset(line, reset)
    note = line.note
    if note is not None and len(note.text) > MAX_NOTE_CHARS:
        yield _long_note(line.span_of(note), note.text)


def _reset(line: syntax.ExerciseLine, reset: syntax.Reset) -> Iterator[Diagnostic]:
    """`reset -P% after N misses`: it cuts what a progression added, by a share."""
    span = line.span_of(reset)
    if line.progress is None:
        yield _bad(span, "a reset cuts what the line's progression added, and this line has "
                   "no progress", "add one, e.g. progress +2.5kg/session if done, or remove "
                   "the reset")
    if not 0 < reset.percent < MAX_RESET_PERCENT:
        what = "cuts nothing" if reset.percent <= 0 else "cuts all of it, or more"
        yield _bad(span, f"reset -{reset.percent:g}% {what}",
                   f"give 1% to {MAX_RESET_PERCENT - 1:g}%, e.g. reset -10% after 2 misses")
    if reset.misses < 1:
        yield _bad(span, "a reset after 0 misses would cut before anything was missed",
                   "give 1 or more, e.g. reset -10% after 2 misses")


def _ladder(ladder: syntax.Ladder) -> Iterator[Diagnostic]:
    """A ladder's graduation against its prescription (the rungs are checked as lines)."""
    p, graduate = ladder.prescription, ladder.graduate
    span = ladder.graduate_span
    for message, hint in _prescription(graduate):
        yield _bad(span, message, hint)
    if p.kind == "max":
        yield _bad(ladder.span, f"a ladder of {p.text} has no target to climb",
                   "give a rep range such as 3x5-8, and graduate at its top, e.g. 3x8")
        return
    if graduate.kind != p.kind:
        measure = _MEASURE_NAMES[p.kind]
        yield _bad(span, f"graduate {graduate.text} is not in the ladder's measure: "
                   f"{p.text} is {measure}", f"give the graduation in {measure} too: "
                   "what moves you to the next rung")
        return
    if graduate.sets is not None and p.sets is not None and graduate.sets > p.sets:
        yield _bad(span, f"graduate {graduate.text} asks for more sets than the ladder "
                   f"does ({p.sets})", f"give at most {p.sets} sets")
    if p.kind != "reps" or None in (p.reps_min, p.reps_max, graduate.reps_min):
        return
    assert p.reps_min is not None and p.reps_max is not None
    low, high = p.reps_min, p.reps_max
    if graduate.reps_max != graduate.reps_min:
        yield _bad(span, f"graduate {graduate.text} is a range: a graduation is one target",
                   f"write e.g. graduate {_graduation(p)}")
    elif not low <= (graduate.reps_min or 0) <= high:
        reps = f"{low}-{high}" if low != high else f"{low}"
        yield _bad(span, f"graduate {graduate.text} is outside the ladder's reps, {reps}",
                   f"give a graduation within them, e.g. graduate {_graduation(p)}")


# a measure (vocabulary.MEASURES) as a ladder's message names it
_MEASURE_NAMES: dict[str, str] = dict(zip(MEASURES, ("reps", "a time", "a distance"),
                                          strict=True))


def _graduation(p: syntax.Prescription) -> str:
    """The graduation a ladder of reps `p` most likely means: its sets at its top."""
    return f"{p.sets}x{p.reps_max}" if p.sets is not None else f"{p.reps_max}"


def _log(log: syntax.Log) -> Iterator[Diagnostic]:
    """A training log's dates, values and notes."""
    for entry in log.entries:
        try:
            datetime.date.fromisoformat(entry.date)
        except ValueError:
            yield _bad(entry.date_span, f"{entry.date} is not a date",
                       "write the date as YYYY-MM-DD, e.g. 2027-03-02")
        if entry.note is not None and len(entry.note) > MAX_NOTE_CHARS:
            yield _long_note(entry.span, entry.note)
        for item in entry.items:
            if isinstance(item, syntax.EntryNote):
                if len(item.text) > MAX_NOTE_CHARS:
                    yield _long_note(item.span, item.text)
                continue
            yield from _done_line(item)


def _done_line(line: syntax.DoneLine) -> Iterator[Diagnostic]:
    for group in line.groups:
        p = group.prescription
        if p.kind == "max" or (p.reps_min is not None and p.reps_max != p.reps_min):
            yield _bad(group.span, f"{p.text} is a target, not what was done: write the "
                       "reps done in each set", "e.g. 10, 9, 8 (or 3x10 when each set "
                       "came to 10)")
        else:
            for message, hint in _done_value(p):
                yield _bad(group.span, message, hint)
        if group.load is not None and group.load_span is not None:
            yield from _load(group.load, group.load_span)
    for modifier, span in zip(line.modifiers, line.modifier_spans, strict=True):
        if isinstance(modifier, syntax.Load):
            yield from _load(modifier, span)
        elif isinstance(modifier, syntax.Note) and len(modifier.text) > MAX_NOTE_CHARS:
            yield _long_note(span, modifier.text)


def _done_value(p: syntax.Prescription) -> Iterator[tuple[str, str]]:
    """A done value's bounds: a plan's, except that 0 (a set that failed) is allowed."""
    if p.sets is not None and not 1 <= p.sets <= MAX_SETS:
        yield f"{p.sets} sets is out of range", f"give between 1 and {MAX_SETS} sets"
    if p.reps_min is not None and p.reps_min > MAX_REPS:
        yield (f"{p.text} is more reps than anyone does in a set",
               f"check the number: give at most {MAX_REPS} reps")
    if p.duration is not None and p.duration.seconds > MAX_SECONDS:
        yield (f"a time of {p.duration.text} is over {_time_words(MAX_SECONDS)}",
               "check the units")
    if p.distance is not None and p.distance.metres > MAX_METRES:
        yield (f"a distance of {p.distance.text} is over {MAX_METRES / 1000:g} km",
               "check the units: m is metres, km kilometres, yd yards")


def _wave(wave: syntax.Wave, plan: syntax.Plan) -> Iterator[Diagnostic]:
    """A wave: its header's modifiers once, each row's groups; rows past the cycle."""
    if not wave.rows:
        return
    header = wave.rows[0]
    load = header.load
    if load is not None:
        yield _bad(header.span_of(load), f"@ {load.text} on a wave's header is not used: "
                   "each row gives its own loads", "write the load after each row's sets, "
                   "e.g. 1x5 @ 65%tm")
    yield from _modifiers(header, plan)
    for row in wave.rows:
        yield from _groups(row)
    cycle = plan.cycle
    if cycle is not None and 1 <= cycle < len(wave.rows):
        one = cycle + 1 == len(wave.rows)
        rows = f"row {cycle + 1} is" if one else f"rows {cycle + 1}-{len(wave.rows)} are"
        yield make("WOL003", wave.rows[cycle].span,
                   f"the wave has {len(wave.rows)} rows but a cycle is {cycle} week"
                   f"{'s' * (cycle != 1)}: {rows} never done",
                   f"remove them, or write `cycle {len(wave.rows)}` in the plan header",
                   severity=Severity.WARNING)


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
    if p.distance is not None and p.distance.metres <= 0:
        yield "a distance of zero does nothing", "give at least 1m"
    elif p.distance is not None and p.distance.metres > MAX_METRES:
        yield (f"a distance of {p.distance.text} is over {MAX_METRES / 1000:g} km",
               "check the units: m is metres, km kilometres, yd yards")


def _duration(duration: syntax.Duration, what: str) -> Iterator[tuple[str, str]]:
    if duration.seconds == 0:
        yield f"a {what} of zero does nothing", "give at least 1s"
    elif duration.seconds > MAX_SECONDS:
        yield f"a {what} of {duration.text} is over {_time_words(MAX_SECONDS)}", "check the units"


def _over_max(load: syntax.Load) -> bool:
    """Whether a written weight is over MAX_KG (in kg, whatever its unit)."""
    if load.kind not in WEIGHT_LOADS or load.amount is None:
        return False
    return _in_kg(load.amount, load.unit) > MAX_KG


def _load(load: syntax.Load, span: syntax.Span) -> Iterator[Diagnostic]:
    effort = load.effort
    if effort is not None:
        yield from _load(syntax.Load(effort.kind, effort.amount, None, None,
                                     f"{effort.kind} {effort.amount:g}"), span)
    if load.kind in WEIGHT_LOADS and load.amount is not None:
        if _over_max(load):
            yield _bad(span, f"{load.text} is over {MAX_KG:g} kg", "check the number and unit")
        elif load.kind == "weight" and load.amount == 0:
            yield _bad(span, "a load of zero kg or lb", "write @ bw for bodyweight")
    elif (load.kind in PERCENT_LOADS and load.amount is not None
          and not 0 < load.amount <= MAX_PERCENT_1RM):
        of = "one-rep max" if load.kind == "percent_1rm" else "the training max"
        yield _bad(span, f"{load.text} is not a usable share of {of}",
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


def _progress(line: syntax.ExerciseLine, progress: syntax.Progress,
              plan: syntax.Plan) -> Iterator[Diagnostic]:
    span = line.span_of(progress)
    groups = line.groups
    loads = [g.load for g in groups if g.load is not None]
    weights = [load for load in loads if load.kind in WEIGHT_LOADS and load.amount is not None]
    # `@ bw` takes a kg or lb progression as weight added to the body (bw+2.5kg)
    bodyweight = any(load.kind == "bodyweight" and load.amount is None for load in loads)
    kinds = {g.prescription.kind for g in groups}
    if progress.period is None:
        yield _bad(span, f"progress {progress.text} does not say how often it steps",
                   f"write /week, /session or /cycle, e.g. progress {progress.text}/week")
    elif progress.period == "cycle" and plan.cycle is None:
        yield _bad(span, f"{progress.text} steps once a cycle, but the plan has no cycle",
                   "add `cycle N` (weeks a cycle) to the plan header, or write /week")
    if progress.if_done and progress.period == "cycle":
        yield _bad(span, f"{progress.text} if done: the training log answers to the "
                   "sessions and weeks a line is done in, not to cycles",
                   "write /session if done or /week if done, or remove `if done`")
    if progress.double:
        ranges = all(g.prescription.kind == "reps" and g.prescription.reps_min is not None
                     and g.prescription.reps_max is not None
                     and g.prescription.reps_min < g.prescription.reps_max for g in groups)
        if not ranges:
            yield _bad(span, "progress double climbs a rep range, and this line has none",
                       "give a range such as 3x8-12, or progress by a fixed step such as "
                       "+2.5kg/week")
        if progress.unit not in UNITS:
            yield _bad(span, f"progress double {progress.text} must add a weight once the "
                       "reps reach the top", "write it in kg or lb, e.g. progress double +2kg")
            return
    if progress.amount == 0:
        yield _bad(span, "a progression of zero changes nothing",
                   "remove it, or give an amount")
    elif progress.unit in UNITS:
        if not weights and not bodyweight:
            yield _bad(span, f"{progress.text} needs a weight to add to",
                       "give a load such as @ 40kg")
        for load in weights:
            if progress.unit != load.unit:
                yield _bad(span, f"{progress.text} adds {progress.unit} to a load in "
                           f"{load.unit}", f"write the progression in {load.unit}")
                break
    elif progress.unit in ("%1rm", "%tm"):
        percents = [load for load in loads if load.kind in PERCENT_LOADS]
        if not percents:
            yield _bad(span, f"{progress.text} adds percentage points to a load that is "
                       "not a percentage", "give a load such as @ 70%1rm, or progress by "
                       "kg or lb")
        for load in percents:
            if PERCENT_OF[load.kind] != progress.unit[1:]:
                yield _bad(span, f"{progress.text} adds {progress.unit} to a load in "
                           f"%{PERCENT_OF[load.kind]}",
                           f"write the progression in %{PERCENT_OF[load.kind]}")
                break
    elif progress.unit == "rep" and any(
            g.prescription.kind != "reps" and not (g.prescription.kind == "max"
                                                   and g.prescription.reps_min is not None)
            for g in groups):
        yield _bad(span, f"{progress.text} adds reps to a line without reps",
                   "give a rep prescription such as 3x8, or progress by another unit")
    elif progress.unit == "s" and kinds != {"time"}:
        yield _bad(span, f"{progress.text} adds seconds to a line without a time",
                   "give a timed prescription such as 3x30s")
    elif progress.unit == "set" and any(g.prescription.sets is None for g in groups):
        yield _bad(span, f"{progress.text} adds sets to a per-round line",
                   "give sets such as 3x8")


def _definition(definition: syntax.ExerciseDef) -> Iterator[Diagnostic]:
    for prop in definition.properties:
        # `measure reps time`: both, the natural one first (catalogue.with_definitions)
        words = set(prop.values)
        if prop.key == "measure" and not (
                0 < len(prop.values) == len(words) and words <= set(MEASURES)):
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


def missing_max(context: Context) -> Iterator[Diagnostic]:
    """A percentage of a max the plan does not give: `@ 85%tm` needs a `max` line for
    the exercise (an error); `@ 70%1rm` without one stays a percentage, which a watch
    cannot show as a weight (a warning, only when compiling to fit or garmin-connect).

    Bad:
        plan "531" weeks 4 cycle 4:
          session "Squat day" on mon:
            squat 3x5 @ 85%tm
    Good:
        plan "531" weeks 4 cycle 4:
          max squat 140kg tm 90%
          session "Squat day" on mon:
            squat 3x5 @ 85%tm

    The name on the `max` line is the name on the exercise line, as written: `max rdl`
    is no max for `romanian_deadlift`.
    """
    watch = any(target in WATCH_TARGETS for target in context.targets)
    for plan in context.tree.plans:
        maxes = {line.exercise for line in plan.maxes}
        for session in plan.all_sessions():
            for line in session.exercise_lines():
                if line.name in maxes or not any(
                        load is not None and load.kind in PERCENT_LOADS for load in line.loads):
                    continue
                for group in line.groups:
                    load = group.load
                    if load is None or group.load_span is None:
                        continue
                    if load.kind == "percent_tm":
                        yield make("WOL010", group.load_span,
                                   f"@ {load.text} needs the training max of {line.name}, "
                                   f"but the plan has no `max {line.name}` line",
                                   f"add e.g. `max {line.name} 100{plan.units} tm 90%` at "
                                   "the top of the plan")
                    elif load.kind == "percent_1rm" and watch:
                        yield make("WOL010", group.load_span,
                                   f"@ {load.text} of {line.name}'s one-rep max stays a "
                                   "percentage: the watch gets no weight",
                                   f"add e.g. `max {line.name} 100{plan.units}` at the top "
                                   "of the plan, or give a weight", severity=Severity.WARNING)
