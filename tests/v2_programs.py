"""The language-v2 fixture of the output tests (tests/data/outputs/v2/programs.wol):
set schemes, AMRAP minimums, %tm with maxes over a cycle and a wave, load with
effort, distances, a rotation, sessions a week and a supplement plan.

`program()` expands it without running the checks: the outputs are judged on their
own. (These short plans are not whole programs: the checks find coverage errors,
WOL101 and WOL102, and `wol.compile` would refuse them without --force.)
"""

from __future__ import annotations

from pathlib import Path

import workoutlang as wol
from workoutlang.backends import EmitOptions, emit
from workoutlang.checks import build_context
from workoutlang.expand import Program

PATH = Path(__file__).parent / "data" / "outputs" / "v2" / "programs.wol"


def program(path: Path = PATH) -> Program:
    tree = wol.parse(path.read_text(encoding="utf-8"), path.name)
    context = build_context(tree)
    return Program(tree, context.catalogue, context.plans, ())


def emitted(target: str, options: EmitOptions | None = None) -> bytes:
    result = emit(program(), target, options)
    assert isinstance(result, bytes)
    return result
