"""Properties, tested with Hypothesis over the strategies the package ships.

- formatting a generated tree and parsing it back gives the same tree (spans aside);
- formatting is idempotent and keeps the meaning of the text;
- every generated plan checks clean and compiles to every target there is, the
  JSON validating against the published schema, the same bytes every time;
- the week checks do not depend on the order of the sessions;
- on any text at all, the parser raises nothing but WorkoutlangError and the
  checks raise nothing.

PDF is left out of the per-example properties (WeasyPrint takes about a second
a plan); `test_pdf_compiles` renders two.
"""

from __future__ import annotations

import functools
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

import workoutlang as wol
from workoutlang import strategies as wst
from workoutlang import syntax
from workoutlang.backends import TARGETS
from workoutlang.catalogue import load_catalogue
from workoutlang.errors import ParseError, WorkoutlangError
from workoutlang.expand import expand
from workoutlang.formatter import (
    BLOCK_OPTION_ORDER,
    MODIFIER_ORDER,
    PLAN_OPTION_ORDER,
    format_tree,
    meaning,
)
from workoutlang.parser import _grammar_path
from workoutlang.strategies import DOSE_CODES

SCHEMA = Path(wol.__file__).parent / "data" / "plan.schema.json"
EXAMPLES = Path(__file__).parent.parent / "examples"
SCRIPT = shutil.which("workoutlang", path=str(Path(sys.executable).parent)) or "workoutlang"

