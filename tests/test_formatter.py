"""The formatter: input/output pairs, an identity file, proofs, and properties.

Cases are data in tests/data/format/: each `NAME.in` must format to `NAME.out`
(byte for byte, line endings included), and every line of `identity.wol` must
survive formatting unchanged. Files with syntax errors (tests/data/parse/
invalid/) are refused with ParseError.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workoutlang as wol
from workoutlang import formatter, syntax
from workoutlang import strategies as wst
from workoutlang.errors import ParseError, WorkoutlangError
from workoutlang.formatter import FormatterError, format_text, format_tree, meaning
from workoutlang.spelling import SpellingError

DATA = Path(__file__).parent / "data"
PAIRS = sorted((DATA / "format").glob("*.in"))
INVALID = sorted((DATA / "parse" / "invalid").glob("*.wol"))
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(path: Path) -> str:
    # bytes, then decode: text mode would turn CRLF into LF
    return path.read_bytes().decode("utf-8")


# --- cases as data ---------------------------------------------------------------------


@pytest.mark.parametrize("source", PAIRS, ids=lambda p: p.stem)
def test_pair(source: Path) -> None:
    expected = read(source.with_suffix(".out"))
    assert format_text(read(source)) == expected
    assert format_text(expected) == expected


def test_identity_file_survives_line_by_line() -> None:
    text = read(DATA / "format" / "identity.wol")
    before, after = text.splitlines(), format_text(text).splitlines()
    for number, (old, new) in enumerate(zip(before, after, strict=False), start=1):
        assert new == old, f"identity.wol:{number} changed"
    assert len(after) == len(before)


# invalid only for their tab indentation, whose width is clear: fmt converts it
CONVERTED = {"tab_indentation", "tab_only_line_of_block"}


@pytest.mark.parametrize("source", [p for p in INVALID if p.stem not in CONVERTED],
                         ids=lambda p: p.stem)
def test_refuses_syntax_errors(source: Path) -> None:
    with pytest.raises(ParseError) as caught:
        format_text(read(source))
    assert all(d.code == "WOL001" for d in caught.value.diagnostics)


@pytest.mark.parametrize("name", sorted(CONVERTED))
def test_tabs_of_a_clear_width_become_the_canonical_indentation(name: str) -> None:
    text = read(DATA / "parse" / "invalid" / f"{name}.wol")
    with pytest.raises(ParseError):
        wol.parse(text)
    output = format_text(text)
    assert "\t" not in output
    assert meaning(wol.parse(output)) == meaning(wol.parse(text.replace("\t", "    ")))


def test_public_facade_is_the_formatter() -> None:
    text = read(DATA / "format" / "durations.in")
    assert wol.format(text) == format_text(text)


# --- the proofs refuse bad output ------------------------------------------------------


def test_tree_the_language_cannot_express_fails_the_reparse_proof() -> None:
    tree = wol.parse('plan "P":\n  session "A":\n    squat 3x5 note "x"\n')
    line = tree.plans[0].sessions[0].items[0]
    assert isinstance(line, syntax.ExerciseLine)
    bad_note = attrs.evolve(line, modifiers=(syntax.Note('say "hi"'),))
    bad = attrs.evolve(tree, plans=(attrs.evolve(tree.plans[0], sessions=(
        attrs.evolve(tree.plans[0].sessions[0], items=(bad_note,)),)),))
    with pytest.raises(FormatterError, match="re-parse"):
        format_tree(bad)


@pytest.mark.parametrize(("patch", "check"), [
    ("spell", "equivalence"),
    ("render", "stability"),
    ("comments", "comments"),
])
def test_failed_proof_raises_an_internal_error_naming_it(
        monkeypatch: pytest.MonkeyPatch, patch: str, check: str) -> None:
    text = 'plan "P":  # a comment\n\n  session "A":\n    squat 3x5 rest 1min\n'
    if patch == "spell":  # a printer bug that loses a modifier's value
        real = formatter.spell
        monkeypatch.setattr(formatter, "spell",
                            lambda m: "rest 2min" if isinstance(m, syntax.Rest) else real(m))
    elif patch == "render":  # a printer whose output depends on how the input was spelled
        real_render = formatter.render
        monkeypatch.setattr(formatter, "render", lambda tree, source=None: (
            real_render(tree, source).replace("rest 1min", "rest 60s")
            if source and "rest 1min" in source else real_render(tree, source)))
    else:  # a printer that drops a comment's text
        real_render = formatter.render
        monkeypatch.setattr(formatter, "render", lambda tree, source=None: real_render(
            tree, source).replace("# a comment", "#"))
    with pytest.raises(FormatterError, match=check) as caught:
        format_text(text)
    assert isinstance(caught.value, WorkoutlangError)
    assert "internal error" in caught.value.message


# --- nothing is printed some other way ------------------------------------------------


@attrs.frozen
class Stranger:
    """A modifier the language does not have."""

    text: str


def _with_modifiers(*modifiers: object) -> syntax.PlanFile:
    tree = wol.parse('plan "P":\n  session "A":\n    squat 3x5\n')
    session = tree.plans[0].sessions[0]
    line = session.items[0]
    assert isinstance(line, syntax.ExerciseLine)
    odd = attrs.evolve(line, modifiers=modifiers)
    return attrs.evolve(tree, plans=(attrs.evolve(tree.plans[0], sessions=(
        attrs.evolve(session, items=(odd,)),)),))


@pytest.mark.parametrize("modifiers", [
    (Stranger("hi"),),
    (syntax.Note("fine"), Stranger("hi")),
], ids=["alone", "beside-a-note"])
def test_unknown_modifier_is_an_internal_error_not_a_note(modifiers: tuple[object, ...]) -> None:
    with pytest.raises(FormatterError, match="spelling.*Stranger") as caught:
        format_tree(_with_modifiers(*modifiers))
    assert isinstance(caught.value.__cause__, SpellingError)


def test_unknown_load_kind_is_an_internal_error() -> None:
    odd = syntax.Load("kettlebells", 2.0, None, None, "2 kettlebells")
    with pytest.raises(FormatterError, match="kettlebells"):
        format_tree(_with_modifiers(odd))


# --- properties on messy generated source -----------------------------------------------

NAMES = ("squat", "plank", "step_up", "my_drill", "pallof_press")
SPACE = st.sampled_from((" ", "  ", "   "))


def durations(seconds: int, rest: bool = False) -> st.SearchStrategy[str]:
    """Different spellings of the same duration; the old minutes `2m` only in a rest
    (where a prescription stands, `2m` is two metres)."""
    minutes, left = divmod(seconds, 60)
    spellings = [f"{seconds}s", f"{minutes}m{left}s", f"{minutes}min{left}s"]
    if left == 0:
        spellings += [f"{minutes}min", *([f"{minutes}m"] if rest else [])]
    return st.sampled_from(spellings)


SECONDS = st.sampled_from((30, 45, 60, 90, 120, 150))
LOADS = st.sampled_from(("@40kg", "@ 40.0kg", "@ 2.50lb", "@ bw", "@ bw + 5kg", "@ 70%1rm",
                         "@ 70.0%1rm", "@ rpe 7.50", "@ rir 02", "@ band : light",
                         "@ band:heavy", "@ 70%", "@ 85.0%tm", "@ 80kg rpe 8.0",
                         "@ 60% rir 02", "@ bw+10kg rir 2"))
TEMPOS = st.sampled_from(("tempo 3-1-1", "tempo 3-1-X", "tempo 03-0-x-1"))
SIDES = st.sampled_from(("each_leg", "each_side", "left", "right"))
PROGRESS = st.sampled_from(("progress +2.50kg/week", "progress +1reps/week",
                            "progress +2rep/week", "progress +5s/week", "progress +1set/week",
                            "progress +2.5kg/session", "progress +5lb/cycle",
                            "progress double +2kg", "progress double +2.0kg/session",
                            "progress double +1rep/week", "progress +2.50%1rm/week"))
NOTES = st.sampled_from(('note "slow # not a comment"', 'note "brace"', 'note ""'))
COMMENTS = st.sampled_from(("#", "# a comment", "#no space", "# wol: disable=WOL006",
                            "# trailing spaces   ", '# "quoted"'))


@st.composite
def modifiers(draw: st.DrawFn) -> str:
    chosen = draw(st.lists(st.one_of(
        LOADS, TEMPOS, SIDES, PROGRESS, NOTES,
        SECONDS.flatmap(lambda s: durations(s, rest=True)).map("rest {}".format),
    ), max_size=5))
    return "".join(draw(SPACE) + word for word in chosen)


@st.composite
def exercise_lines(draw: st.DrawFn, bare: bool) -> str:
    name = draw(st.sampled_from(NAMES))
    sets = draw(st.sampled_from(("3x", "03x", "1x")))
    amount = draw(st.one_of(
        st.sampled_from(("8", "08", "8-12", "8-8", "max", "5+", "05+", "40m", "40.0m", "2m",
                         "1.50km", "50yd")),
        SECONDS.flatmap(durations)))
    if bare:  # per round: a whole number, a time or a distance, no sets
        sets, amount = "", "10" if amount in ("8-12", "8-8", "max", "5+", "05+") else amount
    elif draw(st.integers(0, 3)) == 0:  # a set scheme: more groups, a load after any
        for _ in range(draw(st.integers(1, 2))):
            load = draw(st.sampled_from(("", " @ 50kg", " @ 70%", " @ 80kg rpe 8")))
            amount += load + draw(st.sampled_from((",", " ,", ", "))) + draw(
                st.sampled_from(("3x5", "1x5+", "2x30s", "3x40m")))
    return name + draw(SPACE) + sets + amount + draw(modifiers())


@st.composite
def messy_sources(draw: st.DrawFn) -> str:
    """A valid plan file written carelessly: odd indentation, spacing, order,
    spellings, blank lines and comments anywhere."""
    unit = draw(st.sampled_from((2, 3, 4)))
    lines: list[tuple[int, str]] = []
    options = draw(st.permutations(["weeks 4", "units kg", "start 2027-01-04",
                                    "deload every 3 weeks 60.0%", "cycle 02", "round 2.50kg",
                                    "supplement"]))
    header = " ".join(options[: draw(st.integers(0, 7))])
    lines.append((0, f'plan "Plan" {header}:'))

    def session(depth: int, name: str, days: bool = True) -> None:
        often = draw(st.sampled_from(("", " on mon", " on mon,thu", " on tue ,  fri",
                                      " 2 per week", " 1-2  per week"))) if days else ""
        lines.append((depth, f'session "{name}"{often}:'))
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.integers(0, 4)) == 0:
                header = draw(st.sampled_from(("squat wave", "squat wave rest 180s",
                                               "step_up wave note \"x\" each_leg")))
                lines.append((depth + 1, header + draw(SPACE) + ":"))
                for _ in range(draw(st.integers(1, 3))):
                    lines.append((depth + 2, draw(st.sampled_from((
                        "1x5 @ 65%tm, 1x5 @ 75.0%tm,1x5+ @ 85%tm", "3x5", "3x5 @ 50kg",
                        "1x3 @ 70%1rm , 1x3+ @ 80%")))))
            elif draw(st.booleans()):
                kind = draw(st.sampled_from((
                    "superset 3 rounds rest 90s", "circuit rest 60s 1 rounds", "warmup")))
                lines.append((depth + 1, kind + ":"))
                for _ in range(draw(st.integers(1, 2))):
                    lines.append((depth + 2, draw(exercise_lines(bare=kind != "warmup"))))
            else:
                lines.append((depth + 1, draw(exercise_lines(bare=False))))

    def rotation(depth: int) -> None:
        lines.append((depth, draw(st.sampled_from(("rotation on mon,wed:",
                                                   "rotation  on tue , thu, sat :")))))
        for index in range(draw(st.integers(1, 2))):
            session(depth + 1, f"R{index}", days=False)

    def max_line() -> None:
        lines.append((1, draw(st.sampled_from((
            "max squat 100kg", "max squat 100.0kg tm 90.0%", "max squat 140kg tm 90%",
            "max step_up 40kg progress +2.50kg/cycle tm 85%", "max squat 100kg progress +5kg/week",
        )))))

    for index in range(draw(st.integers(1, 2))):
        if draw(st.integers(0, 3)) == 0:
            max_line()
        if draw(st.integers(0, 3)) == 0:
            rotation(1)
        else:
            session(1, f"S{index}")
    if draw(st.booleans()):
        week = draw(st.sampled_from(("week 2:", "week 3-4 deload:", "week 4 deload 50%:",
                                     "week 5 deload", "week 6-6  deload 60.0%")))
        lines.append((1, week))
        if week.endswith(":"):
            rotation(2) if draw(st.integers(0, 3)) == 0 else session(2, "W")
    if draw(st.integers(0, 3)) == 0:
        max_line()
    if draw(st.booleans()):
        lines.append((0, "exercise my_drill:"))
        lines.append((1, draw(st.sampled_from(("tags core  free", 'tags "a b"')))))
        lines.append((1, draw(st.sampled_from(("fit plank/plank", "fit plank plank", 'note "x"')))))
    out: list[str] = []
    for depth, code in lines:
        for _ in range(draw(st.integers(0, 2))):  # blank lines and own-line comments above
            if draw(st.booleans()):
                out.append(" " * draw(st.integers(0, 8)) + draw(COMMENTS))
            else:
                out.append(" " * draw(st.integers(0, 3)))
        trailing = draw(SPACE) + draw(COMMENTS) if draw(st.integers(0, 3)) == 0 else ""
        out.append(" " * (unit * depth) + code + trailing)
    return "\n".join(out) + draw(st.sampled_from(("\n", "", "\n\n")))


@FAST
@given(messy_sources())
def test_format_is_idempotent_keeps_meaning_and_comments(source: str) -> None:
    once = format_text(source)
    assert format_text(once) == once
    before, after = wol.parse(source), wol.parse(once)
    assert meaning(after) == meaning(before)
    # in source order, but a `max` line's comments go up with it (the formatter's own
    # comments proof checks the order)
    assert sorted((c.text, c.own_line) for c in after.comments) == sorted(
        (c.text.rstrip(), c.own_line) for c in before.comments)


@FAST
@given(messy_sources())
def test_output_is_in_the_layout(source: str) -> None:
    text = format_text(source)
    comments = {c.span.line: c for c in wol.parse(text).comments}
    lines = text.split("\n")
    assert lines[-1] == "" and lines[-2] != ""  # one final newline
    for number, line in enumerate(lines[:-1], start=1):
        assert line == line.rstrip(), repr(line)
        assert line or lines[number], "two blank lines in a row"
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, repr(line)
        comment = comments.get(number)
        code = line[: comment.span.column - 1] if comment else line
        assert "  " not in code.strip(), repr(line)


@FAST
@given(wst.plans(plans_per_file=(1, 2)))
def test_format_tree_prints_generated_trees(tree: syntax.PlanFile) -> None:
    text = format_tree(tree)
    assert meaning(wol.parse(text)) == meaning(tree)
    assert format_text(text) == text


# --- the promise: the JSON does not change ---------------------------------------


def json_without_positions(text: str) -> object:
    import json

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("line", "column")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    output = wol.compile(wol.parse(text), "json")
    assert isinstance(output, bytes)
    return strip(json.loads(output))


def test_json_of_input_equals_json_of_output() -> None:
    for example in sorted((DATA.parent.parent / "examples").glob("*.wol")):
        text = read(example)
        before, after = json_without_positions(text), json_without_positions(format_text(text))
        assert after == before, example.name


# --- language v2 ---------------------------------------------------------------------------


def test_max_lines_go_first_with_their_comments() -> None:
    text = ('plan "P" units lb:\n'
            '  session "A" on mon:  # the session\n'
            '    # above squat\n'
            '    squat 3x5 @ 85%tm\n'
            '  # the max\n'
            '  max squat 315lb progress +10lb/week tm 90%  # beside it\n'
            '  max bench_press 225lb\n')
    assert format_text(text) == (
        'plan "P" units lb:\n'
        '  # the max\n'
        '  max squat 315lb tm 90% progress +10lb/week  # beside it\n'
        '  max bench_press 225lb\n'
        '\n'
        '  session "A" on mon:  # the session\n'
        '    # above squat\n'
        '    squat 3x5 @ 85%tm\n')


def test_the_comments_check_still_refuses_comments_out_of_place(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving a max's comments with it is allowed; swapping two comments is not."""
    text = ('plan "P":\n  session "A":\n    # one\n    squat 3x5\n'
            '  # two\n  max squat 100kg\n  # three\n  week 2 deload\n')
    real_render = formatter.render
    monkeypatch.setattr(formatter, "render", lambda tree, source=None: real_render(
        tree, source).replace("# two", "# tmp").replace("# three", "# two")
        .replace("# tmp", "# three") if source == text else real_render(tree, source))
    with pytest.raises(FormatterError, match="comments"):
        format_text(text)


