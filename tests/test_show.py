"""`workoutlang show`: what a coach sees of week N."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import v2_programs

import workoutlang as wol
from workoutlang.cli import main
from workoutlang.compiler import build_program
from workoutlang.expand import Program
from workoutlang.show import render_plan

EIGHT = Path(__file__).parent.parent / "examples" / "eight_week_base.wol"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def program(source: str | None = None) -> Program:
    text = source if source is not None else EIGHT.read_text(encoding="utf-8")
    return build_program(wol.parse(text, EIGHT.name))


def row_of(text: str, name: str) -> list[str]:
    return next(line for line in text.splitlines() if name in line).split()


def test_plain_week_shows_the_expanded_values() -> None:
    text = render_plan(program(), 2, 100, use_rich=False)
    assert text.splitlines()[0] == "Eight-week base: week 2 of 8, 11 Jan – 17 Jan 2027"
    assert "  Lower body + core (mon 11 Jan)" in text.splitlines()
    assert row_of(text, "Romanian deadlift") == [
        "Romanian", "deadlift", "3", "x", "8", "52.5kg", "3-1-1", "2min"]
    assert row_of(text, "Push-up") == ["Push-up", "3", "x", "9-13", "1min"]
    assert row_of(text, "Plank") == ["Plank", "45s"]  # per round: the superset has the rounds
    assert "superset 3 rounds, rest 1min:" in text
    assert "week 3" not in text and "\x1b" not in text


def test_plain_columns_line_up() -> None:
    text = render_plan(program(), 1, 100, use_rich=False)
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.strip().startswith("exercise"))
    column = lines[header].index("load")
    assert lines[header + 4][column:].startswith("50kg")  # after the warmup and its 2 rows


def test_deload_week_is_marked_and_cut() -> None:
    text = render_plan(program(), 4, 100, use_rich=False)
    assert text.splitlines()[0].endswith("— deload 60%")
    assert row_of(text, "Romanian deadlift")[2:6] == ["2", "x", "8", "30kg"]
    assert "superset 2 rounds, rest 1min:" in text


def test_all_weeks_in_order() -> None:
    text = render_plan(program(), None, 100, use_rich=False)
    titles = [line for line in text.splitlines() if line.startswith("Eight-week base: week")]
    assert [t.split()[3] for t in titles] == [str(n) for n in range(1, 9)]


def test_rich_tables_keep_names_with_brackets_as_text() -> None:
    source = ('plan "Gym [A]" weeks 1:\n  session "Legs [heavy]" on mon:\n'
              '    squat 3x5 @ 80kg note "[slow] down"\n')
    drawn = render_plan(program(source), 1, 120, use_rich=True)
    plain = ANSI.sub("", drawn)
    assert "┏" in plain and "Gym [A]: week 1 of 1" in plain
    assert "Legs [heavy] (mon)" in plain and "[slow] down" in plain
    assert "\x1b[" in drawn  # styled for the terminal


def test_plain_text_without_a_start_has_no_dates() -> None:
    source = 'plan "P" weeks 2:\n  session "A" on mon, thu:\n    squat 3x5\n'
    text = render_plan(program(source), None, 80, use_rich=False)
    assert text.splitlines()[0] == "P: week 1 of 2" and "  A (mon, thu)" in text


def test_cli_show_rejects_a_week_outside_the_plan(capsys: object) -> None:
    assert main(["show", str(EIGHT), "--week", "9"]) == 2
    assert main(["show", str(EIGHT), "--week", "8"]) == 0


def test_v2_schemes_weights_distances_per_week_and_rotation() -> None:
    text = render_plan(v2_programs.program(), 1, 100, use_rich=False)
    assert row_of(text, "Bench press") == ["Bench", "press", "1", "x", "5", "185lb", "rpe", "8"]
    lines = text.splitlines()
    back_off = lines[lines.index(next(line for line in lines if "Bench press" in line)) + 1]
    assert back_off.split() == ["3", "x", "5", "165lb"]
    assert "1 x 5+       240lb (85%tm)" in text
    assert row_of(text, "Farmer carry")[:5] == ["Farmer", "carry", "3", "x", "40m"]
    assert "  max squat 315lb, training max 283.5lb (90%)" in lines
    assert "5/3/1 BBB: week 1 of 5, 4 Jan – 10 Jan 2027, cycle 1 week 1" in lines
    assert "  Single-leg (1-2 per week, no fixed day)" in lines
    assert "  A (fri 8 Jan, rotation A/B on mon, wed, fri)" in lines
    assert "max squat 315lb" in render_plan(v2_programs.program(), 1, 100, use_rich=True)


def test_cli_show_reports_a_misspelled_exercise_as_check_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 16.1: the misspelled line used to vanish from the week, exit 0."""
    plan = tmp_path / "plan.wol"
    plan.write_text('plan "P" weeks 2:\n  session "A" on mon:\n    romanian_deadlfit 3x8\n'
                    "    plank 3x30s\n", encoding="utf-8")
    assert main(["check", str(plan)]) == 1
    checked = capsys.readouterr()
    assert main(["show", str(plan)]) == 1
    shown = capsys.readouterr()
    assert shown.out == checked.out and "error[WOL002]: unknown exercise 'romanian_deadlfit'" \
        in shown.out and "did you mean romanian_deadlift?" in shown.out
    assert shown.err.endswith(f"{plan}: not shown: fix the errors above\n")
    assert "Plank" not in shown.out  # no week printed with a line missing


