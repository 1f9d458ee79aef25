"""`check --stats`: per plan and week, the numbers the coaching checks judged, so a
coach sees why a check passed (or failed).

Each figure is one function in `FIGURES`, taking the plan, one of its weeks and
what the file retagged, and returning a `Figure`: a key, the checks that read it, and its
values. A new check's numbers are one more function in that tuple; the text
table and the JSON grow a column and a key. Volumes are read from
checks/weeks.py (`session_volumes`, `week_volumes`), never recounted here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from . import syntax
from .checks.definitions import COVERAGE_TAGS, retagged
from .checks.dose import DOSED, foot_contacts, session_seconds, week_dose
from .checks.progression import longest_progression_run, steepest_rises
from .checks.weeks import session_volumes, volume_shares, week_volumes
from .diagnostics import CODES
from .expand import BlockInstance, ExpandedPlan, SessionInstance, WeekInstance
from .limits import MAX_WEEKS_WITHOUT_DELOAD


def _tag_checks(tag: str) -> tuple[str, ...]:
    """The registered codes that read `tag` (a code still to come is left out)."""
    return tuple(code for code in COVERAGE_TAGS[tag] if code in CODES)


# exercise name → the coverage tags this file added to that built-in exercise
Retags = Mapping[str, frozenset[str]]
RETAGGED_MARK = "*"  # on a figure (or `show` cell) that counts such a tag


@attrs.frozen
class Figure:
    """One number (or a few that go together, such as sets and reps) of one week."""

    key: str  # the JSON key and the column heading
    codes: tuple[str, ...]  # the checks that read it
    values: tuple[tuple[str, float], ...]  # ("sets", 6), ("reps", 48)
    # how much of each value comes from a tag an `exercise` block added to a built-in
    # exercise (WOL113): shown with a `*`
    retagged: tuple[tuple[str, float], ...] = ()

    @property
    def cell(self) -> str:
        text = "/".join(f"{value:g}" for _, value in self.values)
        return text + RETAGGED_MARK * any(value for _, value in self.retagged)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"checks": list(self.codes), **_numbers(self.values)}
        if any(value for _, value in self.retagged):
            out["retagged"] = _numbers(self.retagged)
        return out


# a figure of one week of a plan (the plan: for figures that compare weeks, such as
# a progression from the week before)
FigureOf = Callable[[ExpandedPlan, WeekInstance, Retags], Figure]


def _numbers(values: tuple[tuple[str, float], ...]) -> dict[str, float | int]:
    """Whole numbers as ints in JSON (6, not 6.0); halves (a `left` line) stay."""
    return {key: int(value) if value == int(value) else value for key, value in values}


def _times(session: SessionInstance) -> int:
    """How often a session is done in its week, as WOL106 and WOL105 count: once a
    day it is on, once when it has no days."""
    return max(len(session.days), 1)


def sessions(plan: ExpandedPlan, week: WeekInstance, retags: Retags) -> Figure:
    """Strength sessions in the week, as WOL106 counts them."""
    return Figure("sessions", ("WOL106",), (("sessions", sum(map(_times, week.sessions))),))


def _session_sets(session: SessionInstance) -> list[tuple[str, frozenset[str], float]]:
    """(exercise name, tags, sets) of every item, a block's rounds multiplying its
    items' sets (a bare per-round line is one set a round), as session_volumes does."""
    out = []
    for entry in session.items:
        rounds = entry.rounds or 1 if isinstance(entry, BlockInstance) else 1
        for item in entry.items if isinstance(entry, BlockInstance) else (entry,):
            out.append((item.exercise.name, item.exercise.tags, float(rounds * (item.sets or 1))))
    return out


def tagged_sets(week: WeekInstance, tags: frozenset[str]) -> float:
    """Sets in the week of the exercises with any of `tags` (one with two of them counted
    once), as the tag figures count them: for a group of tags (balance.py's chart and
    `show` table), so that those agree with this table."""
    return sum((count * _times(session) for session in week.sessions
                for _, item_tags, count in _session_sets(session) if item_tags & tags), 0.0)


def reaches_by_retag(week: WeekInstance, tags: frozenset[str], retags: Retags) -> bool:
    """Whether some of the week's sets count toward `tags` only by a tag the file added
    to a built-in exercise (WOL113)."""
    return any(item_tags & tags and item_tags & tags <= retags.get(name, frozenset())
               for session in week.sessions
               for name, item_tags, _ in _session_sets(session))


