"""The canonical spelling of every value of the language, written once.

`spell(node)` writes a value node of the syntax tree (a prescription, a
modifier, a block or plan option…) as `workoutlang fmt` writes it, keyword
included: `3x8-12`, `1x5 @ 80kg rpe 8`, `@ 85%tm`, `tempo 3-1-x`, `rest 1min30s`,
`progress double +2kg`, `3 rounds`, `deload every 4 weeks 60%`, `cycle 4`. It
dispatches on the node's class through one table, `SPELLERS`, and raises
`SpellingError` on a class (or a kind of load or prescription) it does not know:
a new value of the language is one entry here, never a silent fallback elsewhere.

The helpers below it write the bare values that outputs carry without their
keyword (`load_text`, `tempo_text`, `progress_text`, `duration`, `distance_text`,
`number`, `prescription_text`, `per_week_text`, `scheme_text`); the formatter, the
expansion's texts, the JSON target, `show` and the generators all spell through
this module.

It imports only the tree and the vocabulary: the expansion, on the `check`
path, uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from . import syntax
from .vocabulary import (
    AFTER_KEYWORD,
    AMRAP_MARK,
    BAND_WORD,
    BODYWEIGHT_WORD,
    DAYS_KEYWORD,
    DELOAD_KEYWORD,
    DISTANCE_UNITS,
    DOUBLE_KEYWORD,
    DURATION_UNITS,
    EFFORT_WORDS,
    EVERY_KEYWORD,
    EXPLOSIVE,
    GROUP_SEPARATOR,
    IF_DONE_WORDS,
    LAP_WORD,
    LOAD_KINDS,
    MAX_WORD,
    MINUTES,
    MISSES_WORDS,
    PER_WEEK_WORDS,
    PERCENT_1RM_SUFFIX,
    PERCENT_LOADS,
    PERCENT_TM_SUFFIX,
    PROGRESS_UNIT_SPELLINGS,
    RESET_KEYWORD,
    ROUNDS_WORDS,
    SETS_SEPARATOR,
    WEIGHT_LOADS,
    ModifierKeyword,
    PlanOption,
)

__all__ = [
    "SPELLERS", "SpellingError", "days_text", "distance_text", "duration", "effort_text",
    "load_text", "number", "per_week_text", "percent", "prescription_text", "progress_text",
    "reset_text", "rounds_text", "scheme_text", "spell", "tempo_text", "week_range_text",
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


# the units a duration is written in, largest first: minutes are `min`, never the old `m`
_WRITTEN_DURATION_UNITS: Final[tuple[tuple[str, int], ...]] = tuple(
    (unit, size) for unit, size in DURATION_UNITS.items()
    if unit == MINUTES or size != DURATION_UNITS[MINUTES])


def duration(seconds: int) -> str:
    """90 → "1min30s", 3600 → "1h", 5400 → "1h30min", 0 → "0s": hours, minutes,
    seconds, zeros left out."""
    parts = []
    for unit, size in _WRITTEN_DURATION_UNITS:
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or f"0{_WRITTEN_DURATION_UNITS[-1][0]}"


def rest_text(seconds: int | None) -> str:
    """A rest's value: `1min30s`, or `lap` for None (until the athlete presses lap)."""
    return LAP_WORD if seconds is None else duration(seconds)


# distance units, longest first, so that `km` is not read as `m`
_DISTANCE_UNITS: Final[tuple[str, ...]] = tuple(sorted(DISTANCE_UNITS, key=len, reverse=True))


def distance_text(text: str) -> str:
    """A distance in the unit its author wrote, the number in its shortest form:
    `40m`, `1.50km` → "1.5km", `050yd` → "50yd"."""
    unit = next((u for u in _DISTANCE_UNITS if text.endswith(u)), None)
    amount = text[:-len(unit)] if unit else ""
    whole, _, fraction = amount.partition(".")
    if not (whole.isascii() and whole.isdigit()
            and (fraction == "" or (fraction.isascii() and fraction.isdigit()))
            and amount.count(".") <= 1 and not amount.endswith(".")):
        raise SpellingError(f"no spelling for the distance {text!r}")
    return f"{number(float(amount))}{unit}"