def test_cli_show_shows_a_plan_with_warnings_and_leaves_them_to_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.wol"
    plan.write_text('plan "P" weeks 2:\n  session "A" on mon:\n'
                    "    romanian_deadlift 3x8\n    step_up 3x8 each_leg\n    plank 3x30s\n",
                    encoding="utf-8")
    assert main(["show", str(plan)]) == 0
    shown = capsys.readouterr()
    assert shown.err == "" and shown.out.startswith("P: week 1 of 2")


def test_show_help_describes_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["show", "--help"])
    assert done.value.code == 0
    described = " ".join(capsys.readouterr().out.split())
    assert "Print the expanded plan, week by week, as a coach reads it" in described
    assert "A file with errors is not shown" in described


def test_the_plan_ends_with_its_sets_a_week_per_tag() -> None:
    """Runs of equal weeks folded, the deload apart (numbers: tests/test_balance.py)."""
    lines = render_plan(program(), None, 100, use_rich=False).splitlines()
    start = lines.index("Eight-week base: sets a week per tag")
    assert lines[start:start + 5] == [
        "Eight-week base: sets a week per tag",
        "  weeks     core  posterior chain  single-leg  quad-dominant  mobility & balance",
        "  1-3          6                9           8              3                   9",
        "  4 deload     4                6           4              2                   6",
        "  5-8          6                9           8              3                   9"]
    assert lines[start + 5].startswith("  a block's sets count once a round")
    assert start + 6 == len(lines)


def test_the_example_in_docs_cli_md_is_what_show_prints() -> None:
    doc = (EIGHT.parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    example = re.search(r"<!-- show example: output -->\n```\n(.*?)```", doc, re.S)
    assert example is not None
    text = render_plan(program(), None, 100, use_rich=False)
    assert text.endswith("\n" + example[1])


def test_show_week_ends_with_that_weeks_sets_per_tag() -> None:
    lines = render_plan(program(), 2, 100, use_rich=False).splitlines()
    start = lines.index("Eight-week base: sets per tag in week 2")
    assert lines[start + 2].split() == ["2", "6", "9", "8", "3", "9"]
    assert not lines[start + 3].split()[0].isdigit()  # no other week's row


RETAGGED = """\
exercise squat:
  tags posterior_chain

plan "Base" weeks 2:
  session "Lower" on mon, thu:
    squat 3x8
    romanian_deadlift 2x8
    plank 3x45s
"""


@pytest.mark.parametrize("rich", [False, True])
def test_the_sets_table_marks_what_a_retag_counts(rich: bool) -> None:
    """Issue 15: squat reaches the posterior chain only by the file's own tag (WOL113)."""
    text = ANSI.sub("", render_plan(program(RETAGGED), None, 120, use_rich=rich))
    row = next(line for line in text.splitlines() if line.strip(" │|").startswith("1-2"))
    assert row.replace("│", " ").split() == ["1-2", "6", "10*", "0", "6", "0"]
    assert "* counts sets by a tag this file adds to a built-in exercise (WOL113): " \
        "squat +posterior_chain" in " ".join(text.split())  # a rich caption wraps
    honest = ANSI.sub("", render_plan(program(RETAGGED.replace("posterior_chain", "lower")),
                                      None, 120, use_rich=rich))
    assert "*" not in honest and "WOL113" not in honest
