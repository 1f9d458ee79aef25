"""Cold start of `workoutlang check` with its caches warm and with them empty (issue 11).

    .venv/bin/python bench/cold_start.py [--runs 30] [--plan examples/beginner.wol]
    .venv/bin/python bench/cold_start.py --against 146f3a7   # and that commit, interleaved

Each run is a fresh process, `python -m workoutlang check PLAN` with the
checkout on PYTHONPATH. The commands are timed in turn, round after round, so
that a change of the machine's load hits all of them alike: `check` with the
caches filled by an earlier run, `check` with the caches empty (what the first
run after an install or an upgrade pays), the same two for the commit given
by `--against` (unpacked with `git archive`), and `python -c "import lark"`
(the reference of bench/run.py). Every run gets its own HOME, XDG_CACHE_HOME
and TMPDIR under one private folder, and the byte-code cache a normal
installation has (see bench/run.py, `_env`).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _env(work: Path, home: Path, source: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(work / "pycache"), HOME=str(home), PYTHONPATH=str(source),
               XDG_CACHE_HOME=str(home / ".cache"), TMPDIR=str(home / "tmp"))
    return env


def _fresh_home(work: Path, name: str) -> Path:
    home = work / name
    shutil.rmtree(home, ignore_errors=True)
    (home / "tmp").mkdir(parents=True)
    return home


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _timed(argv: list[str], work: Path, home: Path, source: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run."""
    start, cpu = time.perf_counter(), _cpu()
    # (run in `work`: `python -m` puts the current folder first on sys.path)
    done = subprocess.run(argv, cwd=work, env=_env(work, home, source), capture_output=True)
    elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} exits {done.returncode}: {done.stderr.decode()[-300:]}")
    return elapsed, cpu


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--runs", type=int, default=30)
    options.add_argument("--plan", default="examples/beginner.wol")
    options.add_argument("--against", metavar="COMMIT", help="time this commit too")
    args = options.parse_args()
    check = [PYTHON, "-m", "workoutlang", "check", str(Path(args.plan).resolve())]
    lark = [PYTHON, "-c", "import lark"]
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sources = {"this checkout": ROOT}
        if args.against:
            sources[args.against] = work / "against"
            sources[args.against].mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.against],
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(sources[args.against])], input=archive,
                           check=True)
        times: dict[str, list[tuple[float, float]]] = {"lark": []}
        for label, source in sources.items():
            home = _fresh_home(work, f"warm {label}")
            where = subprocess.run(
                [PYTHON, "-c", "import workoutlang; print(workoutlang.__file__)"],
                cwd=work, env=_env(work, home, source), capture_output=True)
            assert where.stdout.decode().startswith(str(source)), where  # the code meant
            _timed(check, work, home, source)  # fills the byte-code cache and the caches
            times[f"{label}: check, caches warm"] = []
            times[f"{label}: check, caches empty"] = []
        _timed(lark, work, work)
        for _ in range(args.runs):
            for label, source in sources.items():
                times[f"{label}: check, caches warm"].append(
                    _timed(check, work, work / f"warm {label}", source))
                times[f"{label}: check, caches empty"].append(
                    _timed(check, work, _fresh_home(work, "empty"), source))
            times["lark"].append(_timed(lark, work, work))
        left = {label: sorted(p.name for p in (work / f"warm {label}" / "tmp").iterdir())
                for label in sources}
    print(f"{args.runs} runs each, load average {load:.2f} at the start, "
          f"{os.getloadavg()[0]:.2f} at the end; ms of wall time (best, median) and of "
          "CPU time (median), and the best wall time over import lark's")
    reference = min(wall for wall, _ in times["lark"])
    for label, measured in {"python -c 'import lark'": times.pop("lark"), **times}.items():
        walls, cpus = [wall for wall, _ in measured], [cpu for _, cpu in measured]
        print(f"  {label:<36} wall {min(walls) * 1000:4.0f} {statistics.median(walls) * 1000:4.0f}"
              f"  cpu {statistics.median(cpus) * 1000:4.0f}  {min(walls) / reference:.2f}x")
    for label, names in left.items():
        print(f"  {label}: files left in TMPDIR: {', '.join(names) or 'none'}")


if __name__ == "__main__":
    main()
