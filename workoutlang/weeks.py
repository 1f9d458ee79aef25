"""The calendar of a plan: which sessions each week holds, which weeks are deloads.

Pure functions over the syntax tree, shared by the expansion and the WOL003
check, so that the weeks the check complains about are exactly the week blocks
the expansion ignores (as data: the check words them). See docs/weeks.md.
"""

from __future__ import annotations

import bisect
import datetime
from typing import Literal

import attrs

from . import syntax
from .limits import MAX_EXPANDED_ITEMS, MAX_PLAN_ITEMS, MAX_TIMES_A_WEEK, MAX_WEEKS

DEFAULT_DELOAD_PERCENT = 60.0


@attrs.frozen
class WeekSlot:
    """One week of a plan before its exercises are worked out."""

    number: int  # 1-based
    block: syntax.Week | None  # the week block that writes it; None: the template
    deload_percent: float | None  # what loads and volume drop to; None: not a deload


def _writes(slot: WeekSlot) -> bool:
    """Whether the week's block has sessions of its own (a bare `week 4 deload` has none:
    the week does the template)."""
    return slot.block is not None and not slot.block.bare


def sessions_of(plan: syntax.Plan, slot: WeekSlot) -> tuple[syntax.Session, ...]:
    """The sessions written for this week outside rotations: its block's, or the
    plan's template."""
    return slot.block.sessions if slot.block is not None and _writes(slot) else plan.sessions


def rotations_of(plan: syntax.Plan, slot: WeekSlot) -> tuple[syntax.Rotation, ...]:
    """The rotations of this week: its block's, or the plan's template's."""
    return slot.block.rotations if slot.block is not None and _writes(slot) else plan.rotations


@attrs.frozen
class BlockProblem:
    """A week block the expansion does not use, and why (the WOL003 rule words it)."""

    week: syntax.Week
    # reversed (`week 4-2`), before-first (`week 0`), outside (past the plan's weeks),
    # or overlap (with `other`, the earliest in weeks of the usable blocks it meets)
    kind: Literal["reversed", "before-first", "outside", "overlap"]
    weeks: int  # the plan's number of weeks
    other: syntax.Week | None = None

    @property
    def span(self) -> syntax.Span:
        return self.week.span


def _usable_blocks(plan: syntax.Plan) -> tuple[list[syntax.Week], list[BlockProblem]]:
    """The week blocks the expansion uses, and the problems with the others.

    Blocks are taken in source order; one that is reversed, outside 1..weeks or
    overlapping an earlier usable block is not used.
    """
    count = plan.week_count
    kept: list[syntax.Week] = []
    # the kept blocks in week order: they never overlap, so their first and their last
    # weeks both ascend, and the first one a new block meets is found by bisection
    # (thousands of week blocks stay fast)
    ordered: list[syntax.Week] = []
    lasts: list[int] = []
    problems: list[BlockProblem] = []
    for week in plan.weeks:
        if week.first > week.last:
            problems.append(BlockProblem(week, "reversed", count))
        elif week.first < 1:
            problems.append(BlockProblem(week, "before-first", count))
        elif week.last > count:
            problems.append(BlockProblem(week, "outside", count))
        else:
            at = bisect.bisect_left(lasts, week.first)
            if at < len(ordered) and ordered[at].first <= week.last:
                problems.append(BlockProblem(week, "overlap", count, ordered[at]))
                continue
            kept.append(week)
            ordered.insert(at, week)
            lasts.insert(at, week.last)
    return kept, problems


def week_blocks_problems(plan: syntax.Plan) -> list[BlockProblem]:
    """Week blocks that are reversed, out of range or overlapping (WOL003), in source order."""
    return _usable_blocks(plan)[1]


def schedule(plan: syntax.Plan) -> list[WeekSlot]:
    """Every week of the plan (at most MAX_WEEKS) with its block and deload."""
    blocks, _ = _usable_blocks(plan)
    weeks = min(plan.week_count, MAX_WEEKS)
    by_week: dict[int, syntax.Week] = {}  # usable blocks never overlap: one a week
    for usable in blocks:
        for number in range(usable.first, min(usable.last, weeks) + 1):
            by_week[number] = usable
    every = plan.deload_every
    slots = []
    for number in range(1, weeks + 1):
        block = by_week.get(number)
        percent: float | None = None
        if block is not None and block.deload is not None:
            percent = block.deload.percent
            percent = DEFAULT_DELOAD_PERCENT if percent is None else percent
        elif every is not None and every.every >= 1 and number % every.every == 0:
            percent = DEFAULT_DELOAD_PERCENT if every.percent is None else every.percent
        if percent is not None:
            percent = min(max(percent, 0.0), 100.0)  # a deload never adds (WOL003 reports it)
        slots.append(WeekSlot(number, block, percent))
    return slots


