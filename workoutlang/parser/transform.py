"""Tokens → syntax nodes, built by the inline transformer as the LALR parser reduces.

Spans come from the tokens, shifted by the line offset of the chunk being
parsed (`where`). Values (prescriptions, loads, tempos…) are cached and
shared, so every `3x8` of a file is one object. Where the grammar fixes a
token's text to words of the vocabulary, the value takes it as that word.
"""

from __future__ import annotations

import contextvars
import functools
import re
import sys
from typing import Any, TypeVar, cast

import attrs
from lark import Token, Transformer

from .. import syntax
from ..limits import ABSURD, MAX_DIGITS
from ..syntax import Span
from ..vocabulary import (
    AMRAP_MARK,
    DISTANCE_UNITS,
    DURATION_UNITS,
    EFFORT_WORDS,
    EXPLOSIVE,
    LAP_WORD,
    MAX_WORD,
    PERCENT_1RM_SUFFIX,
    PERCENT_TM_SUFFIX,
    PROGRESS_PERIODS,
    PROGRESS_UNIT_SPELLINGS,
    SETS_SEPARATOR,
    BlockKind,
    EffortKind,
    LoadKind,
    ProgressPeriod,
    PropertyKey,
    SideWord,
    Unit,
)

V = TypeVar("V")

# (file name, line offset) of the chunk being parsed; the transformer puts both in spans.
# A context variable: each thread (and each asyncio task) sees its own.
where: contextvars.ContextVar[tuple[str | None, int]] = contextvars.ContextVar(
    "where", default=(None, 0))


def _span(first: Token, last: Token | None = None) -> Span:
    """The span from the start of token `first` to the end of `last`."""
    file, offset = where.get()
    last = first if last is None else last
    line = (first.line or 0) + offset
    end_line = line if last.end_line == first.line else (last.end_line or 0) + offset
    return Span(file, line, first.column or 0, end_line, last.end_column or 0)


# A value with the columns it spans on its line, for the node that holds it.
_Placed = tuple[Any, int, int]


def _placed(value: Any, first: Token, last: Token) -> _Placed:
    return value, first.column or 0, last.end_column or 0


_SHARED: dict[Any, Any] = {}
MAX_SHARED = 1 << 16


def _share(value: V) -> V:
    """One object for all equal values (modifier tuples, column tuples): most
    lines of a plan repeat a few of them, and a parsed file stays small.

    No lock, on purpose (this runs for every line): each step is one dict
    operation, atomic under the GIL and in free-threaded builds. A race can
    only return an equal object that is not the shared one, which costs
    sharing, never correctness."""
    found = _SHARED.get(value)
    if found is None:
        if len(_SHARED) >= MAX_SHARED:
            _SHARED.clear()  # the values are immutable: forgetting only costs sharing
        _SHARED[value] = found = value
    return found


def _int(text: str) -> int:
    return int(text) if len(text) <= MAX_DIGITS else ABSURD


def _number(text: str) -> float:
    whole = text.split(".")[0]
    return float(text) if len(whole) <= MAX_DIGITS else float(ABSURD)


def _longest_first(words: object) -> str:
    return "|".join(sorted(map(str, words), key=len, reverse=True))  # type: ignore[call-overload]


_DURATION_PART = re.compile(f"([0-9]+)({_longest_first(DURATION_UNITS)})")
_DISTANCE = re.compile(f"([0-9]+(?:\\.[0-9]+)?)({_longest_first(DISTANCE_UNITS)})")
# `40m` is metres where a prescription stands, minutes (the old spelling) in a rest
_METRES_ONLY = re.compile("[0-9]+m")


def duration(text: str) -> syntax.Duration:
    """`1min30s` (or the old `1m30s`) → Duration(90, "1min30s")."""
    seconds = sum(_int(n) * DURATION_UNITS[unit] for n, unit in _DURATION_PART.findall(text))
    return syntax.Duration(min(seconds, ABSURD), text)


def distance(text: str) -> syntax.Distance:
    """`40m` → Distance(40.0, "40m"); `50yd` → Distance(45.72, "50yd")."""
    match = _DISTANCE.fullmatch(text)
    assert match is not None  # the terminals' regexes guarantee it
    metres = _number(match.group(1)) * DISTANCE_UNITS[match.group(2)]
    return syntax.Distance(min(metres, float(ABSURD)), text)


def _is_time(amount: str) -> bool:
    """Whether the amount of a prescription is a time: it ends in s, h or min, or has
    hours. Otherwise a unit at its end is a distance (`40m` is metres)."""
    return amount.endswith(("s", "h", "min")) or "h" in amount


