"""A training log against its plan: which planned session each entry is, whether each
planned line was done, and the plan replayed as the log says it went.

The rules (what "done" means, how entries find their sessions, which doings are
past) are docs/log.md's; expand.replay applies the rules that answer to them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import attrs

from . import syntax
from .catalogue import Catalogue
from .expand import (
    NOT_LOGGED,
    BlockInstance,
    ExpandedPlan,
    Item,
    LineOutcome,
    SessionInstance,
    expand,
    kilograms,
    replay,
)
from .vocabulary import BOTH_SIDES, DAYS, MEASURES, WEIGHT_LOADS, Measure

__all__ = ["NOT_LOGGED", "Doing", "Matching", "PlannedSet", "done_kg", "entry_date", "match",
           "outcomes", "planned_sets", "reached", "replayed", "week_one"]

LOAD_SLACK_KG = 0.1  # 135 lb written back from kilograms reads 134.99 lb: still done
DISTANCE_SLACK_M = 0.5


@attrs.frozen
class Doing:
    """One planned session on one day: the `index`-th session instance of week
    `week`, on its `slot`-th day (an instance holds several days when nothing in it
    steps each session: `push_up 3x8` on mon, thu is one instance done twice)."""

    week: int
    index: int
    session: SessionInstance
    date: datetime.date | None  # its day; a `N per week` session: the week's Sunday
    slot: int = 0
    # `1-2 per week`: the sessions past the lower bound may be done or not; one not
    # done is not missed
    optional: bool = False

    @property
    def key(self) -> tuple[int, int, int]:
        return self.week, self.index, self.slot


@attrs.frozen
class Matching:
    """Where each entry of a log falls in its plan."""

    # the plan the doings are of: as written, or as replayed (a log changes loads and
    # rungs, never which sessions a week has)
    plan: ExpandedPlan
    log: syntax.Log
    monday: datetime.date | None  # week 1's Monday; None when no date can be placed
    doings: tuple[Doing, ...]  # every doing of the plan, in order
    entries: dict[tuple[int, int, int], syntax.Entry]  # Doing.key → its entry
    unmatched: tuple[syntax.Entry, ...]  # WOL201: no such session planned that week
    outside: tuple[syntax.Entry, ...]  # WOL203: before week 1 or after the last week
    twice: tuple[syntax.Entry, ...]  # WOL204: the same session again on a day
    last: datetime.date | None  # the last day the log covers

    def entry_of(self, doing: Doing) -> syntax.Entry | None:
        return self.entries.get(doing.key)

    def is_past(self, doing: Doing) -> bool:
        """Logged, or on or before the last day the log covers: no longer to come."""
        if doing.key in self.entries:
            return True
        return self.last is not None and doing.date is not None and doing.date <= self.last

    def to_come(self) -> Iterator[Doing]:
        return (doing for doing in self.doings if not self.is_past(doing))


def entry_date(entry: syntax.Entry) -> datetime.date | None:
    """The entry's date; None when it is no real date (WOL003 says so)."""
    try:
        return datetime.date.fromisoformat(entry.date)
    except ValueError:
        return None


def week_one(plan: syntax.Plan, log: syntax.Log) -> datetime.date | None:
    """Week 1's Monday: the plan's `start` Monday, else the Monday of the log's
    earliest entry."""
    from .weeks import first_monday

    monday = first_monday(plan)
    if monday is not None or plan.start is not None:
        return monday
    dates = [d for d in map(entry_date, log.entries) if d is not None]
    if not dates:
        return None
    earliest = min(dates)
    return earliest - datetime.timedelta(days=earliest.weekday())


