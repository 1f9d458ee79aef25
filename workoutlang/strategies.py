"""Hypothesis strategies for workoutlang plans, as syntax trees and as source text.

A coaching pipeline that generates or transforms plans can property-test itself
with these::

    from hypothesis import given
    import workoutlang as wol
    from workoutlang import strategies as wst

    @given(wst.plans(weeks=(4, 8), units="kg"))
    def test_my_exporter_accepts_every_valid_plan(tree):
        assert not wol.check(tree)          # the strategy promises a clean plan
        my_exporter(wol.compile(tree, "json"))

What the strategies give:

- `exercises()`: catalogue entries (`catalogue.Exercise`), optionally only those
  carrying one of `tags`.
- `exercise_lines()`: one `syntax.ExerciseLine` whose prescription matches the
  exercise's measure (time or reps) and which names a side when the exercise is
  unilateral.
- `sessions()`: one `syntax.Session` of lines, left/right pairs and blocks that
  passes every line check (WOL002-WOL007); week-level coverage is a plan's job.
- `plans()`: a whole file (`syntax.PlanFile`, what `wol.check` and
  `wol.compile` take) that checks with no errors and no warnings: every week
  has core, posterior-chain, single-leg and mobility or balance work; a
  unilateral exercise says `each_leg`/`each_side` or comes as equal `left` and
  `right` lines; quad-dominant volume never exceeds posterior-chain volume;
  2-3 sessions a week; every value within the WOL003 bounds. Plans may hold
  week blocks, deloads, progressions and the file's own exercises.
- With `v2=True` (the default) lines, sessions and plans hold the constructs of
  the language v2: set schemes, `1x5+`, efforts beside loads, `max` lines and
  `%tm` loads (only for an exercise with a `max` in its plan), distances (for
  exercises measured in distance), `cycle N` and waves, `round`, bare deload
  weeks, rotations, `/session` and `/cycle` steps, double progressions, `N[-M]
  per week` sessions, supplement plans, and the rules that answer to a training
  log: `if done`, `reset … after N misses` and ladders (docs/strategies.md).
  `v2=False` keeps to the language v1.
- `plan_sources()`: the same plans as formatted source text.
- `logs(plan_file)`, `log_sources(plan_file)`: training logs of a given plan, as a
  file holding one `log "PLAN":` or as its text; `as_planned_log(plan_file, weeks)`
  (not a strategy): the log that does the first `weeks` weeks exactly as planned.
- `any_plan_sources()`: source text that may be invalid: valid plans with
  lines deleted, duplicated or swapped, junk inserted, the text cut short...
  for testing error paths. Not every example is invalid.

Everything is built from small choices (`sampled_from`, small integer ranges,
short lists) so that a failing example shrinks to a small, readable plan.

Spans: generated nodes carry `NO_SPAN`, a neutral span that points nowhere.
The spans of generated trees are meaningless; compare trees with spans
ignored, or parse `plan_sources()` when you need real positions.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from typing import Any, cast

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as missing:  # an extra: the compiler itself never needs it
    raise ImportError("workoutlang.strategies needs Hypothesis: "
                      "pip install 'workoutlang[strategies]'") from missing

from . import syntax
from .catalogue import TAGS, Catalogue, Exercise, load_catalogue
from .checks.lines import side_word
from .checks.weeks import week_volumes
from .expand import BlockInstance, ConcreteLoad, expand
from .limits import DEFAULT_ROUND_KG, DEFAULT_ROUND_LB
from .logbook import PlannedSet, planned_sets
from .spelling import (
    duration,
    load_text,
    number,
    prescription_text,
    progress_text,
    tempo_text,
)
from .syntax import Span
from .vocabulary import (
    BAND_LEVELS,
    BLOCK_KINDS,
    BOTH_SIDES,
    DAYS,
    DISTANCE_UNITS,
    DOUBLE_KEYWORD,
    MEASURES,
    MODIFIER_KEYWORDS,
    PRESCRIPTION_KINDS,
    PROGRESS_PERIODS,
    RESET_KEYWORD,
    ROUNDED_BLOCKS,
    UNITS,
    EffortKind,
    LoadKind,
    PrescriptionKind,
    ProgressPeriod,
    ProgressUnit,
    SideWord,
    Unit,
)

__all__ = [
    "DAYS", "LOG_MONDAY", "NO_SPAN", "any_plan_sources", "as_planned_log",
    "exercise_line_nowhere", "exercise_lines", "exercises", "log_sources", "log_text", "logs",
    "plan_sources", "plans", "sessions",
]

NO_SPAN = Span(None, 1, 1, 1, 1)
"""The span of every generated node: neutral and meaningless."""


# kept here under its old name: syntax.ExerciseLine.nowhere, which needs no Hypothesis
exercise_line_nowhere = syntax.ExerciseLine.nowhere

# A count given as a number, an inclusive (low, high) range or a strategy.
Count = int | tuple[int, int] | st.SearchStrategy[int]

# The dose checks judge what a coach chooses (how fast loads climb, deloads, foot
# contacts, session length): random plans do not model it, so the plans drawn here
# promise no warnings with these codes off (docs/strategies.md).
DOSE_CODES: frozenset[str] = frozenset({"WOL108", "WOL109", "WOL110", "WOL111"})

# The work every week needs (WOL101, WOL102, WOL104, WOL107): one of each tag set (two
# lines of each single tag: WOL112 wants two working sets a week).
_REQUIRED = (
    frozenset({"core"}),
    frozenset({"posterior_chain"}),
    frozenset({"single_leg"}),
    frozenset({"mobility", "balance"}),
)

_SECONDS = (30, 45, 60, 20, 90, 15, 120, 10)  # hold times; the first shrinks best
_RESTS = (60, 90, 30, 45, 120, 180)
_WORDS = ("Base", "Lower", "Upper", "Core", "Strength", "Hills", "Phase", "Day", "Øvelse",
          "Kraft", "Fuerza", "Ренн", "力量", "A", "B", "2", "10k", "+", "&", "-", "(easy)")
_NOTE_WORDS = ("brace", "slow", "knees out", "don't rotate", "hips level", "breathe",
               "full range", "3 s down", "ça va", "ruhig", "#1", "50%", "e.g.", "…")
_CUSTOM_WORDS = ("drill", "hold", "raise", "bridge", "hop", "walk", "reach", "march")
_FREE_LABELS = ("hips", "feet", "knees", "glutes", "warm")


# --- helpers ---------------------------------------------------------------------------


def _counts(value: Count, name: str, low: int, high: int) -> st.SearchStrategy[int]:
    """A count parameter as a strategy, checked against what the checks allow."""
    if isinstance(value, st.SearchStrategy):
        return value
    first, last = (value, value) if isinstance(value, int) else value
    if not low <= first <= last <= high:
        raise InvalidArgument(f"{name} must lie within {low}..{high}, got {value!r}")
    return st.integers(first, last)


def _units(units: str | None) -> st.SearchStrategy[str]:
    if units is None:
        return st.sampled_from(UNITS)
    if units not in UNITS:
        raise InvalidArgument(f"units must be {', '.join(map(repr, UNITS))} or None, "
                              f"got {units!r}")
    return st.just(units)


def _duration(seconds: int) -> syntax.Duration:
    return syntax.Duration(seconds, duration(seconds))


def _rest(seconds: int | None) -> syntax.Rest:
    """`rest 1min30s`, or `rest lap` for None."""
    return syntax.Rest(None if seconds is None else _duration(seconds))


def _written(kind: PrescriptionKind, sets: int | None, low: int | None = None,
             high: int | None = None, time: syntax.Duration | None = None,
             distance: syntax.Distance | None = None) -> syntax.Prescription:
    """A prescription, spelled as `workoutlang fmt` writes it: `3x8-12`, `3x1min30s`,
    `3xmax`, `1x5+` (kind "max" with a minimum), `3x40m`."""
    text = prescription_text(kind, sets, low, high, time.seconds if time else None,
                             distance.text if distance else None)
    return syntax.Prescription(kind, sets, low, high, time, text, distance)


def _spelled(kind: LoadKind, amount: float | None = None, unit: Unit | None = None,
             level: str | None = None, effort: syntax.Effort | None = None) -> syntax.Load:
    """A load, spelled as `workoutlang fmt` writes it: `40kg`, `85%tm`, `80kg rpe 8`."""
    text = load_text(kind, amount, unit, level,
                     (effort.kind, effort.amount) if effort is not None else None)
    return syntax.Load(kind, amount, unit, level, text, effort)


def _progression(amount: float, unit: ProgressUnit, period: ProgressPeriod = "week",
                 double: bool = False, if_done: bool = False) -> syntax.Progress:
    """`+2.5kg/week`, `+2.5kg/session`, `+5kg/cycle`; a double progression's default
    period, each session, is not written (`progress double +2kg`): the text is what
    follows the keyword, as the parser keeps it (without an `if done` after it)."""
    text = progress_text(amount, unit, period, double).removeprefix(f"{DOUBLE_KEYWORD} ")
    return syntax.Progress(amount, unit, text, period, double, if_done)


def _text(words: Sequence[str], max_words: int) -> st.SearchStrategy[str]:
    """Readable names and notes: no quote, newline or control character."""
    return st.lists(st.sampled_from(words), min_size=1, max_size=max_words).map(" ".join)


# Strategies are built once, not per draw: building them per draw made generation
# ten times slower, and a failing example takes thousands of draws to shrink.
_BOOL = st.booleans()
_SETS = st.integers(1, 6)
_REPS = st.integers(1, 20)
_RANGE_WIDTH = st.integers(1, 6)
_HOLD = st.sampled_from(_SECONDS)
# by style.v2: a v1 rest is a time; `rest lap` (None) comes with the later constructs
_REST = {v2: st.sampled_from((*_RESTS, None) if v2 else _RESTS).map(_rest)
         for v2 in (False, True)}
_TIME_KIND = st.sampled_from(tuple(k for k in PRESCRIPTION_KINDS
                                   if k != "reps" and k != "distance"))
_REPS_KIND = {False: st.sampled_from(("reps", "range", "max")),
              True: st.sampled_from(("reps", "range", "max", "amrap"))}
# distances a set (or a round): metres, kilometres, yards
_DISTANCE = st.sampled_from(("40m", "20m", "30m", "50m", "100m", "1km", "20yd", "50yd"))
_SCHEME = st.integers(2, 4)  # set groups of a set scheme
_EFFORT_KIND = st.sampled_from(("none", "rpe", "rir"))
_TM_PERCENT = st.integers(8, 19)  # ×5: 40-95 % of the training max
# week, session and (with `cycle N`) cycle; a double progression each session or week
_PERIODS = {cycle: st.sampled_from(PROGRESS_PERIODS[:3 if cycle else 2])
            for cycle in (False, True)}
_DOUBLE_PERIOD = st.sampled_from(PROGRESS_PERIODS[1::-1])
_WANTED = st.sets(st.sampled_from(("load", "tempo", "rest", "progress", "note")), max_size=5)
_LOAD_KIND = st.sampled_from(("weight", "bodyweight", "bw_plus", "percent_1rm", "rpe", "rir",
                              "band"))
_SCHEME_LOAD_KIND = st.sampled_from(("weight", "percent_1rm", "bw_plus"))
_WEIGHT = st.integers(1, 80)
_EXTRA = st.integers(1, 20)
_PERCENT = st.integers(10, 20)
_RPE = st.integers(12, 20)
_RIR = st.integers(0, 5)
_BAND = st.sampled_from(BAND_LEVELS)
_TEMPO = st.lists(st.sampled_from(("1", "0", "2", "3", "4", "5", "x")), min_size=3, max_size=4)
_NOTE = _text(_NOTE_WORDS, 4)
_NAME = _text(_WORDS, 3)
_BLOCK_KIND = st.sampled_from(BLOCK_KINDS)
_ROUNDS = st.integers(2, 5)
_DATES = st.dates(datetime.date(2024, 1, 1), datetime.date(2035, 12, 31))
_LOAD_STEP = st.sampled_from((2.5, 1.0, 5.0))
_REP_STEP = st.sampled_from((1.0, 2.0))
_TIME_STEP = st.sampled_from((5.0, 10.0))
_RESET = st.builds(syntax.Reset, st.sampled_from((10.0, 5.0, 20.0, 15.0)), st.integers(1, 3))
_DAY_SETS = {n: st.lists(st.sampled_from(DAYS), min_size=n, max_size=n, unique=True)
             for n in (2, 3)}
_ONE_DAY = st.one_of(st.just(()), st.sampled_from(DAYS).map(
    lambda day: (syntax.Day(day, NO_SPAN),)))


# --- exercises and lines ---------------------------------------------------------------


def exercises(tags: Iterable[str] | None = None,
              catalogue: Catalogue | None = None) -> st.SearchStrategy[Exercise]:
    """Exercises of the catalogue (the built-in one by default).

    With `tags`, only exercises carrying at least one of them, e.g.
    `exercises(tags=["posterior_chain"])`.
    """
    return _Pool(_chosen(catalogue or load_catalogue(), tags)).one


def _chosen(catalogue: Catalogue, tags: Iterable[str] | None,
            among: Iterable[Exercise] | None = None, v2: bool = True) -> tuple[Exercise, ...]:
    """The exercises (by name, or `among` in its order) carrying one of `tags`; without
    `v2`, not those measured in distance (the language v1 has no distances)."""
    wanted = frozenset(tags) if tags is not None else None
    if among is None:
        among = (catalogue.exercises[name] for name in catalogue.names())
    return tuple(e for e in among if (wanted is None or e.tags & wanted)
                 and (v2 or e.measure != "distance"))


@attrs.frozen
class _Style:
    """What a line may hold beyond v1: `v2` constructs at all, `/cycle` steps (the
    plan has `cycle N`), `%tm` loads (the plan has a `max` line for the exercise)."""

    v2: bool = True
    cycle: bool = False
    maxed: bool = False


V1 = _Style(v2=False)


def _distance(text: str) -> syntax.Distance:
    """`40m` → 40 metres, `50yd` → 45.72: as the parser reads it."""
    amount = text.rstrip("kmyd")
    return syntax.Distance(float(amount) * DISTANCE_UNITS[text[len(amount):]], text)


def _prescription(draw: st.DrawFn, exercise: Exercise, bare: bool,
                  style: _Style = V1) -> syntax.Prescription:
    """Sets and reps, time or distance, matching the exercise's measure; bare: per round."""
    sets = None if bare else draw(_SETS)
    if exercise.measure == "distance":
        return _written("distance", sets, distance=_distance(draw(_DISTANCE)))
    kind: str
    if exercise.measure == "time":
        kind = "time" if bare else draw(_TIME_KIND)
    else:
        kind = "reps" if bare else draw(_REPS_KIND[style.v2])
    if kind == "max":
        return _written("max", sets)
    if kind == "time":
        return _written("time", sets, time=_duration(draw(_HOLD)))
    low = draw(_REPS)
    if kind == "amrap":  # `1x5+`: at least `low`, then as many as possible
        return _written("max", sets, low)
    high = low + draw(_RANGE_WIDTH) if kind == "range" else low
    return _written("reps", sets, low, high)


