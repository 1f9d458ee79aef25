"""The benchmark's plan generator makes plans that parse and check clean (not timed)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

import workoutlang as wol

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _clean(text: str, name: str) -> None:
    tree = wol.parse(text, name)
    found = wol.check(tree)
    assert [f"{d.span.location}: {d.code} {d.message}" for d in found] == []


@pytest.mark.parametrize("seed", [0, 7])
def test_generated_plan_parses_and_checks_clean(bench: ModuleType, seed: int) -> None:
    text = bench.generate_plan(1000, seed=seed)
    lines = text.count("\n") + 1
    assert 1000 <= lines < 1300
    tree = wol.parse(text, "generated.wol")
    assert len(tree.plans) >= 10
    # the mix the benchmark claims: week blocks, blocks, exercise definitions
    assert any(plan.weeks for plan in tree.plans)
    assert tree.exercises
    assert len({plan.name for plan in tree.plans}) == len(tree.plans)
    _clean(text, "generated.wol")


def test_sixteen_week_plan_has_three_sessions(bench: ModuleType) -> None:
    text = bench.plan_sixteen_weeks()
    tree = wol.parse(text, "sixteen.wol")
    [plan] = tree.plans
    assert len(plan.sessions) == 3 and not plan.weeks
    assert any(getattr(o, "count", None) == 16 for o in plan.options)
    _clean(text, "sixteen.wol")


def test_the_v2_plan_mixes_in_the_published_programs(bench: ModuleType) -> None:
    # the programs' four- and six-day weeks get WOL106, and their linear progressions
    # WOL108 (their files turn both off at the top, which the generator does not copy);
    # nothing else, and no error
    text = bench.generate_plan(1000, v2=True)
    tree = wol.parse(text, "v2.wol")
    assert {d.code for d in wol.check(tree)} <= {"WOL106", "WOL108"}
    assert any(plan.maxes for plan in tree.plans) and any(plan.rotations for plan in tree.plans)
    assert "wave" in text and "per week" in text
    assert bench.generate_plan(1000) != text and "wave" not in bench.generate_plan(1000)