def _doings(plan: ExpandedPlan, monday: datetime.date | None) -> tuple[Doing, ...]:
    out = []
    for week in plan.weeks:
        extra: dict[int, int] = {}  # id(session) → its `N-M per week` instances seen
        for index, session in enumerate(week.sessions):
            for slot, day in enumerate(session.days or (None,)):
                date = None
                if monday is not None:
                    weekday = DAYS.index(day) if day in DAYS else 6
                    date = monday + datetime.timedelta(weeks=week.number - 1, days=weekday)
                out.append(Doing(week.number, index, session, date, slot))
            if session.per_week is not None:
                seen = extra[id(session.session)] = extra.get(id(session.session), 0) + 1
                low, high = session.per_week
                if seen == low:  # after the last instance: the times it may also be done
                    sunday = out[-1].date
                    out += [Doing(week.number, index, session, sunday, slot, True)
                            for slot in range(1, high - low + 1)]
    return tuple(out)


def match(plan: ExpandedPlan, log: syntax.Log) -> Matching:
    """Place each entry of `log` on a doing of `plan`: in the entry's week, the first
    doing not yet taken of a session with that name, one planned on the entry's
    weekday first. Entries are placed in date order."""
    monday = week_one(plan.plan, log)
    doings = _doings(plan, monday)
    by_week: dict[int, list[Doing]] = {}
    for doing in doings:
        by_week.setdefault(doing.week, []).append(doing)
    entries: dict[tuple[int, int, int], syntax.Entry] = {}
    unmatched, outside, twice = [], [], []
    seen: set[tuple[datetime.date, str]] = set()
    dated = [(d, e) for e in log.entries if (d := entry_date(e)) is not None]
    for date, entry in sorted(dated, key=lambda pair: pair[0]):
        week = (date - monday).days // 7 + 1 if monday is not None else 0
        if not 1 <= week <= len(plan.weeks):
            outside.append(entry)
            continue
        if (date, entry.session) in seen:
            twice.append(entry)
            continue
        seen.add((date, entry.session))
        free = [d for d in by_week.get(week, ()) if d.session.name == entry.session
                and d.key not in entries]
        if not free:
            unmatched.append(entry)
            continue
        chosen = next((d for d in free if d.date is not None and d.date == date), free[0])
        entries[chosen.key] = entry
    placed = [entry_date(e) for e in entries.values()]
    last = max((d for d in placed if d is not None), default=None)
    return Matching(plan, log, monday, doings, entries, tuple(unmatched), tuple(outside),
                    tuple(twice), last)


# --- what was done ----------------------------------------------------------------


@attrs.frozen
class PlannedSet:
    """One set a doing plans: its target in its measure, and the load it asks for."""

    measure: Measure
    target: float  # reps (an AMRAP's minimum, `max`: 1), seconds or metres
    kg: float | None  # None: no weight to reach


def planned_sets(session: SessionInstance) -> dict[int, list[PlannedSet]]:
    """id(line) → the sets the doing plans for the line, in order (a superset's or
    circuit's line: a set a round)."""
    out: dict[int, list[PlannedSet]] = {}
    for entry in session.items:
        rounds = entry.rounds or 1 if isinstance(entry, BlockInstance) else 1
        for item in entry.items if isinstance(entry, BlockInstance) else (entry,):
            count = item.sets if item.sets is not None else rounds
            out.setdefault(id(item.line), []).extend([_planned(item)] * count)
    return out


def _planned(item: Item) -> PlannedSet:
    kg = item.load.kg if item.load is not None else None
    if item.duration_s is not None:
        return PlannedSet("time", item.duration_s, kg)
    if item.distance_m is not None:
        return PlannedSet("distance", item.distance_m, kg)
    return PlannedSet("reps", item.reps_min if item.reps_min is not None else 1, kg)


def done_kg(load: syntax.Load | None) -> float | None:
    """A done set's weight in kilograms; None: not written (the planned load) or not a
    weight (an effort, a band, a percentage)."""
    if load is None or load.kind not in WEIGHT_LOADS:
        return None
    if load.amount is None:
        return 0.0  # `@ bw`: no weight added
    return kilograms(load.amount, load.unit)