def _effort(draw: st.DrawFn) -> syntax.Effort | None:
    """None, or `rpe 6`-`rpe 10` (halves too) or `rir 0`-`rir 5` beside a load."""
    kind = draw(_EFFORT_KIND)
    if kind == "rpe":
        return syntax.Effort("rpe", draw(_RPE) / 2)
    if kind == "rir":
        return syntax.Effort("rir", float(draw(_RIR)))
    return None


def _load(draw: st.DrawFn, units: str, style: _Style = V1,
          kinds: st.SearchStrategy[str] = _LOAD_KIND) -> syntax.Load:
    unit = cast(Unit, units)  # drawn from UNITS
    if style.maxed:
        return _spelled("percent_tm", float(draw(_TM_PERCENT) * 5),
                        effort=_effort(draw) if style.v2 else None)
    kind = draw(kinds)
    if kind in ("rpe", "rir", "band"):
        if kind == "band":
            return _spelled("band", level=draw(_BAND))
        return _spelled(cast(EffortKind, kind),
                        draw(_RPE) / 2 if kind == "rpe" else float(draw(_RIR)))
    effort = _effort(draw) if style.v2 else None
    if kind == "weight":
        return _spelled("weight", draw(_WEIGHT) * 2.5, unit, effort=effort)
    if kind == "bodyweight":
        return _spelled("bodyweight", effort=effort)
    if kind == "bw_plus":
        return _spelled("bodyweight", draw(_EXTRA) * 2.5, unit, effort=effort)
    return _spelled("percent_1rm", float(draw(_PERCENT) * 5), effort=effort)


def _tempo(draw: st.DrawFn) -> syntax.Tempo:
    parts = tuple(None if w == "x" else int(w) for w in draw(_TEMPO))
    return syntax.Tempo(parts, tempo_text(parts))


def _progress(draw: st.DrawFn, groups: Sequence[syntax.SetGroup], more_reps: bool,
              style: _Style) -> syntax.Progress | None:
    """A progression the line can carry; None when none fits.

    Added reps would raise quad-dominant volume week by week, so `more_reps`
    is only set for exercises that are not quad-dominant. In v2 the step may
    come each session or each cycle (when the plan has one), and a one-group
    line of a rep range with a weight may progress `double`.
    """
    period: ProgressPeriod = draw(_PERIODS[style.cycle]) if style.v2 else "week"
    # `if done` (a step only where the training log shows the line done): v2, and only
    # on the steps a log answers to, each week or each session
    if_done = style.v2 and period != "cycle" and draw(_BOOL)
    prescription = groups[0].prescription
    units = {g.load.unit if g.load is not None and g.load.amount is not None else None
             for g in groups}
    if len(units) == 1 and None not in units and all(
            g.load is not None and g.load.kind in ("weight", "bodyweight") for g in groups):
        unit = cast(Unit, units.pop())
        if (style.v2 and len(groups) == 1 and prescription.kind == "reps"
                and prescription.sets is not None and (prescription.reps_max or 0)
                > (prescription.reps_min or 0) and draw(_BOOL)):
            return _progression(draw(_LOAD_STEP), unit, draw(_DOUBLE_PERIOD), double=True)
        return _progression(draw(_LOAD_STEP), unit, period, if_done=if_done)
    if len(groups) > 1 or prescription.sets is None:
        return None
    if prescription.kind == "reps" and more_reps:
        return _progression(draw(_REP_STEP), "rep", period, if_done=if_done)
    if prescription.kind == "time":
        return _progression(draw(_TIME_STEP), "s", period, if_done=if_done)
    return None


