"""Garmin strength activities as training-log entries (`workoutlang log import`).

A watch records a strength activity as `set` messages: active sets (reps, a
duration, a weight, the watch's three guesses at the exercise) alternating with
rests. This module reads them with Garmin's own SDK, names each set's exercise
from the catalogue's `fit` mappings read backwards, and writes one log entry a
strength session. Pure: bytes and trees in, data and text out; the command
(cli_log.py) reads and writes the files. docs/log-import.md says what is read
and how sets are named.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, cast

import attrs

from . import spelling
from .catalogue import Catalogue
from .errors import WorkoutlangError
from .syntax import Plan, PlanFile, Session
from .vocabulary import DAYS, Unit

NO_PLAN_SESSION = "Strength"  # an entry's session, and the log's name, without a plan
STRENGTH_SPORTS = frozenset({"training", "fitness_equipment"})  # with sub_sport below
STRENGTH_SUB_SPORT = "strength_training"
UNKNOWN = "unknown"  # FIT exercise_category: the watch did not recognise the exercise
STEP_SIDE = re.compile(r"^(.*) \((left|right)\)$")  # the fit target's `Step-up (left)`
WORKOUT_NAME = re.compile(r"^(?:W[0-9]+ )?(.*?)(?: \([^()]*\))?$")  # `W2 Lower body (wed)`
KG_PER_LB = 0.45359237
HALF_POUND_SNAP = 0.05  # lb: a weight this close to a half pound is that half pound


class NotStrength(WorkoutlangError):
    """A file that is not a readable strength activity; nothing is imported from it."""


# --- what a file holds ------------------------------------------------------------------


@attrs.frozen
class Guess:
    """One of the watch's guesses at a set's exercise: a FIT category, and the
    exercise in it when the watch knew (`category_subtype`)."""

    category: str
    subtype: str | None

    @property
    def text(self) -> str:
        return f"{self.category}/{self.subtype or '(no subtype)'}"


@attrs.frozen
class FitSet:
    """An active set as recorded."""

    start: datetime.datetime
    reps: int | None
    seconds: float | None
    kg: float | None  # None: no weight entered (the watch writes 0)
    pounds: bool  # the watch showed the weight in pounds
    guesses: tuple[Guess, ...]  # best first, `unknown` and repeats left out
    step: int | None  # wkt_step_index: the workout step followed
    step_name: str | None = None  # that step's wkt_step_name, when the file holds the workout


@attrs.frozen
class Activity:
    """One strength session of a file, with its active sets in order."""

    file: str
    start: datetime.datetime
    sets: tuple[FitSet, ...]
    workout: str | None = None  # the workout followed (wkt_name), when the file holds it


def read_activities(data: bytes, name: str) -> tuple[Activity, ...]:
    """The strength sessions of the FIT file `data` (called `name` in messages).

    Raises NotStrength for a file that is not FIT, is damaged, or holds no strength
    session with a set in it.
    """
    messages = _decode(data, name)
    sessions = [_session_window(m) for m in messages.get("session_mesgs", [])]
    if not sessions:
        kinds = {m.get("type") for m in messages.get("file_id_mesgs", [])} - {"activity", None}
        what = f"it is a {kinds.pop()} file" if kinds else "it holds no session"
        raise NotStrength(f"{name}: not a strength activity: {what}")
    strength = [s for s in sessions if s.strength]
    if not strength:
        sports = sorted({s.sport for s in sessions})
        raise NotStrength(f"{name}: not a strength activity: it holds no strength training "
                          f"session (only {', '.join(sports)})")
    sets: dict[_Window, list[FitSet]] = {s: [] for s in strength}
    steps = {m.get("message_index"): m.get("wkt_step_name")
             for m in messages.get("workout_step_mesgs", [])}
    workout = next((m.get("wkt_name") for m in messages.get("workout_mesgs", [])), None)
    for message in messages.get("set_mesgs", []):
        if message.get("set_type") != "active":
            continue
        fit_set = _fit_set(message, steps)
        if fit_set is None:
            continue
        owner = _owner(fit_set.start, sessions, strength)
        if owner is not None:
            sets[owner].append(fit_set)
    found = tuple(Activity(name, s.start, tuple(sorted(sets[s], key=lambda f: f.start)),
                           workout if isinstance(workout, str) and workout else None)
                  for s in strength if sets[s])
    if not found:
        raise NotStrength(f"{name}: not a strength activity: its strength session holds no "
                          "active set")
    return found


def _decode(data: bytes, name: str) -> dict[str, list[dict[str, Any]]]:
    from garmin_fit_sdk import Decoder, Stream  # lazily: only this command pays for the SDK

    try:
        stream = Stream.from_byte_array(bytearray(data))
        decoder = Decoder(stream)
        if not decoder.is_fit():
            raise NotStrength(f"{name}: not a strength activity: not a FIT file")
        if not decoder.check_integrity():
            raise NotStrength(f"{name}: not a strength activity: the file is damaged (its "
                              "checksum does not match); copy it again from the watch")
        stream.reset()  # check_integrity() leaves the stream at its end (NOTES.md)
        messages, errors = decoder.read(merge_heart_rates=False)  # sets are all we need
    except NotStrength:
        raise
    except Exception as error:  # the SDK raises plain exceptions on bad bytes
        raise NotStrength(f"{name}: not a strength activity: the file is damaged ({error})"
                          ) from None
    if errors:
        raise NotStrength(f"{name}: not a strength activity: the file is damaged "
                          f"({errors[0]})")
    return cast("dict[str, list[dict[str, Any]]]", messages)  # the stubs type each message


@attrs.frozen(eq=False)  # told apart by identity: two sessions may share their times
class _Window:
    """A session message: when it ran, and whether it is strength training."""

    start: datetime.datetime
    end: datetime.datetime
    strength: bool
    sport: str  # `running`, `training/cardio_training`: for messages


def _session_window(message: Mapping[str, Any]) -> _Window:
    start = message.get("start_time") or message.get("timestamp")
    if not isinstance(start, datetime.datetime):
        start = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    elapsed = message.get("total_elapsed_time")
    end = message.get("timestamp")
    if isinstance(elapsed, (int, float)):
        end = start + datetime.timedelta(seconds=elapsed)
    if not isinstance(end, datetime.datetime) or end < start:
        end = start
    sport = str(message.get("sport", "unknown"))
    sub_sport = message.get("sub_sport")
    strength = sport in STRENGTH_SPORTS and sub_sport == STRENGTH_SUB_SPORT
    return _Window(start, end, strength,
                   sport if sub_sport in (None, "generic") else f"{sport}/{sub_sport}")


def _owner(start: datetime.datetime, sessions: list[_Window],
           strength: list[_Window]) -> _Window | None:
    """The session a set belongs to: the latest-starting one whose time covers the
    set's start (multisport files: README of tests/data/garmin); a set outside every
    session goes to the strength session started last before it."""
    covering = [s for s in sessions if s.start <= start <= s.end]
    if covering:
        owner = max(covering, key=lambda s: s.start)
        return owner if owner.strength else None
    before = [s for s in strength if s.start <= start]
    return max(before, key=lambda s: s.start) if before else strength[0]


def _fit_set(message: Mapping[str, Any], steps: Mapping[object, object]) -> FitSet | None:
    start = message.get("start_time") or message.get("timestamp")
    if not isinstance(start, datetime.datetime):
        return None
    step = message.get("wkt_step_index")
    step = step if isinstance(step, int) else None
    step_name = steps.get(step) if step is not None else None
    reps = message.get("repetitions")
    seconds = message.get("duration")
    weight = message.get("weight")
    return FitSet(
        start=start,
        reps=reps if isinstance(reps, int) and reps > 0 else None,
        seconds=float(seconds) if isinstance(seconds, (int, float)) else None,
        kg=float(weight) if isinstance(weight, (int, float)) and weight > 0 else None,
        pounds=message.get("weight_display_unit") == "pound",
        guesses=tuple(_guesses(message.get("category"), message.get("category_subtype"))),
        step=step,
        step_name=step_name if isinstance(step_name, str) and step_name else None,
    )


def _guesses(categories: object, subtypes: object) -> Iterator[Guess]:
    """The watch's guesses, best first, without `unknown` and without repeats (a set
    done from a workout repeats the workout's exercise three times)."""
    seen: set[Guess] = set()
    subtype_list = _as_list(subtypes)
    for position, category in enumerate(_as_list(categories)):
        if not isinstance(category, str) or category == UNKNOWN:
            continue  # an integer: a category this SDK does not know
        subtype = subtype_list[position] if position < len(subtype_list) else None
        guess = Guess(category, _subtype_name(category, subtype))
        if guess not in seen:
            seen.add(guess)
            yield guess


