"""The calendar of a plan: which sessions each week holds, which weeks are deloads.

Pure functions over the syntax tree, shared by the expansion and the WOL003
check, so that the weeks the check complains about are exactly the week blocks
the expansion ignores. See docs/weeks.md.
"""

from __future__ import annotations

import datetime

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


def _range_text(week: syntax.Week) -> str:
    return f"week {week.first}" if week.first == week.last else f"week {week.first}-{week.last}"


Problem = tuple[str, syntax.Span, syntax.Span | None]  # message, block header, other header


def _usable_blocks(plan: syntax.Plan) -> tuple[list[syntax.Week], list[Problem]]:
    """The week blocks the expansion uses, and the problems with the others.

    Blocks are taken in source order; one that is reversed, outside 1..weeks or
    overlapping an earlier usable block is not used.
    """
    count = plan.week_count
    kept: list[syntax.Week] = []
    problems: list[Problem] = []
    for week in plan.weeks:
        text = _range_text(week)
        if week.first > week.last:
            problems.append((f"the week range {week.first}-{week.last} is reversed: write "
                             f"{week.last}-{week.first}", week.span, None))
        elif week.first < 1:
            problems.append((f"{text}: weeks are numbered from 1", week.span, None))
        elif week.last > count:
            weeks = f"{count} week{'s' * (count != 1)}"
            problems.append((f"{text} is outside the plan's {weeks}: add `weeks {week.last}` "
                             "to the plan header, or change the range", week.span, None))
        else:
            other = next((k for k in kept if k.first <= week.last and week.first <= k.last), None)
            if other is None:
                kept.append(week)
                continue
            low, high = max(week.first, other.first), min(week.last, other.last)
            both = f"week {low}" if low == high else f"weeks {low}-{high}"
            problems.append((f"{text} overlaps {_range_text(other)} on line {other.span.line}: "
                             f"{both} would have two blocks; give each week one block",
                             week.span, other.span))
    return kept, problems


def week_blocks_problems(plan: syntax.Plan) -> list[Problem]:
    """Week blocks that are reversed, out of range or overlapping (WOL003):
    (message, the block's header span, the other block's header span for an overlap)."""
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