def _groups(draw: st.DrawFn, exercise: Exercise, units: str, bare: bool, style: _Style,
            wanted: set[str]) -> tuple[syntax.Prescription, syntax.Load | None,
                                       tuple[syntax.SetGroup, ...]]:
    """The line's first prescription, its load when it is a one-group line, and its
    set scheme (`()` for a one-group line): 2-4 groups, each with its own load."""
    if bare or not style.v2 or not draw(_BOOL):
        prescription = _prescription(draw, exercise, bare, style)
        return prescription, _load(draw, units, style) if "load" in wanted else None, ()
    kinds = _SCHEME_LOAD_KIND
    groups = tuple(syntax.SetGroup(_prescription(draw, exercise, False, style),
                                   _load(draw, units, style, kinds), NO_SPAN, NO_SPAN)
                   for _ in range(draw(_SCHEME)))
    return groups[0].prescription, None, groups


def _line(draw: st.DrawFn, exercise: Exercise, units: str, bare: bool,
          side: SideWord | None, style: _Style = V1) -> syntax.ExerciseLine:
    """One line for `exercise`; `side` None picks the natural side for unilateral ones.
    `style.maxed`: the plan has a `max` for the exercise, and the line's loads are `%tm`."""
    # Which optional modifiers to write; the empty set shrinks best.
    wanted = draw(_WANTED)
    if style.maxed:
        wanted.add("load")
    if bare:
        wanted -= {"rest", "progress"}
    prescription, load, scheme = _groups(draw, exercise, units, bare, style, wanted)
    if (style.v2 and load is None and not scheme and "progress" in wanted
            and prescription.sets is not None
            and prescription.kind == "reps" and prescription.reps_max != prescription.reps_min
            and draw(_BOOL)):
        # a rep range that progresses: often a weight, for a double progression
        load = _spelled("weight", draw(_WEIGHT) * 2.5, cast(Unit, units))
    modifiers: list[syntax.Modifier] = []
    if load is not None:
        modifiers.append(load)
    if "tempo" in wanted:
        modifiers.append(_tempo(draw))
    if exercise.unilateral:
        modifiers.append(syntax.Side(side or side_word(exercise)))
    if "rest" in wanted:
        modifiers.append(draw(_REST[style.v2]))
    if "progress" in wanted:
        more_reps = "quad_dominant" not in exercise.tags
        groups = scheme or (syntax.SetGroup(prescription, load, NO_SPAN, None),)
        progress = _progress(draw, groups, more_reps, style)
        if progress is not None:
            modifiers.append(progress)
            if style.v2 and draw(_BOOL):  # `reset -10% after 2 misses` needs a progress
                modifiers.append(draw(_RESET))
    if "note" in wanted:
        modifiers.append(syntax.Note(draw(_NOTE)))
    # Modifiers go in any order in the language; the source order is kept.
    if len(modifiers) > 1:
        modifiers = draw(st.permutations(modifiers))
    line = exercise_line_nowhere(exercise.name, prescription, tuple(modifiers))
    return attrs.evolve(line, scheme=scheme) if scheme else line


def exercise_lines(exercise: Exercise | st.SearchStrategy[Exercise] | None = None,
                   tags: Iterable[str] | None = None, units: str | None = "kg",
                   catalogue: Catalogue | None = None,
                   bare: bool = False, v2: bool = True) -> st.SearchStrategy[syntax.ExerciseLine]:
    """One exercise line (`syntax.ExerciseLine`) that passes every line check.

    `exercise`: a fixed exercise or a strategy of them (default: `exercises(tags,
    catalogue)`). The prescription matches the exercise's measure; a unilateral
    exercise gets `each_leg` or `each_side`. `units` ("kg", "lb" or None for
    either) is the plan's unit, used for loads. `bare=True` gives the per-round
    form used inside a superset or circuit (`10`, `45s`, `40m`). `v2=False` keeps
    to the language v1 (no set schemes, `1x5+`, efforts, `/session` steps,
    double progressions; exercises measured in distance are left out).
    """
    if exercise is None:
        source = _Pool(_chosen(catalogue or load_catalogue(), tags, v2=v2)).one
    elif isinstance(exercise, Exercise):
        source = st.just(exercise)
    else:
        source = exercise
    unit_choice = _units(units)
    style = _Style(v2=v2)

    @st.composite
    def lines(draw: st.DrawFn) -> syntax.ExerciseLine:
        return _line(draw, draw(source), draw(unit_choice), bare, None, style)

    return lines()


# --- session entries ---------------------------------------------------------------------

Item = syntax.ExerciseLine | syntax.Block | syntax.Wave | syntax.Ladder


def _lines_for(draw: st.DrawFn, exercise: Exercise, units: str,
               bare: bool, style: _Style = V1) -> list[syntax.ExerciseLine]:
    """A line, or for a unilateral exercise sometimes an equal left + right pair."""
    if exercise.unilateral and draw(_BOOL):
        left = _line(draw, exercise, units, bare, "left", style)
        right = attrs.evolve(left, modifiers=tuple(
            syntax.Side("right") if isinstance(m, syntax.Side) else m
            for m in left.modifiers))
        return [left, right]
    return [_line(draw, exercise, units, bare, None, style)]


class _Pool:
    """Exercises to draw from, and the strategies that draw session entries from them.

    Entries are drawn as lists of sub-strategies (not as a count and a loop) so
    that Hypothesis can delete one entry while shrinking without disturbing
    the choices of the others; the strategies are built once per pool.
    """

    def __init__(self, exercises: tuple[Exercise, ...]) -> None:
        if not exercises:
            raise InvalidArgument("no exercise carries any of the tags asked for")
        self.exercises = exercises
        self.one = st.sampled_from(exercises)
        self._built: dict[tuple[object, ...], st.SearchStrategy[Any]] = {}

    def _cached(self, key: tuple[object, ...], make: Any) -> Any:
        if key not in self._built:
            self._built[key] = make()
        return self._built[key]

    def lines(self, units: str, bare: bool,
              style: _Style = V1) -> st.SearchStrategy[list[syntax.ExerciseLine]]:
        """A line or a left + right pair of one exercise of the pool."""
        @st.composite
        def lines(draw: st.DrawFn) -> list[syntax.ExerciseLine]:
            return _lines_for(draw, draw(self.one), units, bare, style)

        return self._cached(("lines", units, bare, style), lines)  # type: ignore[no-any-return]

    def block(self, units: str, style: _Style = V1) -> st.SearchStrategy[syntax.Block]:
        member = {bare: st.lists(self.lines(units, bare, style), min_size=2 if bare else 1,
                                 max_size=3) for bare in (True, False)}

        @st.composite
        def block(draw: st.DrawFn) -> syntax.Block:
            kind = draw(_BLOCK_KIND)
            options: list[syntax.Rounds | syntax.Rest] = []
            bare = kind in ROUNDED_BLOCKS
            if bare:
                if kind == "circuit" or draw(_BOOL):
                    options.append(syntax.Rounds(draw(_ROUNDS)))
                if draw(_BOOL):
                    options.append(draw(_REST[style.v2]))
            items = [line for pair in draw(member[bare]) for line in pair]
            return syntax.Block(kind, tuple(options), (NO_SPAN,) * len(options), tuple(items),
                                NO_SPAN)

        return self._cached(("block", units, style), block)  # type: ignore[no-any-return]

    def entries(self, units: str, low: int, high: int,
                style: _Style = V1) -> st.SearchStrategy[list[list[Item]]]:
        """`low`..`high` entries, each a line, a left + right pair or a block."""
        def make() -> st.SearchStrategy[list[list[Item]]]:
            line: st.SearchStrategy[list[Item]] = self.lines(units, False, style)  # type: ignore[assignment]
            block: st.SearchStrategy[list[Item]] = self.block(units, style).map(lambda b: [b])
            entry = st.one_of(line, block)
            climbers = tuple(e for e in self.exercises if e.measure == "reps")
            if style.v2 and len(climbers) >= 2:
                entry = st.one_of(entry, _ladders(climbers, units).map(lambda ladder: [ladder]))
            return st.lists(entry, min_size=low, max_size=high)

        return self._cached(("entries", units, low, high, style), make)  # type: ignore[no-any-return]


def _days(draw: st.DrawFn, count: int, days: bool | None) -> list[tuple[syntax.Day, ...]]:
    """One weekday per session (distinct, in week order), or no days at all.

    A session on two days counts as two sessions a week (WOL106), so each
    generated session gets at most one.
    """
    if not (draw(_BOOL) if days is None else days):
        return [() for _ in range(count)]
    if count not in _DAY_SETS:  # a sessions_per_week strategy outside 2-3
        _DAY_SETS[count] = st.lists(st.sampled_from(DAYS), min_size=count, max_size=count,
                                    unique=True)
    chosen = draw(_DAY_SETS[count])
    return [(syntax.Day(day, NO_SPAN),) for day in sorted(chosen, key=DAYS.index)]