def test_a_set_scheme_with_its_last_load_among_the_modifiers_is_one_line() -> None:
    text = 'plan "P":\n  session "A":\n    bench_press 1x5 @ 80kg, 3x5 rest 2m @ 70kg\n'
    out = format_text(text)
    assert out.endswith("    bench_press 1x5 @ 80kg, 3x5 @ 70kg rest 2min\n")
    line = wol.parse(out).plans[0].sessions[0].items[0]
    assert isinstance(line, syntax.ExerciseLine)
    assert [g.load.text if g.load else None for g in line.groups] == ["80kg", "70kg"]


def test_two_metres_stay_metres_and_old_minutes_become_min() -> None:
    text = 'plan "P":\n  session "A":\n    farmer_carry 3x2m rest 2m\n    plank 3x1m30s\n'
    out = format_text(text)
    assert "farmer_carry 3x2m rest 2min\n" in out
    assert "plank 3x1min30s\n" in out
    before = wol.parse(text).plans[0].sessions[0].items
    assert isinstance(before[0], syntax.ExerciseLine)
    assert before[0].prescription.kind == "distance"


def test_a_max_that_is_not_a_weight_is_an_internal_error() -> None:
    tree = wol.parse('plan "P":\n  max squat 100kg\n  session "A":\n    squat 3x5\n')
    plan = tree.plans[0]
    odd = attrs.evolve(plan.maxes[0], load=syntax.Load("percent_1rm", 70.0, None, None, "70%"))
    with pytest.raises(FormatterError, match="spelling"):
        format_tree(attrs.evolve(tree, plans=(attrs.evolve(plan, maxes=(odd,)),)))


def test_a_wave_row_changed_by_the_printer_fails_the_equivalence_proof(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = ('plan "P" cycle 2:\n  session "A":\n    squat wave:\n'
            '      3x5 @ 50kg\n      3x3 @ 60kg\n')
    assert format_text(text) == text.replace('cycle 2:\n', 'cycle 2:\n\n')
    monkeypatch.setattr(formatter, "wave_row", lambda row: "3x5 @ 50kg")
    with pytest.raises(FormatterError, match="equivalence"):
        format_text(text)
