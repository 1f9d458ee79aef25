"""WOL011: what a calendar (the ics target) cannot put on a day, said when compiling to it."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, make
from .context import Context

CALENDAR_TARGETS = ("ics",)


def no_calendar_day(context: Context) -> Iterator[Diagnostic]:
    """A session written `N per week` has no day, so the calendar cannot put it on one:
    compiled to ics, it is an all-day event across each of its weeks ("Single-leg
    (1–2 × a week, any day)"), and this warning says so (only when compiling to ics;
    the other outputs show it as done N times a week). Give it days to have it at a
    time on those days.

    Bad:
        plan "Add-on" weeks 6 supplement start 2027-01-04:
          session "Single-leg" 1-2 per week:
            step_up 3x8-12 @ 8kg each_leg progress double +2kg
    Good:
        plan "Add-on" weeks 6 supplement start 2027-01-04:
          session "Single-leg" on wed:
            step_up 3x8-12 @ 8kg each_leg progress double +2kg
    """
    if not any(target in CALENDAR_TARGETS for target in context.targets):
        return
    for plan in context.tree.plans:
        for session in plan.all_sessions():
            often = session.per_week
            if often is None:
                continue
            times = str(often.low) if often.low == often.high else f"{often.low}-{often.high}"
            yield make("WOL011", often.span,
                       f'session "{session.name}" has no days ({times} per week): the '
                       "calendar shows it as an all-day event across each week",
                       "write `on DAY` (e.g. on wed) instead to have it on a day")
