"""Garmin FIT workout files: one per session (and per week where weeks differ).

A session becomes the steps Garmin Connect builds for strength workouts: per
exercise an active step (reps, time, or open for "max"), a rest step, and a
repeat step over them for the sets. `workout_steps` is that structure, shared
with the `garmin-connect` target; `emit` encodes it with Garmin's own SDK,
imported only here so that `check` never pays for it. docs/outputs/fit.md
says how sides, supersets and notes are written.
"""

from __future__ import annotations

import datetime
import math
import struct
import zlib
from collections.abc import Iterator
from typing import Any

import attrs

from ..catalogue import Exercise, generic_fit_category_id
from ..errors import CompileError
from ..expand import BlockInstance, ConcreteLoad, Item, Program, SessionInstance
from ..limits import MAX_FIT_KG
from ..spelling import tempo_text
from ..syntax import Span
from ..vocabulary import (
    AMRAP_MARK,
    DAYS,
    ONE_SIDE,
    PERCENT_LOADS,
    ROUNDED_BLOCKS,
    SIDES,
    WEIGHT_LOADS,
)
from . import EmitOptions
from .naming import WorkoutFile, workout_files
from .wording import (
    describe_distance,
    describe_effort,
    describe_load,
    describe_number,
    describe_share,
)

# --- the workout as steps, independent of the file format ---------------------


@attrs.frozen
class Step:
    """One step the watch runs: an exercise, or a rest."""

    kind: str  # "interval", "rest", "warmup" or "cooldown"
    end: str  # "reps", "time" or "open" (the athlete presses lap)
    value: int | None  # reps, or seconds for "time"; None for "open"
    name: str | None = None  # the title shown on the watch: display name and side
    exercise: Exercise | None = None
    weight_kg: float | None = None
    weight: float | None = None  # the weight in the unit the author wrote
    weight_unit: str | None = None  # "kg" or "lb"
    notes: str | None = None
    # where the step was written (the load's span for a weighted step): a value the
    # file format cannot hold is reported there
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Repeat:
    """Do `steps` `count` times: the sets of an exercise, or the rounds of a block."""

    count: int
    steps: tuple[Step, ...]


WorkoutStep = Step | Repeat

# each side of the language as the steps of one set; keyed by exactly the vocabulary's SIDES
STEP_SIDES: dict[str, tuple[str, ...]] = dict(zip(
    SIDES, (ONE_SIDE, ONE_SIDE, ("left",), ("right",)), strict=True))


def workout_steps(session: SessionInstance) -> tuple[WorkoutStep, ...]:
    """The session as the steps of a Garmin strength workout."""
    out: list[WorkoutStep] = []
    for entry in session.items:
        if isinstance(entry, Item):
            out.extend(_exercise(entry, "interval"))
        elif entry.kind in ("warmup", "cooldown"):
            for item in entry.items:
                out.extend(_exercise(item, entry.kind))
        elif entry.kind in ROUNDED_BLOCKS:
            out.extend(_rounds(entry))
        else:
            raise CompileError(f"the fit target cannot write a {entry.kind!r} block",
                               entry.block.span)
    return tuple(out)


def _exercise(item: Item, kind: str) -> list[WorkoutStep]:
    """One exercise with its sets: [sides…, rest] repeated `sets` times."""
    body = [*_sides(item, kind), *_rest(item.rest_s, item.rest_lap)]
    sets = item.sets or 1
    return [Repeat(sets, tuple(body))] if sets > 1 else list(body)


def _rounds(block: BlockInstance) -> list[WorkoutStep]:
    """A superset or circuit: one repeat over all its exercises, `rounds` times.

    Without `N rounds`, exercises that all have S sets make S rounds; otherwise
    the block runs once and each exercise does its sets in place.
    """
    rounds = block.rounds
    per_round = {id(item): item.sets or 1 for item in block.items}
    if rounds is None:
        sets = {item.sets or 1 for item in block.items}
        if len(sets) == 1:
            rounds = sets.pop()
            per_round = {id(item): 1 for item in block.items}
        else:
            rounds = 1
    body: list[Step] = []
    for item in block.items:
        for _ in range(per_round[id(item)]):
            body.extend(_sides(item, "interval"))
            body.extend(_rest(item.rest_s, item.rest_lap))
    body.extend(_rest(block.rest_s, block.rest_lap))
    return [Repeat(rounds, tuple(body))] if rounds > 1 else list(body)


def _rest(seconds: int | None, lap: bool) -> list[Step]:
    """A rest step: timed, or open for `rest lap` (it ends when the athlete presses lap,
    as the rests of Connect's own workout files do); none without a rest."""
    if lap:
        return [Step("rest", "open", None)]
    return [Step("rest", "time", seconds)] if seconds else []