def _prescription_of(kind: str, text: str) -> syntax.Prescription:
    """The value of a PRESCRIPTION, INT, DURATION or DISTANCE token; cached, so that
    every `3x8` of a file is one object."""
    if kind == "INT":
        return syntax.Prescription("reps", None, _int(text), _int(text), None, text)
    if kind == "DISTANCE" or (kind == "DURATION" and _METRES_ONLY.fullmatch(text)):
        return syntax.Prescription("distance", None, None, None, None, text, distance(text))
    if kind == "DURATION":
        return syntax.Prescription("time", None, None, None, duration(text), text)
    sets_text, amount = text.split(SETS_SEPARATOR, 1)
    sets = _int(sets_text)
    if amount == MAX_WORD:
        return syntax.Prescription("max", sets, None, None, None, text)
    if amount.endswith(AMRAP_MARK):
        least = _int(amount[:-1])
        return syntax.Prescription("max", sets, least, None, None, text)
    if _is_time(amount):
        return syntax.Prescription("time", sets, None, None, duration(amount), text)
    if not amount[-1].isdigit():
        return syntax.Prescription("distance", sets, None, None, None, text, distance(amount))
    low, _, high = amount.partition("-")
    return syntax.Prescription("reps", sets, _int(low), _int(high or low), None, text)


def _load_of(kind: str, words: tuple[str, ...]) -> syntax.Load:
    """The value of `@ …` from the kind of its first token and the words after `@`."""
    effort = None
    text = "".join(words)
    if kind not in ("RPE", "RIR") and len(words) > 2 and words[-2].lower() in EFFORT_WORDS:
        effort = syntax.Effort(cast(EffortKind, words[-2].lower()), _number(words[-1]))
        text = f"{''.join(words[:-2])} {words[-2]} {words[-1]}"
        words = words[:-2]
    head = words[0]
    if kind == "WEIGHT":
        return syntax.Load("weight", _number(head[:-2]), cast(Unit, head[-2:]), None, text,
                           effort)
    if kind == "BW":
        if len(words) > 1:
            weight = words[2]
            return syntax.Load("bodyweight", _number(weight[:-2]), cast(Unit, weight[-2:]),
                               None, text, effort)
        return syntax.Load("bodyweight", None, None, None, text, effort)
    if kind == "PERCENT_1RM":
        return syntax.Load("percent_1rm", _number(head[:-len(PERCENT_1RM_SUFFIX)]), None, None,
                           text, effort)
    if kind == "PERCENT_TM":
        return syntax.Load("percent_tm", _number(head[:-len(PERCENT_TM_SUFFIX)]), None, None,
                           text, effort)
    if kind == "PERCENT":  # `@ 70%` is short for `@ 70%1rm`
        return syntax.Load("percent_1rm", _number(head[:-1]), None, None, text, effort)
    if kind == "BAND":
        return syntax.Load("band", None, None, words[2], text)
    word = head.lower()
    assert word in EFFORT_WORDS  # RPE or RIR: the grammar spells them so
    return syntax.Load(cast(LoadKind, word), _number(words[1]), None, None,
                       f"{head} {words[1]}")


_EXPLOSIVE = (EXPLOSIVE, EXPLOSIVE.upper())


def _tempo_of(text: str) -> syntax.Tempo:
    parts = tuple(None if p in _EXPLOSIVE else _int(p) for p in text.split("-"))
    return syntax.Tempo(parts, text)


def _rounds_of(text: str) -> syntax.Rounds:
    return syntax.Rounds(_int(text))


def _side_of(text: str) -> syntax.Side:
    return syntax.Side(cast(SideWord, text))  # a SIDE token: one of SIDES


def _note_of(text: str) -> syntax.Note:
    return syntax.Note(text)


def _rest_of(text: str) -> syntax.Rest:
    """`90s`, or `lap`: until the lap button (a LAP token: the grammar spells it)."""
    return syntax.Rest(None if text == LAP_WORD else duration(text))


_PROGRESS = re.compile(
    rf"\+([0-9]+(?:\.[0-9]+)?)({_longest_first(PROGRESS_UNIT_SPELLINGS)})"
    rf"(?:/({'|'.join(PROGRESS_PERIODS)}))?")


