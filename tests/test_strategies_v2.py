"""The strategies and the language v2 (docs/strategies.md, DESIGN of issue 12).

- the generator draws every v2 construct (set schemes, `1x5+`, efforts, `%tm`
  and `%1rm`, distances, `min`, `max` lines, `cycle N` and waves, bare deload
  weeks, rotations, `/session` and `/cycle` steps, double progressions,
  `N[-M] per week`, supplement plans);
- what it draws keeps the design's promises (`%tm` only with a `max` line,
  `double` only on a rep range, `/cycle` only with `cycle N`…);
- a generated tree, written out by a small writer of its own (below, which
  spells each value by the text the tree carries) parses back to itself: the
  trees are the parser's trees, spellings included;
- v2 plans: formatted, they parse back and format to themselves, check clean and
  compile; without the `max` lines, a plan with `%tm` is WOL010;
- `v2=False` still gives v1 plans, which format and check clean.

The properties over the formatter, the checks and the outputs wait for those
parts of issue 12; tests/test_properties.py runs the same properties on the
default (v2) strategies.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
from hypothesis import Phase, given, seed, settings
from hypothesis import strategies as st
from test_properties import QUICK, SLOW, without_spans

import workoutlang as wol
from workoutlang import strategies as wst
from workoutlang import syntax
from workoutlang.formatter import format_tree, meaning
from workoutlang.spelling import number
from workoutlang.strategies import DOSE_CODES

# --- a writer of the language, independent of the formatter -------------------------------

# the dose checks are off: generated plans do not model a coach's dose (strategies.py)
DOSE_OFF = wol.CheckConfig(disabled=DOSE_CODES)


def _modifier(m: syntax.Modifier) -> str:
    if isinstance(m, syntax.Load):
        return f"@ {m.text}"
    if isinstance(m, syntax.Tempo):
        return f"tempo {m.text}"
    if isinstance(m, syntax.Side):
        return m.value
    if isinstance(m, syntax.Rest):
        return f"rest {'lap' if m.duration is None else m.duration.text}"
    if isinstance(m, syntax.Progress):
        return f"progress {'double ' if m.double else ''}{m.text}{' if done' * m.if_done}"
    if isinstance(m, syntax.Reset):
        return f"reset -{number(m.percent)}% after {m.misses} miss{'es' * (m.misses != 1)}"
    return f'note "{m.text}"'


def _groups(groups: tuple[syntax.SetGroup, ...]) -> str:
    return ", ".join(g.prescription.text + (f" @ {g.load.text}" if g.load else "")
                     for g in groups)


def _line(line: syntax.ExerciseLine) -> str:
    head = _groups(line.scheme) if line.scheme else line.prescription.text
    return " ".join([line.name, head, *map(_modifier, line.modifiers)])


def _days(days: tuple[syntax.Day, ...]) -> str:
    return ", ".join(d.name for d in days)


def _session(session: syntax.Session, depth: int) -> Iterator[str]:
    pad = "  " * depth
    when = f" on {_days(session.days)}" if session.days else ""
    if session.per_week is not None:
        low, high = session.per_week.low, session.per_week.high
        when = f" {low if low == high else f'{low}-{high}'} per week"
    yield f'{pad}session "{session.name}"{when}:'
    for item in session.items:
        if isinstance(item, syntax.Block):
            options = [f"{o.count} round{'s' * (o.count != 1)}" if isinstance(o, syntax.Rounds)
                       else _modifier(o) for o in item.options]
            yield f"{pad}  " + " ".join([item.kind, *options]) + ":"
            yield from (f"{pad}    {_line(line)}" for line in item.items)
        elif isinstance(item, syntax.Wave):
            yield f"{pad}  " + " ".join([item.name, "wave", *map(_modifier, item.modifiers)]) \
                + ":"
            yield from (f"{pad}    {_groups(row.scheme)}" for row in item.rows)
        elif isinstance(item, syntax.Ladder):
            yield f"{pad}  " + " ".join(["ladder", item.prescription.text,
                                         *map(_modifier, item.modifiers), "graduate",
                                         item.graduate.text]) + ":"
            for rung in item.rungs:  # its own modifiers: those after the header's
                own = rung.modifiers[len(rung.header_parts or (1,)) - 1:]
                yield f"{pad}    " + " ".join([rung.name, *map(_modifier, own)])
        else:
            yield f"{pad}  {_line(item)}"


def _rotation(rotation: syntax.Rotation, depth: int) -> Iterator[str]:
    yield f"{'  ' * depth}rotation on {_days(rotation.days)}:"
    for session in rotation.sessions:
        yield from _session(session, depth + 1)


def _option(option: syntax.PlanOption) -> str:
    if isinstance(option, syntax.WeeksOption):
        return f"weeks {option.count}"
    if isinstance(option, syntax.UnitsOption):
        return f"units {option.unit}"
    if isinstance(option, syntax.StartOption):
        return f"start {option.date}"
    if isinstance(option, syntax.DeloadEveryOption):
        pct = "" if option.percent is None else f" {number(option.percent)}%"
        return f"deload every {option.every} weeks{pct}"
    if isinstance(option, syntax.CycleOption):
        return f"cycle {option.weeks}"
    if isinstance(option, syntax.RoundOption):
        return f"round {number(option.amount)}{option.unit}"
    return "supplement"


def _max(line: syntax.MaxLine) -> str:
    words = ["max", line.exercise, line.load.text]
    for option in line.options:
        words.append(f"progress {option.text}" if isinstance(option, syntax.Progress)
                     else f"tm {number(option)}%")
    return " ".join(words)


def _week(week: syntax.Week) -> Iterator[str]:
    words = ["week", str(week.first) if week.first == week.last else f"{week.first}-{week.last}"]
    if week.deload is not None:
        pct = week.deload.percent
        words.append("deload" if pct is None else f"deload {number(pct)}%")
    yield "  " + " ".join(words) + ("" if week.bare else ":")
    for session in week.sessions:
        yield from _session(session, 2)
    for rotation in week.rotations:
        yield from _rotation(rotation, 2)


def write(tree: syntax.PlanFile) -> str:
    """The tree as source text, each value as its own `text` spells it."""
    out: list[str] = []
    for plan in tree.plans:
        out.append(" ".join([f'plan "{plan.name}"', *map(_option, plan.options)]) + ":")
        out += ["  " + _max(m) for m in plan.maxes]
        for session in plan.sessions:
            out += _session(session, 1)
        for rotation in plan.rotations:
            out += _rotation(rotation, 1)
        for week in plan.weeks:
            out += _week(week)
    for exercise in tree.exercises:
        out.append(f"exercise {exercise.name}:")
        for p in exercise.properties:
            if p.key == "fit":
                values = ["/".join(p.values)]
            elif p.key == "note":
                values = [f'"{p.values[0]}"']
            else:
                values = list(p.values)
            out.append("  " + " ".join([p.key, *values]))
    return "\n".join(out) + "\n"


# --- what the generator draws -------------------------------------------------------------


def _nodes(node: Any) -> Iterator[Any]:
    """Every node of a tree, depth first."""
    yield node
    if isinstance(node, tuple):
        for n in node:
            yield from _nodes(n)
    elif attrs.has(type(node)) and not isinstance(node, syntax.Span):
        for f in attrs.fields(type(node)):
            yield from _nodes(getattr(node, f.name))


def constructs(tree: syntax.PlanFile) -> set[str]:
    """The v2 constructs a file holds, by name."""
    found: set[str] = set()
    for node in _nodes(tree):
        if isinstance(node, syntax.ExerciseLine) and len(node.scheme) > 1:
            found.add("set scheme")
        elif isinstance(node, syntax.Prescription):
            if node.kind == "max" and node.reps_min is not None:
                found.add("amrap minimum")
            if node.kind == "distance":
                found.add("distance")
            if node.duration is not None and "min" in node.duration.text:
                found.add("min")
        elif isinstance(node, syntax.Rest) and node.duration is None:
            found.add("rest lap")
        elif isinstance(node, syntax.Rest) and "min" in node.duration.text:
            found.add("min")
        elif isinstance(node, syntax.Load):
            if node.effort is not None:
                found.add("load with effort")
            if node.kind in ("percent_tm", "percent_1rm"):
                found.add(node.kind)
        elif isinstance(node, syntax.MaxLine):
            found.add("max")
            if node.tm is not None:
                found.add("max tm")
            if node.progress is not None:
                found.add(f"max progress /{node.progress.period}")
        elif isinstance(node, syntax.Reset):
            found.add("reset")
        elif isinstance(node, syntax.Ladder):
            found.add("ladder")
        elif isinstance(node, syntax.Progress):
            if node.if_done:
                found.add("if done")
            if node.double:
                found.add("double")
            elif node.period in ("session", "cycle"):
                found.add(f"progress /{node.period}")
        elif isinstance(node, syntax.CycleOption | syntax.RoundOption | syntax.SupplementOption):
            found.add(type(node).__name__)
        elif isinstance(node, syntax.Wave):
            found.add("wave")
        elif isinstance(node, syntax.Week) and node.bare:
            found.add("bare week")
        elif isinstance(node, syntax.Week) and node.rotations:
            found.add("rotation in a week block")
        elif isinstance(node, syntax.Rotation):
            found.add("rotation")
        elif isinstance(node, syntax.PerWeek):
            found.add("per week" if node.low == node.high else "per week range")
        elif isinstance(node, syntax.ExerciseProperty) and node.values == ("distance",):
            found.add("measure distance")
    return found


EVERY_CONSTRUCT = {
    "set scheme", "amrap minimum", "distance", "min", "load with effort", "percent_tm",
    "percent_1rm", "max", "max tm", "max progress /cycle", "max progress /week", "double",
    "progress /session", "progress /cycle", "CycleOption", "RoundOption", "SupplementOption",
    "wave", "bare week", "rotation", "rotation in a week block", "per week", "per week range",
    "measure distance", "if done", "reset", "ladder", "rest lap",
}


def test_every_v2_construct_is_drawn() -> None:
    seen: set[str] = set()

    @seed(12)
    @settings(max_examples=400, deadline=None, database=None, phases=[Phase.generate])
    @given(wst.plans(weeks=(2, 12)))
    def collect(tree: syntax.PlanFile) -> None:
        seen.update(constructs(tree))

    collect()
    assert EVERY_CONSTRUCT - seen == set()


def _plan_nodes(tree: syntax.PlanFile) -> Iterator[tuple[syntax.Plan, Any]]:
    for plan in tree.plans:
        for node in _nodes(plan):
            yield plan, node


@QUICK
@given(wst.plans(weeks=(1, 12), units=None, plans_per_file=(1, 2)))
def test_what_is_drawn_keeps_the_design(tree: syntax.PlanFile) -> None:
    for plan, node in _plan_nodes(tree):
        maxed = {m.exercise for m in plan.maxes}
        if isinstance(node, syntax.ExerciseLine):
            # %tm only for an exercise with a max line in its plan (else WOL010)
            if any(g.load is not None and g.load.kind == "percent_tm" for g in node.groups):
                assert node.name in maxed
            progress = node.progress
            if progress is not None and progress.double:  # double only on a rep range
                (group,) = node.groups
                p = group.prescription
                assert p.kind == "reps" and p.sets and (p.reps_max or 0) > (p.reps_min or 0)
            for group in node.scheme[1:]:  # groups after the first have sets
                assert group.prescription.sets is not None
        if isinstance(node, syntax.Progress) and node.period == "cycle":
            assert plan.cycle is not None
        if isinstance(node, syntax.Rotation):  # each session done every week
            assert 2 <= len(node.sessions) <= len(node.days)
            assert all(not s.days and s.per_week is None for s in node.sessions)
        if isinstance(node, syntax.Session) and node.per_week is not None:
            assert not node.days


# --- round trips --------------------------------------------------------------------------


@QUICK
@given(wst.plans(weeks=(1, 12), units=None, plans_per_file=(1, 2)))
def test_written_tree_parses_back_to_itself(tree: syntax.PlanFile) -> None:
    """The generated trees are the parser's trees, every spelling included."""
    text = write(tree)
    assert without_spans(wol.parse(text)) == without_spans(tree), text


