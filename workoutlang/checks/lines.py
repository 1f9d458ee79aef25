"""Rules about one exercise line: its name, its modifiers, its side, its measure."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from .. import syntax
from ..catalogue import Catalogue, Exercise
from ..diagnostics import Diagnostic, Fix, make
from ..vocabulary import BOTH_SIDES, MEASURES, PRESCRIPTION_KINDS, SideWord
from .context import Context

MODIFIER_WORDS = {
    syntax.Load: "@ load",
    syntax.Tempo: "tempo",
    syntax.Side: "side",
    syntax.Rest: "rest",
    syntax.Progress: "progress",
    syntax.Reset: "reset",
    syntax.Note: "note",
}


def exercise_lines(context: Context) -> Iterator[syntax.ExerciseLine]:
    for plan in context.tree.plans:
        for session in plan.all_sessions():
            yield from session.exercise_lines()


def known_lines(context: Context) -> Iterator[tuple[syntax.ExerciseLine, Exercise]]:
    """Lines whose exercise is known, with it; unknown ones are WOL002's business.
    Each row of a wave is a line (for the checks of its groups)."""
    for line in exercise_lines(context):
        exercise = context.catalogue.lookup(line.name)
        if exercise is not None:
            yield line, exercise


def header_lines(context: Context) -> Iterator[tuple[syntax.ExerciseLine, syntax.Wave | None]]:
    """Every exercise line once for the checks of its name and modifiers: a wave once,
    by its first row (whose name and modifiers stand on the wave's header), with the
    wave; other lines with None. A wave's rows differ only in their groups."""
    for plan in context.tree.plans:
        yield from plan_header_lines(plan)


def plan_header_lines(plan: syntax.Plan
                      ) -> Iterator[tuple[syntax.ExerciseLine, syntax.Wave | None]]:
    """`header_lines` of one plan."""
    for session in plan.all_sessions():
        for item in session.items:
            if isinstance(item, syntax.Block):
                for line in item.items:
                    yield line, None
            elif isinstance(item, syntax.Wave):
                if item.rows:
                    yield item.rows[0], item
            elif isinstance(item, syntax.Ladder):
                for rung in item.rungs:
                    yield rung, None
            else:
                yield item, None


def done_lines(context: Context) -> Iterator[tuple[syntax.DoneLine, Catalogue]]:
    """Every done line of the file's training logs, with the catalogue its names are
    looked up in: the file's exercises and those of the plan the log follows."""
    for followed in context.logs:
        for entry in followed.log.entries:
            for line in entry.lines:
                yield line, followed.catalogue


def unknown_exercise(context: Context) -> Iterator[Diagnostic]:
    """An exercise name that is neither in the catalogue nor defined in the file.

    Bad:
        step_upp 3x8 each_leg
    Good:
        step_up 3x8 each_leg
    Or define it in the file:
        exercise sled_push:
          tags quad_dominant lower

    The same goes for a training log's lines (`step_upp 8, 8, 8 each_leg`), whose
    names may also be those defined in the file of the plan the log follows.

    A plan with an unknown exercise in a session is not judged as a whole until the
    name is fixed: its weeks lack that line's work, so the coverage, volume and
    frequency checks (WOL101, WOL102, WOL104-WOL107) skip it rather than warn of
    the hole. The plan's first such diagnostic says so in a note.
    """
    # lazily: a span is built only for a name that is unknown (files have many lines)
    names: Iterator[tuple[str, syntax.ExerciseLine | syntax.MaxLine | syntax.DoneLine,
                          Catalogue, syntax.Plan | None]] = itertools.chain(
        ((line.name, line, context.catalogue, plan) for plan in context.tree.plans
         for line, _ in plan_header_lines(plan)),
        ((m.exercise, m, context.catalogue, None) for plan in context.tree.plans
         for m in plan.maxes),
        ((line.name, line, catalogue, None) for line, catalogue in done_lines(context)))
    noted: set[int] = set()  # plans whose skipped checks a WOL002 already noted
    for name, where, catalogue, plan in names:
        if catalogue.lookup(name) is not None:
            continue
        span = where.exercise_span if isinstance(where, syntax.MaxLine) else where.name_span
        suggestion = catalogue.suggest(name)
        hint = (f"did you mean {suggestion}?" if suggestion else
                "see `workoutlang exercises` for the catalogue, or define it with "
                f"`exercise {name}:`")
        fixes = (Fix(f"Replace with {suggestion}", span, suggestion),) if suggestion else ()
        related: tuple[tuple[syntax.Span, str], ...] = ()
        if plan is not None and id(plan) not in noted:
            noted.add(id(plan))
            related = ((plan.span, SKIPPED_NOTE.format(plan.name)),)
        yield make("WOL002", span, f"unknown exercise {name!r}", hint, related=related,
                   fixes=fixes)


# checks/weeks.py skips a plan with an unknown exercise: its first WOL002 says so
SKIPPED_NOTE = ('plan "{}": its coverage, volume and frequency checks are skipped '
                "until this name is fixed")


def duplicate_modifier(context: Context) -> Iterator[Diagnostic]:
    """The same modifier twice on one line: which one did you mean?

    Bad:
        squat 3x5 @ 60kg rest 2m @ 70kg
    Good:
        squat 3x5 @ 70kg rest 2m

    A ladder's rung takes the ladder's modifiers: a rung that gives one the header
    gives too is reported (a side is the exception: a rung's own side replaces the
    ladder's). In a training log, a done line's trailing load, side or note twice.
    """
    for line, wave in header_lines(context):
        first: dict[type, int] = {}
        last = line.scheme[-1] if line.scheme and wave is None else None
        for index, modifier in enumerate(line.modifiers):
            kind = type(modifier)
            if kind is syntax.Load and last is not None and last.load_span is not None:
                # a set scheme's last load stands in its group, not among the modifiers
                yield make("WOL004", line.modifier_span(index),
                           "@ load is given twice on this line: keep one",
                           related=((last.load_span, "the first @ load"),))
            elif kind in first:
                word = MODIFIER_WORDS[kind]
                span, first_span = line.modifier_span(index), line.modifier_span(first[kind])
                where = "on this line"
                if first_span.line != span.line:  # a rung repeating its ladder's
                    where = "on the ladder and on this rung"
                yield make("WOL004", span, f"{word} is given twice {where}: keep one",
                           related=((first_span, f"the first {word}"),))
            else:
                first[kind] = index
    for done, _ in done_lines(context):
        seen: dict[type, syntax.Span] = {}
        for modifier, span in zip(done.modifiers, done.modifier_spans, strict=True):
            kind = type(modifier)
            if kind in seen:
                word = MODIFIER_WORDS[kind]
                yield make("WOL004", span, f"{word} is given twice on this line: keep one",
                           related=((seen[kind], f"the first {word}"),))
            else:
                seen[kind] = span
    for plan in context.tree.plans:
        yield from _duplicate_options(plan.options, [o.span for o in plan.options],
                                      "plan option")
        for max_line in plan.maxes:
            yield from _duplicate_max_options(max_line)
        for session in plan.all_sessions():
            for item in session.items:
                if isinstance(item, syntax.Block):
                    yield from _duplicate_options(item.options, item.option_spans,
                                                  f"{item.kind} option")


def _duplicate_max_options(line: syntax.MaxLine) -> Iterator[Diagnostic]:
    seen: dict[str, syntax.Span] = {}
    for option, span in zip(line.options, line.option_spans, strict=True):
        word = "progress" if isinstance(option, syntax.Progress) else "tm"
        if word in seen:
            yield make("WOL004", span, f"{word} is given twice on this max line: keep one",
                       related=((seen[word], f"the first {word}"),))
        else:
            seen[word] = span


def _duplicate_options(options: Sequence[object], spans: Sequence[syntax.Span],
                       what: str) -> Iterator[Diagnostic]:
    seen: dict[type, syntax.Span] = {}
    for option, span in zip(options, spans, strict=True):
        if type(option) in seen:
            yield make("WOL004", span, f"this {what} is given twice: keep one",
                       related=((seen[type(option)], "given first here"),))
        else:
            seen[type(option)] = span


def measure_mismatch(context: Context) -> Iterator[Diagnostic]:
    """A timed prescription for a rep exercise, reps for a hold, or a distance for
    either; reps or a time for an exercise done over a distance (a carry).

    Bad:
        plank 3x10
        squat 3x45s
        plank 3x2m
        farmer_carry 3x10 @ 24kg
    Good:
        plank 3x45s
        squat 3x10
        plank 3x2min
        farmer_carry 3x40m @ 24kg

    Exercises that published programs prescribe both ways accept both: `dead_bug
    3x10 each_side` and `dead_bug 3x30s each_side`, and likewise bird_dog,
    pallof_press, glute bridges, superman, mountain_climber and the carries (for
    a distance or for time); docs/catalogue.md lists them. `m` is metres:
    `plank 3x2m` says "2 metres" and gets the fix `3x2min` (minutes are `min`).
    In a superset or circuit a bare line is one round's: `plank 40` there is told
    `plank 40s`, not `3x30s`. An exercise you do another way is declared so:
    `exercise squat:` then `measure reps time` (both, reps the natural one) or
    `measure time` (only that).
    """
    for line, exercise in known_lines(context):
        if all(_fits(p, exercise.measures) for p in line.prescriptions):
            continue  # most lines: no group, no span built
        for group in line.groups:
            found = _mismatch(line.name, exercise.measures, group)
            if found is not None:
                yield found


def _fits(p: syntax.Prescription, measures: tuple[str, ...]) -> bool:
    """Whether a prescription gives one of the measures the exercise is done in (a max
    fits a hold too: as long as you can)."""
    kind = "reps" if p.kind == "max" else p.kind
    return kind in measures or (p.kind == "max" and "time" in measures)


# `3x2m` or a bare `2m`: what v1 meant as minutes
_OLD_MINUTES = re.compile(r"([0-9]+x)?[0-9]+m")

# by measure (reps, time, distance) and by kind of prescription (reps, time, max, distance)
_MEASURE_WORDS: dict[str, str] = dict(zip(MEASURES, (
    "is counted in reps", "is held for time", "is done over a distance"), strict=True))
_GIVEN: dict[str, str] = dict(zip(PRESCRIPTION_KINDS, (
    "reps", "a time", "reps", "a distance"), strict=True))
_EXAMPLES: dict[str, str] = dict(zip(MEASURES, (
    "reps such as 3x10", "a time such as 3x30s", "a distance such as 3x40m"), strict=True))
_PER_ROUND_EXAMPLES: dict[str, str] = dict(zip(MEASURES, (
    "reps such as 10", "a time such as 30s", "a distance such as 40m"), strict=True))


def _per_round_example(name: str, p: syntax.Prescription, measure: str) -> str:
    """`plank 40` in a superset: `plank 40s`, not `3x30s` (the block's rounds are the
    sets): the line's own number made a time, or a bare example."""
    if measure == "time" and p.kind == "reps" and p.reps_min == p.reps_max:
        return f"{name} {p.reps_min}s"
    return _PER_ROUND_EXAMPLES[measure]


def _mismatch(name: str, measures: tuple[str, ...],
              group: syntax.SetGroup) -> Diagnostic | None:
    p = group.prescription
    kind = "reps" if p.kind == "max" else p.kind
    if _fits(p, measures):
        return None
    measure = measures[0]  # the natural one: the message and the example speak of it
    if measure == "time" and kind == "distance" and _OLD_MINUTES.fullmatch(p.text):
        minutes = f"{p.text}in"
        return make("WOL005", group.span,
                    f"{name} is held for time, but {p.text} is {p.text.split('x')[-1][:-1]} "
                    f"metres: `m` means metres now, minutes are `min`",
                    f"write {minutes}", fixes=(Fix(f"Replace with {minutes}", group.span,
                                                   minutes),))
    hint = f"write {_EXAMPLES[measure]}"
    if p.sets is None:  # a bare line of a superset or circuit: one round's dose
        hint = f"write {_per_round_example(name, p, measure)} (in a block a line is one round)"
    if kind != "reps":
        how = "do it over a distance" if kind == "distance" else \
            "hold it" if measure == "reps" else "do it for time"
        hint += f", or `exercise {name}:` with `measure {kind}` if you {how}"
    return make("WOL005", group.span,
                f"{name} {_MEASURE_WORDS[measure]}, but this gives {_GIVEN[p.kind]}", hint)


def missing_side(context: Context) -> Iterator[Diagnostic]:
    """A single-leg or one-sided exercise that does not say which side.

    Bad:
        step_up 3x8 tempo 3-1-1
    Good:
        step_up 3x8 tempo 3-1-1 each_leg
    Or as left and right sets:
        step_up 3x8 left
        step_up 3x8 right

    In a ladder each rung is checked, with the ladder's side or its own: a one-sided
    rung of a ladder with no side is reported at the rung.
    """
    for line, wave in header_lines(context):
        exercise = context.catalogue.lookup(line.name)
        if exercise is not None and exercise.unilateral and line.side is None:
            word = side_word(exercise)
            span = line.span if wave is None else wave.span
            # a wave's side goes on its header, before the colon
            column = span.end_column - (wave is not None)
            at_end = syntax.Span(span.file, span.end_line, column, span.end_line, column)
            yield make("WOL006", span,
                       f"{line.name} is single-{word.split('_')[1]}: add {word}, "
                       "or left and right sets",
                       f"append ` {word}` to the line",
                       fixes=(Fix(f"Add {word}", at_end, f" {word}"),))


LEG_TAGS = frozenset({"single_leg", "lower", "quad_dominant", "posterior_chain", "balance"})
TRUNK_TAG = "core"  # catalogue tags (catalogue.TAGS) that decide the side word


def side_word(exercise: Exercise) -> SideWord:
    """The side word a unilateral exercise takes when both sides are done: each_side
    for trunk work (side plank, Pallof press: a `core` tag, or no leg tag),
    each_leg otherwise. WOL006 and its quick fix add it; completion offers it first."""
    each_leg, each_side = BOTH_SIDES
    return each_leg if exercise.tags & LEG_TAGS and TRUNK_TAG not in exercise.tags \
        else each_side


def side_on_bilateral(context: Context) -> Iterator[Diagnostic]:
    """A side (each_leg, left…) on an exercise done with both legs at once.

    Bad:
        squat 3x8 each_leg
    Good:
        squat 3x8
    Or, if you really do it one side at a time, say so in the file:
        exercise squat:
          unilateral

    In a ladder each rung is checked: a two-sided rung under a ladder's `each_leg`
    is reported at the rung (`ladder 3x5-8 each_leg graduate 3x8:` then
    `goblet_squat`): write the side on the one-sided rungs instead.
    """
    for line, _ in header_lines(context):
        exercise = context.catalogue.lookup(line.name)
        side = line.side
        if side is None or exercise is None or exercise.unilateral:
            continue
        span = line.span_of(side)
        if line.header_parts is not None and span.line != line.line:
            # a ladder's side, on a two-sided rung: said at the rung
            yield make("WOL007", line.name_span,
                       f"{line.name} is done with both sides at once, but the ladder's "
                       f"{side.value} applies to it: remove {side.value} from the ladder "
                       "and write it on its one-sided rungs",
                       f"or declare it one-sided with `exercise {line.name}:` + `unilateral`")
            continue
        yield make("WOL007", span,
                   f"{line.name} is done with both sides at once: remove {side.value}",
                   f"or declare it one-sided with `exercise {line.name}:` + `unilateral`")
