"""The html target: a well-formed page holding every exercise, its groups, its
deloads and what the checks found, with the plan's text escaped.

Inputs are the bundled examples and the plans in tests/data/outputs.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
import v2_programs

from workoutlang import compiler, diagnostics, expand
from workoutlang.backends import EmitOptions, html
from workoutlang.errors import CompileError
from workoutlang.parser import parse
from workoutlang.spelling import duration
from workoutlang.vocabulary import DAYS

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "outputs"
PLANS = sorted(ROOT.glob("examples/*.wol")) + sorted(DATA.glob("*.wol"))


def program_of(path: Path) -> expand.Program:
    """The program the compiler builds from a plan file (checks run, weeks expanded)."""
    return compiler.build_program(parse(path.read_text(encoding="utf-8"), path.name))


def render(program: expand.Program, paper: str = "a4") -> bytes:
    return html.emit(program, EmitOptions(paper=paper))


def document(data: bytes) -> ET.Element:
    """The page parsed by html5lib in strict mode: any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root: ET.Element = parser.parse(data.decode("utf-8"))
    return root


def text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def by_class(root: ET.Element, tag: str, name: str) -> list[ET.Element]:
    return [e for e in root.iter(tag) if name in (e.get("class") or "").split()]


@pytest.fixture(scope="module", params=PLANS, ids=lambda p: p.stem)
def rendered(request: pytest.FixtureRequest) -> tuple[expand.Program, bytes]:
    program = program_of(request.param)
    return program, render(program)


def test_well_formed_utf8(rendered: tuple[expand.Program, bytes]) -> None:
    _, data = rendered
    root = document(data)
    assert root.tag == "html"
    assert root.find("head/meta[@charset='utf-8']") is not None


def test_every_exercise_and_session_is_on_the_page(
        rendered: tuple[expand.Program, bytes]) -> None:
    program, data = rendered
    root = document(data)
    page = text(root)
    for plan in program.plans:
        assert plan.plan.name in text(root.find("body/section/h1"))  # type: ignore[arg-type]
        headings = [text(h) for h in root.iter("h2")]
        for week in plan.weeks:
            for session in week.sessions:
                assert session.name in headings
                for item in session.all_items():
                    assert item.exercise.display in page


def columns_of(plan: expand.ExpandedPlan, index: int, session: expand.SessionInstance) -> int:
    """The log's columns for a session in week `index`: one a day it is done (`on mon,
    thu`: two) on or after the start (as the ics calendar), one for days the user chooses."""
    if not session.days:
        return 1
    start = html.plan_start(plan.plan)
    monday = html.week_monday(plan, index, start)
    if monday is None or start is None:
        return len(session.days)
    return sum(monday + datetime.timedelta(days=DAYS.index(day)) >= start
               for day in session.days)


def if_done(week: expand.WeekInstance) -> list[expand.SessionInstance]:
    """The times beyond the least of an `N-M per week` session: a column each, "if done"
    (the week holds N instances of it)."""
    out: list[expand.SessionInstance] = []
    for session in {id(s.session): s for s in week.sessions if s.per_week}.values():
        assert session.per_week is not None
        low, high = session.per_week
        out += [session] * (high - max(low, 1))
    return out


def times_done(plan: expand.ExpandedPlan) -> int:
    return sum(columns_of(plan, i, s) for i, w in enumerate(plan.weeks)
               for s in (*w.sessions, *if_done(w)))


def test_every_exercise_has_a_log_cell_each_time_it_is_done(
        rendered: tuple[expand.Program, bytes]) -> None:
    """Summed over the logs, each exercise has one cell with its sets for each day its
    session is done."""
    program, data = rendered
    root = document(data)
    cells = 0
    for table in by_class(root, "table", "log"):
        for row in table.iter("tr"):
            cells += len([td for td in row.findall("td") if by_class(td, "span", "sets")])
    expected = sum(len(s.all_items()) * columns_of(p, i, s) for p in program.plans
                   for i, w in enumerate(p.weeks) for s in (*w.sessions, *if_done(w)))
    assert cells == expected


