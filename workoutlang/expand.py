"""Expansion: the written plan → concrete weeks → sessions → exercises.

One pass applies week blocks, deloads and progressions; every output and the
week-level checks read its result, never the template directly.
"""

from __future__ import annotations

import datetime

import attrs

from . import syntax
from .catalogue import Catalogue, Exercise
from .diagnostics import Diagnostic


@attrs.frozen
class ConcreteLoad:
    """A load in one week. `kg` is the weight in kilograms (SI) where there is one;
    `amount`/`unit` keep what the author wrote (after progression/deload)."""

    kind: str  # weight, bodyweight, percent_1rm, rpe, rir, band
    amount: float | None
    unit: str | None
    kg: float | None
    level: str | None
    text: str


@attrs.frozen
class Item:
    """One exercise line as done in one week."""

    line: syntax.ExerciseLine
    exercise: Exercise
    sets: int | None  # None: a bare per-round prescription inside a superset/circuit
    reps_min: int | None
    reps_max: int | None
    duration_s: int | None
    max_effort: bool
    load: ConcreteLoad | None
    tempo: tuple[int | None, ...] | None
    side: str | None
    rest_s: int | None
    note: str | None


@attrs.frozen
class BlockInstance:
    """A warmup, cooldown, superset or circuit as done in one week."""

    block: syntax.Block
    kind: str
    rounds: int | None
    rest_s: int | None
    items: tuple[Item, ...]


@attrs.frozen
class SessionInstance:
    session: syntax.Session
    name: str
    days: tuple[str, ...]
    items: tuple[Item | BlockInstance, ...]

    def all_items(self) -> tuple[Item, ...]:
        """Every exercise of the session, blocks flattened."""
        out: list[Item] = []
        for entry in self.items:
            out.extend(entry.items if isinstance(entry, BlockInstance) else (entry,))
        return tuple(out)


@attrs.frozen
class WeekInstance:
    number: int  # 1-based
    deload: bool
    deload_percent: float | None
    sessions: tuple[SessionInstance, ...]
    # where the week's sessions were written: a week block header, or the plan header
    span: syntax.Span
    # Monday of the week when the plan has a start date
    monday: datetime.date | None


@attrs.frozen
class ExpandedPlan:
    plan: syntax.Plan
    weeks: tuple[WeekInstance, ...]


@attrs.frozen
class Program:
    """Everything a backend needs: the tree, the exercises it may name, the
    expanded plans and what the checks found."""

    tree: syntax.PlanFile
    catalogue: Catalogue
    plans: tuple[ExpandedPlan, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


def expand(plan: syntax.Plan, catalogue: Catalogue) -> tuple[ExpandedPlan, list[Diagnostic]]:
    """Expand one plan; the diagnostics are warnings about clamped values."""
    raise NotImplementedError  # filled in by the multi-week work


def week_blocks_problems(plan: syntax.Plan) -> list[tuple[str, syntax.Span, syntax.Span | None]]:
    """Week blocks that overlap or fall outside the plan: (message, span, other span)."""
    return []  # placeholder until the multi-week work lands
