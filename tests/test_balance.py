"""The plan's balance (workoutlang/balance.py): sets a week per group of tags, the same
numbers in the html chart, the `show` table and `check --stats`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest

import workoutlang as wol
from workoutlang import balance
from workoutlang.backends import EmitOptions, html
from workoutlang.checks.definitions import COVERAGE_TAGS
from workoutlang.cli import main
from workoutlang.compiler import build_program
from workoutlang.expand import Program
from workoutlang.nextweek import coming
from workoutlang.review_data import TAG_GROUPS
from workoutlang.show import render_plan
from workoutlang.stats import file_stats

# a block's rounds, a session on two days, a session without days, a deload week with
# other sessions, and an exercise of the file tagged both mobility and balance
PLAN = """\
exercise balance_flow:
  tags mobility balance
  measure time

plan "Balanced" weeks 5:
  session "Lower" on mon, thu:
    romanian_deadlift 3x8
    superset 3 rounds:
      step_up 8 each_leg
      plank 30s
  session "Extra":
    squat 2x5
    balance_flow 2x30s
    single_leg_hold 1x30s each_leg
  week 3 deload:
    session "Light" on mon:
      goblet_squat 2x10
      dead_bug 2x10 each_side
"""
SV = "{http://www.w3.org/2000/svg}"
BAR = re.compile(r"(Weeks? [\d-]+(?: \(deload\))?), (.+): (\d+(?:\.\d+)?) sets")


def program_of(text: str) -> Program:
    return build_program(wol.parse(text, "plan.wol"))


def chart_bars(data: bytes) -> dict[tuple[str, str], float]:
    """(run of weeks, group title) → sets, from each bar's title in the page's chart."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root: ET.Element = parser.parse(data.decode("utf-8"))
    found = {}
    for svg in root.iter(f"{SV}svg"):
        for rect in svg.iter(f"{SV}rect"):
            title = rect.find(f"{SV}title")
            if "bar" in (rect.get("class") or "").split() and title is not None:
                match = BAR.fullmatch(title.text or "")
                assert match, title.text
                found[(match[1], match[2])] = float(match[3])
    return found


