"""A rest is spelled one way in every output: as `workoutlang fmt` writes it (`45s`,
`1min30s`, `2min`, `2min30s`), and `rest lap` as "until lap" in words (JSON keeps the
language's `lap`). Each output's rests are read back, the show table's rest column,
the HTML page's rest cells and block titles, the calendar's lines, the JSON's `rest`
fields, and must be exactly these spellings (issue 16.10: "rest 90s" in the PDF,
"rest 1min30s" in `show`). The PDF is the HTML page printed (backends/pdf.py)."""

from __future__ import annotations

import json
import re
from typing import Any

import icalendar

import workoutlang as wol
from workoutlang.backends import EmitOptions, html, ics
from workoutlang.backends import json as json_backend
from workoutlang.compiler import build_program
from workoutlang.expand import Program
from workoutlang.show import render_plan

SOURCE = '''plan "Rests" weeks 1 start 2027-01-04:
  session "A" on mon:
    squat 3x5 @ 80kg rest 90s
    romanian_deadlift 3x8 @ 40kg rest 120s
    step_up 3x8 each_leg rest 150s
    push_up 3x10 rest 45s
    bench_press 3x5 @ 60kg rest lap
    superset 3 rounds rest 60s:
      plank 30s
      dead_bug 10 each_side
'''
# 90, 120 and 150 seconds: the values whose spellings differed between outputs
SPELLED = {"1min30s", "2min", "2min30s", "45s", "1min"}
IN_WORDS = SPELLED | {"until lap"}


def program() -> Program:
    return build_program(wol.parse(SOURCE, "rests.wol"))


def test_show_spells_rests_as_fmt_writes_them() -> None:
    lines = render_plan(program(), 1, 100, use_rich=False).splitlines()
    lines = lines[:next(i for i, line in enumerate(lines) if ": sets per tag" in line)]
    header = next(line for line in lines if line.lstrip().startswith("exercise"))
    start, end = header.index(" rest ") + 1, header.index(" note")
    column = {line[start:end].strip() for line in lines[lines.index(header) + 1:]
              if not line.rstrip().endswith(":")}
    blocks = {m for line in lines for m in re.findall(r", rest (.+):$", line)}
    assert (column | blocks) - {""} == IN_WORDS


def test_html_and_pdf_spell_rests_as_fmt_writes_them() -> None:
    page = html.emit(program(), EmitOptions()).decode("utf-8")
    cells = set(re.findall(r"<td>([^<]*)</td>\s*<td class=\"note\">", page))
    titles = set(re.findall(r"rest ([^<]+) between rounds", page))
    assert (cells | titles) - {""} == IN_WORDS


def test_the_calendar_spells_rests_as_fmt_writes_them() -> None:
    calendar = icalendar.Calendar.from_ical(ics.emit(program(), EmitOptions()))
    (event,) = calendar.walk("VEVENT")
    said = set(re.findall(r"\brest (.+?)(?: between rounds:|,|$)", str(event["DESCRIPTION"]),
                          re.MULTILINE))
    assert said == IN_WORDS


def test_json_spells_rests_as_fmt_writes_them() -> None:
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("rest"), str):
                found.add(value["rest"])
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(json.loads(json_backend.emit(program(), EmitOptions())))
    assert found == SPELLED | {"lap"}


def test_fmt_writes_the_same_spellings() -> None:
    formatted = wol.format(SOURCE)
    assert set(re.findall(r"\brest (\S+?):?$", formatted, re.MULTILINE)) == SPELLED | {"lap"}


HOLDS = '''plan "Holds" weeks 1 start 2027-01-04:
  session "A" on mon:
    plank 3x90s
    side_plank 2x150s each_side
    wall_sit 2x2min
'''


def test_a_set_held_for_time_is_spelled_as_a_rest_is() -> None:
    # the PDF/HTML, the calendar and show said `3×90s`, `2×2 min 30s`: now as fmt writes
    program = build_program(wol.parse(HOLDS, "holds.wol"))
    page = html.emit(program, EmitOptions()).decode("utf-8")
    calendar = icalendar.Calendar.from_ical(ics.emit(program, EmitOptions()))
    (event,) = calendar.walk("VEVENT")
    for text in (page, str(event["DESCRIPTION"])):
        assert {"3×1min30s", "2×2min30s", "2×2min"} <= set(re.findall(r"\d×[\dmins]+", text))
        assert not re.search(r"\d min\b", text)
    assert "3x1min30s" in wol.format(HOLDS)