def _tag_figure(tag: str) -> FigureOf:
    def tag_volume(plan: ExpandedPlan, week: WeekInstance, retags: Retags) -> Figure:
        sets = reps = sets_retagged = reps_retagged = 0.0
        for session in week.sessions:
            times = _times(session)
            for name, tags, count in _session_sets(session):
                if tag in tags:
                    sets += count * times
                    sets_retagged += count * times * (tag in retags.get(name, ()))
            for item, volume in session_volumes(session):
                if tag in item.exercise.tags:
                    reps += volume * times
                    reps_retagged += volume * times * (tag in retags.get(item.exercise.name, ()))
        return Figure(tag, _tag_checks(tag), (("sets", sets), ("reps", reps)),
                      (("sets", sets_retagged), ("reps", reps_retagged)))

    tag_volume.__doc__ = f"Sets and reps per leg of {tag} exercises in the week."
    return tag_volume


def quad_posterior(plan: ExpandedPlan, week: WeekInstance, retags: Retags) -> Figure:
    """WOL105's quad-dominant and posterior-chain volume (checks.weeks.week_volumes)."""
    quad, posterior = week_volumes(week)
    # the share of a retagged exercise's volume WOL105 gives the retagged side
    moved = {tag: sum(volume * _times(session) * volume_shares(item.exercise.tags)[side]
                      for session in week.sessions
                      for item, volume in session_volumes(session)
                      if tag in retags.get(item.exercise.name, ()))
             for side, tag in enumerate(("quad_dominant", "posterior_chain"))}
    return Figure("quad/posterior", ("WOL105",),
                  (("quad_dominant", quad), ("posterior_chain", posterior)),
                  tuple(moved.items()))


def plyometric_contacts(plan: ExpandedPlan, week: WeekInstance, retags: Retags) -> Figure:
    """WOL110's figure: the most foot contacts of plyometric work in one session."""
    most = max((sum(count for _, count in foot_contacts(session))
                for session in week.sessions), default=0)
    return Figure("contacts", ("WOL110",), (("most_in_a_session", most),))


def session_minutes(plan: ExpandedPlan, week: WeekInstance, retags: Retags) -> Figure:
    """WOL111's figure: the longest session of the week, as it estimates it, in minutes."""
    longest = max((session_seconds(session) for session in week.sessions), default=0.0)
    return Figure("minutes", ("WOL111",), (("longest_session", round(longest / 60)),))


def working_sets(plan: ExpandedPlan, week: WeekInstance, retags: Retags) -> Figure:
    """WOL112's figure: the week's working sets of core, posterior-chain and single-leg
    work (warm-up and cool-down sets left out)."""
    return Figure("working_sets", ("WOL112",),
                  tuple((tag, float(sets)) for (tag, _), (sets, _, _)
                        in zip(DOSED, week_dose(week), strict=True)))


# every figure, in the order shown (tags in COVERAGE_TAGS's order): add a check's numbers here
FIGURES: tuple[FigureOf, ...] = (
    sessions, *(_tag_figure(tag) for tag in COVERAGE_TAGS), quad_posterior,
    plyometric_contacts, session_minutes, working_sets)


@attrs.frozen
class PlanFigure:
    """A number of the whole plan, for a check that follows lines across weeks: a
    sentence for the table's foot and the same as JSON."""

    key: str
    codes: tuple[str, ...]
    text: str
    data: Mapping[str, object] | None


def rises(plan: ExpandedPlan) -> PlanFigure:
    """WOL108's figures: the steepest rise of a load and of reps, first week to peak."""
    found = steepest_rises(plan)
    words = {"load": "load", "reps": "reps"}
    parts = [f"{words[kind]} {name} {start} to {peak} by week {week} (+{percent} %)"
             for kind, (name, start, peak, week, percent) in found.items()]
    data = {kind: {"exercise": name, "from": start, "to": peak, "week": week,
                   "rise_percent": percent}
            for kind, (name, start, peak, week, percent) in found.items()}
    return PlanFigure("steepest_rise", ("WOL108",),
                      "steepest rise: " + ("; ".join(parts) or "none"), data or None)


def deload_run(plan: ExpandedPlan) -> PlanFigure:
    """WOL109's figures: the longest run of weeks stepping a load with no deload week."""
    found = longest_progression_run(plan)
    if found is None:
        return PlanFigure("weeks_without_deload", ("WOL109",),
                          "weeks without a deload: no week steps a load", None)
    first, last, climb = found
    weeks = last - first + 1
    text = (f"weeks without a deload: {weeks} in a row ({_span(first, last)}; more than "
            f"{MAX_WEEKS_WITHOUT_DELOAD} with a climb over +50 % warns)")
    if climb is not None:
        text += f", the steepest climb {climb[0]} {climb[1]} to {climb[2]}"
    data: dict[str, object] = {"first": first, "last": last, "weeks": weeks}
    if climb is not None:
        data["climb"] = {"exercise": climb[0], "from": climb[1], "to": climb[2]}
    return PlanFigure("weeks_without_deload", ("WOL109",), text, data)


