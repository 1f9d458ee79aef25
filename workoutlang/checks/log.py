"""WOL201-WOL204: a training log against the plan it follows.

A log follows the plan it names (`log "Runner strength, base":`), from the same file
or from one given with `workoutlang check LOG --plan PLAN`. Where the entries fall is
workoutlang.logbook's `match`; the rules here say what does not fit. With no plan at
hand (a log checked alone) they say nothing: the log's values are still checked
(WOL002-WOL004).
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Iterator

from .. import syntax
from ..catalogue import Catalogue
from ..diagnostics import Diagnostic, Fix, make
from ..expand import ExpandedPlan, SessionInstance
from ..logbook import Matching, entry_date, match
from .context import Context, FollowedLog

__all__ = ["date_outside_plan", "follow", "logged_twice", "unmatched_entry",
           "unplanned_exercise"]


def follow(tree: syntax.PlanFile, catalogue: Catalogue, plans: tuple[ExpandedPlan, ...],
           plan_files: Iterable[syntax.PlanFile] = ()) -> tuple[FollowedLog, ...]:
    """Each log of `tree` with the plan it follows: the plan of its name among the
    file's (`plans`, expanded with `catalogue`) and those of `plan_files`; else, when
    exactly one plan is at hand, that one; else none."""
    if not tree.logs:
        return ()
    at_hand: dict[str, tuple[ExpandedPlan, Catalogue]] = {}
    for expanded in plans:
        at_hand.setdefault(expanded.plan.name, (expanded, catalogue))
    for plan_file in plan_files:
        if plan_file is tree:
            continue
        from . import build_context  # here: the package imports this module

        other = build_context(plan_file)
        merged = catalogue.with_definitions(plan_file.exercises)
        for expanded in other.plans:
            at_hand.setdefault(expanded.plan.name, (expanded, merged))
    names = tuple(at_hand)
    out = []
    for log in tree.logs:
        found, by_name = at_hand.get(log.plan), True
        if found is None and len(at_hand) == 1:
            found, by_name = next(iter(at_hand.values())), False
        if found is None:
            out.append(FollowedLog(log, catalogue, None, True, names))
            continue
        expanded, merged = found
        matching = match(expanded, log) if expanded.over_budget is None else None
        out.append(FollowedLog(log, merged, matching, by_name, names))
    return tuple(out)


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _week_dates(matching: Matching, week: int) -> str:
    assert matching.monday is not None
    monday = matching.monday + datetime.timedelta(weeks=week - 1)
    return f"{monday.isoformat()} – {(monday + datetime.timedelta(days=6)).isoformat()}"


def unmatched_entry(context: Context) -> Iterator[Diagnostic]:
    """A log entry that matches no planned session, or a log whose plan is not found.

    An entry matches no session when that week of the plan has no session of its
    name, or every one of them is already logged on other days.

    Bad:
        plan "Base" weeks 4 start 2027-03-01:
          session "Lower" on tue:
            romanian_deadlift 3x8
          session "Upper" on fri:
            push_up 3x10
        log "Base":
          2027-03-02 "Lower body":
            romanian_deadlift 8, 8, 8
    Good:
        log "Base":
          2027-03-02 "Lower":
            romanian_deadlift 8, 8, 8

    An entry finds its session by name, in the week of its date: week 1 starts the
    Monday of the plan's `start` (without one, the Monday of the log's first entry).
    A session planned on two days takes two entries that week, one `N-M per week`
    takes up to M. A log follows the plan of its name in its file, or one given with
    `workoutlang check LOG --plan PLAN`; when no plan has its name and exactly one
    plan is at hand, the log is checked against that one, and this warning says so.
    With no plan at hand, the log's entries are not matched at all.
    """
    for followed in context.logs:
        log = followed.log
        if not followed.by_name:
            yield _other_plan(log, followed.plans_at_hand[0])
        elif followed.matching is None and followed.plans_at_hand:
            yield _no_plan(log, followed.plans_at_hand)
        if followed.matching is not None:
            yield from _unmatched(followed.matching)


def _other_plan(log: syntax.Log, name: str) -> Diagnostic:
    written = f'"{name}"'
    return make("WOL201", log.name_span,
                f'no plan is named "{log.plan}": this log is checked against the only plan '
                f"at hand, {written}",
                f"write log {written} if it follows that plan",
                fixes=(Fix(f"Replace with {written}", log.name_span, written),))


def _no_plan(log: syntax.Log, names: tuple[str, ...]) -> Diagnostic:
    close = _nearest(log.plan, names)
    hint = (f'did you mean "{close[0]}"?' if close else
            "write the name of the plan it follows, or give its file with --plan PLAN")
    fixes = (Fix(f'Replace with "{close[0]}"', log.name_span, f'"{close[0]}"'),) \
        if close else ()
    return make("WOL201", log.name_span,
                f'no plan "{log.plan}" is at hand, so the log is not matched: the plans are '
                f"{_quoted(names)}", hint, fixes=fixes)


def _nearest(name: str, names: list[str] | tuple[str, ...]) -> list[str]:
    """The name `name` most likely misspells, if any: the same but for case and
    spacing, a name it begins (or that begins it), or one a letter or two away
    ("Upper body" is no misspelling of "Lower body")."""
    def squashed(text: str) -> str:
        return "".join(text.lower().split())

    for other in names:
        if squashed(other) == squashed(name) or squashed(other).startswith(squashed(name)) \
                or squashed(name).startswith(squashed(other)):
            return [other]
    return difflib.get_close_matches(name, names, n=1, cutoff=0.85)


def _unmatched(matching: Matching) -> Iterator[Diagnostic]:
    """The entries the logbook placed on no doing (a doing is a session on one of its
    days, and `N-M per week` may be done up to M times)."""
    for entry in matching.unmatched:
        date = entry_date(entry)
        assert date is not None and matching.monday is not None  # placed in a week
        week = (date - matching.monday).days // 7 + 1
        doings = [d for d in matching.doings if d.week == week]
        capacity = sum(1 for d in doings if d.session.name == entry.session)
        earlier = sorted((e for d in doings if d.session.name == entry.session
                          and (e := matching.entry_of(d)) is not None), key=lambda e: e.date)
        when = f"week {week} ({_week_dates(matching, week)})"
        if capacity:
            times = {1: "once", 2: "twice"}.get(capacity, f"{capacity} times")
            days = ", ".join(e.date for e in earlier)
            yield make("WOL201", entry.span,
                       f'session "{entry.session}" is planned {times} in {when} and is '
                       f"already logged on {days}: this entry matches no planned session",
                       "check the date, or the session's name",
                       related=tuple((e.span, "logged here") for e in earlier))
            continue
        names = list(dict.fromkeys(d.session.name for d in doings))
        close = _nearest(entry.session, names)
        that_week = f"the sessions that week are {_quoted(names)}" if names else \
            "that week has no sessions"
        hint = f'did you mean "{close[0]}"?' if close else \
            "check the date, or write the name of a session planned that week"
        fixes = (Fix(f'Replace with "{close[0]}"', entry.session_span, f'"{close[0]}"'),) \
            if close else ()
        yield make("WOL201", entry.session_span,
                   f'no session "{entry.session}" is planned in {when}: {that_week}', hint,
                   fixes=fixes)


def unplanned_exercise(context: Context) -> Iterator[Diagnostic]:
    """A logged exercise that the session it is logged under does not have.

    Bad:
        plan "Base" weeks 4 start 2027-03-01:
          session "Lower" on tue:
            romanian_deadlift 3x8
            plank 3x45s
        log "Base":
          2027-03-02 "Lower":
            romanian_deadlift 8, 8, 8
            side_plank 30s, 30s each_side
    Good:
        log "Base":
          2027-03-02 "Lower":
            romanian_deadlift 8, 8, 8
            plank 45s, 45s, 45s

    Names are compared after aliases (`rdl` is romanian_deadlift). Every rung of a
    ladder counts as the session's: a rung the athlete moved up to early, logged
    under its own name, is not reported. An exercise done instead of a planned one
    counts for nothing toward the planned line: log the swap under the planned name
    if it should count.
    """
    for followed in context.logs:
        matching = followed.matching
        if matching is None:
            continue
        catalogue = followed.catalogue
        for week, entry, sessions in _placed(matching):
            planned: dict[str, str] = {}  # exercise → the name the plan gives it
            for session in sessions:
                for line in session.session.exercise_lines():
                    exercise = catalogue.lookup(line.name)
                    if exercise is not None:
                        planned.setdefault(exercise.name, line.name)
            for done in entry.lines:
                exercise = catalogue.lookup(done.name)
                if exercise is None or exercise.name in planned:
                    continue  # an unknown name is WOL002's
                yield make("WOL202", done.name_span,
                           f'{done.name} is not in session "{entry.session}" (week {week}): '
                           f"its exercises are {', '.join(planned.values())}",
                           "if it replaced a planned exercise, log it under that name; "
                           "otherwise add it to the plan, or check the entry's session")


def _placed(matching: Matching) -> Iterator[tuple[int, syntax.Entry, list[SessionInstance]]]:
    """(week, entry, that week's instances of its session) for each entry that falls in
    a week of the plan, once a day, under a session planned that week."""
    skip = {id(entry) for entry in (*matching.outside, *matching.twice)}
    weeks: dict[int, list[SessionInstance]] = {}
    for doing in matching.doings:
        weeks.setdefault(doing.week, []).append(doing.session)
    for entry in matching.log.entries:
        date = entry_date(entry)
        if id(entry) in skip or date is None or matching.monday is None:
            continue
        week = (date - matching.monday).days // 7 + 1
        sessions = [s for s in weeks.get(week, ()) if s.name == entry.session]
        if sessions:
            yield week, entry, sessions


def date_outside_plan(context: Context) -> Iterator[Diagnostic]:
    """A log date before week 1's Monday or after the last week's Sunday.

    Bad:
        plan "Base" weeks 2 start 2027-03-01:
          session "Lower" on tue:
            romanian_deadlift 3x8
        log "Base":
          2027-02-23 "Lower":
            romanian_deadlift 8, 8, 8
    Good:
        log "Base":
          2027-03-02 "Lower":
            romanian_deadlift 8, 8, 8

    Week 1 starts the Monday of the plan's `start`, or without one the Monday of the
    log's first entry. A date that is no real date (2027-02-30) is WOL003.
    """
    for followed in context.logs:
        matching = followed.matching
        if matching is None or matching.monday is None:
            continue  # a plan start that is no date is WOL003's
        weeks = len(matching.plan.weeks)
        first = matching.monday
        last = first + datetime.timedelta(weeks=weeks, days=-1)
        name = matching.plan.plan.name
        for entry in matching.outside:
            date = entry_date(entry)
            if date is None:
                continue
            if date < first:
                where = f'before week 1 of "{name}", which starts on {first.isoformat()}'
            else:
                where = (f'after the last week of "{name}" (week {weeks} ends on '
                         f"{last.isoformat()})")
            start = "the plan's `start`" if matching.plan.plan.start is not None else \
                "give the plan a `start` (without one, week 1 is the log's first week)"
            yield make("WOL203", entry.date_span, f"{entry.date} is {where}",
                       f"check the date, or {start}")


def logged_twice(context: Context) -> Iterator[Diagnostic]:
    """The same session logged twice on one day: the second entry is reported.

    Bad:
        plan "Base" weeks 2 start 2027-03-01:
          session "Lower" on tue, fri:
            romanian_deadlift 3x8
        log "Base":
          2027-03-02 "Lower":
            romanian_deadlift 8, 8, 8
          2027-03-02 "Lower":
            romanian_deadlift 8, 8
    Good:
        log "Base":
          2027-03-02 "Lower":
            romanian_deadlift 8, 8, 8
          2027-03-05 "Lower":
            romanian_deadlift 8, 8
    """
    for followed in context.logs:
        matching = followed.matching
        if matching is None:
            continue
        for entry in matching.twice:
            first = next(e for e in followed.log.entries if e is not entry
                         and e.date == entry.date and e.session == entry.session)
            yield make("WOL204", entry.span,
                       f'session "{entry.session}" is logged twice on {entry.date}: keep one '
                       f"entry (the first is on line {first.span.line})",
                       "put everything done that day in one entry, or check the date",
                       related=((first.span, "the first entry"),))
