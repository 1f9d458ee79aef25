"""A printable plan as one HTML page: a cover per plan, then per session its
table and a training log to fill in with a pen: a column per time the session is
done, dated with its day, a line per set to write the weight and reps (or time)
done, and a notes cell.

`emit` turns the expanded program into plain view objects (texts already
formatted) and renders `templates/plan.html.j2`; the template only lays them
out. The `pdf` target prints this same HTML. The cover's balance chart (sets a week
per group of tags, balance.py) is inline SVG drawn by review_charts.strips.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Hashable, Iterable, Sequence

import attrs

from .. import balance, syntax
from ..diagnostics import Diagnostic, Severity
from ..errors import CompileError
from ..expand import (
    BlockInstance,
    ExpandedPlan,
    Item,
    Program,
    SessionInstance,
    WeekInstance,
)
from ..limits import MAX_TIMES_A_WEEK
from ..vocabulary import BLOCK_KINDS, BOTH_SIDES, DAYS, ROUNDED_BLOCKS
from ..weeks import first_monday
from . import EmitOptions
from .wording import (
    describe_block,
    describe_dose,
    describe_load,
    describe_number,
    describe_rest,
    describe_side,
    describe_tempo,
    describe_times_a_week,
)


def day_names(days: Iterable[str]) -> str:
    return ", ".join(DAY_NAMES.get(d, d) for d in days)

PAPERS = {"a4": "A4", "letter": "letter"}
# log columns per table: 4 leave each set's line room for `57.5 kg × 8` written by hand
# on a portrait A4 or Letter page
WEEKS_PER_GRID = 4
WEEK_BY_WEEK = "by week, in the log"  # a value that goes up and down again
WAVE = "wave"  # the dose of a wave in the session table
MAX_SETS = 12  # more sets than this in a cell are written as a number, not drawn
# blocks whose sets are ticked, not written in: warm-up and cool-down
TICKED = tuple(kind for kind in BLOCK_KINDS if kind not in ROUNDED_BLOCKS)
DAY_NAMES: dict[str, str] = dict(zip(DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                            "Saturday", "Sunday"), strict=True))


def week_ranges(numbers: Iterable[int]) -> str:
    """1, 2, 3, 5 → `1–3, 5`."""
    spans = []
    ordered = sorted(set(numbers))
    for _, run in itertools.groupby(enumerate(ordered), lambda pair: pair[1] - pair[0]):
        values = [n for _, n in run]
        spans.append(str(values[0]) if len(values) == 1 else f"{values[0]}–{values[-1]}")
    return ", ".join(spans)


def plan_start(plan: syntax.Plan) -> datetime.date | None:
    """The plan's start date, or None when absent, not a date, or so close to year 9999
    that the plan's weeks do not fit in the calendar (the checks report those): the
    same test as the expansion's Mondays (weeks.first_monday)."""
    if plan.start is None or first_monday(plan) is None:
        return None
    return datetime.date.fromisoformat(plan.start)


def short_date(date: datetime.date) -> str:
    return f"{date:%a} {date.day} {date:%b}"


# --- what the template shows -----------------------------------------------------


@attrs.frozen
class Check:
    severity: str
    code: str
    name: str
    where: str
    message: str
    hint: str | None


@attrs.frozen
class ScheduleWeek:
    number: int
    deload: str | None  # "deload 60%" or None
    dates: str  # "4–10 Jan", or "" without a start
    sessions: tuple[str, ...]  # "Lower body + core · Mon 4 Jan"


@attrs.frozen
class Row:
    """One exercise in the session table (texts of its first week; `→` when they change)."""

    name: str
    dose: str
    load: str
    tempo: str
    side: str
    rest: str
    note: str
    more: bool = False  # a set group after the line's first: shown under it, no name


@attrs.frozen
class Group:
    """A warmup, cooldown, superset or circuit, or None for loose exercises."""

    kind: str | None
    title: str
    rows: tuple[Row, ...]


@attrs.frozen
class Cell:
    """One exercise's sets on one day of the log: a line a set to write in what was
    done, or a box a set to tick (warm-ups and cool-downs)."""

    target: str  # what differs this week ("42.5 kg"), or ""
    sets: int  # lines (or boxes), at most MAX_SETS
    more: int  # sets beyond MAX_SETS
    tick: bool = False  # a box to tick a set, not a line to write it
    weight: str = ""  # the label of a blank for the load used ("kg", "band"), or "": none
    measure: str = ""  # the unit written after each set's blank: "" (reps), "s", "m"
    sided: bool = False  # a blank each side (`each_leg`, `each_side`): L and R


