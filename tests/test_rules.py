"""The rules table, what runs, where WOL003 comes from, and the fixes the rules attach.

The check cases themselves are data (tests/test_checks.py); these tests pin the
machinery around them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

import workoutlang as wol
from workoutlang import checks, lsp, syntax
from workoutlang.catalogue import load_catalogue
from workoutlang.checks import weeks as week_checks
from workoutlang.checks.context import Context
from workoutlang.checks.lines import side_word
from workoutlang.diagnostics import CODES, NAMES, RULES, Diagnostic, Fix, Severity, resolve_code
from workoutlang.limits import MAX_KG, MAX_PERCENT_1RM, MAX_RIR, MAX_RPE, MAX_SETS

PACKAGE = Path(wol.__file__).parent
CASES = Path(__file__).parent / "data" / "checks"


def plan(*lines: str, header: str = "") -> str:
    return f'plan "p"{header}:\n  session "a" on mon:\n' + "".join(f"    {x}\n" for x in lines)


# --- the table ---------------------------------------------------------------------------


def test_one_table_gives_codes_names_and_checks() -> None:
    assert list(CODES) == [rule.code for rule in RULES]  # in the table's order
    assert len(set(NAMES)) == len(RULES)
    assert [rule.code for rule in RULES if rule.check is None] == ["WOL001"]  # the parser's
    assert set(checks.CHECKS) == set(CODES) - {"WOL001"}
    for rule in RULES:
        assert resolve_code(rule.code) == resolve_code(rule.name.upper()) == rule.code
        assert resolve_code(rule.code.lower()) == rule.code
        assert checks.CHECKS.get(rule.code) is rule.load()
    assert resolve_code("no-such-check") is None


def test_a_rule_documents_itself_from_its_check() -> None:
    rule = CODES["WOL006"]
    assert rule.doc.startswith("A single-leg or one-sided exercise that does not say which side.")
    assert "Bad:" in rule.doc and "Good:" in rule.doc
    assert CODES["WOL001"].doc == CODES["WOL001"].summary


def _produced_codes() -> Iterator[tuple[str, str]]:
    """(module, code) for each `make("WOLnnn", …)` or `Diagnostic("WOLnnn", …)` in the package."""
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else ""
            first = node.args[0]
            if name in ("make", "Diagnostic") and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str):
                yield path.relative_to(PACKAGE).as_posix(), first.value


def test_each_code_is_produced_by_its_own_rule_only() -> None:
    found = list(_produced_codes())
    assert ("checks/values.py", "WOL003") in found
    for module, code in found:
        check = CODES[code].check
        owner = "parser/__init__.py" if check is None else f"checks/{check.partition(':')[0]}.py"
        assert module == owner, f"{module} builds a {code} diagnostic"


# --- disabled rules do not run -------------------------------------------------------------


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace WOL106's check with one that records its calls (and finds nothing)."""
    seen: list[str] = []

    def spy(context: Context) -> Iterator[Diagnostic]:
        seen.append("WOL106")
        return iter(())

    monkeypatch.setitem(checks.CHECKS, "WOL106", spy)
    return seen


FREQUENCY = (CASES / "WOL106_session_frequency.wol").read_text(encoding="utf-8")


def test_a_rule_runs_when_on(calls: list[str]) -> None:
    wol.check(wol.parse(FREQUENCY))
    assert calls == ["WOL106"]


@pytest.mark.parametrize("config", [
    wol.CheckConfig(disabled=frozenset({"WOL106"})),
    wol.CheckConfig(severities={"WOL106": Severity.OFF}),
], ids=["disabled", "severity-off"])
def test_a_rule_turned_off_is_not_called(calls: list[str], config: wol.CheckConfig) -> None:
    assert wol.check(wol.parse(FREQUENCY), config) == []
    assert calls == []


def test_a_file_directive_turns_a_rule_off(calls: list[str]) -> None:
    wol.check(wol.parse("# wol: disable=session-frequency\n" + FREQUENCY))
    assert calls == []


