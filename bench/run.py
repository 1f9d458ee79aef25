"""Benchmarks for workoutlang (issue 7): every figure beside its target.

    .venv/bin/python bench/run.py            # full run; writes results.json and README table
    .venv/bin/python bench/run.py --quick    # smaller sizes, fewer repeats; writes nothing
    .venv/bin/python bench/run.py --profile  # pyinstrument profiles of parse+check and start-up

Plans are generated from examples/*.wol (many plans, week blocks, deloads,
supersets, comments, exercise definitions). A stage whose module does not
exist yet, or that raises NotImplementedError, is reported as n/a. Times are
the best of several runs, garbage collector on, caches of workoutlang
cleared before each parse so that a parse is never a cache hit.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gc
import importlib
import importlib.util
import json
import os
import platform
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results.json"
README = ROOT / "bench" / "README.md"
TABLE_START, TABLE_END = "<!-- results:start -->", "<!-- results:end -->"
COMPILE_TARGETS = ("json", "fit", "garmin-connect", "html")
NA = "n/a (not available yet)"
# not compiled at 100k lines: minutes each, and not what anyone compiles
BIG_SKIPPED = {"fit": "tens of thousands of FIT files",
               "html": "a page of ~85 MB; 16 s when measured once"}

# --- plan generator -------------------------------------------------------------------

_LOAD = re.compile(r"(@ (?:bw\+)?)(\d+(?:\.\d+)?)(kg|lb)\b")
_PLAN_NAME = re.compile(r'^plan "([^"]*)"')
_WEEKS = re.compile(r"\bweeks \d+")
_FALLBACK = re.compile(r"```wol\n(.*?)```", re.S)


# a line only language v2 has: a max, a wave, a rotation, %tm, /session, N per week,
# a double progression, a supplement plan, a second set group
_V2 = re.compile(r"^\s+(max|rotation) |\bwave\b|%tm|/session|per week|progress double|"
                 r"\bsupplement\b|, \d+x", re.M)


def _example_sources(v2: bool = False) -> list[str]:
    """The examples written with language v2 constructs if `v2`, else the others (the
    runner plans: the benchmark's input stays what its earlier figures measured), or
    the plan in the README when there are none yet."""
    files = sorted((ROOT / "examples").glob("*.wol"))
    if files:
        texts = [f.read_text(encoding="utf-8") for f in files]
        return [t for t in texts if bool(_V2.search(t)) == v2]
    return _FALLBACK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def _top_chunks(text: str) -> list[str]:
    """Top-level blocks (plan, exercise), each with the comment lines just above it."""
    lines = text.rstrip("\n").split("\n")
    heads = [i for i, line in enumerate(lines)
             if line[:1] not in ("", " ", "#") and line.strip()]
    starts = []
    for head in heads:
        start = head
        while start > 0 and lines[start - 1].startswith("#"):
            start -= 1
        starts.append(start)
    ends = [*starts[1:], len(lines)]
    return ["\n".join(lines[s:e]).rstrip("\n") for s, e in zip(starts, ends, strict=True)]


def _pieces(v2: bool = False) -> tuple[list[str], list[str]]:
    """(exercise definitions, plans) from the examples; definitions deduplicated."""
    defs: dict[str, str] = {}
    plans: list[str] = []
    for source in _example_sources(v2):
        for chunk in _top_chunks(source):
            header = next(line for line in chunk.split("\n") if not line.startswith("#"))
            if header.startswith("exercise"):
                defs.setdefault(header, chunk)
            elif header.startswith("plan"):
                plans.append(chunk)
    return list(defs.values()), plans


def _code(line: str) -> str:
    return line.split("#", 1)[0].strip()


def _vary(plan: str, n: int) -> str:
    """Plan number `n`: its own name and its own loads."""
    def load(match: re.Match[str]) -> str:
        step = 2.5 if match.group(3) == "kg" else 5.0
        amount = float(match.group(2)) + step * (n % 5)
        return f"{match.group(1)}{amount:g}{match.group(3)}"

    lines = plan.split("\n")
    out = []
    for line in lines:
        if line.startswith("plan "):
            line = _PLAN_NAME.sub(lambda m: f'plan "{m.group(1)} #{n}"', line)
        out.append(_LOAD.sub(load, line))
    return "\n".join(out)


def _has_week_blocks(plan: str) -> bool:
    return any(_code(line).startswith("week ") for line in plan.split("\n"))


def _periodised(plan: str, bare: bool = False) -> str:
    """A 16-week version of a plan with explicit lighter weeks 4, 8, 12 and 16: week
    blocks repeating the sessions, or bare deload weeks (language v2) if `bare`."""
    lines = plan.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("plan "))
    header = _WEEKS.sub("weeks 16", lines[at]) if _WEEKS.search(lines[at]) else \
        lines[at].replace(":", " weeks 16:", 1)
    body = [line for line in lines[at + 1:] if _code(line)]
    out = [*lines[:at], header, *lines[at + 1:]]
    for week in (4, 8, 12, 16):
        percent = "50" if week == 16 else "60"
        if bare:
            out.append(f"  week {week} deload {percent}%")
            continue
        out.append(f"\n  week {week} deload {percent}%:")
        out.extend("  " + line for line in body)
    return "\n".join(out)


def generate_plan(lines: int, seed: int = 0, v2: bool = False) -> str:
    """A realistic plan file of about `lines` lines (never fewer).

    The example plans in turn, each renamed with its own loads; every fifth
    plan (unless it has week blocks) becomes a 16-week plan with explicit deload
    weeks. The exercise definitions of the examples come once, at the top.
    A plan written with language v2 constructs gets bare deload weeks instead (its
    max and rotation lines cannot go in a week block). With `v2`, only the examples
    written with them (set schemes, waves, maxes, rotations, sessions a week...).
    """
    defs, plans = _pieces(v2)
    out = [f"# generated by bench/run.py ({lines} lines, seed {seed}{', v2' if v2 else ''})",
           "", *defs, ""]
    count = sum(chunk.count("\n") + 1 for chunk in out)
    n = seed * 100_000
    while count < lines:
        plan = _vary(plans[n % len(plans)], n)
        if n % 5 == 2 and not _has_week_blocks(plan):
            plan = _periodised(plan, bare=bool(_V2.search(plan)))  # max lines stay out
        out.extend((plan, ""))
        count += plan.count("\n") + 2
        n += 1
    return "\n".join(out)


def plan_sixteen_weeks() -> str:
    """A 16-week, 3-session plan (the PDF benchmark): the example with the most
    sessions, week blocks dropped, sessions repeated to make three."""
    _, plans = _pieces()

    def sessions(plan: str) -> list[list[str]]:
        found: list[list[str]] = []
        for line in plan.split("\n"):
            if line.startswith("  ") and not line.startswith("   ") and _code(line):
                found.append([])  # a session, or a week block (dropped below)
            if found:
                found[-1].append(line)
        for s in found:
            while not _code(s[-1]):
                s.pop()  # comments and blank lines that belong to the next block
        return [s for s in found if _code(s[0]).startswith("session ")]

    plan = max(plans, key=lambda p: len(sessions(p)))
    header = next(line for line in plan.split("\n") if line.startswith("plan "))
    header = _WEEKS.sub("weeks 16", header) if _WEEKS.search(header) else \
        header.replace(":", " weeks 16:", 1)
    chosen = sessions(plan)
    while len(chosen) < 3:
        extra = list(chosen[len(chosen) % len(chosen)])
        extra[0] = re.sub(r'"([^"]*)"( on [a-z, ]+)?', r'"\1 (again)" on sat', extra[0], count=1)
        chosen.append(extra)
    # Stretched to 16 weeks with no deload, its weekly steps run away (WOL108, WOL109):
    # true, and beside the point of a PDF benchmark.
    quiet = "# wol: disable=WOL108,WOL109"
    return "\n".join([quiet, header, *(line for s in chosen[:3] for line in s)]) + "\n"


# --- measuring ---------------------------------------------------------------------------


class NotAvailable(Exception):
    """A stage that does not exist yet."""


def _workoutlang_missing(error: ImportError) -> bool:
    return (error.name or "").startswith("workoutlang")


def attempt(stage: Callable[[], Any]) -> tuple[Any, str | None]:
    """Run `stage`; (result, None) or (None, why it could not run)."""
    try:
        return stage(), None
    except NotImplementedError:
        return None, NA
    except NotAvailable as why:
        return None, str(why) or NA
    except ImportError as error:
        if _workoutlang_missing(error):
            return None, NA
        return None, f"failed: {type(error).__name__}: {error}"
    except Exception as error:  # a stage that crashes on a valid plan is a finding
        return None, f"failed: {type(error).__name__}: {str(error)[:200]}"


def reset_caches() -> None:
    """Clear every cache in workoutlang (functools caches, and module-level
    objects of workoutlang's own classes that have a `clear`, such as memo
    tables), then re-warm what one tiny plan needs (grammar, catalogue), so a
    timed stage misses every cache."""
    for name, module in list(sys.modules.items()):
        if name == "workoutlang" or name.startswith("workoutlang."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if not callable(clear) and not isinstance(value, type) and \
                        type(value).__module__.startswith("workoutlang"):
                    clear = getattr(value, "clear", None)
                if callable(clear):
                    clear()
    import workoutlang as wol

    tiny = 'plan "warm-up":\n  session "a" on mon:\n    plank 3x45s\n'
    try:
        wol.check(wol.parse(tiny, "warm-up.wol"))
    except NotImplementedError:
        pass


def best_of(run: Callable[[], object], repeats: int, budget: float,
            setup: Callable[[], object] | None = None) -> float:
    """The fastest of up to `repeats` runs; stops early once `budget` seconds are spent."""
    times: list[float] = []
    began = time.perf_counter()
    for _ in range(repeats):
        if setup is not None:
            setup()
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        if time.perf_counter() - began > budget:
            break
    return min(times)


def peak_memory(lines: int) -> tuple[int, int]:
    """(peak, still held after) traced bytes of parsing a generated plan of
    `lines` lines in a fresh process (grammar loaded, nothing else cached),
    the tree kept alive: what a one-shot `workoutlang check` pays."""
    done = subprocess.run([PYTHON, str(Path(__file__).resolve()), "--memory-of", str(lines)],
                          capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout)
    return figures["peak"], figures["kept"]


def _memory_of(lines: int) -> None:
    """The child process of `peak_memory`."""
    import workoutlang as wol

    wol.parse('plan "warm-up":\n  session "a" on mon:\n    plank 3x45s\n', "warm-up.wol")
    text = generate_plan(lines)
    gc.collect()
    tracemalloc.start()
    tree = wol.parse(text, "bench.wol")
    gc.collect()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"peak": peak, "kept": kept, "plans": len(tree.plans)}))


# --- per-size figures ------------------------------------------------------------------


def stage_figure(seconds: float | None, lines: int, why: str | None) -> dict[str, Any]:
    if seconds is None:
        return {"status": why or NA}
    return {"seconds": round(seconds, 5), "lines_per_s": round(lines / seconds)}


def measure_size(size: int, repeats: int, budget: float, compile_budget: float,
                 rates: dict[str, float]) -> dict[str, Any]:
    """parse, check, expand and compile one generated plan of about `size` lines."""
    import workoutlang as wol

    text = generate_plan(size)
    lines = text.count("\n") + 1
    out: dict[str, Any] = {"size": size, "lines": lines, "bytes": len(text.encode())}
    stages: dict[str, dict[str, Any]] = {}
    out["stages"] = stages
    print(f"\n== {size:,} lines ({lines:,} lines, {out['bytes'] / 1e6:.2f} MB) ==", flush=True)

    tree = wol.parse(text, "bench.wol")
    parse_s = best_of(lambda: wol.parse(text, "bench.wol"), repeats, budget, reset_caches)
    stages["parse"] = stage_figure(parse_s, lines, None)

    def check() -> float:
        found = wol.check(tree)
        out["diagnostics"] = _count(found)
        return best_of(lambda: wol.check(tree), repeats, budget, reset_caches)

    check_s, why = attempt(check)
    stages["check"] = stage_figure(check_s, lines, why)

    def both() -> float:
        if check_s is None:
            raise NotAvailable(why)
        return best_of(lambda: wol.check(wol.parse(text, "bench.wol")), repeats, budget,
                       reset_caches)

    both_s, why_both = attempt(both)
    stages["parse+check"] = stage_figure(both_s, lines, why_both)

    def expand() -> float:
        from workoutlang.catalogue import load_catalogue
        from workoutlang.expand import expand as expand_plan

        catalogue = load_catalogue().with_definitions(tree.exercises)
        return best_of(lambda: [expand_plan(p, catalogue) for p in tree.plans],
                       repeats, budget, reset_caches)

    expand_s, why = attempt(expand)
    stages["expand"] = stage_figure(expand_s, lines, why)

    program, why_program = attempt(lambda: _program(tree))
    outputs: dict[str, Any] = {}
    for target in COMPILE_TARGETS:
        key = f"compile {target}"
        if program is None:
            stages[key] = {"status": why_program or NA}
            continue
        estimate = lines / rates[target] if target in rates else 0.0
        if size > 20_000 and target in BIG_SKIPPED:
            stages[key] = {"status": f"skipped above 20k lines ({BIG_SKIPPED[target]})"}
            continue
        needed = target == "json" and size <= 20_000  # the json.loads ratio needs it
        if not needed and estimate > compile_budget:
            stages[key] = {"status": f"skipped (about {estimate:.0f} s at the "
                                     f"{rates.get(target, 0):,.0f} lines/s of a smaller plan)"}
            continue

        def emit(target: str = target) -> float:
            from workoutlang.backends import emit as emit_target

            return best_of(lambda: outputs.__setitem__(target, emit_target(program, target)),
                           repeats, budget)

        seconds, why = attempt(emit)
        stages[key] = stage_figure(seconds, lines, why)
        if seconds is not None:
            rates[target] = lines / seconds
            made = outputs[target]
            stages[key]["output"] = (f"{len(made)} files" if isinstance(made, dict)
                                     else f"{len(made) / 1e6:.2f} MB")

    data = outputs.get("json")
    if isinstance(data, bytes):
        # what the json target writes (weeks expanded), and its `written` part only:
        # the plan as the author wrote it, the closer match to what a parse yields
        full = data.decode("utf-8")
        document = json.loads(full)
        for plan in document.get("plans", []):
            plan.pop("weeks", None)
        written = json.dumps(document, indent=2, ensure_ascii=False)
        for name, text_json in (("json", full), ("written json", written)):
            loads_s = best_of(functools.partial(json.loads, text_json), max(repeats, 5),
                              budget)
            out[f"{name} bytes"] = len(text_json.encode())
            out[f"{name} loads_s"] = round(loads_s, 5)
            for stage in ("parse", "parse+check"):
                seconds = stages[stage].get("seconds")
                out[f"ratio {stage} / {name}"] = round(seconds / loads_s, 2) if seconds else None

    peak, kept = peak_memory(size)
    out["peak_parse_bytes"], out["kept_parse_bytes"] = peak, kept
    out["peak_parse_ratio"] = round(peak / out["bytes"], 2)
    _print_size(out)
    return out


def _program(tree: Any) -> Any:
    from workoutlang.compiler import build_program

    return build_program(tree)


def _count(found: list[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for d in found:
        key = f"{d.severity.value} {d.code}"
        counts[key] = counts.get(key, 0) + 1
    return counts


def _print_size(out: dict[str, Any]) -> None:
    for name, figure in out["stages"].items():
        if "seconds" in figure:
            extra = f"  ({figure['output']})" if "output" in figure else ""
            print(f"  {name:<24} {figure['seconds']:9.3f} s  {figure['lines_per_s']:>10,} "
                  f"lines/s{extra}")
        else:
            print(f"  {name:<24} {figure['status']}")
    if "diagnostics" in out:
        print(f"  diagnostics of the generated plan: {out['diagnostics'] or 'none'}")
    for name in ("json", "written json"):
        if f"{name} loads_s" in out:
            print(f"  {'json.loads of ' + name:<24} {out[f'{name} loads_s']:9.3f} s  "
                  f"({out[f'{name} bytes'] / 1e6:.2f} MB)")
            for stage in ("parse", "parse+check"):
                ratio = out.get(f"ratio {stage} / {name}")
                if ratio is not None:
                    print(f"    {stage} / json.loads of {name}: {ratio:.1f}x")
    print(f"  {'peak memory of parse':<24} {out['peak_parse_bytes'] / 1e6:9.1f} MB  "
          f"({out['peak_parse_ratio']:.1f}x the source; "
          f"{out['kept_parse_bytes'] / 1e6:.1f} MB still held after)", flush=True)


# --- the command line, cold ----------------------------------------------------------------


def _cli() -> list[str]:
    script = Path(PYTHON).parent / "workoutlang"
    return [str(script)] if script.exists() else [PYTHON, "-m", "workoutlang"]


def _env(work: Path) -> dict[str, str]:
    """The environment of a user's run: byte code cached (here in `work`, not the repo)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(argv, cwd=cwd, env=_env(cwd), capture_output=True, check=False)


def _error_line(done: subprocess.CompletedProcess[bytes]) -> str:
    lines = done.stderr.decode(errors="replace").strip().splitlines()
    found = [line for line in lines if "error" in line] or lines or [""]
    return found[0][:200]


def best_process(argv: list[str], runs: int, cwd: Path) -> tuple[float, int]:
    """Best wall time of `runs` runs after one warm-up (byte code, grammar cache)."""
    code = _run(argv, cwd).returncode
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        code = _run(argv, cwd).returncode
        times.append(time.perf_counter() - start)
    return min(times), code


def cold_start(work: Path, runs: int) -> dict[str, Any]:
    small = work / "small.wol"
    small.write_text(generate_plan(40), encoding="utf-8")
    check_s, code = best_process([*_cli(), "check", small.name], runs, work)
    lark_s, _ = best_process([PYTHON, "-c", "import lark"], runs, work)
    # the floor: the two given dependencies every check loads, before any of ours
    floor_s, _ = best_process([PYTHON, "-c", "import attrs, lark"], runs, work)
    out: dict[str, Any] = {"check_s": round(check_s, 4), "import_lark_s": round(lark_s, 4),
                           "ratio": round(check_s / lark_s, 2), "exit": code,
                           "import_attrs_lark_s": round(floor_s, 4),
                           "floor_ratio": round(floor_s / lark_s, 2)}
    if code not in (0, 1):
        done = _run([*_cli(), "check", small.name], work)
        out["status"] = f"check exits {code}: {_error_line(done)}"
    return out


def batch_scaling(work: Path, files: int, lines: int, runs: int) -> dict[str, Any]:
    """`compile plans/*.wol --to json -j 1` against `-j 2`."""
    plans = work / "plans"
    plans.mkdir()
    for i in range(files):
        (plans / f"plan{i:03}.wol").write_text(generate_plan(lines, seed=i + 1),
                                                encoding="utf-8")
    sources = sorted(str(p.relative_to(work)) for p in plans.glob("*.wol"))
    out: dict[str, Any] = {"files": files, "lines_each": lines}
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for jobs in (1, 2):  # interleaved, so that a change of load hits both alike
            argv = [*_cli(), "compile", *sources, "--to", "json", "-o", f"out{jobs}",
                    "-j", str(jobs)]
            start = time.perf_counter()
            done = _run(argv, work)
            times[jobs].append(time.perf_counter() - start)
            if done.returncode != 0:
                raise NotAvailable(f"compile exits {done.returncode}: {_error_line(done)}")
    out["j1_s"], out["j2_s"] = round(min(times[1]), 3), round(min(times[2]), 3)
    out["speedup"] = round(out["j1_s"] / out["j2_s"], 2)
    return out


# --- the language server -------------------------------------------------------------------


class LspClient:
    """Just enough of a JSON-RPC client over stdio to time diagnostics."""

    def __init__(self, argv: list[str], stderr: Any, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=stderr, env=env)
        self.inbox: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.lock = threading.Lock()
        self.ids = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            arrived = time.perf_counter()
            if "method" in message and "id" in message:  # a request from the server
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                continue
            self.inbox.put((arrived, message))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode()
        stream = self.process.stdin
        assert stream is not None
        with self.lock:
            stream.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            stream.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict[str, Any] | None,
                timeout: float = 60) -> Any:
        self.ids += 1
        self.send({"jsonrpc": "2.0", "id": self.ids, "method": method, "params": params})
        _, reply = self.wait(lambda m: m.get("id") == self.ids, timeout)
        return reply.get("result")

    def wait(self, wanted: Callable[[dict[str, Any]], bool],
             timeout: float) -> tuple[float, dict[str, Any]]:
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or self.process.poll() is not None:
                raise NotAvailable("the language server sent nothing in time"
                                   if left <= 0 else "the language server stopped")
            try:
                arrived, message = self.inbox.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            if wanted(message):
                return arrived, message

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=5)
            self.notify("exit", {})
            self.process.wait(timeout=5)
        except (NotAvailable, subprocess.TimeoutExpired, OSError):
            self.process.kill()
            self.process.wait()