def percent(value: float) -> str:
    """A deload's percentage: `60%`."""
    return f"{number(value)}%"


# --- bare values, as outputs carry them ----------------------------------------------------


def prescription_text(kind: str, sets: int | None, reps_min: int | None,
                      reps_max: int | None, seconds: int | None,
                      distance: str | None = None) -> str:
    """`3x8`, `3x8-12`, `3x45s`, `3x2min`, `3xmax`, `1x5+` (AMRAP with a minimum),
    `3x40m` (`distance`: the distance as written); without sets the bare per-round
    `10`, `45s`, `40m`."""
    if kind == "max":
        amount = MAX_WORD if reps_min is None else f"{reps_min}{AMRAP_MARK}"
        if sets is None:
            raise SpellingError("an as-many-as-possible prescription needs its sets")
    elif kind == "distance":
        if distance is None:
            raise SpellingError("a prescription of distance needs its distance")
        amount = distance_text(distance)
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


def effort_text(kind: str, amount: float) -> str:
    """An effort, alone (`@ rpe 8`) or beside a load (`@ 80kg rpe 8`): `rpe 8`, `rir 2`."""
    if kind not in EFFORT_WORDS:
        raise SpellingError(f"no spelling for an effort of kind {kind!r}")
    return f"{kind} {number(amount)}"


# the loads an effort may stand beside: `@ 80kg rpe 8`, `@ bw rir 2`, `@ 70%1rm rpe 8`
_WITH_EFFORT: Final = (*WEIGHT_LOADS, *PERCENT_LOADS)


def load_text(kind: str, amount: float | None, unit: str | None, level: str | None,
              effort: tuple[str, float] | None = None) -> str:
    """A load after its `@`: `40kg`, `bw`, `bw+10kg`, `70%1rm` (also for `70%`), `85%tm`,
    `rpe 7`, `band:medium`; with an effort beside it, `80kg rpe 8`."""
    text = _load_alone(kind, amount, unit, level)
    if effort is None:
        return text
    if kind not in _WITH_EFFORT:
        raise SpellingError(f"a load of kind {kind!r} takes no effort beside it")
    return f"{text} {effort_text(*effort)}"


def _load_alone(kind: str, amount: float | None, unit: str | None, level: str | None) -> str:
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
    if kind == "percent_tm":
        return f"{value}{PERCENT_TM_SUFFIX}"
    if kind in EFFORT_WORDS:
        return effort_text(kind, amount)
    raise SpellingError(f"no spelling for a load of kind {kind!r}")  # a new kind: add it here


def tempo_text(parts: tuple[int | None, ...]) -> str:
    """`3-1-x`: seconds per phase, `x` for an explosive one."""
    return "-".join(EXPLOSIVE if part is None else str(part) for part in parts)


# a progression's unit, spelled in the plural (`+2reps/week`) where it has one
_PLURALS: Final[dict[str, str]] = {unit: word for word, unit in PROGRESS_UNIT_SPELLINGS.items()
                   if word != unit}


def progress_text(amount: float, unit: str, period: str | None = "week",
                  double: bool = False, if_done: bool = False) -> str:
    """`+2.5kg/week`, `+1rep/week`, `+2reps/week`, `+5s/week`, `+2.5kg/session`,
    `+10lb/cycle`, `+2.5%1rm/week`; `double +2kg` for a double progression (its
    default period, `/session`, is not written; `/week` is). Without a period
    (WOL003 unless double), none is written. `if_done`: `+2.5kg/session if done`."""
    word = _PLURALS.get(unit, unit) if amount != 1 else unit
    text = f"+{number(amount)}{word}"
    if period is not None and not (double and period == "session"):
        text += f"/{period}"
    if if_done:
        text = " ".join((text, *IF_DONE_WORDS))
    return f"{DOUBLE_KEYWORD} {text}" if double else text


def reset_text(percent: float, misses: int) -> str:
    """`-10% after 2 misses`, `-5% after 1 miss`: what follows `reset`."""
    one, many = MISSES_WORDS
    return f"-{number(percent)}% {AFTER_KEYWORD} {misses} {one if misses == 1 else many}"