def test_enable_wins_and_a_line_directive_still_runs_the_rule(calls: list[str]) -> None:
    tree = wol.parse("# wol: disable=WOL106\n" + FREQUENCY)
    wol.check(tree, wol.CheckConfig(enabled=frozenset({"WOL106"})))
    assert calls == ["WOL106"]
    on_a_line = wol.parse(FREQUENCY.replace("# W: WOL106", "# wol: disable=WOL106"))
    wol.check(on_a_line)
    assert calls == ["WOL106", "WOL106"]  # a line's comment filters, it does not skip


# --- WOL003 from expansion data ------------------------------------------------------------


def test_a_clamp_is_data_and_the_rule_warns_of_it() -> None:
    tree = wol.parse(plan("squat 95x5 progress +1set/week", header=" weeks 10"))
    context = checks.build_context(tree)
    (clamp,) = context.clamps
    assert (clamp.bound, clamp.week, clamp.line.name) == ("sets", 7, "squat")
    (warning,) = [d for d in wol.check(tree) if d.code == "WOL003"]
    assert warning.severity is Severity.WARNING
    assert (warning.span.line, warning.span.column) == (3, 16)
    assert warning.message == (f"+1set/week takes squat past the limit of {MAX_SETS} sets by "
                               "week 7; it is held at the limit from there")
    assert warning.hint == "lower the progression, or plan fewer weeks"


def test_an_error_comes_before_a_clamp_warning_on_the_same_modifier() -> None:
    found = wol.check(wol.parse(plan("squat 3x5 @ 999kg progress +2.5lb/week",
                                     header=" weeks 3")))
    assert [(d.code, d.severity.value, d.span.column) for d in found
            if d.span.line == 3 and d.code == "WOL003" and "FIT" not in d.message] == [
        # 999kg: also a FIT warning, and WOL108's (past a plausible load)
        ("WOL003", "error", 23), ("WOL003", "warning", 23)]  # errors first (checks.configure)


def test_disabling_wol003_drops_the_clamp_warnings_too() -> None:
    tree = wol.parse(plan("squat 95x5 progress +1set/week", header=" weeks 10"))
    assert not [d for d in wol.check(tree, wol.CheckConfig(disabled=frozenset({"WOL003"})))
                if d.code == "WOL003"]


@pytest.mark.parametrize(("line", "words"), [
    ("squat 3x5 @ 2000kg", f"is over {MAX_KG:g} kg"),
    ("squat 3x5 @ 150%1rm", f"give 1% to {MAX_PERCENT_1RM:g}%"),
    ("squat 3x5 @ rpe 11", f"RPE runs from 1 to {MAX_RPE:g}"),
    ("squat 3x5 @ rir 11", f"from 0 to {MAX_RIR:g}"),
    ("squat 300x5", f"give between 1 and {MAX_SETS} sets"),
])
def test_bounds_in_messages_come_from_the_limits(line: str, words: str) -> None:
    (found,) = [d for d in wol.check(wol.parse(plan(line))) if d.code == "WOL003"]
    assert words in f"{found.message} {found.hint}"


# --- fixes ---------------------------------------------------------------------------------


def apply(text: str, fix: Fix) -> str:
    lines = text.split("\n")
    span = fix.span
    assert span.line == span.end_line
    row = lines[span.line - 1]
    lines[span.line - 1] = row[:span.column - 1] + fix.replacement + row[span.end_column - 1:]
    return "\n".join(lines)


def test_unknown_exercise_fix_replaces_the_name() -> None:
    text = plan("step_upp 3x8 each_leg  # a typo")
    (diagnostic,) = [d for d in wol.check(wol.parse(text)) if d.code == "WOL002"]
    (fix,) = diagnostic.fixes
    assert fix == Fix("Replace with step_up", diagnostic.span, "step_up")
    fixed = apply(text, fix)
    assert "    step_up 3x8 each_leg  # a typo\n" in fixed
    assert not [d for d in wol.check(wol.parse(fixed)) if d.code == "WOL002"]


def test_no_fix_without_a_suggestion() -> None:
    (diagnostic,) = [d for d in wol.check(wol.parse(plan("zzzzqqq 3x8")))
                     if d.code == "WOL002"]
    assert diagnostic.fixes == ()