def sessions(tags: Iterable[str] | None = None, units: str | None = "kg",
             catalogue: Catalogue | None = None,
             v2: bool = True) -> st.SearchStrategy[syntax.Session]:
    """One session (`syntax.Session`) of 1-4 entries: lines, left/right pairs, blocks.

    Every line passes the line checks (WOL002-WOL007); whether a week is
    covered is up to the plan that holds it (see `plans`). `tags` limits the
    exercises to those carrying one of them; `v2=False` keeps to the language v1.
    """
    pool = _Pool(_chosen(catalogue or load_catalogue(), tags, v2=v2))
    unit_choice = _units(units)
    style = _Style(v2=v2)

    @st.composite
    def one_session(draw: st.DrawFn) -> syntax.Session:
        unit = draw(unit_choice)
        items = [item for entry in draw(pool.entries(unit, 1, 4, style)) for item in entry]
        days = draw(_ONE_DAY)
        return syntax.Session(draw(_NAME), days, tuple(items), NO_SPAN)

    return one_session()


# --- plans -----------------------------------------------------------------------------


def _balancer(exercise: Exercise, deficit: float) -> syntax.ExerciseLine:
    """A line of `exercise` worth at least `deficit` reps per leg."""
    sets = max(1, min(10, math.ceil(deficit / 20)))
    reps = min(math.ceil(deficit / sets), 1000)
    return exercise_line_nowhere(exercise.name, _written("reps", sets, reps, reps), ())


def _appended(session: syntax.Session, *lines: syntax.ExerciseLine) -> syntax.Session:
    return attrs.evolve(session, items=(*session.items, *lines))


def _last_session(sessions: tuple[syntax.Session, ...],
                  rotations: tuple[syntax.Rotation, ...],
                  line: syntax.ExerciseLine) -> tuple[tuple[syntax.Session, ...],
                                                      tuple[syntax.Rotation, ...]]:
    """`line` added to the last session a week does for sure: the last plain session,
    else the last session of the last rotation (every generated rotation has at
    least as many days as sessions, so each of its sessions is done every week)."""
    if sessions:
        return (*sessions[:-1], _appended(sessions[-1], line)), rotations
    last = rotations[-1]
    turned = attrs.evolve(last, sessions=(*last.sessions[:-1],
                                          _appended(last.sessions[-1], line)))
    return sessions, (*rotations[:-1], turned)


def _balanced(draw: st.DrawFn, plan: syntax.Plan, catalogue: Catalogue,
              balancers: _Pool) -> syntax.Plan:
    """`plan`, with hinge work added where a week's quad-dominant volume is larger.

    Judged on the expanded weeks, so that progressions, week blocks, waves, rotations
    and the sets a deload rounds away all count, and weighed by WOL105's own arithmetic
    (`checks.weeks.week_volumes`), so the generator and the check cannot drift apart.
    """
    exercise = None
    for _ in range(8):
        expanded, _ = expand(plan, catalogue)
        deficits = [(quad - posterior, week) for week in expanded.weeks
                    for quad, posterior in [week_volumes(week)] if quad > posterior]
        if not deficits:
            return plan
        deficit, week = max(deficits, key=lambda pair: pair[0])
        exercise = exercise or draw(balancers.one)
        # a deload cuts the new line's sets too: ask for enough to survive the cut
        factor = (week.deload_percent or 100.0) / 100.0
        line = _balancer(exercise, deficit / factor + 1)
        if week.block is None or week.block.bare:
            sessions, rotations = _last_session(plan.sessions, plan.rotations, line)
            plan = attrs.evolve(plan, sessions=sessions, rotations=rotations)
        else:
            blocks = []
            for w in plan.weeks:
                if w is week.block:
                    sessions, rotations = _last_session(w.sessions, w.rotations, line)
                    w = attrs.evolve(w, sessions=sessions, rotations=rotations)
                blocks.append(w)
            plan = attrs.evolve(plan, weeks=tuple(blocks))
    return plan  # not reached in practice: each round adds more than the gap


_FITS = st.sampled_from(sorted({(e.fit_category, e.fit_name)
                                for e in load_catalogue().exercises.values()
                                if e.fit_category and e.fit_name}))
_CUSTOM_TAGS = st.lists(st.sampled_from(sorted(TAGS) + list(_FREE_LABELS)), min_size=1,
                        max_size=3, unique=True)


_MEASURES = {v2: st.sampled_from([m for m in MEASURES if v2 or m != "distance"])
             for v2 in (False, True)}


@st.composite
def _definition(draw: st.DrawFn, v2: bool) -> tuple[str, list[syntax.ExerciseProperty]]:
    """The word of a new exercise's name and the lines of its `exercise` block (in v2
    its measure may be `distance`)."""
    word = draw(st.sampled_from(_CUSTOM_WORDS))
    properties = [
        syntax.ExerciseProperty("tags", tuple(draw(_CUSTOM_TAGS)), NO_SPAN),
        syntax.ExerciseProperty("unilateral" if draw(_BOOL) else "bilateral", (), NO_SPAN),
        syntax.ExerciseProperty("measure", (draw(_MEASURES[v2]),), NO_SPAN),
    ]
    if draw(_BOOL):
        category, fit_name = draw(_FITS)
        properties.append(syntax.ExerciseProperty("fit", (category or "", fit_name or ""),
                                                  NO_SPAN))
    if draw(_BOOL):
        properties.append(syntax.ExerciseProperty("note", (draw(_NOTE),), NO_SPAN))
    return word, properties


_DEFINITIONS = {v2: st.lists(_definition(v2), max_size=2) for v2 in (False, True)}


def _definitions(draw: st.DrawFn, v2: bool) -> tuple[syntax.ExerciseDef, ...]:
    """0-2 `exercise my_WORD_N:` blocks defining new exercises (some with an alias)."""
    out = []
    for index, (word, properties) in enumerate(draw(_DEFINITIONS[v2]), start=1):
        name = f"my_{word}_{index}"
        if index == 2:  # an alias too, without an extra choice to shrink
            properties = [*properties, syntax.ExerciseProperty("alias", (f"{name}_alt",),
                                                               NO_SPAN)]
        out.append(syntax.ExerciseDef(name, NO_SPAN, tuple(properties), NO_SPAN))
    return tuple(out)


# Lifts a plan may declare a `max` for (`max squat 140kg tm 90%`), in the catalogue.
_MAX_LIFTS = ("squat", "bench_press", "deadlift", "overhead_press")


class _Pools:
    """What a plan draws from: the optional exercises, one pool per required kind of
    work, the lifts that may have a max, and the lines that even out quad-dominant
    volume. Built once per `plans()`."""

    def __init__(self, catalogue: Catalogue, tags: frozenset[str] | None, v2: bool) -> None:
        self.tags = tags
        self.fillers = _Pool(_chosen(catalogue, tags, v2=v2))
        names = {e.name for e in self.fillers.exercises}
        self.required = []
        for needed in _REQUIRED:
            every = _chosen(catalogue, needed, v2=v2)
            preferred = tuple(e for e in every if e.name in names)
            self.required.append(_Pool(preferred or every))
        self.balancers = _Pool(tuple(
            e for e in _chosen(catalogue, ["posterior_chain"])
            if not e.unilateral and e.measure == "reps" and "quad_dominant" not in e.tags))
        lifts = tuple(e for e in map(catalogue.lookup, _MAX_LIFTS) if e is not None)
        self.lifts: st.SearchStrategy[list[Exercise]] = st.just([])
        if lifts and v2:
            self.lifts = st.lists(st.sampled_from(lifts), max_size=2, unique=True)


@attrs.frozen
class _Shape:
    """The parameters of `plans()` that shape each plan."""

    weeks: st.SearchStrategy[int]
    sessions_per_week: st.SearchStrategy[int]
    units: st.SearchStrategy[str]
    start: bool | None
    days: bool | None
    week_blocks: bool
    deloads: bool
    v2: bool


@attrs.frozen
class _Program:
    """What one plan's weeks share: its unit, the lifts it has a `max` for, whether it
    has `cycle N` and whether it is a `supplement`."""

    unit: str
    lifts: tuple[Exercise, ...]
    cycle: bool
    supplement: bool
    cycle_weeks: int = 4  # `cycle N`: a wave has at most N rows (more are never done)


_DELOAD_PERCENT = st.sampled_from((None, 60.0, 50.0, 70.0, 80.0))  # None: the default, 60%
# how a week's sessions are laid out: on days (or none), some in a rotation, or one
# session done `N per week`
_LAYOUT = st.sampled_from(("plain", "rotation", "per_week"))
_SUPPLEMENT = st.sampled_from((False, False, False, True))
_PER_WEEK_EXTRA = st.integers(0, 1)
_MAX_WAVE_ROWS = 4
_ROW_GROUPS = st.integers(1, 3)
# the modifiers a wave's header may carry besides a side (no load, no progress)
_WAVE_WANTED = st.sets(st.sampled_from(tuple(k for k in MODIFIER_KEYWORDS
                                             if k != "@" and k != "progress"
                                             and k != RESET_KEYWORD)), max_size=3)
