"""Properties of training logs against their plans, over generated plans (with `if
done`, resets and ladders) and generated logs (`workoutlang.strategies.logs`).

- the key property of issue 13: a log that does everything as planned replays to the
  static expansion, week by week, and `next` is the static expansion's next week;
- replaying is deterministic, whatever the order of the entries in the file;
- every entry of a generated log finds its session, and what "done" means holds: the
  planned sets at the planned load are done, a set one rep short is not;
- misses never raise a load, and neither does a reset;
- the review counts what the log holds: sessions done and skipped, sets per tag.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workoutlang as wol
from workoutlang import strategies as wst
from workoutlang import syntax
from workoutlang.catalogue import Catalogue, load_catalogue
from workoutlang.expand import ExpandedPlan, expand
from workoutlang.formatter import meaning
from workoutlang.logbook import Matching, outcomes, replayed
from workoutlang.strategies import DOSE_CODES

QUICK = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# the dose checks are off: generated plans do not model a coach's dose (strategies.py)
DOSE_OFF = wol.CheckConfig(disabled=DOSE_CODES)


def catalogue_of(tree: syntax.PlanFile) -> Catalogue:
    return load_catalogue().with_definitions(tree.exercises)


def items_of(plan: ExpandedPlan) -> list[tuple[Any, ...]]:
    """What a week asks of each exercise: its name, sets, reps, seconds, metres, load
    and the steps of its progression, session by session, week by week."""
    return [(week.number, session.name, item.exercise.name, item.sets, item.reps_min,
             item.reps_max, item.duration_s, item.distance_m,
             item.load.text if item.load is not None else None, item.progress_steps)
            for week in plan.weeks for session in week.sessions
            for item in session.all_items()]


def loads_of(plan: ExpandedPlan) -> dict[tuple[int, int, int, int], float]:
    """The weight each week's item asks for, by (week, doing, line, group)."""
    return {(week.number, index, id(item.line), item.group): item.load.kg
            for week in plan.weeks for index, session in enumerate(week.sessions)
            for item in session.all_items()
            if item.load is not None and item.load.kg is not None}


def replay(tree: syntax.PlanFile, log_file: syntax.PlanFile) -> tuple[ExpandedPlan, Matching]:
    return replayed(tree.plans[0], log_file.logs[0], catalogue_of(tree))


def with_log(log_file: syntax.PlanFile, entries: Any) -> syntax.PlanFile:
    (log,) = log_file.logs
    return attrs.evolve(log_file, logs=(attrs.evolve(log, entries=tuple(entries)),))


def plan_and_weeks(**kwargs: Any) -> st.SearchStrategy[tuple[syntax.PlanFile, int]]:
    """A plan and a number of its weeks (the strategy of plans built once)."""
    plans = wst.plans(**kwargs)

    @st.composite
    def draw(draw: st.DrawFn) -> tuple[syntax.PlanFile, int]:
        tree = draw(plans)
        return tree, draw(st.integers(1, tree.plans[0].week_count))

    return draw()


def plan_and_log(**kwargs: Any) -> st.SearchStrategy[tuple[syntax.PlanFile, syntax.PlanFile]]:
    """A plan and a log of it."""
    return wst.plans(**kwargs).flatmap(lambda tree: st.tuples(st.just(tree), wst.logs(tree)))


# --- the key property ------------------------------------------------------------------


@QUICK
@given(plan_and_weeks(weeks=(1, 6)))
def test_a_log_done_as_planned_replays_to_the_static_expansion(case: Any) -> None:
    tree, weeks = case
    log_file = as_planned = wst.as_planned_log(tree, weeks)
    went, matching = replay(tree, as_planned)
    static, _ = expand(tree.plans[0], catalogue_of(tree))
    assert not (matching.unmatched or matching.outside or matching.twice)
    assert len(matching.entries) == len(log_file.logs[0].entries)
    assert items_of(went) == items_of(static)


