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
  per week` sessions and supplement plans (docs/strategies.md). `v2=False`
  keeps to the language v1.
- `plan_sources()`: the same plans as formatted source text.
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
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from . import syntax
from .catalogue import TAGS, Catalogue, Exercise, load_catalogue
from .checks.lines import side_word
from .checks.weeks import week_volumes
from .expand import expand
from .spelling import (
    duration,
    load_text,
    prescription_text,
    progress_text,
    tempo_text,
)
from .syntax import Span
from .vocabulary import (
    BAND_LEVELS,
    BLOCK_KINDS,
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
    "DAYS", "NO_SPAN", "any_plan_sources", "exercise_line_nowhere", "exercise_lines",
    "exercises", "plan_sources",
    "plans", "sessions",
]

NO_SPAN = Span(None, 1, 1, 1, 1)
"""The span of every generated node: neutral and meaningless."""


def exercise_line_nowhere(name: str, prescription: syntax.Prescription,
                          modifiers: tuple[syntax.Modifier, ...]) -> syntax.ExerciseLine:
    """An exercise line whose parts all stand at `NO_SPAN`."""
    return syntax.ExerciseLine(name, prescription, modifiers, None, 1,
                               (1,) * (4 + 2 * len(modifiers)))

# A count given as a number, an inclusive (low, high) range or a strategy.
Count = int | tuple[int, int] | st.SearchStrategy[int]

# The work every week needs (WOL101, WOL102, WOL104, WOL107): one of each tag set.
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
                 double: bool = False) -> syntax.Progress:
    """`+2.5kg/week`, `+2.5kg/session`, `+5kg/cycle`; a double progression's default
    period, each session, is not written (`progress double +2kg`): the text is what
    follows the keyword, as the parser keeps it."""
    text = progress_text(amount, unit, period, double).removeprefix(f"{DOUBLE_KEYWORD} ")
    return syntax.Progress(amount, unit, text, period, double)


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
_REST = st.sampled_from(_RESTS)
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
        return _progression(draw(_LOAD_STEP), unit, period)
    if len(groups) > 1 or prescription.sets is None:
        return None
    if prescription.kind == "reps" and more_reps:
        return _progression(draw(_REP_STEP), "rep", period)
    if prescription.kind == "time":
        return _progression(draw(_TIME_STEP), "s", period)
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
        modifiers.append(syntax.Rest(_duration(draw(_REST))))
    if "progress" in wanted:
        more_reps = "quad_dominant" not in exercise.tags
        groups = scheme or (syntax.SetGroup(prescription, load, NO_SPAN, None),)
        progress = _progress(draw, groups, more_reps, style)
        if progress is not None:
            modifiers.append(progress)
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

Item = syntax.ExerciseLine | syntax.Block | syntax.Wave


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
                    options.append(syntax.Rest(_duration(draw(_REST))))
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
        modifiers.append(syntax.Rest(_duration(draw(_REST))))
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
        for pool in pools.required:
            placed[draw(where)].append(list(draw(pool.lines(unit, False, style))))
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
