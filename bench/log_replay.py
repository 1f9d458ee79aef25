"""The training log: parsing a year of log and replaying it, against the static
expansion of the same plan measured in the same run (the reference).

    .venv/bin/python bench/log_replay.py [--weeks 52] [--repeats 5]

The plan is examples/training_log/plan.wol stretched to `--weeks` weeks; the log
does every session of every week, as planned except for a set short every third
session (so `if done`, resets, the double progression and the ladder all answer).
Each figure is the best of `--repeats` runs with every cache of workoutlang
emptied before each (bench/run.py's `reset_caches`). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (bench/run.py: best_of, reset_caches)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import workoutlang as wol  # noqa: E402
from workoutlang import logbook  # noqa: E402
from workoutlang.checks import build_context  # noqa: E402
from workoutlang.expand import expand  # noqa: E402


def plan_text(weeks: int) -> str:
    text = (ROOT / "examples" / "training_log" / "plan.wol").read_text(encoding="utf-8")
    return text.replace("weeks 8", f"weeks {weeks}")


def log_text(plan: wol.PlanFile, weeks: int) -> str:
    """Every session of `weeks` weeks, each set at its target, one set short every
    third session."""
    tree = plan.plans[0]
    static, _ = expand(tree, build_context(plan).catalogue)
    monday = datetime.date.fromisoformat(tree.start or "2027-03-01")
    monday -= datetime.timedelta(days=monday.weekday())
    out, count = [f'log "{tree.name}":'], 0
    for week in static.weeks[:weeks]:
        for session in week.sessions:
            day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(session.days[0])
            date = monday + datetime.timedelta(weeks=week.number - 1, days=day)
            out.append(f'  {date} "{session.name}":')
            count += 1
            for item in session.all_items():
                planned = logbook.planned_sets(session)[id(item.line)]
                values = [f"{p.target:g}" + ("s" if p.measure == "time" else "")
                          for p in planned]
                if count % 3 == 0 and planned and planned[0].measure == "reps":
                    values[-1] = f"{max(planned[-1].target - 1, 0):g}"
                side = f" {item.side}" if item.side else ""
                out.append(f"    {item.exercise.name} {', '.join(values)}{side}")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    plan = wol.parse(plan_text(args.weeks), "plan.wol")
    log_source = log_text(plan, args.weeks)
    log = wol.parse_log(log_source, "log.wol")
    catalogue = build_context(plan).catalogue

    def parse_log() -> object:
        run.reset_caches()
        return wol.parse_log(log_source, "log.wol")

    def static() -> object:
        run.reset_caches()
        return expand(plan.plans[0], catalogue)

    def replay() -> object:
        run.reset_caches()
        return logbook.replayed(plan.plans[0], log.logs[0], catalogue)

    figures = {name: run.best_of(stage, args.repeats, 60.0)
               for name, stage in (("parse_log", parse_log), ("expand", static),
                                   ("replay", replay))}
    print(json.dumps({
        "weeks": args.weeks, "entries": len(log.logs[0].entries),
        "log_lines": log_source.count("\n"),
        "seconds": {k: round(v, 4) for k, v in figures.items()},
        "replay_over_expand": round(figures["replay"] / figures["expand"], 2),
    }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
