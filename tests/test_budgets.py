"""Bounded work (issue 11, points 6 and 7): the expansion budget, `check` linear in its
input, dates at the end of the calendar, and what a target cannot encode.

Every bound here is asserted as memory or as a count of work done, never as time; the
timings are in bench/budgets.py.
"""

from __future__ import annotations

import ast
import importlib.util
import random
import subprocess
import sys
import tracemalloc
from html import unescape
from pathlib import Path
from types import ModuleType

import pytest

import workoutlang as wol
from workoutlang import expand, limits, syntax
from workoutlang.backends import html
from workoutlang.checks import build_context
from workoutlang.checks.values import bad_value
from workoutlang.compiler import build_program, emit_program
from workoutlang.diagnostics import Severity
from workoutlang.errors import CompileError
from workoutlang.weeks import _usable_blocks, expanded_items, first_monday

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "workoutlang"
QUIET = "# wol: disable=WOL101,WOL102,WOL104,WOL105,WOL106,WOL107\n"
TARGETS = ("json", "html", "pdf", "fit", "garmin-connect", "ics")


def plan_text(weeks: int, sessions: int, lines: tuple[str, ...] = ("squat 3x8 @ 40kg",),
              name: str = "Big", start: str = "") -> str:
    """A plan of `weeks` weeks and `sessions` sessions, each with `lines`."""
    out = [f'plan "{name}" weeks {weeks}{start}:']
    for i in range(sessions):
        out.append(f'  session "S{i}" on mon:')
        out.extend(f"    {line}" for line in lines)
    return "\n".join(out) + "\n"


def wol_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workoutlang", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})


def errors_of(text: str, code: str = "WOL003") -> list[wol.Diagnostic]:
    return [d for d in wol.check(wol.parse(text, "p.wol")) if d.code == code]


# --- the expansion budget ---------------------------------------------------------------

# the issue's plan: 24 KB, 520 weeks × 140 sessions, which expanded to 1.36 GB and wrote
# 204 MB of json; here each session has two lines (145,600 items, 14 KB)
ISSUE_PLAN = plan_text(520, 140, ("squat 3x8 @ 40kg progress +1kg/week",
                                  "plank 3x30s progress +1s/week"))


def test_the_count_is_what_the_expansion_builds() -> None:
    """expanded_items, worked out from the tree, is the number of exercises and blocks
    the expansion makes, week by week, for every example plan."""
    for path in sorted((ROOT / "examples").glob("*.wol")):
        tree = wol.parse(path.read_text(encoding="utf-8"), path.name)
        catalogue = build_context(tree).catalogue
        for plan in tree.plans:
            built, _ = expand.expand(plan, catalogue)
            made = sum(len(entry.items) + 1 if isinstance(entry, expand.BlockInstance) else 1
                       for week in built.weeks for session in week.sessions
                       for entry in session.items)
            assert expanded_items(plan) == made, (path.name, plan.name)


def test_blocks_and_week_blocks_count() -> None:
    text = ('plan "P" weeks 4:\n  session "A" on mon:\n    superset 3 rounds:\n'
            "      squat 8\n      plank 30s\n    push_up 3x8\n"
            '  week 2-3:\n    session "B" on mon:\n      plank 3x30s\n')
    plan = wol.parse(text).plans[0]
    assert expanded_items(plan) == 2 * 4 + 2 * 1  # weeks 1, 4: block + 2 + line; 2-3: 1


def test_a_plan_over_the_budget_is_an_error_at_its_header_and_is_not_expanded() -> None:
    tree = wol.parse(ISSUE_PLAN, "big.wol")
    tracemalloc.start()
    found = wol.check(tree)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    budget = [d for d in found if d.code == "WOL003"]
    assert [(d.span.location, d.severity, d.message) for d in budget] == [(
        "big.wol:1:1", Severity.ERROR,
        "the plan expands to 145,600 items, more than 100,000: plan fewer weeks, or fewer "
        "sessions or exercises a week")]
    assert peak < 8_000_000  # it was ~130 MB expanded (and 1.36 GB compiled to json)
    assert build_context(tree).plans[0].weeks == ()


def test_the_budget_is_counted_over_the_file() -> None:
    # each plan alone is under the budget of a plan (520 × 180 = 93,600 items), the
    # sixth takes the file past the budget of a file
    text = "".join(plan_text(520, 1, ("plank 3x30s",) * 180, name=f"P{i}")
                   for i in range(6))
    tree = wol.parse(text, "many.wol")
    found = [d for d in wol.check(tree) if d.code == "WOL003"]
    assert [(d.span.line, d.message) for d in found] == [(
        5 * 182 + 1, "with the plans above it, the file expands to 561,600 items, "
        "more than 500,000: split the file")]
    context = build_context(tree)
    assert [len(p.weeks) for p in context.plans] == [520] * 5 + [0]


