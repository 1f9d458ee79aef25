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
    LoadKind,
    PrescriptionKind,
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
class Prescription:
    """What to do: `3x8`, `3x8-12`, `3x45s`, `3xmax`, or a bare per-round `10` / `45s`.

    `sets` is None for a bare prescription. `kind` is "reps", "time" or "max".
    """

    kind: PrescriptionKind
    sets: int | None
    reps_min: int | None
    reps_max: int | None
    duration: Duration | None
    text: str


# --- modifiers: each may appear at most once on a line (WOL004) -------------


@attrs.frozen
class Load:
    """`@ 40kg`, `@ bw`, `@ bw+10kg`, `@ 70%1rm`, `@ rpe 7`, `@ rir 2`, `@ band:medium`.

    kind: "weight", "bodyweight", "percent_1rm", "rpe", "rir" or "band".
    amount: the number written (kg or lb for weights, extra weight for bw+),
    unit: "kg" or "lb" where a weight is given, level: the band's level.
    """

    kind: LoadKind
    amount: float | None
    unit: Unit | None
    level: str | None
    text: str


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
    duration: Duration


@attrs.frozen
class Progress:
    """`progress +2.5kg/week`: amount per week in `unit` (kg, lb, rep, s, set)."""

    amount: float
    unit: ProgressUnit
    text: str


@attrs.frozen
class Note:
    text: str


Modifier = Load | Tempo | Side | Rest | Progress | Note


@attrs.frozen
class ExerciseLine:
    """`NAME PRESCRIPTION MODIFIER*`; modifiers kept in source order, duplicates too.

    The line's positions are its `file`, `line` and `columns`: the start and
    end column of the name, of the prescription and of each modifier in turn
    (1-based, end exclusive). The span properties and `span_of` turn them into
    spans on demand.
    """

    name: str
    prescription: Prescription
    modifiers: tuple[Modifier, ...]
    file: str | None
    line: int
    columns: tuple[int, ...]

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
    def note(self) -> Note | None:
        return self._first(Note)

    def _span(self, index: int) -> Span:
        start, end = self.columns[2 * index:2 * index + 2]
        return Span(self.file, self.line, start, self.line, end)

    @property
    def span(self) -> Span:
        """The whole line, from the name to the end of the last modifier."""
        return Span(self.file, self.line, self.columns[0], self.line, self.columns[-1])

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


SessionItem = ExerciseLine | Block


@attrs.frozen
class Session:
    """`session NAME [on DAY, DAY…]:` with its exercises and blocks."""

    name: str
    days: tuple[Day, ...]
    items: tuple[SessionItem, ...]
    span: Span

    @property
    def extent(self) -> Span:
        return self.span.to(self.items[-1].extent) if self.items else self.span

    def exercise_lines(self) -> Iterator[ExerciseLine]:
        """Every exercise line of the session, blocks flattened, in source order."""
        for item in self.items:
            if isinstance(item, Block):
                yield from item.items
            else:
                yield item


@attrs.frozen
class Day:
    """A weekday as written; checks validate it against mon…sun."""

    name: str
    span: Span


@attrs.frozen
class Week:
    """`week N[-M] [deload [P%]]:` holding the sessions of those weeks."""

    first: int
    last: int
    deload: Deload | None
    sessions: tuple[Session, ...]
    span: Span

    @property
    def extent(self) -> Span:
        return self.span.to(self.sessions[-1].extent) if self.sessions else self.span


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


PlanOption = WeeksOption | UnitsOption | StartOption | DeloadEveryOption


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
    def extent(self) -> Span:
        ends = [s.extent for s in self.sessions] + [w.extent for w in self.weeks]
        return self.span.to(max(ends, key=lambda e: e.end_line)) if ends else self.span

    def all_sessions(self) -> Iterator[Session]:
        """Template sessions and the sessions of every week block."""
        yield from self.sessions
        for week in self.weeks:
            yield from week.sessions


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


@attrs.frozen
class PlanFile:
    """A whole `.wol` file: its plans, exercise definitions and comments."""

    plans: tuple[Plan, ...]
    exercises: tuple[ExerciseDef, ...]
    comments: tuple[Comment, ...]
    filename: str | None