def _edit_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(line index, old line, new line) edits of one load near the middle, each new."""
    lines = text.split("\n")
    index = next(i for i in range(len(lines) // 2, len(lines)) if _LOAD.search(lines[i]))
    line = lines[index]
    for n in range(1, 10_000):
        amount = f"{20 + n * 0.5:g}"
        new = _LOAD.sub(rf"\g<1>{amount}\g<3>", line, count=1)
        yield index, line, new
        line = new


def recheck_in_process(text: str, runs: int) -> dict[str, float]:
    """What the server's re-check costs without the protocol: parse after a
    one-line edit (the parser's caches warm from the text before) and check."""
    import workoutlang as wol

    reset_caches()
    wol.check(wol.parse(text, "lsp.wol"))
    lines = text.split("\n")
    parse_times, check_times = [], []
    for _, (index, _old, new) in zip(range(runs), _edit_lines(text), strict=False):
        lines[index] = new
        edited = "\n".join(lines)
        start = time.perf_counter()
        tree = wol.parse(edited, "lsp.wol")
        middle = time.perf_counter()
        wol.check(tree)
        parse_times.append(middle - start)
        check_times.append(time.perf_counter() - middle)
    return {"parse_s": round(min(parse_times), 4), "check_s": round(min(check_times), 4)}


def lsp_recheck(work: Path, runs: int) -> dict[str, Any]:
    """Time from a one-line didChange to its publishDiagnostics, 1,000-line file."""
    if importlib.util.find_spec("workoutlang.lsp") is None:
        raise NotAvailable(NA)
    text = generate_plan(1000)
    path = work / "lsp.wol"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    with open(work / "lsp-stderr.txt", "wb") as stderr:
        client = LspClient([PYTHON, "-m", "workoutlang", "lsp"], stderr, _env(work))
        try:
            return {**_drive(client, text, uri, runs),
                    "in_process": recheck_in_process(text, runs)}
        except NotAvailable as why:
            stderr.flush()
            tail = (work / "lsp-stderr.txt").read_text(errors="replace").strip()[-300:]
            raise NotAvailable(f"{why}{': ' + tail if tail else ''}") from None
        finally:
            client.close()


def _drive(client: LspClient, text: str, uri: str, runs: int) -> dict[str, Any]:
    init = client.request("initialize", {
        "processId": os.getpid(), "rootUri": None, "capabilities": {
            "textDocument": {"publishDiagnostics": {"versionSupport": True},
                             "synchronization": {"didSave": False}}}})
    sync = (init or {}).get("capabilities", {}).get("textDocumentSync", 1)
    incremental = (sync.get("change", 1) if isinstance(sync, dict) else sync) == 2
    client.notify("initialized", {})

    def published(version: int) -> Callable[[dict[str, Any]], bool]:
        def wanted(m: dict[str, Any]) -> bool:
            params = m.get("params") or {}
            return (m.get("method") == "textDocument/publishDiagnostics"
                    and params.get("uri") == uri
                    and params.get("version", version) == version)
        return wanted

    start = time.perf_counter()
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "workoutlang", "version": 1, "text": text}})
    arrived, _ = client.wait(published(1), 60)
    first = arrived - start
    lines = text.split("\n")
    times = []
    for version, (index, old, new) in zip(range(2, runs + 2), _edit_lines(text),
                                           strict=False):
        lines[index] = new
        if incremental:
            change: dict[str, Any] = {"range": {"start": {"line": index, "character": 0},
                                                "end": {"line": index, "character": len(old)}},
                                      "text": new}
        else:
            change = {"text": "\n".join(lines)}
        start = time.perf_counter()
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        arrived, _ = client.wait(published(version), 30)
        times.append(arrived - start)
    return {"first_check_s": round(first, 4), "recheck_s": round(min(times), 4),
            "median_s": round(sorted(times)[len(times) // 2], 4),
            "sync": "incremental" if incremental else "full", "runs": len(times)}


# --- PDF -------------------------------------------------------------------------------------


def pdf_time(runs: int) -> dict[str, Any]:
    import workoutlang as wol
    from workoutlang.backends import emit

    text = plan_sixteen_weeks()
    program = _program(wol.parse(text, "sixteen.wol"))
    start = time.perf_counter()
    made = emit(program, "pdf")
    first = time.perf_counter() - start
    best = best_of(lambda: emit(program, "pdf"), runs, 60)
    assert isinstance(made, bytes)
    return {"first_s": round(first, 3), "best_s": round(best, 3), "pdf_bytes": len(made),
            "lines": text.count("\n")}


# --- targets and reports ---------------------------------------------------------------------


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{value * 1000:.0f} ms" if unit == "ms" else f"{value:.2f}{unit}"


def targets(results: dict[str, Any]) -> list[dict[str, str]]:
    """Each target of issue 7 with its figure and PASS, FAIL or n/a."""
    sizes = {s["size"]: s for s in results["sizes"]}
    rows: list[dict[str, str]] = []

    def row(name: str, figure: str, target: str, ok: bool | None, note: str = "") -> None:
        status = "n/a" if ok is None else "PASS" if ok else "FAIL"
        note = note.removeprefix("n/a").strip(" ()")
        rows.append({"name": name, "figure": figure, "target": target,
                     "status": status + (f" ({note})" if note else "")})

    ratio_size = 20_000 if 20_000 in sizes else max(sizes)
    for name, label in (("json", "json output"), ("written json", "its `written` part")):
        ratio = sizes[ratio_size].get(f"ratio parse+check / {name}")
        row(f"parse+check {ratio_size // 1000}k / json.loads of {label}", _fmt(ratio, "x"),
            "<= 20x (stretch <= 12x)", None if ratio is None else ratio <= 20,
            "" if ratio is None else f"stretch {'PASS' if ratio <= 12 else 'FAIL'}")

    big, small = max(sizes), 10_000 if max(sizes) > 10_000 else min(sizes)
    peak = sizes[big]["peak_parse_ratio"]
    row(f"peak memory of parse at {big // 1000}k / source", _fmt(peak, "x"), "<= 10x",
        peak <= 10)

    def linear(figure: Callable[[dict[str, Any]], float | None]) -> float | None:
        low, high = figure(sizes[small]), figure(sizes[big])
        if low is None or high is None or big == small:
            return None
        return float((high / sizes[big]["lines"]) / (low / sizes[small]["lines"]))

    label = f"{big // 1000}k vs {big // small}x {small // 1000}k"
    memory = linear(lambda s: s["peak_parse_bytes"])
    row(f"memory linearity, {label}", _fmt(memory, "x"), "<= 1.3x",
        None if memory is None else memory <= 1.3)
    parse_time = linear(lambda s: s["stages"]["parse"].get("seconds"))
    row(f"parse time linearity, {label}", _fmt(parse_time, "x"), "<= 1.3x",
        None if parse_time is None else parse_time <= 1.3)

    cold = results.get("cold_start", {})
    ratio = cold.get("ratio")
    row("cold start check / import lark",
        f"{_fmt(ratio, 'x')} ({_fmt(cold.get('check_s'), 'ms')} vs "
        f"{_fmt(cold.get('import_lark_s'), 'ms')})" if ratio else "n/a",
        "<= 1.5x", None if ratio is None or "status" in cold else ratio <= 1.5,
        cold.get("status", ""))
    floor = cold.get("floor_ratio")
    if floor is not None:
        row("· its floor: import attrs, lark / import lark",
            f"{_fmt(floor, 'x')} ({_fmt(cold.get('import_attrs_lark_s'), 'ms')})",
            "(for reference)", None)

    lsp = results.get("lsp", {})
    recheck = lsp.get("recheck_s")
    row("LSP re-check after a one-line edit, 1k lines", _fmt(recheck, "ms"), "< 50 ms",
        None if recheck is None else recheck < 0.050, lsp.get("status", ""))

    batch = results.get("batch", {})
    speedup = batch.get("speedup")
    row("compile --to json: -j 2 over -j 1",
        f"{_fmt(speedup, 'x')} ({batch.get('j1_s')} s vs {batch.get('j2_s')} s)"
        if speedup else "n/a", ">= 1.7x", None if speedup is None else speedup >= 1.7,
        batch.get("status", ""))
    return rows


def print_targets(rows: list[dict[str, str]], results: dict[str, Any]) -> None:
    print("\n== targets (issue 7) ==")
    for r in rows:
        print(f"  {r['name']:<46} {r['figure']:<26} target {r['target']:<24} {r['status']}")
    pdf = results.get("pdf", {})
    if "best_s" in pdf:
        print(f"  PDF of a 16-week, 3-session plan: {pdf['best_s']:.2f} s "
              f"(first, with the WeasyPrint import: {pdf['first_s']:.2f} s); no target")
    else:
        print(f"  PDF of a 16-week, 3-session plan: {pdf.get('status', 'n/a')}")
    lsp = results.get("lsp", {})
    if "first_check_s" in lsp:
        print(f"  LSP first diagnostics after didOpen: {lsp['first_check_s'] * 1000:.0f} ms; "
              f"median re-check {lsp['median_s'] * 1000:.0f} ms ({lsp['sync']} sync); "
              f"in process: re-parse {lsp['in_process']['parse_s'] * 1000:.0f} ms + check "
              f"{lsp['in_process']['check_s'] * 1000:.0f} ms")


def machine() -> dict[str, Any]:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), "")
    def git(*args: str) -> str:  # read-only questions
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " + uncommitted changes"
    import lark

    import workoutlang

    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpu": cpu, "cores": os.cpu_count(), "lark": lark.__version__,
            "workoutlang": workoutlang.__version__, "commit": commit}