def _as_list(value: object) -> list[object]:
    """A FIT array field: the SDK gives a one-element array as the element itself."""
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _subtype_name(category: str, subtype: object) -> str | None:
    from garmin_fit_sdk import Profile

    if isinstance(subtype, str):
        return subtype
    names = Profile["types"].get(f"{category}_exercise_name")
    if not isinstance(subtype, int) or not isinstance(names, dict):
        return None
    name = names.get(subtype)
    return name if isinstance(name, str) else None


# --- naming sets --------------------------------------------------------------------------


@attrs.frozen
class FitIndex:
    """The catalogue's `fit` mappings read backwards: FIT names to exercise names."""

    exact: Mapping[tuple[str, str], tuple[str, ...]]
    by_category: Mapping[str, tuple[str, ...]]
    titles: Mapping[str, tuple[str, ...]]  # display name or name, casefolded → exercises
    categories: Mapping[str, str | None]  # exercise → its FIT category

    def titled(self, step_name: str | None, guesses: Sequence[Guess]) -> str | None:
        """The exercise a workout step's name says (the fit target names steps by
        the exercise's display name and side), when it names exactly one whose FIT
        category is the watch's best guess."""
        if step_name is None:
            return None
        side = STEP_SIDE.match(step_name)
        title = (side.group(1) if side else step_name).strip().casefold()
        names = self.titles.get(title, ())
        if len(names) != 1:
            return None
        if guesses and self.categories.get(names[0]) != guesses[0].category:
            return None
        return names[0]

    def candidates(self, guess: Guess) -> tuple[str, ...]:
        """The exercises a guess may be: those mapped to its exact FIT exercise, or,
        when the watch gave only the category, every exercise in that category."""
        if guess.subtype is None:
            return self.by_category.get(guess.category, ())
        return self.exact.get((guess.category, guess.subtype), ())