_CYCLE = st.integers(2, 6)
_MAX_WEIGHT = st.integers(8, 60)  # ×5 kg or ×10 lb
_TM = st.sampled_from((None, 90.0, 85.0, 100.0))  # None: no `tm`, the max itself
# by unit, kg then lb
_MAX_STEP: dict[str, st.SearchStrategy[float]] = dict(zip(UNITS, (
    st.sampled_from((2.5, 5.0)), st.sampled_from((5.0, 10.0))), strict=True))
_ROUND: dict[str, st.SearchStrategy[float]] = dict(zip(UNITS, (
    st.sampled_from((2.5, 1.0, 5.0)), st.sampled_from((5.0, 2.5, 10.0))), strict=True))


def _wave(draw: st.DrawFn, exercise: Exercise, program: _Program) -> syntax.Wave:
    """`EXERCISE wave [MODIFIERS]:` with 1-4 rows of 1-3 groups, each with a `%tm` load;
    the header's modifiers (side, tempo, rest, note) apply to every row."""
    style = _Style(cycle=program.cycle, maxed=True)
    modifiers: list[syntax.Modifier] = []
    wanted = draw(_WAVE_WANTED)
    if "tempo" in wanted:
        modifiers.append(_tempo(draw))
    if exercise.unilateral:
        modifiers.append(syntax.Side(side_word(exercise)))
    if "rest" in wanted:
        modifiers.append(draw(_REST[True]))
    if "note" in wanted:
        modifiers.append(syntax.Note(draw(_NOTE)))
    if len(modifiers) > 1:
        modifiers = draw(st.permutations(modifiers))
    shared = tuple(modifiers)
    rows = []
    for _ in range(draw(st.integers(1, min(_MAX_WAVE_ROWS, program.cycle_weeks)))):
        groups = tuple(syntax.SetGroup(_prescription(draw, exercise, False, style),
                                       _load(draw, program.unit, style), NO_SPAN, NO_SPAN)
                       for _ in range(draw(_ROW_GROUPS)))
        rows.append(attrs.evolve(exercise_line_nowhere(exercise.name, groups[0].prescription,
                                                       shared),
                                 scheme=groups, header_line=1))
    return syntax.Wave(exercise.name, shared, tuple(rows), NO_SPAN)


def _lift(draw: st.DrawFn, exercise: Exercise, program: _Program) -> list[Item]:
    """The work of a lift the plan has a max for: a `wave:`, or a line of `%tm` loads."""
    if draw(_BOOL):
        return [_wave(draw, exercise, program)]
    return [_line(draw, exercise, program.unit, False, None,
                  _Style(cycle=program.cycle, maxed=True))]


def _week_sessions(draw: st.DrawFn, pools: _Pools, own: tuple[Exercise, ...],
                   program: _Program, shape: _Shape
                   ) -> tuple[tuple[syntax.Session, ...], tuple[syntax.Rotation, ...]]:
    """The sessions and rotations of one week: the plan's template, or a week block's.

    A supplement plan need not cover the week. Every week has `sessions_per_week`
    sessions done (2-3 by default, WOL106): plain sessions, or some of them a rotation
    (as many sessions as it has days or fewer, so each is done every week), or one
    session done `N per week`.
    """
    unit, style = program.unit, _Style(v2=shape.v2, cycle=program.cycle)
    count = draw(shape.sessions_per_week)
    layout = draw(_LAYOUT) if shape.v2 else "plain"
    turned = 0  # days of the rotation
    if layout == "rotation" and count >= 2 and shape.days is not False:
        turned = draw(st.integers(2, count))
    elif layout == "per_week" and shape.days is True:
        layout = "plain"
    distinct = 1 if layout == "per_week" else count - turned + (
        draw(st.integers(2, turned)) if turned else 0)
    # Every week needs each kind of work once: place one line of each in some session.
    placed: list[list[list[Item]]] = [[] for _ in range(distinct)]
    where = st.integers(0, distinct - 1)
    if not program.supplement:
        for needed, pool in zip(_REQUIRED, pools.required, strict=True):
            at = draw(where)
            # core, posterior chain and single leg: two lines, so that a week has at
            # least two working sets of each (WOL112), whatever sets each line draws
            for _ in range(2 if len(needed) == 1 else 1):
                placed[at].append(list(draw(pool.lines(unit, False, style))))
    for lift in program.lifts:
        placed[draw(where)].append(_lift(draw, lift, program))
    built = []
    for index in range(distinct):
        extra = draw(pools.fillers.entries(unit, 0 if placed[index] else 1, 3, style))
        # Required lines and extras interleave in any order; a pair stays together.
        entries = placed[index] + extra
        if len(entries) > 1:
            entries = draw(st.permutations(entries))
        items = tuple(item for entry in entries for item in entry)
        built.append(syntax.Session(draw(_NAME), (), items, NO_SPAN))
    # The file's own exercises, each maybe used once, at the end of some session.
    # (Kept out of the pools, which are built once and shared by every example.)
    for exercise in own:
        if draw(_BOOL):
            at = draw(where)
            built[at] = _appended(built[at], *_lines_for(draw, exercise, unit, False, style))
    if layout == "per_week":
        low = count
        span = syntax.PerWeek(low, low + draw(_PER_WEEK_EXTRA), NO_SPAN)
        return (attrs.evolve(built[0], per_week=span),), ()
    plain = count - turned
    if not turned:
        days = _days(draw, count, shape.days)
        return tuple(attrs.evolve(s, days=d) for s, d in zip(built, days, strict=True)), ()
    weekdays = [syntax.Day(day, NO_SPAN) for day in draw(st.permutations(DAYS))[:count]]
    rotation_days = tuple(sorted(weekdays[:turned], key=lambda d: DAYS.index(d.name)))
    rotation = syntax.Rotation(rotation_days, tuple(built[plain:]), NO_SPAN)
    own_days = sorted(weekdays[turned:], key=lambda d: DAYS.index(d.name))
    sessions = tuple(attrs.evolve(s, days=(d,)) for s, d in zip(built[:plain], own_days,
                                                                   strict=True))
    return sessions, (rotation,)


def _week_blocks(draw: st.DrawFn, pools: _Pools, own: tuple[Exercise, ...],
                 program: _Program, shape: _Shape, week_count: int) -> tuple[syntax.Week, ...]:
    """0-2 `week N[-M] [deload [P%]]:` blocks, inside the plan and not overlapping; in
    v2 a deload may be a bare header, `week 4 deload 60%`: the template, at a deload."""
    if not shape.week_blocks or week_count < 2 or not draw(_BOOL):
        return ()
    # distinct week numbers, paired in order: [a-b] [c-d] never overlap
    cuts = sorted(draw(st.lists(st.integers(1, week_count), min_size=1, max_size=4,
                                unique=True)))
    blocks = []
    for first, last in zip(cuts[::2], [*cuts[1::2], cuts[-1]], strict=False):
        deload = None
        if shape.deloads and draw(_BOOL):
            deload = syntax.Deload(draw(_DELOAD_PERCENT), NO_SPAN)
            if shape.v2 and draw(_BOOL):
                blocks.append(syntax.Week(first, last, deload, (), NO_SPAN))
                continue
        sessions, rotations = _week_sessions(draw, pools, own, program, shape)
        blocks.append(syntax.Week(first, last, deload, sessions, NO_SPAN, rotations))
    return tuple(blocks)


def _max_line(draw: st.DrawFn, exercise: Exercise, program: _Program) -> syntax.MaxLine:
    """`max EXERCISE WEIGHT [tm P%] [progress +STEP/cycle|/week]`, in the plan's unit."""
    unit = cast(Unit, program.unit)
    weight = draw(_MAX_WEIGHT) * (5 if unit == "kg" else 10)
    options: list[float | syntax.Progress] = []
    tm = draw(_TM)
    if tm is not None:
        options.append(tm)
    if draw(_BOOL):
        period: ProgressPeriod = "cycle" if program.cycle else "week"
        options.append(_progression(draw(_MAX_STEP[unit]), unit, period))
    return syntax.MaxLine(exercise.name, NO_SPAN, _spelled("weight", float(weight), unit),
                          NO_SPAN, tuple(options), (NO_SPAN,) * len(options), NO_SPAN)


