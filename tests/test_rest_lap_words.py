"""`rest lap` in the text outputs: every one says it the same way, "rest until lap"
(backends/wording.py), and the checks take it without a length to check."""

from __future__ import annotations

import icalendar

import workoutlang as wol
from workoutlang.backends import EmitOptions, html, ics
from workoutlang.compiler import build_program
from workoutlang.expand import Program
from workoutlang.show import render_plan

SOURCE = '''plan "Lap" weeks 1 start 2027-01-04:
  session "A" on mon:
    squat 3x5 @ 80kg rest lap
    superset 3 rounds rest lap:
      push_up 10
      plank 30s rest 45s
'''
ITEM = "Squat 3×5 @ 80 kg, rest until lap"
BLOCK = "Superset — 3 rounds, rest until lap between rounds"


def program() -> Program:
    return build_program(wol.parse(SOURCE, "lap.wol"))


def test_show_says_until_lap_in_the_rest_column_and_block_row() -> None:
    text = render_plan(program(), 1, 100, use_rich=False)
    squat = next(line for line in text.splitlines() if "Squat" in line)
    assert squat.rstrip().endswith("until lap")
    assert "superset 3 rounds, rest until lap:" in text
    assert next(line for line in text.splitlines() if "Plank" in line).rstrip().endswith("45s")


def test_html_says_until_lap_in_the_table_and_the_block_title() -> None:
    page = html.emit(program(), EmitOptions()).decode("utf-8")
    assert "<td>until lap</td>" in page and BLOCK in page


def test_calendar_says_rest_until_lap() -> None:
    calendar = icalendar.Calendar.from_ical(ics.emit(program(), EmitOptions()))
    (event,) = calendar.walk("VEVENT")
    description = str(event["DESCRIPTION"])
    assert ITEM in description and BLOCK in description
    assert "Plank 30s, rest 45s" in description


def test_checks_find_nothing_wrong_with_a_lap_rest() -> None:
    found = wol.check(wol.parse(SOURCE, "lap.wol"))
    assert [d for d in found if d.code == "WOL003"] == []