def fit_index(catalogue: Catalogue) -> FitIndex:
    exact: dict[tuple[str, str], list[str]] = {}
    by_category: dict[str, list[str]] = {}
    titles: dict[str, set[str]] = {}
    for name in catalogue.names():
        exercise = catalogue.exercises[name]
        for title in (exercise.display, name):
            titles.setdefault(title.casefold(), set()).add(name)
        if exercise.fit_category is None or exercise.fit_name is None:
            continue
        exact.setdefault((exercise.fit_category, exercise.fit_name), []).append(name)
        by_category.setdefault(exercise.fit_category, []).append(name)
    return FitIndex({k: tuple(v) for k, v in exact.items()},
                    {k: tuple(v) for k, v in by_category.items()},
                    {k: tuple(sorted(v)) for k, v in titles.items()},
                    {name: catalogue.exercises[name].fit_category for name in catalogue.names()})


@attrs.frozen
class Naming:
    """What a set was: `name`, or None with the exercises it may have been."""

    name: str | None
    candidates: tuple[str, ...] = ()


def name_set(guesses: Sequence[Guess], index: FitIndex,
             planned: frozenset[str] | None, step_name: str | None = None) -> Naming:
    """The one exercise a set was, or why not (never a guess of ours).

    The workout step's name, when the file holds the workout followed, decides
    (FitIndex.titled). Then the watch's best guess decides when it is one exercise
    of the planned session, or one exercise of the catalogue; otherwise the planned
    session settles it from the watch's other guesses, best first. Two or more
    possible exercises, or none, leave the set unnamed.
    """
    titled = index.titled(step_name, guesses)
    if titled is not None:
        return Naming(titled)
    if not guesses:
        return Naming(None)
    first = index.candidates(guesses[0])
    if planned:
        hits = tuple(c for c in first if c in planned)
        if hits:
            return Naming(hits[0]) if len(hits) == 1 else Naming(None, hits)
    if len(first) == 1:
        return Naming(first[0])
    if planned:
        for guess in guesses[1:]:
            hits = tuple(c for c in index.candidates(guess) if c in planned)
            if hits:
                return Naming(hits[0]) if len(hits) == 1 else Naming(None, hits)
    return Naming(None, first)


