"""The ics target, parsed back with icalendar: one event per session per day per
week on the right dates, stable UIDs, the exercises in the description.

The expected events of tests/data/outputs/two_days.wol are written by hand in
two_days.events.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import icalendar
import pytest
import v2_programs

import workoutlang as wol
from workoutlang import compiler, expand
from workoutlang.backends import EmitOptions, ics
from workoutlang.errors import CompileError
from workoutlang.parser import parse
from workoutlang.spelling import duration

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "outputs"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def program_of(path: Path) -> expand.Program:
    """The program the compiler builds from a plan file (checks run, weeks expanded)."""
    return compiler.build_program(parse(path.read_text(encoding="utf-8"), path.name))


def program_from_text(text: str) -> expand.Program:
    return compiler.build_program(parse(text, "plan.wol"))


def calendar_of(program: expand.Program, **options: object) -> icalendar.Calendar:
    data = ics.emit(program, EmitOptions(**options))  # type: ignore[arg-type]
    return icalendar.Calendar.from_ical(data)


def events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


def expected_events(path: Path) -> list[tuple[datetime.date, str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            date, day, summary = line.split(" ", 2)
            out.append((datetime.date.fromisoformat(date), day, summary))
    return out


def test_one_event_per_session_day_on_the_right_dates() -> None:
    found = events(calendar_of(program_of(DATA / "two_days.wol")))
    got = [(e.decoded("dtstart").date(), DAYS[e.decoded("dtstart").weekday()], str(e["summary"]))
           for e in found]
    assert got == expected_events(DATA / "two_days.events")


def day_of(value: datetime.date) -> datetime.date:
    """The day of a DTSTART: a date-time's date, or the date of an all-day event."""
    return value.date() if isinstance(value, datetime.datetime) else value


def dated(path: Path) -> bool:
    """Whether every plan of the file has a start: a calendar needs one."""
    return all(plan.start for plan in parse(path.read_text(encoding="utf-8"), path.name).plans)


@pytest.mark.parametrize("path", [p for p in sorted(ROOT.glob("examples/*.wol")) if dated(p)]
                         + [DATA / "long_plan.wol"], ids=lambda p: p.stem)
def test_every_week_every_day_from_the_start(path: Path) -> None:
    program = program_of(path)
    found = events(calendar_of(program))
    # a session with days is at a time on each; one with none (`N per week`) all day
    # across its week, from its Monday (or the start)
    dates = sorted(day_of(e.decoded("dtstart")) for e in found)
    for plan in program.plans:
        assert plan.plan.start is not None
        start = datetime.date.fromisoformat(plan.plan.start)
        first_monday = start - datetime.timedelta(days=start.weekday())
        expected = []
        for week in plan.weeks:
            monday = first_monday + datetime.timedelta(days=7 * (week.number - 1))
            for session in week.sessions:
                expected += [monday + datetime.timedelta(days=DAYS.index(d)) for d in session.days]
            expected += list({id(s.session): max(monday, start) for s in week.sessions
                              if s.per_week is not None}.values())
        assert dates == sorted(d for d in expected if d >= start)
        assert dates[0] >= start


def test_uids_are_unique_and_stable() -> None:
    source = (DATA / "two_days.wol").read_text(encoding="utf-8")
    program = program_of(DATA / "two_days.wol")
    first = ics.emit(program, EmitOptions())
    assert first == ics.emit(program_of(DATA / "two_days.wol"), EmitOptions())  # same bytes
    uids = [str(e["uid"]) for e in events(icalendar.Calendar.from_ical(first))]
    assert len(set(uids)) == len(uids)
    # Editing an exercise keeps every event's UID: a re-import updates, never duplicates.
    edited = source.replace("@ 52.5kg", "@ 60kg")
    assert edited != source
    changed = ics.emit(program_from_text(edited), EmitOptions())
    assert changed != first
    assert [str(e["uid"]) for e in events(icalendar.Calendar.from_ical(changed))] == uids


def test_dtstamp_is_not_the_clock() -> None:
    program = program_of(DATA / "two_days.wol")
    start = program.plans[0].plan.start
    for event in events(calendar_of(program)):
        assert event.decoded("dtstamp") == datetime.datetime.fromisoformat(
            f"{start}T00:00:00+00:00")


