"""Parser cases are data, in tests/data/parse/.

valid/*.wol must parse. A `# expect: PATH=VALUE …` comment at the end of a
line states values of the node that line writes (the exercise line, the
session, the block, the property…); on a line of its own it speaks of the
whole file. PATH is attribute access with `[i]` indexing, calls of a method
that takes an index (`modifier_span(0)`) and `len(…)`; VALUE
is a Python literal, or else a bare word taken as text.

invalid/*.wol start with `# error: LINE:COL: MESSAGE [| HINT]` lines, one per
syntax error the file must report (the message and hint as substrings), and no
others. A `# xfail: REASON` line marks a known parser bug.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from workoutlang import syntax
from workoutlang.errors import ParseError
from workoutlang.parser import parse

DATA = Path(__file__).parent / "data" / "parse"
VALID = sorted((DATA / "valid").glob("*.wol"))
INVALID = sorted((DATA / "invalid").glob("*.wol"))

EXPECT = re.compile(r"#\s*expect:\s*(.*)$")
PAIR = re.compile(r"""([^\s=]+)=("[^"]*"|'[^']*'|\([^)]*\)|\S+)""")
STEP = re.compile(r"\.?([A-Za-z_]\w*)(?:\((\d+)\))?|\[(-?\d+)\]")
ERROR = re.compile(r"#\s*error:\s*(\d+):(\d+):\s*(.*?)(?:\s+\|\s+(.*))?$")
XFAIL = re.compile(r"#\s*xfail:\s*(.*)$")


def read(path: Path) -> str:
    # bytes, then decode: reading as text would turn CRLF into LF before the parser sees it
    return path.read_bytes().decode("utf-8")


# --- valid files -------------------------------------------------------------------