# --- the plan's sessions ----------------------------------------------------------------


@attrs.frozen
class PlannedSession:
    """A session of a plan as import needs it: every session of that name in the
    plan (template, rotations, week blocks) together."""

    plan: str
    units: Unit
    name: str
    days: frozenset[str]
    exercises: frozenset[str]


def planned_sessions(tree: PlanFile, catalogue: Catalogue) -> tuple[PlannedSession, ...]:
    found: dict[tuple[str, str], PlannedSession] = {}
    for plan in tree.plans:
        for session, days in _sessions_with_days(plan):
            names = {exercise.name for line in session.exercise_lines()
                     if (exercise := catalogue.lookup(line.name)) is not None}
            key = plan.name, session.name
            known = found.get(key)
            if known is None:
                found[key] = PlannedSession(plan.name, plan.units, session.name,
                                            frozenset(days), frozenset(names))
            else:
                found[key] = attrs.evolve(known, days=known.days | set(days),
                                          exercises=known.exercises | names)
    return tuple(found.values())


def _sessions_with_days(plan: Plan) -> Iterator[tuple[Session, tuple[str, ...]]]:
    """Each session with the days it may fall on: its own, or its rotation's."""
    for sessions, rotations in ((plan.sessions, plan.rotations),
                                *((week.sessions, week.rotations) for week in plan.weeks)):
        for session in sessions:
            yield session, tuple(day.name for day in session.days)
        for rotation in rotations:
            for session in rotation.sessions:
                yield session, tuple(day.name for day in rotation.days)


def choose_session(activity: Activity, weekday: str, sessions: Sequence[PlannedSession],
                   index: FitIndex) -> PlannedSession | None:
    """The planned session an activity was: the one the workout followed is named
    after (the fit target names workouts `W2 Lower body (wed)`); else the one that
    can name most of its sets, then one planned on its weekday, then the first
    written. None when no session can name a set and none falls on that day."""
    if not sessions:
        return None
    if activity.workout is not None:
        short = WORKOUT_NAME.match(activity.workout)
        for name in (activity.workout, short.group(1) if short else None):
            named = [s for s in sessions if s.name == name]
            if named:
                return named[0]
    possible = [_possible(s, index) for s in activity.sets]

    def score(session: PlannedSession) -> tuple[int, bool]:
        named = sum(bool(p & session.exercises) for p in possible)
        return named, weekday in session.days

    best = max(sessions, key=score)  # max keeps the first of equals: the first written
    return best if any(score(best)) else None


def _possible(fit_set: FitSet, index: FitIndex) -> frozenset[str]:
    """Every exercise a set may have been: its step's title, any guess's candidates."""
    names = {c for guess in fit_set.guesses for c in index.candidates(guess)}
    titled = index.titled(fit_set.step_name, fit_set.guesses)
    return frozenset(names if titled is None else names | {titled})


# --- entries ----------------------------------------------------------------------------


@attrs.frozen
class Entry:
    """One imported log entry: its header and its body lines (done lines and
    comments), unindented."""

    plan: str
    date: str
    session: str
    start: datetime.datetime
    lines: tuple[str, ...]
    file: str
    unnamed: int = 0  # sets left as comments
    unplanned: bool = False  # a plan was given, but no session of it fits