def test_a_line_a_set_to_write_what_was_done() -> None:
    """Each set (each round in a block) is a line with a blank for the weight when the
    line has a load, the reps or time done, L and R for one-sided work; a warm-up's
    sets are boxes to tick."""
    program = program_of(ROOT / "examples" / "runner_two_day.wol")
    root = document(render(program))
    first_week = program.plans[0].weeks[0].sessions[0]
    expected = []
    for entry in first_week.items:
        block = entry if isinstance(entry, expand.BlockInstance) else None
        for item in block.items if block else (entry,):
            sets = (item.sets or 1) * ((block.rounds or 1) if block else 1)
            tick = block is not None and block.kind == "warmup"
            expected.append((sets, tick, not tick and item.load is not None,
                             not tick and item.side in ("each_leg", "each_side"),
                             not tick and item.duration_s is not None))
    grid = by_class(root, "table", "log")[0]
    rows = [r for r in grid.iter("tr") if r.find("td") is not None and by_class(r, "span", "set")]
    found = []
    for row in rows:
        cell = row.findall("td")[0]
        lines = by_class(cell, "span", "set")
        first = lines[0]
        found.append((len(lines), "tick" in (first.get("class") or ""),
                      bool(by_class(first, "span", "weight")),
                      len(by_class(first, "span", "half")) == 2,
                      [text(u) for u in by_class(first, "span", "unit")][-1:] == ["s"]))
    assert found == expected
    assert any(sided and not tick for _, tick, _, sided, _ in found)
    assert any(timed for *_, timed in found)
    romanian = next(r for r in rows if text(r.find("th")) == "Romanian deadlift")  # type: ignore[arg-type]
    assert [text(u) for u in by_class(romanian, "span", "unit")][:1] == ["kg"]


def test_log_columns_are_dated_with_the_session_day() -> None:
    """The week's Monday plus the session's weekday; a session on two days has two."""
    program = program_of(ROOT / "examples" / "runner_two_day.wol")
    root = document(render(program))
    logs = by_class(root, "table", "log")
    headers = [[text(th) for th in by_class(t, "th", "week")] for t in logs]
    assert headers[0][:2] == ["W1 Mon 4 Jan", "W2 Mon 11 Jan"]  # start 2027-01-04, on mon
    thursday = next(h for h in headers[1:] if h[0].startswith("W1"))
    assert thursday[:2] == ["W1 Thu 7 Jan", "W2 Thu 14 Jan"]
    two_days = document(render(program_of(DATA / "two_days.wol")))
    first = [text(th) for th in by_class(by_class(two_days, "table", "log")[0], "th", "week")]
    # start Wed 3 Mar 2027: Mon 1 Mar is before it, not done
    assert first[:3] == ["W1 Thu 4 Mar", "W2 Mon 8 Mar", "W2 Thu 11 Mar"]


def test_a_session_on_days_the_user_chooses_has_a_date_to_fill_in(v2_page: ET.Element) -> None:
    """`1-2 per week`: a column a week with a date to write, and one more `if done`."""
    blanks = [text(th) for th in by_class(v2_page, "th", "week") if by_class(th, "span", "blank")]
    assert blanks == ["W1 date", "W1 date if done", "W2 date", "W2 date if done"]


def test_each_log_column_has_lines_for_notes() -> None:
    root = document(render(program_of(ROOT / "examples" / "runner_two_day.wol")))
    for table in by_class(root, "table", "log"):
        notes = by_class(table, "tbody", "notes")[0]
        cells = notes.iter("td")
        assert [len(by_class(td, "span", "rule")) for td in cells] == \
            [3] * len(by_class(table, "th", "week"))


