"""The syntax tree: one frozen attrs class per node, with source positions.

The parser builds these; every later stage (checks, expansion, backends, the
formatter, the language server) reads them and never sees a Lark tree.
Headers of blocks (plan, week, session, superset…) carry the span of their
header line; `extent` gives the whole block for outlines and folding.

Values (a prescription, a load, a rest…) carry no position: the same few
values recur on thousands of lines, so the parser shares one object between
them, and the node that holds a value knows where it stands
(`ExerciseLine.span_of(line.load)`, `Block.option_span(i)`). That keeps a
parsed file within a few times its size in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

import attrs

from .vocabulary import (
    BlockKind,
    EffortKind,
    LoadKind,
    PrescriptionKind,
    ProgressPeriod,
    ProgressUnit,
    PropertyKey,
    SideWord,
    Unit,
)

T = TypeVar("T")


@attrs.frozen
class Span:
    """A range in a source file; lines and columns are 1-based, end exclusive."""

    file: str | None
    line: int
    column: int
    end_line: int
    end_column: int

    def to(self, other: Span) -> Span:
        """The span from the start of this one to the end of `other`."""
        return Span(self.file, self.line, self.column, other.end_line, other.end_column)

    @property
    def location(self) -> str:
        return f"{self.file or '<input>'}:{self.line}:{self.column}"


# --- values -----------------------------------------------------------------


@attrs.frozen
class Duration:
    """A length of time as written (`1m30s`) and in seconds."""

    seconds: int
    text: str


@attrs.frozen
class Distance:
    """A distance as written (`40m`, `1km`, `50yd`) and in metres."""

    metres: float
    text: str


@attrs.frozen
class Prescription:
    """What to do: `3x8`, `3x8-12`, `3x45s`, `3xmax`, `1x5+`, `3x40m`, or a bare
    per-round `10` / `45s` / `40m`.

    `sets` is None for a bare prescription. `kind` is "reps", "time", "max" or
    "distance"; a "max" (as many as possible) has `reps_min` when it has a minimum
    (`1x5+`: 5), else None.
    """

    kind: PrescriptionKind
    sets: int | None
    reps_min: int | None
    reps_max: int | None
    duration: Duration | None
    text: str
    distance: Distance | None = None


# --- modifiers: each may appear at most once on a line (WOL004) -------------


@attrs.frozen
class Effort:
    """`rpe 8` or `rir 2` written beside a load: `@ 80kg rpe 8`."""

    kind: EffortKind
    amount: float


@attrs.frozen
class Load:
    """`@ 40kg`, `@ bw`, `@ bw+10kg`, `@ 70%1rm` (or `70%`), `@ 85%tm`, `@ rpe 7`,
    `@ rir 2`, `@ band:medium`, and a weight or percentage with an effort,
    `@ 80kg rpe 8`.

    kind: "weight", "bodyweight", "percent_1rm", "percent_tm", "rpe", "rir" or "band".
    amount: the number written (kg or lb for weights, extra weight for bw+, the
    percentage), unit: "kg" or "lb" where a weight is given, level: the band's level.
    """

    kind: LoadKind
    amount: float | None
    unit: Unit | None
    level: str | None
    text: str
    effort: Effort | None = None


@attrs.frozen
class Tempo:
    """`tempo 3-1-1`: seconds per phase; None stands for `x` (explosive)."""

    parts: tuple[int | None, ...]
    text: str


@attrs.frozen
class Side:
    """`each_leg`, `each_side`, `left` or `right`."""

    value: SideWord


@attrs.frozen
class Rest:
    """`rest 90s`, or `rest lap`: `duration` None, the rest lasts until the athlete
    presses the lap button (its length is not known)."""

    duration: Duration | None

    @property
    def lap(self) -> bool:
        return self.duration is None


@attrs.frozen
class Progress:
    """`progress +2.5kg/week`: `amount` in `unit` (kg, lb, rep, s, set, %1rm, %tm)
    each `period` (week, session, cycle; None: not written, WOL003 unless `double`).
    `double`: `progress double +2kg` — reps climb the line's range a step at a
    time, then the load rises by `amount` and the reps start again. `if_done`:
    `… if done` — a step only where the training log shows the line done."""

    amount: float
    unit: ProgressUnit
    text: str
    period: ProgressPeriod | None = "week"
    double: bool = False
    if_done: bool = False


@attrs.frozen
class Reset:
    """`reset -10% after 2 misses`: after `misses` misses in a row in the training
    log, the progressed value is cut by `percent`."""

    percent: float
    misses: int


@attrs.frozen
class Note:
    text: str


Modifier = Load | Tempo | Side | Rest | Progress | Reset | Note


@attrs.frozen
class SetGroup:
    """One group of a set scheme: `1x5 @ 80kg rpe 8` in
    `bench_press 1x5 @ 80kg rpe 8, 3x5 @ 70kg`. Carries its own spans: groups
    are rare enough that sharing does not matter, and a wave's rows stand on
    other lines than their header."""

    prescription: Prescription
    load: Load | None
    span: Span  # the prescription
    load_span: Span | None


@attrs.frozen
class ExerciseLine:
    """`NAME GROUP (, GROUP)* MODIFIER*`; modifiers kept in source order, duplicates too.

    A one-group line (v1) has `scheme == ()`: `prescription` and the `@` among the
    modifiers are its group. A set scheme has every group in `scheme`, the last
    group's load there and not among the modifiers; `prescription` is the first
    group's. `groups` gives the groups either way.

    The line's positions are its `file`, `line` and `columns`: the start and
    end column of the name, of the prescription and of each modifier in turn
    (1-based, end exclusive). The span properties and `span_of` turn them into
    spans on demand. A wave's row is a line whose name and modifiers stand on
    the wave's header, `header_line`, and its groups on `line`. A ladder's rung
    is the other way round: its name and own modifiers on `line`, the ladder's
    prescription and modifiers on `header_line`; `header_parts` says which parts
    (0 the name, 1 the prescription, 2… the modifiers) stand on `header_line`
    (None: a wave's row, where all but the prescription do).
    """

    name: str
    prescription: Prescription
    modifiers: tuple[Modifier, ...]
    file: str | None
    line: int
    columns: tuple[int, ...]
    scheme: tuple[SetGroup, ...] = ()
    header_line: int | None = None
    header_parts: tuple[int, ...] | None = None

    @classmethod
    def nowhere(cls, name: str, prescription: Prescription,
                modifiers: tuple[Modifier, ...]) -> ExerciseLine:
        """A line built, not read: no file, every part at line 1, column 1 (for trees
        made in code, such as the Hypothesis strategies' plans)."""
        return cls(name, prescription, modifiers, None, 1, (1,) * (4 + 2 * len(modifiers)))

    @property
    def loads(self) -> tuple[Load | None, ...]:
        """The load of each set group, in order; unlike `groups`, builds no spans (this
        is on the hot paths of checks and expansion)."""
        return tuple(g.load for g in self.scheme) if self.scheme else (self.load,)

    @property
    def prescriptions(self) -> tuple[Prescription, ...]:
        """The prescription of each set group, in order, without spans."""
        return tuple(g.prescription for g in self.scheme) if self.scheme else (
            self.prescription,)

    @property
    def groups(self) -> tuple[SetGroup, ...]:
        """The set groups, in order: one for a v1 line."""
        if self.scheme:
            return self.scheme
        load = self.load
        return (SetGroup(self.prescription, load, self.prescription_span,
                         self.span_of(load) if load is not None else None),)

    def _first(self, kind: type[T]) -> T | None:
        for modifier in self.modifiers:  # a plain loop: this is on every hot path
            if type(modifier) is kind:
                return modifier
        return None

    @property
    def load(self) -> Load | None:
        return self._first(Load)

    @property
    def tempo(self) -> Tempo | None:
        return self._first(Tempo)

    @property
    def side(self) -> Side | None:
        return self._first(Side)

    @property
    def rest(self) -> Rest | None:
        return self._first(Rest)

    @property
    def progress(self) -> Progress | None:
        return self._first(Progress)

    @property
    def reset(self) -> Reset | None:
        return self._first(Reset)

    @property
    def note(self) -> Note | None:
        return self._first(Note)

    def _on_header(self, index: int) -> bool:
        if self.header_line is None:
            return False
        return index != 1 if self.header_parts is None else index in self.header_parts

    def _span(self, index: int) -> Span:
        start, end = self.columns[2 * index:2 * index + 2]
        line = self.header_line if self._on_header(index) else self.line
        return Span(self.file, line or self.line, start, line or self.line, end)

    @property
    def span(self) -> Span:
        """The whole line, from the name to the end of the last modifier (a wave's
        row: its groups)."""
        if self.header_parts is not None:  # a rung: its own line
            ends = [self.columns[2 * i + 1] for i in range(len(self.columns) // 2)
                    if not self._on_header(i)]
            return Span(self.file, self.line, self.columns[0], self.line, max(ends))
        if self.header_line is not None:
            return self.scheme[0].span.to(self.scheme[-1].load_span or self.scheme[-1].span)
        end = self.columns[-1]
        if self.scheme:
            last = self.scheme[-1]
            end = max(end, (last.load_span or last.span).end_column)
        return Span(self.file, self.line, self.columns[0], self.line, end)

    @property
    def name_span(self) -> Span:
        return self._span(0)

    @property
    def prescription_span(self) -> Span:
        return self._span(1)

    def modifier_span(self, index: int) -> Span:
        """The span of `modifiers[index]`."""
        return self._span(2 + index)

    def span_of(self, part: Prescription | Modifier) -> Span:
        """The span of the prescription or of a modifier of this line (the first
        one, when the same modifier is written twice)."""
        if part is self.prescription:
            return self.prescription_span
        for index, modifier in enumerate(self.modifiers):
            if modifier is part:
                return self.modifier_span(index)
        raise ValueError(f"{part!r} is not part of this line")

    @property
    def extent(self) -> Span:
        return self.span


@attrs.frozen
class Block:
    """`warmup:`, `cooldown:`, `superset [N rounds] [rest D]:`, `circuit N rounds [rest D]:`.

    `options` are kept raw (Rounds and Rest, in source order) so that checks can
    report duplicates; use the properties. `option_spans` holds their spans.
    """

    kind: BlockKind
    options: tuple[Rounds | Rest, ...]
    option_spans: tuple[Span, ...]
    items: tuple[ExerciseLine, ...]
    span: Span

    def option_span(self, option: Rounds | Rest) -> Span:
        """The span of one of `options` (the first, when it is written twice)."""
        for index, candidate in enumerate(self.options):
            if candidate is option:
                return self.option_spans[index]
        raise ValueError(f"{option!r} is not an option of this block")

    @property
    def rounds(self) -> int | None:
        return next((o.count for o in self.options if isinstance(o, Rounds)), None)

    @property
    def rest(self) -> Rest | None:
        return next((o for o in self.options if isinstance(o, Rest)), None)

    @property
    def extent(self) -> Span:
        return self.span.to(self.items[-1].extent) if self.items else self.span


@attrs.frozen
class Rounds:
    count: int


@attrs.frozen
class Wave:
    """`EXERCISE wave [MODIFIERS]:` and its rows, one set scheme a row: week k of a
    cycle does row k. Each row is a whole ExerciseLine: the wave's name and
    modifiers, whose spans are on the header line (`header_line`), and the row's
    groups in `scheme`, with their own spans."""

    name: str
    modifiers: tuple[Modifier, ...]
    rows: tuple[ExerciseLine, ...]
    span: Span  # the header line

    @property
    def extent(self) -> Span:
        return self.span.to(self.rows[-1].span) if self.rows else self.span

    def row_for(self, week: int, cycle: int | None) -> ExerciseLine:
        """The row week `week` (1-based) does: row k of a cycle, the wave repeating
        when it is shorter than the cycle; without a cycle, the wave is one."""
        length = cycle or len(self.rows)
        return self.rows[((week - 1) % length) % len(self.rows)]


@attrs.frozen
class Ladder:
    """`ladder 3x5-8 each_leg graduate 3x8:` and its rungs, easiest first: the
    session does the current rung with the ladder's prescription, its reps
    climbing the range; when every set reaches the graduation target, the next
    rung. Each rung is a whole ExerciseLine (see ExerciseLine.header_parts)."""

    prescription: Prescription
    graduate: Prescription
    modifiers: tuple[Modifier, ...]
    rungs: tuple[ExerciseLine, ...]
    span: Span  # the header line
    graduate_span: Span

    @property
    def extent(self) -> Span:
        return self.span.to(self.rungs[-1].span) if self.rungs else self.span


SessionItem = ExerciseLine | Block | Wave | Ladder


@attrs.frozen
class PerWeek:
    """`2 per week` or `1-2 per week`: a session with no fixed days."""

    low: int
    high: int
    span: Span


@attrs.frozen
class Session:
    """`session NAME [on DAY, DAY… | N[-M] per week]:` with its exercises and blocks."""

    name: str
    days: tuple[Day, ...]
    items: tuple[SessionItem, ...]
    span: Span
    per_week: PerWeek | None = None

    @property
    def extent(self) -> Span:
        return self.span.to(self.items[-1].extent) if self.items else self.span

    def exercise_lines(self) -> Iterator[ExerciseLine]:
        """Every exercise line of the session, blocks flattened, each row of a wave
        a line, in source order."""
        for item in self.items:
            if isinstance(item, Block):
                yield from item.items
            elif isinstance(item, Wave):
                yield from item.rows
            elif isinstance(item, Ladder):
                yield from item.rungs
            else:
                yield item


@attrs.frozen
class Rotation:
    """`rotation on DAYS:`: the sessions inside are done in turn, one on each listed
    day, the turn carrying over from week to week."""

    days: tuple[Day, ...]
    sessions: tuple[Session, ...]
    span: Span

    @property
    def extent(self) -> Span:
        return self.span.to(self.sessions[-1].extent) if self.sessions else self.span


@attrs.frozen
class Day:
    """A weekday as written; checks validate it against mon…sun."""

    name: str
    span: Span


@attrs.frozen
class Week:
    """`week N[-M] [deload [P%]]:` holding the sessions of those weeks, or a bare
    `week N[-M] deload [P%]` (no sessions, no rotations): the template, at a deload."""

    first: int
    last: int
    deload: Deload | None
    sessions: tuple[Session, ...]
    span: Span
    rotations: tuple[Rotation, ...] = ()

    @property
    def bare(self) -> bool:
        """A header with no body: the weeks do the plan's template."""
        return not self.sessions and not self.rotations

    @property
    def extent(self) -> Span:
        ends = [s.extent for s in self.sessions] + [r.extent for r in self.rotations]
        return self.span.to(max(ends, key=lambda e: e.end_line)) if ends else self.span


@attrs.frozen
class Deload:
    """A deload: loads and volume drop to `percent` (None: the default, 60 %)."""

    percent: float | None
    span: Span


# --- plan options ----------------------------------------------------------


@attrs.frozen
class WeeksOption:
    count: int
    span: Span


@attrs.frozen
class UnitsOption:
    unit: Unit
    span: Span


@attrs.frozen
class StartOption:
    """The date as written; checks validate it (WOL003)."""

    date: str
    span: Span


@attrs.frozen
class DeloadEveryOption:
    """`deload every K weeks [P%]`."""

    every: int
    percent: float | None
    span: Span


@attrs.frozen
class CycleOption:
    """`cycle N`: weeks a cycle, for waves and `/cycle` progressions."""

    weeks: int
    span: Span


@attrs.frozen
class RoundOption:
    """`round 5lb`: computed weights are rounded to a multiple of this."""

    amount: float
    unit: Unit
    span: Span


@attrs.frozen
class SupplementOption:
    """`supplement`: the plan adds to a running week; whole-week checks skip it."""

    span: Span


PlanOption = (WeeksOption | UnitsOption | StartOption | DeloadEveryOption | CycleOption
              | RoundOption | SupplementOption)


@attrs.frozen
class MaxLine:
    """`max EXERCISE WEIGHT [tm P%] [progress +STEP/cycle|/week]`: a one-rep max and
    its training max (`tm`, a share of the max; None: 100 %). `options` are the tm
    and progress as written, duplicates too (WOL004), with their spans."""

    exercise: str
    exercise_span: Span
    load: Load
    load_span: Span
    options: tuple[float | Progress, ...]
    option_spans: tuple[Span, ...]
    span: Span  # the whole line

    @property
    def tm(self) -> float | None:
        return next((o for o in self.options if not isinstance(o, Progress)), None)

    @property
    def progress(self) -> Progress | None:
        return next((o for o in self.options if isinstance(o, Progress)), None)

    @property
    def extent(self) -> Span:
        return self.span


@attrs.frozen
class Plan:
    """`plan NAME [weeks N] [units kg|lb] [start DATE] [deload every K weeks [P%]]:`.

    `sessions` are the weekly template; `weeks` are the week blocks that
    replace it in the weeks they name.
    """

    name: str
    options: tuple[PlanOption, ...]
    sessions: tuple[Session, ...]
    weeks: tuple[Week, ...]
    span: Span
    rotations: tuple[Rotation, ...] = ()
    maxes: tuple[MaxLine, ...] = ()

    def _first(self, kind: type[T]) -> T | None:
        return next((o for o in self.options if isinstance(o, kind)), None)

    @property
    def week_count(self) -> int:
        option = self._first(WeeksOption)
        return option.count if option else 1

    @property
    def units(self) -> Unit:
        option = self._first(UnitsOption)
        return option.unit if option else "kg"

    @property
    def start(self) -> str | None:
        option = self._first(StartOption)
        return option.date if option else None

    @property
    def deload_every(self) -> DeloadEveryOption | None:
        return self._first(DeloadEveryOption)

    @property
    def cycle(self) -> int | None:
        option = self._first(CycleOption)
        return option.weeks if option else None

    @property
    def round(self) -> RoundOption | None:
        return self._first(RoundOption)

    @property
    def supplement(self) -> bool:
        return self._first(SupplementOption) is not None

    @property
    def extent(self) -> Span:
        ends = ([s.extent for s in self.sessions] + [w.extent for w in self.weeks]
                + [r.extent for r in self.rotations] + [m.span for m in self.maxes])
        return self.span.to(max(ends, key=lambda e: e.end_line)) if ends else self.span

    def all_sessions(self) -> Iterator[Session]:
        """Template sessions, those of its rotations and of every week block."""
        yield from self.sessions
        for rotation in self.rotations:
            yield from rotation.sessions
        for week in self.weeks:
            yield from week.sessions
            for rotation in week.rotations:
                yield from rotation.sessions


# --- exercise definitions --------------------------------------------------


@attrs.frozen
class ExerciseProperty:
    """One line of an `exercise NAME:` block.

    key: "tags", "unilateral", "bilateral", "measure", "fit", "alias" or "note";
    values: the words after it (for `fit`, category and name).
    """

    key: PropertyKey
    values: tuple[str, ...]
    span: Span


@attrs.frozen
class ExerciseDef:
    """`exercise NAME:` defines a new exercise or extends a catalogue one."""

    name: str
    name_span: Span
    properties: tuple[ExerciseProperty, ...]
    span: Span

    def values(self, key: str) -> tuple[str, ...] | None:
        """The values of the first property `key`, or None when absent."""
        return next((p.values for p in self.properties if p.key == key), None)

    @property
    def extent(self) -> Span:
        return self.span.to(self.properties[-1].span) if self.properties else self.span


@attrs.frozen
class Comment:
    """A `#` comment; `own_line` when nothing but indentation precedes it."""

    text: str
    own_line: bool
    span: Span


# --- training logs --------------------------------------------------------


@attrs.frozen
class DoneSet:
    """One set as the log says it was done: reps, seconds or metres, and its load
    (None: at the planned load)."""

    reps: int | None
    seconds: int | None
    metres: float | None
    load: Load | None


@attrs.frozen
class DoneLine:
    """`romanian_deadlift 8, 8, 7 @ 52.5kg rpe 9` or `pallof_press skipped`.

    `groups` are the values as written, each with its own load (`5 @ 100kg`; `3x5`
    is one group of three sets); `modifiers` the line's trailing load, side and
    note, in source order, with their spans."""

    name: str
    groups: tuple[SetGroup, ...]
    modifiers: tuple[Load | Side | Note, ...]
    modifier_spans: tuple[Span, ...]
    skipped: bool
    span: Span
    name_span: Span

    def _first(self, kind: type[T]) -> T | None:
        return next((m for m in self.modifiers if type(m) is kind), None)

    @property
    def load(self) -> Load | None:
        return self._first(Load)

    @property
    def side(self) -> Side | None:
        return self._first(Side)

    @property
    def note(self) -> Note | None:
        return self._first(Note)

    @property
    def sets(self) -> tuple[DoneSet, ...]:
        """Every set done, in order: a group's own load, else the line's."""
        line_load = self.load
        out: list[DoneSet] = []
        for group in self.groups:
            p = group.prescription
            seconds = p.duration.seconds if p.duration else None
            metres = p.distance.metres if p.distance else None
            reps = p.reps_min if p.kind == "reps" else None
            out += [DoneSet(reps, seconds, metres, group.load or line_load)] * (p.sets or 1)
        return tuple(out)


@attrs.frozen
class EntryNote:
    """`note "left knee tight"`: a note on the session as a whole."""

    text: str
    span: Span


@attrs.frozen
class Entry:
    """`2027-03-02 "Lower body + core":` and what was done; or
    `2027-03-04 "Upper body" skipped`, a session not done."""

    date: str  # YYYY-MM-DD as written (WOL003 when it is no real date)
    session: str
    items: tuple[DoneLine | EntryNote, ...]
    skipped: bool
    span: Span  # the header
    date_span: Span
    session_span: Span
    note: str | None = None  # `… skipped note "ill"`

    @property
    def lines(self) -> tuple[DoneLine, ...]:
        return tuple(i for i in self.items if isinstance(i, DoneLine))

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(i.text for i in self.items if isinstance(i, EntryNote))

    @property
    def extent(self) -> Span:
        if not self.items:
            return self.span
        last = self.items[-1]
        return self.span.to(last.span)


@attrs.frozen
class Log:
    """`log "PLAN":` and its entries: what was done of the plan named `plan`."""

    plan: str
    entries: tuple[Entry, ...]
    span: Span  # the header
    name_span: Span

    @property
    def extent(self) -> Span:
        return self.span.to(self.entries[-1].extent) if self.entries else self.span


@attrs.frozen
class PlanFile:
    """A whole `.wol` file: its plans, exercise definitions, training logs and comments."""

    plans: tuple[Plan, ...]
    exercises: tuple[ExerciseDef, ...]
    comments: tuple[Comment, ...]
    filename: str | None
    logs: tuple[Log, ...] = ()