def expanded_items(plan: syntax.Plan) -> int:
    """How many items the expansion of `plan` makes, worked out from the tree without
    expanding: for every week, each exercise line (a set group each), each block, and a
    wave's row of the week, of every session the week does (a rotation's in turn, `N per
    week` N times). The expansion leaves out unknown exercises, so it makes at most
    this many."""
    per_week: dict[tuple[int, ...], int] = {}  # weeks that do the same share their count
    turns: dict[int, int] = {}  # id(rotation) → sessions of it done so far
    total = 0
    for slot in schedule(plan):
        sessions = sessions_of(plan, slot)
        rows = _wave_rows(sessions, slot.number, plan.cycle)
        key = (id(sessions), *rows)
        if key not in per_week:
            per_week[key] = sum(_items(session, slot.number, plan.cycle)
                                * min(times_a_week(session), MAX_TIMES_A_WEEK)
                                for session in sessions)
        total += per_week[key]
        for rotation in rotations_of(plan, slot):
            for _ in rotation.days if rotation.sessions else ():
                turn = turns.get(id(rotation), 0)
                turns[id(rotation)] = turn + 1
                session = rotation.sessions[turn % len(rotation.sessions)]
                total += _items(session, slot.number, plan.cycle)
    return total


def _wave_rows(sessions: tuple[syntax.Session, ...], week: int, cycle: int | None
               ) -> tuple[int, ...]:
    """Which row each wave of `sessions` does in `week` (by identity)."""
    return tuple(id(item.row_for(week, cycle)) for session in sessions
                 for item in session.items if isinstance(item, syntax.Wave) and item.rows)


def _items(session: syntax.Session, week: int, cycle: int | None) -> int:
    """Items of one doing of the session in `week`: each exercise line and block, a set
    group each, and the wave's row of the week."""
    count = 0
    for item in session.items:
        if isinstance(item, syntax.Block):
            count += 1 + sum(len(line.scheme) or 1 for line in item.items)
        elif isinstance(item, syntax.Wave):
            count += len(item.row_for(week, cycle).scheme) or 1 if item.rows else 0
        elif isinstance(item, syntax.Ladder):
            count += 1 if item.rungs else 0  # one rung a doing
        else:
            count += len(item.scheme) or 1
    return count


def steps_each_session(session: syntax.Session) -> bool:
    """Whether a line of the session progresses each time the session is done
    (`/session`, or a double progression that does), or a ladder climbs: then each
    of its days is an instance of its own."""
    if any(isinstance(item, syntax.Ladder) and item.rungs for item in session.items):
        return True
    for line in session.exercise_lines():
        progress = line.progress
        if progress is not None and progress.period == "session":
            return True
    return False


def times_a_week(session: syntax.Session) -> int:
    """How many instances of the session a week expands to: one a day where each
    doing differs, the lower bound of `N-M per week`, else one (holding its days)."""
    if session.per_week is not None:
        return max(session.per_week.low, 0)
    if steps_each_session(session):
        return max(len(session.days), 1)
    return 1


@attrs.frozen
class OverBudget:
    """A plan the expansion does not build: it expands to more than MAX_PLAN_ITEMS,
    or with the plans before it in the file to more than MAX_EXPANDED_ITEMS (the
    WOL003 rule words it)."""

    plan: syntax.Plan
    items: int  # the plan's own items
    file_items: int  # the items of the plans of the file up to this one, this one included

    @property
    def alone(self) -> bool:
        """Whether the plan is too big on its own (else: with the plans before it)."""
        return self.items > MAX_PLAN_ITEMS


def over_budget(plans: tuple[syntax.Plan, ...]) -> dict[int, OverBudget]:
    """id(plan) → why it is not expanded, for the plans past the expansion budget.

    Plans are counted in file order; one too big alone, or whose items would take the
    file past the budget, is left out, and the plans after it are counted against what
    remains."""
    out: dict[int, OverBudget] = {}
    used = 0
    for plan in plans:
        items = expanded_items(plan)
        if items > MAX_PLAN_ITEMS or used + items > MAX_EXPANDED_ITEMS:
            out[id(plan)] = OverBudget(plan, items, used + items)
        else:
            used += items
    return out


def first_monday(plan: syntax.Plan) -> datetime.date | None:
    """The Monday of week 1: the Monday on or before `start`; None without a valid start,
    or when the plan's weeks run past the calendar's last day (31 December 9999)."""
    if plan.start is None:
        return None
    try:
        start = datetime.date.fromisoformat(plan.start)
    except ValueError:
        return None  # WOL003 reports it; the weeks are numbered only
    monday = start - datetime.timedelta(days=start.weekday())
    return None if past_calendar(monday, plan.week_count) else monday


def past_calendar(monday: datetime.date, weeks: int) -> bool:
    """Whether `weeks` weeks (as the expansion builds them) from `monday` end after
    datetime.date.max: the dates of such a plan cannot be written (WOL003 says so)."""
    days_left = (datetime.date.max - monday).days
    return 7 * min(weeks, MAX_WEEKS) - 1 > days_left