def test_groups_are_banded_with_their_rounds_and_rest() -> None:
    program = program_of(ROOT / "examples" / "runner_two_day.wol")
    root = document(render(program))
    table = by_class(root, "table", "prescription")[0]
    blocks = [e for e in program.plans[0].weeks[0].sessions[0].items
              if isinstance(e, expand.BlockInstance)]
    assert {b.kind for b in blocks} >= {"warmup", "superset"}
    for block in blocks:
        body = next(b for b in by_class(table, "tbody", block.kind))
        title = text(by_class(body, "tr", "group-title")[0])
        assert title == html.describe_block(block)
        if block.rounds:
            assert f"{block.rounds} rounds" in title
        if block.rest_s:
            assert f"rest {duration(block.rest_s)} " in title
        names = [text(r.find("td")) for r in body.findall("tr")  # type: ignore[arg-type]
                 if r.find("td") is not None]
        assert names == [i.exercise.display for i in block.items]


@pytest.mark.parametrize("name", ["two_days.wol", "long_plan.wol"])
def test_deload_weeks_are_marked(name: str) -> None:
    program = program_of(DATA / name)
    root = document(render(program))
    deloads = {w.number for w in program.plans[0].weeks if w.deload}
    assert deloads, "the test plan must have deload weeks"
    schedule = by_class(root, "table", "schedule")[0]
    marked = {int(text(r.find("td")).split()[0])  # type: ignore[arg-type]
              for r in by_class(schedule, "tr", "deload")}
    assert marked == deloads
    headers = {int(re.match(r"W(\d+)", text(th)).group(1))  # type: ignore[union-attr]
               for th in by_class(root, "th", "week") if "deload" in text(th).lower()}
    assert headers == deloads


def test_per_week_loads_are_in_the_grid() -> None:
    """A progression shows each week's load in that week's cell."""
    program = program_of(ROOT / "examples" / "runner_two_day.wol")
    root = document(render(program))
    weeks = program.plans[0].weeks
    name = "Romanian deadlift"
    loads = [next(i for i in w.sessions[0].all_items() if i.exercise.display == name).load
             for w in weeks]
    assert len({html.describe_load(load) for load in loads}) > 1, "the example progresses"
    shown = []
    for table in by_class(root, "table", "log")[:2]:  # session 1: one or two grids
        for row in table.iter("tr"):
            head = row.find("th")
            if head is not None and text(head) == name:
                shown += [text(by_class(td, "span", "target")[0]) for td in row.findall("td")]
    assert shown == [html.describe_load(load) for load in loads]


def test_text_is_escaped() -> None:
    data = render(program_of(DATA / "escaping.wol"))
    root = document(data)
    assert b"<script>" not in data and b"<b>" not in data and b"<i>" not in data
    assert root.find(".//script") is None and root.find(".//b") is None
    assert "Tom & Jerry's <b>plan</b>" == text(root.find("body/section/h1"))  # type: ignore[arg-type]
    assert "<script>alert('x')</script> & <i>slow</i>" in text(root)
    assert "Day <1> & 'two'" in [text(h) for h in root.iter("h2")]


def test_cover_shows_plan_facts() -> None:
    program = program_of(ROOT / "examples" / "marathon_build.wol")
    plan = program.plans[0]
    root = document(render(program))
    cover = by_class(root, "section", "cover")[0]
    facts = {text(d.find("dt")): text(d.find("dd"))  # type: ignore[arg-type]
             for d in cover.iter("div")}
    assert facts["Weeks"] == str(len(plan.weeks))
    counts = sorted({sum(len(s.days) for s in w.sessions) for w in plan.weeks})
    for count in counts:
        assert str(count) in facts["Sessions a week"]
    assert plan.plan.start is not None
    year, month, day = (int(x) for x in plan.plan.start.split("-"))
    assert f"{day} " in facts["Dates"] and str(year) in facts["Dates"]
    assert facts["Units"] == plan.plan.units
    schedule = by_class(cover, "table", "schedule")[0]
    assert len(schedule.findall("tbody/tr")) == len(plan.weeks)


