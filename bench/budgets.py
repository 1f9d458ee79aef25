"""Bounded work (issue 11, point 6): figures at two sizes and their ratio.

    .venv/bin/python bench/budgets.py           # everything (~3 min on a quiet machine)
    .venv/bin/python bench/budgets.py check     # only `check`
    .venv/bin/python bench/budgets.py pdf       # only the pdf target

`check`: seconds and tracemalloc's peak of `wol.check` (the tree parsed before) on the
benchmark's generated plans (bench/run.py) of ~0.5 and ~1 MB, on one 520-week plan at
two sizes inside the expansion budget, and on the issue's plans past it. Linear work
doubles with the input: a ratio near 2.0.

`pdf`: seconds of the pdf target for one plan whose only long text is an unbroken note
of n and 2n characters, with the html target's long texts cut into pieces (what it
does) and whole (what it did); and of 16 notes of 2,000 characters (what a cap on a
note's length would leave). Best of 2 runs after a warm-up.
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import workoutlang as wol  # noqa: E402
from workoutlang.backends import html  # noqa: E402
from workoutlang.compiler import build_program, emit_program  # noqa: E402

QUIET = "# wol: disable=WOL101,WOL102,WOL104,WOL105,WOL106,WOL107\n"


def best(run: Callable[[], object], times: int = 2) -> float:
    out = []
    for _ in range(times):
        gc.collect()
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return min(out)


def check_figures(text: str, times: int = 3) -> tuple[float, int]:
    """(seconds, peak bytes) of checking `text`: best of `times`, each on a fresh parse
    (the expansion of a plan object is remembered: a second check would be a look-up)."""
    from run import reset_caches  # bench/run.py's: every cache of workoutlang emptied

    seconds = []
    for _ in range(times):
        reset_caches()
        tree = wol.parse(text, "bench.wol")
        gc.collect()
        start = time.perf_counter()
        wol.check(tree)
        seconds.append(time.perf_counter() - start)
    reset_caches()
    tree = wol.parse(text, "bench.wol")
    tracemalloc.start()
    wol.check(tree)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return min(seconds), peak


def long_plan(lines: int, weeks: int = 520, progress: bool = False) -> str:
    step = " progress +1kg/week" if progress else ""
    body = "".join(f"    squat {n % 9 + 1}x8 @ {n % 300 + 1}kg{step}\n" for n in range(lines))
    return f'plan "Long" weeks {weeks}:\n  session "A" on mon:\n{body}'  # every rule on


def issue_plan(weeks: int = 520, sessions: int = 140) -> str:
    out = [f'plan "Big" weeks {weeks}:']
    for i in range(sessions):
        out += [f'  session "S{i}" on mon:', "    squat 3x8 @ 40kg progress +1kg/week",
                "    plank 3x30s progress +1s/week"]
    return "\n".join(out) + "\n"


def row(label: str, small: tuple[int, tuple[float, int]], big: tuple[int, tuple[float, int]]
        ) -> None:
    (n1, (t1, m1)), (n2, (t2, m2)) = small, big
    print(f"| {label} | {n1 / 1e3:,.0f} KB: {t1:.3f} s, {m1 / 1e6:.1f} MB | "
          f"{n2 / 1e3:,.0f} KB: {t2:.3f} s, {m2 / 1e6:.1f} MB | "
          f"{t2 / t1:.2f}x time, {m2 / m1:.2f}x memory for {n2 / n1:.2f}x input |", flush=True)


def bench_check() -> None:
    from run import generate_plan  # bench/run.py's generator

    print("| check | smaller | larger | growth |\n|---|---|---|---|")
    for label, make, sizes in [
        ("generated plans (bench/run.py)", generate_plan, (13_500, 27_000)),
        ("one 520-week plan, lines shared by every week", long_plan, (90, 180)),
        ("one 520-week plan, every line progressing",
         lambda n: long_plan(n, progress=True), (90, 180)),
        ("520 weeks × 140 sessions (the issue's plan): past the budget",
         lambda n: issue_plan(sessions=n), (140, 280)),
        ("~1 MB of one 520-week plan (the issue's 48 s): past the budget",
         long_plan, (23_500, 47_000)),
    ]:
        figures = []
        for size in sizes:
            text = make(size)
            figures.append((len(text.encode()), check_figures(text)))
        row(label, figures[0], figures[1])


def pdf_seconds(text: str) -> float:
    program = build_program(wol.parse(text, "note.wol"))
    return best(lambda: emit_program(program, "pdf", force=True))


def note_plan(chars: int, notes: int = 1) -> str:
    lines = "".join(f'    plank 3x30s note "{"x" * chars}"\n' for _ in range(notes))
    return f'{QUIET}plan "P":\n  session "A" on mon:\n{lines}'


def bench_pdf() -> None:
    pdf_seconds(note_plan(10))  # imports WeasyPrint, loads fonts
    print("| pdf | n | 2n | growth |\n|---|---|---|---|")
    pieces = html.PIECE_CHARS
    for label, size, chars in [("one note, cut into pieces (now)", pieces, (8_000, 16_000)),
                               ("one note, whole (before)", 10**9, (4_000, 8_000)),
                               ("one note, cut into pieces (now)", pieces, (32_000, 64_000))]:
        html.PIECE_CHARS = size
        t1, t2 = (pdf_seconds(note_plan(n)) for n in chars)
        print(f"| {label} | {chars[0]:,} chars: {t1:.2f} s | {chars[1]:,} chars: {t2:.2f} s | "
              f"{t2 / t1:.2f}x |", flush=True)
    html.PIECE_CHARS = pieces
    t1, t2 = (pdf_seconds(note_plan(2_000, n)) for n in (8, 16))
    print(f"| notes of 2,000 chars (a cap) | 8 notes: {t1:.2f} s | 16 notes: {t2:.2f} s | "
          f"{t2 / t1:.2f}x |", flush=True)


if __name__ == "__main__":
    parts = sys.argv[1:] or ["check", "pdf"]
    if "check" in parts:
        bench_check()
    if "pdf" in parts:
        bench_pdf()