def _sides(item: Item, kind: str) -> list[Step]:
    """The active steps of one set: one, or left then right for `each_leg`/`each_side`."""
    if item.side is not None and item.side not in STEP_SIDES:
        raise CompileError(f"the fit target cannot write the side {item.side!r}", item.line.span)
    sides: tuple[str | None, ...] = STEP_SIDES[item.side] if item.side else (None,)
    return [_active(item, kind, side) for side in sides]


def _active(item: Item, kind: str, side: str | None) -> Step:
    exercise = item.exercise
    if item.max_effort or item.distance_m is not None:
        end, value = "open", None
    elif item.duration_s is not None:
        end, value = "time", item.duration_s
    elif item.reps_max is not None or item.reps_min is not None:
        end, value = "reps", item.reps_max or item.reps_min
    else:
        end, value = "open", None
    load = item.load
    weight = _weight(load)
    name = exercise.display + (f" ({side})" if side else "")
    notes = _named(_notes(item, name), name, _needs_name(exercise, side))
    return Step(kind, end, value, name, exercise,
                weight_kg=load.kg if weight and load else None,
                weight=weight[0] if weight else None,
                weight_unit=weight[1] if weight else None,
                notes="; ".join(notes) or None,
                span=_load_span(item) if weight else item.line.span)


def _needs_name(exercise: Exercise, side: str | None) -> bool:
    """Whether the notes must name the step: a watch that names steps by their FIT
    exercise (as Connect's own files do) would otherwise lose the side, or the real
    movement of an exercise FIT has only a nearest match for."""
    return side is not None or bool(exercise.fit_approx) or exercise.fit_ids is None


def _named(notes: Iterator[str], name: str, needed: bool) -> list[str]:
    """The notes, led by the step's name where it is needed and not already there."""
    texts = list(notes)
    if needed and not (texts and texts[0].startswith(name)):
        texts.insert(0, name)
    return texts


def _weight(load: ConcreteLoad | None) -> tuple[float, str] | None:
    """The weight a step carries, in the unit written: a weight, the extra weight of
    `bw+…`, or the weight a percentage of a max comes to (none without a max)."""
    if load is None or load.kg is None:
        return None
    if load.kind in WEIGHT_LOADS and load.amount is not None:
        return load.amount, load.unit or "kg"
    if load.kind in PERCENT_LOADS and load.weight is not None:
        return load.weight, load.weight_unit or "kg"
    return None


def _load_span(item: Item) -> Span:
    """Where the item's load is written: its set group's `@ …`."""
    groups = item.line.groups
    group = groups[item.group] if item.group < len(groups) else None
    return group.load_span if group is not None and group.load_span else item.line.span


def _notes(item: Item, name: str) -> Iterator[str]:
    """What the step fields cannot hold: what ends an open step (with the exercise's
    name, which a watch may not show for it), rep ranges, load kinds, effort, tempo,
    note."""
    if item.max_effort:
        amount = f"{item.reps_min}{AMRAP_MARK}" if item.reps_min is not None else "max"
        how = "as long as you can" if item.exercise.measure == "time" else "as many reps as you can"
        yield f"{name} {amount}: {how}"
    elif item.distance_m is not None:
        yield f"{name} {_distance_text(item)}"
    elif item.reps_min is not None and item.reps_max is not None and item.reps_min != item.reps_max:
        yield f"{item.reps_min}-{item.reps_max} reps"
    if item.load is not None:
        yield from _load_texts(item.load)
    if item.tempo:
        yield "tempo " + tempo_text(item.tempo)
    if item.note:
        yield item.note


def _distance_text(item: Item) -> str:
    """`40 m`, `50 yd`, `1 km`: the distance as written, the unit spaced off."""
    return describe_distance(item.distance_text or f"{describe_number(item.distance_m or 0)}m")


def _load_texts(load: ConcreteLoad) -> Iterator[str]:
    """Loads FIT has no field for, in words (a weight goes in the weight field): `RPE 7`,
    `85% TM`, `70% 1RM`, `band: medium`; then the effort of `@ 80kg rpe 8`."""
    if load.kind in PERCENT_LOADS:
        yield describe_share(load)
    elif load.kind != "weight":
        yield describe_load(attrs.evolve(load, effort=None))
    if load.effort is not None:
        yield describe_effort(load.effort)


def step_count(steps: tuple[WorkoutStep, ...]) -> int:
    """Steps in the flat FIT list: every step, and one per repeat."""
    return sum(len(s.steps) + 1 if isinstance(s, Repeat) else 1 for s in steps)


# --- FIT messages ---------------------------------------------------------------