def test_cover_shows_what_the_checks_found() -> None:
    program = program_of(ROOT / "examples" / "runner_two_day.wol")
    clean = document(render(program))
    assert "nothing to fix" in text(by_class(clean, "p", "summary")[0])
    span = program.plans[0].weeks[0].sessions[0].all_items()[0].line.span
    found = (diagnostics.make("WOL006", span, "step_up is single-leg: add each_leg"),
             diagnostics.make("WOL104", span, "week 2 has no single-leg work"),
             diagnostics.make("WOL107", span, "week 3 has no mobility or balance work"))
    root = document(render(expand.Program(program.tree, program.catalogue, program.plans,
                                          found)))
    assert text(by_class(root, "p", "summary")[0]) == "The checks found 1 error and 2 warnings."
    items = [text(li) for li in root.iter("li")]
    assert len(items) == len(found)
    for diagnostic, item in zip(found, items, strict=True):
        assert diagnostic.code in item and diagnostic.message in item
        assert f"line {span.line}" in item


@pytest.mark.parametrize("paper, size", [("a4", "A4"), ("letter", "letter")])
def test_paper_sets_the_page_size(paper: str, size: str) -> None:
    data = render(program_of(DATA / "two_days.wol"), paper).decode()
    assert re.search(r"@page\s*{\s*size:\s*" + size + r"\b", data)


def test_unknown_paper_is_a_compile_error() -> None:
    with pytest.raises(CompileError, match="paper"):
        render(program_of(DATA / "two_days.wol"), "a5")


def test_weeks_that_differ_get_their_own_pages() -> None:
    """Sessions are paged by what is done: marathon_build's taper and race weeks differ."""
    program = program_of(ROOT / "examples" / "marathon_build.wol")
    root = document(render(program))
    pages = by_class(root, "section", "session")
    names = list(dict.fromkeys(s.name for w in program.plans[0].weeks for s in w.sessions))
    assert [text(p.find("header/h2")) for p in pages] == names  # type: ignore[arg-type]
    columns = sum(len(by_class(p, "th", "week")) for p in pages)
    assert columns == times_done(program.plans[0])


def test_long_plan_logs_are_at_most_four_columns_wide() -> None:
    program = program_of(DATA / "long_plan.wol")
    root = document(render(program))
    grids = by_class(root, "table", "log")
    widths = [len(by_class(g, "th", "week")) for g in grids]
    assert max(widths) <= html.WEEKS_PER_GRID
    assert sum(widths) == times_done(program.plans[0])


def test_week_ranges() -> None:
    assert html.week_ranges([5, 1, 2, 3, 8, 9]) == "1–3, 5, 8–9"
    assert html.week_ranges([]) == ""


# --- language v2 (tests/data/outputs/v2/programs.wol) ---------------------------------


@pytest.fixture(scope="module")
def v2_page() -> ET.Element:
    return document(v2_programs.emitted("html"))


def rows_of(table: ET.Element) -> list[list[str]]:
    """The rows' texts; of a log's cell, the target above its lines."""
    return [[text(cell) if not by_class(cell, "span", "sets")
             else " ".join(text(t) for t in by_class(cell, "span", "target"))
             for cell in row if cell.tag in ("td", "th")] for row in table.iter("tr")]


def test_a_set_scheme_is_a_row_a_group_under_one_name(v2_page: ET.Element) -> None:
    table = by_class(v2_page, "table", "prescription")[0]
    rows = rows_of(table)
    bench = rows.index(["Bench press", "1×5", "185 lb, RPE 8", "", "", "", ""])
    assert rows[bench + 1] == ["", "3×5", "165 lb", "", "", "", ""]
    following = [r for r in table.iter("tr") if "next-set" in (r.get("class") or "")]
    assert len(following) == 1  # the back-off sets (a wave is one row: its weeks differ)
    first, second = (rows_of(t) for t in by_class(v2_page, "table", "log")[:2])
    bench = ["Bench press 1×5", "185 lb, RPE 8", "185 lb, RPE 8", "185 lb, RPE 8"]
    bench_later = ["Bench press 1×5", "111 lb, RPE 8", "185 lb, RPE 8"]  # weeks 4 and 5
    assert bench in first and bench_later in second
    # the back-off sets are 2×5 in the deload: named by their place, the dose in the cells
    assert first[first.index(bench) + 1] == ["↳ set 2", "3×5 · 165 lb", "3×5 · 165 lb",
                                             "3×5 · 165 lb"]
    assert second[second.index(bench_later) + 1] == [
        "↳ set 2", "2×5 · 99 lb", "3×5 · 165 lb"]


