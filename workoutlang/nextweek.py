"""What comes next: the plan's coming sessions worked out from a training log.

`coming(plan_file, log_file)` replays the log over the plan (logbook.replayed) and
keeps the doings still to come: the rest of the week the log reaches into, or the
next N sessions. The result is a Program like `compile`'s, so every target writes
it: the FIT files carry the loads, reps and rungs the log earned to the watch.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from . import syntax
from .errors import WorkoutlangError
from .expand import ExpandedPlan, Program
from .logbook import Doing, Matching, replayed

__all__ = ["Coming", "NothingLeft", "coming", "next_week", "pick"]


class NothingLeft(WorkoutlangError):
    """The log already reaches past the plan's last session."""


class NoLog(WorkoutlangError):
    """There is no log to follow, or no plan for it."""


@attrs.frozen
class Coming:
    """The coming sessions as a Program (only their weeks, only their doings), and
    where the log left the plan."""

    program: Program
    matching: Matching
    doings: tuple[Doing, ...]


def pick(plan_file: syntax.PlanFile, log_file: syntax.PlanFile
         ) -> tuple[syntax.Plan, syntax.Log]:
    """The log, and the plan it follows: the plan it names, else the only plan."""
    if not log_file.logs:
        raise NoLog(f"{log_file.filename or 'the log'}: holds no log: start one with "
                    'log "PLAN NAME": and a dated entry a session')
    plans = plan_file.plans
    for log in log_file.logs:
        for plan in plans:
            if plan.name == log.plan:
                return plan, log
    log = log_file.logs[0]
    if len(plans) == 1:
        return plans[0], log  # WOL201 warns that the names differ
    names = ", ".join(f'"{p.name}"' for p in plans) or "none"
    raise NoLog(f'no plan named "{log.plan}" for the log to follow (plans: {names})',
                log.span)


def coming(plan: syntax.PlanFile | Program, log_file: syntax.PlanFile,
           sessions: int | None = None) -> Coming:
    """The coming week's sessions still to do (or the next `sessions` sessions), as
    the log says the plan now stands. `plan`: the plan file, or the program `check`
    built of it (then it is not checked again); the checks' findings are in the
    result's `program.diagnostics`."""
    from .compiler import build_program

    program = plan if isinstance(plan, Program) else build_program(plan)
    plan_file = program.tree
    plan_line, log = pick(plan_file, log_file)
    went, matching = replayed(plan_line, log, program.catalogue)
    # the times a `N-M per week` session may also be done are not worked out ahead
    ahead = [d for d in matching.to_come() if not d.optional]
    if not ahead:
        raise NothingLeft(f'the log reaches the end of plan "{plan_line.name}": no session '
                          "is left to do", log.span)
    chosen = ahead[:sessions] if sessions else [d for d in ahead if d.week == ahead[0].week]
    weeks = []
    for week in went.weeks:
        mine = [d for d in chosen if d.week == week.number]
        if mine:
            weeks.append(attrs.evolve(week, sessions=tuple(d.session for d in mine)))
    expanded = ExpandedPlan(plan_line, tuple(weeks))
    return Coming(attrs.evolve(program, plans=(expanded,)), matching, tuple(chosen))


def next_week(plan_file: syntax.PlanFile, log_file: syntax.PlanFile | None = None,
              sessions: int | None = None) -> dict[str, Any]:
    """The coming sessions as plain data: the JSON target's document (schema
    workoutlang/plan@1) holding only them. `log_file` defaults to `plan_file`."""
    from .backends import emit

    found = coming(plan_file, log_file or plan_file, sessions)
    data: dict[str, Any] = json.loads(emit(found.program, "json"))  # type: ignore[arg-type]
    return data
