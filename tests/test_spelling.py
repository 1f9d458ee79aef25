"""The canonical spelling (workoutlang/spelling.py): one text per value, and a loud
error for a node or a kind it does not know, wherever the text is asked for."""

from __future__ import annotations

import ast
import subprocess
import sys
from typing import Any, get_args

import attrs
import pytest

import workoutlang as wol
from workoutlang import syntax, vocabulary
from workoutlang.backends import fit, garmin_connect, html, wording
from workoutlang.catalogue import load_catalogue
from workoutlang.expand import ConcreteLoad, expand, kilograms, written_load
from workoutlang.spelling import (
    SPELLERS,
    SpellingError,
    distance_text,
    duration,
    load_text,
    number,
    per_week_text,
    prescription_text,
    progress_text,
    reset_text,
    scheme_text,
    spell,
)

SPAN = syntax.Span(None, 1, 1, 1, 1)

# --- numbers and durations ---------------------------------------------------------------


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0s"), (45, "45s"), (60, "1min"), (90, "1min30s"), (3600, "1h"), (3630, "1h30s"),
    (5400, "1h30min"), (3661, "1h1min1s"),
])
def test_duration_form(seconds: int, text: str) -> None:
    assert duration(seconds) == text


@pytest.mark.parametrize(("value", "text"), [
    (40.0, "40"), (2.5, "2.5"), (70.25, "70.25"), (1e-05, "0.00001"), (1e16, "10000000000000000"),
])
def test_number_form(value: float, text: str) -> None:
    assert number(value) == text
    assert float(text) == value


# --- every node, as `workoutlang fmt` writes it --------------------------------------------