# FIT limits: strings hold 255 bytes with the terminating zero; uint16 weight in 0.01 kg
# (limits.MAX_FIT_KG, which WOL003 warns of).
MAX_STRING_BYTES = 254
MAX_WEIGHT_KG = MAX_FIT_KG
MAX_UINT32 = 2**32 - 2
MAX_STEPS = 65534
INTENSITY = {"interval": "active", "rest": "rest", "warmup": "warmup", "cooldown": "cooldown"}
NO_START = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
FIRST_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
LAST_TIME = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)

Message = tuple[str, dict[str, Any]]  # (message name, fields)


def workout_messages(workout: WorkoutFile) -> list[Message]:
    """The FIT messages of one workout file, in the order they are written."""
    steps = workout_steps(workout.session)
    count = step_count(steps)
    if count > MAX_STEPS:
        raise CompileError(f"{workout.session.name}: {count} steps, more than a FIT workout holds",
                           workout.session.session.span)
    messages: list[Message] = [
        ("file_id", {
            "type": "workout",
            "manufacturer": "development",
            "serial_number": zlib.crc32(f"{workout.plan.plan.name}/{workout.stem}".encode()) or 1,
            "time_created": _time_created(workout),
        }),
        # Connect's own workout files carry one too (with zeros): the writing software
        ("file_creator", {"software_version": _software_version()}),
        ("workout", _clean({
            "wkt_name": _text(workout_name(workout)),
            "wkt_description": _text(workout_description(workout)),
            "sport": "training",
            "sub_sport": "strength_training",
            "num_valid_steps": count,
        })),
    ]
    messages.extend(("workout_step", fields) for fields in _step_messages(steps))
    messages.extend(("exercise_title", fields) for fields in _titles(steps))
    return messages


def _software_version() -> int:
    """workoutlang's version as FIT's software_version: 1.2.3 is 102 (major × 100 + minor)."""
    from .. import __version__

    major, minor = (int(part) for part in __version__.split(".")[:2])
    return major * 100 + minor


def workout_name(workout: WorkoutFile) -> str:
    """The name the watch lists: the session, with its week when weeks differ, and
    what tells apart the workouts of one session (`Single-leg (1 of 2)`, `W2 A (wed)`)."""
    name = workout.session.name + (f" ({workout.label})" if workout.label else "")
    return f"W{workout.week.number} {name}" if workout.week else name


def workout_description(workout: WorkoutFile) -> str:
    """`Base phase: weeks 1-8, on mon`; `…, 1-2 times a week`; `…, in turn on mon, wed, fri`."""
    plan = workout.plan.plan
    session = workout.session
    if workout.week is None:
        weeks = f"weeks 1-{plan.week_count}" if plan.week_count > 1 else "1 week"
    else:
        weeks = f"week {workout.week.number} of {plan.week_count}"
        weeks += " (deload)" if workout.week.deload else ""
    if session.per_week is not None:
        low, high = session.per_week
        often = f"{low}-{high}" if high != low else str(low)
        when = f"{often} time{'' if often == '1' else 's'} a week"
    elif session.rotation is not None and workout.week is None:
        when = "in turn on " + ", ".join(day.name for day in session.rotation.days)
    else:
        when = "on " + ", ".join(session.days) if session.days else ""
    return f"{plan.name}: {weeks}" + (f", {when}" if when else "")


def _time_created(workout: WorkoutFile) -> datetime.datetime:
    """Deterministic: the session's first date when the plan has a start, else a fixed day;
    plus the session's position in minutes and its doing in the week in seconds, so that
    no two files of a plan share it."""
    week = workout.week or workout.plan.weeks[0]
    base = NO_START
    if week.monday is not None:
        first = workout.session.days[0] if workout.session.days else DAYS[0]
        offset = DAYS.index(first) if first in DAYS else 0
        date = week.monday + datetime.timedelta(days=offset)
        base = datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)
        if not FIRST_TIME <= base <= LAST_TIME:  # FIT times are uint32 seconds from 1989
            base = NO_START
    return base + datetime.timedelta(minutes=workout.index, seconds=workout.occurrence - 1)


def _step_messages(steps: tuple[WorkoutStep, ...]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for step in steps:
        if isinstance(step, Repeat):
            first = len(out)
            for inner in step.steps:
                out.append(_step_fields(inner, len(out)))
            out.append({
                "message_index": len(out),
                "duration_type": "repeat_until_steps_cmplt",
                "duration_value": first,  # loop back to this step
                "target_value": int(_bounded(step.count, MAX_UINT32, "repeat count")),
            })
        else:
            out.append(_step_fields(step, len(out)))
    return out


def _step_fields(step: Step, index: int) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "message_index": index,
        "wkt_step_name": _text(step.name),
        "duration_type": step.end,
        "duration_value": _duration(step),
        "target_type": "open",
        "intensity": INTENSITY[step.kind],
        "notes": _text(step.notes),
    }
    if step.exercise is not None:
        ids = step.exercise.fit_ids
        # unmapped (WOL009): the generic category alone, as Connect writes its own
        fields["exercise_category"] = ids[0] if ids else generic_fit_category_id()
        fields["exercise_name"] = ids[1] if ids else None
    if step.weight_kg is not None:
        kg = _bounded(step.weight_kg, MAX_WEIGHT_KG, "weight (kg)", step.span)
        fields["exercise_weight"] = _stored_kg(kg, step.weight_unit)
        fields["weight_display_unit"] = "pound" if step.weight_unit == "lb" else "kilogram"
    return _clean(fields)