def test_the_budget_holds_whatever_the_configuration(tmp_path: Path) -> None:
    """Turning WOL003 off, or --force, compiles nothing of a plan it did not expand."""
    tree = wol.parse(ISSUE_PLAN, "big.wol")
    with pytest.raises(CompileError) as caught:
        wol.compile(tree, "json")
    assert caught.value.span is not None and caught.value.span.line == 1
    (tmp_path / "big.wol").write_text("# wol: disable=WOL003\n" + ISSUE_PLAN)
    result = wol_cli("compile", "big.wol", "--to", "json", "--force", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert 'big.wol:2:1: not compiled: plan "Big" expands to 145,600 items, more than 100,000' \
        in result.stderr
    assert not (tmp_path / "big.json").exists()
    shown = wol_cli("show", "big.wol", cwd=tmp_path)
    assert shown.returncode == 1 and "not shown" in shown.stderr  # a plan error, not usage
    assert "Traceback" not in shown.stderr + result.stderr


def test_week_blocks_are_found_by_bisection_as_by_a_scan() -> None:
    """The bisection keeps exactly the blocks a scan over the kept ones keeps, and names
    an overlapped block that does overlap."""
    rng = random.Random(11)
    for _ in range(200):
        text = 'plan "P" weeks 30:\n'
        ranges = [(rng.randint(0, 32), rng.randint(0, 32)) for _ in range(rng.randint(1, 12))]
        for first, last in ranges:
            week = f"{first}" if first == last else f"{first}-{last}"
            text += f'  week {week}:\n    session "A" on mon:\n      plank 3x30s\n'
        plan = wol.parse(text).plans[0]
        kept, problems = _usable_blocks(plan)
        scanned: list[syntax.Week] = []
        for week in plan.weeks:
            if 1 <= week.first <= week.last <= 30 and not any(
                    k.first <= week.last and week.first <= k.last for k in scanned):
                scanned.append(week)
        assert kept == scanned
        for problem in problems:
            if problem.kind == "overlap":
                other = problem.other
                assert other is not None and other in kept
                assert other.first <= problem.week.last and problem.week.first <= other.last


def test_thousands_of_week_blocks_are_linear_work() -> None:
    """`week N:` blocks in a plan of a million weeks: each is placed by bisection (the
    scan compared every block with every kept one)."""
    blocks = "".join(f'  week {n}:\n    session "A" on mon:\n      plank 3x30s\n'
                     for n in range(1, 5_001))
    plan = wol.parse(f'plan "P" weeks 999999:\n{blocks}').plans[0]
    kept, problems = _usable_blocks(plan)
    assert len(kept) == 5_000 and problems == []
    assert expanded_items(plan) == limits.MAX_WEEKS  # the schedule stops at 520 weeks


# --- check is linear ----------------------------------------------------------------------


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Counting:
    """Counts the items the week rules read: each call of SessionInstance.all_items and
    of session_volumes, weighed by the items of the session it reads."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.items = 0
        original = expand.SessionInstance.all_items
        from workoutlang.checks import weeks as rules

        volumes = rules.session_volumes

        def all_items(session: expand.SessionInstance) -> tuple[expand.Item, ...]:
            found = original(session)
            self.items += len(found)
            return found

        def session_volumes(session: expand.SessionInstance) -> list[tuple[expand.Item, float]]:
            found = volumes(session)
            self.items += len(found)
            return found

        monkeypatch.setattr(expand.SessionInstance, "all_items", all_items)
        monkeypatch.setattr(rules, "session_volumes", session_volumes)


@pytest.mark.parametrize("lines", [100, 190])
def test_week_rules_read_each_session_once(lines: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 520-week plan with one session: the week rules read its items a few times in
    all, not once a week (520 × 4 rules × the lines, which took 48 s at 1 MB)."""
    text = QUIET.replace("WOL101,", "") + plan_text(520, 1, tuple(
        f"squat {n % 9 + 1}x8 @ {n + 1}kg" for n in range(lines)))
    tree = wol.parse(text, "long.wol")
    counting = _Counting(monkeypatch)
    found = wol.check(tree)
    assert [d.code for d in found if d.severity is Severity.ERROR] == ["WOL101"]
    assert counting.items <= 8 * lines  # 4 rules read it at most twice each


def _check_peak(text: str) -> int:
    """tracemalloc's peak while checking `text` (parsed before, not counted), with the
    remembered expansions forgotten (a plan parsed before would be a look-up)."""
    expand._expanded.clear()
    tree = wol.parse(text, "big.wol")
    tracemalloc.start()
    found = wol.check(tree)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [d for d in found if d.code != "WOL003"] == [] or "weeks 520" in text
    return peak


def test_check_memory_grows_linearly_up_to_1_mb() -> None:
    """The benchmark's plans (many plans, week blocks, supersets) at 0.5 and 1 MB:
    the peak is ~10× the source, and twice the source is twice the peak."""
    bench = _bench()
    half, full = bench.generate_plan(13_500), bench.generate_plan(27_000)
    assert 900_000 < len(full.encode()) < 1_200_000
    small, big = _check_peak(half), _check_peak(full)
    assert big < 12 * len(full)
    assert big / small < 1.15 * len(full) / len(half)


def test_a_1_mb_plan_of_520_weeks_is_checked_in_little_memory() -> None:
    """The issue's 1 MB file (48 s, 1.6 GB): one plan of 520 weeks and ~45,000 lines,
    which is past the budget and is not expanded."""
    text = QUIET + plan_text(520, 1, tuple(f"squat {n % 9 + 1}x8 @ {n % 300 + 1}kg"
                                           for n in range(47_000)))
    assert len(text) > 1_000_000
    assert _check_peak(text) < len(text)


# --- dates at the end of the calendar -------------------------------------------------------

LATE = QUIET + 'plan "Late" weeks 2 start 9999-12-27:\n  session "A" on mon, thu:\n' \
    "    squat 3x8 @ 40kg\n    plank 3x30s\n"


def test_weeks_past_9999_are_an_error_at_the_start() -> None:
    found = errors_of(LATE)
    assert [(d.span.location, d.message, d.hint) for d in found] == [(
        "p.wol:2:21", "2 weeks from 9999-12-27 run past the last date there is, 9999-12-31",
        "give an earlier start, or fewer weeks")]
    assert first_monday(wol.parse(LATE).plans[0]) is None  # the weeks are numbered only


@pytest.mark.parametrize("start", ["9999-12-20", "9999-12-26", "9999-12-31", "9999-01-04",
                                   "0001-01-01", "0001-01-07"])
@pytest.mark.parametrize("weeks", [1, 2, 53, 520, 521, 10**13])
def test_no_start_and_no_length_raises(start: str, weeks: int) -> None:
    text = QUIET + f'plan "P" weeks {weeks} start {start}:\n  session "A" on mon, sun:\n' \
        "    plank 3x30s\n"
    tree = wol.parse(text, "p.wol")
    wol.check(tree)  # never an OverflowError
    program = build_program(tree)
    for plan in program.plans:
        for week in plan.weeks:
            assert week.monday is None or week.monday.year <= 9999
    for target in ("json", "html", "fit", "garmin-connect", "ics"):
        try:
            emit_program(program, target, force=True)
        except CompileError as error:  # a calendar cannot place such dates: it says where
            assert target == "ics" and error.span is not None


def test_every_command_and_target_reports_weeks_past_9999(tmp_path: Path) -> None:
    (tmp_path / "late.wol").write_text(LATE)
    checked = wol_cli("check", "late.wol", cwd=tmp_path)
    assert checked.returncode == 1 and "late.wol:2:21: error[WOL003]" in checked.stdout
    shown = wol_cli("show", "late.wol", cwd=tmp_path)
    assert shown.returncode == 1 and "late.wol:2:21: error[WOL003]" in shown.stdout
    for target in TARGETS:
        refused = wol_cli("compile", "late.wol", "--to", target, "-o", f"out-{target}",
                          cwd=tmp_path)
        assert refused.returncode == 1, (target, refused.stderr)
        forced = wol_cli("compile", "late.wol", "--to", target, "-o", f"out-{target}",
                         "--force", cwd=tmp_path)
        assert "internal error" not in forced.stderr, (target, forced.stderr)
        # the calendar cannot place such dates: its error names the start
        assert forced.returncode == (1 if target == "ics" else 0), (target, forced.stderr)
    assert "late.wol:2:21:" in forced.stderr


# --- what a target cannot encode ---------------------------------------------------------------

HEAVY = QUIET + 'plan "Heavy" weeks 2:\n  session "A" on mon:\n    squat 3x8 @ 999.5kg\n' \
    "    plank 3x30s\n"


def test_a_weight_a_fit_workout_cannot_hold_is_a_warning_where_it_is_written() -> None:
    found = errors_of(HEAVY)
    assert [(d.span.location, d.severity, d.message) for d in found] == [(
        "p.wol:4:15", Severity.WARNING, "999.5kg is more than a FIT workout can hold "
        "(655.34 kg): the fit target cannot write this plan")]


def test_the_fit_weight_warning_points_at_the_set_groups_load() -> None:
    scheme = QUIET + 'plan "Heavy" weeks 1:\n  session "A" on mon:\n' \
        "    squat 1x5 @ 100kg, 1x3 @ 700kg\n    plank 3x30s\n"
    assert [(d.span.location, d.span.end_column, d.message) for d in errors_of(scheme)] == [(
        "p.wol:4:28", 35, "700kg is more than a FIT workout can hold (655.34 kg): the fit "
        "target cannot write this plan")]


@pytest.mark.parametrize(("line", "expected"), [
    ("squat 3x8 @ 655kg", []),
    ("squat 3x8 @ 655.34kg", []),  # the most a FIT workout holds
    ("squat 3x8 @ 655.5kg", ["655.5kg"]),
    ("squat 3x8 @ 1444lb", []),  # 654.98 kg
    ("squat 3x8 @ 1445lb", ["1445lb"]),  # 655.44 kg
    ("push_up 3x8 @ bw+700kg", ["bw+700kg"]),
    ("squat 3x8 @ 1000.5kg", []),  # over MAX_KG: the error says it already
    ("squat 3x8 @ 650kg progress +5kg/week", ["660kg by week 3"]),
])
def test_fit_weights_at_the_bound(line: str, expected: list[str]) -> None:
    text = QUIET + f'plan "P" weeks 4 units {"lb" if "lb" in line else "kg"}:\n' \
        f'  session "A" on mon:\n    {line}\n'
    found = [d for d in errors_of(text) if d.severity is Severity.WARNING
             and "FIT" in d.message]
    assert [d.message.split(" is more")[0] for d in found] == expected


def test_the_fit_target_names_the_line_it_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "heavy.wol").write_text(HEAVY)
    assert wol_cli("check", "heavy.wol", cwd=tmp_path).returncode == 0  # a warning
    for target in ("json", "html", "garmin-connect"):
        assert wol_cli("compile", "heavy.wol", "--to", target, "-o", f"o-{target}",
                       cwd=tmp_path).returncode == 0
    result = wol_cli("compile", "heavy.wol", "--to", "fit", "-o", "fit", cwd=tmp_path)
    assert result.returncode == 1
    assert "heavy.wol:4:15: a weight (kg) of 999.5 does not fit in a FIT workout " \
        "(0 to 655.34)" in result.stderr
    assert not (tmp_path / "fit").exists()
    with pytest.raises(CompileError) as caught:
        wol.compile(wol.parse(HEAVY, "heavy.wol"), "fit")
    assert caught.value.span is not None and caught.value.span.location == "heavy.wol:4:15"