@pytest.mark.parametrize(("line", "side"), [
    ("step_up 3x8 tempo 3-1-1", "each_leg"),
    ("pallof_press 3x12 @ band:medium", "each_side"),
])
def test_missing_side_fix_appends_the_side(line: str, side: str) -> None:
    text = plan(f"{line}  # note")
    (diagnostic,) = [d for d in wol.check(wol.parse(text)) if d.code == "WOL006"]
    (fix,) = diagnostic.fixes
    end = diagnostic.span
    assert fix == Fix(f"Add {side}", syntax.Span(end.file, end.end_line, end.end_column,
                                                 end.end_line, end.end_column), f" {side}")
    fixed = apply(text, fix)
    assert f"    {line} {side}  # note\n" in fixed
    assert not [d for d in wol.check(wol.parse(fixed)) if d.code == "WOL006"]


def test_fixes_stay_out_of_the_json_face() -> None:
    (diagnostic,) = [d for d in wol.check(wol.parse(plan("step_upp 3x8 each_leg")))
                     if d.code == "WOL002"]
    assert diagnostic.fixes and "fixes" not in diagnostic.to_dict()


def _served(text: str) -> tuple[lsp.Document, lsp.Positions, list[types.Diagnostic]]:
    document = lsp.Document("file:///p.wol", None, wol.CheckConfig())
    found = lsp.analyse(document, text)
    at = lsp.Positions(PositionCodec(types.PositionEncodingKind.Utf16), document.lines)
    return document, at, [lsp.to_lsp(d, document.uri, at) for d in found]


def _edits(actions: list[types.CodeAction]) -> list[tuple[str, str]]:
    out = []
    for action in actions:
        assert action.edit is not None and action.edit.changes is not None
        (edit,) = action.edit.changes["file:///p.wol"]
        out.append((action.title, edit.new_text))
    return out


@pytest.mark.parametrize("keep_data", [True, False], ids=["data", "no-data"])
def test_rewording_a_message_cannot_break_a_quick_fix(keep_data: bool) -> None:
    text = plan("squatt 3x5", "step_up 3x8 tempo 3-1-1", "pallof_press 3x12 # ⚡ core")
    document, at, published = _served(text)
    before = lsp.quick_fixes(document, document.uri, published, at)
    reworded = [types.Diagnostic(d.range, "Something else entirely.", code=d.code,
                                 data=d.data if keep_data else None) for d in published]
    after = lsp.quick_fixes(document, document.uri, reworded, at)
    assert _edits(before) == _edits(after) == [
        ("Replace with squat", "squat"), ("Add each_leg", " each_leg"),
        ("Add each_side", " each_side")]


def test_quick_fixes_use_client_positions() -> None:
    text = plan('step_up 3x8 note "💪 slow"')  # the emoji is two UTF-16 units
    document, at, published = _served(text)
    (action,) = lsp.quick_fixes(document, document.uri, published, at)
    assert action.edit is not None and action.edit.changes is not None
    (edit,) = action.edit.changes[document.uri]
    (missing,) = [d for d in published if d.code == "WOL006"]
    end = missing.range.end
    assert edit.range == types.Range(end, end)
    assert end.character == len('    step_up 3x8 note "💪 slow"') + 1


# --- helpers the strategies can share ------------------------------------------------------


def test_side_word_is_each_side_for_trunk_work() -> None:
    catalogue = load_catalogue()
    assert side_word(catalogue.exercises["step_up"]) == "each_leg"
    assert side_word(catalogue.exercises["pallof_press"]) == "each_side"
    assert side_word(catalogue.exercises["side_plank"]) == "each_side"


def test_week_volumes_are_what_wol105_reports() -> None:
    text = (CASES / "WOL105_quad_dominance.wol").read_text(encoding="utf-8")
    tree = wol.parse(text)
    (diagnostic,) = [d for d in wol.check(tree) if d.code == "WOL105"]
    week = checks.build_context(tree).plans[0].weeks[0]
    quad, posterior = week_checks.week_volumes(week)
    assert f"({quad:g} reps per leg)" in diagnostic.message
    assert f"posterior-chain volume ({posterior:g})" in diagnostic.message
    per_session = [sum(v for _, v in week_checks.session_volumes(s)) for s in week.sessions]
    assert all(v >= 0 for v in per_session)


# --- language v2 -----------------------------------------------------------------------------