@attrs.frozen
class GridWeek:
    """A column of the log: one time the session is done."""

    number: int
    date: str  # "Mon 18 Jan"; "" when the plan has no start or the day is the user's
    deload: bool
    day: str = ""  # "Mon" without a start; "" for a session on days the user chooses
    session: int = 0  # which of the page's session instances it logs
    optional: bool = False  # a time beyond the least of `N-M per week`: "if done"


@attrs.frozen
class GridRow:
    name: str
    cells: tuple[Cell, ...]
    more: bool = False  # a set group after the line's first


@attrs.frozen
class GridGroup:
    kind: str | None
    title: str
    rows: tuple[GridRow, ...]


@attrs.frozen
class Grid:
    weeks: tuple[GridWeek, ...]
    groups: tuple[GridGroup, ...]


@attrs.frozen
class SessionPage:
    index: int
    name: str
    days: str
    weeks: str  # "Weeks 1–8"
    deloads: str  # "Week 4 is a deload (60%)" or ""
    groups: tuple[Group, ...]
    grids: tuple[Grid, ...]


@attrs.frozen
class Balance:
    """The cover's chart of sets a week per group of tags, and its numbers as a table
    when there are too many runs of weeks for the chart to write them."""

    chart: str  # inline SVG markup (markupsafe.Markup)
    headings: tuple[str, ...]  # "Weeks", "Core", …
    rows: tuple[tuple[str, ...], ...]  # a run of weeks each: "4 deload", "6", …
    table: bool  # whether the page shows the table


@attrs.frozen
class PlanView:
    name: str
    facts: tuple[tuple[str, str], ...]  # (label, value) on the cover
    checks: tuple[Check, ...]
    summary: str  # "1 error, 2 warnings"
    schedule: tuple[ScheduleWeek, ...]
    sessions: tuple[SessionPage, ...]
    balance: Balance | None = None  # None: no weeks, or only some sessions (`next`)


# --- building the views ---------------------------------------------------------