def test_weights_from_maxes_with_their_percentages_amrap_and_distance(
        v2_page: ET.Element) -> None:
    log = rows_of(by_class(v2_page, "table", "log")[0])
    wave_top = next(r for r in log if r[0] == "↳ set 3")
    assert wave_top[1:4] == ["1×5+ · 240 lb (85% TM)", "1×3+ · 255 lb (90% TM)",
                             "1×1+ · 270 lb (95% TM)"]
    table = rows_of(by_class(v2_page, "table", "prescription")[0])
    assert ["Squat", "wave", "by week, in the log", "", "", "3min", ""] in table
    assert ["Farmer carry", "3×40 m", "70 lb", "", "", "", ""] in table
    assert ["Pull-up", "3×max", "", "", "", "", ""] in table
    page = text(v2_page)
    assert "Squat 315 lb, training max 283.5 lb (90%), +10lb/cycle" in page
    assert "70% 1RM" in page  # no max for the overhead press: the percentage alone


def test_sessions_a_week_and_rotations_say_when(v2_page: ET.Element) -> None:
    whens = [text(p) for p in by_class(v2_page, "p", "when")]
    assert "1–2 × a week, on the days you choose Weeks 1–2" in whens
    assert ("In turn with B on Monday, Wednesday, Friday: week 1 Mon, Fri; week 2 Wed "
            "Weeks 1–2") in whens
    schedule = [rows_of(t) for t in by_class(v2_page, "table", "schedule")]
    assert schedule[1][1][2] == "A · Mon 4 JanB · Wed 6 JanA · Fri 8 Jan"
    assert schedule[2][1][2] == "Single-leg · 1–2 × a weekHills · Sat 9 Jan"
    # a rotation's session has one log, a column a turn, named by week and day
    logs = [[text(th) for th in by_class(t, "th", "week")]
            for t in by_class(v2_page, "table", "log")]
    assert ["W1 Mon 4 Jan", "W1 Fri 8 Jan", "W2 Wed 13 Jan"] in logs
    facts = {text(d.find("dt")): text(d.find("dd")) for d in v2_page.iter("div")  # type: ignore[arg-type]
             if d.find("dt") is not None}
    assert facts["Supplement"].startswith("adds to your running week")


def test_a_session_whose_only_day_is_before_the_start_has_no_log_column() -> None:
    source = ('# wol: disable=WOL101,WOL102,WOL104,WOL105,WOL106,WOL107\n'
              'plan "P" weeks 1 start 2027-03-03:\n'
              '  session "Early" on mon:\n    plank 3x30s\n'
              '  session "Late" on thu:\n    plank 3x30s\n')
    program = compiler.build_program(parse(source, "p.wol"))
    root = document(render(program))
    pages = {text(p.find("header/h2")): p for p in by_class(root, "section", "session")}  # type: ignore[arg-type]
    assert not by_class(pages["Early"], "table", "log")
    assert [text(th) for th in by_class(pages["Late"], "th", "week")] == ["W1 Thu 4 Mar"]


# --- the cover's balance chart (review_charts.strips; numbers: tests/test_balance.py) ---

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(element: ET.Element, tag: str, name: str) -> list[ET.Element]:
    return [e for e in element.iter(SVG + tag) if name in (e.get("class") or "").split()]


def balance_section(root: ET.Element) -> ET.Element:
    (section,) = by_class(root, "section", "balance")
    return section