def rounds_text(count: int) -> str:
    """`1 round`, `3 rounds`."""
    one, many = ROUNDS_WORDS
    return f"{count} {one if count == 1 else many}"


def week_range_text(first: int, last: int) -> str:
    """`4` for one week, `5-6` for several: `week 5-6`, `session "A" 1-2 per week`."""
    return str(first) if first == last else f"{first}-{last}"


def per_week_text(low: int, high: int) -> str:
    """`2 per week`, `1-2 per week`: how often a session without days is done."""
    return " ".join([week_range_text(low, high), *PER_WEEK_WORDS])


def scheme_text(groups: tuple[syntax.SetGroup, ...]) -> str:
    """The groups of a set scheme, each with its load: `1x5 @ 185lb rpe 8, 3x5 @ 165lb`."""
    return f"{GROUP_SEPARATOR} ".join(_set_group(g) for g in groups)


def days_text(days: tuple[syntax.Day, ...]) -> str:
    """` on mon, thu` after a session's name; empty without days."""
    return f" {DAYS_KEYWORD} {', '.join(d.name for d in days)}" if days else ""


# --- nodes, keyword included ---------------------------------------------------------------


def _keyword(word: ModifierKeyword | PlanOption, value: str) -> str:
    return f"{word} {value}"


def _prescription(p: syntax.Prescription) -> str:
    seconds = p.duration.seconds if p.duration is not None else None
    distance = p.distance.text if p.distance is not None else None
    return prescription_text(p.kind, p.sets, p.reps_min, p.reps_max, seconds, distance)


def _load(load: syntax.Load) -> str:
    effort = (load.effort.kind, load.effort.amount) if load.effort is not None else None
    return _keyword("@", load_text(load.kind, load.amount, load.unit, load.level, effort))


def _set_group(group: syntax.SetGroup) -> str:
    text = _prescription(group.prescription)
    return text if group.load is None else f"{text} {_load(group.load)}"


def _progress(progress: syntax.Progress) -> str:
    return _keyword("progress", progress_text(progress.amount, progress.unit, progress.period,
                                              progress.double, progress.if_done))


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
    syntax.Distance: lambda d: distance_text(d.text),
    syntax.Prescription: _prescription,
    syntax.SetGroup: _set_group,
    syntax.Effort: lambda e: effort_text(e.kind, e.amount),
    syntax.Load: _load,
    syntax.Tempo: lambda m: _keyword("tempo", tempo_text(m.parts)),
    syntax.Side: lambda m: m.value,
    syntax.Rest: lambda m: _keyword("rest", rest_text(None if m.lap else m.duration.seconds)),
    syntax.Progress: _progress,
    syntax.Reset: lambda r: _keyword(RESET_KEYWORD, reset_text(r.percent, r.misses)),
    syntax.Note: lambda m: _keyword("note", f'"{m.text}"'),
    # block options (a rest is above)
    syntax.Rounds: lambda r: rounds_text(r.count),
    # the week header's deload, the session header's days or sessions a week
    syntax.Deload: _deload,
    syntax.Day: lambda d: d.name,
    syntax.PerWeek: lambda p: per_week_text(p.low, p.high),
    # plan options
    syntax.WeeksOption: lambda o: _keyword("weeks", str(o.count)),
    syntax.UnitsOption: lambda o: _keyword("units", o.unit),
    syntax.StartOption: lambda o: _keyword("start", o.date),
    syntax.DeloadEveryOption: _deload_every,
    syntax.CycleOption: lambda o: _keyword("cycle", str(o.weeks)),
    syntax.RoundOption: lambda o: _keyword("round", f"{number(o.amount)}{o.unit}"),
    syntax.SupplementOption: lambda o: "supplement",
}


def spell(node: object) -> str:
    """`node` as `workoutlang fmt` writes it; SpellingError for a node it does not know."""
    speller = SPELLERS.get(type(node))
    if speller is None:
        raise SpellingError(f"no spelling for a {type(node).__qualname__} node: "
                            f"{node!r} is not a value of the language")
    return speller(node)