CASES: list[tuple[Any, str]] = [
    (syntax.Duration(90, "90s"), "1min30s"),
    (syntax.Duration(150, "2m30s"), "2min30s"),  # the old minutes
    (syntax.Distance(40.0, "40.0m"), "40m"),
    (syntax.Distance(1500.0, "1.50km"), "1.5km"),
    (syntax.Distance(45.72, "050yd"), "50yd"),
    (syntax.Prescription("reps", 3, 8, 8, None, "3x08"), "3x8"),
    (syntax.Prescription("reps", 3, 8, 12, None, "3x8-12"), "3x8-12"),
    (syntax.Prescription("reps", None, 10, 10, None, "10"), "10"),
    (syntax.Prescription("time", 3, None, None, syntax.Duration(60, "60s"), "3x60s"), "3x1min"),
    (syntax.Prescription("time", 3, None, None, syntax.Duration(90, "1m30s"), "3x1m30s"),
     "3x1min30s"),
    (syntax.Prescription("time", 1, None, None, syntax.Duration(5400, "1h30m"), "1x1h30m"),
     "1x1h30min"),
    (syntax.Prescription("time", None, None, None, syntax.Duration(45, "45s"), "45s"), "45s"),
    (syntax.Prescription("max", 3, None, None, None, "3xmax"), "3xmax"),
    (syntax.Prescription("max", 1, 5, None, None, "1x05+"), "1x5+"),
    (syntax.Prescription("distance", 3, None, None, None, "3x2m", syntax.Distance(2.0, "2m")),
     "3x2m"),  # two metres, not two minutes
    (syntax.Prescription("distance", 3, None, None, None, "3x50yd",
                         syntax.Distance(45.72, "50yd")), "3x50yd"),
    (syntax.Prescription("distance", None, None, None, None, "40.0m",
                         syntax.Distance(40.0, "40.0m")), "40m"),
    (syntax.Load("weight", 40.0, "kg", None, "40.0kg"), "@ 40kg"),
    (syntax.Load("bodyweight", None, None, None, "bw"), "@ bw"),
    (syntax.Load("bodyweight", 10.0, "lb", None, "bw+10lb"), "@ bw+10lb"),
    (syntax.Load("percent_1rm", 72.5, None, None, "72.50%1rm"), "@ 72.5%1rm"),
    (syntax.Load("percent_1rm", 70.0, None, None, "70%"), "@ 70%1rm"),
    (syntax.Load("percent_tm", 85.0, None, None, "85.0%tm"), "@ 85%tm"),
    (syntax.Load("weight", 80.0, "kg", None, "80kg rpe 8.0", syntax.Effort("rpe", 8.0)),
     "@ 80kg rpe 8"),
    (syntax.Load("percent_1rm", 60.0, None, None, "60% rir 2", syntax.Effort("rir", 2.0)),
     "@ 60%1rm rir 2"),
    (syntax.Load("bodyweight", 10.0, "kg", None, "bw+10kg rir 2", syntax.Effort("rir", 2.0)),
     "@ bw+10kg rir 2"),
    (syntax.Effort("rpe", 8.5), "rpe 8.5"),
    (syntax.Load("rpe", 7.0, None, None, "rpe 7"), "@ rpe 7"),
    (syntax.Load("rir", 2.0, None, None, "rir 2"), "@ rir 2"),
    (syntax.Load("band", None, None, "medium", "band:medium"), "@ band:medium"),
    (syntax.Tempo((3, 1, None), "3-1-X"), "tempo 3-1-x"),
    (syntax.Side("each_leg"), "each_leg"),
    (syntax.Rest(syntax.Duration(120, "120s")), "rest 2min"),
    (syntax.Rest(syntax.Duration(90, "1m30s")), "rest 1min30s"),
    (syntax.Progress(2.5, "kg", "+2.50kg/week"), "progress +2.5kg/week"),
    (syntax.Progress(1.0, "rep", "+1reps/week"), "progress +1rep/week"),
    (syntax.Progress(2.0, "rep", "+2reps/week"), "progress +2reps/week"),
    (syntax.Progress(1.0, "set", "+1set/week"), "progress +1set/week"),
    (syntax.Progress(5.0, "s", "+5s/week"), "progress +5s/week"),
    (syntax.Progress(2.5, "kg", "+2.50kg/session", "session"), "progress +2.5kg/session"),
    (syntax.Progress(10.0, "lb", "+10lb/cycle", "cycle"), "progress +10lb/cycle"),
    (syntax.Progress(2.5, "%1rm", "+2.5%1rm/week"), "progress +2.5%1rm/week"),
    (syntax.Progress(2.5, "%tm", "+2.5%tm/week"), "progress +2.5%tm/week"),
    (syntax.Progress(2.5, "kg", "+2.5kg", None), "progress +2.5kg"),  # WOL003, kept as written
    (syntax.Progress(2.0, "kg", "+2kg", "session", True), "progress double +2kg"),
    (syntax.Progress(2.0, "kg", "+2kg/session", "session", True), "progress double +2kg"),
    (syntax.Progress(2.0, "kg", "+2kg/week", "week", True), "progress double +2kg/week"),
    (syntax.Progress(2.5, "kg", "+2.5kg/session", "session", False, True),
     "progress +2.5kg/session if done"),
    (syntax.Progress(2.0, "kg", "+2kg", "session", True, True), "progress double +2kg if done"),
    (syntax.Reset(10.0, 2), "reset -10% after 2 misses"),
    (syntax.Reset(7.5, 1), "reset -7.5% after 1 miss"),
    (syntax.Note("brace"), 'note "brace"'),
    (syntax.Rounds(1), "1 round"),
    (syntax.Rounds(3), "3 rounds"),
    (syntax.Deload(None, SPAN), "deload"),
    (syntax.Deload(50.0, SPAN), "deload 50%"),
    (syntax.Day("mon", SPAN), "mon"),
    (syntax.PerWeek(2, 2, SPAN), "2 per week"),
    (syntax.PerWeek(1, 2, SPAN), "1-2 per week"),
    (syntax.SetGroup(syntax.Prescription("reps", 3, 5, 5, None, "3x5"), None, SPAN, None), "3x5"),
    (syntax.SetGroup(syntax.Prescription("max", 1, 5, None, None, "1x5+"),
                     syntax.Load("percent_tm", 85.0, None, None, "85%tm"), SPAN, SPAN),
     "1x5+ @ 85%tm"),
    (syntax.WeeksOption(8, SPAN), "weeks 8"),
    (syntax.UnitsOption("lb", SPAN), "units lb"),
    (syntax.StartOption("2026-01-05", SPAN), "start 2026-01-05"),
    (syntax.DeloadEveryOption(4, None, SPAN), "deload every 4 weeks"),
    (syntax.DeloadEveryOption(4, 60.0, SPAN), "deload every 4 weeks 60%"),
    (syntax.CycleOption(4, SPAN), "cycle 4"),
    (syntax.RoundOption(2.5, "kg", SPAN), "round 2.5kg"),
    (syntax.RoundOption(5.0, "lb", SPAN), "round 5lb"),
    (syntax.SupplementOption(SPAN), "supplement"),
]


