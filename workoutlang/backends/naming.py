"""Safe file names for outputs, and which workout files a program makes.

`slugify` turns a plan or session name into a name that stays inside the output
folder on every system. `workout_files` decides the one-file-per-session names
shared by the `fit` and `garmin-connect` targets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable

import attrs

from ..errors import CompileError
from ..expand import BlockInstance, ExpandedPlan, Item, Program, SessionInstance, WeekInstance

MAX_SLUG = 60

# Windows refuses these as file names, whatever the extension.
RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "clock$"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)

# Letters NFKD does not decompose into ASCII.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe",
                          "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th"})


def slugify(text: str, fallback: str = "untitled", max_length: int = MAX_SLUG) -> str:
    """`text` as lowercase ASCII words joined by `-`: no separators, dots or reserved names.

    An empty result becomes `fallback`; a reserved name (con, nul, com1…) gets `-x`.
    """
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text))
    if len(slug) > max_length:
        cut = slug[:max_length]
        if slug[max_length] != "-" and "-" in cut:
            cut = cut.rsplit("-", 1)[0]  # end on a whole word
        slug = cut.strip("-")
    if not slug:
        slug = fallback
    if slug in RESERVED:
        slug += "-x"
    return slug


@attrs.frozen
class WorkoutFile:
    """One session as one workout file: all weeks (`week` None) or one week."""

    stem: str  # file name without extension, already slugified and unique
    plan: ExpandedPlan
    week: WeekInstance | None  # None when every week does this session the same way
    index: int  # 1-based position of the session in its week
    session: SessionInstance  # the session as done (in `week`, or in every week)
    # what tells apart workouts of one session: `1 of 2` (`2 per week`), or the day
    # (a rotation's turn in one week, a session that steps each time it is done)
    label: str | None = None
    occurrence: int = 1  # which doing of the session in its week (1-based)


@attrs.frozen
class _Doing:
    """One session instance of a week, and the slot it fills."""

    key: tuple[object, ...]  # the slot: the same key in every week is the same workout
    index: int
    occurrence: int  # 1-based, among the doings of the same slot in the week
    count: int  # how many doings of this session the week has
    session: SessionInstance


def workout_files(program: Program) -> list[WorkoutFile]:
    """One entry per session, or per session and week where the weeks differ.

    A session a week does several times (`2 per week`, or one instance a day when it
    steps each session) is a workout per doing; each session of a rotation is one
    workout, or one per week and day where its doings differ.

    Names: `NN-session` when every week of a plan does the session identically,
    else `wWW-NN-session`; `-1-of-2` or `-mon` after it where one session makes
    several workouts; prefixed by the plan's slug when the file has several
    plans. A clash (two sessions slugifying alike) gets `-2`, `-3`…
    A program without any session is a CompileError: there would be no file.
    """
    files: list[WorkoutFile] = []
    taken: set[str] = set()
    several = len(program.plans) > 1
    for plan in program.plans:
        prefix = slugify(plan.plan.name, "plan") + "-" if several else ""
        slots: dict[tuple[object, ...], list[tuple[WeekInstance, _Doing]]] = {}
        turns: dict[tuple[object, ...], set[int]] = {}  # a rotation's slot → its weeks
        for week in plan.weeks:
            for doing in _doings(week):
                slots.setdefault(doing.key, []).append((week, doing))
                turns.setdefault(doing.key[:2], set()).add(week.number)
        for doings in sorted(slots.values(), key=lambda d: d[0][1].index):
            first = doings[0][1]
            weeks = {week.number for week, _ in doings}
            # a rotation's session need not come every week (3 sessions on 2 days), its
            # rotation must
            every = len(weeks) == len(plan.weeks) or (
                first.key[0] == "rotation" and len(turns[first.key[:2]]) == len(plan.weeks))
            if every and len({session_key(d.session) for _, d in doings}) == 1:
                label = _label(first, per_week_file=False)
                stem = _stem(f"{prefix}{first.index:02d}", first.session.name, label)
                files.append(WorkoutFile(_unique(stem, taken), plan, None, first.index,
                                         first.session, label, first.occurrence))
                continue
            for week, doing in doings:
                label = _label(doing, per_week_file=True)
                stem = _stem(f"{prefix}w{week.number:02d}-{doing.index:02d}",
                             doing.session.name, label)
                files.append(WorkoutFile(_unique(stem, taken), plan, week, doing.index,
                                         doing.session, label, doing.occurrence))
    if not files:
        raise CompileError("nothing to write: the file has no plan with a session")
    return files


def _doings(week: WeekInstance) -> list[_Doing]:
    """The week's sessions in their slots. A session outside rotations is slot (its
    position, which doing of it in the week); a rotation's session is slot (which
    rotation of the week, the session's place in it), whichever days it falls on.
    Rotations are numbered after the sessions outside them (NN in file names)."""
    positions: dict[int, int] = {}  # id(syntax session) → its position in the week
    counts: dict[int, int] = {}  # id(syntax session) → its doings in the week
    rotations: dict[int, tuple[int, int]] = {}  # id(rotation) → (its order, first NN - 1)
    for session in week.sessions:
        if session.rotation is None:
            positions.setdefault(id(session.session), len(positions) + 1)
            counts[id(session.session)] = counts.get(id(session.session), 0) + 1
    after = len(positions)
    for session in week.sessions:
        rotation = session.rotation
        if rotation is not None and id(rotation) not in rotations:
            rotations[id(rotation)] = (len(rotations), after)
            after += len(rotation.sessions)
    seen: dict[tuple[object, ...], int] = {}
    out: list[_Doing] = []
    for session in week.sessions:
        rotation = session.rotation
        if rotation is None:
            index = positions[id(session.session)]
            key: tuple[object, ...] = ("session", index)
        else:
            order, before = rotations[id(rotation)]
            place = next(i for i, s in enumerate(rotation.sessions) if s is session.session)
            index = before + place + 1
            key = ("rotation", order, place)
        occurrence = seen[key] = seen.get(key, 0) + 1
        if rotation is None:
            key += (occurrence,)
        out.append(_Doing(key, index, occurrence, counts.get(id(session.session), 1), session))
    return out


def _label(doing: _Doing, per_week_file: bool) -> str | None:
    """`1 of 2` for a session done N times a week, the day where a session is one
    workout a day (a rotation's turn in one week, a session stepping each time)."""
    session = doing.session
    if session.per_week is not None:
        return f"{doing.occurrence} of {doing.count}" if doing.count > 1 else None
    if len(session.days) == 1 and (
            (session.rotation is not None and per_week_file)
            or (session.rotation is None and len(session.session.days) > 1)):
        return session.days[0]
    return None


def _stem(start: str, name: str, label: str | None) -> str:
    stem = f"{start}-{slugify(name, 'session')}"
    return stem + (f"-{slugify(label)}" if label else "")


def _unique(stem: str, taken: set[str]) -> str:
    name, n = stem, 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}"
    taken.add(name)
    return name


def session_key(session: SessionInstance) -> Hashable:
    """What a workout file holds of a session: equal keys make equal files.

    Source spans and days are left out, so a week block repeating the template
    word for word still counts as the same workout.
    """
    return (session.name, tuple(_entry_key(e) for e in session.items))


def _entry_key(entry: Item | BlockInstance) -> Hashable:
    if isinstance(entry, BlockInstance):
        return (entry.kind, entry.rounds, entry.rest_s, entry.rest_lap,
                tuple(_entry_key(i) for i in entry.items))
    return (entry.exercise.name, entry.exercise.display, entry.exercise.fit_category,
            entry.exercise.fit_name, entry.sets, entry.reps_min, entry.reps_max,
            entry.duration_s, entry.max_effort, entry.load, entry.tempo, entry.side,
            entry.rest_s, entry.rest_lap, entry.note, entry.distance_m, entry.distance_text)
