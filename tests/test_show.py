"""`workoutlang show`: what a coach sees of week N."""

from __future__ import annotations

from pathlib import Path

import workoutlang as wol
from workoutlang.compiler import build_program
from workoutlang.show import render_plan

EIGHT = Path(__file__).parent.parent / "examples" / "eight_week_base.wol"


def program():
    return build_program(wol.parse(EIGHT.read_text(encoding="utf-8"), EIGHT.name))


def test_plain_week_shows_the_expanded_values() -> None:
    text = render_plan(program(), 2, 100, use_rich=False)
    assert text.startswith("Eight-week base: week 2, from 2027-01-11\n")
    row = next(line for line in text.splitlines() if "Romanian deadlift" in line)
    assert row.split() == ["Romanian", "deadlift", "3", "x", "8", "52.5kg", "3-1-1", "120s"]
    assert "superset 3 rounds, rest 60s:" in text
    assert "week 3" not in text


def test_deload_week_is_marked() -> None:
    text = render_plan(program(), 4, 100, use_rich=False)
    assert "deload 60%" in text.splitlines()[0]
    assert "30kg" in text


def test_all_weeks_and_rich_tables() -> None:
    assert render_plan(program(), None, 100, use_rich=False).count("Eight-week base: week") == 8
    drawn = render_plan(program(), 1, 120, use_rich=True)
    assert "┏" in drawn and "Romanian deadlift" in drawn


def test_cli_show_rejects_a_week_outside_the_plan() -> None:
    from workoutlang.cli import main

    assert main(["show", str(EIGHT), "--week", "9"]) == 2