def build_entry(activity: Activity, sessions: Sequence[PlannedSession], catalogue: Catalogue,
                index: FitIndex, zone: datetime.tzinfo | None) -> Entry:
    """The log entry of one strength session; `sessions` are the plan's (none without
    --plan); `zone` the time zone its date is in (None: this machine's)."""
    local = activity.start.astimezone(zone)
    session = choose_session(activity, DAYS[local.weekday()], sessions, index)
    planned = session.exercises if session is not None else None
    unit: Unit | None = session.units if session is not None else (
        sessions[0].units if sessions else None)
    plan = session.plan if session is not None else (
        sessions[0].plan if sessions else NO_PLAN_SESSION)
    namings = [name_set(s.guesses, index, planned, s.step_name) for s in activity.sets]
    lines = list(_body(activity.sets, namings, catalogue, unit))
    unnamed = sum(n.name is None for n in namings)
    if unnamed:
        # the entry ends on a line, never on a comment: the formatter keeps a comment
        # with the line below it, and an entry needs a line
        lines.append(f'note "{unnamed} set{"s" * (unnamed != 1)} not named: see the '
                     '# unmapped comments"')
    return Entry(plan, local.date().isoformat(),
                 session.name if session is not None else NO_PLAN_SESSION,
                 activity.start, tuple(lines), activity.file, unnamed=unnamed,
                 unplanned=bool(sessions) and session is None)


def _body(sets: Sequence[FitSet], namings: Sequence[Naming], catalogue: Catalogue,
          unit: Unit | None) -> Iterator[str]:
    """The sets of each named exercise together, in the order each was first done: a
    superset's rounds (plank, dead bug, plank, dead bug…) become a line an exercise,
    as a log is written by hand (the log reads an exercise's lines in order either
    way). Unnamed sets stay in runs of consecutive sets with the same guesses: two
    sets the watch did not recognise may be two exercises."""
    runs: dict[object, tuple[tuple[Naming, tuple[Guess, ...]], list[FitSet]]] = {}
    last: object = None
    for index, (fit_set, naming) in enumerate(zip(sets, namings, strict=True)):
        key = naming, (fit_set.guesses if naming.name is None else ())
        place: object = naming.name if naming.name is not None else (
            last if last in runs and runs[last][0] == key else index)
        runs.setdefault(place, (key, []))[1].append(fit_set)
        last = place
    for (naming, guesses), run in runs.values():
        if naming.name is None:
            yield _unnamed(naming, guesses, run, unit)
        else:
            yield from _done_lines(naming.name, run, catalogue, unit)


def _done_lines(name: str, run: list[FitSet], catalogue: Catalogue,
                unit: Unit | None) -> Iterator[str]:
    from .checks.lines import side_word

    exercise = catalogue.exercises[name]
    measure = exercise.measure
    sides = _sides(run) if exercise.unilateral else None
    if sides is None:
        for part in _load_parts(run, unit):
            yield f"{name} {_values(part, measure, unit)}"
        return
    left, right = sides
    if _values(left, measure, unit) == _values(right, measure, unit):
        for part in _load_parts(left, unit):
            yield f"{name} {_values(part, measure, unit)} {side_word(exercise)}"
        return
    for side, half in (("left", left), ("right", right)):
        for part in _load_parts(half, unit):
            yield f"{name} {_values(part, measure, unit)} {side}"