def _progress_of(text: str, double: bool = False, if_done: bool = False) -> syntax.Progress:
    """`+2.5kg/week`; a double progression steps each session unless told."""
    match = _PROGRESS.fullmatch(text)
    assert match is not None  # the terminal's regex guarantees it
    period = cast("ProgressPeriod | None", match.group(3))
    if double and period is None:
        period = "session"
    return syntax.Progress(_number(match.group(1)), PROGRESS_UNIT_SPELLINGS[match.group(2)],
                           text, period, double, if_done)


# Cached by text, so that every `3x8` of a file is one object. The functions stay
# undecorated so that mutation testing (tests/README.md) can reach them.
_prescription = functools.lru_cache(maxsize=4096)(_prescription_of)
_load = functools.lru_cache(maxsize=4096)(_load_of)
_tempo = functools.lru_cache(maxsize=4096)(_tempo_of)
_rounds = functools.lru_cache(maxsize=4096)(_rounds_of)
_side = functools.lru_cache(maxsize=4096)(_side_of)
_note = functools.lru_cache(maxsize=4096)(_note_of)
_rest = functools.lru_cache(maxsize=4096)(_rest_of)
_progress = functools.lru_cache(maxsize=4096)(_progress_of)


@attrs.frozen
class _NextGroup:
    """`, 3x5`: where the next group of a set scheme starts."""

    token: Token


def _segments(rest: list[Any]) -> list[tuple[_NextGroup | None, list[Any]]]:
    """What follows a line's first prescription, cut where each next group starts:
    (the group's start, or None for the first group; what is written after it)."""
    segments: list[tuple[_NextGroup | None, list[Any]]] = [(None, [])]
    for item in rest:
        if type(item) is _NextGroup:
            segments.append((item, []))
        else:
            segments[-1][1].append(item)
    return segments


def _modifiers(written: list[Any]) -> list[_Placed]:
    """The modifiers of a line or a wave's header, placed; a side is a bare SIDE token
    (no rule of its own: one reduction less)."""
    return [_placed(_side(str(m)), m, m) if type(m) is Token else m for m in written]


def _group(token: Token, load: _Placed | None, line: int) -> syntax.SetGroup:
    """A group of a set scheme on `line` of the file, with its spans."""
    file = where.get()[0]
    return syntax.SetGroup(
        _prescription(token.type, str(token)), load[0] if load else None,
        Span(file, line, token.column or 0, line, token.end_column or 0),
        Span(file, line, load[1], line, load[2]) if load else None)


