"""`workoutlang review PLAN [--log LOG] [--to text|html|json] [-o OUT]`: a training log
against its plan (review_data.py), as text tables, an HTML page with charts, or JSON.

Both files are checked as `check` does; their diagnostics go to standard error, and
errors stop the run (exit 1) before anything is written. Where the review goes:
`-o OUT` (`-o -`: standard output; `-o DIR/` or an existing folder: PLAN-review.EXT
in it), else standard output for text and JSON, and for
HTML a file beside the plan, `PLAN-review.html`. A file is written as one
transaction (transaction.py): complete, or not at all.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import cli

FORMATS = ("text", "html", "json")
SUFFIX = "-review"  # plan.wol → plan-review.html, as `next` writes PLAN-next


def add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("plan", metavar="PLAN", help="the plan file; - for stdin")
    sub.add_argument("--log", metavar="LOG",
                     help="the log file (may be PLAN itself; default: PLAN, when it holds a log)")
    sub.add_argument("--to", choices=FORMATS, default="text",
                     help="text tables (default), an HTML page with charts, or JSON "
                     "(workoutlang/review@1)")
    sub.add_argument("-o", "--output", metavar="OUT",
                     help="output file, or a folder (ending in /) to write it into; - for "
                     "standard output (default: standard output, "
                     f"and for html PLAN{SUFFIX}.html beside the plan)")
    sub.add_argument("--color", choices=("auto", "always", "never"), default="auto")


def run(args: argparse.Namespace) -> int:
    from .review_data import review

    if args.output == "":
        raise cli.UsageError("-o '': give a file name (or - for standard output)")
    if args.log == "-" and args.plan == "-":
        raise cli.UsageError("standard input (-) can be read once: give the plan or the log "
                             "as a file")
    # what `check` would say of each file, on stderr: stdout carries the review
    args.strict, args.disable, args.enable, args.format = False, [], [], "text"
    outcome, plan_program = cli.check_file(args, args.plan)
    outcomes = [outcome]
    plan_tree = log_tree = plan_program.tree if plan_program is not None else None
    if plan_tree is not None and args.log not in (None, args.plan):
        outcome, log_program = cli.check_file(args, args.log, plan_tree)  # WOL201-204
        outcomes.append(outcome)
        log_tree = log_program.tree if log_program is not None else None
    cli._report(outcomes, args, sys.stderr)
    status = cli._exit_code(outcomes)
    if status != cli.EXIT_OK or plan_tree is None or log_tree is None:
        if status == cli.EXIT_FAILED:
            print(f"{cli._display_name(args.plan)}: not reviewed: fix the errors above",
                  file=sys.stderr)
        return status
    if args.log is None and not plan_tree.logs:
        raise cli.UsageError(f"{cli._display_name(args.plan)} holds no log: give the log "
                             "file with --log LOG")
    document = review(plan_tree, log_tree)
    destination = _destination(args)
    if args.to == "json":
        import json

        data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    elif args.to == "html":
        from .review_html import render as render_html

        data = render_html(document).encode("utf-8")
    else:
        return _text(document, args, destination)
    return _write(data, destination, args)


def _destination(args: argparse.Namespace) -> Path | None:
    """Where the review goes; None: standard output."""
    if args.output == "-":
        return None
    stem = "plan" if args.plan == "-" else Path(args.plan).stem
    name = f"{stem}{SUFFIX}.{'txt' if args.to == 'text' else args.to}"
    if args.output:
        return Path(args.output) / name if cli.names_a_folder(args.output) \
            else Path(args.output)
    if args.to == "html" and args.plan != "-":
        return Path(args.plan).with_name(name)
    return None


def _text(document: dict[str, object], args: argparse.Namespace,
          destination: Path | None) -> int:
    from .review_text import render

    if destination is not None:  # a file: plain, boxes in UTF-8
        return _write(render(document).encode("utf-8"), destination, args)
    terminal = sys.stdout.isatty()
    styled = args.color == "always" or (args.color == "auto" and terminal
                                        and "NO_COLOR" not in os.environ)
    width = os.get_terminal_size().columns if terminal else 100
    print(render(document, width, styled, ascii_only=not _draws_boxes()), end="")
    return cli.EXIT_OK


def _draws_boxes() -> bool:
    """Whether standard output's encoding has the box-drawing characters."""
    try:
        "┏━│".encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _write(data: bytes, destination: Path | None, args: argparse.Namespace) -> int:
    """The review to `destination` as one transaction, or to standard output (None)."""
    inputs = [args.plan] + ([args.log] if args.log else [])
    label = f"{cli._display_name(args.plan)} review --to {args.to}"
    return cli.write_outputs(inputs, [(destination, data, label)], [])