@QUICK
@given(wst.plans(weeks=(1, 12), units=None, plans_per_file=(1, 2)))
def test_v2_formatted_tree_parses_back_to_itself(tree: syntax.PlanFile) -> None:
    """Waits for the formatter's v2 (fmt worktree)."""
    text = format_tree(tree)
    assert meaning(wol.parse(text)) == meaning(tree), text
    assert wol.format(text) == text


@QUICK
@given(wst.plans(weeks=(1, 12), units=None, plans_per_file=(1, 2), v2=False))
def test_v1_plans_still_format_and_check_clean(tree: syntax.PlanFile) -> None:
    text = format_tree(tree)
    assert meaning(wol.parse(text)) == meaning(tree), text
    assert not constructs(tree) - {"min", "percent_1rm"}  # both in v1
    found = wol.check(tree, DOSE_OFF)
    assert not found, [(d.code, d.message) for d in found]


# --- checks and outputs -------------------------------------------------------------------


@QUICK
@given(wst.plans(weeks=(1, 12), units=None, plans_per_file=(1, 2)))
def test_v2_plans_check_clean(tree: syntax.PlanFile) -> None:
    """Waits for the checks' v2 (checks worktree): WOL010, measure distance (WOL005),
    supplement plans (WOL101-107), rotations and `per week` (WOL106)."""
    found = wol.check(tree, DOSE_OFF)
    assert not found, (write(tree), [(d.code, d.message) for d in found])


@QUICK
@given(wst.plans(weeks=(1, 12), units=None).filter(
    lambda t: any(m.exercise for p in t.plans for m in p.maxes)), st.data())
def test_percent_of_training_max_without_its_max_is_wol010(tree: syntax.PlanFile,
                                                          data: st.DataObject) -> None:
    """Waits for WOL010 (checks worktree)."""
    uses_tm = {n.name for _, n in _plan_nodes(tree) if isinstance(n, syntax.ExerciseLine)
               and any(g.load is not None and g.load.kind == "percent_tm" for g in n.groups)}
    stripped = attrs.evolve(tree, plans=tuple(attrs.evolve(p, maxes=()) for p in tree.plans))
    codes = {d.code for d in wol.check(stripped)}
    assert ("WOL010" in codes) == bool(uses_tm), codes


@SLOW
@given(wst.plans(weeks=(1, 8), units=None, start=True, days=True))
def test_v2_plans_compile_to_json_and_fit(tree: syntax.PlanFile) -> None:
    """Waits for the checks and the outputs' v2 (checks, outputs, watch worktrees)."""
    for target in ("json", "fit", "garmin-connect", "html", "ics"):
        assert wol.compile(tree, target)
