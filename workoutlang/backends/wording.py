"""How outputs word a dose, a load, a block: one wording for the printed plan,
the calendar and the watch's step notes."""

from __future__ import annotations

from typing import Final

from ..expand import BlockInstance, ConcreteLoad, Item
from ..spelling import SpellingError, duration, tempo_text
from ..vocabulary import AMRAP_MARK, BLOCK_KINDS, SIDES

# the words of the language as outputs show them; keyed by exactly the vocabulary's
# words (tests/test_wording.py), so a new side or block is shown or fails loudly
SIDE_WORDS: Final[dict[str, str]] = dict(zip(
    SIDES, ("each leg", "each side", "left", "right"), strict=True))
BLOCKS: Final[dict[str, str]] = dict(zip(
    BLOCK_KINDS, ("Warm-up", "Cool-down", "Superset", "Circuit"), strict=True))
UNTIL_LAP: Final = "until lap"  # `rest lap`: "rest until lap" in every text output


def describe_rest(seconds: int | None, lap: bool) -> str:
    """`45s`, `1min30s`, `2min`, `until lap` (`rest lap`: the athlete presses lap); ""
    without a rest. A rest is spelled one way in every output: as `fmt` writes it
    (show, JSON, PDF, HTML, ics; tests/test_rest_spelling.py), and a lap rest as
    "rest until lap"."""
    if lap:
        return UNTIL_LAP
    return duration(seconds) if seconds else ""


def describe_number(value: float) -> str:
    return f"{round(value, 2):g}"


def describe_dose(item: Item) -> str:
    """3×8, 3×8-12, 3×45s, 3×1min30s, 3×max, 1×5+ (AMRAP with a minimum), 3×40 m; a
    bare per-round 10, 45s or 40 m inside a block."""
    if item.distance_text is not None:
        each = describe_distance(item.distance_text)
    elif item.max_effort:
        each = "max" if item.reps_min is None else f"{item.reps_min}{AMRAP_MARK}"
    elif item.duration_s is not None:
        each = duration(item.duration_s)  # as fmt writes it, as rests are
    elif item.reps_min is not None:
        high = item.reps_max if item.reps_max is not None else item.reps_min
        each = str(item.reps_min) + (f"-{high}" if high != item.reps_min else "")
    else:
        raise SpellingError(f"no wording for the dose of {item.line.name!r}")
    return f"{item.sets}×{each}" if item.sets is not None else each


def describe_distance(written: str) -> str:
    """`40m` → `40 m`, `1km` → `1 km`, `50yd` → `50 yd`: as written, the unit spaced off."""
    number = written.rstrip("abcdefghijklmnopqrstuvwxyz")
    return f"{number} {written[len(number):]}"


def describe_share(load: ConcreteLoad) -> str:
    """A percentage of a max: `85% TM`, `70% 1RM`."""
    return f"{describe_number(load.percent or 0)}% {'TM' if load.of == 'tm' else '1RM'}"


def describe_effort(effort: tuple[str, float]) -> str:
    """`RPE 8`, `RIR 2`."""
    return f"{effort[0].upper()} {describe_number(effort[1])}"


def describe_load(load: ConcreteLoad | None) -> str:
    """40 kg, bodyweight + 5 kg, `240 lb (85% TM)` (a percentage of a max, worked out),
    `70% 1RM`, RPE 7, medium band; an effort beside a load after a comma
    (`185 lb, RPE 8`)."""
    if load is None:
        return ""
    text = _load_alone(load)
    return text if load.effort is None else f"{text}, {describe_effort(load.effort)}"


def _load_alone(load: ConcreteLoad) -> str:
    amount = describe_number(load.amount) if load.amount is not None else ""
    if load.percent is not None:
        if load.weight is None:
            return describe_share(load)
        return f"{describe_number(load.weight)} {load.weight_unit} ({describe_share(load)})"
    if load.kind == "weight":
        return f"{amount} {load.unit or 'kg'}"
    if load.kind == "bodyweight":
        return f"bodyweight + {amount} {load.unit or 'kg'}" if load.amount else "bodyweight"
    if load.kind in ("rpe", "rir"):
        return f"{load.kind.upper()} {amount}"
    if load.kind == "band":
        return f"{load.level} band" if load.level else "band"
    raise SpellingError(f"no wording for a load of kind {load.kind!r}")


def describe_tempo(tempo: tuple[int | None, ...] | None) -> str:
    return tempo_text(tempo) if tempo else ""


def describe_side(side: str) -> str:
    """`each leg`; SpellingError for a side the language does not have."""
    if side not in SIDE_WORDS:
        raise SpellingError(f"no wording for the side {side!r}")
    return SIDE_WORDS[side]


def describe_block_kind(kind: str) -> str:
    """`Warm-up`; SpellingError for a block the language does not have."""
    if kind not in BLOCKS:
        raise SpellingError(f"no wording for a {kind!r} block")
    return BLOCKS[kind]


def describe_item(item: Item) -> str:
    """One line: `Romanian deadlift 3×8 @ 52.5 kg, tempo 3-1-1, rest 1min30s`,
    `Squat 1×5+ @ 240 lb (85% TM), rest 3min`."""
    text = f"{item.exercise.display} {describe_dose(item)}"
    if item.side:
        text += " " + describe_side(item.side)
    if item.load is not None:
        text += f" @ {describe_load(item.load)}"
    if item.tempo:
        text += f", tempo {describe_tempo(item.tempo)}"
    rest = describe_rest(item.rest_s, item.rest_lap)
    if rest:
        text += f", rest {rest}"
    if item.note:
        text += f" ({item.note})"
    return text


def describe_times_a_week(per_week: tuple[int, int]) -> str:
    """`2 × a week`, `1–2 × a week`."""
    low, high = per_week
    return f"{low}{f'–{high}' if high != low else ''} × a week"


def describe_block(block: BlockInstance) -> str:
    """`Superset — 3 rounds, rest 1min between rounds`, `…, rest until lap between rounds`."""
    parts = []
    if block.rounds:
        parts.append(f"{block.rounds} round" + ("s" if block.rounds != 1 else ""))
    rest = describe_rest(block.rest_s, block.rest_lap)
    if rest:
        parts.append(f"rest {rest} between rounds")
    title = describe_block_kind(block.kind)
    return title + (" — " + ", ".join(parts) if parts else "")
