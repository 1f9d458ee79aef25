"""Recovery past a broken header (issue 16, point 2): one run reports every error.

Each file in tests/data/recover marks the diagnostics `workoutlang check` must
report, and no others, with `# E: CODE …` at the end of their line. A header
missing only its ":" is read as if the ":" were there, so the checks run and
report what lies under it; a header broken beyond one clear repair is replaced by
a stand-in of its kind, so the lines under it are still parsed (their syntax
errors are reported) but not checked.
"""

from __future__ import annotations

import json
import re
import time
import tracemalloc
from pathlib import Path

import pytest

from workoutlang import cli
from workoutlang.errors import ParseError
from workoutlang.limits import MAX_SYNTAX_ERRORS
from workoutlang.parser import parse

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


def _parse_cost(text: str) -> tuple[float, int]:
    """Seconds and tracemalloc peak of parsing `text` (a syntax error or not)."""
    tracemalloc.start()
    began = time.perf_counter()
    try:
        parse(text, "many.wol")
    except ParseError:
        pass
    took = time.perf_counter() - began
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