@settings(QUICK, max_examples=30)
@given(plan_and_weeks(weeks=(2, 5)))
def test_next_after_an_as_planned_log_is_the_static_expansion_of_the_next_week(
        case: Any) -> None:
    """`wol.next_week` after weeks 1..k done as planned: week k+1 exactly as the static
    plan has it (the times a `N-M per week` session may also be done past N are not
    worked out ahead, so week k, done, is over)."""
    tree, weeks = case
    weeks = min(weeks, tree.plans[0].week_count - 1)
    static = json.loads(wol.compile(tree, "json"))["plans"][0]["weeks"]
    (week,) = wol.next_week(tree, wst.as_planned_log(tree, weeks))["plans"][0]["weeks"]
    assert week == static[weeks]


@QUICK
@given(plan_and_weeks(weeks=(1, 4)))
def test_the_as_planned_log_is_text_the_parser_reads_back(case: Any) -> None:
    tree, weeks = case
    log_file = wst.as_planned_log(tree, weeks)
    parsed = wol.parse(wst.log_text(log_file))
    assert meaning(parsed) == meaning(log_file)


# --- the generated logs ------------------------------------------------------------------


@QUICK
@given(plan_and_log())
def test_generated_log_text_parses_to_the_generated_tree(case: Any) -> None:
    tree, log_file = case
    parsed = wol.parse(wst.log_text(log_file))
    assert meaning(parsed) == meaning(log_file)


@QUICK
@given(plan_and_log())
def test_generated_log_text_is_in_the_canonical_layout(case: Any) -> None:
    text = wst.log_text(case[1])
    assert wol.format(text) == text


@QUICK
@given(plan_and_log(), st.randoms(use_true_random=False))
def test_replaying_is_deterministic_and_blind_to_the_order_of_entries(
        case: Any, shuffle: random.Random) -> None:
    tree, log_file = case
    once, matched = replay(tree, log_file)
    again, _ = replay(tree, log_file)
    entries = list(log_file.logs[0].entries)
    shuffle.shuffle(entries)
    shuffled, matched_shuffled = replay(tree, with_log(log_file, entries))
    assert items_of(once) == items_of(again) == items_of(shuffled)
    assert {k: e.date for k, e in matched.entries.items()} == \
        {k: e.date for k, e in matched_shuffled.entries.items()}
    # and the text of the log says the same as its tree
    parsed, _ = replay(tree, wol.parse(wst.log_text(log_file)))
    assert items_of(parsed) == items_of(once)


@QUICK
@given(plan_and_log())
def test_every_entry_of_a_generated_log_finds_its_session(case: Any) -> None:
    tree, log_file = case
    _, matching = replay(tree, log_file)
    assert not (matching.unmatched or matching.outside or matching.twice)
    assert len(matching.entries) == len(log_file.logs[0].entries)


@QUICK
@given(plan_and_log())
def test_a_plan_with_a_generated_log_checks_clean(case: Any) -> None:
    """No WOL201-WOL204, and every value of the log inside the bounds (WOL003)."""
    tree, log_file = case
    both = attrs.evolve(tree, logs=log_file.logs)
    found = wol.check(both, DOSE_OFF)
    assert not found, [(d.code, d.message) for d in found]


def logged_doings(matching: Matching) -> Iterator[tuple[Any, syntax.Entry]]:
    for doing in matching.doings:
        entry = matching.entry_of(doing)
        if entry is not None:
            yield doing, entry


def one_rep_short(entry: syntax.Entry, line_index: int) -> tuple[syntax.Entry, str] | None:
    """The entry with one set of its `line_index`-th done line one rep short (the first
    set of at least 2 reps), and the exercise's name; None when it has no such set."""
    line = entry.lines[line_index]
    for g, group in enumerate(line.groups):
        p = group.prescription
        if p.kind != "reps" or p.reps_min is None or p.reps_min < 2:
            continue
        reps, sets = p.reps_min, p.sets or 1
        short = [attrs.evolve(group, prescription=attrs.evolve(
            p, sets=None, reps_min=reps - 1, reps_max=reps - 1, text=str(reps - 1)))]
        if sets > 1:  # the group's other sets as they were
            rest = sets - 1 if sets > 2 else None
            short.append(attrs.evolve(group, prescription=attrs.evolve(
                p, sets=rest, text=f"{rest}x{reps}" if rest else str(reps))))
        changed = attrs.evolve(line, groups=(*line.groups[:g], *short, *line.groups[g + 1:]))
        items = tuple(changed if item is line else item for item in entry.items)
        return attrs.evolve(entry, items=items), line.name
    return None