def test_description_holds_the_weeks_exercises() -> None:
    program = program_of(DATA / "two_days.wol")
    plan = program.plans[0]
    found = events(calendar_of(program))
    by_week: dict[int, list[icalendar.Event]] = {}
    start = datetime.date.fromisoformat(plan.plan.start or "")
    first_monday = start - datetime.timedelta(days=start.weekday())
    for event in found:
        week = (event.decoded("dtstart").date() - first_monday).days // 7 + 1
        by_week.setdefault(week, []).append(event)
    for week in plan.weeks:
        for session in week.sessions:
            for event in (e for e in by_week[week.number] if str(e["summary"]).startswith(
                    session.name)):
                text = str(event["description"])
                lines = text.splitlines()
                for item in session.all_items():
                    line = next(x for x in lines if x.strip().startswith(item.exercise.display))
                    if item.sets is not None:
                        assert f"{item.sets}×" in line
                    if item.load is not None and item.load.kind == "weight":
                        assert f"@ {item.load.amount:g} {item.load.unit or 'kg'}" in line
                    if item.tempo:
                        assert "tempo " + "-".join(str(p) for p in item.tempo) in line
                    if item.rest_s:
                        assert f"rest {duration(item.rest_s)}" in line


def test_deload_weeks_say_so() -> None:
    program = program_of(DATA / "two_days.wol")
    deloads = {w.number for w in program.plans[0].weeks if w.deload}
    assert deloads
    for event in events(calendar_of(program)):
        deload = str(event["summary"]).endswith(" — deload")
        assert deload == ("(deload" in str(event["description"]).splitlines()[0])


def test_floating_time_by_default() -> None:
    found = events(calendar_of(program_of(DATA / "two_days.wol")))
    for event in found:
        begin, end = event.decoded("dtstart"), event.decoded("dtend")
        assert begin.tzinfo is None
        assert begin.time() == datetime.time(7, 0)
        assert end - begin == datetime.timedelta(minutes=45)