def test_the_fit_bound_is_the_sdk_profile() -> None:
    from garmin_fit_sdk import Profile

    step = next(m for m in Profile["messages"].values() if m["name"] == "workout_step")
    weight = next(f for f in step["fields"].values() if f["name"] == "exercise_weight")
    assert (weight["base_type"], weight["scale"]) == ("uint16", [100])
    assert limits.MAX_FIT_KG == (2**16 - 2) / 100  # 0xFFFF is "invalid"


# --- the PDF: long texts are laid out in linear time ------------------------------------------


def test_a_long_note_reaches_the_page_in_pieces_and_unchanged() -> None:
    note = "<b>" + "x" * 250 + "&"
    text = f'plan "P":\n  session "A" on mon:\n    plank 3x30s note "{note}"\n'
    page = wol.compile(wol.parse(QUIET + text), "html")
    assert isinstance(page, bytes)
    cell = page.decode().split('<td class="note">')[1].split("</td>")[0]
    assert cell.count("<span>") == 3  # 254 characters in pieces of 100
    pieces = [unescape(p.split("</span>")[0]) for p in cell.split("<span>")[1:]]
    assert max(len(p) for p in pieces) == html.PIECE_CHARS
    assert "".join(pieces) == note
    short = wol.compile(wol.parse(QUIET + text.replace(note, "knees out")), "html")
    assert b'<td class="note">knees out</td>' in short  # short texts as they were


