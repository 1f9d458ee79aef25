"""Rules about a whole week (or session): coverage, balance, frequency.

They judge the expanded weeks, and report a run of consecutive weeks with the
same problem once ("weeks 4-6 have no core work"), at the header that wrote
the first of those weeks.

Volume (WOL105) is sets × reps as one leg does it: an `each_leg` line counts
once (each leg does that work), a `left` or a `right` line counts half (one leg
of the pair), a superset's rounds multiply its sets. Timed work counts one rep
per limits.SECONDS_PER_REP (4) seconds under tension (6 × 2min is 180 reps);
a `max` set counts its stated minimum (`1x5+`: 5), else limits.MAX_SET_REPS
(10); work over a distance (carries) counts nothing. An exercise tagged both
quad_dominant and posterior_chain counts half its volume to each (the total
stays the work done; the comparison is the same as counting it fully to both).
WOL103 compares sides in their own units instead (reps, seconds, metres).
docs/volume.md gives the figures' sources.

A plan with a line whose exercise is unknown (WOL002) has a hole in its weeks:
the whole-plan checks (coverage, volume, frequency) skip it until the name is
fixed, and WOL002's diagnostic says so. (A syntax error stops every check.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from .. import syntax
from ..catalogue import Catalogue
from ..diagnostics import Diagnostic, make
from ..expand import BlockInstance, ExpandedPlan, Item, SessionInstance, WeekInstance
from ..limits import MAX_SESSIONS_A_WEEK, MAX_SET_REPS, MIN_SESSIONS_A_WEEK, SECONDS_PER_REP
from ..memo import IdentityMemo
from ..vocabulary import ONE_SIDE
from .context import Context

_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven")
_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh")

QUAD_DOMINANT = "quad_dominant"  # catalogue tags (catalogue.TAGS) the volume rules read
POSTERIOR_CHAIN = "posterior_chain"


def _week_runs(plan: ExpandedPlan,
               failing: Callable[[WeekInstance], bool]) -> Iterator[list[WeekInstance]]:
    """Runs of consecutive weeks for which `failing` holds."""
    run: list[WeekInstance] = []
    for week in plan.weeks:
        if failing(week):
            run.append(week)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _weeks_text(run: list[WeekInstance], plan: ExpandedPlan) -> str:
    if len(plan.weeks) == 1:
        return "the week"
    first, last = run[0].number, run[-1].number
    return f"week {first}" if first == last else f"weeks {first}-{last}"


# (catalogue, plan) → whether a line of the plan names an unknown exercise
_holes: IdentityMemo[bool] = IdentityMemo(64)


def has_unknown_exercise(plan: syntax.Plan, catalogue: Catalogue) -> bool:
    """Whether a session line of `plan` names an exercise `catalogue` does not know
    (WOL002): its expanded weeks lack that line's work."""
    found = _holes.get(catalogue, plan)
    if found is None:
        found = _holes.put(any(catalogue.lookup(line.name) is None
                               for session in plan.all_sessions()
                               for line in session.exercise_lines()), catalogue, plan)
    return found


def _complete_plans(context: Context) -> Iterator[ExpandedPlan]:
    """The plans whose every line names a known exercise: a plan with a hole (WOL002)
    would get conclusions drawn from the work it lost."""
    return (plan for plan in context.plans
            if not has_unknown_exercise(plan.plan, context.catalogue))


def _whole_week_plans(context: Context) -> Iterator[ExpandedPlan]:
    """The plans the whole-week checks judge: complete ones (`_complete_plans`), and
    not `supplement` plans, which add to a running week rather than being the
    athlete's whole strength week."""
    return (plan for plan in _complete_plans(context) if not plan.plan.supplement)


def _coverage(context: Context, code: str, tags: set[str], what: str,
              hint: str) -> Iterator[Diagnostic]:
    for plan in _whole_week_plans(context):
        # weeks share session instances: each is looked at once, not once a week
        has: dict[int, bool] = {}

        def lacking(week: WeekInstance, has: dict[int, bool] = has) -> bool:
            for session in week.sessions:
                if id(session) not in has:
                    has[id(session)] = any(item.exercise.tags & tags
                                           for item in session.all_items())
                if has[id(session)]:
                    return False
            return True

        for run in _week_runs(plan, lacking):
            text = _weeks_text(run, plan)
            verb = "has" if text.startswith(("week ", "the")) else "have"
            yield make(code, run[0].span, f"{text} {verb} no {what}: {hint}")


def core_coverage(context: Context) -> Iterator[Diagnostic]:
    """A week with no core exercise: runners need trunk stability every week.

    Bad:
        session "Legs" on mon:
          romanian_deadlift 3x8
    Good:
        session "Legs" on mon:
          romanian_deadlift 3x8
          plank 3x45s

    Not checked for a `supplement` plan (one that adds to a running week).
    """
    yield from _coverage(context, "WOL101", {"core"}, "core work",
                         "add plank, side_plank, dead_bug or pallof_press")


