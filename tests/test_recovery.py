"""Recovery past a broken header and tab indentation (issue 16, points 2 and 4): one
run reports every error.

Each file in tests/data/recover marks the diagnostics `workoutlang check` must
report, and no others, with `# E: CODE …` at the end of their line. A header
missing only its ":" is read as if the ":" were there, so the checks run and
report what lies under it; a header broken beyond one clear repair is replaced by
a stand-in of its kind, so the lines under it are still parsed (their syntax
errors are reported) but not checked. Tab indentation is one WOL001 a file; when
the width of a tab is clear the file is read (and checked) as if converted, and
`fmt` converts it; when it is not, `fmt` refuses and leaves the file as it is.
"""

from __future__ import annotations

import json
import re
import time
import tracemalloc
from pathlib import Path

import pytest

from workoutlang import cli, diagnostics, parser
from workoutlang.errors import ParseError
from workoutlang.formatter import meaning
from workoutlang.limits import MAX_SYNTAX_ERRORS
from workoutlang.parser import parse, untab

CASES = sorted((Path(__file__).parent / "data" / "recover").glob("*.wol"))
MARK = re.compile(r"#\s*E:\s*((?:WOL\d{3}\s*)+)$")


def marked(text: str) -> list[tuple[int, str]]:
    """(line, code) of every `# E: CODE` mark."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = MARK.search(line)
        if match:
            found.extend((number, code) for code in match.group(1).split())
    return sorted(found)


def checked(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]]]:
    status = cli.main(["check", "--format", "json", str(path)])
    return status, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_check_reports_exactly_the_marked_diagnostics(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = marked(path.read_text(encoding="utf-8"))
    assert expected, f"{path.name} marks no diagnostic"
    status, found = checked(path, capsys)
    assert sorted((int(str(d["line"])), str(d["code"])) for d in found) == expected
    assert status == 1


def test_the_users_scenario_names_each_error_where_it_is(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, found = checked(Path(__file__).parent / "data" / "recover" / "missing_colon_session.wol",
                       capsys)
    assert [(d["line"], d["column"], d["message"]) for d in found] == [
        (5, 21, 'missing ":" at the end of this header'),
        (7, 5, "unknown exercise 'squatt'"),
        (8, 18, "tempo 3-1 has 2 parts"),
        (9, 5, "step_up is single-leg: add each_leg, or left and right sets"),
    ]


def fixed(text: str, error: ParseError) -> str:
    """`text` with every quick fix of `error` applied (inserts, one a line at most)."""
    lines = text.split("\n")
    for diagnostic in error.diagnostics:
        for fix in diagnostic.fixes:
            span = fix.span
            assert (span.line, span.column) == (span.end_line, span.end_column)  # an insert
            line = lines[span.line - 1]
            lines[span.line - 1] = line[:span.column - 1] + fix.replacement + \
                line[span.column - 1:]
    return "\n".join(lines)


@pytest.mark.parametrize("name", ["missing_colon_session", "missing_colon_every_header",
                                  "missing_colon_log"])
def test_the_quick_fix_is_the_repair_recovery_made(name: str) -> None:
    text = (Path(__file__).parent / "data" / "recover" / f"{name}.wol").read_text(
        encoding="utf-8")
    with pytest.raises(ParseError) as raised:
        parse(text, f"{name}.wol")
    assert all(d.fixes for d in raised.value.diagnostics)
    assert [f.title for d in raised.value.diagnostics for f in d.fixes][0] == 'Add ":"'
    repaired = parse(fixed(text, raised.value), f"{name}.wol")
    assert raised.value.partial is not None
    assert repaired.plans == raised.value.partial.plans  # spans and all
    assert repaired.logs == raised.value.partial.logs


def test_an_unclear_repair_leaves_no_tree_to_check() -> None:
    text = (Path(__file__).parent / "data" / "recover" / "broken_header_unclear.wol").read_text(
        encoding="utf-8")
    with pytest.raises(ParseError) as raised:
        parse(text)
    assert raised.value.partial is None
    assert all(not d.fixes for d in raised.value.diagnostics)


# --- many broken headers: bounded time and memory ---------------------------------------


def _plan(sessions: int, colon: str) -> str:
    body = "".join(f'  session "S{i}" on mon{colon}\n    squat 3x8\n    plank 3x30s\n'
                   for i in range(sessions))
    return f'plan "Many" weeks 4:\n{body}'


def _parse_once(text: str) -> None:
    parser._parse_chunk_shared.cache_clear()  # each measure parses, none looks up
    try:
        parse(text, "many.wol")
    except ParseError:
        pass


def _parse_cost(text: str) -> tuple[float, int]:
    """Seconds and tracemalloc peak (measured apart) of parsing `text`, errors or not."""
    began = time.perf_counter()
    _parse_once(text)
    took = time.perf_counter() - began
    tracemalloc.start()
    _parse_once(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return took, peak


@pytest.mark.parametrize("colon", ["", " on"], ids=["missing-colon", "unclear"])
def test_thousands_of_broken_headers_cost_no_more_than_a_clean_file(colon: str) -> None:
    sessions = 3000
    clean_time, clean_peak = _parse_cost(_plan(sessions, ":"))
    broken_time, broken_peak = _parse_cost(_plan(sessions, colon))
    # the syntax errors stop at MAX_SYNTAX_ERRORS: the rest of the file is not parsed
    assert broken_time < 2 * clean_time + 0.5
    assert broken_peak < 2 * clean_peak
    with pytest.raises(ParseError) as raised:
        parse(_plan(sessions, colon))
    assert len(raised.value.diagnostics) == MAX_SYNTAX_ERRORS + 1
    assert raised.value.partial is None  # stopped early: not the whole file


def test_a_chunk_full_of_missing_colons_is_repaired_and_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "some.wol"
    path.write_text("# wol: disable=WOL101,WOL102,WOL104,WOL105,WOL106,WOL107\n"
                    + _plan(MAX_SYNTAX_ERRORS, "").replace("squat 3x8", "squatt 3x8"),
                    encoding="utf-8")
    _, found = checked(path, capsys)
    codes = [d["code"] for d in found]
    assert codes.count("WOL001") == MAX_SYNTAX_ERRORS
    assert codes.count("WOL002") == MAX_SYNTAX_ERRORS


# --- tabs ------------------------------------------------------------------------------

FORMAT = Path(__file__).parent / "data" / "format"
# a tab 2 wide puts dead_bug beside the superset, 4 wide inside it: both parse
AMBIGUOUS = ('plan "T" weeks 1:\n  session "A" on mon:\n    superset 3 rounds:\n'
             "      plank 3x30s\n\t  dead_bug 3x8 each_side\n")


def test_a_file_indented_with_tabs_is_one_error_and_is_still_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (FORMAT / "tabs_only.in").read_text(encoding="utf-8").replace(
        "squat 3x8", "squatt 3x8").replace("dead_bug 3x8 each_side", "dead_bug 3x8 tempo 3-1")
    path = tmp_path / "tabs.wol"
    path.write_text(text, encoding="utf-8")
    status, found = checked(path, capsys)
    assert status == 1
    errors = [(d["line"], d["column"], d["code"]) for d in found if d["severity"] == "error"]
    # the tab error at the first tab; the others where they are, columns counting a tab as one
    assert errors == [(4, 1, "WOL001"), (5, 3, "WOL002"), (10, 4, "WOL006"), (10, 17, "WOL003")]
    (tab,) = [d for d in found if d["code"] == "WOL001"]
    assert tab["message"] == "tab indentation on 11 lines"
    assert "`workoutlang fmt` converts the tabs" in str(tab["hint"])


def test_ambiguous_tabs_are_one_error_and_no_check() -> None:
    with pytest.raises(ParseError) as raised:
        parse(AMBIGUOUS)
    (tab,) = raised.value.diagnostics
    assert (tab.span.line, tab.span.column) == (5, 1)
    assert "depends on the width of a tab" in tab.message
    assert "cannot convert" in (tab.hint or "")
    assert raised.value.partial is None
    assert untab(AMBIGUOUS) is None


def test_fmt_converts_tabs_of_a_clear_width(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tabs.wol"
    path.write_text((FORMAT / "tabs_only.in").read_text(encoding="utf-8"), encoding="utf-8")
    assert cli.main(["fmt", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == (FORMAT / "tabs_only.out").read_text(
        encoding="utf-8")
    assert cli.main(["check", str(path)]) == 0


def test_fmt_refuses_ambiguous_tabs_and_leaves_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mixed.wol"
    path.write_text(AMBIGUOUS, encoding="utf-8")
    assert cli.main(["fmt", str(path)]) == 1
    printed = capsys.readouterr()
    assert "depends on the width of a tab" in printed.out + printed.err
    assert path.read_text(encoding="utf-8") == AMBIGUOUS


def test_the_caret_stands_under_its_column_when_the_line_holds_tabs() -> None:
    text = 'plan "T" weeks 1:\n  session "A" on mon:\n    squat\t3x8\ttemp 3-1-1\n'
    with pytest.raises(ParseError) as raised:
        parse(text, "t.wol")
    (error,) = raised.value.diagnostics
    assert error.span.column == 15  # `temp`, after two tabs: one character each
    shown, caret = diagnostics.render_text(error, text).split("\n")[1:3]
    assert "\t" not in shown
    assert shown[caret.index("^"):].startswith("temp ")
    assert caret.count("^") == len("temp")


@pytest.mark.parametrize("mixed", [False, True], ids=["tabs-only", "tabs-under-spaces"])
def test_a_big_tab_file_costs_a_few_parses_at_most(mixed: bool) -> None:
    spaces = _plan(3000, ":")
    # tabs alone: every width reads alike, one parse. A tab under a session indented
    # with two spaces: 2 wide it reads otherwise than 4 or 8 wide, so the two readings
    # are parsed once more each to find the one without errors
    tabbed = spaces.replace("\n    ", "\n\t" if mixed else "\n\t\t")
    if not mixed:
        tabbed = tabbed.replace("\n  ", "\n\t")
    with pytest.raises(ParseError) as raised:
        parse(tabbed)
    assert raised.value.partial is not None
    assert meaning(raised.value.partial) == meaning(parse(spaces))
    clean_time, clean_peak = _parse_cost(spaces)
    tab_time, tab_peak = _parse_cost(tabbed)
    assert tab_time < (4 if mixed else 1.5) * clean_time + 0.5
    assert tab_peak < 2 * clean_peak