# figures of the whole plan, shown under its table
PLAN_FIGURES: tuple[Callable[[ExpandedPlan], PlanFigure], ...] = (rises, deload_run)


@attrs.frozen
class WeekRun:
    """Consecutive weeks of one plan with the same figures."""

    first: int
    last: int
    deload: bool
    figures: tuple[Figure, ...]


@attrs.frozen
class PlanStats:
    plan: ExpandedPlan
    runs: tuple[WeekRun, ...]
    whole: tuple[PlanFigure, ...] = ()


@attrs.frozen
class FileStats:
    retags: Mapping[str, frozenset[str]]  # what the file retagged (WOL113)
    plans: tuple[PlanStats, ...]


def file_stats(tree: syntax.PlanFile, plans: tuple[ExpandedPlan, ...]) -> FileStats:
    """Every expanded plan's figures, week by week, equal consecutive weeks as one run."""
    retags = file_retags(tree)
    out = []
    for plan in plans:
        runs: list[WeekRun] = []
        for week in plan.weeks:
            figures = tuple(figure(plan, week, retags) for figure in FIGURES)
            last = runs[-1] if runs else None
            if last is not None and (last.figures, last.deload, last.last) == \
                    (figures, week.deload, week.number - 1):
                runs[-1] = attrs.evolve(last, last=week.number)
            else:
                runs.append(WeekRun(week.number, week.number, week.deload, figures))
        out.append(PlanStats(plan, tuple(runs), tuple(f(plan) for f in PLAN_FIGURES)))
    return FileStats(retags, tuple(out))


def to_dict(stats: FileStats) -> dict[str, object]:
    """The JSON face: what the file retagged, and a plan each with its week runs and
    their figures by key."""
    return {
        "retagged": {name: sorted(tags) for name, tags in sorted(stats.retags.items())},
        "plans": [{
            "plan": s.plan.plan.name,
            "supplement": s.plan.plan.supplement,
            "weeks": [{"first": run.first, "last": run.last, "deload": run.deload,
                       **{f.key: f.to_dict() for f in run.figures}} for run in s.runs],
            **{f.key: {"checks": list(f.codes), "figures": f.data} for f in s.whole},
        } for s in stats.plans],
    }


def render_text(stats: FileStats) -> str:
    """A table a plan: a row per run of equal weeks, a column per figure."""
    lines: list[str] = []
    for s in stats.plans:
        plan = s.plan.plan
        note = " (supplement: coverage and frequency not checked)" if plan.supplement else ""
        lines.append(f'plan "{plan.name}"{note}')
        if not s.runs:
            lines += ["  not expanded (WOL003)", ""]
            continue
        headings = ["week", *(f.key for f in s.runs[0].figures)]
        rows = [[_weeks(run), *(f.cell for f in run.figures)] for run in s.runs]
        widths = [max(len(row[i]) for row in [headings, *rows]) for i in range(len(headings))]
        for row in [headings, *rows]:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            lines.append("  " + "  ".join(cells).rstrip())
        lines += [f"  {figure.text} ({', '.join(figure.codes)})" for figure in s.whole]
        lines.append("")
    if stats.plans:
        lines.append("tags: sets/reps per leg (timed work a rep per 4 s, max sets their "
                     "minimum, as in WOL105); quad/posterior: WOL105's volumes; contacts: "
                     "most foot contacts in a session (WOL110); minutes: the longest "
                     "session as WOL111 estimates it; working_sets: core/posterior/single-leg "
                     "working sets, warm-ups left out (WOL112)")
    if stats.retags:
        lines.append(f"{RETAGGED_MARK} includes volume from a tag this file adds to a "
                     f"built-in exercise (retagged in this file, WOL113): "
                     f"{retags_text(stats.retags)}")
    return "\n".join(lines) + "\n"


def retags_text(retags: Retags) -> str:
    """`squat +posterior_chain, ...`: what the file retagged, for a table's foot."""
    return ", ".join(f"{name} +{' +'.join(sorted(tags))}" for name, tags in sorted(retags.items()))


def file_retags(tree: syntax.PlanFile) -> Retags:
    """What the file retagged (checks.definitions.retagged), as figures read it."""
    return {name: frozenset(tags) for name, tags in retagged(tree).items()}


def _weeks(run: WeekRun) -> str:
    return _span(run.first, run.last).removeprefix("weeks ").removeprefix("week ") \
        + " deload" * run.deload


def _span(first: int, last: int) -> str:
    return f"week {first}" if first == last else f"weeks {first}-{last}"