@QUICK
@given(plan_and_weeks(weeks=(1, 3)), st.data())
def test_planned_sets_at_the_planned_load_are_done_and_one_rep_short_is_not(
        case: Any, data: st.DataObject) -> None:
    tree, weeks = case
    catalogue = catalogue_of(tree)
    log_file = wst.as_planned_log(tree, weeks)
    _, matching = replay(tree, log_file)
    logged = list(logged_doings(matching))
    for doing, entry in logged:
        found = outcomes(doing.session, entry, catalogue)
        assert all(outcome.logged and outcome.done for outcome in found.values())
    doing, entry = data.draw(st.sampled_from(logged))
    if not entry.lines:
        return
    shortened = one_rep_short(entry, data.draw(st.integers(0, len(entry.lines) - 1)))
    if shortened is None:
        return  # every set of the line is of one rep, a time or a distance
    short, name = shortened
    found = outcomes(doing.session, short, catalogue)
    lines = {id(item.line): item for item in doing.session.all_items()}
    missed = [key for key, outcome in found.items() if not outcome.done]
    assert missed, "a set one rep short left every line done"
    assert all(lines[key].exercise.name == catalogue.lookup(name).name  # type: ignore[union-attr]
               for key in missed)


# --- what misses and resets do to loads --------------------------------------------------


def with_misses(log_file: syntax.PlanFile, chosen: list[bool]) -> syntax.PlanFile:
    """The log with the done lines picked by `chosen` (in turn, wrapping) skipped."""
    picks = iter(chosen * 1000)
    entries = []
    for entry in log_file.logs[0].entries:
        items = tuple(
            syntax.DoneLine(item.name, (), (), (), True, item.span, item.name_span)
            if isinstance(item, syntax.DoneLine) and next(picks, False) else item
            for item in entry.items)
        entries.append(attrs.evolve(entry, items=items))
    return with_log(log_file, entries)


@QUICK
@given(plan_and_weeks(weeks=(2, 5)), st.lists(st.booleans(), min_size=1, max_size=8))
def test_a_miss_never_raises_a_load(case: Any, chosen: list[bool]) -> None:
    tree, weeks = case
    as_planned = wst.as_planned_log(tree, weeks)
    planned, _ = replay(tree, as_planned)
    missed, _ = replay(tree, with_misses(as_planned, chosen))
    after_misses, as_planned_loads = loads_of(missed), loads_of(planned)
    for key, kg in after_misses.items():
        if key in as_planned_loads:
            assert kg <= as_planned_loads[key] + 1e-9


def without_resets(tree: syntax.PlanFile) -> syntax.PlanFile:
    def line(item: syntax.ExerciseLine) -> syntax.ExerciseLine:
        return attrs.evolve(item, modifiers=tuple(
            m for m in item.modifiers if not isinstance(m, syntax.Reset)))

    def entry(item: syntax.SessionItem) -> syntax.SessionItem:
        if isinstance(item, syntax.ExerciseLine):
            return line(item)
        if isinstance(item, syntax.Block):
            return attrs.evolve(item, items=tuple(map(line, item.items)))
        return item

    def sessions(found: tuple[syntax.Session, ...]) -> tuple[syntax.Session, ...]:
        return tuple(attrs.evolve(s, items=tuple(map(entry, s.items))) for s in found)

    def rotations(found: tuple[syntax.Rotation, ...]) -> tuple[syntax.Rotation, ...]:
        return tuple(attrs.evolve(r, sessions=sessions(r.sessions)) for r in found)

    plans = tuple(attrs.evolve(
        p, sessions=sessions(p.sessions), rotations=rotations(p.rotations),
        weeks=tuple(attrs.evolve(w, sessions=sessions(w.sessions),
                                 rotations=rotations(w.rotations)) for w in p.weeks))
        for p in tree.plans)
    return attrs.evolve(tree, plans=plans)