def test_the_cover_charts_sets_a_week_per_tag() -> None:
    root = document(render(program_of(ROOT / "examples" / "eight_week_base.wol")))
    section = balance_section(root)
    assert text(section.find("h2")) == "Sets a week per tag"  # type: ignore[arg-type]
    (svg,) = section.iter(SVG + "svg")
    # named for a screen reader by its title and description
    assert svg.get("role") == "img"
    ids = {e.get("id"): "".join(e.itertext()) for e in svg.iter() if e.get("id")}
    title, desc = (ids[key] for key in (svg.get("aria-labelledby") or "").split())
    assert title == "Eight-week base: sets a week per tag"
    assert desc.startswith("Sets a week of core, posterior chain, single-leg, quad-dominant, "
                           "mobility & balance exercises") and "deload weeks hatched" in desc
    # a row a group, named at its left; a bar group a run of weeks, labelled under the rows
    labels = ["Core", "Posterior chain", "Single-leg", "Quad-dominant", "Mobility & balance"]
    assert [t.text for t in svg_of(svg, "text", "label")] == labels
    assert [t.text for t in svg_of(svg, "text", "tick")] == ["1-3", "4", "5-8", "week"]
    # each bar's value written over it, row by row; its title says the same in full
    expected = [6, 4, 6, 9, 6, 9, 8, 4, 8, 3, 2, 3, 9, 6, 9]
    assert [float(t.text or "") for t in svg_of(svg, "text", "value")] == expected
    bars = svg_of(svg, "rect", "bar")
    assert [b.findtext(SVG + "title") for b in bars[:3]] == [
        "Weeks 1-3, Core: 6 sets", "Week 4 (deload), Core: 4 sets", "Weeks 5-8, Core: 6 sets"]
    # one scale for every row: a bar's height is its value times the same factor
    heights = [float(b.get("height") or 0) for b in bars]
    factor = max(heights) / max(expected)
    assert all(abs(h - v * factor) <= 0.05 for h, v in zip(heights, expected, strict=True))
    # the deload week hatched across the rows (a pattern, not a colour), named in a legend
    marked = svg_of(svg, "rect", "marked")
    assert len(marked) == 2 and all("hatch" in (m.get("fill") or "") for m in marked)
    assert [t.text for t in svg_of(svg, "text", "legend")] == ["deload week"]
    assert svg.find(SVG + "style") is not None  # WeasyPrint styles an inline SVG by its own
    assert not by_class(section, "table", "balance-table")  # the chart has every number


def test_a_chart_of_many_runs_of_weeks_fits_and_puts_its_numbers_in_a_table() -> None:
    """52 weeks of a rotation, no two weeks alike in a row: a bar group a week, too narrow
    to write the values, so a table under the chart has them."""
    source = (ROOT / "examples" / "stronglifts_5x5.wol").read_text(encoding="utf-8")
    program = compiler.build_program(parse(source.replace("weeks 12", "weeks 52"), "s.wol"))
    assert len(program.plans[0].weeks) == 52
    section = balance_section(document(render(program)))
    (svg,) = section.iter(SVG + "svg")
    assert len(svg_of(svg, "rect", "bar")) == 52 * 5 and not svg_of(svg, "text", "value")
    right = max(float(b.get("x") or 0) + float(b.get("width") or 0)
                for b in svg_of(svg, "rect", "bar"))
    assert right <= float((svg.get("viewBox") or "").split()[2])  # inside the page's width
    ticks = [t.text for t in svg_of(svg, "text", "tick")]
    assert ticks[0] == "1" and 8 <= len(ticks) <= 27  # every few weeks, not overlapping
    (table,) = by_class(section, "table", "balance-table")
    rows = rows_of(table)
    assert rows[0] == ["Weeks", "Core", "Posterior chain", "Single-leg", "Quad-dominant",
                       "Mobility & balance"]
    assert len(rows) == 53 and rows[1][0] == "1" and rows[52][0] == "52"
    titles = {b.findtext(SVG + "title") for b in svg_of(svg, "rect", "bar")}
    assert all(f"Week {row[0]}, {name}: {value} sets" in titles
               for row in rows[1:] for name, value in zip(rows[0][1:], row[1:], strict=True))


def test_each_plans_chart_has_ids_of_its_own(v2_page: ET.Element) -> None:
    charts = list(v2_page.iter(SVG + "svg"))
    assert len(charts) == len(by_class(v2_page, "section", "cover")) > 1
    ids = [e.get("id") for e in v2_page.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
