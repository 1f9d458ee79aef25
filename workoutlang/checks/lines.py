"""Rules about one exercise line: its name, its modifiers, its side, its measure."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .. import syntax
from ..catalogue import Exercise
from ..diagnostics import Diagnostic, Fix, make
from ..vocabulary import BOTH_SIDES, SideWord
from .context import Context

MODIFIER_WORDS = {
    syntax.Load: "@ load",
    syntax.Tempo: "tempo",
    syntax.Side: "side",
    syntax.Rest: "rest",
    syntax.Progress: "progress",
    syntax.Note: "note",
}


def exercise_lines(context: Context) -> Iterator[syntax.ExerciseLine]:
    for plan in context.tree.plans:
        for session in plan.all_sessions():
            yield from session.exercise_lines()


def known_lines(context: Context) -> Iterator[tuple[syntax.ExerciseLine, Exercise]]:
    """Lines whose exercise is known, with it; unknown ones are WOL002's business."""
    for line in exercise_lines(context):
        exercise = context.catalogue.lookup(line.name)
        if exercise is not None:
            yield line, exercise


def unknown_exercise(context: Context) -> Iterator[Diagnostic]:
    """An exercise name that is neither in the catalogue nor defined in the file.

    Bad:
        step_upp 3x8 each_leg
    Good:
        step_up 3x8 each_leg
    Or define it in the file:
        exercise sled_push:
          tags quad_dominant lower
    """
    for line in exercise_lines(context):
        if context.catalogue.lookup(line.name) is not None:
            continue
        suggestion = context.catalogue.suggest(line.name)
        hint = (f"did you mean {suggestion}?" if suggestion else
                "see `workoutlang exercises` for the catalogue, or define it with "
                f"`exercise {line.name}:`")
        fixes = (Fix(f"Replace with {suggestion}", line.name_span, suggestion),) \
            if suggestion else ()
        yield make("WOL002", line.name_span, f"unknown exercise {line.name!r}", hint,
                   fixes=fixes)


def duplicate_modifier(context: Context) -> Iterator[Diagnostic]:
    """The same modifier twice on one line: which one did you mean?

    Bad:
        squat 3x5 @ 60kg rest 2m @ 70kg
    Good:
        squat 3x5 @ 70kg rest 2m
    """
    for line in exercise_lines(context):
        first: dict[type, int] = {}
        for index, modifier in enumerate(line.modifiers):
            kind = type(modifier)
            if kind in first:
                word = MODIFIER_WORDS[kind]
                yield make("WOL004", line.modifier_span(index),
                           f"{word} is given twice on this line: keep one",
                           related=((line.modifier_span(first[kind]), f"the first {word}"),))
            else:
                first[kind] = index
    for plan in context.tree.plans:
        yield from _duplicate_options(plan.options, [o.span for o in plan.options],
                                      "plan option")
        for session in plan.all_sessions():
            for item in session.items:
                if isinstance(item, syntax.Block):
                    yield from _duplicate_options(item.options, item.option_spans,
                                                  f"{item.kind} option")


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
    """A timed prescription for a rep exercise, or reps for a hold.

    Bad:
        plank 3x10
        squat 3x45s
    Good:
        plank 3x45s
        squat 3x10
    """
    for line, exercise in known_lines(context):
        kind = line.prescription.kind
        if kind == "time" and exercise.measure == "reps":
            yield make("WOL005", line.prescription_span,
                       f"{line.name} is counted in reps, but this gives a time",
                       f"write reps such as 3x10, or `exercise {line.name}:` with "
                       "`measure time` if you hold it")
        elif kind == "reps" and exercise.measure == "time":
            yield make("WOL005", line.prescription_span,
                       f"{line.name} is held for time, but this gives reps",
                       "write a time such as 3x30s")


def missing_side(context: Context) -> Iterator[Diagnostic]:
    """A single-leg or one-sided exercise that does not say which side.

    Bad:
        step_up 3x8 tempo 3-1-1
    Good:
        step_up 3x8 tempo 3-1-1 each_leg
    Or as left and right sets:
        step_up 3x8 left
        step_up 3x8 right
    """
    for line, exercise in known_lines(context):
        if exercise.unilateral and line.side is None:
            word = side_word(exercise)
            end = line.span
            at_end = syntax.Span(end.file, end.end_line, end.end_column, end.end_line,
                                 end.end_column)
            yield make("WOL006", line.span,
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
    """
    for line, exercise in known_lines(context):
        side = line.side
        if side is not None and not exercise.unilateral:
            yield make("WOL007", line.span_of(side),
                       f"{line.name} is done with both sides at once: remove {side.value}",
                       f"or declare it one-sided with `exercise {line.name}:` + `unilateral`")