def reached(planned: PlannedSet, done: syntax.DoneSet | None) -> float:
    """What `done` counts toward `planned`: its reps, seconds or metres when done at
    the planned load or more, else 0."""
    if done is None:
        return 0.0
    weight = done_kg(done.load)
    if planned.kg is not None and weight is not None and weight < planned.kg - LOAD_SLACK_KG:
        return 0.0
    amount = dict(zip(MEASURES, (done.reps, done.seconds, done.metres), strict=True))
    return float(amount[planned.measure] or 0)


def _hit(planned: PlannedSet, amount: float) -> bool:
    slack = DISTANCE_SLACK_M if planned.measure == "distance" else 0.0
    return amount > 0 and amount >= planned.target - slack


def _sides(side: str | None) -> tuple[str | None, ...]:
    if side in BOTH_SIDES:
        return ("left", "right")
    return (side,)


def _on_side(line: syntax.DoneLine, side: str | None) -> bool:
    written = line.side.value if line.side is not None else None
    return side is None or written is None or written in BOTH_SIDES or written == side


def outcomes(session: SessionInstance, entry: syntax.Entry | None,
             catalogue: Catalogue) -> dict[int, LineOutcome]:
    """id(line) → what the log says of each planned line of the doing. No entry, or
    an entry marked skipped: nothing (the session was not done)."""
    if entry is None or entry.skipped:
        return {}
    planned = planned_sets(session)
    lines = {id(item.line): item for item in session.all_items()}
    # the done sets of each exercise and side, taken in order by the lines that plan it
    taken: dict[tuple[str, str | None], int] = {}
    last_line: dict[str, int] = {}
    for key, item in lines.items():
        last_line[item.exercise.name] = key
    out: dict[int, LineOutcome] = {}
    for key, item in lines.items():
        name = item.exercise.name
        done_lines = [line for line in entry.lines
                      if (found := catalogue.lookup(line.name)) is not None
                      and found.name == name]
        sets = planned[key]
        amounts = [float("inf")] * len(sets)
        for side in _sides(item.side):
            done = [s for line in done_lines if not line.skipped and _on_side(line, side)
                    for s in line.sets]
            start = taken.get((name, side), 0)
            end = len(done) if last_line[name] == key else start + len(sets)
            taken[(name, side)] = end
            mine = done[start:end]
            for i, wanted in enumerate(sets):
                amounts[i] = min(amounts[i], reached(wanted, mine[i] if i < len(mine) else None))
        done_all = bool(sets) and all(_hit(p, a) for p, a in zip(sets, amounts, strict=True))
        out[key] = LineOutcome(True, done_all, tuple(amounts))
    return out


def _together(found: list[dict[int, LineOutcome]]) -> dict[int, LineOutcome]:
    """One instance done on several days: logged if any day was, done if every day
    was, each set's amount the least of the days'."""
    out = {}
    for key in {k for outcome in found for k in outcome}:
        each = [outcome.get(key, NOT_LOGGED) for outcome in found]
        logged = [o for o in each if o.logged]
        amounts = tuple(min(column) for column in zip(*(o.amounts for o in logged),
                                                       strict=True)) if logged else ()
        out[key] = LineOutcome(bool(logged), all(o.done for o in each), amounts)
    return out


def replayed(plan: syntax.Plan, log: syntax.Log,
             catalogue: Catalogue) -> tuple[ExpandedPlan, Matching]:
    """The plan as the log says it went, and where each entry fell."""
    written, _ = expand(plan, catalogue)
    matching = match(written, log)
    days: dict[tuple[int, int], list[Doing]] = {}
    for doing in matching.doings:
        days.setdefault((doing.week, doing.index), []).append(doing)

    def judge(week: int, index: int, session: SessionInstance) -> dict[int, LineOutcome] | None:
        past = [d for d in days.get((week, index), ()) if matching.is_past(d)
                and not (d.optional and matching.entry_of(d) is None)]
        if not past:
            return None
        found = [outcomes(session, matching.entry_of(d), catalogue) for d in past]
        return found[0] if len(found) == 1 else _together(found)

    went = replay(plan, catalogue, judge)
    return went, attrs.evolve(matching, plan=went, doings=_doings(went, matching.monday))

