"""The parser and its caches under threads.

A coaching pipeline parses plans on a thread pool; free-threaded Python will
run them truly in parallel. Every text parsed on 8 threads must give what the
same text gives on one thread: the equal tree, or the equal syntax errors. The
texts are distinct (names and numbers vary), so the chunk cache misses and
the parser itself runs on every thread at once; the caches are emptied between
the single-threaded reference run and the threaded run, so no error made under
threads can be replayed from them unnoticed.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

import workoutlang.parser as parser_module
from workoutlang import syntax
from workoutlang.diagnostics import Diagnostic
from workoutlang.errors import ParseError
from workoutlang.memo import IdentityMemo
from workoutlang.parser import parse

THREADS = 8
PARSES = 4000  # distinct texts, shared out among the threads

SIDES = ("each_leg", "each_side", "left", "right")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def valid_text(n: int) -> str:
    """A small plan whose names and numbers depend on `n`; blocks nest, so the
    indenter's levels go up and down several times."""
    reps, sets, kg = 5 + n % 11, 2 + n % 4, 10 + n % 97
    block = ("superset 3 rounds rest 90s:", "circuit 2 rounds:", "warmup:", "cooldown:")[n % 4]
    return (
        f'plan "Plan {n}" weeks {1 + n % 12} units {("kg", "lb")[n % 2]}:\n'
        f'  session "A{n}" on {DAYS[n % 7]}, {DAYS[(n + 3) % 7]}:\n'
        f"    {block}\n"
        f"      squat_{n} {sets}x{reps} @ {kg}kg tempo 3-1-1\n"
        f"      plank {sets}x{30 + n % 40}s\n"
        f"    lunge {sets}x{reps}-{reps + 4} {SIDES[n % 4]} rest {1 + n % 3}m\n"
        f"    row_{n % 50} {sets}x{reps} @ rpe {6 + n % 4} progress +{1 + n % 5}kg/week\n"
        f"  week {2 + n % 5} deload {50 + n % 20}%:\n"
        f'    session "B{n}":\n'
        f"      circuit {2 + n % 3} rounds:\n"
        f"        push_up 10\n"
        f'        hang_{n} 30s note "grip {n}"\n'
        f"      deadlift {sets}x{reps} @ {60 + n % 80}%1rm\n"
        f"exercise hang_{n}:\n"
        f"  tags core grip\n"
        f"  measure time\n"
    )


# each breaks the text in its own way: an error at a given place, and recovery after it
BREAKS: tuple[Callable[[str], str], ...] = (
    lambda t: t.replace(" units", "", 1).replace(":\n", "\n", 1),  # a header without ":"
    lambda t: t.replace("      plank", "     plank", 1),  # a dedent to no level
    lambda t: t.replace(" rest ", " resst ", 1),  # an unknown modifier
    lambda t: t.replace("        push_up 10\n", "", 1).replace("      deadlift", "  deadlift"),
    lambda t: t.replace(' note "grip', ' note "grip\n', 1),  # an unclosed text
)


def invalid_text(n: int) -> str:
    return BREAKS[n % len(BREAKS)](valid_text(n))


def text(n: int) -> str:
    """One text in ten is invalid."""
    return invalid_text(n) if n % 10 == 7 else valid_text(n)


Result = syntax.PlanFile | tuple[Diagnostic, ...]


def result_of(source: str, name: str) -> Result:
    try:
        return parse(source, name)
    except ParseError as error:
        return tuple(error.diagnostics)


def clear_caches() -> None:
    """Forget every parsed chunk and plan, so the next parses really parse."""
    for value in vars(parser_module).values():
        clear = getattr(value, "cache_clear", None)
        if callable(clear):
            clear()
    plans = getattr(parser_module, "_plans", None)
    if isinstance(plans, IdentityMemo):
        plans.clear()


@pytest.fixture
def switch_often() -> object:
    """Threads switch every few microseconds instead of every 5 ms: interleavings
    that a real pool meets over hours happen within the test."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield None
    sys.setswitchinterval(before)


def test_the_breaks_break_and_the_texts_parse() -> None:
    for n in range(len(BREAKS) * 2):
        assert isinstance(result_of(valid_text(n), "v.wol"), syntax.PlanFile)
        assert isinstance(result_of(invalid_text(n), "i.wol"), tuple), n


@pytest.mark.usefixtures("switch_often")
def test_parses_on_threads_equal_the_parses_on_one_thread() -> None:
    count = PARSES
    names = [f"plan{n}.wol" for n in range(count)]
    expected = [result_of(text(n), names[n]) for n in range(count)]
    assert sum(isinstance(r, tuple) for r in expected) == count // 10
    clear_caches()

    def run(worker: int) -> list[int]:
        wrong = []
        for n in range(worker, count, THREADS):
            if result_of(text(n), names[n]) != expected[n]:
                wrong.append(n)
        return wrong

    with ThreadPoolExecutor(THREADS) as pool:
        wrong = [n for found in pool.map(run, range(THREADS)) for n in found]
    assert wrong == [], f"{len(wrong)} of {count} parses differ on threads"
    # nothing went wrong, so nothing wrong was cached: the caches give the same again
    assert all(result_of(text(n), names[n]) == expected[n] for n in range(0, count, 97))


@pytest.mark.usefixtures("switch_often")
def test_identity_memo_under_threads() -> None:
    memo: IdentityMemo[int] = IdentityMemo(8)
    keys = [(object(), object()) for _ in range(64)]
    failures: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def run(worker: int) -> None:
        start.wait()
        try:
            for i in range(20_000):
                index = (i * 7 + worker) % len(keys)
                found = memo.get(*keys[index])
                assert found is None or found == index
                if found is None:
                    assert memo.put(index, *keys[index]) == index
        except BaseException as error:  # noqa: B036 (reported below, with the thread's count)
            failures.append(error)

    threads = [threading.Thread(target=run, args=(w,)) for w in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(memo._entries) <= memo.size