def posterior_chain_coverage(context: Context) -> Iterator[Diagnostic]:
    """A week with no posterior-chain exercise: runners overuse their quads.

    Bad:
        session "Legs" on mon:
          squat 3x8
    Good:
        session "Legs" on mon:
          squat 3x8
          romanian_deadlift 3x8

    Not checked for a `supplement` plan (one that adds to a running week).
    """
    yield from _coverage(context, "WOL102", {"posterior_chain"}, "posterior-chain work",
                         "add romanian_deadlift, hip_thrust, glute_bridge or kettlebell_swing")


def single_leg_coverage(context: Context) -> Iterator[Diagnostic]:
    """A week with no single-leg work: running is a single-leg sport.

    Bad:
        session "Legs" on mon:
          squat 3x8
    Good:
        session "Legs" on mon:
          step_up 3x8 each_leg

    Not checked for a `supplement` plan (one that adds to a running week).
    """
    yield from _coverage(context, "WOL104", {"single_leg"}, "single-leg work",
                         "add step_up, lunge, single_leg_squat or bulgarian_split_squat")


def mobility_balance_coverage(context: Context) -> Iterator[Diagnostic]:
    """A week with no mobility or balance work.

    Bad:
        session "Upper" on thu:
          push_up 3x10
    Good:
        session "Upper" on thu:
          push_up 3x10
          ankle_mobility 2x10 each_leg

    Not checked for a `supplement` plan (one that adds to a running week).
    """
    yield from _coverage(context, "WOL107", {"mobility", "balance"}, "mobility or balance work",
                         "add ankle_mobility, hip_mobility, leg_swing or single_leg_hold")


def reps_a_set(item: Item) -> float:
    """The reps one set of an expanded item counts for in WOL105: the bottom of its
    reps; for `max`, its minimum (`1x5+`) or MAX_SET_REPS; for timed work, one rep per
    SECONDS_PER_REP seconds; 0 over a distance."""
    if item.max_effort:
        return float(item.reps_min if item.reps_min is not None else MAX_SET_REPS)
    if item.duration_s is not None:
        return item.duration_s / SECONDS_PER_REP
    return float(item.reps_min or 0)


def per_leg_volume(item: Item) -> float:
    """An expanded item's volume as WOL105 counts it: sets × `reps_a_set`, halved for
    a `left` or `right` line (one leg of the pair). A bare per-round line counts one
    set (see `session_volumes` for rounds)."""
    sets = item.sets or 1
    share = 0.5 if item.side in ONE_SIDE else 1.0
    return sets * reps_a_set(item) * share


def session_volumes(session: SessionInstance) -> list[tuple[Item, float]]:
    """Every item of an expanded session with its `per_leg_volume`, a block's
    rounds multiplying its items' (once per session: the days are not counted)."""
    out: list[tuple[Item, float]] = []
    for entry in session.items:
        if isinstance(entry, BlockInstance):
            rounds = entry.rounds or 1
            out.extend((item, rounds * per_leg_volume(item)) for item in entry.items)
        else:
            out.append((entry, per_leg_volume(entry)))
    return out


def week_volumes(week: WeekInstance,
                 memo: dict[int, tuple[float, float]] | None = None) -> tuple[float, float]:
    """(quad-dominant, posterior-chain) volume of an expanded week, exactly as
    WOL105 weighs them: `session_volumes` of each session, once per day it is on
    (a session without days counts once). WOL105 warns when the first is larger.
    `memo` (id(session) → its volumes) spares weeks that share a session the work."""
    memo = {} if memo is None else memo
    quad = posterior = 0.0
    for session in week.sessions:
        if id(session) not in memo:
            memo[id(session)] = _session_volumes(session)
        times = max(len(session.days), 1)
        session_quad, session_posterior = memo[id(session)]
        quad += session_quad * times
        posterior += session_posterior * times
    return quad, posterior


def volume_shares(tags: frozenset[str]) -> tuple[float, float]:
    """The share of an exercise's volume that counts (quad-dominant, posterior-chain):
    all of it to its one group, half to each when it honestly does both (a step-up
    drives through the hip as much as the knee; docs/catalogue.md)."""
    quad, posterior = QUAD_DOMINANT in tags, POSTERIOR_CHAIN in tags
    both = quad + posterior
    return (quad / both, posterior / both) if both else (0.0, 0.0)


def _session_volumes(session: SessionInstance) -> tuple[float, float]:
    quad = posterior = 0.0
    for item, volume in session_volumes(session):
        to_quad, to_posterior = volume_shares(item.exercise.tags)
        quad += volume * to_quad
        posterior += volume * to_posterior
    return quad, posterior