def test_time_length_and_zone_from_options() -> None:
    calendar = calendar_of(program_of(DATA / "two_days.wol"), event_time="18:30",
                           event_minutes=60, timezone="Europe/Paris")
    zones = [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Paris"]
    for event in events(calendar):
        assert event["dtstart"].params["TZID"] == "Europe/Paris"
        begin, end = event.decoded("dtstart"), event.decoded("dtend")
        assert begin.time() == datetime.time(18, 30)
        assert begin.utcoffset() in (datetime.timedelta(hours=1), datetime.timedelta(hours=2))
        assert end - begin == datetime.timedelta(minutes=60)


def test_missing_start_is_a_compile_error_at_the_plan_header() -> None:
    program = program_of(DATA / "no_start.wol")
    with pytest.raises(CompileError, match=r"add start YYYY-MM-DD to the plan header") as caught:
        ics.emit(program, EmitOptions())
    assert caught.value.span == program.plans[0].plan.span


def test_session_without_a_day_is_a_compile_error() -> None:
    program = program_from_text('plan "p" weeks 2 start 2027-01-04:\n'
                                '  session "anyday":\n    plank 3x30s\n')
    with pytest.raises(CompileError, match="no day") as caught:
        ics.emit(program, EmitOptions())
    assert caught.value.span == program.plans[0].plan.sessions[0].span


@pytest.mark.parametrize("options, message", [
    ({"event_time": "7pm"}, "HH:MM"),
    ({"event_minutes": 0}, "minutes"),
    ({"timezone": "Mars/Olympus_Mons"}, "time zone"),
])
def test_bad_options_are_compile_errors(options: dict[str, object], message: str) -> None:
    with pytest.raises(CompileError, match=message):
        calendar_of(program_of(DATA / "two_days.wol"), **options)


def test_no_session_on_or_after_the_start_is_a_compile_error() -> None:
    """A one-week plan starting on Wednesday with a Monday session has nothing to place."""
    program = program_from_text('plan "p" weeks 1 start 2027-01-06:\n'
                                '  session "a" on mon, tue:\n    plank 3x30s\n')
    with pytest.raises(CompileError, match="on or after its start") as caught:
        ics.emit(program, EmitOptions())
    assert caught.value.span is not None and caught.value.span.line == 1


# --- language v2 (tests/data/outputs/v2/programs.wol) ---------------------------------


def test_rotation_turns_are_events_on_their_own_days() -> None:
    calendar = icalendar.Calendar.from_ical(v2_programs.emitted("ics"))
    stronglifts = [(e["dtstart"].dt.date(), str(e["summary"])) for e in events(calendar)
                   if "StrongLifts" in str(e["description"])]
    day = datetime.date
    assert stronglifts == [(day(2027, 1, 4), "A"), (day(2027, 1, 6), "B"), (day(2027, 1, 8), "A"),
                           (day(2027, 1, 11), "B"), (day(2027, 1, 13), "A"),
                           (day(2027, 1, 15), "B")]
    third = next(e for e in events(calendar) if isinstance(e["dtstart"].dt, datetime.datetime)
                 and e["dtstart"].dt.date() == day(2027, 1, 8))
    assert str(third["description"]).splitlines() == [
        "StrongLifts A/B: week 1 of 2, A of the rotation A / B", "",
        "Squat 5×5 @ 62.5 kg", "Bench press 5×5 @ 40 kg, RIR 2"]


def test_schemes_weights_and_distances_in_the_description() -> None:
    calendar = icalendar.Calendar.from_ical(v2_programs.emitted("ics"))
    first = str(events(calendar)[0]["description"]).splitlines()
    assert first[2:] == [
        "Squat 1×5 @ 185 lb (65% TM), rest 3min", "Squat 1×5 @ 215 lb (75% TM), rest 3min",
        "Squat 1×5+ @ 240 lb (85% TM), rest 3min", "Squat 5×10 @ 140 lb (50% TM)",
        "Bench press 1×5 @ 185 lb, RPE 8", "Bench press 3×5 @ 165 lb", "Pull-up 3×max",
        "Farmer carry 3×40 m @ 70 lb"]


def test_sessions_a_week_span_their_week_all_day() -> None:
    program = v2_programs.program()
    calendar = icalendar.Calendar.from_ical(ics.emit(program, EmitOptions()))
    spanning = [e for e in events(calendar) if str(e["summary"]).startswith("Single-leg")]
    assert [(e["dtstart"].dt, e["dtend"].dt) for e in spanning][:2] == [
        (datetime.date(2027, 1, 4), datetime.date(2027, 1, 11)),
        (datetime.date(2027, 1, 11), datetime.date(2027, 1, 18))]
    first = spanning[0]
    assert str(first["summary"]) == "Single-leg (1–2 × a week, any day)"
    assert str(first["transp"]) == "TRANSPARENT"
    assert str(first["description"]).splitlines()[1] == (
        "No fixed day: 1–2 × a week, on the days you choose.")


def test_a_plan_of_sessions_a_week_only_is_a_calendar_of_weeks() -> None:
    program = program_from_text(
        'plan "Add-on" weeks 2 start 2027-01-06 supplement:\n'
        '  session "Single-leg" 2 per week:\n'
        "    step_up 3x8 each_leg\n")
    calendar = icalendar.Calendar.from_ical(ics.emit(program, EmitOptions()))
    # one event a week (not one per doing); week 1 starts on the start date, a Wednesday
    assert [(e["dtstart"].dt, e["dtend"].dt, str(e["summary"])) for e in events(calendar)] == [
        (datetime.date(2027, 1, 6), datetime.date(2027, 1, 11),
         "Single-leg (2 × a week, any day)"),
        (datetime.date(2027, 1, 11), datetime.date(2027, 1, 18),
         "Single-leg (2 × a week, any day)")]


def test_compiling_to_ics_says_which_sessions_have_no_day() -> None:
    tree = wol.parse('plan "Add-on" weeks 2 start 2027-01-04 supplement:\n'
                     '  session "Single-leg" 1-2 per week:\n'
                     "    step_up 3x8 each_leg\n    glute_bridge 3x10\n", "a.wol")
    found = wol.check(tree, wol.CheckConfig(targets=frozenset({"ics"})))
    assert [(d.code, d.span.line, d.span.column, d.message) for d in found] == [
        ("WOL011", 2, 24, 'session "Single-leg" has no days (1-2 per week): the calendar '
                          "shows it as an all-day event across each week")]
    assert wol.check(tree) == []  # said only when compiling to a calendar