def markdown_table(results: dict[str, Any], rows: list[dict[str, str]]) -> str:
    def cell(figure: dict[str, Any]) -> str:
        if "seconds" in figure:
            return f"{figure['seconds']:.3f} s ({figure['lines_per_s']:,}/s)"
        return "n/a" if figure["status"].startswith("n/a") else figure["status"].split(" (")[0]

    names = list(results["sizes"][0]["stages"])
    out = [f"Run {results['date']} on {results['machine']['cpu'] or 'unknown CPU'}, "
           f"{results['machine']['cores']} cores, Python {results['machine']['python']}, "
           f"Lark {results['machine']['lark']}, commit {results['machine']['commit']}; "
           "load average {:.1f} at the start, {:.1f} at the end.".format(
               *results["machine"]["load_average"]), "",
           "| target | figure | wanted | result |", "|---|---|---|---|"]
    out += [f"| {r['name']} | {r['figure']} | {r['target']} | {r['status']} |" for r in rows]
    out += ["", "Seconds (source lines a second), best of several runs:", "",
            "| lines | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    out += [f"| {size['lines']:,} | " + " | ".join(cell(size["stages"][n]) for n in names)
            + " |" for size in results["sizes"]]

    def loads(size: dict[str, Any], name: str) -> str:
        if f"{name} loads_s" not in size:
            return "n/a"
        return (f"{size[f'{name} loads_s']:.3f} s of {size[f'{name} bytes'] / 1e6:.1f} MB "
                f"({size.get(f'ratio parse+check / {name}') or 'n/a'}x)")

    out += ["", "| lines | source | json.loads of the output (parse+check ×) | json.loads "
            "of its `written` part (×) | peak memory of parse | held after |",
            "|---|---|---|---|---|---|"]
    out += [f"| {size['lines']:,} | {size['bytes'] / 1e6:.2f} MB | {loads(size, 'json')} | "
            f"{loads(size, 'written json')} | {size['peak_parse_bytes'] / 1e6:.1f} MB "
            f"({size['peak_parse_ratio']:.1f}x) | {size['kept_parse_bytes'] / 1e6:.1f} MB |"
            for size in results["sizes"]]
    pdf = results.get("pdf", {})
    out += ["", "PDF, 16 weeks x 3 sessions: " + (
        f"{pdf['best_s']:.2f} s ({pdf['first_s']:.2f} s with the WeasyPrint import)."
        if "best_s" in pdf else pdf.get("status", "n/a") + ".")]
    return "\n".join(out)