@pytest.mark.parametrize(("chars", "reported"), [(limits.MAX_NOTE_CHARS, False),
                                                 (limits.MAX_NOTE_CHARS + 1, True)])
def test_a_note_is_at_most_2000_characters(chars: int, reported: bool) -> None:
    """A cap keeps each note under a page: a text taller than a page is laid out in
    time that grows with the square of its length, pieces or not (bench/budgets.py)."""
    text = QUIET + f'exercise plank:\n  note "{"y" * chars}"\nplan "P":\n' \
        f'  session "A" on mon:\n    plank 3x30s note "{"x" * chars}"\n'
    found = [(d.span.line, d.message) for d in errors_of(text)]
    message = f"a note of {chars:,} characters is longer than 2,000"
    assert found == ([(3, message), (6, message)] if reported else [])


# --- who words WOL003 -------------------------------------------------------------------------


def test_wol003_is_produced_only_by_the_values_check() -> None:
    producers = set()
    for path in PACKAGE.rglob("*.py"):
        if '"WOL003"' in path.read_text(encoding="utf-8"):
            producers.add(path.relative_to(PACKAGE).as_posix())
    assert producers <= {"checks/values.py", "diagnostics.py"}


def test_the_rule_page_states_the_bounds_of_limits() -> None:
    doc = ast.get_docstring(next(
        node for node in ast.parse((PACKAGE / "checks" / "values.py").read_text()).body
        if isinstance(node, ast.FunctionDef) and node.name == bad_value.__name__)) or ""
    for bound in (f"{limits.MAX_PLAN_ITEMS:,}", f"{limits.MAX_EXPANDED_ITEMS:,}",
                  f"{limits.MAX_FIT_KG:g} kg", f"{limits.MAX_NOTE_CHARS:,} characters"):
        assert bound in doc