class ToTree(Transformer[Token, Any]):
    """Builds syntax nodes as the LALR parser reduces; spans come from tokens.
    Holds no state: each thread's parser has its own instance all the same."""

    def start(self, children: list[Any]) -> syntax.PlanFile:
        plans = tuple(c for c in children if isinstance(c, syntax.Plan))
        defs = tuple(c for c in children if isinstance(c, syntax.ExerciseDef))
        logs = tuple(c for c in children if isinstance(c, syntax.Log))
        return syntax.PlanFile(plans, defs, (), where.get()[0], logs)

    # plans
    def plan(self, children: list[Any]) -> syntax.Plan:
        header, *items = children
        name, options, span = header
        return syntax.Plan(
            name, options,
            tuple(i for i in items if isinstance(i, syntax.Session)),
            tuple(i for i in items if isinstance(i, syntax.Week)), span,
            tuple(i for i in items if isinstance(i, syntax.Rotation)),
            tuple(i for i in items if isinstance(i, syntax.MaxLine)))

    def plan_header(self, children: list[Any]) -> tuple[str, tuple[Any, ...], Span]:
        name = str(children[1])[1:-1]
        options = tuple(c for c in children[2:-1])
        return name, options, _span(children[0], children[-1])

    def weeks_option(self, c: list[Token]) -> syntax.WeeksOption:
        return syntax.WeeksOption(_int(c[1]), _span(c[0], c[-1]))

    def units_option(self, c: list[Token]) -> syntax.UnitsOption:
        return syntax.UnitsOption(cast(Unit, str(c[1])), _span(c[0], c[-1]))  # a UNIT token

    def start_option(self, c: list[Token]) -> syntax.StartOption:
        return syntax.StartOption(str(c[1]), _span(c[0], c[-1]))

    def deload_every_option(self, c: list[Token]) -> syntax.DeloadEveryOption:
        percent = _number(c[4][:-1]) if len(c) > 4 else None
        return syntax.DeloadEveryOption(_int(c[2]), percent, _span(c[0], c[-1]))

    def cycle_option(self, c: list[Token]) -> syntax.CycleOption:
        return syntax.CycleOption(_int(c[1]), _span(c[0], c[-1]))

    def round_option(self, c: list[Token]) -> syntax.RoundOption:
        weight = str(c[1])
        return syntax.RoundOption(_number(weight[:-2]), cast(Unit, weight[-2:]),
                                  _span(c[0], c[-1]))

    def supplement_option(self, c: list[Token]) -> syntax.SupplementOption:
        return syntax.SupplementOption(_span(c[0]))

    def max_line(self, children: list[Any]) -> syntax.MaxLine:
        (name, name_span, load, load_span, span), *placed = children
        file, offset = where.get()
        line = span.line
        spans = tuple(Span(file, line, start, line, end) for _, start, end in placed)
        return syntax.MaxLine(name, name_span, load, load_span,
                              tuple(value for value, _, _ in placed), spans,
                              span.to(spans[-1]) if spans else span)

    def max_header(self, c: list[Token]) -> tuple[str, Span, syntax.Load, Span, Span]:
        return (sys.intern(str(c[1])), _span(c[1]), _load("WEIGHT", (str(c[2]),)),
                _span(c[2]), _span(c[0], c[-1]))

    def tm(self, c: list[Token]) -> _Placed:
        return _placed(_number(str(c[1])[:-1]), c[0], c[-1])

    def week(self, children: list[Any]) -> syntax.Week:
        (first, last, deload, span), *items = children
        return syntax.Week(first, last, deload,
                           tuple(i for i in items if isinstance(i, syntax.Session)), span,
                           tuple(i for i in items if isinstance(i, syntax.Rotation)))

    def week_header(self, c: list[Any]) -> tuple[int, int, syntax.Deload | None, Span]:
        low, _, high = str(c[1]).partition("-")
        deload = c[2] if isinstance(c[2], syntax.Deload) else None
        return _int(low), _int(high or low), deload, _span(c[0], c[-1])

    def bare_week_header(self, c: list[Any]) -> tuple[int, int, syntax.Deload | None, Span]:
        low, _, high = str(c[1]).partition("-")
        deload: syntax.Deload = c[2]
        return _int(low), _int(high or low), deload, _span(c[0]).to(deload.span)

    def deload(self, c: list[Token]) -> syntax.Deload:
        percent = _number(c[1][:-1]) if len(c) > 1 else None
        return syntax.Deload(percent, _span(c[0], c[-1]))

    def rotation(self, children: list[Any]) -> syntax.Rotation:
        (days, span), *sessions = children
        return syntax.Rotation(days, tuple(sessions), span)

    def rotation_header(self, c: list[Any]) -> tuple[tuple[syntax.Day, ...], Span]:
        return tuple(x for x in c if isinstance(x, syntax.Day)), _span(c[0], c[-1])

    def session(self, children: list[Any]) -> syntax.Session:
        (name, days, per_week, span), *items = children
        return syntax.Session(name, days, tuple(items), span, per_week)

    def session_header(self, c: list[Any]
                       ) -> tuple[str, tuple[syntax.Day, ...], syntax.PerWeek | None, Span]:
        days = tuple(x for x in c if isinstance(x, syntax.Day))
        per_week = next((x for x in c if isinstance(x, syntax.PerWeek)), None)
        return str(c[1])[1:-1], days, per_week, _span(c[0], c[-1])

    def per_week(self, c: list[Token]) -> syntax.PerWeek:
        low, _, high = str(c[0]).partition("-")
        return syntax.PerWeek(_int(low), _int(high or low), _span(c[0], c[-1]))

    def day(self, c: list[Token]) -> syntax.Day:
        return syntax.Day(str(c[0]), _span(c[0]))

    def block(self, children: list[Any]) -> syntax.Block:
        (kind, options, option_spans, span), *items = children
        return syntax.Block(kind, options, option_spans, tuple(items), span)

    def block_header(self, c: list[Any]
                     ) -> tuple[BlockKind, tuple[Any, ...], tuple[Span, ...], Span]:
        file, offset = where.get()
        line = (c[0].line or 0) + offset
        placed: list[_Placed] = c[1:-1]
        return (cast(BlockKind, str(c[0])),  # a BLOCK_KIND token: one of BLOCK_KINDS
                tuple(value for value, _, _ in placed),
                tuple(Span(file, line, start, line, end) for _, start, end in placed),
                _span(c[0], c[-1]))

    def rounds(self, c: list[Token]) -> _Placed:
        return _placed(_rounds(str(c[0])), c[0], c[-1])

    # exercise lines: modifiers come with their columns, which the line keeps
    def exercise_line(self, c: list[Any]) -> syntax.ExerciseLine:
        name, prescription, *rest = c
        segments = _segments(rest)
        file, offset = where.get()
        trailing = _modifiers(segments[-1][1])
        scheme: tuple[syntax.SetGroup, ...] = ()
        if len(segments) > 1:  # a set scheme: each group takes the load written after it
            loads = [next((m for m in placed if isinstance(m[0], syntax.Load)), None)
                     for _, placed in segments[:-1]]
            last = next((m for m in trailing if isinstance(m[0], syntax.Load)), None)
            if last is not None:
                trailing.remove(last)
            starts = [prescription, *(g.token for g, _ in segments[1:] if g is not None)]
            scheme = tuple(_group(token, load, name.line + offset)
                           for token, load in zip(starts, [*loads, last], strict=True))
        columns = [name.column, name.end_column, prescription.column, prescription.end_column]
        for _, start, end in trailing:
            columns += (start, end)
        return syntax.ExerciseLine(
            sys.intern(str(name)), _prescription(prescription.type, str(prescription)),
            _share(tuple(value for value, _, _ in trailing)), file, name.line + offset,
            _share(tuple(columns)), scheme,
        )

    def next_group(self, c: list[Token]) -> _NextGroup:
        return _NextGroup(c[-1])

    # waves: each row is a whole line, its name and modifiers on the header
    def wave(self, children: list[Any]) -> syntax.Wave:
        (name, placed, span), *rows = children
        file, offset = where.get()
        modifiers = tuple(value for value, _, _ in placed)
        lines = []
        for groups in rows:
            first = groups[0]
            columns = [name.column, name.end_column, first.span.column, first.span.end_column]
            for _, start, end in placed:
                columns += (start, end)
            lines.append(syntax.ExerciseLine(
                sys.intern(str(name)), first.prescription, modifiers, file, first.span.line,
                tuple(columns), tuple(groups), span.line))
        return syntax.Wave(sys.intern(str(name)), modifiers, tuple(lines), span)

    def wave_header(self, c: list[Any]) -> tuple[Token, list[_Placed], Span]:
        name, _, *placed, colon = c
        modifiers = _modifiers(placed)
        return name, modifiers, _span(name, colon)

    def wave_row(self, c: list[Any]) -> list[syntax.SetGroup]:
        first, *rest = c
        file, offset = where.get()
        line = (first.line or 0) + offset
        segments = _segments(rest)
        starts = [first, *(g.token for g, _ in segments[1:] if g is not None)]
        loads = [next(iter(placed), None) for _, placed in segments]
        return [_group(token, load, line) for token, load in zip(starts, loads, strict=True)]

    def load(self, c: list[Token]) -> _Placed:
        return _placed(_load(c[1].type, tuple(str(t) for t in c[1:])), c[0], c[-1])

    def tempo(self, c: list[Token]) -> _Placed:
        return _placed(_tempo(str(c[1])), c[0], c[-1])

    def rest(self, c: list[Token]) -> _Placed:
        return _placed(_rest(str(c[1])), c[0], c[-1])

    def progress(self, c: list[Token]) -> _Placed:
        value = next(t for t in c if t.type == "PROGRESS")
        kinds = {t.type for t in c}
        return _placed(_progress(str(value), "DOUBLE" in kinds, "IF" in kinds), c[0], c[-1])

    def reset(self, c: list[Token]) -> _Placed:
        return _placed(syntax.Reset(_number(str(c[1])[1:-1]), _int(str(c[3]))), c[0], c[-1])

    # ladders: each rung a whole line, the ladder's prescription and modifiers on the header
    def ladder(self, children: list[Any]) -> syntax.Ladder:
        (prescription, graduate, placed, span, graduate_span), *rungs = children
        file, offset = where.get()
        lines = []
        for name, own in rungs:
            sided = any(isinstance(m[0], syntax.Side) for m in own)
            shared = [m for m in placed if not (sided and isinstance(m[0], syntax.Side))]
            columns = [name.column, name.end_column, prescription.column,
                       prescription.end_column]
            for _, start, end in [*shared, *own]:
                columns += (start, end)
            lines.append(syntax.ExerciseLine(
                sys.intern(str(name)), _prescription(prescription.type, str(prescription)),
                _share(tuple(m[0] for m in [*shared, *own])), file, name.line + offset,
                tuple(columns), (), span.line, tuple(range(1, 2 + len(shared)))))
        return syntax.Ladder(_prescription(prescription.type, str(prescription)),
                             _prescription(graduate.type, str(graduate)),
                             tuple(m[0] for m in placed), tuple(lines), span, graduate_span)

    def ladder_header(self, c: list[Any]) -> tuple[Token, Token, list[_Placed], Span, Span]:
        keyword, prescription, *placed, _, graduate, colon = c
        return (prescription, graduate, _modifiers(placed), _span(keyword, colon),
                _span(graduate))

    def ladder_rung(self, c: list[Any]) -> tuple[Token, list[_Placed]]:
        name, *placed = c
        return name, _modifiers(placed)

    # training logs
    def log(self, children: list[Any]) -> syntax.Log:
        (name, span, name_span), *entries = children
        return syntax.Log(name, tuple(entries), span, name_span)

    def log_header(self, c: list[Token]) -> tuple[str, Span, Span]:
        return str(c[1])[1:-1], _span(c[0], c[-1]), _span(c[1])

    def entry(self, children: list[Any]) -> syntax.Entry:
        if isinstance(children[0], syntax.Entry):
            return children[0]  # a skipped session
        (date, session, span, date_span, session_span), *items = children
        return syntax.Entry(date, session, tuple(items), False, span, date_span, session_span)

    def entry_header(self, c: list[Token]) -> tuple[str, str, Span, Span, Span]:
        return str(c[0]), str(c[1])[1:-1], _span(c[0], c[-1]), _span(c[0]), _span(c[1])

    def skipped_entry(self, c: list[Any]) -> syntax.Entry:
        date, session, skipped, *note = c
        return syntax.Entry(str(date), str(session)[1:-1], (), True, _span(date, skipped),
                            _span(date), _span(session), note[0][0].text if note else None)

    def entry_note(self, c: list[Token]) -> syntax.EntryNote:
        return syntax.EntryNote(str(c[1])[1:-1], _span(c[0], c[1]))

    def done_line(self, c: list[Any]) -> syntax.DoneLine:
        name, first, *rest = c
        file, offset = where.get()
        line = name.line + offset
        if type(first) is Token and first.type == "SKIPPED":
            placed = _modifiers(rest)
            end = max([first.end_column or 0] + [b for _, _, b in placed])
            return syntax.DoneLine(
                sys.intern(str(name)), (), tuple(m[0] for m in placed),
                tuple(Span(file, line, a, line, b) for _, a, b in placed), True,
                Span(file, line, name.column or 0, line, end), _span(name))
        segments = _segments(rest)
        trailing = _modifiers(segments[-1][1])
        loads = [next((m for m in placed if isinstance(m[0], syntax.Load)), None)
                 for _, placed in segments[:-1]] + [None]
        starts = [first, *(g.token for g, _ in segments[1:] if g is not None)]
        groups = tuple(_group(token, load, line) for token, load in zip(starts, loads,
                                                                         strict=True))
        ends = [g.load_span.end_column if g.load_span else g.span.end_column for g in groups]
        ends += [b for _, _, b in trailing]
        return syntax.DoneLine(
            sys.intern(str(name)), groups, tuple(m[0] for m in trailing),
            tuple(Span(file, line, a, line, b) for _, a, b in trailing), False,
            Span(file, line, name.column or 0, line, max(ends)), _span(name))

    def next_done(self, c: list[Token]) -> _NextGroup:
        return _NextGroup(c[-1])

    def note(self, c: list[Token]) -> _Placed:
        return _placed(_note(str(c[1])[1:-1]), c[0], c[-1])

    # exercise definitions
    def exercise_def(self, children: list[Any]) -> syntax.ExerciseDef:
        (name, name_span, span), *properties = children
        return syntax.ExerciseDef(name, name_span, tuple(properties), span)

    def exercise_header(self, c: list[Token]) -> tuple[str, Span, Span]:
        return str(c[1]), _span(c[1]), _span(c[0], c[-1])

    def exercise_property(self, c: list[Token]) -> syntax.ExerciseProperty:
        key, *values = c
        words: list[str] = []
        for v in values:
            if v.type == "STRING":
                words.append(str(v)[1:-1])
            elif v.type == "FIT_NAME":
                words.extend(str(v).split("/"))
            else:
                words.append(str(v))
        # a PROPERTY_KEY token: one of PROPERTY_KEYS
        return syntax.ExerciseProperty(cast(PropertyKey, str(key)), tuple(words),
                                       _span(key, c[-1]))