def show_rows(text: str) -> dict[str, list[float]]:
    """The `show` table's rows: run of weeks → sets per group."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.endswith("sets a week per tag"))
    rows = {}
    for line in lines[start + 2:]:
        cells = line.split()
        if not cells or not cells[-1].isdigit():
            break
        rows[" ".join(cells[:-len(balance.GROUPS)])] = [float(c) for c in
                                                        cells[-len(balance.GROUPS):]]
    return rows


def test_the_groups_are_the_coverage_tags_with_mobility_and_balance_as_one() -> None:
    assert list(balance.GROUPS) == ["core", "posterior_chain", "single_leg", "quad_dominant",
                                    "mobility_balance"]
    assert balance.GROUPS["mobility_balance"] == TAG_GROUPS["mobility_balance"]
    grouped = set().union(*balance.GROUPS.values())
    assert grouped == set(COVERAGE_TAGS) - {balance.DOSE_TAG}


def test_runs_fold_equal_weeks_and_keep_the_deload_apart() -> None:
    plan = program_of(PLAN).plans[0]
    found = balance.runs(plan.weeks)
    assert [(run.weeks, run.deload) for run in found] == [("1-2", False), ("3", True),
                                                          ("4-5", False)]
    assert found[1].label == "Week 3 (deload)" and found[0].label == "Weeks 1-2"
    # Lower twice: RDL 3 sets, the superset 3 rounds of step-ups (posterior, quad,
    # single-leg) and planks; Extra once: squats, the flow and a single-leg hold
    assert dict(zip(balance.GROUPS, found[0].sets, strict=True)) == {
        "core": 3 * 2, "posterior_chain": 3 * 2 + 3 * 2, "single_leg": 3 * 2 + 1,
        "quad_dominant": 3 * 2 + 2, "mobility_balance": 2 + 1}
    assert found[1].sets == (1, 0, 0, 1, 0)  # the deload's 2x10s at 60%: a set each


def test_chart_show_and_check_stats_agree() -> None:
    tree = wol.parse(PLAN, "plan.wol")
    program = build_program(tree)
    runs = balance.runs(program.plans[0].weeks)
    stats = file_stats(tree, program.plans).plans[0]
    titles = [balance.TITLES[group] for group in balance.GROUPS]
    bars = chart_bars(html.emit(program, EmitOptions()))
    shown = show_rows(render_plan(program, None, 100, use_rich=False))
    assert len(bars) == len(runs) * len(titles) and list(shown) == \
        ["1-2", "3 deload", "4-5"]
    for run, stats_run in zip(runs, stats.runs, strict=True):
        assert (stats_run.first, stats_run.last) == (run.first, run.last)
        figures = {f.key: dict(f.values) for f in stats_run.figures}
        row = shown[run.weeks + " deload" * run.deload]
        for i, (group, tags) in enumerate(balance.GROUPS.items()):
            assert bars[(run.label, titles[i])] == row[i] == run.sets[i]
            if len(tags) == 1:  # the stats table's own tag column
                assert run.sets[i] == figures[group]["sets"]
        # balance_flow is both mobility and balance: in the group once, in each tag's column
        both = 2 * (not run.deload)
        assert run.sets[-1] == figures["mobility"]["sets"] + figures["balance"]["sets"] - both


def test_show_prints_the_table_after_the_weeks() -> None:
    text = render_plan(program_of(PLAN), None, 100, use_rich=False)
    assert text.splitlines()[-6:-1] == [
        "Balanced: sets a week per tag",
        "  weeks     core  posterior chain  single-leg  quad-dominant  mobility & balance",
        "  1-2          6               12           7              8                   3",
        "  3 deload     1                0           0              1                   0",
        "  4-5          6               12           7              8                   3"]
    assert text.splitlines()[-1].startswith("  a block's sets count once a round")


def test_show_week_prints_that_weeks_row_only() -> None:
    text = render_plan(program_of(PLAN), 3, 100, use_rich=False)
    lines = text.splitlines()
    start = lines.index("Balanced: sets per tag in week 3")
    assert lines[start + 2].split() == ["3", "deload", "1", "0", "0", "1", "0"]
    assert not lines[start + 3].lstrip()[0].isdigit()  # the note, no other week


def test_show_on_a_terminal_draws_the_table_too() -> None:
    drawn = re.sub(r"\x1b\[[0-9;]*m", "", render_plan(program_of(PLAN), None, 120, True))
    row = next(line for line in drawn.splitlines() if "3 deload" in line)
    assert [cell.strip() for cell in row.strip("│ ").split("│")] == \
        ["3 deload", "1", "0", "0", "1", "0"]
    assert "mobility & balance" in drawn


def test_next_has_no_sets_a_week_its_weeks_are_the_coming_sessions(
        capsys: pytest.CaptureFixture[str]) -> None:
    """`next` shows the sessions still to do, not whole weeks: no table, no chart."""
    example = Path(__file__).parents[1] / "examples" / "training_log"
    assert main(["next", str(example / "plan.wol"), "--log", str(example / "log.wol")]) == 0
    printed = capsys.readouterr().out
    assert "Next " in printed and "per tag" not in printed
    log = wol.parse((example / "log.wol").read_text(encoding="utf-8"), "log.wol")
    plan = wol.parse((example / "plan.wol").read_text(encoding="utf-8"), "plan.wol")
    page = html.emit(coming(plan, log).program, EmitOptions()).decode("utf-8")
    assert 'class="balance"' not in page and "<svg" not in page
    # the whole plan has its chart
    assert "<svg" in html.emit(build_program(plan), EmitOptions()).decode("utf-8")