QUICK = settings(max_examples=40, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(QUICK, max_examples=15)

# the dose checks are off: generated plans do not model a coach's dose (strategies.py)
DOSE_OFF = wol.CheckConfig(disabled=DOSE_CODES)


# Every target; pdf is rendered separately (slow). A backend that fails to import fails
# these tests: it is not skipped.
FAST_TARGETS = [t for t in TARGETS if t != "pdf"]


def without_spans(node: Any) -> Any:
    """`node` with every span made neutral and the file name dropped; an exercise
    line's positions too (a wave's row keeps that it has a header line)."""
    if isinstance(node, syntax.Span):
        return wst.NO_SPAN
    if isinstance(node, tuple):
        return tuple(without_spans(n) for n in node)
    if isinstance(node, syntax.PlanFile):
        return attrs.evolve(node, plans=without_spans(node.plans),
                            exercises=without_spans(node.exercises), comments=(),
                            filename=None)
    if isinstance(node, syntax.ExerciseLine):
        line = wst.exercise_line_nowhere(node.name, node.prescription, node.modifiers)
        return attrs.evolve(line, scheme=without_spans(node.scheme),
                            header_line=None if node.header_line is None else 1,
                            header_parts=node.header_parts)
    if isinstance(node, syntax.SetGroup):
        return attrs.evolve(node, span=wst.NO_SPAN,
                            load_span=None if node.load is None else wst.NO_SPAN)
    if attrs.has(type(node)):
        return attrs.evolve(node, **{f.name: without_spans(getattr(node, f.name))
                                     for f in attrs.fields(type(node)) if f.init})
    return node


def one_example(strategy: st.SearchStrategy[Any]) -> Any:
    """One example, the same on every run (`.example()` is random and for the REPL)."""
    found = []

    @seed(20270104)
    @settings(max_examples=1, database=None, phases=[Phase.generate])
    @given(strategy)
    def draw(value: Any) -> None:
        found.append(value)

    draw()
    return found[0]


def in_canonical_order(tree: syntax.PlanFile) -> syntax.PlanFile:
    """`tree` with modifiers and options in the order the formatter writes them
    (exercise lines, a wave's header and rows, blocks, plans), wherever they stand."""
    def ordered(items: tuple[Any, ...], order: tuple[type, ...]) -> tuple[Any, ...]:
        return tuple(sorted(items, key=lambda m: order.index(type(m))))

    def walk(node: Any) -> Any:
        if isinstance(node, tuple):
            return tuple(walk(n) for n in node)
        if not attrs.has(type(node)) or isinstance(node, syntax.Span):
            return node
        changes = {f.name: walk(getattr(node, f.name)) for f in attrs.fields(type(node))
                   if f.init}
        if isinstance(node, syntax.ExerciseLine) and node.header_parts is not None:
            # a ladder's rung: the header's modifiers, then its own, each in order
            shared = len(node.header_parts) - 1
            changes["modifiers"] = (ordered(changes["modifiers"][:shared], MODIFIER_ORDER)
                                    + ordered(changes["modifiers"][shared:], MODIFIER_ORDER))
        elif isinstance(node, syntax.ExerciseLine | syntax.Wave | syntax.Ladder):
            changes["modifiers"] = ordered(changes["modifiers"], MODIFIER_ORDER)
        elif isinstance(node, syntax.Block):
            changes["options"] = ordered(changes["options"], BLOCK_OPTION_ORDER)
        elif isinstance(node, syntax.Plan):
            changes["options"] = ordered(changes["options"], PLAN_OPTION_ORDER)
        return attrs.evolve(node, **changes)

    return walk(tree)  # type: ignore[no-any-return]


# --- round trip and formatting ---------------------------------------------------------


@QUICK
@given(wst.plans(units=None, plans_per_file=(1, 2)))
def test_formatted_tree_parses_back_to_itself(tree: syntax.PlanFile) -> None:
    text = format_tree(tree)
    back = wol.parse(text)
    assert meaning(back) == meaning(tree), text
    # stricter: the spellings too; only the order of modifiers and options may change
    assert without_spans(back) == in_canonical_order(tree), text


@QUICK
@given(wst.plans())
def test_generated_source_is_already_formatted(tree: syntax.PlanFile) -> None:
    text = format_tree(tree)
    assert wol.format(text) == text


@QUICK
@given(wst.any_plan_sources())
def test_format_is_idempotent_and_keeps_the_meaning(text: str) -> None:
    try:
        once = wol.format(text)
    except ParseError:
        return
    assert wol.format(once) == once
    before, after = wol.parse(text), wol.parse(once)
    assert without_spans(after) == without_spans(before)
    assert [c.text for c in after.comments] == [c.text.rstrip() for c in before.comments]


# --- generated plans are clean and compile ------------------------------------------------


@QUICK
@given(wst.plans(units=None, plans_per_file=(1, 2)))
def test_generated_plans_check_clean(tree: syntax.PlanFile) -> None:
    found = wol.check(tree, DOSE_OFF)
    assert not found, [(d.code, d.message) for d in found]


@QUICK
@given(wst.plan_sources())
def test_generated_sources_check_clean(text: str) -> None:
    found = wol.check(wol.parse(text, "generated.wol"), DOSE_OFF)
    assert not found, [(d.code, d.message) for d in found]


@settings(QUICK, max_examples=20)
@given(st.data(), st.sampled_from(["posterior_chain", "upper", "mobility", "core", "plyometric"]),
       st.integers(2, 3), st.sampled_from(["kg", "lb"]))
def test_shaping_parameters_are_obeyed(data: st.DataObject, tag: str, per_week: int,
                                       units: str) -> None:
    tree = data.draw(wst.plans(weeks=6, sessions_per_week=per_week, tags=[tag], units=units,
                               start=True))
    (plan,) = tree.plans
    assert plan.week_count == 6 and plan.units == units and plan.start is not None
    # sessions done each week: plain ones, a rotation's turns, `N per week` N times
    weeks, _ = expand(plan, load_catalogue().with_definitions(tree.exercises))
    assert {len(week.sessions) for week in weeks.weeks} == {per_week}


WEEK_CODES = {"WOL101", "WOL102", "WOL104", "WOL105", "WOL106", "WOL107", "WOL112"}


@QUICK
@given(wst.sessions(units="lb"),
       wst.exercise_lines(tags=["core", "single_leg"], units="lb", bare=True))
def test_sessions_and_lines_pass_the_line_checks(session: syntax.Session,
                                                 line: syntax.ExerciseLine) -> None:
    """Alone they need not cover a week, but no line may be wrong."""
    superset = syntax.Block("superset", (syntax.Rounds(3),), (wst.NO_SPAN,), (line, line),
                            wst.NO_SPAN)
    session = attrs.evolve(session, items=(*session.items, superset))
    plan = syntax.Plan("p", (syntax.UnitsOption("lb", wst.NO_SPAN),), (session,), (),
                       wst.NO_SPAN)
    found = wol.check(syntax.PlanFile((plan,), (), (), None), DOSE_OFF)
    assert {d.code for d in found} <= WEEK_CODES, [(d.code, d.message) for d in found]


@functools.cache
def _schema_validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _verify(target: str, output: bytes | dict[str, bytes]) -> None:
    """What a consumer of `target` would try first: can it read what we wrote?"""
    if target == "json":
        assert isinstance(output, bytes)
        errors = list(_schema_validator().iter_errors(json.loads(output)))
        assert not errors, [e.message for e in errors]
    elif target == "fit":
        assert isinstance(output, dict) and output
        from garmin_fit_sdk import Decoder, Stream

        for name, data in output.items():
            decoder = Decoder(Stream.from_byte_array(bytearray(data)))
            messages, errors = decoder.read()
            assert not errors, (name, errors)
            assert messages["workout_step_mesgs"], name
    elif target == "garmin-connect":
        assert isinstance(output, dict) and output
        for data in output.values():
            assert json.loads(data)["workoutSegments"]
    elif target == "ics":
        import icalendar

        assert isinstance(output, bytes)
        calendar = icalendar.Calendar.from_ical(output)
        assert calendar.walk("VEVENT")
    elif target == "html":
        import html5lib

        assert isinstance(output, bytes)
        html5lib.HTMLParser(strict=False).parse(io.BytesIO(output))
    else:
        assert output


@SLOW
@given(wst.plans(units=None, start=True, days=True, plans_per_file=(1, 2)))
def test_generated_plans_compile_to_every_target(tree: syntax.PlanFile) -> None:
    for target in FAST_TARGETS:
        output = wol.compile(tree, target)
        _verify(target, output)
        assert wol.compile(tree, target) == output, f"{target} is not deterministic"


# A second or more an example: a couple, and no shrinking (each step would render twice).
@settings(SLOW, max_examples=2, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(wst.plans(weeks=(1, 2), plans_per_file=1))
def test_pdf_compiles(tree: syntax.PlanFile) -> None:
    output = wol.compile(tree, "pdf")
    assert isinstance(output, bytes) and output.startswith(b"%PDF-")
    assert wol.compile(tree, "pdf") == output, "pdf is not deterministic"


def test_same_input_same_bytes_across_processes(tmp_path: Path) -> None:
    """Hash randomisation (set order, dicts of sets) must not reach any output."""
    # the smallest example with a start date (ics needs one), and a generated file
    dated = [p for p in EXAMPLES.glob("*.wol") if "start " in p.read_text(encoding="utf-8")]
    sources = sorted(dated, key=lambda p: p.stat().st_size)[:1]
    for path in sources:
        shutil.copy(path, tmp_path / path.name)
    generated = one_example(wst.plans(start=True, days=True, plans_per_file=2))
    (tmp_path / "generated.wol").write_text(format_tree(generated), encoding="utf-8")
    names = [p.name for p in sources] + ["generated.wol"]
    to = [word for target in TARGETS for word in ("--to", target)]
    results = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"out-{hash_seed}"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "NO_COLOR": "1"}
        ran = subprocess.run([SCRIPT, "compile", *names, *to, "-o", str(out)], cwd=tmp_path,
                             env=env, capture_output=True, text=True, timeout=300)
        assert ran.returncode == 0, ran.stderr
        results.append({str(p.relative_to(out)): p.read_bytes()
                        for p in sorted(out.rglob("*")) if p.is_file()})
    assert len(results[0]) >= len(names) * len(TARGETS)
    assert results[0].keys() == results[1].keys()
    differ = [name for name in results[0] if results[0][name] != results[1][name]]
    assert not differ


# --- the checks --------------------------------------------------------------------------


@st.composite
def plans_with_gaps(draw: st.DrawFn) -> syntax.PlanFile:
    """A generated file with some session entries dropped: coverage may now fail."""
    def thinned(sessions: tuple[syntax.Session, ...]) -> tuple[syntax.Session, ...]:
        out = []
        for session in sessions:
            keep = draw(st.lists(st.booleans(), min_size=len(session.items),
                                 max_size=len(session.items)))
            items = tuple(i for i, k in zip(session.items, keep, strict=True) if k)
            out.append(attrs.evolve(session, items=items or session.items[:1]))
        return tuple(out)

    tree = draw(wst.plans(plans_per_file=(1, 2)))
    return attrs.evolve(tree, plans=tuple(
        attrs.evolve(p, sessions=thinned(p.sessions),
                     weeks=tuple(attrs.evolve(w, sessions=thinned(w.sessions)) for w in p.weeks))
        for p in tree.plans))


@QUICK
@given(plans_with_gaps(), st.randoms(use_true_random=False))
def test_week_checks_do_not_depend_on_session_order(tree: syntax.PlanFile,
                                                    random: Any) -> None:
    def shuffled(sessions: tuple[syntax.Session, ...]) -> tuple[syntax.Session, ...]:
        out = list(sessions)
        random.shuffle(out)
        return tuple(out)

    reordered = attrs.evolve(tree, plans=tuple(
        attrs.evolve(p, sessions=shuffled(p.sessions),
                     weeks=tuple(attrs.evolve(w, sessions=shuffled(w.sessions))
                                 for w in p.weeks))
        for p in tree.plans))
    codes = {d.code for d in wol.check(tree)}
    assert {d.code for d in wol.check(reordered)} == codes


# --- the parser on arbitrary text ----------------------------------------------------------


@functools.cache
def _grammar() -> Lark:
    return Lark.open(str(_grammar_path()), parser="lalr", lexer="contextual")


def grammar_texts() -> st.SearchStrategy[str]:
    """Text shaped by the grammar. The real indentation comes from the parser's
    indenter, which from_lark knows nothing of: an indented block is two spaces
    after its newline, not a change of level."""
    return from_lark(_grammar(), explicit={"_INDENT": st.just("  "), "_DEDENT": st.just("")})


def _parse_and_check(text: str) -> None:
    try:
        tree = wol.parse(text, "any.wol")
    except WorkoutlangError as error:
        assert error.span is not None and error.message
        return
    wol.check(tree)  # the checks never raise


ARBITRARY: dict[str, Callable[[], st.SearchStrategy[str]]] = {
    "printable": lambda: st.text(st.characters(codec="utf-8"), max_size=300),
    "plan-alphabet": lambda: st.text(
        st.sampled_from('plan session week "x" : \n  \t@ 3x8 45s kg lb # - + % , / 1 0'),
        max_size=300),
    "grammar": grammar_texts,
    "mutated-plans": wst.any_plan_sources,
    "random-bytes": lambda: st.binary(max_size=400).map(
        lambda b: b.decode("utf-8", errors="replace")),
}


@pytest.mark.parametrize("kind", list(ARBITRARY))
def test_only_workoutlang_errors_escape(kind: str) -> None:
    # grammar-shaped texts are long: fewer of them
    @settings(QUICK, max_examples=25 if kind == "grammar" else 60)
    @given(ARBITRARY[kind]())
    def run(text: str) -> None:
        _parse_and_check(text)

    run()