def test_old_minutes_on_a_timed_exercise_get_the_min_fix() -> None:
    (diagnostic,) = [d for d in wol.check(wol.parse(plan("plank 3x2m"), "p.wol"))
                     if d.code == "WOL005"]
    assert (diagnostic.span.line, diagnostic.span.column) == (3, 11)
    assert diagnostic.message == ("plank is held for time, but 3x2m is 2 metres: `m` means "
                                  "metres now, minutes are `min`")
    assert diagnostic.fixes == (Fix("Replace with 3x2min", diagnostic.span, "3x2min"),)


def test_percent_of_one_rep_max_without_a_max_warns_only_for_a_watch_target() -> None:
    tree = wol.parse(plan("squat 3x5 @ 70%1rm"), "p.wol")
    assert [d for d in wol.check(tree) if d.code == "WOL010"] == []
    for target in ("fit", "garmin-connect"):
        config = wol.CheckConfig(targets=frozenset({target}))
        (diagnostic,) = [d for d in wol.check(tree, config) if d.code == "WOL010"]
        assert diagnostic.severity is Severity.WARNING
        assert (diagnostic.span.line, diagnostic.span.column) == (3, 15)
        assert diagnostic.message == ("@ 70%1rm of squat's one-rep max stays a percentage: "
                                      "the watch gets no weight")
        assert diagnostic.hint == ("add e.g. `max squat 100kg` at the top of the plan, or "
                                   "give a weight")
    config = wol.CheckConfig(targets=frozenset({"json", "pdf"}))
    assert [d for d in wol.check(tree, config) if d.code == "WOL010"] == []
    with_max = wol.parse('plan "p":\n  max squat 100kg\n  session "a" on mon:\n'
                         "    squat 3x5 @ 70%1rm\n", "p.wol")
    config = wol.CheckConfig(targets=frozenset({"fit"}))
    assert [d for d in wol.check(with_max, config) if d.code == "WOL010"] == []


def test_volume_counts_every_set_of_a_scheme() -> None:
    # 1x8 + 3x8 = 32 reps of squat against 3x10 = 30 of romanian_deadlift
    source = plan("squat 1x8 @ 80kg, 3x8 @ 70kg", "romanian_deadlift 3x10")
    (diagnostic,) = [d for d in wol.check(wol.parse(source)) if d.code == "WOL105"]
    assert diagnostic.message.startswith("the week: quad-dominant volume (32 reps per leg) "
                                         "exceeds posterior-chain volume (30)")
    source = plan("step_up 1x8, 2x8 left", "step_up 3x8 right")
    assert [d for d in wol.check(wol.parse(source)) if d.code == "WOL103"] == []
    source = plan("step_up 1x8, 2x8 left", "step_up 2x8 right")
    (diagnostic,) = [d for d in wol.check(wol.parse(source)) if d.code == "WOL103"]
    assert "24 reps on the left, 16 reps on the right" in diagnostic.message


@pytest.mark.parametrize(("sessions", "count"), [
    ('  session "a" 1-2 per week:\n    plank 3x30s\n', 1),  # the lower bound
    ('  session "a" 2-3 per week:\n    plank 3x30s\n', 2),
    ('  session "a" on mon, thu:\n    plank 3x30s\n', 2),
    ('  session "a" on mon, thu:\n    squat 3x5 @ 60kg progress +2.5kg/session\n', 2),
    ('  rotation on mon, wed, fri:\n    session "a":\n      plank 3x30s\n'
     '    session "b":\n      plank 3x30s\n', 3),
    ('  rotation on mon, wed, fri, sat:\n    session "a":\n      plank 3x30s\n', 4),
    ('  session "a" on mon:\n    plank 3x30s\n', 1),
])
def test_sessions_a_week_count_from_the_expansion(sessions: str, count: int) -> None:
    found = [d for d in wol.check(wol.parse(f'plan "p":\n{sessions}')) if d.code == "WOL106"]
    if 2 <= count <= 3:
        assert found == []
    else:
        (diagnostic,) = found
        assert diagnostic.message.startswith(f"the week: {count} strength session")


def test_supplement_plans_skip_the_whole_week_checks() -> None:
    source = 'plan "p" supplement:\n  session "a" 1 per week:\n    squat 3x8\n'
    assert {d.code for d in wol.check(wol.parse(source))} == {"WOL105"}
    whole = source.replace(" supplement", "")
    assert {d.code for d in wol.check(wol.parse(whole))} == {
        "WOL101", "WOL102", "WOL104", "WOL105", "WOL106", "WOL107"}


