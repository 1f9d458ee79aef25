"""The calendar of a plan: which sessions each week holds, which weeks are deloads.

Pure functions over the syntax tree, shared by the expansion and the WOL003
check, so that the weeks the check complains about are exactly the week blocks
the expansion ignores (as data: the check words them). See docs/weeks.md.
"""

from __future__ import annotations

import datetime
from typing import Literal

import attrs

from . import syntax
from .limits import MAX_WEEKS

DEFAULT_DELOAD_PERCENT = 60.0


@attrs.frozen
class WeekSlot:
    """One week of a plan before its exercises are worked out."""

    number: int  # 1-based
    block: syntax.Week | None  # the week block that writes it; None: the template
    deload_percent: float | None  # what loads and volume drop to; None: not a deload


def sessions_of(plan: syntax.Plan, slot: WeekSlot) -> tuple[syntax.Session, ...]:
    """The sessions written for this week: its block's, or the plan's template."""
    return slot.block.sessions if slot.block is not None else plan.sessions


@attrs.frozen
class BlockProblem:
    """A week block the expansion does not use, and why (the WOL003 rule words it)."""

    week: syntax.Week
    # reversed (`week 4-2`), before-first (`week 0`), outside (past the plan's weeks),
    # or overlap (with `other`, an earlier usable block)
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
    problems: list[BlockProblem] = []
    for week in plan.weeks:
        if week.first > week.last:
            problems.append(BlockProblem(week, "reversed", count))
        elif week.first < 1:
            problems.append(BlockProblem(week, "before-first", count))
        elif week.last > count:
            problems.append(BlockProblem(week, "outside", count))
        else:
            other = next((k for k in kept if k.first <= week.last and week.first <= k.last), None)
            if other is None:
                kept.append(week)
                continue
            problems.append(BlockProblem(week, "overlap", count, other))
    return kept, problems


def week_blocks_problems(plan: syntax.Plan) -> list[BlockProblem]:
    """Week blocks that are reversed, out of range or overlapping (WOL003), in source order."""
    return _usable_blocks(plan)[1]


def schedule(plan: syntax.Plan) -> list[WeekSlot]:
    """Every week of the plan (at most MAX_WEEKS) with its block and deload."""
    blocks, _ = _usable_blocks(plan)
    every = plan.deload_every
    slots = []
    for number in range(1, min(plan.week_count, MAX_WEEKS) + 1):
        block = next((b for b in blocks if b.first <= number <= b.last), None)
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


def first_monday(plan: syntax.Plan) -> datetime.date | None:
    """The Monday of week 1: the Monday on or before `start`; None without a valid start."""
    if plan.start is None:
        return None
    try:
        start = datetime.date.fromisoformat(plan.start)
    except ValueError:
        return None  # WOL003 reports it; the weeks are numbered only
    return start - datetime.timedelta(days=start.weekday())
