"""Check cases are data: each file in tests/data/checks marks the diagnostics it
must produce at the end of the line they point at (`# E: WOL006`, `# W: WOL105`),
and must produce no others."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import workoutlang as wol
from workoutlang.diagnostics import CODES, RULES, Severity

CASES = Path(__file__).parent / "data" / "checks"
MARKER = re.compile(r"\b([EW]): (WOL\d{3})")


def expected_marks(text: str) -> set[tuple[int, str, str]]:
    marks = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if "#" in line:
            for kind, code in MARKER.findall(line.split("#", 1)[1]):
                marks.add((number, code, "error" if kind == "E" else "warning"))
    return marks


TARGETS = re.compile(r"^# targets: (.*)$", re.M)


def config_of(text: str) -> wol.CheckConfig:
    """A case's `# targets: ics` line: the checks run as when compiling to those."""
    found = TARGETS.search(text)
    return wol.CheckConfig(targets=frozenset(found.group(1).split() if found else ()))


@pytest.mark.parametrize("path", sorted(CASES.glob("*.wol")), ids=lambda p: p.stem)
def test_check_case(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = wol.check(wol.parse(text, path.name), config_of(text))
    actual = {(d.span.line, d.code, d.severity.value) for d in found}
    assert actual == expected_marks(text), "\n".join(f"{d.span.line}: {d.code} {d.message}"
                                                     for d in found)


def test_every_code_has_a_case_that_triggers_it() -> None:
    triggered = set()
    for path in CASES.glob("*.wol"):
        triggered |= {code for _, code, _ in expected_marks(path.read_text(encoding="utf-8"))}
    assert triggered == set(CODES) - {"WOL001"}


def test_every_message_says_what_to_do() -> None:
    for path in CASES.glob("*.wol"):
        text = path.read_text(encoding="utf-8")
        for d in wol.check(wol.parse(text, path.name), config_of(text)):
            advice = f"{d.message} {d.hint or ''}"
            assert len(d.message) > 15 and any(
                word in advice for word in ("add", "give", "write", "keep", "remove",
                                            "did you mean", "use", "check", "cut", "define")
            ), d


def test_week_level_message_names_the_weeks() -> None:
    path = CASES / "WOL101_core_in_some_weeks.wol"
    (diagnostic,) = wol.check(wol.parse(path.read_text(encoding="utf-8")))
    assert diagnostic.message.startswith("weeks 3-4 have no core work")


def test_unknown_exercise_suggests_the_nearest_name() -> None:
    path = CASES / "WOL002_unknown_exercise.wol"
    found = wol.check(wol.parse(path.read_text(encoding="utf-8")))
    assert found[0].hint == "did you mean step_up?"
    assert (found[0].span.line, found[0].span.column, found[0].span.end_column) == (5, 5, 13)


def test_duplicate_modifier_points_at_both() -> None:
    path = CASES / "WOL004_duplicate_modifier.wol"
    found = [d for d in wol.check(wol.parse(path.read_text(encoding="utf-8")))
             if d.span.line == 3]
    (diagnostic,) = found
    assert diagnostic.span.column == 42  # the second @
    assert diagnostic.related[0][0].column == 27  # the first @


def test_config_turns_codes_off_and_severities_up() -> None:
    tree = wol.parse((CASES / "WOL106_session_frequency.wol").read_text(encoding="utf-8"))
    assert [d.code for d in wol.check(tree)] == ["WOL106"]
    assert wol.check(tree, wol.CheckConfig(disabled=frozenset({"WOL106"}))) == []
    raised = wol.check(tree, wol.CheckConfig(severities={"WOL106": Severity.ERROR}))
    assert [d.severity for d in raised] == [Severity.ERROR]


def test_rules_have_documented_examples() -> None:
    for rule in RULES:
        if rule.check is not None:
            assert "Bad:" in rule.doc and "Good:" in rule.doc, rule.code
