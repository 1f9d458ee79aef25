"""WOL008, WOL009, WOL012: what a Garmin watch or Garmin Connect would show wrongly,
or refuse, of an exercise mapping or a workout."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping

from .. import syntax
from ..catalogue import fit_profile_names
from ..diagnostics import Diagnostic, make
from ..errors import CompileError
from ..limits import MAX_WATCH_STEPS
from .context import Context
from .lines import known_lines

WATCH_TARGETS = ("fit", "garmin-connect")  # the targets a watch reads
CUTOFF = 0.6  # how alike (difflib's ratio) a suggested FIT name must be


def _watch(context: Context) -> bool:
    return any(target in WATCH_TARGETS for target in context.targets)


def unknown_fit_mapping(context: Context) -> Iterator[Diagnostic]:
    """`fit CATEGORY/NAME` that the FIT profile does not have.

    In an `exercise` block, such a mapping would make the watch show the exercise as
    "unknown". The hint gives the nearest name of the profile (garmin-fit-sdk's
    snake_case names, docs/outputs/fit.md), comparing the name alone and the
    category and name together.

    Bad:
        exercise sled_push:
          tags quad_dominant
          fit sled/sled_push
    Good:
        exercise sled_push:
          tags quad_dominant
          fit sled/push

    `workoutlang exercises --format json` lists the built-in exercises with their FIT
    names.
    """
    written = [(definition, prop) for definition in context.tree.exercises
               for prop in definition.properties
               if prop.key == "fit" and len(prop.values) == 2]
    if not written:  # the FIT profile is imported only for a file that needs it
        return
    profile = fit_profile_names()
    for definition, prop in written:
        category, name = prop.values
        if name in profile.get(category, ()):
            continue
        nearest = _nearest(name if category in profile else f"{category}_{name}", profile)
        what = (f"exercise {category}/{name}" if category in profile
                else f"category {category!r}")
        yield make("WOL008", prop.span,
                   f"the FIT profile has no {what}: the watch would show "
                   f"{definition.name} as an unknown exercise",
                   f"write fit {nearest}" if nearest else
                   "give a category and name from the FIT profile (docs/outputs/fit.md)")


def _nearest(written: str, profile: Mapping[str, frozenset[str]]) -> str | None:
    """The profile's `category/name` nearest to `written` (an exercise's name, or
    `category_name`), compared with both the name alone and the category and name
    together: `sled_push` finds sled/push, `band_lateral_walk` lateral_band_walks."""
    best, best_score = None, CUTOFF
    for category, names in profile.items():
        for name in names:
            matcher = difflib.SequenceMatcher(None, written, name)
            score = matcher.ratio() if matcher.quick_ratio() > best_score else 0.0
            matcher.set_seq2(f"{category}_{name}")
            if matcher.quick_ratio() > max(best_score, score):
                score = max(score, matcher.ratio())
            if score > best_score or (score == best_score and best is not None
                                      and f"{category}/{name}" < best):
                best, best_score = f"{category}/{name}", score
    return best


def unmapped_exercise(context: Context) -> Iterator[Diagnostic]:
    """An exercise defined in the file with no `fit` mapping, compiled to a watch.

    Only when compiling to fit or garmin-connect: the watch cannot name it. Its
    steps are written as a generic "Total body" exercise (FIT category total_body
    with no name; Garmin Connect's TOTAL_BODY entry), with the real name in the
    step's name and notes, so the workout still loads. The hint suggests the FIT
    name nearest to the exercise's own.

    Bad:
        exercise sled_push:
          tags quad_dominant
    Good:
        exercise sled_push:
          tags quad_dominant
          fit sled/push
    """
    if not _watch(context):
        return
    seen: set[str] = set()
    for line, exercise in known_lines(context):
        if exercise.fit_category is not None or exercise.name in seen:
            continue
        seen.add(exercise.name)
        nearest = _nearest(exercise.name, fit_profile_names())
        yield make("WOL009", exercise.defined_at or line.name_span,
                   f"{exercise.name} has no FIT mapping: the watch shows it as a generic "
                   "Total body step, named in its notes",
                   f"add `fit {nearest}` to its exercise block if that is the movement"
                   if nearest else "add `fit CATEGORY/NAME` to its exercise block "
                   "(docs/outputs/fit.md tells how to find one)")




def watch_step_limit(context: Context) -> Iterator[Diagnostic]:
    """A session whose workout is more steps than Garmin Connect takes (50).

    Only when compiling to fit or garmin-connect. Each set of a one-sided exercise
    is a step per side, each rest a step, and the repeat of its sets one more step:
    `step_up 3x8 each_leg rest 60s` is 4 steps (left, right, rest, repeat 3 times),
    `plank 1x30s` is 1 (docs/outputs/fit.md shows how a session becomes steps).
    Garmin Connect refuses a workout of more than 50 steps, and a watch may not
    load it.

    Bad:
        session "Legs" on mon:
          step_up 3x8 each_leg rest 60s
          bulgarian_split_squat 3x8 each_leg rest 60s
          # ... eleven more such lines: 13 x 4 = 52 steps
    Good:
        session "Legs A" on mon:
          step_up 3x8 each_leg rest 60s
          # ... six such lines: 28 steps
        session "Legs B" on thu:
          bulgarian_split_squat 3x8 each_leg rest 60s
          # ... seven such lines: 28 steps

    Where the limit comes from: the figure is Connect's editor's, as the issue
    that asked for this check reports it; other tools that write Garmin workouts
    cap them at 50 too. It is not in Garmin's published FIT documentation.
    """
    if not _watch(context):
        return
    from ..backends.fit import step_count, workout_steps  # the steps the watch gets

    for plan in context.plans:
        counted: dict[int, int] = {}  # weeks share session instances: count each once
        # by written session: its largest step count, the week of it, whether some
        # week's workout of it fits
        worst: dict[int, tuple[int, int, syntax.Session]] = {}
        fits: set[int] = set()
        for week in plan.weeks:
            for session in week.sessions:
                if id(session) not in counted:
                    try:
                        counted[id(session)] = step_count(workout_steps(session))
                    except CompileError:  # the backend says what it cannot write
                        counted[id(session)] = 0
                count, key = counted[id(session)], id(session.session)
                if count <= MAX_WATCH_STEPS:
                    fits.add(key)
                elif key not in worst or count > worst[key][0]:
                    worst[key] = (count, week.number, session.session)
        for key, (count, week_number, written) in worst.items():
            where = f" in week {week_number}" if key in fits else ""
            yield make("WOL012", written.span,
                       f'session "{written.name}" is a workout of {count} steps{where}: '
                       f"Garmin Connect takes at most {MAX_WATCH_STEPS}",
                       "split it into two sessions, or keep fewer exercises in it (each "
                       "exercise is a step a side, a rest and a repeat)")