def _plan(draw: st.DrawFn, pools: _Pools, catalogue: Catalogue, own: tuple[Exercise, ...],
          shape: _Shape) -> syntax.Plan:
    unit = draw(shape.units)
    v2 = shape.v2
    lifts: list[Exercise] = draw(pools.lifts)
    cycle: bool = v2 and draw(_BOOL)
    supplement: bool = v2 and draw(_SUPPLEMENT)
    program = _Program(unit, tuple(lifts), cycle, supplement,
                       draw(_CYCLE) if cycle else _MAX_WAVE_ROWS)
    template, rotations = _week_sessions(draw, pools, own, program, shape)
    week_count = draw(shape.weeks)
    blocks = _week_blocks(draw, pools, own, program, shape, week_count)
    options: list[syntax.PlanOption] = []
    if week_count != 1 or draw(_BOOL):
        options.append(syntax.WeeksOption(week_count, NO_SPAN))
    if unit != "kg" or draw(_BOOL):
        options.append(syntax.UnitsOption(cast(Unit, unit), NO_SPAN))
    if draw(_BOOL) if shape.start is None else shape.start:
        date = draw(_DATES)
        if week_count == 1:
            # on a Monday, or the one week's sessions might all fall before the start,
            # leaving a calendar (the ics target) nothing to show
            date -= datetime.timedelta(days=date.weekday())
        options.append(syntax.StartOption(date.isoformat(), NO_SPAN))
    if shape.deloads and week_count >= 3 and draw(_BOOL):
        every = draw(st.integers(2, min(week_count, 6)))
        options.append(syntax.DeloadEveryOption(every, draw(_DELOAD_PERCENT), NO_SPAN))
    if program.cycle:
        options.append(syntax.CycleOption(program.cycle_weeks, NO_SPAN))
    if len(program.lifts) > 0 and draw(_BOOL):
        options.append(syntax.RoundOption(draw(_ROUND[unit]), cast(Unit, unit), NO_SPAN))
    if program.supplement:
        options.append(syntax.SupplementOption(NO_SPAN))
    maxes = tuple(_max_line(draw, lift, program) for lift in program.lifts)
    plan = syntax.Plan(draw(_NAME), tuple(options), template, blocks, NO_SPAN, rotations,
                       maxes)
    return _balanced(draw, plan, catalogue, pools.balancers)


def plans(weeks: Count = (1, 4), sessions_per_week: Count = (2, 3),
          tags: Iterable[str] | None = None, units: str | None = None,
          start: bool | None = None, days: bool | None = None, plans_per_file: Count = 1,
          definitions: bool = True, week_blocks: bool = True, deloads: bool = True,
          catalogue: Catalogue | None = None,
          v2: bool = True) -> st.SearchStrategy[syntax.PlanFile]:
    """Whole plan files (`syntax.PlanFile`) that check with no errors and no warnings.

    - `weeks`: weeks per plan, a number, an inclusive range such as (4, 12) or a
      strategy (1-52).
    - `sessions_per_week`: 2 or 3 (or a range within it): more or fewer is a
      WOL106 warning. Each session is on one weekday, or none names a day; in v2
      some are a `rotation on DAYS:`, or one session is done `N[-M] per week`.
      A `supplement` plan has 1-2 sessions whatever this says.
    - `tags`: the optional exercises (beyond one core, posterior-chain,
      single-leg and mobility/balance exercise a week, which are always there)
      come from exercises carrying one of these tags.
    - `units`: "kg", "lb", or None for either.
    - `start`: True always writes `start YYYY-MM-DD`, False never, None either way.
      Any day of the week, except that a one-week plan starts on a Monday.
    - `days`: True puts every session on a weekday (`on mon`, or a rotation's
      days), False on none (and no rotations), None either way. The ics target
      needs `start=True, days=True`.
    - `plans_per_file`: plans in each file (1-3).
    - `definitions`: whether files may define their own exercises (`exercise
      my_drill_1:` blocks, 0-2 a file) and use them.
    - `week_blocks`: whether plans of two weeks or more may hold 1-2 `week N-M:`
      blocks that replace the template in those weeks (each covering the week
      on its own).
    - `deloads`: whether week blocks may be deloads (`week 4 deload 60%:`, in v2
      also the bare `week 4 deload 60%`) and plans of three weeks or more may
      have `deload every K weeks [P%]`.
    - `catalogue`: the catalogue to draw from (the built-in one by default).
    - `v2`: the constructs of the language v2 (docs/strategies.md lists them);
      False gives plans in the language v1 only.
    """
    base = catalogue or load_catalogue()
    wanted = frozenset(tags) if tags is not None else None
    pools = _Pools(base, wanted, v2)
    shape = _Shape(_counts(weeks, "weeks", 1, 52),
                   _counts(sessions_per_week, "sessions_per_week", 2, 3), _units(units), start,
                   days, week_blocks, deloads, v2)
    plan_counts = _counts(plans_per_file, "plans_per_file", 1, 3)

    @st.composite
    def files(draw: st.DrawFn) -> syntax.PlanFile:
        defs = _definitions(draw, v2) if definitions else ()
        merged = base.with_definitions(defs) if defs else base
        own = tuple(e for e in (merged.lookup(d.name) for d in defs)
                    if e is not None and (wanted is None or e.tags & wanted))
        found = tuple(_plan(draw, pools, merged, own, shape)
                      for _ in range(draw(plan_counts)))
        return syntax.PlanFile(found, defs, (), None)

    return files()


# --- source text -----------------------------------------------------------------------


def plan_sources(**kwargs: Any) -> st.SearchStrategy[str]:
    """`plans(**kwargs)` as source text, laid out by the formatter (`format_tree`)."""
    from .formatter import format_tree

    return plans(**kwargs).map(format_tree)


# --- invalid source text ---------------------------------------------------------------

_JUNK = st.one_of(
    st.sampled_from(("plan", "session:", "    squat", "  warmup:", "\t", "@", "x", ":", '"',
                     "squat 0x8", "squat 3x12-8 tempo 3-1", "step_up 3x8",
                     "plank 3x10 @ 2000kg", "superset 0 rounds:", "week 3-2:",
                     "squat 999999999999999999999999999999x8", "#", "\x00", "\ufeff",
                     "\r", "        deep", "exercise :", "progress +1kg/week")),
    st.text(max_size=20),
)


_MUTATION = st.sampled_from(("delete", "duplicate", "swap", "junk", "indent", "cut", "comment"))


@st.composite
def _mutated(draw: st.DrawFn, source: str) -> str:
    lines = source.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        how = draw(_MUTATION)
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if how == "delete" and lines:
            del lines[at]
        elif how == "duplicate" and lines:
            lines.insert(at, lines[at])
        elif how == "swap" and lines:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif how == "junk":
            lines.insert(at, draw(_JUNK))
        elif how == "indent" and lines:
            lines[at] = " " * draw(st.integers(0, 9)) + lines[at].lstrip(" ")
        elif how == "cut" and lines:
            text = lines[at]
            lines[at] = text[: draw(st.integers(0, len(text)))]
        elif how == "comment" and lines:  # valid text, but the formatter must keep it
            comment = "# " + draw(_NOTE)
            if draw(_BOOL):
                lines[at] += "  " + comment
            else:
                lines.insert(at, " " * draw(st.integers(0, 6)) + comment)
    return "\n".join(lines)


def any_plan_sources(**kwargs: Any) -> st.SearchStrategy[str]:
    """Source text that may be invalid, for error paths: valid plans (from
    `plan_sources(**kwargs)`) with 1-3 lines deleted, duplicated, swapped,
    re-indented or cut short, junk inserted, or comments added. Some examples
    stay valid."""
    return plan_sources(**kwargs).flatmap(
        lambda source: st.one_of(st.just(source), _mutated(source)))


# --- ladders ---------------------------------------------------------------------------

_LADDER_LOW = st.integers(3, 10)
_LADDER_WIDTH = st.integers(0, 4)  # 0: fixed reps, a rung at a time
_RUNGS = st.integers(2, 3)
_LADDER_WANTED = st.sets(st.sampled_from(("load", "tempo", "rest", "note")), max_size=4)
_LADDER_LOAD_KIND = st.sampled_from(("weight", "bodyweight", "bw_plus"))


def _ladders(climbers: tuple[Exercise, ...], units: str) -> st.SearchStrategy[syntax.Ladder]:
    """`ladder SxL-H [MODIFIERS] graduate GxT:` over 2-3 rep exercises, easiest first:
    the graduation's reps lie in the range and its sets are no more than the ladder's
    (WOL003). A unilateral rung writes its own side (the header writes none)."""
    rungs = st.lists(st.sampled_from(climbers), min_size=2, max_size=3,
                     unique_by=lambda e: e.name)

    @st.composite
    def ladder(draw: st.DrawFn) -> syntax.Ladder:
        sets, low = draw(_SETS), draw(_LADDER_LOW)
        high = low + draw(_LADDER_WIDTH)
        graduate_reps = draw(st.integers(low, high))
        prescription = _written("reps", sets, low, high)
        graduate = _written("reps", draw(st.integers(1, sets)), graduate_reps, graduate_reps)
        wanted = draw(_LADDER_WANTED)
        shared: list[syntax.Modifier] = []
        if "load" in wanted:
            shared.append(_load(draw, units, _Style(), _LADDER_LOAD_KIND))
        if "tempo" in wanted:
            shared.append(_tempo(draw))
        if "rest" in wanted:
            shared.append(draw(_REST[True]))
        if "note" in wanted:
            shared.append(syntax.Note(draw(_NOTE)))
        lines = []
        for exercise in draw(rungs):
            own = (syntax.Side(side_word(exercise)),) if exercise.unilateral else ()
            line = exercise_line_nowhere(exercise.name, prescription, (*shared, *own))
            lines.append(attrs.evolve(line, header_line=1,
                                      header_parts=tuple(range(1, 2 + len(shared)))))
        return syntax.Ladder(prescription, graduate, tuple(shared), tuple(lines), NO_SPAN,
                             NO_SPAN)

    return ladder()