def _sides(run: list[FitSet]) -> tuple[list[FitSet], list[FitSet]] | None:
    """Left and right sets of a unilateral exercise done from a workout: the fit
    target writes each set as two steps, left then right, named `… (left)` and
    `… (right)`; without the steps' names, the sets alternate between two step
    indexes. None when the sets do not show sides."""
    named = [_step_side(s) for s in run]
    if None not in named:
        return ([s for s, side in zip(run, named, strict=True) if side == "left"],
                [s for s, side in zip(run, named, strict=True) if side == "right"])
    steps = [s.step for s in run]
    if len(run) < 2 or len(run) % 2 or None in steps:
        return None
    first, second = steps[0], steps[1]
    if first == second or steps != [first, second] * (len(run) // 2):
        return None
    return run[0::2], run[1::2]


def _step_side(fit_set: FitSet) -> str | None:
    side = STEP_SIDE.match(fit_set.step_name or "")
    return side.group(2) if side else None


def _load_parts(run: list[FitSet], unit: Unit | None) -> Iterator[list[FitSet]]:
    """The run cut where a set with no weight is followed by one with: a set with no
    load of its own takes the line's last load (docs/language.md), so such a set
    must end its line."""
    part: list[FitSet] = []
    for fit_set in run:
        if part and _load(part[-1], unit) is None and _load(fit_set, unit) is not None:
            yield part
            part = []
        part.append(fit_set)
    if part:
        yield part


def _values(run: Sequence[FitSet], measure: str, unit: Unit | None) -> str:
    """`8, 8, 7 @ 16kg` when every set has one load, else `8 @ 60kg, 8 @ 62.5kg`."""
    loads = [_load(s, unit) for s in run]
    values = [_value(s, measure) for s in run]
    if len(set(loads)) == 1:
        return ", ".join(values) + (f" @ {loads[0]}" if loads[0] else "")
    return ", ".join(v + (f" @ {load}" if load else "") for v, load in zip(values, loads,
                                                                         strict=True))


def _value(fit_set: FitSet, measure: str) -> str:
    """Reps; seconds for timed exercises and for sets with no reps counted."""
    seconds = None if fit_set.seconds is None else round(fit_set.seconds)
    if seconds is not None and (measure == "time" or fit_set.reps is None):
        return spelling.duration(seconds)
    return str(fit_set.reps or 0)


def _load(fit_set: FitSet, unit: Unit | None) -> str | None:
    """The weight in `unit` (the plan's; without a plan, the unit the watch showed)."""
    if fit_set.kg is None:
        return None
    if (unit or ("lb" if fit_set.pounds else "kg")) == "lb":
        return f"{spelling.number(pounds(fit_set.kg))}lb"
    return f"{spelling.number(round(fit_set.kg, 2))}kg"


def pounds(kg: float) -> float:
    """kg as lb to 0.1 lb, or to the half pound when within 0.05 lb of it: FIT holds
    weights in 1/16 kg, so 135 lb comes back as 61.25 kg, 135.03 lb."""
    exact = kg / KG_PER_LB
    half = round(exact * 2) / 2
    return half if abs(exact - half) <= HALF_POUND_SNAP + 1e-9 else round(exact, 1)


def _unnamed(naming: Naming, guesses: tuple[Guess, ...], run: list[FitSet],
             unit: Unit | None) -> str:
    """`# unmapped: FIT squat/(no subtype) 8, 8 @ 60kg — candidates: …`: a set import
    cannot name, kept as a comment for the athlete to rewrite."""
    values = _values(run, "reps", unit)
    if not guesses:
        return f"# unmapped: FIT {UNKNOWN} {values} — the watch did not recognise the exercise"
    best = guesses[0]
    if naming.candidates:
        why = "candidates: " + ", ".join(naming.candidates)
    elif best.subtype is not None:
        why = f"no catalogue exercise has fit {best.category}/{best.subtype}"
    else:
        why = f"no catalogue exercise in FIT category {best.category}"
    others = [g.category if g.subtype is None else g.text for g in guesses[1:]]
    also = f"; the watch also guessed {', '.join(others)}" if others else ""
    return f"# unmapped: FIT {best.text} {values} — {why}{also}"


# --- text -------------------------------------------------------------------------------


def entry_lines(entry: Entry) -> list[str]:
    """The entry in the canonical layout, indented for a log block, after the blank
    line that sets entries apart (as sessions are in a plan)."""
    return ["", f'  {entry.date} "{entry.session}":', *(f"    {line}" for line in entry.lines)]


def log_text(entries: Iterable[Entry]) -> str:
    """Entries as `log "PLAN":` blocks, one a plan, in the order plans first appear."""
    blocks: dict[str, list[str]] = {}
    for entry in entries:
        blocks.setdefault(entry.plan, []).extend(entry_lines(entry))
    return "\n".join(f'log "{plan}":\n' + "".join(f"{line}\n" for line in lines)
                     for plan, lines in blocks.items())