def write_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    block = f"{TABLE_START}\n{table}\n{TABLE_END}"
    if TABLE_START in text and TABLE_END in text:
        head, rest = text.split(TABLE_START, 1)
        text = head + block + rest.split(TABLE_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Results\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


# --- profiles --------------------------------------------------------------------------------


_GROUPS = (  # file path fragment → where the time goes, first match wins
    ("lark/lexer.py", "lark lexer"), ("lark/indenter.py", "lark indenter"),
    ("lark/parsers/", "lark LALR parser"), ("lark/parse_tree_builder.py", "lark callbacks"),
    ("lark/visitors.py", "lark callbacks"), ("lark/", "lark (other)"),
    ("workoutlang/parser/", "workoutlang parser (transformer, chunks)"),
    ("workoutlang/syntax.py", "syntax tree properties"),
    ("attrs generated", "attrs __init__ of nodes"), ("workoutlang/expand.py", "expand"),
    ("workoutlang/checks/", "checks"), ("workoutlang/catalogue.py", "catalogue"),
    ("workoutlang/backends/", "backends"), ("json/", "json.dumps"),
    ("workoutlang/", "workoutlang (other)"),
)


def _group(path: str) -> str | None:
    return next((name for fragment, name in _GROUPS if fragment in path), None)


def self_times(root: Any) -> tuple[dict[str, float], dict[str, float], float]:
    """Self time by group and by function from a pyinstrument frame tree; time in
    built-ins (regex matching, str methods) goes to the group of their caller."""
    groups: dict[str, float] = {}
    functions: dict[str, float] = {}
    stack = [(root, "other")]
    while stack:
        frame, parent_group = stack.pop()
        path = f"{frame.file_path or ''} {frame.function or ''}"
        group = _group(path) or parent_group
        children = [c for c in frame.children if not c.is_synthetic_leaf]
        own = frame.time - sum(c.time for c in children)
        if not frame.is_synthetic:
            groups[group] = groups.get(group, 0.0) + own
            where = (frame.file_path_short or "").replace(str(ROOT) + "/", "")
            key = f"{frame.function}  {where}:{frame.line_no}"
            functions[key] = functions.get(key, 0.0) + own
        stack.extend((c, group) for c in children)
    return groups, functions, float(root.time)


def _print_self_times(root: Any, top: int) -> None:
    groups, functions, total = self_times(root)
    print("  by part (self time, built-ins counted with their caller):")
    for name, seconds in sorted(groups.items(), key=lambda kv: -kv[1]):
        print(f"    {seconds:7.3f} s  {100 * seconds / total:5.1f}%  {name}")
    print(f"  top {top} functions by self time:")
    for name, seconds in sorted(functions.items(), key=lambda kv: -kv[1])[:top]:
        print(f"    {seconds:7.3f} s  {100 * seconds / total:5.1f}%  {name}")


def _import_times(work: Path, small: Path) -> None:
    """`python -X importtime`: the slowest top-level imports of `workoutlang check`."""
    done = subprocess.run([PYTHON, "-X", "importtime", "-m", "workoutlang", "check",
                           str(small)], cwd=work, env=_env(work), capture_output=True,
                          text=True, check=False)
    rows = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            name = parts[2].rstrip()
            depth = (len(name) - len(name.lstrip())) // 2
            rows.append((int(parts[1]), depth, name.strip()))
    print("  slowest imports (cumulative ms; nesting depth 1 = imported by the top):")
    for cumulative, depth, name in sorted((r for r in rows if r[1] <= 2),
                                          key=lambda r: -r[0])[:15]:
        print(f"    {cumulative / 1000:7.1f} ms  {'  ' * depth}{name}")


def profile() -> None:
    """Where the time goes: pyinstrument of parse and check at 20k lines, and of
    `workoutlang check small.wol` from a cold start."""
    from pyinstrument import Profiler

    import workoutlang as wol

    text = generate_plan(20_000)
    tree = wol.parse(text, "bench.wol")
    small_tree = wol.parse(generate_plan(2_000), "bench.wol")
    stages: dict[str, Callable[[], object]] = {
        "parse, 20k lines": lambda: wol.parse(text, "bench.wol"),
        "check, 20k lines": lambda: wol.check(tree),
        "compile json, 2k lines": lambda: wol.compile(small_tree, "json"),
    }
    for name, stage in stages.items():
        reset_caches()
        profiler = Profiler(interval=0.001)
        profiler.start()
        _, why = attempt(stage)
        session = profiler.stop()
        print(f"\n== {name}: {session.duration:.2f} s under the profiler "
              f"({why or 'ran'}) ==")
        _print_self_times(session.root_frame(), 25)

    with tempfile.TemporaryDirectory(prefix="wol-profile-") as folder:
        work = Path(folder)
        small = work / "small.wol"
        small.write_text(generate_plan(40), encoding="utf-8")
        _run([*_cli(), "check", small.name], work)  # byte code and grammar cache
        print("\n== workoutlang check small.wol, cold start ==")
        _import_times(work, small)
        done = subprocess.run([PYTHON, "-c", _COLD_PROFILE, small.name], cwd=work,
                              env=_env(work), capture_output=True, text=True, check=False)
        print(done.stdout, done.stderr[-2000:])


# the whole of `workoutlang check`, imports included, in a fresh process
_COLD_PROFILE = """
import sys
from pyinstrument import Profiler
profiler = Profiler(interval=0.0005)
profiler.start()
from workoutlang.cli import main
try:
    main(["check", sys.argv[1]])
finally:
    profiler.stop()
print(profiler.output_text(unicode=False, color=False))
"""


# --- main ------------------------------------------------------------------------------------


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--quick", action="store_true",
                         help="1k and 10k lines, fewer repeats; results not written")
    options.add_argument("--profile", action="store_true",
                         help="print pyinstrument profiles instead of benchmarking")
    options.add_argument("--memory-of", type=int, metavar="LINES", help=argparse.SUPPRESS)
    args = options.parse_args()
    if args.memory_of:
        _memory_of(args.memory_of)
        return 0
    if args.profile:
        profile()
        return 0
    quick = args.quick
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 20_000, 100_000)
    runs = 3 if quick else 5
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"warning: load average {load:.1f}: other processes are running, and "
              "times will be slower and noisier than on a quiet machine", flush=True)
    results: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": "quick" if quick else "full", "machine": machine(), "sizes": []}
    rates: dict[str, float] = {}
    for size in sizes:
        # a compile target is skipped where the rate measured on the size before
        # predicts more than the budget (fit of 100k lines: tens of thousands of files)
        results["sizes"].append(measure_size(
            size, repeats=runs if size <= 20_000 else 2, budget=20 if quick else 60,
            compile_budget=10 if quick else 60, rates=rates))

    with tempfile.TemporaryDirectory(prefix="wol-bench-") as folder:
        work = Path(folder)
        print("\n== cold start, LSP, batch, PDF ==", flush=True)
        cold, why = attempt(lambda: cold_start(work, 5 if quick else 15))
        results["cold_start"] = cold or {"status": why}
        print(f"  cold start: {results['cold_start']}", flush=True)
        lsp, why = attempt(lambda: lsp_recheck(work, 5 if quick else 20))
        results["lsp"] = lsp or {"status": why}
        print(f"  lsp: {results['lsp']}", flush=True)
        files, lines = (8, 500) if quick else (40, 2000)
        batch, why = attempt(lambda: batch_scaling(work, files, lines, 1 if quick else 2))
        results["batch"] = batch or {"status": why}
        print(f"  batch: {results['batch']}", flush=True)
    pdf, why = attempt(lambda: pdf_time(1 if quick else 3))
    results["pdf"] = pdf or {"status": why}

    results["machine"]["load_average"] = [load, os.getloadavg()[0]]  # at start, at end
    rows = targets(results)
    results["targets"] = rows
    print_targets(rows, results)
    if quick:
        print("\nquick run: bench/results.json and bench/README.md left as they are")
        return 0
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    write_readme(markdown_table(results, rows))
    print(f"\nwrote {RESULTS.relative_to(ROOT)} and the table in {README.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
