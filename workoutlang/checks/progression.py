"""Rules about where a progression leads: runaway loads (WOL108) and long runs of
progression with no deload week (WOL109).

Both read the expanded weeks, deload weeks left out, and follow each line (each set
group of it) from the first week it is done to its peak. Weeks share session
instances, so each instance is read once. What is kept is a few numbers for each line that
moves (one with a `progress`, or a percentage of a max), never a record a week.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..catalogue import plausible_ceiling
from ..diagnostics import Diagnostic, make
from ..expand import ExpandedPlan, Item, WeekInstance
from ..limits import (
    DELOAD_RUN_RISE,
    MAX_WEEKS_WITHOUT_DELOAD,
    RUNAWAY_LOAD_RISE,
    RUNAWAY_MIN_RISE_KG,
    RUNAWAY_MIN_RISE_REPS,
    RUNAWAY_REPS_RISE,
)
from ..spelling import duration, number
from ..vocabulary import UNITS
from .context import Context
from .weeks import _week_runs, _weeks_text, _whole_week_plans

# what each kind of the catalogue's [plausible] table is, in a message
_KIND_WORDS = {"single_leg": "a single-leg exercise", "lower": "a two-legged lower-body lift",
               "upper": "an upper-body exercise", "core": "a core exercise"}


class _Track:
    """One set group of a moving line: where it starts and its peaks (the first week
    each is reached)."""

    __slots__ = ("item", "kg", "peak_kg", "kg_week", "load", "peak_load", "reps", "peak_reps",
                 "reps_week", "seconds", "peak_s", "s_week")

    def __init__(self, item: Item, week: int) -> None:
        self.item = item
        self.kg = self.peak_kg = item.load.kg if item.load is not None else None
        # the loads as written (`135lb`, `bw+10kg`, `240lb (85%tm)`), for messages
        self.load = self.peak_load = item.load.text if item.load is not None else ""
        self.reps = self.peak_reps = item.reps_min if not item.max_effort else None
        self.seconds = self.peak_s = item.duration_s
        self.kg_week = self.reps_week = self.s_week = week

    def see(self, item: Item, week: int) -> None:
        kg = item.load.kg if item.load is not None else None
        if kg is not None and (self.peak_kg is None or kg > self.peak_kg):
            self.peak_kg, self.kg_week = kg, week
            self.peak_load = item.load.text if item.load is not None else ""
        if self.peak_reps is not None and item.reps_min is not None \
                and item.reps_min > self.peak_reps:
            self.peak_reps, self.reps_week = item.reps_min, week
        if self.peak_s is not None and item.duration_s is not None \
                and item.duration_s > self.peak_s:
            self.peak_s, self.s_week = item.duration_s, week


def _moves(item: Item) -> bool:
    """A line whose values may change from week to week: it has a `progress`, or its
    load is a percentage of a max (which may progress)."""
    return item.line.progress is not None or (item.load is not None and item.load.of is not None)


def _tracks(weeks: Iterable[WeekInstance], moving: bool = True) -> dict[tuple[int, int], _Track]:
    """(id(line), set group) → its track over `weeks` (deloads left out), for the lines
    that move."""
    tracks: dict[tuple[int, int], _Track] = {}
    seen: set[int] = set()
    for week in weeks:
        if week.deload:
            continue
        for session in week.sessions:
            if id(session) in seen:
                continue  # the same instance in a later week: nothing new
            seen.add(id(session))
            for item in session.all_items():
                if moving and not _moves(item):
                    continue
                key = (id(item.line), item.group)
                if key in tracks:
                    tracks[key].see(item, week.number)
                else:
                    tracks[key] = _Track(item, week.number)
    return tracks


def runaway_progression(context: Context) -> Iterator[Diagnostic]:
    """A progression that takes a load or reps far past where the line starts, or past plausible.

    Each line's first week is compared with its peak, in kilograms (deload weeks left
    out). A load warns when it rises more than 50 % and more than 10 kg (10 → 16 kg
    dumbbells over a block is normal); reps when the bottom of the range more than
    doubles. Any rise past the plausible ceiling for the kind of exercise warns too
    (the catalogue's `[plausible]` table: 100 kg for a single-leg exercise, 200 kg for
    a two-legged lower-body lift, 150 kg upper body, 50 kg core; a core hold past
    2 minutes). A hold's time is judged by the ceiling alone: 15 s → 40 s is a sound
    beginner's progression. Lines that do not move (no `progress`, no percentage of
    a max) are not judged: a written 8x5min plank is WOL111's business.

    Bad:
        plan "Base" weeks 20:
          session "Legs" on mon:
            romanian_deadlift 3x5 @ 60kg progress +10kg/week
            plank 3x45s progress +15s/week
    Good:
        plan "Base" weeks 8:
          session "Legs" on mon:
            romanian_deadlift 3x5 @ 60kg progress +2.5kg/week
            plank 3x45s progress +5s/week

    A program that means to climb far (a novice linear progression) says so with
    `# wol: disable=WOL108` and a comment why.
    """
    for plan in context.plans:
        reported: set[int] = set()
        for track in _tracks(plan.weeks).values():
            line = track.item.line
            if id(line) in reported:
                continue
            message = _runaway(track)
            if message is not None:
                reported.add(id(line))
                span = line.span_of(line.progress) if line.progress is not None else line.span
                yield make("WOL108", span, message)


def _runaway(track: _Track) -> str | None:
    """What is wrong with the track's progression, worded; None when nothing is."""
    name = track.item.line.name
    exercise = track.item.exercise
    start, peak = track.kg, track.peak_kg
    if peak is not None and start is not None and peak > start:
        found = plausible_ceiling(exercise, "load_kg")
        if found is not None and peak > found[1]:
            kind, ceiling = found
            return (f"{name} climbs to {track.peak_load} by week {track.kg_week}: past a "
                    f"plausible {number(ceiling)}kg for {_KIND_WORDS[kind]} in a runner's "
                    "plan: cut the step or keep the load where it is")
        if start > 0 and peak > start * (1 + RUNAWAY_LOAD_RISE) \
                and peak - start > RUNAWAY_MIN_RISE_KG:
            return (f"{name} climbs from {track.load} to {track.peak_load} by week "
                    f"{track.kg_week} ({_rise(start, peak)}), more than +50 % of where it "
                    "starts: cut the step, or end the block and start the next from a retest")
    if track.reps and track.peak_reps is not None \
            and track.peak_reps > track.reps * (1 + RUNAWAY_REPS_RISE) \
            and track.peak_reps - track.reps > RUNAWAY_MIN_RISE_REPS:
        return (f"{name} climbs from {track.reps} to {track.peak_reps} reps by week "
                f"{track.reps_week} ({_rise(track.reps, track.peak_reps)}), more than double "
                "where it starts: cut the step, or add load and start the reps again")
    if track.seconds is not None and track.peak_s is not None and track.peak_s > track.seconds:
        hold = plausible_ceiling(exercise, "hold_s")
        if hold is not None and track.peak_s > hold[1]:
            return (f"{name} climbs to {duration(track.peak_s)} a set by week {track.s_week}: "
                    f"past a plausible {duration(int(hold[1]))} for a {hold[0].replace('_', '-')} "
                    "hold: cut the step, and make the hold harder (a lever, a load), not longer")
    return None