def loads_left_out(log_file: syntax.PlanFile) -> syntax.PlanFile:
    """The log with every load left out: each set at the planned load."""
    def line(item: syntax.DoneLine | syntax.EntryNote) -> syntax.DoneLine | syntax.EntryNote:
        if not isinstance(item, syntax.DoneLine):
            return item
        kept = [(m, s) for m, s in zip(item.modifiers, item.modifier_spans, strict=True)
                if not isinstance(m, syntax.Load)]
        return attrs.evolve(item, groups=tuple(attrs.evolve(g, load=None, load_span=None)
                                               for g in item.groups),
                            modifiers=tuple(m for m, _ in kept),
                            modifier_spans=tuple(s for _, s in kept))

    return with_log(log_file, [attrs.evolve(e, items=tuple(map(line, e.items)))
                               for e in log_file.logs[0].entries])


@QUICK
@given(plan_and_log(weeks=(2, 5)))
def test_a_reset_never_raises_a_load(case: Any) -> None:
    """The same log (every set at the planned load, so that the outcomes do not hang on
    the loads) replayed against the plan and against it without its resets."""
    tree, log_file = case
    log_file = loads_left_out(log_file)
    with_reset, _ = replay(tree, log_file)
    plain, _ = replay(without_resets(tree), log_file)
    # the trees differ in their lines: compare by position in the week
    def by_place(plan: ExpandedPlan) -> dict[tuple[int, int, int], float | None]:
        return {(week.number, index, n): item.load.kg if item.load is not None else None
                for week in plan.weeks for index, session in enumerate(week.sessions)
                for n, item in enumerate(session.all_items())}

    reset_loads, plain_loads = by_place(with_reset), by_place(plain)
    assert reset_loads.keys() == plain_loads.keys()
    for key, kg in reset_loads.items():
        if kg is not None and plain_loads[key] is not None:
            assert kg <= plain_loads[key] + 1e-9  # type: ignore[operator]


# --- the review ------------------------------------------------------------------------

# the review's tag groups (docs/outputs/review.md): a set counts once in each group
# its exercise's tags reach
TAG_GROUPS = {"core": {"core"}, "posterior_chain": {"posterior_chain"},
              "single_leg": {"single_leg"}, "mobility_balance": {"mobility", "balance"}}


def logged_sets(entry: syntax.Entry, catalogue: Catalogue) -> Counter[str]:
    """Sets done in an entry, per tag group: a line with both sides or none counts each
    set once; `left` and `right` lines of an exercise pair up, a set a pair."""
    out: Counter[str] = Counter()
    sides: dict[str, Counter[str]] = {}
    for line in entry.lines:
        exercise = catalogue.lookup(line.name)
        if line.skipped or exercise is None:
            continue
        side = line.side.value if line.side is not None else None
        if side in ("left", "right"):
            sides.setdefault(exercise.name, Counter())[side] += len(line.sets)
            continue
        for group, tags in TAG_GROUPS.items():
            out[group] += len(line.sets) if exercise.tags & tags else 0
    for name, counts in sides.items():
        exercise = catalogue.lookup(name)
        assert exercise is not None
        for group, tags in TAG_GROUPS.items():
            out[group] += max(counts.values()) if exercise.tags & tags else 0
    return out


@QUICK
@given(plan_and_log())
def test_the_review_counts_what_the_log_holds(case: Any) -> None:
    tree, log_file = case
    catalogue = catalogue_of(tree)
    review = wol.review(tree, log_file)
    entries = log_file.logs[0].entries
    done = [e for e in entries if not e.skipped]
    sessions = review["totals"]["sessions"]
    assert sessions["done"] == len(done)
    assert sessions["skipped"] == len(entries) - len(done)
    assert sessions["planned"] == sessions["done"] + sessions["skipped"] + \
        sessions["not_logged"]
    expected: Counter[str] = Counter()
    for entry in done:
        expected.update(logged_sets(entry, catalogue))
    assert {group: counts["done"] for group, counts in review["totals"]["sets"].items()} \
        == {group: expected[group] for group in TAG_GROUPS}