# --- training logs -----------------------------------------------------------------------

# week 1's Monday for a plan with no `start`: the log's earliest entry sets it
LOG_MONDAY = datetime.date(2027, 3, 1)


# a set as a log writes it: its measure, amount (reps, seconds or metres), load (None:
# as planned) and distance as written (None: in metres)
_DoneSpec = tuple[str, float, syntax.Load | None, str | None]


@attrs.frozen
class _PlannedLine:
    """One planned line of a doing, as a log writes it: its name, its side, and each
    set's target (logbook.PlannedSet) with the load a log would write for it."""

    name: str
    side: str | None
    # each set: its target, the load a log writes for it, its distance as written
    sets: tuple[tuple[PlannedSet, syntax.Load | None, str | None], ...]


@attrs.frozen
class _PlannedDoing:
    """A session instance of a week, where a log puts its entry."""

    week: int
    session: str
    day: int | None  # 0 = Monday; None: no day of its own (`N per week`)
    lines: tuple[_PlannedLine, ...]
    optional: bool = False  # `1-2 per week`: a time past the lower bound, done or not


def _writable(load: ConcreteLoad | None) -> syntax.Load | None:
    """A week's load (expand.ConcreteLoad) as a log writes it: a weight, `bw`, `bw+5kg`,
    or what a `%tm` comes to; None for what a log leaves unwritten (efforts, bands,
    percentages with no max)."""
    if load is None:
        return None
    if load.weight is not None and load.weight_unit is not None:
        return _spelled("weight", load.weight, load.weight_unit)
    if load.kind == "weight" and load.amount is not None and load.unit is not None:
        return _spelled("weight", load.amount, load.unit)
    if load.kind == "bodyweight":
        if load.amount is None:
            return _spelled("bodyweight")
        if load.unit is not None:
            return _spelled("bodyweight", load.amount, load.unit)
    return None


def _planned_doings(plan_file: syntax.PlanFile, catalogue: Catalogue | None
                    ) -> tuple[syntax.Plan, tuple[_PlannedDoing, ...], datetime.date]:
    """The first plan of the file, its doings week by week as the static expansion has
    them (what a log is written against), and week 1's Monday."""
    from .weeks import first_monday, over_budget

    if not plan_file.plans:
        raise InvalidArgument("a log needs a plan: the file holds none")
    plan = plan_file.plans[0]
    merged = (catalogue or load_catalogue()).with_definitions(plan_file.exercises)
    expanded, _ = expand(plan, merged) if not over_budget((plan,)) else (None, None)
    if expanded is None or not expanded.weeks:
        raise InvalidArgument(f"the plan {plan.name!r} does not expand (past the expansion "
                              "budget, or no weeks): there is nothing to log")
    doings = []
    for week in expanded.weeks:
        times: dict[int, int] = {}  # id(session) → its `N-M per week` instances so far
        for session in week.sessions:
            targets = planned_sets(session)
            loads: dict[int, list[tuple[syntax.Load | None, str | None]]] = {}
            lines: dict[int, Any] = {}  # id(line) → its first item
            for entry in session.items:
                inner = entry.items if isinstance(entry, BlockInstance) else (entry,)
                rounds = (entry.rounds or 1) if isinstance(entry, BlockInstance) else 1
                for item in inner:
                    count = item.sets if item.sets is not None else rounds
                    loads.setdefault(id(item.line), []).extend(
                        [(_writable(item.load), item.distance_text)] * count)
                    lines.setdefault(id(item.line), item)
            planned = tuple(
                _PlannedLine(item.line.name, item.side,
                             tuple((p, load, text) for p, (load, text)
                                   in zip(targets[key], loads[key], strict=True)))
                for key, item in lines.items())
            # an instance on several days is done on each (logbook's doings)
            for name in session.days or (None,):
                day = DAYS.index(name) if name in DAYS else None
                doings.append(_PlannedDoing(week.number, session.name, day, planned))
            if session.per_week is not None:  # after the N-th: the M - N it may also be
                low, high = session.per_week
                seen = times[id(session.session)] = times.get(id(session.session), 0) + 1
                if seen == low:
                    doings += [_PlannedDoing(week.number, session.name, None, planned, True)
                               ] * (high - low)
    return plan, tuple(doings), first_monday(plan) or LOG_MONDAY


def _dated(doings: Sequence[_PlannedDoing], days: Sequence[int | None],
           monday: datetime.date) -> list[datetime.date | None]:
    """A date for each doing in its week: its day (or the one drawn for it), moved on
    to the next free day when the same session is already logged that day (a second
    entry of a session on one day is WOL204); None when the week has no free day."""
    taken: set[tuple[datetime.date, str]] = set()
    out: list[datetime.date | None] = []
    # doings with no day of their own: one a day from the week's Monday, in the order
    # of the week (the order in which entries of one name take their doings)
    loose: dict[int, int] = {}
    for doing, wanted in zip(doings, days, strict=True):
        if wanted is None:
            wanted = loose.get(doing.week, 0) % 7
            loose[doing.week] = wanted + 1
        date = None
        for shift in range(7):
            candidate = monday + datetime.timedelta(weeks=doing.week - 1,
                                                    days=(wanted + shift) % 7)
            if (candidate, doing.session) not in taken:
                date = candidate
                taken.add((candidate, doing.session))
                break
        out.append(date)
    return out


def _group(measure: str, value: float, count: int, load: syntax.Load | None,
           distance: str | None = None) -> syntax.SetGroup:
    """`count` sets of `value` (reps, seconds or metres) as a log writes them: `8`,
    `3x8`, `45s`, `40m`, each group's own load with it."""
    sets = count if count > 1 else None
    if measure == "time":
        seconds = int(value)
        text = prescription_text("time", sets, None, None, seconds)
        p = syntax.Prescription("time", sets, None, None, _duration(seconds), text)
    elif measure == "distance":
        written = distance or f"{number(value)}m"
        text = prescription_text("distance", sets, None, None, None, written)
        p = syntax.Prescription("distance", sets, None, None, None, text, _distance(written))
    else:
        reps = int(value)
        p = syntax.Prescription("reps", sets, reps, reps, None,
                                prescription_text("reps", sets, reps, reps, None))
    return syntax.SetGroup(p, load, NO_SPAN, NO_SPAN if load is not None else None)


def _done_line(name: str, done: Sequence[_DoneSpec],
               side: str | None, note: str | None, compact: bool) -> syntax.DoneLine:
    """A done line of sets (measure, amount, load, distance as written): the last set's
    load is the line's (`8, 8, 7 @ 50kg`), an earlier set writes its own only where it
    differs; `compact` writes runs of equal sets as `3x8`."""
    line_load = done[-1][2]
    runs: list[list[Any]] = []
    for measure, amount, load, written in done:
        own = None if load == line_load else load
        if compact and runs and runs[-1][:2] == [measure, amount] and runs[-1][3] == own:
            runs[-1][2] += 1
        else:
            runs.append([measure, amount, 1, own, written])
    groups = tuple(_group(m, a, n, own, w) for m, a, n, own, w in runs)
    # the last group's load is the line's, after the values (as the parser reads it)
    groups = (*groups[:-1], attrs.evolve(groups[-1], load=None, load_span=None))
    modifiers: list[syntax.Load | syntax.Side | syntax.Note] = []
    if line_load is not None:
        modifiers.append(line_load)
    if side is not None:
        modifiers.append(syntax.Side(cast(SideWord, side)))
    if note is not None:
        modifiers.append(syntax.Note(note))
    return syntax.DoneLine(name, groups, tuple(modifiers), (NO_SPAN,) * len(modifiers), False,
                           NO_SPAN, NO_SPAN)


def _skipped_line(name: str, note: str | None) -> syntax.DoneLine:
    modifiers = (syntax.Note(note),) if note is not None else ()
    return syntax.DoneLine(name, (), modifiers, (NO_SPAN,) * len(modifiers), True, NO_SPAN,
                           NO_SPAN)


def _entry(date: datetime.date, session: str, items: Sequence[syntax.DoneLine
                                                              | syntax.EntryNote],
           skipped: bool = False, note: str | None = None) -> syntax.Entry:
    return syntax.Entry(date.isoformat(), session, tuple(items), skipped, NO_SPAN, NO_SPAN,
                        NO_SPAN, note)


def _as_planned_sets(line: _PlannedLine) -> list[_DoneSpec]:
    return [(p.measure, p.target, load, text) for p, load, text in line.sets]


def _log_file(plan: syntax.Plan, entries: list[tuple[datetime.date, syntax.Entry]]
              ) -> syntax.PlanFile:
    """A file holding one log of `plan`, its entries in date order."""
    ordered = tuple(entry for _, entry in sorted(entries, key=lambda pair: pair[0]))
    return syntax.PlanFile((), (), (), None, (syntax.Log(plan.name, ordered, NO_SPAN,
                                                         NO_SPAN),))


