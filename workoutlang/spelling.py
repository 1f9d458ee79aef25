"""The canonical spelling of every value of the language, written once.

`spell(node)` writes a value node of the syntax tree (a prescription, a
modifier, a block or plan option…) as `workoutlang fmt` writes it, keyword
included: `3x8-12`, `@ bw+10kg`, `tempo 3-1-x`, `rest 1m30s`, `3 rounds`,
`deload every 4 weeks 60%`. It dispatches on the node's class through one
table, `SPELLERS`, and raises `SpellingError` on a class (or a kind of load or
prescription) it does not know: a new value of the language is one entry here,
never a silent fallback elsewhere.

The helpers below it write the bare values that outputs carry without their
keyword (`load_text`, `tempo_text`, `progress_text`, `duration`, `number`,
`prescription_text`); the formatter, the expansion's texts, the JSON target,
`show` and the generators all spell through this module.

It imports only the tree and the vocabulary: the expansion, on the `check`
path, uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from . import syntax
from .vocabulary import (
    BAND_WORD,
    BODYWEIGHT_WORD,
    DAYS_KEYWORD,
    DELOAD_KEYWORD,
    DURATION_UNITS,
    EFFORT_WORDS,
    EVERY_KEYWORD,
    EXPLOSIVE,
    LOAD_KINDS,
    MAX_WORD,
    PERCENT_1RM_SUFFIX,
    PROGRESS_PERIOD,
    PROGRESS_UNIT_SPELLINGS,
    ROUNDS_WORDS,
    SETS_SEPARATOR,
    ModifierKeyword,
    PlanOption,
)

__all__ = [
    "SPELLERS", "SpellingError", "days_text", "duration", "load_text", "number", "percent",
    "prescription_text", "progress_text", "rounds_text", "spell", "tempo_text",
]


class SpellingError(TypeError):
    """A node, or a kind of one, that the language has no spelling for: a bug in
    whatever built it (the parser, a generator, a caller's own tree)."""


# --- numbers and durations ---------------------------------------------------------------


def number(value: float) -> str:
    """40.0 → "40", 2.50 → "2.5", 1e-05 → "0.00001": the shortest exact decimal."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        import decimal  # rare, and ~2 ms of every start when imported at the top

        text = format(decimal.Decimal(text), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def duration(seconds: int) -> str:
    """90 → "1m30s", 3600 → "1h", 0 → "0s": hours, minutes, seconds, zeros left out."""
    parts = []
    for unit, size in DURATION_UNITS.items():  # largest first
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or f"0{next(reversed(DURATION_UNITS))}"


def percent(value: float) -> str:
    """A deload's percentage: `60%`."""
    return f"{number(value)}%"


# --- bare values, as outputs carry them ----------------------------------------------------


def prescription_text(kind: str, sets: int | None, reps_min: int | None,
                      reps_max: int | None, seconds: int | None) -> str:
    """`3x8`, `3x8-12`, `3x45s`, `3xmax`; without sets the bare per-round `10`, `45s`."""
    if kind == "max":
        amount = MAX_WORD
    elif kind == "time":
        if seconds is None:
            raise SpellingError("a timed prescription needs its seconds")
        amount = duration(seconds)
    elif kind == "reps":
        if reps_min is None:
            raise SpellingError("a prescription of reps needs its reps")
        amount = str(reps_min)
        if reps_max is not None and reps_max != reps_min:
            amount += f"-{reps_max}"
    else:
        raise SpellingError(f"no spelling for a prescription of kind {kind!r}")
    return amount if sets is None else f"{sets}{SETS_SEPARATOR}{amount}"


def load_text(kind: str, amount: float | None, unit: str | None, level: str | None) -> str:
    """A load after its `@`: `40kg`, `bw`, `bw+10kg`, `70%1rm`, `rpe 7`, `band:medium`."""
    if kind == "band":
        return f"{BAND_WORD}:{level}"
    if kind == "bodyweight" and amount is None:
        return BODYWEIGHT_WORD
    if kind not in LOAD_KINDS:
        raise SpellingError(f"no spelling for a load of kind {kind!r}")
    if amount is None:
        raise SpellingError(f"a load of kind {kind!r} needs its amount")
    value = number(amount)
    if kind == "weight":
        return f"{value}{unit}"
    if kind == "bodyweight":
        return f"{BODYWEIGHT_WORD}+{value}{unit}"
    if kind == "percent_1rm":
        return f"{value}{PERCENT_1RM_SUFFIX}"
    if kind in EFFORT_WORDS:
        return f"{kind} {value}"
    raise SpellingError(f"no spelling for a load of kind {kind!r}")  # a new kind: add it here


def tempo_text(parts: tuple[int | None, ...]) -> str:
    """`3-1-x`: seconds per phase, `x` for an explosive one."""
    return "-".join(EXPLOSIVE if part is None else str(part) for part in parts)


# a progression's unit, spelled in the plural (`+2reps/week`) where it has one
_PLURALS: Final[dict[str, str]] = {unit: word for word, unit in PROGRESS_UNIT_SPELLINGS.items()
                   if word != unit}


def progress_text(amount: float, unit: str) -> str:
    """`+2.5kg/week`, `+1rep/week`, `+2reps/week`, `+5s/week`."""
    word = _PLURALS.get(unit, unit) if amount != 1 else unit
    return f"+{number(amount)}{word}{PROGRESS_PERIOD}"


def rounds_text(count: int) -> str:
    """`1 round`, `3 rounds`."""
    one, many = ROUNDS_WORDS
    return f"{count} {one if count == 1 else many}"


def days_text(days: tuple[syntax.Day, ...]) -> str:
    """` on mon, thu` after a session's name; empty without days."""
    return f" {DAYS_KEYWORD} {', '.join(d.name for d in days)}" if days else ""


# --- nodes, keyword included ---------------------------------------------------------------


def _keyword(word: ModifierKeyword | PlanOption, value: str) -> str:
    return f"{word} {value}"


def _prescription(p: syntax.Prescription) -> str:
    seconds = p.duration.seconds if p.duration is not None else None
    return prescription_text(p.kind, p.sets, p.reps_min, p.reps_max, seconds)


def _deload_every(option: syntax.DeloadEveryOption) -> str:
    weeks: PlanOption = "weeks"
    text = f"{DELOAD_KEYWORD} {EVERY_KEYWORD} {option.every} {weeks}"
    return text if option.percent is None else f"{text} {percent(option.percent)}"


def _deload(deload: syntax.Deload) -> str:
    return DELOAD_KEYWORD if deload.percent is None \
        else f"{DELOAD_KEYWORD} {percent(deload.percent)}"


SPELLERS: Final[dict[type, Callable[[Any], str]]] = {
    # the values of an exercise line
    syntax.Duration: lambda d: duration(d.seconds),
    syntax.Prescription: _prescription,
    syntax.Load: lambda m: _keyword("@", load_text(m.kind, m.amount, m.unit, m.level)),
    syntax.Tempo: lambda m: _keyword("tempo", tempo_text(m.parts)),
    syntax.Side: lambda m: m.value,
    syntax.Rest: lambda m: _keyword("rest", duration(m.duration.seconds)),
    syntax.Progress: lambda m: _keyword("progress", progress_text(m.amount, m.unit)),
    syntax.Note: lambda m: _keyword("note", f'"{m.text}"'),
    # block options (a rest is above)
    syntax.Rounds: lambda r: rounds_text(r.count),
    # the week header's deload, the session header's days
    syntax.Deload: _deload,
    syntax.Day: lambda d: d.name,
    # plan options
    syntax.WeeksOption: lambda o: _keyword("weeks", str(o.count)),
    syntax.UnitsOption: lambda o: _keyword("units", o.unit),
    syntax.StartOption: lambda o: _keyword("start", o.date),
    syntax.DeloadEveryOption: _deload_every,
}


def spell(node: object) -> str:
    """`node` as `workoutlang fmt` writes it; SpellingError for a node it does not know."""
    speller = SPELLERS.get(type(node))
    if speller is None:
        raise SpellingError(f"no spelling for a {type(node).__qualname__} node: "
                            f"{node!r} is not a value of the language")
    return speller(node)