def _rise(start: float, peak: float) -> str:
    return f"+{round((peak - start) / start * 100)} %"


def _steps_load(item: Item) -> bool:
    """A line whose load climbs week after week on its own: a fixed step of weight or
    of a percentage each week or cycle, or a percentage of a max. A `/session` step
    is a novice linear progression, run until it stalls and reset (its own deload);
    a double progression climbs its reps before its load."""
    progress = item.line.progress
    if item.load is not None and item.load.of is not None:
        return True
    # (a step in %1rm or %tm is on a percentage load: its `of` answered above)
    return (progress is not None and not progress.double and progress.period != "session"
            and progress.unit in UNITS)


def missing_deload(context: Context) -> Iterator[Diagnostic]:
    """More than 6 weeks of load progression in a row with no deload week.

    A week counts when it is not a deload and does a line whose load steps each week
    or cycle (`progress +2.5kg/week`, a percentage of a progressing max). A run of
    more than 6 such weeks warns when it also takes some load more than 50 % above
    where the run started: a gentle block (+2.5 kg a week on a 40 kg Romanian
    deadlift for 8 weeks) is left alone. `/session` steps (a novice linear
    progression, reset when it stalls) and double progressions (reps first) do not
    count; WOL108 still judges where they lead.

    Bad:
        plan "Base" weeks 8:
          session "Legs" on mon:
            romanian_deadlift 3x5 @ 60kg progress +5kg/week
    Good:
        plan "Base" weeks 8 deload every 4 weeks:
          session "Legs" on mon:
            romanian_deadlift 3x5 @ 60kg progress +5kg/week

    Not checked for a `supplement` plan (one that adds to a running week, whose
    deloads it follows).
    """
    for plan in _whole_week_plans(context):
        for run in _progression_runs(plan):
            if len(run) <= MAX_WEEKS_WITHOUT_DELOAD:
                continue
            climb = _steepest(run)
            if climb is None:
                continue
            name, start, peak = climb
            text = _weeks_text(run, plan)
            yield make("WOL109", run[0].span,
                       f"{text}: {len(run)} weeks of progression without a deload week "
                       f"({name} {start} to {peak}): add a deload week after at most "
                       f"{MAX_WEEKS_WITHOUT_DELOAD} weeks of progression (`week N deload`, "
                       "or `deload every N weeks` in the plan header)")