def as_planned_log(plan_file: syntax.PlanFile, weeks: int,
                   catalogue: Catalogue | None = None) -> syntax.PlanFile:
    """The log of the file's first plan that does every session of its first `weeks`
    weeks exactly as planned, each on its day (a session with no day on the next free
    one from Monday): each set's reps (time, distance) the planned target, each weight
    the planned kg or lb in the unit the plan works it out in, sides as planned.
    Without `start`, week 1 begins on LOG_MONDAY. `weeks` 0 gives a log with no entry
    (a tree the parser cannot make: a log has at least one)."""
    plan, doings, monday = _planned_doings(plan_file, catalogue)
    chosen = [d for d in doings if d.week <= weeks and not d.optional]
    entries = []
    for doing, date in zip(chosen, _dated(chosen, [d.day for d in chosen], monday),
                           strict=True):
        if date is None:
            continue
        lines = [_done_line(line.name, _as_planned_sets(line), line.side, None, False)
                 for line in doing.lines if line.sets]
        items: list[syntax.DoneLine | syntax.EntryNote] = list(lines) or [
            syntax.EntryNote("nothing planned", NO_SPAN)]
        entries.append((date, _entry(date, doing.session, items)))
    return _log_file(plan, entries)


# How a log goes: the first choice of each is the one that shrinks best.
_DOING_FATE = st.sampled_from(("logged", "logged", "logged", "skipped", "absent"))
_OPTIONAL_FATE = st.sampled_from(("absent", "logged"))  # `1-2 per week`: the second time
_LINE_FATE = st.sampled_from(("planned", "varied", "skipped", "absent"))
_SET_FATE = st.sampled_from(("planned", "more", "fewer", "planned"))
_LOAD_FATE = st.sampled_from(("planned", "heavier", "lighter", "planned"))
_SET_COUNT = st.sampled_from(("planned", "fewer", "more", "planned"))
_DAY_SHIFT = st.sampled_from((0, 0, -1, 1))
_MAYBE_NOTE = st.one_of(st.none(), _NOTE)
_LOG_EFFORT = st.one_of(st.none(), _RPE.map(lambda r: syntax.Effort("rpe", r / 2)))
# a plate step heavier or lighter: what computed weights round to
_WEIGHT_STEP = dict(zip(UNITS, (DEFAULT_ROUND_KG, DEFAULT_ROUND_LB), strict=True))


def _varied_amount(draw: st.DrawFn, measure: str, target: float) -> float:
    """A set's reps, seconds or metres: as planned, more, or fewer (at least 1)."""
    fate = draw(_SET_FATE)
    if fate == "more":
        return target + draw(st.integers(1, 3)) * (5 if measure == "time" else
                                                   10 if measure == "distance" else 1)
    if fate == "fewer" and target > 1:
        cut = draw(st.integers(1, 3)) * (5 if measure == "time" else 1)
        if measure == "distance":
            return float(max(1, int(target / 2)))
        return max(1.0, target - cut)
    return target


def _varied_load(draw: st.DrawFn, load: syntax.Load | None) -> syntax.Load | None:
    """The planned load, or a plate step heavier or lighter."""
    if load is None or load.unit is None or load.amount is None:
        return load
    fate = draw(_LOAD_FATE)
    step = _WEIGHT_STEP[load.unit]
    amount = load.amount + step if fate == "heavier" else load.amount - step \
        if fate == "lighter" else load.amount
    if amount <= 0:
        return load if load.kind == "weight" else _spelled("bodyweight")
    return _spelled(load.kind, amount, load.unit)


def _varied_sets(draw: st.DrawFn, line: _PlannedLine) -> list[_DoneSpec]:
    """The sets of a line as an athlete might log them: each set's amount as planned,
    more or fewer; loads left out (as planned) or written, as planned, heavier or
    lighter, maybe with an effort; a set fewer or one more."""
    written = draw(_BOOL)
    out: list[_DoneSpec] = []
    for planned, load, text in line.sets:
        amount = _varied_amount(draw, planned.measure, planned.target)
        out.append((planned.measure, amount, _varied_load(draw, load) if written else None,
                    text if amount == planned.target else None))
    count = draw(_SET_COUNT)
    if count == "fewer" and len(out) > 1:
        out = out[:draw(st.integers(1, len(out) - 1))]
    elif count == "more":
        out.append(out[-1])
    last = out[-1]
    if written and last[2] is not None and last[2].kind == "weight":
        effort = draw(_LOG_EFFORT)
        if effort is not None:
            weight = last[2]
            # the effort goes with the line's load: every set without its own takes it
            out = [(m, a, attrs.evolve(weight, effort=effort,
                                       text=load_text("weight", weight.amount, weight.unit,
                                                      None, ("rpe", effort.amount)))
                    if lo == weight else lo, w) for m, a, lo, w in out]
    return out


def _logged_lines(draw: st.DrawFn, line: _PlannedLine) -> list[syntax.DoneLine]:
    """What the log says of one planned line: nothing, `NAME skipped`, or its sets,
    as planned or not, on both sides at once or a line a side."""
    fate = draw(_LINE_FATE)
    if fate == "absent" or not line.sets:
        return []
    if fate == "skipped":
        return [_skipped_line(line.name, draw(_MAYBE_NOTE))]
    sides: list[str | None] = [line.side]
    if line.side in BOTH_SIDES and draw(_BOOL):
        sides = ["left", "right"]
    out = []
    for side in sides:
        done = _as_planned_sets(line) if fate == "planned" else _varied_sets(draw, line)
        out.append(_done_line(line.name, done, side, draw(_MAYBE_NOTE), draw(_BOOL)))
    return out


def _log(draw: st.DrawFn, plan: syntax.Plan, doings: tuple[_PlannedDoing, ...],
         monday: datetime.date, explicit_start: bool) -> syntax.PlanFile:
    last_week = draw(st.integers(1, doings[-1].week))
    chosen = [d for d in doings if d.week <= last_week]
    days = []
    for doing in chosen:
        day = doing.day
        if day is not None:
            day = min(max(day + draw(_DAY_SHIFT), 0), 6)  # a day off, within the week
        days.append(day)
    entries = []
    dates = _dated(chosen, days, monday)
    for index, (doing, date) in enumerate(zip(chosen, dates, strict=True)):
        fate = draw(_OPTIONAL_FATE if doing.optional else _DOING_FATE)
        if index == 0 and not explicit_start and fate == "absent":
            fate = "skipped"  # without a start, week 1 is the week of the first entry
        if date is None or fate == "absent":
            continue
        if fate == "skipped":
            entries.append((date, _entry(date, doing.session, (), True, draw(_MAYBE_NOTE))))
            continue
        items: list[syntax.DoneLine | syntax.EntryNote] = []
        for line in doing.lines:
            items.extend(_logged_lines(draw, line))
        note = draw(_MAYBE_NOTE)
        if note is not None or not items:
            items.append(syntax.EntryNote(note or "felt off", NO_SPAN))
        entries.append((date, _entry(date, doing.session, items)))
    if not entries:  # a log has at least one entry: the first session, skipped
        first = dates[0]  # the first doing always finds a free day
        assert first is not None
        entries.append((first, _entry(first, chosen[0].session, (), True)))
    return _log_file(plan, entries)


def logs(plan_file: syntax.PlanFile,
         catalogue: Catalogue | None = None) -> st.SearchStrategy[syntax.PlanFile]:
    """Training logs of the file's first plan, as a file (`syntax.PlanFile`) holding
    one `log "PLAN":` — what an athlete following the plan could write.

    The log covers weeks 1 to N (N drawn, at most the plan's weeks); each session of
    those weeks is logged on its day (or a day off, within the week; a session with no
    day on a free day), marked `skipped`, or absent; the times a `N-M per week`
    session may be done past N are logged or absent. A logged session's lines follow
    what the plan asks that week (the static expansion): each line done as planned,
    with its sets varied (more or fewer reps, seconds or metres, a set fewer or one
    more; loads left out, meaning as planned, or written as planned, a plate step
    heavier or lighter, maybe with an `rpe`), `skipped`, or absent; an `each_leg`
    line sometimes as a `left` and a `right` line; notes here and there. Entries are
    in date order, no session twice on one day. Without a `start`, week 1 begins on
    LOG_MONDAY (the first session is never absent: it dates the log).
    """
    plan, doings, monday = _planned_doings(plan_file, catalogue)
    explicit = plan.start is not None

    @st.composite
    def files(draw: st.DrawFn) -> syntax.PlanFile:
        return _log(draw, plan, doings, monday, explicit)

    return files()


def log_text(log_file: syntax.PlanFile) -> str:
    """A generated log file as text, laid out by the formatter (`format_tree`)."""
    from .formatter import format_tree

    return format_tree(log_file)


def log_sources(plan_file: syntax.PlanFile,
                catalogue: Catalogue | None = None) -> st.SearchStrategy[str]:
    """`logs(plan_file)` as source text, in the layout `workoutlang fmt` writes."""
    return logs(plan_file, catalogue).map(log_text)
