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


def workout_files(program: Program) -> list[WorkoutFile]:
    """One entry per session, or per session and week where the weeks differ.

    Names: `NN-session` when every week of a plan does the session identically,
    else `wWW-NN-session`; prefixed by the plan's slug when the file has several
    plans. A clash (two sessions slugifying alike) gets `-2`, `-3`…
    A program without any session is a CompileError: there would be no file.
    """
    files: list[WorkoutFile] = []
    taken: set[str] = set()
    several = len(program.plans) > 1
    for plan in program.plans:
        prefix = slugify(plan.plan.name, "plan") + "-" if several else ""
        count = max((len(w.sessions) for w in plan.weeks), default=0)
        for index in range(1, count + 1):
            done = [(w, w.sessions[index - 1]) for w in plan.weeks if len(w.sessions) >= index]
            same = len(done) == len(plan.weeks) and len({session_key(s) for _, s in done}) == 1
            if same:
                stem = f"{prefix}{index:02d}-{slugify(done[0][1].name, 'session')}"
                files.append(WorkoutFile(_unique(stem, taken), plan, None, index, done[0][1]))
                continue
            for week, session in done:
                stem = f"{prefix}w{week.number:02d}-{index:02d}-{slugify(session.name, 'session')}"
                files.append(WorkoutFile(_unique(stem, taken), plan, week, index, session))
    if not files:
        raise CompileError("nothing to write: the file has no plan with a session")
    return files


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
        return (entry.kind, entry.rounds, entry.rest_s, tuple(_entry_key(i) for i in entry.items))
    return (entry.exercise.name, entry.exercise.display, entry.exercise.fit_category,
            entry.exercise.fit_name, entry.sets, entry.reps_min, entry.reps_max,
            entry.duration_s, entry.max_effort, entry.load, entry.tempo, entry.side,
            entry.rest_s, entry.note)
