"""`workoutlang next PLAN [--log LOG] [--to TARGET]… [-o OUT] [--sessions N]`: the coming
sessions worked out from a training log, printed (as `show` prints a plan) or written
to any target, as one transaction (as `compile` writes)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from . import cli
from .limits import MAX_EVENT_MINUTES

if TYPE_CHECKING:
    from .expand import Program
    from .nextweek import Coming


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from .backends import TARGETS

    sub.add_argument("plan", metavar="PLAN", help="the plan file (it may hold the log too)")
    sub.add_argument("--log", metavar="LOG",
                     help="the training log file; default: the log in PLAN")
    sub.add_argument("--sessions", type=cli._whole_number(1), metavar="N",
                     help="the next N sessions instead of the rest of the coming week")
    cli._tab_offers(sub.add_argument(
        "--to", action="append", default=[], metavar="TARGET",
        help=f"write a target: {', '.join(TARGETS)} (repeat for several); "
        "default: print the sessions"), "targets")
    sub.add_argument("-o", "--output", metavar="OUT",
                     help="output file (or folder for fit, garmin-connect or several "
                     "targets); default: next to the plan, named PLAN-next")
    sub.add_argument("--strict", action="store_true", help="warnings fail too")
    cli._tab_offers(sub.add_argument("--disable", action="append", default=[],
                                     metavar="CODE", help="turn a check off"), "codes")
    cli._tab_offers(sub.add_argument("--enable", action="append", default=[],
                                     metavar="CODE", help="turn a check back on"), "codes")
    sub.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    sub.add_argument("--paper", choices=("a4", "letter"), default="a4")
    sub.add_argument("--event-time", type=cli._event_time, default="07:00", metavar="HH:MM",
                     help="ics: start time of each session")
    sub.add_argument("--event-minutes", type=cli._whole_number(1, MAX_EVENT_MINUTES,
                                                                " minutes"),
                     default=45, metavar="N", help="ics: length of each session")
    cli._tab_offers(sub.add_argument("--timezone", type=cli._time_zone, metavar="ZONE",
                                     help="ics: IANA zone, e.g. Europe/Oslo"), "time_zones")


def run(args: argparse.Namespace) -> int:
    from .backends import TARGETS, load
    from .nextweek import NothingLeft, coming

    for target in args.to:
        if target not in TARGETS:
            load(target)  # raises the did-you-mean error
    if args.output == "":
        raise cli.UsageError("-o '': give a file or folder name (or - for standard output)")
    # what `compile`'s helpers read: one input, its targets, how problems are shown
    args.files, args.format, args.force, args.jobs = [args.plan], "text", False, 1
    printing = not args.to  # then the diagnostics go before the sessions, on stdout
    outcome, program = cli.check_file(args, args.plan)
    outcomes = [outcome]
    log_tree = program.tree if program is not None else None
    if program is not None and args.log not in (None, args.plan):
        outcome, log_program = cli.check_file(args, args.log, program.tree)  # WOL201-204
        outcomes.append(outcome)
        log_tree = log_program.tree if log_program is not None else None
    cli._report(outcomes, args, sys.stdout if printing else sys.stderr)
    status = cli._exit_code(outcomes)
    if status != cli.EXIT_OK or program is None or log_tree is None:
        if status == cli.EXIT_FAILED:
            print(f"{cli._display_name(args.plan)}: nothing worked out: fix the errors above",
                  file=sys.stderr)
        return status
    try:
        found = coming(program, log_tree, args.sessions)
    except NothingLeft as error:
        print(f"{error.span.location + ': ' if error.span else ''}workoutlang: "
              f"{error.message}", file=sys.stderr)
        return cli.EXIT_FAILED
    if printing:
        return _print(found)
    return _write(args, found.program)


def _print(found: Coming) -> int:
    from .show import render_plan

    terminal = sys.stdout.isatty()
    width = os.get_terminal_size().columns if terminal else 100
    last = found.matching.last
    covered = f"the log up to {last.isoformat()}" if last else "no session logged yet"
    count = len(found.doings)
    print(f"Next {count} session{'s' * (count != 1)}, worked out from {covered}:\n")
    print(render_plan(found.program, None, width, terminal, balance_table=False), end="")
    return cli.EXIT_OK


def _write(args: argparse.Namespace, program: Program) -> int:
    from .compiler import emit_program

    outputs: list[cli.Output] = []
    for target in args.to:
        # named PLAN-next, beside the plan or in the folder -o names
        destination = cli._destination(args, args.plan, target, suffix="-next")
        output = emit_program(program, target, cli._emit_options(args))
        outputs.append((destination, output, f"{cli._display_name(args.plan)} next --to {target}"))
    return cli.write_outputs([p for p in (args.plan, args.log) if p], outputs, [])


__all__ = ["add_arguments", "run"]