def _stored_kg(kg: float, unit: str | None) -> float:
    """The weight as FIT stores it, in 0.01 kg. Pounds round up, so that the watch
    never reads back less than was written: 135 lb is 61.235 kg, stored as 61.24 kg
    (135.01 lb), not 61.23 kg (134.99 lb, which a watch cutting decimals shows as 134)."""
    if unit != "lb":
        return round(kg, 2)
    return math.ceil(round(kg * 100, 6)) / 100


def _duration(step: Step) -> int | None:
    if step.value is None:
        return None
    if step.end == "time":
        return int(_bounded(step.value * 1000, MAX_UINT32, "step time (ms)", step.span))
    return int(_bounded(step.value, MAX_UINT32, f"step {step.end}", step.span))


def _titles(steps: tuple[WorkoutStep, ...]) -> list[dict[str, Any]]:
    """One exercise_title per distinct exercise with FIT ids, naming it on the watch.
    Unmapped exercises get none: they share the generic category, which one title
    would name for all of them; their steps carry their names."""
    seen: dict[str, dict[str, Any]] = {}
    flat = [s for step in steps for s in (step.steps if isinstance(step, Repeat) else (step,))]
    for step in flat:
        exercise = step.exercise
        if exercise is None or exercise.name in seen or exercise.fit_ids is None:
            continue
        category, name = exercise.fit_ids
        seen[exercise.name] = {"message_index": len(seen), "exercise_category": category,
                               "exercise_name": name, "wkt_step_name": _text(exercise.display)}
    return [_clean(fields) for fields in seen.values()]


def _bounded(value: float, limit: float, what: str, span: Span | None = None) -> float:
    if not 0 <= value <= limit:
        raise CompileError(f"a {what} of {value:g} does not fit in a FIT workout "
                           f"(0 to {limit:g})", span)
    return value


def _text(text: str | None) -> str | None:
    """A FIT string: no NUL, at most 254 UTF-8 bytes, cut on a character; None when empty."""
    if not text:
        return None
    data = text.replace("\0", "").encode("utf-8")
    if len(data) > MAX_STRING_BYTES:
        data = data[: MAX_STRING_BYTES - 3].decode("utf-8", "ignore").encode("utf-8") + "…".encode()
    return data.decode("utf-8") or None


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}


def encode(messages: list[Message]) -> bytes:
    """The messages as a FIT file, with Garmin's Encoder."""
    from garmin_fit_sdk import Encoder, Profile  # lazily: `check` must not import the SDK

    numbers: dict[str, int] = Profile["mesg_num"]
    encoder = Encoder()
    try:
        for name, fields in messages:
            encoder.write_mesg({"mesg_num": numbers[name.upper()], **fields})
    except ValueError as error:  # a value the profile refuses; should not happen
        raise CompileError(f"cannot write the FIT file: {error}") from None
    return _as_protocol_1(encoder.close())


PROTOCOL_1 = 0x10  # the header's protocol byte: major in the high nibble


def _as_protocol_1(data: bytes) -> bytes:
    """The file marked FIT protocol 1.0, as Garmin Connect writes workouts.

    garmin-fit-sdk's Encoder always marks 2.0, which only developer fields and
    64-bit types need; a workout has neither (tests/test_fit_backend.py checks every
    definition), so the mark is changed and the header's and file's CRCs redone."""
    from garmin_fit_sdk import CrcCalculator

    out = bytearray(data)
    header_size = out[0]
    out[1] = PROTOCOL_1
    if header_size >= 14:  # a 14-byte header ends with its own CRC
        struct.pack_into("<H", out, 12, CrcCalculator.calculate_crc(out, 0, 12))
    struct.pack_into("<H", out, len(out) - 2, CrcCalculator.calculate_crc(out, 0, len(out) - 2))
    return bytes(out)


def emit(program: Program, options: EmitOptions) -> dict[str, bytes]:
    """One `.fit` workout file per session, or per session and week where weeks differ."""
    return {f"{workout.stem}.fit": encode(workout_messages(workout))
            for workout in workout_files(program)}
