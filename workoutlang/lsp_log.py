"""The language server inside training logs: which plan a log follows, what an entry's
session planned that day, and the words completion offers in a log.

A log names its plan (`log "Runner strength, base":`). The server looks for it, in
this order: a plan of that name in the same file; a plan of that name in a `.wol`
file in the same folder (as saved on disk); the file's only plan, when it has
exactly one (docs/editor-setup.md). A plan found beside the log also goes to the
log checks (`neighbour_plans`). What an entry planned comes from
`logbook.replayed`: the plan as the log says it went, each entry placed on its
session (docs/log.md).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from pathlib import Path

import attrs

from . import syntax
from .catalogue import Catalogue, load_catalogue
from .errors import WorkoutlangError
from .expand import BlockInstance, ExpandedPlan, Item
from .limits import MAX_SOURCE_BYTES
from .logbook import Doing, Matching, outcomes, planned_sets, replayed
from .memo import IdentityMemo
from .parser import parse
from .spelling import duration, number, rounds_text
from .vocabulary import DAYS, LOG_KEYWORD

__all__ = ["Followed", "LogPlace", "done_markdown", "entry_markdown", "log_markdown",
           "log_place", "neighbour_plans", "plan_followed", "planned_values",
           "session_exercises", "session_names"]

MAX_NEIGHBOURS = 200  # .wol files looked at in a log's folder; a plan's folder is small
_DATE = re.compile(r"\s*([0-9]{4}-[0-9]{2}-[0-9]{2})\s+\"([^\"\n]*)\"?")
_LOG = re.compile(rf"{LOG_KEYWORD}\s+\"([^\"\n]*)\"")


# --- the plan a log follows ----------------------------------------------------------------


@attrs.frozen
class Followed:
    """The plan a log follows, the catalogue its exercises resolve in, and the file it
    was found in (None: the log's own file)."""

    plan: syntax.Plan
    catalogue: Catalogue
    filename: str | None = None


# path → ((mtime, size), the file's tree or None when it does not parse)
_neighbours: dict[str, tuple[tuple[int, int], syntax.PlanFile | None]] = {}


def _neighbour(path: Path) -> syntax.PlanFile | None:
    """The parsed `.wol` file at `path`, cached while it is unchanged on disk."""
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = _neighbours.get(str(path))
        if cached is not None and cached[0] == stamp:
            return cached[1]
        tree = None
        if stat.st_size <= MAX_SOURCE_BYTES:
            text = path.read_text(encoding="utf-8-sig")
            # only a file that could hold a plan is parsed
            tree = parse(text, str(path)) if "plan" in text else None
    except (OSError, UnicodeDecodeError, WorkoutlangError):
        tree = None
        stamp = (0, -1)
    if len(_neighbours) >= MAX_NEIGHBOURS * 4:
        _neighbours.clear()
    _neighbours[str(path)] = (stamp, tree)
    return tree


_catalogues: IdentityMemo[Catalogue] = IdentityMemo(8)


def _catalogue_of(plan_file: syntax.PlanFile, log_file: syntax.PlanFile | None) -> Catalogue:
    """The catalogue with both files' exercise definitions; the same object while both
    trees are, so that the replay below is worked out once a version."""
    found = _catalogues.get(plan_file, log_file)
    if found is None:
        definitions = (*plan_file.exercises, *(log_file.exercises if log_file else ()))
        found = _catalogues.put(load_catalogue().with_definitions(definitions),
                                plan_file, log_file)
    return found


def _beside(name: str, filename: str) -> tuple[Path, syntax.PlanFile] | None:
    """The first `.wol` file beside `filename` holding a plan named `name`."""
    own = Path(filename)
    try:
        paths = sorted(own.parent.glob("*.wol"))[:MAX_NEIGHBOURS]
    except OSError:
        return None
    for path in paths:
        other = _neighbour(path) if path.name != own.name else None
        if other is not None and any(plan.name == name for plan in other.plans):
            return path, other
    return None


def neighbour_plans(tree: syntax.PlanFile, filename: str | None
                    ) -> tuple[syntax.PlanFile, ...]:
    """The files beside `filename` that hold the plans its logs follow, where the file
    itself has no plan of that name: for the log checks (WOL201-WOL204)."""
    if filename is None:
        return ()
    own = {plan.name for plan in tree.plans}
    found = (_beside(log.plan, filename) for log in tree.logs if log.plan not in own)
    return tuple({id(f[1]): f[1] for f in found if f is not None}.values())


def plan_followed(name: str, tree: syntax.PlanFile | None, filename: str | None,
                  catalogue: Catalogue) -> Followed | None:
    """The plan a log named `name` follows (see the module's docstring)."""
    plans = tree.plans if tree is not None else ()
    for plan in plans:
        if plan.name == name:
            return Followed(plan, catalogue)
    beside = _beside(name, filename) if filename is not None else None
    if beside is not None:
        path, other = beside
        plan = next(plan for plan in other.plans if plan.name == name)
        return Followed(plan, _catalogue_of(other, tree), str(path))
    if len(plans) == 1:
        return Followed(plans[0], catalogue)
    return None


# --- where an entry falls ----------------------------------------------------------------

_replays: IdentityMemo[tuple[ExpandedPlan, Matching]] = IdentityMemo(8)


def _replayed(followed: Followed, log: syntax.Log) -> tuple[ExpandedPlan, Matching]:
    found = _replays.get(followed.plan, log, followed.catalogue)
    if found is None:
        found = _replays.put(replayed(followed.plan, log, followed.catalogue),
                             followed.plan, log, followed.catalogue)
    return found


def _doing_of(matching: Matching, entry: syntax.Entry) -> Doing | None:
    for doing in matching.doings:
        if matching.entry_of(doing) is entry:
            return doing
    return None


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _item_text(item: Item) -> str:
    """`romanian_deadlift 3x8 @ 52.5kg each_leg`."""
    words = [item.exercise.name, item.prescription_text]
    if item.load is not None:
        words.append(f"@ {item.load.text}")
    if item.side is not None:
        words.append(item.side)
    return " ".join(words)


def _planned_lines(items: Sequence[Item | BlockInstance]) -> list[str]:
    out = []
    for entry in items:
        if isinstance(entry, BlockInstance):
            rounds = f" {rounds_text(entry.rounds)}" if entry.rounds else ""
            out.append(f"- {entry.kind}{rounds}: "
                       + "; ".join(f"`{_item_text(i)}`" for i in entry.items))
        else:
            out.append(f"- `{_item_text(entry)}`")
    return out


def _where(doing: Doing) -> str:
    day = f", planned on {DAYS[doing.date.weekday()]} {doing.date.isoformat()}" \
        if doing.date else ""
    return f"week {doing.week}{day}"


def _unplaced(matching: Matching, entry: syntax.Entry) -> str:
    """Why an entry fell on no planned session."""
    date = _date(entry.date)
    if date is None:
        return f"{entry.date} is not a date."
    if matching.monday is None:
        return "The plan's weeks have no dates."
    week = (date - matching.monday).days // 7 + 1
    if any(e is entry for e in matching.outside) or not 1 <= week <= len(matching.plan.weeks):
        return (f"{entry.date} is outside the plan: week 1 starts on "
                f"{matching.monday.isoformat()}, and the plan has "
                f"{len(matching.plan.weeks)} weeks.")
    if any(e is entry for e in matching.twice):
        return f'"{entry.session}" is logged twice on {entry.date}.'
    names = [s.name for s in matching.plan.weeks[week - 1].sessions]
    if entry.session in names:
        return f'Every "{entry.session}" of week {week} is logged already.'
    planned = ", ".join(f'"{n}"' for n in dict.fromkeys(names)) or "no session"
    return f'Week {week} plans no session "{entry.session}": it has {planned}.'


def entry_markdown(followed: Followed | None, log: syntax.Log, entry: syntax.Entry) -> str:
    """What the entry's session planned for its day, in the plan as the log replays it."""
    if followed is None:
        return (f'**{entry.session}** on {entry.date}\n\nNo plan named "{log.plan}" in this '
                "file or in a `.wol` file beside it.")
    _, matching = _replayed(followed, log)
    doing = _doing_of(matching, entry)
    source = f" (from `{Path(followed.filename).name}`)" if followed.filename else ""
    if doing is None:
        return (f"**{entry.session}** on {entry.date}\n\n{_unplaced(matching, entry)}"
                f" Plan: \"{followed.plan.name}\"{source}.")
    title = f"**Planned: {doing.session.name}**, {_where(doing)}{source}"
    lines = _planned_lines(doing.session.items) or ["- nothing"]
    tail = ["", "Logged as skipped: the session was not done."] if entry.skipped else []
    return "\n".join([title, "", *lines, *tail])


def log_markdown(followed: Followed | None, log: syntax.Log) -> str:
    """On a log's header: the plan it follows, and how many entries fall on it."""
    if followed is None:
        return f'No plan named "{log.plan}" in this file or in a `.wol` file beside it.'
    _, matching = _replayed(followed, log)
    source = f" in `{Path(followed.filename).name}`" if followed.filename else ""
    weeks = len(matching.plan.weeks)
    start = f", week 1 from {matching.monday.isoformat()}" if matching.monday else ""
    placed = len(matching.entries)
    out = [f'**Follows** plan "{followed.plan.name}"{source}: {weeks} weeks{start}', "",
           f"- {len(log.entries)} entries, {placed} on planned sessions"]
    if matching.last is not None:
        out.append(f"- covers the plan up to {matching.last.isoformat()}")
    return "\n".join(out)


def done_markdown(followed: Followed | None, log: syntax.Log, entry: syntax.Entry,
                  line: syntax.DoneLine, done_text: str) -> str | None:
    """The planned prescription of the done line's exercise that day beside what the
    line says was done; None when the log's plan is not found."""
    if followed is None:
        return None
    _, matching = _replayed(followed, log)
    doing = _doing_of(matching, entry)
    if doing is None:
        return f"**Planned**: nothing, this entry falls on no planned session.\n\n" \
               f"**Done**: `{done_text}`"
    exercise = followed.catalogue.lookup(line.name)
    name = exercise.name if exercise is not None else line.name
    items = [i for i in doing.session.all_items() if i.exercise.name == name]
    judged = outcomes(doing.session, entry, followed.catalogue)
    where = f"{doing.session.name}, {_where(doing)}"
    if not items:
        return (f"**Planned** ({where}): not in this session\n\n**Done**: `{done_text}`")
    planned = ", ".join(f"`{_item_text(i)}`" for i in items)
    verdict = []
    for item in items:
        outcome = judged.get(id(item.line))
        if line.skipped:
            verdict.append("skipped: a miss")
        elif outcome is None:
            continue
        elif outcome.done:
            verdict.append("done")
        else:
            fewest = outcome.fewest
            short = f" (fewest: {fewest:g})" if fewest is not None and fewest != float("inf") \
                else ""
            verdict.append(f"short of the plan{short}")
    said = f" — {', '.join(dict.fromkeys(verdict))}" if verdict else ""
    return f"**Planned** ({where}): {planned}\n\n**Done**: `{done_text}`{said}"


# --- where the cursor stands in a log ------------------------------------------------------


@attrs.frozen
class LogPlace:
    """A line of a log, read from the text (the tree may be a version behind): the
    plan the log names, and for a line inside an entry the entry's date and session."""

    plan: str
    date: str | None = None
    session: str | None = None

    @property
    def in_entry(self) -> bool:
        return self.session is not None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def log_place(lines: Sequence[str], number: int) -> LogPlace | None:
    """Where line `number` (0-based) stands when it is inside a log: at an entry's
    header (a LogPlace without a session) or inside an entry; else None. A line of
    spaces alone stands where its spaces end."""
    limit = _indent(lines[number])
    if limit == 0:
        return None
    entry: tuple[str, str] | None = None
    for line in reversed(lines[:number]):
        stripped = line.strip()
        depth = _indent(line)
        if not stripped or stripped.startswith("#") or depth >= limit:
            continue
        limit = depth  # the next header out
        if depth == 0:
            found = _LOG.match(stripped)
            if found is None:
                return None
            return LogPlace(found.group(1), *(entry or (None, None)))
        if entry is None and (date := _DATE.match(line)) is not None:
            entry = date.group(1), date.group(2)
    return None


def session_names(plan: syntax.Plan, date: str | None) -> list[tuple[str, str, bool]]:
    """The plan's session names, once each, in source order: (name, days as written,
    whether the session is planned on `date`'s weekday)."""
    day = _date(date) if date else None
    weekday = DAYS[day.weekday()] if day is not None else None
    out: dict[str, tuple[str, bool]] = {}
    for session in plan.all_sessions():
        days = [d.name for d in session.days]
        text, on = out.get(session.name, ("", False))
        out[session.name] = (text or ", ".join(days), on or weekday in days)
    return [(name, text, on) for name, (text, on) in out.items()]


def session_exercises(plan: syntax.Plan, session: str, catalogue: Catalogue) -> list[str]:
    """The exercises of every session of the plan named `session` (the catalogue's
    names), once each, in source order."""
    out: dict[str, None] = {}
    for candidate in plan.all_sessions():
        if candidate.name != session:
            continue
        for line in candidate.exercise_lines():
            exercise = catalogue.lookup(line.name)
            out[exercise.name if exercise is not None else line.name] = None
    return list(out)


def planned_values(followed: Followed, log: syntax.Log, date: str, session: str,
                   name: str) -> tuple[str, str] | None:
    """What a done line of `name` would say had it gone as planned on `date` in
    `session` (the plan replayed by `log`): `8, 8, 8 each_leg`, with the planned line
    as its detail. No load: a set without one counts as at the planned load."""
    day = _date(date)
    _, matching = _replayed(followed, log)
    if day is None or matching.monday is None:
        return None
    week = (day - matching.monday).days // 7 + 1
    doings = [d for d in matching.doings if d.week == week and d.session.name == session]
    doing = next((d for d in doings if DAYS[day.weekday()] in d.session.days),
                 doings[0] if doings else None)
    exercise = followed.catalogue.lookup(name)
    if doing is None or exercise is None:
        return None
    item = next((i for i in doing.session.all_items() if i.exercise.name == exercise.name),
                None)
    if item is None:
        return None
    values = []
    for planned in planned_sets(doing.session)[id(item.line)]:
        if planned.measure == "time":
            values.append(duration(int(planned.target)))
        elif planned.measure == "distance":
            values.append(item.distance_text or f"{number(planned.target)}m")
        else:
            values.append(number(planned.target))
    side = f" {item.side}" if item.side else ""
    return ", ".join(values) + side, f"as planned: {_item_text(item)}"