def emit(program: Program, options: EmitOptions) -> bytes:
    import jinja2  # here, not at import: the check path never renders

    if options.paper not in PAPERS:
        raise CompileError(f"unknown paper {options.paper!r}: use {' or '.join(PAPERS)}")
    env = jinja2.Environment(loader=jinja2.PackageLoader("workoutlang", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["pieces"] = pieces
    plans = [plan_view(plan, checks, str(index)) for index, (plan, checks)
             in enumerate(zip(program.plans, _checks_by_plan(program), strict=True), 1)]
    title = " · ".join(p.name for p in plans) or "Training plan"
    html = env.get_template("plan.html.j2").render(
        title=title, plans=plans, paper=PAPERS[options.paper])
    return html.encode("utf-8")


# WeasyPrint finds each line of a text by laying out all of the text still to place,
# so one long text costs the square of its length (a 16,000-character note: 14 s).
# Cut into elements of at most this many characters, it costs its length (bench/budgets.py).
PIECE_CHARS = 100


def pieces(text: str) -> str:
    """`text` for the page: as it is when short, else escaped and cut into <span>s of
    PIECE_CHARS characters (invisible on the page: the text wraps as before)."""
    import markupsafe  # jinja2's; here with it

    if len(text) <= PIECE_CHARS:
        return text
    return markupsafe.Markup("").join(
        markupsafe.Markup("<span>%s</span>") % text[i:i + PIECE_CHARS]
        for i in range(0, len(text), PIECE_CHARS))


def _checks_by_plan(program: Program) -> list[list[Diagnostic]]:
    """Each plan's diagnostics, those inside it; those outside every plan go to the
    first. Extents are worked out once, and only when there is something to place."""
    found: list[list[Diagnostic]] = [[] for _ in program.plans]
    if not program.plans or not program.diagnostics:
        return found
    extents = [p.plan.extent for p in program.plans]
    for d in program.diagnostics:
        owners = [i for i, e in enumerate(extents) if e.line <= d.span.line <= e.end_line]
        for index in owners or [0]:
            found[index].append(d)
    return found


def plan_view(expanded: ExpandedPlan, diagnostics: Sequence[Diagnostic],
              key: str = "1") -> PlanView:
    """The plan's cover and pages; `key` makes its chart's ids unique in the page."""
    plan = expanded.plan
    start = plan_start(plan)
    per_week: dict[str, list[int]] = {}
    for week in expanded.weeks:
        per_week.setdefault(_sessions_a_week(week), []).append(week.number)
    if len(per_week) == 1:
        sessions_text = next(iter(per_week))
    else:
        sessions_text = "; ".join(f"{count} in weeks {week_ranges(numbers)}"
                                  for count, numbers in per_week.items())
    numbers = [w.number for w in expanded.weeks]
    # every week, in order (compared without a list of week_count numbers: that may be huge)
    whole = len(numbers) == plan.week_count and numbers[:1] == [1] and \
        numbers[-1:] == [len(numbers)]
    # a part of the plan (`workoutlang next`): its weeks by number, its dates its own
    facts = [("Weeks", str(len(numbers)) if whole else week_ranges(numbers)),
             ("Sessions a week", sessions_text)]
    if start is not None and numbers:
        first = _monday(start) + datetime.timedelta(weeks=numbers[0] - 1)
        begin = start if whole else first
        end = _monday(start) + datetime.timedelta(weeks=numbers[-1], days=-1)
        facts.append(("Dates", f"{begin:%a} {begin.day} {begin:%b %Y} – "
                               f"{end:%a} {end.day} {end:%b %Y}"))
    else:
        facts.append(("Start", "not set (add start YYYY-MM-DD to the plan header)"))
    facts.append(("Units", plan.units))
    if plan.supplement:
        facts.append(("Supplement", "adds to your running week (whole-week checks skipped)"))
    if plan.cycle:
        facts.append(("Cycle", f"{plan.cycle} weeks"))
    if expanded.weeks and expanded.weeks[0].maxes:
        facts.append(("Maxes", _maxes_text(expanded)))
    deloads = [w.number for w in expanded.weeks if w.deload]
    if deloads:
        facts.append(("Deload weeks", week_ranges(deloads)))
    checks = tuple(_check(d) for d in diagnostics)
    return PlanView(plan.name, tuple(facts), checks, _summary(checks),
                    tuple(_schedule_week(expanded, index, start)
                          for index in range(len(expanded.weeks))),
                    tuple(_session_pages(expanded, start)),
                    # a part of the plan (`next`) holds the coming sessions, not whole weeks
                    _balance(expanded, key) if whole else None)


def _balance(expanded: ExpandedPlan, key: str) -> Balance | None:
    """Sets a week per group of tags, a bar group a run of equal weeks, deloads hatched."""
    import importlib.resources

    from ..review_charts import strip_values_fit, strips

    if not expanded.weeks:
        return None
    found = balance.runs(expanded.weeks)
    names = [balance.TITLES[group] for group in balance.GROUPS]
    chart = strips(
        f"balance{key}", f"{expanded.plan.name}: sets a week per tag",
        f"Sets a week of {', '.join(name.lower() for name in names)} exercises, a bar "
        "group for each run of weeks with the same sets, all on one scale"
        + (", deload weeks hatched" if any(run.deload for run in found) else "") + ".",
        [run.label for run in found],
        [(name, [run.sets[i] for run in found]) for i, name in enumerate(names)],
        unit="sets", ticks=[run.weeks for run in found],
        marked=[run.deload for run in found], mark="deload week", ticks_name="week",
        style=importlib.resources.files("workoutlang").joinpath("templates", "chart.css")
        .read_text(encoding="utf-8"))
    _, *rows = balance.table_rows(found)
    return Balance(chart, ("Weeks", *names), tuple(rows),
                   not strip_values_fit(len(found), names))


def _sessions_a_week(week: WeekInstance) -> str:
    """`3`, or `2–3` with a `1-2 per week` session. A session `on mon, thu` is done twice;
    an `N-M per week` session is in the week N times."""
    low = sum(max(1, len(session.days)) for session in week.sessions)
    ranges = {id(s.session): s.per_week for s in week.sessions if s.per_week}
    high = low + sum(top - bottom for bottom, top in ranges.values())
    return str(low) if high == low else f"{low}–{high}"


def _maxes_text(expanded: ExpandedPlan) -> str:
    """`Squat 315 lb, training max 283.5 lb (90%), +10lb/cycle` in week 1, one a max."""
    parts = []
    lines = {m.exercise: m for m in expanded.plan.maxes}
    for value in expanded.weeks[0].maxes:
        text = f"{value.exercise.replace('_', ' ').capitalize()} " \
               f"{describe_number(value.one_rm)} {value.unit}"
        if value.tm_percent != 100:
            text += f", training max {describe_number(value.training_max)} {value.unit} " \
                    f"({describe_number(value.tm_percent)}%)"
        progress = lines[value.exercise].progress if value.exercise in lines else None
        if progress is not None:
            text += f", {progress.text}"
        parts.append(text)
    return "; ".join(parts)


def _monday(date: datetime.date) -> datetime.date:
    return date - datetime.timedelta(days=date.weekday())


def week_monday(plan: ExpandedPlan, index: int,
                start: datetime.date | None) -> datetime.date | None:
    """Week n's Monday: the start's Monday + 7(n-1) days."""
    week = plan.weeks[index]
    if week.monday is not None:
        return week.monday
    return _monday(start) + datetime.timedelta(weeks=week.number - 1) if start else None


def _check(d: Diagnostic) -> Check:
    return Check(d.severity.value, d.code, d.name, f"line {d.span.line}", d.message, d.hint)


def _summary(checks: Sequence[Check]) -> str:
    errors = sum(c.severity == Severity.ERROR.value for c in checks)
    warnings = len(checks) - errors
    if not checks:
        return "The checks found nothing to fix."
    parts = [f"{n} {word}{'s' if n != 1 else ''}"
             for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return "The checks found " + " and ".join(parts) + "."


def _schedule_week(plan: ExpandedPlan, index: int, start: datetime.date | None) -> ScheduleWeek:
    week = plan.weeks[index]
    monday = week_monday(plan, index, start)
    deload = None
    if week.deload:
        deload = "deload" + (f" {describe_number(week.deload_percent)}%"
                             if week.deload_percent is not None else "")
    dates = ""
    if monday is not None:
        sunday = monday + datetime.timedelta(days=6)
        dates = f"{monday.day} {monday:%b} – {sunday.day} {sunday:%b}"
    sessions = []
    for session in week.sessions:
        when = []
        for day in session.days:
            if monday is not None and day in DAYS:
                when.append(short_date(monday + datetime.timedelta(days=DAYS.index(day))))
            else:
                when.append(day.capitalize())
        if session.per_week is not None:
            when.append(describe_times_a_week(session.per_week))
        text = session.name + (" · " + ", ".join(when) if when else "")
        if session.per_week is None or text not in sessions:  # `2 per week`: listed once
            sessions.append(text)
    return ScheduleWeek(week.number, deload, dates, tuple(sessions))


def _shape(session: SessionInstance) -> Hashable:
    """What must match for weeks to share a page: names, days, exercises and sides."""
    entries: list[tuple[str | None, tuple[tuple[str, str | None, int, int], ...]]] = []
    for entry in session.items:
        if isinstance(entry, BlockInstance):
            entries.append((entry.kind, tuple((i.exercise.name, i.side, i.group, i.groups)
                                              for i in entry.items)))
        else:
            entries.append((None, ((entry.exercise.name, entry.side, entry.group, entry.groups),)))
    if session.rotation is not None or session.per_week is not None:
        # its turns (or times a week) share one page, whatever their day
        return (id(session.session), tuple(entries))
    return (session.name, session.days, tuple(entries))


def _session_pages(plan: ExpandedPlan, start: datetime.date | None) -> list[SessionPage]:
    """One page per distinct session; weeks that do it alike share its page and grid."""
    found: dict[Hashable, list[tuple[int, SessionInstance]]] = {}
    for index, week in enumerate(plan.weeks):
        for position, session in enumerate(week.sessions):
            shared = session.rotation is not None or session.per_week is not None
            key = ("turns" if shared else position, _shape(session))
            found.setdefault(key, []).append((index, session))
    pages = []
    for number, done in enumerate(found.values(), 1):
        weeks = [plan.weeks[i] for i, _ in done]
        sessions = [s for _, s in done]
        first = sessions[0]
        days = day_names(first.days)
        if first.per_week is not None:
            days = describe_times_a_week(first.per_week) + ", on the days you choose"
        elif first.rotation is not None:
            rotation = first.rotation
            others = [s.name for s in rotation.sessions if s is not first.session]
            days = (f"In turn with {', '.join(others)} on " if others else "On ") + \
                day_names(d.name for d in rotation.days) + ": " + _turns(sessions, weeks)
        label = "Week " if len(weeks) == 1 else "Weeks "
        deload_weeks = [w for w in weeks if w.deload]
        deloads = ""
        if deload_weeks:
            deloads = ("Deload: week " if len(deload_weeks) == 1 else "Deload: weeks ") + \
                week_ranges(w.number for w in deload_weeks)
        grid_weeks: list[GridWeek] = []
        for position, (index, session) in enumerate(done):
            grid_weeks += _columns(plan, index, position, session, start)
            last_of_week = position + 1 == len(done) or done[position + 1][0] != index
            if session.per_week is not None and last_of_week and grid_weeks:
                # `1-2 per week`: a column for each time beyond the least, if done
                low, high = session.per_week
                extra = min(high, MAX_TIMES_A_WEEK) - max(low, 1)
                grid_weeks += [attrs.evolve(grid_weeks[-1], optional=True)] * max(0, extra)
        tables = -(-len(grid_weeks) // WEEKS_PER_GRID)  # none when every day is before the start
        size = max(1, -(-len(grid_weeks) // max(1, tables)))  # even widths: 9 → 3 + 3 + 3
        grids = [_grid(grid_weeks[i:i + size], sessions, plan.plan.units)
                 for i in range(0, len(grid_weeks), size)]
        pages.append(SessionPage(number, first.name, days,
                                 label + week_ranges(w.number for w in weeks), deloads,
                                 tuple(_groups(sessions, [w.deload for w in weeks])), tuple(grids)))
    return pages


def _columns(plan: ExpandedPlan, index: int, position: int, session: SessionInstance,
             start: datetime.date | None) -> list[GridWeek]:
    """The log's columns for one session instance: one a day it is done (`on mon, thu`:
    two), dated with that day; one with a blank date for a session on days the user
    chooses (`2 per week`); none for a day before the plan's start."""
    monday = week_monday(plan, index, start)
    week = plan.weeks[index]
    days = [d for d in session.days if d in DAYS]
    if not days:
        return [GridWeek(week.number, "", week.deload, "", position)]
    columns = []
    for day in days:
        date = monday + datetime.timedelta(days=DAYS.index(day)) if monday else None
        if date is not None and start is not None and date < start:
            continue  # before the plan starts: not done (as in the ics calendar)
        columns.append(GridWeek(week.number, short_date(date) if date else "", week.deload,
                                "" if date else day.capitalize(), position))
    return columns


def _turns(sessions: Sequence[SessionInstance], weeks: Sequence[WeekInstance]) -> str:
    """Which days of which weeks a rotation's session falls on: `week 1 Mon, Fri; week 2 Wed`."""
    by_week: dict[int, list[str]] = {}
    for session, week in zip(sessions, weeks, strict=True):
        by_week.setdefault(week.number, []).extend(d.capitalize() for d in session.days)
    return "; ".join(f"week {number} {', '.join(days)}" for number, days in by_week.items())


def _entries(session: SessionInstance) -> list[tuple[BlockInstance | None, tuple[Item, ...]]]:
    """The session as runs of loose exercises and blocks, in order."""
    out: list[tuple[BlockInstance | None, tuple[Item, ...]]] = []
    for entry in session.items:
        if isinstance(entry, BlockInstance):
            out.append((entry, entry.items))
        elif out and out[-1][0] is None:
            out[-1] = (None, out[-1][1] + (entry,))
        else:
            out.append((None, (entry,)))
    return out


def _groups(sessions: Sequence[SessionInstance], deloads: Sequence[bool]) -> list[Group]:
    """The session table: each column's text from the first week, `a → b` when it changes."""
    per_week = [_entries(s) for s in sessions]
    groups = []
    for position, (block, items) in enumerate(per_week[0]):
        rows = []
        for row in range(len(items)):
            done = [entries[position][1][row] for entries in per_week]
            dose = _changing([describe_dose(i) for i in done], deloads)
            load = _changing([describe_load(i.load) for i in done], deloads)
            if done[0].line.header_line is not None and any(  # a wave's rows, by week:
                    i.line is not done[0].line for i in done):
                if done[0].group:  # one row says so, the log has each week's sets
                    continue
                dose, load = WAVE, WEEK_BY_WEEK if load else ""
            rows.append(Row(
                name="" if done[0].group else done[0].exercise.display,
                dose=dose, load=load,
                tempo=_changing([describe_tempo(i.tempo) for i in done], deloads),
                side=describe_side(done[0].side) if done[0].side else "",
                rest=_changing([describe_rest(i.rest_s, i.rest_lap) for i in done], deloads),
                note=_changing([i.note or "" for i in done], deloads),
                more=done[0].group > 0))
        blocks = [entries[position][0] for entries in per_week]
        title = ""
        if block is not None:
            title = _changing([describe_block(b) if b else "" for b in blocks], deloads)
        groups.append(Group(block.kind if block else None, title, tuple(rows)))
    return groups


def _changing(texts: Sequence[str], deloads: Sequence[bool]) -> str:
    """The first week's text, or `first → last` when the weeks change it.

    Deload weeks are left out when there are others: the log grid shows their values.
    """
    normal = [t for t, deload in zip(texts, deloads, strict=True) if not deload] or list(texts)
    if len(set(normal)) <= 1:
        return normal[0] if normal else ""
    if normal[0] == normal[-1]:  # up and down again (a wave): `a → a` would hide it
        return WEEK_BY_WEEK
    return f"{normal[0] or '–'} → {normal[-1] or '–'}"


def _grid(columns: Sequence[GridWeek], sessions: Sequence[SessionInstance],
          unit: str) -> Grid:
    """The log of the `columns` (each names its instance in `sessions`, every instance
    of the page)."""
    per_week = [_entries(s) for s in sessions]
    groups = []
    for position, (_, items) in enumerate(per_week[0]):
        rows = []
        for row in range(len(items)):
            done = [(entries[position][0], entries[position][1][row]) for entries in per_week]
            rows.append(GridRow(_grid_name([i for _, i in done]),
                                tuple(_cells(done, [c.session for c in columns], unit)),
                                done[0][1].group > 0))
        block = per_week[columns[0].session][position][0]
        title = describe_block(block) if block else ""
        groups.append(GridGroup(block.kind if block else None, title, tuple(rows)))
    return Grid(tuple(columns), tuple(groups))


def _grid_name(done: Sequence[Item]) -> str:
    """`Romanian deadlift (each leg)`; a line of several set groups has a row a group,
    named by its dose when the weeks share it: `Bench press 1×5`, then `↳ 3×5`."""
    item = done[0]
    side = describe_side(item.side) if item.side else ""
    name = item.exercise.display + (f" ({side})" if side else "")
    if item.groups == 1:
        return name
    doses = {describe_dose(i) for i in done}
    dose = next(iter(doses)) if len(doses) == 1 else f"set {item.group + 1}"
    return f"{name} {dose}" if item.group == 0 else f"↳ {dose}"


def _cells(done: Sequence[tuple[BlockInstance | None, Item]],
           shown: Sequence[int], unit: str) -> list[Cell]:
    """A line per set (per round in a block) to write in; the dose or load on top where
    the weeks differ."""
    doses = {describe_dose(i) for _, i in done}
    loads = {describe_load(i.load) for _, i in done}
    cells = []
    for block, item in (done[i] for i in shown):
        target = []
        if len(doses) > 1:
            target.append(describe_dose(item))
        if len(loads) > 1:
            target.append(describe_load(item.load))
        sets = (item.sets or 1) * ((block.rounds or 1) if block else 1)
        measure = "s" if item.duration_s is not None else \
            "m" if item.distance_m is not None else ""
        cells.append(Cell(" · ".join(t for t in target if t), min(sets, MAX_SETS),
                          max(0, sets - MAX_SETS),
                          tick=block is not None and block.kind in TICKED,
                          weight=_weight_label(item, unit), measure=measure,
                          sided=item.side in BOTH_SIDES))
    return cells


def _weight_label(item: Item, unit: str) -> str:
    """What the weight blank is written in: the plan's unit where the line prescribes a
    load (a weight, a percentage, an effort, `bw+10kg`), `band` for a band; none for
    bodyweight alone or no load."""
    load = item.load
    if load is None or (load.kind == "bodyweight" and load.amount is None):
        return ""
    return "band" if load.kind == "band" else (load.unit or unit)