def expectations(text: str) -> Iterator[tuple[int | None, str, Any]]:
    """(line or None for the whole file, path, value) for every `# expect:` pair."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = EXPECT.search(line)
        if match is None:
            continue
        own_line = line.lstrip().startswith("#")
        for path, raw in PAIR.findall(match.group(1)):
            yield (None if own_line else number), path, literal(raw)


def literal(raw: str) -> Any:
    try:
        return ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return raw  # a bare word: text


def nodes(value: object) -> Iterator[Any]:
    """Every node with a span, parents before children."""
    if isinstance(value, tuple):
        for item in value:
            yield from nodes(item)
    elif attrs.has(type(value)):
        if isinstance(getattr(value, "span", None), syntax.Span):
            yield value
        for field in attrs.fields(type(value)):
            if field.name != "span":
                yield from nodes(getattr(value, field.name))


def node_at(tree: syntax.PlanFile, line: int | None) -> Any:
    """The outermost node written on `line` (the whole file for None)."""
    if line is None:
        return tree
    found = next((n for n in nodes(tree) if n.span.line == line), None)
    assert found is not None, f"no node starts on line {line}"
    return found


def resolve(node: Any, path: str) -> Any:
    length = path.startswith("len(") and path.endswith(")")
    if length:
        path = path[4:-1]
    value = node
    position = 0
    while position < len(path):
        step = STEP.match(path, position)
        assert step is not None, f"bad path {path!r}"
        name, argument, index = step.groups()
        if name is None:
            value = value[int(index)]
        elif argument is None:
            value = getattr(value, name)
        else:  # a method taking an index, e.g. modifier_span(0)
            value = getattr(value, name)(int(argument))
        position = step.end()
    return len(value) if length else value


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_file_parses_to_the_expected_tree(path: Path) -> None:
    text = read(path)
    tree = parse(text, path.name)
    expected = list(expectations(text))
    assert expected, f"{path.name} states no `# expect:` values"
    for line, key, value in expected:
        node = node_at(tree, line)
        where = f"{path.name}:{line or '-'} {type(node).__name__}.{key}"
        assert resolve(node, key) == value, where


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_spans_name_the_file_and_stay_on_one_line(path: Path) -> None:
    # Every node's span is one line: a statement, or the header of its block.
    text = read(path)
    tree = parse(text, path.name)
    lines = text.lstrip("\ufeff").split("\n")
    for node in nodes(tree):
        spans = [node.span]
        if isinstance(node, syntax.ExerciseLine):  # and the parts the line holds
            spans += [node.name_span, node.prescription_span,
                      *(node.modifier_span(i) for i in range(len(node.modifiers)))]
            assert [node.span_of(m) for m in node.modifiers] == spans[3:] or len(
                set(node.modifiers)) < len(node.modifiers), node
        elif isinstance(node, syntax.Block):
            spans += node.option_spans
        for span in spans:
            assert span.file == path.name
            assert 1 <= span.column < span.end_column <= len(lines[span.line - 1]) + 1, node
            assert span.end_line == span.line, node
            if span.line == node.span.line:  # a wave's row: name and modifiers on its header
                assert node.span.column <= span.column < span.end_column <= node.span.end_column


def test_exercise_line_spans_end_on_their_line() -> None:
    examples = sorted((Path(__file__).parents[1] / "examples").glob("*.wol"))
    for path in [*VALID, *examples]:
        for node in nodes(parse(read(path), path.name)):
            if isinstance(node, syntax.ExerciseLine):
                assert node.span.end_line == node.span.line, (path.name, node.span)


def test_crlf_file_really_has_crlf_and_parses_like_lf() -> None:
    data = (DATA / "valid" / "crlf_line_endings.wol").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 5  # guard against a checkout that converts
    crlf = parse(data.decode("utf-8"), "f.wol")
    lf = parse(data.decode("utf-8").replace("\r\n", "\n"), "f.wol")
    assert crlf == lf
    assert all(not c.text.endswith("\r") for c in crlf.comments)


def test_comments_are_collected_with_their_place() -> None:
    path = DATA / "valid" / "comments_everywhere.wol"
    text = read(path)
    tree = parse(text, path.name)
    outside_strings = [n for n, line in enumerate(text.splitlines(), start=1)
                       if "#" in line.replace('"no # comment here"', "")]
    assert [c.span.line for c in tree.comments] == outside_strings
    by_line = {c.span.line: c for c in tree.comments}
    assert by_line[1].own_line and by_line[1].text == "# A comment before everything."
    assert not by_line[6].own_line and by_line[6].text == "# after a plan header"
    assert by_line[6].span.column == text.splitlines()[5].index("#") + 1


def test_parsing_twice_gives_equal_trees() -> None:
    # the parser caches chunks; a second parse must not differ from the first
    for path in VALID:
        text = read(path)
        assert parse(text, path.name) == parse(text, path.name)


# --- invalid files -----------------------------------------------------------------


def invalid_cases() -> list[Any]:
    cases = []
    for path in INVALID:
        header = [line for line in read(path).splitlines() if line.startswith("#")]
        reasons = [m.group(1) for m in map(XFAIL.match, header) if m]
        marks = [pytest.mark.xfail(reason=reasons[0], strict=True)] if reasons else []
        cases.append(pytest.param(path, id=path.stem, marks=marks))
    return cases


def expected_errors(text: str) -> list[tuple[int, int, str, str | None]]:
    out = []
    for line in text.splitlines():
        match = ERROR.match(line.rstrip("\r"))
        if match is None:
            break
        number, column, message, hint = match.groups()
        out.append((int(number), int(column), message, hint))
    return out


def parse_error(text: str, name: str) -> ParseError:
    try:
        parse(text, name)
    except ParseError as error:
        return error
    pytest.fail(f"{name} parsed without a syntax error")


@pytest.mark.parametrize("path", invalid_cases())
def test_invalid_file_reports_exactly_its_errors(path: Path) -> None:
    text = read(path)
    expected = expected_errors(text)
    assert expected, f"{path.name} must start with `# error: LINE:COL: message`"
    error = parse_error(text, path.name)
    found = {(d.span.line, d.span.column): d for d in error.diagnostics}
    report = "\n".join(f"{d.span.line}:{d.span.column}: {d.message} | {d.hint}"
                       for d in error.diagnostics)
    for line, column, message, hint in expected:
        diagnostic = found.get((line, column))
        assert diagnostic is not None, f"no error at {line}:{column}; found\n{report}"
        assert message in diagnostic.message, report
        assert hint is None or hint in (diagnostic.hint or ""), report
    assert len(error.diagnostics) == len(expected), f"unexpected extra errors:\n{report}"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_syntax_errors_are_coded_diagnostics_without_lark_names(path: Path) -> None:
    error = parse_error(read(path), path.name)
    assert error.span == error.diagnostics[0].span
    for diagnostic in error.diagnostics:
        assert diagnostic.code == "WOL001" and diagnostic.severity.value == "error"
        assert diagnostic.span.file == path.name
        assert diagnostic.span.end_column > diagnostic.span.column
        assert not re.search(r"__ANON|\b_?[A-Z][A-Z_]{2,}\b", diagnostic.message), diagnostic


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_only_parse_errors_escape_from_any_prefix(path: Path) -> None:
    # Every prefix of a bad file (a file being typed) parses to a tree or raises
    # ParseError, nothing else; its errors are WOL001s in order, on its own lines;
    # and a second parse (from the chunk cache) says the same.
    lines = read(path).splitlines(keepends=True)
    outcomes = []
    for end in range(len(lines) + 1):
        prefix = "".join(lines[:end])
        try:
            tree = parse(prefix, path.name)
        except ParseError as error:
            found = [(d.code, d.span.line, d.span.column, d.message) for d in error.diagnostics]
            assert found and all(code == "WOL001" for code, *_ in found), found
            assert [f[1:3] for f in found] == sorted(f[1:3] for f in found), found
            assert all(1 <= line <= end + 1 for _, line, _, _ in found), (end, found)
            assert error.span == error.diagnostics[0].span
            outcomes.append(found)
        else:
            assert tree.plans or tree.exercises
            assert all(n.span.line <= end for n in nodes(tree)), end
            outcomes.append(tree)
        again: object
        try:
            again = parse(prefix, path.name)
        except ParseError as error:
            again = [(d.code, d.span.line, d.span.column, d.message) for d in error.diagnostics]
        assert again == outcomes[-1], end
    assert isinstance(outcomes[0], list) and "holds no plan" in outcomes[0][0][3]  # empty
    assert isinstance(outcomes[-1], list)  # the whole file is bad


def test_several_errors_in_one_file_are_all_reported_in_order() -> None:
    path = DATA / "invalid" / "several_errors.wol"
    error = parse_error(read(path), path.name)
    lines = [d.span.line for d in error.diagnostics]
    assert lines == sorted(lines) and len(set(lines)) == 4


def test_lines_share_equal_values() -> None:
    # What keeps a big file small in memory: equal values are one object.
    tree = parse('plan "P":\n  session "A":\n'
                 '    step_up 3x8 @ 10kg tempo 3-1-1 each_leg\n'
                 '    lunge 3x8 @ 10kg tempo 3-1-1 each_leg\n', "p.wol")
    first, second = tree.plans[0].sessions[0].items
    assert isinstance(first, syntax.ExerciseLine) and isinstance(second, syntax.ExerciseLine)
    assert first.prescription is second.prescription
    assert first.modifiers is second.modifiers
    assert first.name_span.end_column == 12 and second.name_span.end_column == 10
    assert first.modifier_span(0).column == 17 and second.modifier_span(0).column == 15