@pytest.mark.parametrize(("node", "text"), CASES, ids=[text for _, text in CASES])
def test_spell(node: Any, text: str) -> None:
    assert spell(node) == text


def test_every_value_class_of_the_tree_has_a_spelling_and_a_case() -> None:
    values = {*get_args(syntax.Modifier), *get_args(syntax.PlanOption), syntax.Duration,
              syntax.Distance, syntax.Prescription, syntax.SetGroup, syntax.Effort,
              syntax.Rounds, syntax.Deload, syntax.Day, syntax.PerWeek}
    assert set(SPELLERS) == values
    assert {type(node) for node, _ in CASES} == values


def test_spelled_lines_parse_back_to_what_was_spelled() -> None:
    """A line made of the spelled modifiers parses to those modifiers again."""
    modifiers = [node for node, _ in CASES
                 if isinstance(node, get_args(syntax.Modifier)) and not (
                     isinstance(node, syntax.Load) and node.kind != "weight")]
    source = ('plan "P":\n  session "A":\n    squat 3x5 '
              + " ".join(spell(m) for m in modifiers) + "\n")
    line = wol.parse(source).plans[0].sessions[0].items[0]
    assert isinstance(line, syntax.ExerciseLine)
    assert [spell(m) for m in line.modifiers] == [spell(m) for m in modifiers]


# --- and nothing it does not know ----------------------------------------------------------


@attrs.frozen
class Stranger:
    """A node the language does not have."""

    text: str


def test_an_unknown_node_class_is_an_error() -> None:
    with pytest.raises(SpellingError, match="Stranger"):
        spell(Stranger("x"))
    with pytest.raises(SpellingError):
        spell("3x8")  # a string is not a node
    assert issubclass(SpellingError, TypeError)


@pytest.mark.parametrize("load", [
    syntax.Load("kettlebells", 2.0, None, None, "2 kettlebells"),
    syntax.Load("weight", None, "kg", None, "kg"),
    syntax.Load("percent_1rm", None, None, None, "%1rm"),
], ids=["unknown-kind", "weight-without-amount", "percent-without-amount"])
def test_a_load_it_cannot_spell_is_an_error(load: syntax.Load) -> None:
    with pytest.raises(SpellingError):
        spell(load)


def test_an_unknown_prescription_kind_is_an_error() -> None:
    with pytest.raises(SpellingError, match="amrap"):
        prescription_text("amrap", 3, 5, 5, None)
    with pytest.raises(SpellingError):
        prescription_text("time", 3, None, None, None)


def test_expansion_fails_loudly_on_an_unknown_load_kind() -> None:
    """No `f"{kind} {number}"` fallback: a new kind must be given its spelling."""
    tree = wol.parse('plan "P":\n  session "A":\n    squat 3x5 @ rpe 7\n')
    session = tree.plans[0].sessions[0]
    line = session.items[0]
    assert isinstance(line, syntax.ExerciseLine)
    odd = attrs.evolve(line, modifiers=(syntax.Load("rpx", 7.0, None, None, "rpx 7"),))
    plan = attrs.evolve(tree.plans[0], sessions=(attrs.evolve(session, items=(odd,)),))
    with pytest.raises(SpellingError, match="rpx"):
        expand(plan, load_catalogue())


def test_progress_text_and_load_text_are_the_bare_values() -> None:
    assert progress_text(2.5, "lb") == "+2.5lb/week"
    assert progress_text(2.5, "kg", "session") == "+2.5kg/session"
    assert progress_text(2.0, "kg", "session", double=True) == "double +2kg"
    assert progress_text(1.0, "rep", "week", double=True) == "double +1rep/week"
    assert progress_text(2.5, "kg", "session", if_done=True) == "+2.5kg/session if done"
    assert reset_text(10.0, 3) == "-10% after 3 misses"
    assert load_text("bodyweight", 5.0, "kg", None) == "bw+5kg"
    assert load_text("percent_tm", 85.0, None, None) == "85%tm"
    assert load_text("weight", 80.0, "kg", None, ("rpe", 8.0)) == "80kg rpe 8"


