"""The bundled examples parse and check clean: no errors and no warnings."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

import workoutlang as wol
from workoutlang import syntax

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").rglob("*.wol"))
ARTICLE = Path(__file__).parents[1] / "examples" / "runner_two_day.wol"

# Every exercise the coaching article names, by group; the two-day plan must use
# each (one of the alternatives where the article offers a choice).
ARTICLE_EXERCISES = (
    {"plank"}, {"side_plank"}, {"dead_bug"}, {"pallof_press"},
    {"romanian_deadlift"}, {"hip_thrust", "glute_bridge"}, {"kettlebell_swing"},
    {"single_leg_squat"}, {"step_up"}, {"lunge"},
    {"leg_swing"}, {"hip_circle"}, {"ankle_mobility"}, {"hip_mobility"}, {"single_leg_hold"},
    {"bosu_squat", "bosu_single_leg_balance"},
)


def parsed(path: Path) -> syntax.PlanFile:
    return wol.parse(path.read_text(encoding="utf-8"), path.name)


def test_the_four_examples_are_there() -> None:
    assert {p.stem for p in EXAMPLES} >= {
        "runner_two_day", "beginner", "marathon_build", "custom_exercises"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_parses(path: Path) -> None:
    tree = parsed(path)
    assert tree.logs if path.stem == "log" else tree.plans  # a training log holds no plan


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_checks_clean(path: Path) -> None:
    found = wol.check(parsed(path))
    assert found == [], "\n".join(f"{d.span.location}: {d.code} {d.message}" for d in found)


def test_the_article_plan_is_the_articles() -> None:
    (plan,) = parsed(ARTICLE).plans
    assert (plan.week_count, plan.start) == (8, "2027-01-04")
    assert [[d.name for d in s.days] for s in plan.sessions] == [["mon"], ["thu"]]
    names = {line.name for s in plan.sessions for line in s.exercise_lines()}
    missing = [group for group in ARTICLE_EXERCISES if not group & names]
    assert not missing, missing


def test_the_article_plan_lowers_single_leg_work_slowly() -> None:
    # "single-leg strength with slow eccentric tempo": 3 s or more on the way down
    (plan,) = parsed(ARTICLE).plans
    for session in plan.sessions:
        for line in session.exercise_lines():
            if line.name in ("single_leg_squat", "step_up", "lunge"):
                assert line.tempo is not None and (line.tempo.parts[0] or 0) >= 3, line.name


def test_custom_example_uses_every_exercise_it_defines() -> None:
    tree = parsed(Path(__file__).parents[1] / "examples" / "custom_exercises.wol")
    names = {line.name for p in tree.plans for s in p.all_sessions() for line in s.exercise_lines()}
    for definition in tree.exercises:
        aliases = definition.values("alias") or ()
        assert {definition.name, *aliases} & names, definition.name


# --- the examples in the docs ---------------------------------------------------------

DOCS = [Path(__file__).parents[1] / "docs" / name for name in ("language.md", "tutorial.md")]
FENCE = re.compile(r"^```wol\n(.*?)^```$", re.M | re.S)
WRAP = 'plan "Docs":\n  session "Example":\n'


def doc_examples() -> list[Any]:
    cases = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            cases.append(pytest.param(match.group(1), id=f"{doc.stem}:{line}"))
    return cases


@pytest.mark.parametrize("source", doc_examples())
def test_docs_examples_parse(source: str) -> None:
    # Whole files parse as they are; fragments (lines, blocks) inside a session.
    whole = re.search(r"^(plan|exercise) ", source, re.M)
    text = source if whole else WRAP + textwrap.indent(source, "    ")
    assert wol.parse(text, "doc.wol").plans