@pytest.mark.parametrize(("monday", "weeks", "past"), [
    ("9999-12-25", 1, False), ("9999-12-26", 1, True),  # the last day is 31 December 9999
    ("9999-12-18", 2, False), ("9999-12-19", 2, True),
    ("9990-01-01", 520, False), ("9990-01-01", 521, False),  # past 520 weeks nothing is built
])
def test_the_calendar_ends_on_its_last_day(monday: str, weeks: int, past: bool) -> None:
    import datetime

    from workoutlang.weeks import past_calendar

    assert past_calendar(datetime.date.fromisoformat(monday), weeks) is past


def _plans_of(items: list[tuple[int, int]]) -> tuple[syntax.Plan, ...]:
    """Plans of (weeks, lines a week): each line one item in each week."""
    text = "".join(f'plan "P{n}" weeks {weeks}:\n  session "A" on mon:\n'
                   + "    plank 3x30s\n" * lines for n, (weeks, lines) in enumerate(items))
    return wol.parse(text).plans


@pytest.mark.parametrize(("plans", "over"), [
    ([(500, 200)], []),  # 100,000 items: the plan bound, allowed
    ([(500, 201)], [0]),  # 100,500
    ([(500, 200)] * 5, []),  # 500,000 in the file: the file bound, allowed
    ([(500, 200)] * 5 + [(1, 1)], [5]),  # one item more
    ([(500, 200)] * 4 + [(500, 201), (1, 1)], [4]),  # the plans after one left out count on
])
def test_the_budget_bounds_are_inclusive(plans: list[tuple[int, int]], over: list[int]) -> None:
    from workoutlang.weeks import over_budget

    parsed = _plans_of(plans)
    assert [parsed.index(o.plan) for o in over_budget(parsed).values()] == over


def test_every_line_and_session_past_the_fit_bound_is_warned_of() -> None:
    # a line already in error does not hide the next; a session shared by every week
    # (read once) does not hide the progressing one after it
    text = QUIET + 'plan "P" weeks 3:\n  session "A" on mon:\n    plank 3x30s\n' \
        '  session "B" on thu:\n    squat 3x5 @ 1001kg\n    deadlift 3x5 @ 700kg\n' \
        '    lunge 3x5 @ 650kg progress +5kg/week each_leg\n'
    found = [(d.span.line, d.message.split(" is more")[0]) for d in errors_of(text)
             if d.severity is Severity.WARNING and "FIT" in d.message]
    assert found == [(7, "700kg"), (8, "660kg by week 3")]


def test_the_file_budget_says_to_split_the_file() -> None:
    from workoutlang.checks.values import budget_error
    from workoutlang.weeks import over_budget

    parsed = _plans_of([(500, 200)] * 5 + [(1, 2)])
    (over,) = over_budget(parsed).values()
    found = budget_error(over)
    assert (found.code, found.severity, found.message, found.hint) == (
        "WOL003", Severity.ERROR, "with the plans above it, the file expands to 500,002 "
        "items, more than 500,000: split the file", "this plan makes 2 items (an exercise "
        "or a block in one week); it is not expanded: nothing is checked week by week or "
        "compiled until it is smaller")