def test_v2_bare_values() -> None:
    assert prescription_text("max", 1, 5, None, None) == "1x5+"
    assert prescription_text("max", 3, None, None, None) == "3xmax"
    assert prescription_text("distance", 3, None, None, None, "40.0m") == "3x40m"
    assert prescription_text("distance", None, None, None, None, "1km") == "1km"
    assert prescription_text("time", 3, None, None, 120) == "3x2min"
    assert distance_text("0.50km") == "0.5km"
    assert distance_text("1000m") == "1000m"
    assert per_week_text(1, 2) == "1-2 per week"
    assert per_week_text(3, 3) == "3 per week"
    tree = wol.parse('plan "P":\n  session "A":\n    squat 1x5 @ 80kg rpe 8, 3x5 @ 70kg\n')
    line = tree.plans[0].sessions[0].items[0]
    assert isinstance(line, syntax.ExerciseLine)
    assert scheme_text(line.groups) == "1x5 @ 80kg rpe 8, 3x5 @ 70kg"


@pytest.mark.parametrize("call", [
    lambda: prescription_text("distance", 3, None, None, None),  # no distance
    lambda: prescription_text("max", None, 5, None, None),  # AMRAP needs its sets
    lambda: distance_text("40"),
    lambda: distance_text("40mi"),
    lambda: distance_text("m"),
    lambda: distance_text(".5km"),
    lambda: distance_text("1.km"),
    lambda: distance_text("1.2.3m"),
    lambda: load_text("rpe", 8.0, None, None, ("rir", 2.0)),  # no effort beside an effort
    lambda: load_text("band", None, None, "light", ("rpe", 8.0)),
    lambda: load_text("weight", 80.0, "kg", None, ("rpx", 8.0)),
], ids=["distance-without-text", "amrap-without-sets", "no-unit", "unknown-unit", "no-number",
        "no-whole-part", "no-fraction", "two-points", "effort-beside-effort", "effort-beside-band",
        "unknown-effort"])
def test_a_v2_value_it_cannot_spell_is_an_error(call: Any) -> None:
    with pytest.raises(SpellingError):
        call()


# --- one lb→kg conversion ------------------------------------------------------------------


def test_kilograms() -> None:
    assert kilograms(100.0, "lb") == 45.359
    assert kilograms(100.0, "kg") == 100.0
    assert kilograms(100.0, None) == 100.0


def test_written_load_is_spelled_and_converted() -> None:
    load = syntax.Load("bodyweight", 10.0, "lb", None, "bw+10.0lb")
    assert written_load(load) == ConcreteLoad("bodyweight", 10.0, "lb", 4.536, None, "bw+10lb")


# --- the outputs' wording: keyed by the vocabulary, nothing else ---------------------------


@pytest.mark.parametrize(("mapping", "words"), [
    (wording.SIDE_WORDS, vocabulary.SIDES),
    (wording.BLOCKS, vocabulary.BLOCK_KINDS),
    (fit.STEP_SIDES, vocabulary.SIDES),
    (html.DAY_NAMES, vocabulary.DAYS),
    (garmin_connect.CONNECT_UNITS, vocabulary.UNITS),
], ids=["wording.SIDE_WORDS", "wording.BLOCKS", "fit.STEP_SIDES", "html.DAY_NAMES",
         "garmin_connect.CONNECT_UNITS"])
def test_mappings_are_keyed_by_the_vocabulary(mapping: dict[str, Any],
                                              words: tuple[str, ...]) -> None:
    assert tuple(mapping) == words


def test_wording_fails_loudly_on_an_unknown_word() -> None:
    with pytest.raises(SpellingError):
        wording.describe_side("both_legs")
    with pytest.raises(SpellingError):
        wording.describe_block_kind("ladder")
    with pytest.raises(SpellingError):
        wording.describe_load(ConcreteLoad("kettlebells", 2.0, None, None, None, "2 kb"))
    item = expand(wol.parse('plan "P":\n  session "A":\n    squat 3x5\n').plans[0],
                  load_catalogue())[0].weeks[0].sessions[0].all_items()[0]
    with pytest.raises(SpellingError, match="squat"):
        wording.describe_dose(attrs.evolve(item, reps_min=None, reps_max=None))


# --- cheap to import -----------------------------------------------------------------------


def test_spelling_imports_only_the_tree_and_the_vocabulary() -> None:
    code = ("import sys, workoutlang; before = set(sys.modules); import workoutlang.spelling; "
            "print(sorted(set(sys.modules) - before))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    added = set(ast.literal_eval(result.stdout))
    assert added <= {"workoutlang.spelling", "workoutlang.syntax", "workoutlang.vocabulary",
                     "attrs", "typing"}, added


def test_the_json_target_does_not_use_the_formatter() -> None:
    code = ("import sys; import workoutlang.backends.json; "
            "print('workoutlang.formatter' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
