"""Mutation testing of the checks, the expansion, the calendar and the parser's value
handling, with mutmut (configured in pyproject.toml's [tool.mutmut]). Not part of the
test run; see tests/README.md.

    .venv/bin/python tests/mutation/run.py            # a fresh run, one worker
    .venv/bin/python tests/mutation/run.py --keep     # reuse mutants/ (only changes rerun)
    .venv/bin/python tests/mutation/run.py 'workoutlang.weeks.*'   # some mutants only
    .venv/bin/python tests/mutation/run.py --survivors  # rerun only what the last run
                                                          # did not catch (after new tests)

It prints the killed share and every surviving mutant; `.venv/bin/mutmut show NAME`
shows one mutant's diff. mutmut works in mutants/ (ignored by git).
"""

from __future__ import annotations

import argparse
import collections
import fnmatch
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The mutants that count, by mutmut's names (module, then `x_FUNCTION__mutmut_N`, or
# `xǁCLASSǁMETHOD__mutmut_N`). pyproject.toml's `only_mutate` lists the files to mutate;
# these patterns pick the functions inside them. The parser's value handling is the part
# of the parser that turns tokens into numbers, durations and nodes: the parser package's
# transform module.
TARGETS = (
    "workoutlang.checks.*",
    "workoutlang.expand.*",
    "workoutlang.logbook.*",
    "workoutlang.weeks.*",
    "workoutlang.parser.transform.*",
)

# How mutmut names an outcome → whether it counts as caught.
CAUGHT = {"killed", "timeout", "caught by type check"}
NOT_RUN = {"skipped", "not checked", "check was interrupted by user"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("patterns", nargs="*", help="mutant names or fnmatch patterns "
                        "(default: every target)")
    parser.add_argument("--keep", action="store_true",
                        help="reuse mutants/ from the last run instead of starting afresh")
    parser.add_argument("--survivors", action="store_true",
                        help="rerun only the mutants the last run did not catch (implies "
                        "--keep): a mutant killed once stays killed as tests are added")
    parser.add_argument("--report", action="store_true",
                        help="only report the results of the last run")
    parser.add_argument("--workers", type=int, default=1,
                        help="mutants run at once (default 1: the machine is shared)")
    args = parser.parse_args()
    patterns = args.patterns or list(TARGETS)
    os.chdir(ROOT)
    if args.report:
        return report(results(patterns))
    to_run = patterns
    if args.survivors:
        to_run = [name for name, outcome in results(patterns).items() if outcome not in CAUGHT]
        if not to_run:
            return report(results(patterns))
    elif not args.keep:
        shutil.rmtree("mutants", ignore_errors=True)
    subprocess.run([*MUTMUT, "run", "--max-children", str(args.workers), *to_run],
                   check=False)
    return report(results(patterns))


MUTMUT = [sys.executable, "-m", "mutmut"]


def results(patterns: list[str]) -> dict[str, str]:
    """The last run's outcome of every mutant matching `patterns`."""
    if not os.path.isdir("mutants"):
        return {}
    listed = subprocess.run([*MUTMUT, "results", "--all", "true"], check=True,
                            capture_output=True, text=True).stdout
    status: dict[str, str] = {}
    for line in listed.splitlines():
        name, _, outcome = line.strip().rpartition(": ")
        if name and any(fnmatch.fnmatch(name, p) for p in patterns):
            status[name] = outcome
    return status


def report(status: dict[str, str]) -> int:
    counts = collections.Counter(status.values())
    ran = sum(n for outcome, n in counts.items() if outcome not in NOT_RUN)
    caught = sum(n for outcome, n in counts.items() if outcome in CAUGHT)
    print()
    print("outcomes:", ", ".join(f"{outcome} {n}" for outcome, n in sorted(counts.items())))
    if not ran:
        print("no mutant ran")
        return 1
    print(f"killed share: {caught}/{ran} = {100 * caught / ran:.1f}%")
    by_module: dict[str, list[str]] = collections.defaultdict(list)
    for name, outcome in sorted(status.items()):
        if outcome not in CAUGHT and outcome not in NOT_RUN:
            by_module[name.split(".x")[0]].append(f"{name}: {outcome}")
    for module, names in sorted(by_module.items()):
        print(f"\n{module}: {len(names)} not caught")
        for name in names:
            print("   ", name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
