"""Cold start of `workoutlang check` with its caches warm and with them empty (issue 11).

    .venv/bin/python bench/cold_start.py [--runs 30] [--plan examples/beginner.wol]

Each run is a fresh process. Three commands are timed in turn, round after
round, so that a change of the machine's load hits all three alike:
`check PLAN` with the caches filled by an earlier run, `check PLAN` with an
empty cache folder (what the first run after an install or an upgrade pays),
and `python -c "import lark"` (the reference of bench/run.py). Every run gets
its own HOME, XDG_CACHE_HOME and TMPDIR under one private folder, and the
byte-code cache a normal installation has (see bench/run.py, `_env`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _cli() -> list[str]:
    script = Path(PYTHON).parent / "workoutlang"
    return [str(script)] if script.exists() else [PYTHON, "-m", "workoutlang"]


def _env(work: Path, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(work / "pycache"), HOME=str(home),
               XDG_CACHE_HOME=str(home / ".cache"), TMPDIR=str(home / "tmp"))
    return env


def _fresh_home(work: Path, name: str) -> Path:
    home = work / name
    shutil.rmtree(home, ignore_errors=True)
    (home / "tmp").mkdir(parents=True)
    return home


def _timed(argv: list[str], work: Path, home: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=_env(work, home), capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} exits {done.returncode}: {done.stderr.decode()[-300:]}")
    return elapsed


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--runs", type=int, default=30)
    options.add_argument("--plan", default="examples/beginner.wol")
    args = options.parse_args()
    check = [*_cli(), "check", args.plan]
    load = os.getloadavg()[0]
    times: dict[str, list[float]] = {"warm": [], "empty": [], "lark": []}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        warm = _fresh_home(work, "warm")
        _timed(check, work, warm)  # fills the byte-code cache and the caches
        _timed([PYTHON, "-c", "import lark"], work, warm)
        for _ in range(args.runs):
            times["warm"].append(_timed(check, work, warm))
            times["empty"].append(_timed(check, work, _fresh_home(work, "empty")))
            times["lark"].append(_timed([PYTHON, "-c", "import lark"], work, warm))
        left = sorted(p.name for p in (warm / "tmp").iterdir())
    lark = min(times["lark"])
    print(f"{args.runs} runs each, load average {load:.2f} at the start, "
          f"{os.getloadavg()[0]:.2f} at the end")
    for name, label in (("warm", "check, caches warm"), ("empty", "check, caches empty"),
                        ("lark", 'python -c "import lark"')):
        best, median = min(times[name]), statistics.median(times[name])
        print(f"  {label:<26} best {best * 1000:6.1f} ms  median {median * 1000:6.1f} ms"
              f"  ({best / lark:.2f}x import lark)")
    print(f"  files left in TMPDIR: {left or 'none'}")


if __name__ == "__main__":
    main()
