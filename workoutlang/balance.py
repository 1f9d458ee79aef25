"""The plan's balance: sets a week per group of coverage tags (core, posterior chain,
single-leg, quad-dominant, mobility & balance), drawn as a chart in the html and pdf
plan and printed as a table at the end of `workoutlang show`.

The sets are counted by stats.tagged_sets, as `check --stats` counts each tag's, so
the three agree. Consecutive weeks with the same sets (and the same deload) are one
run: one bar group, one row.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .checks.definitions import COVERAGE_TAGS
from .expand import WeekInstance
from .review_data import TAG_GROUPS
from .review_text import GROUP_TITLES
from .stats import RETAGGED_MARK, Retags, reaches_by_retag, retags_text, tagged_sets

# plyometric is a dose (WOL110's foot contacts a session), not a part of the body the
# plan balances against the others
DOSE_TAG = "plyometric"


def _groups() -> dict[str, frozenset[str]]:
    """Each coverage tag in COVERAGE_TAGS's order, gathered as the review's TAG_GROUPS
    gather them (mobility and balance as one group, as WOL107 covers them)."""
    groups: dict[str, frozenset[str]] = {}
    for tag in COVERAGE_TAGS:
        if tag != DOSE_TAG:
            name = next((group for group, tags in TAG_GROUPS.items() if tag in tags), tag)
            groups[name] = groups.get(name, frozenset()) | {tag}
    return groups


GROUPS = _groups()
TITLES = {**GROUP_TITLES, "quad_dominant": "Quad-dominant"}  # the review has no quad group
assert TITLES.keys() == GROUPS.keys()


@attrs.frozen
class BalanceRun:
    """Consecutive weeks with the same sets in every group."""

    first: int
    last: int
    deload: bool
    sets: tuple[float, ...]  # a number per group of GROUPS, in its order
    # per group: some of its sets count there only by a tag the file added (WOL113)
    retagged: tuple[bool, ...]

    @property
    def weeks(self) -> str:
        """`1-3`, `4`."""
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    @property
    def label(self) -> str:
        """`Weeks 1-3`, `Week 4 (deload)`: the run named in full."""
        word = "Week" if self.first == self.last else "Weeks"
        return f"{word} {self.weeks}" + " (deload)" * self.deload


def week_sets(week: WeekInstance) -> tuple[float, ...]:
    """The week's sets in each group of GROUPS."""
    return tuple(tagged_sets(week, tags) for tags in GROUPS.values())


def runs(weeks: Sequence[WeekInstance], retags: Retags | None = None
         ) -> tuple[BalanceRun, ...]:
    """The weeks' sets per group, equal consecutive weeks as one run; `retags` (what
    the file retagged, stats.Retags) marks the groups some sets reach only so."""
    out: list[BalanceRun] = []
    for week in weeks:
        sets = week_sets(week)
        moved = tuple(reaches_by_retag(week, tags, retags or {}) for tags in GROUPS.values())
        last = out[-1] if out else None
        if last is not None and (last.sets, last.retagged, last.deload, last.last) == \
                (sets, moved, week.deload, week.number - 1):
            out[-1] = attrs.evolve(last, last=week.number)
        else:
            out.append(BalanceRun(week.number, week.number, week.deload, sets, moved))
    return tuple(out)


def number(value: float) -> str:
    return f"{value:g}"


def table_rows(found: Sequence[BalanceRun]) -> list[tuple[str, ...]]:
    """The table `show` prints: a heading row, then a row a run (`4 deload`)."""
    headings = ("weeks", *(TITLES[group].lower() for group in GROUPS))
    return [headings, *((run.weeks + " deload" * run.deload,
                         *(number(sets) + RETAGGED_MARK * moved
                           for sets, moved in zip(run.sets, run.retagged, strict=True)))
                        for run in found)]


def retagged_note(found: Sequence[BalanceRun], retags: Retags) -> str | None:
    """The line under a table with marked cells: which exercises the file retagged."""
    if not any(any(run.retagged) for run in found):
        return None
    return (f"{RETAGGED_MARK} counts sets by a tag this file adds to a built-in exercise "
            f"(WOL113): {retags_text(retags)}")
