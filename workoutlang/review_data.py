"""A training log against its plan, as plain data: the `workoutlang/review@1` document
(workoutlang/data/review.schema.json; what each number means: docs/outputs/review.md).

Everything is read off `logbook.replayed`: the plan as the log says it went, and
where each entry fell. Only the past counts: a doing that is logged, or dated on or
before the last logged day (an optional one, past the N of `N-M per week`, only when
logged). Weeks still to come are left out; the current week counts the sessions up
to that day (`partial`).

The text, HTML and JSON forms (review_text.py, review_html.py, cli_review.py) render
this one dict. (Not `review.py`: a submodule of that name would replace the function
`workoutlang.review` on the package the first time it is imported.)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from . import __version__, syntax
from .catalogue import Catalogue, Exercise
from .errors import CompileError
from .expand import ExpandedPlan, Item
from .limits import KG_PER_LB
from .logbook import Doing, Matching, done_kg, entry_date, outcomes, planned_sets, replayed
from .vocabulary import BOTH_SIDES, ONE_SIDE, Unit

__all__ = ["SCHEMA", "TAG_GROUPS", "number", "review"]

SCHEMA = "workoutlang/review@1"

# The groups sets are counted in, each the catalogue tags it gathers. Mobility and
# balance are one group, as the spec names them and as WOL107 covers them.
TAG_GROUPS: dict[str, frozenset[str]] = {
    "core": frozenset({"core"}),
    "posterior_chain": frozenset({"posterior_chain"}),
    "single_leg": frozenset({"single_leg"}),
    "mobility_balance": frozenset({"mobility", "balance"}),
}
SIDES = ONE_SIDE  # a one-sided set is done on one of these


def review(plan_file: syntax.PlanFile, log_file: syntax.PlanFile | None = None,
           catalogue: Catalogue | None = None) -> dict[str, Any]:
    """The `workoutlang/review@1` document of a log against its plan: `log_file`'s
    (default: `plan_file`'s) first log that names a plan of `plan_file`, with one plan
    that plan whatever the name (nextweek.pick, as `next` chooses). The catalogue:
    the plan file's."""
    from .checks import build_context
    from .nextweek import pick

    plan, log = pick(plan_file, log_file or plan_file)
    context = build_context(plan_file, catalogue)
    written = next(p for p in context.plans if p.plan is plan)
    if written.over_budget is not None:
        raise CompileError(f'not reviewed: plan "{plan.name}" is too big to expand', plan.span)
    went, matching = replayed(plan, log, context.catalogue)
    return _Review(went, matching, context.catalogue, _retagged_groups(plan_file)).document()


def _retagged_groups(plan_file: syntax.PlanFile) -> dict[str, frozenset[str]]:
    """Built-in exercise → the tag groups it reaches only by a tag the plan file adds
    to it (WOL113): the sets counted there are the plan's own word."""
    from .catalogue import load_catalogue
    from .checks.definitions import retagged

    built_in = load_catalogue()
    out = {}
    for name, tags in retagged(plan_file, built_in).items():
        own = built_in.lookup(name)
        groups = frozenset(group for group, reach in TAG_GROUPS.items()
                           if reach & tags.keys() and own is not None and not reach & own.tags)
        if groups:
            out[name] = groups
    return out


def number(value: float) -> float | int:
    """A whole number as an int (JSON `3`, not `3.0`), else rounded to hundredths."""
    value = round(value, 2)
    return int(value) if value == int(value) else value


def _iso(date: datetime.date | None) -> str | None:
    return date.isoformat() if date else None


class _Review:
    """One review's working state: the replayed plan, the matching, the catalogue."""

    def __init__(self, plan: ExpandedPlan, matching: Matching, catalogue: Catalogue,
                 retags: dict[str, frozenset[str]]) -> None:
        self.plan = plan
        self.matching = matching
        self.catalogue = catalogue
        self.retags = retags  # exercise → groups it reaches by the plan's own tag
        # a `1-2 per week` session's second time is optional: planned only when logged
        self.past = [d for d in matching.doings if matching.is_past(d)
                     and (not d.optional or matching.entry_of(d) is not None)]

    def document(self) -> dict[str, Any]:
        weeks = sorted({d.week for d in self.past})
        return {
            "schema": SCHEMA,
            "generator": f"workoutlang {__version__}",
            "plan": self.plan.plan.name,
            "log": self.matching.log.plan,
            "as_of": _iso(self.matching.last),
            "weeks": [self._week(n) for n in weeks],
            "totals": {"sessions": self._sessions(self.past), "sets": self._sets(self.past)},
            "balance": self._balance(self.past),
            "loads": self._loads(),
            "missed": self._missed(),
            "sessions_missed": self._sessions_missed(),
            "unmatched": self._unmatched(),
            "retagged": {name: sorted(groups) for name, groups in sorted(self.retags.items())},
        }

    # --- per week ---------------------------------------------------------------

    def _week(self, week: int) -> dict[str, Any]:
        doings = [d for d in self.past if d.week == week]
        monday = self.matching.monday
        return {
            "week": week,
            "monday": _iso(monday + datetime.timedelta(weeks=week - 1) if monday else None),
            "partial": any(d.week == week and not d.optional and not self.matching.is_past(d)
                           for d in self.matching.doings),
            "deload": self.plan.weeks[week - 1].deload,
            "sessions": self._sessions(doings),
            "sets": self._sets(doings),
            "balance": self._balance(doings),
        }

    def _done_entry(self, doing: Doing) -> syntax.Entry | None:
        """The doing's entry when the session was done (logged, not skipped)."""
        entry = self.matching.entry_of(doing)
        return entry if entry is not None and not entry.skipped else None

    def _sessions(self, doings: list[Doing]) -> dict[str, int]:
        entries = [self.matching.entry_of(d) for d in doings]
        return {
            "planned": len(doings),
            "done": sum(e is not None and not e.skipped for e in entries),
            "skipped": sum(e is not None and e.skipped for e in entries),
            "not_logged": sum(e is None for e in entries),
        }

    def _sets(self, doings: list[Doing]) -> dict[str, dict[str, Any]]:
        """Sets per tag group: planned by the doings, done as their entries say; of
        them, those counted by a tag the plan file added (`retagged`, when any)."""
        counts: dict[str, dict[str, Any]] = {
            group: {"planned": 0, "done": 0} for group in TAG_GROUPS}
        moved = {group: {"planned": 0, "done": 0} for group in TAG_GROUPS}

        def count(exercise: Exercise, key: str, sets: int) -> None:
            for group in self._groups(exercise):
                counts[group][key] += sets
                if group in self.retags.get(exercise.name, ()):
                    moved[group][key] += sets

        for doing in doings:
            items = {id(item.line): item for item in doing.session.all_items()}
            for line, sets in planned_sets(doing.session).items():
                count(items[line].exercise, "planned", len(sets))
            for exercise, lines in self._done_lines(self._done_entry(doing)).items():
                count(exercise, "done", _set_count(lines))
        for group, retagged in moved.items():
            if any(retagged.values()):
                counts[group]["retagged"] = retagged
        return counts

    @staticmethod
    def _groups(exercise: Exercise) -> Iterable[str]:
        return (group for group, tags in TAG_GROUPS.items() if exercise.tags & tags)

    def _done_lines(self, entry: syntax.Entry | None) -> dict[Exercise, list[syntax.DoneLine]]:
        """The entry's done lines (not skipped) by catalogue exercise; names the
        catalogue does not know are left out (they have no tags)."""
        out: dict[Exercise, list[syntax.DoneLine]] = {}
        for line in entry.lines if entry is not None else ():
            exercise = self.catalogue.lookup(line.name)
            if exercise is not None and not line.skipped:
                out.setdefault(exercise, []).append(line)
        return out

    def _balance(self, doings: list[Doing]) -> list[dict[str, Any]]:
        """Left and right volume (reps, seconds or metres) of one-sided work done."""
        volume: dict[tuple[str, str], dict[str, float]] = {}
        displays: dict[str, str] = {}
        for doing in doings:
            planned_side = {item.exercise.name: item.side for item in doing.session.all_items()}
            for exercise, lines in self._done_lines(self._done_entry(doing)).items():
                for line in lines:
                    # no side written: the side planned (a log records what differs)
                    side = line.side.value if line.side else planned_side.get(exercise.name)
                    if side is None and not exercise.unilateral:
                        continue  # two-sided work: no balance to tell
                    sides = SIDES if side is None or side in BOTH_SIDES else (side,)
                    for done in line.sets:
                        unit, amount = _amount(done)
                        row = volume.setdefault((exercise.name, unit), dict.fromkeys(SIDES, 0.0))
                        displays[exercise.name] = exercise.display
                        for each in sides:
                            row[each] += amount
        return [{"exercise": name, "display": displays[name], "unit": unit,
                 "left": number(row["left"]), "right": number(row["right"])}
                for (name, unit), row in volume.items()]

    # --- loads --------------------------------------------------------------------

    def _loads(self) -> list[dict[str, Any]]:
        """Each weighted exercise's heaviest set in each session done, beside the
        heaviest the plan asked for there."""
        series: dict[str, dict[str, Any]] = {}
        for doing in self.past:
            entry = self._done_entry(doing)
            if entry is None:
                continue
            for exercise, lines in self._done_lines(entry).items():
                items = [i for i in doing.session.all_items()
                         if i.exercise.name == exercise.name]
                point = _top(doing, entry, lines, items)
                if point is None:
                    continue  # no weight lifted: bodyweight, a band, an effort
                unit = _unit_of(items, lines, self.plan.plan.units)
                series.setdefault(exercise.name, {
                    "exercise": exercise.name, "display": exercise.display, "unit": unit,
                    "points": []})["points"].append(point)
        for data in series.values():
            unit = data["unit"]
            data["points"] = [{**p, "top": number(_in_unit(p["top"], unit)),
                               "planned": None if p["planned"] is None
                               else number(_in_unit(p["planned"], unit))}
                              for p in sorted(data["points"], key=lambda p: p["date"])]
        return list(series.values())

    # --- what was missed ------------------------------------------------------------

    def _missed(self) -> list[dict[str, Any]]:
        """Per exercise planned in the past: in how many doings it was done, short of
        its target, missed (skipped, or left out of a logged session), or in a session
        not done at all."""
        rows: dict[str, dict[str, Any]] = {}
        for doing in self.past:
            entry = self._done_entry(doing)
            said = outcomes(doing.session, entry, self.catalogue)
            attempted = {e.name for e in self._done_lines(entry)}
            lines: dict[str, list[int]] = {}
            exercises: dict[str, Exercise] = {}
            for item in doing.session.all_items():
                lines.setdefault(item.exercise.name, []).append(id(item.line))
                exercises[item.exercise.name] = item.exercise
            for name, keys in lines.items():
                row = rows.setdefault(name, {
                    "exercise": name, "display": exercises[name].display, "planned": 0,
                    "done": 0, "short": 0, "missed": 0, "session_not_done": 0})
                row["planned"] += 1
                if entry is None:
                    row["session_not_done"] += 1
                elif name not in attempted:
                    row["missed"] += 1
                elif all(said[key].done for key in keys):
                    row["done"] += 1
                else:
                    row["short"] += 1
        return list(rows.values())

    def _sessions_missed(self) -> list[dict[str, Any]]:
        out = []
        for doing in self.past:
            entry = self.matching.entry_of(doing)
            if entry is not None and not entry.skipped:
                continue
            out.append({
                "week": doing.week, "session": doing.session.name,
                "date": _iso(entry_date(entry) if entry else doing.date),
                "reason": "skipped" if entry else "not_logged",
                "note": entry.note if entry else None,
            })
        return out

    def _unmatched(self) -> list[dict[str, Any]]:
        """Entries the review could not place: no such session that week (WOL201),
        outside the plan's weeks (WOL203), the same session twice a day (WOL204), no
        real date (WOL003). Their work is not counted."""
        placed = {id(e) for e in self.matching.entries.values()}
        reasons = {id(e): "no_session" for e in self.matching.unmatched}
        reasons.update({id(e): "outside_plan" for e in self.matching.outside})
        reasons.update({id(e): "twice" for e in self.matching.twice})
        out = []
        for entry in self.matching.log.entries:
            if id(entry) in placed:
                continue
            out.append({"date": entry.date, "session": entry.session, "line": entry.span.line,
                        "reason": reasons.get(id(entry), "not_a_date")})
        return out


def _set_count(lines: list[syntax.DoneLine]) -> int:
    """Sets of one exercise in one entry: a set on both sides (`each_leg`) or with no
    side counts once; one-sided sets pair up, left with right, so
    `30s, 30s left` and `30s, 20s right` are two sets, as an `each_leg` 2x30s."""
    sided = dict.fromkeys(SIDES, 0)
    whole = 0
    for line in lines:
        side = line.side.value if line.side else None
        if side in SIDES:
            sided[side] += len(line.sets)
        else:
            whole += len(line.sets)
    return whole + max(sided.values())


def _amount(done: syntax.DoneSet) -> tuple[str, float]:
    """A set's volume and its unit: reps, else seconds, else metres."""
    if done.reps is not None:
        return "reps", float(done.reps)
    if done.seconds is not None:
        return "s", float(done.seconds)
    return "m", float(done.metres or 0)


def _unit_of(items: list[Item], lines: list[syntax.DoneLine], default: Unit) -> Unit:
    """The unit an exercise's loads are shown in: as the plan writes its weight, else
    as the log does, else the plan's `units`."""
    for item in items:
        load = item.load
        if load is not None and load.kind == "weight" and load.unit:
            return load.unit
        if load is not None and load.weight_unit:
            return load.weight_unit
    written = (s.load.unit for line in lines for s in line.sets
               if s.load is not None and s.load.kind == "weight" and s.load.unit)
    return next(written, default)


def _top(doing: Doing, entry: syntax.Entry, lines: list[syntax.DoneLine],
         items: list[Item]) -> dict[str, Any] | None:
    """The heaviest set of an exercise in one entry (kg, converted by the caller) with
    its reps, and the heaviest weight planned. A set with no load written was done at
    its planned set's load; a set with no weight at all (an effort, a band, `bw`)
    is left out."""
    # `bw+10kg` is a bodyweight exercise's extra weight: not a lifted weight
    lifted = {id(i.line): i.load is None or i.load.kind != "bodyweight" for i in items}
    planned = [s.kg if keep else None for key, keep in lifted.items()
               for s in planned_sets(doing.session).get(key, [])]
    planned_top = max((kg for kg in planned if kg is not None), default=None)
    best: tuple[float, int | None] | None = None
    index = 0
    for line in lines:
        for done in line.sets:
            kg = done_kg(done.load) if done.load is not None else \
                (planned[min(index, len(planned) - 1)] if planned else None)
            index += 1
            if kg is None or (done.load is not None and done.load.kind != "weight"):
                continue
            if best is None or (kg, done.reps or 0) > (best[0], best[1] or 0):
                best = (kg, done.reps)
    if best is None:
        return None
    return {"date": entry.date, "week": doing.week, "top": best[0], "reps": best[1],
            "planned": planned_top}


def _in_unit(kg: float, unit: Unit) -> float:
    return kg / KG_PER_LB if unit == "lb" else kg