def test_a_wave_is_reported_once_for_its_name_and_modifiers() -> None:
    source = ('plan "p" weeks 2:\n  max squat 100kg\n  session "a" on mon:\n'
              "    sqaut wave tempo 3-1 each_leg:\n      1x5 @ 65%tm\n      1x3 @ 70%tm\n")
    found = [(d.code, d.span.line, d.span.column) for d in wol.check(wol.parse(source))
             if d.code in ("WOL002", "WOL003", "WOL007")]
    assert found == [("WOL002", 4, 5), ("WOL003", 4, 16)]
    source = source.replace("sqaut", "squat")
    found = [(d.code, d.span.line, d.span.column) for d in wol.check(wol.parse(source))
             if d.code in ("WOL003", "WOL007")]
    assert found == [("WOL003", 4, 16), ("WOL007", 4, 26)]


def test_missing_side_on_a_wave_adds_the_side_to_its_header() -> None:
    source = ('plan "p" weeks 2:\n  session "a" on mon:\n'
              "    step_up wave rest 1min:\n      3x8 @ 10kg\n      3x6 @ 12kg\n")
    (diagnostic,) = [d for d in wol.check(wol.parse(source)) if d.code == "WOL006"]
    assert (diagnostic.span.line, diagnostic.span.column, diagnostic.span.end_column) == \
        (3, 5, 28)
    (fix,) = diagnostic.fixes
    assert fix.span == syntax.Span(None, 3, 27, 3, 27) and fix.replacement == " each_leg"


def test_each_session_without_days_is_said_when_compiling_to_a_calendar() -> None:
    # a plan with days first, a session with days before the ones without: each of the
    # sessions without days is said, with its count as written (one number, or a range)
    tree = wol.parse('plan "A" weeks 2:\n  session "Day" on mon:\n    squat 3x5\n'
                     'plan "B" weeks 2 supplement:\n'
                     '  session "Calves" on wed:\n    glute_bridge 3x10\n'
                     '  session "Twice" 2 per week:\n    step_up 3x8 each_leg\n'
                     '  session "Range" 1-3 per week:\n    glute_bridge 3x10\n', "a.wol")
    config = wol.CheckConfig(targets=frozenset({"pdf", "ics"}))  # ics among others
    found = [d for d in wol.check(tree, config) if d.code == "WOL011"]
    assert [(d.span.line, d.span.column, d.severity, d.message, d.hint) for d in found] == [
        (7, 19, Severity.WARNING, 'session "Twice" has no days (2 per week): the calendar '
         "shows it as an all-day event across each week",
         "write `on DAY` (e.g. on wed) instead to have it on a day"),
        (9, 19, Severity.WARNING, 'session "Range" has no days (1-3 per week): the calendar '
         "shows it as an all-day event across each week",
         "write `on DAY` (e.g. on wed) instead to have it on a day")]
    for targets in (frozenset(), frozenset({"pdf", "fit"})):
        config = wol.CheckConfig(targets=targets)
        assert [d for d in wol.check(tree, config) if d.code == "WOL011"] == []


def test_every_percentage_of_a_missing_max_is_said_group_by_group() -> None:
    # a group with no load first, a max for another exercise, a plan in lb: each
    # percentage group of the line is said, at its load
    tree = wol.parse('plan "p" units lb:\n  max bench_press 200lb\n  session "a" on mon:\n'
                     "    squat 1x5, 3x5 @ 85%tm, 1x8 @ 60%1rm\n", "p.wol")
    config = wol.CheckConfig(targets=frozenset({"pdf", "fit"}))  # a watch among others
    found = [d for d in wol.check(tree, config) if d.code == "WOL010"]
    assert [(d.span.line, d.span.column, d.severity, d.message, d.hint) for d in found] == [
        (4, 20, Severity.ERROR, "@ 85%tm needs the training max of squat, but the plan has "
         "no `max squat` line", "add e.g. `max squat 100lb tm 90%` at the top of the plan"),
        (4, 33, Severity.WARNING, "@ 60%1rm of squat's one-rep max stays a percentage: the "
         "watch gets no weight", "add e.g. `max squat 100lb` at the top of the plan, or give "
         "a weight")]