def _progression_runs(plan: ExpandedPlan) -> Iterator[list[WeekInstance]]:
    """Runs of consecutive normal weeks that each do a line whose load steps."""
    steps: dict[int, bool] = {}  # id(session) → whether it does such a line

    def progressing(week: WeekInstance) -> bool:
        if week.deload:
            return False
        for session in week.sessions:
            if id(session) not in steps:
                steps[id(session)] = any(_steps_load(i) for i in session.all_items())
        return any(steps[id(session)] for session in week.sessions)

    return _week_runs(plan, progressing)


def _steepest(run: list[WeekInstance]) -> tuple[str, str, str] | None:
    """(exercise, start load, peak load) of the load that climbs the most over the run,
    when it climbs more than DELOAD_RUN_RISE; else None."""
    best: tuple[float, str, str, str] | None = None
    for track in _tracks(run).values():
        start, peak = track.kg, track.peak_kg
        if not _steps_load(track.item) or not start or peak is None:
            continue
        rise = (peak - start) / start
        if rise > DELOAD_RUN_RISE and (best is None or rise > best[0]):
            best = (rise, track.item.line.name, track.load, track.peak_load)
    return None if best is None else best[1:]


# --- the numbers behind WOL108 and WOL109, for `check --stats` -------------------


def steepest_rises(plan: ExpandedPlan) -> dict[str, tuple[str, str, str, int, int]]:
    """WOL108's figures: for "load" and "reps", the moving line that rises the most
    from its first week to its peak, as (exercise, start, peak, peak week, rise in %);
    a kind no line rises in is left out."""
    best: dict[str, tuple[float, tuple[str, str, str, int, int]]] = {}

    def keep(kind: str, start: float, peak: float, found: tuple[str, str, str, int]) -> None:
        rise = (peak - start) / start
        if kind not in best or rise > best[kind][0]:
            best[kind] = (rise, (*found, round(rise * 100)))

    for track in _tracks(plan.weeks).values():
        name = track.item.line.name
        if track.kg and track.peak_kg is not None and track.peak_kg > track.kg:
            keep("load", track.kg, track.peak_kg,
                 (name, track.load, track.peak_load, track.kg_week))
        if track.reps and track.peak_reps is not None and track.peak_reps > track.reps:
            keep("reps", track.reps, track.peak_reps,
                 (name, str(track.reps), str(track.peak_reps), track.reps_week))
    return {kind: found for kind, (_, found) in best.items()}


def longest_progression_run(plan: ExpandedPlan
                            ) -> tuple[int, int, tuple[str, str, str] | None] | None:
    """WOL109's figures: the longest run of weeks that each step a load with no deload
    week, as (first week, last week, the steepest climb over it past +50 % or None);
    None when no week steps a load."""
    runs = list(_progression_runs(plan))
    if not runs:
        return None
    run = max(runs, key=len)
    return run[0].number, run[-1].number, _steepest(run)