def quad_dominance(context: Context) -> Iterator[Diagnostic]:
    """A week whose quad-dominant volume exceeds its posterior-chain volume.

    Volume is sets × reps per leg. Timed work counts a rep per 4 seconds (a
    2-minute wall sit is 30 reps); a `max` set counts its minimum (`1x5+`: 5), or
    10 reps when it has none. An exercise tagged both quad-dominant and
    posterior-chain (step_up, lunge) counts half to each. Runners' quads already
    work hard; the hamstrings and glutes should get at least as much.

    Bad:
        squat 4x10
        step_up 3x8 each_leg
        romanian_deadlift 3x8
    Good:
        squat 3x8
        step_up 3x8 each_leg
        romanian_deadlift 3x8
        hip_thrust 3x10

    Also applies to a `supplement` plan. Skipped for a plan with an unknown
    exercise (WOL002), whose volume has a hole.
    """
    for plan in _complete_plans(context):
        memo: dict[int, tuple[float, float]] = {}
        ratios = {week.number: week_volumes(week, memo) for week in plan.weeks}

        def heavy(week: WeekInstance, ratios: dict[int, tuple[float, float]] = ratios) -> bool:
            quad, posterior = ratios[week.number]
            return quad > posterior

        for run in _week_runs(plan, heavy):
            quad, posterior = ratios[run[0].number]
            text = _weeks_text(run, plan)
            yield make("WOL105", run[0].span,
                       f"{text}: quad-dominant volume ({quad:g} reps per leg) exceeds "
                       f"posterior-chain volume ({posterior:g}): add hinge or bridge work, "
                       "or cut squats and lunges")


def session_frequency(context: Context) -> Iterator[Diagnostic]:
    """Fewer than 2 or more than 3 strength sessions in a week.

    A session `on mon, thu` counts twice; one without days counts once; `1-2 per week`
    counts its lower bound, 1; a rotation counts one session a listed day.

    Bad:
        session "All in one" on mon:
    Good:
        session "Lower body + core" on mon:
        session "Upper body + mobility" on thu:

    Not checked for a `supplement` plan (one that adds to a running week).
    """
    low, high = MIN_SESSIONS_A_WEEK, MAX_SESSIONS_A_WEEK
    for plan in _whole_week_plans(context):
        def count(week: WeekInstance) -> int:
            return sum(max(len(s.days), 1) for s in week.sessions)

        for run in _week_runs(plan, lambda w: not low <= count(w) <= high):
            n = count(run[0])
            advice = f"add a {_ORDINALS[low]} session" if n < low else \
                f"keep to {_NUMBERS[low]} or {_NUMBERS[high]}, and run"
            yield make("WOL106", run[0].span,
                       f"{_weeks_text(run, plan)}: {n} strength session{'s' * (n != 1)} a "
                       f"week; runners do best with {low}-{high}: {advice}")


def single_leg_balance(context: Context) -> Iterator[Diagnostic]:
    """In a session, the left and right volume of the same exercise differ.

    Bad:
        step_up 3x8 left
        step_up 2x8 right
    Good:
        step_up 3x8 left
        step_up 3x8 right
    Or simply:
        step_up 3x8 each_leg
    """
    seen: set[int] = set()
    for plan in context.tree.plans:
        for session in plan.all_sessions():
            if id(session) in seen:
                continue
            seen.add(id(session))
            yield from _session_balance(session, context)


def _session_balance(session: syntax.Session, context: Context) -> Iterator[Diagnostic]:
    sides: dict[str, dict[str, float]] = defaultdict(lambda: {"left": 0.0, "right": 0.0})
    first_line: dict[str, syntax.ExerciseLine] = {}
    for item in session.items:
        # a wave's rows are summed: a left and a right wave are compared row for row only
        # in sum (its rows are done in different weeks)
        lines = item.items if isinstance(item, syntax.Block) else \
            item.rows if isinstance(item, syntax.Wave) else \
            item.rungs if isinstance(item, syntax.Ladder) else (item,)
        rounds = item.rounds or 1 if isinstance(item, syntax.Block) else 1
        for line in lines:
            side = line.side
            exercise = context.catalogue.lookup(line.name)
            if side is None or side.value not in ONE_SIDE or exercise is None \
                    or not exercise.unilateral:
                continue  # a side on a two-sided exercise is WOL007's business
            first_line.setdefault(line.name, line)
            sides[line.name][side.value] += rounds * written_volume(line)
    for name, volume in sides.items():
        if volume["left"] != volume["right"]:
            line = first_line[name]
            kind = line.prescription.kind
            unit = "s" if kind == "time" else "m" if kind == "distance" else " reps"
            left, right = volume["left"], volume["right"]
            yield make("WOL103", line.span,
                       f"{name} is unbalanced in this session: {left:g}{unit} on the left, "
                       f"{right:g}{unit} on the right: give both sides the same work",
                       "or write it once with each_leg")


def written_volume(line: syntax.ExerciseLine) -> float:
    """A written line's volume as WOL103 compares sides, summed over its set groups:
    sets × reps (the bottom of a range, 1 for `max`, the minimum of `1x5+`), sets ×
    seconds for timed work, sets × metres over a distance; a bare per-round
    prescription is one set (the caller multiplies a block's rounds)."""
    total = 0.0
    for p in line.prescriptions:
        sets = p.sets or 1
        if p.duration is not None:
            total += sets * p.duration.seconds
        elif p.distance is not None:
            total += sets * p.distance.metres
        else:
            total += sets * (p.reps_min or 1)
    return total
