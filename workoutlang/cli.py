# PYTHON_ARGCOMPLETE_OK  (argcomplete's global completion looks for this in the first
# kilobyte of the entry point's file; `workoutlang completion SHELL` registers us anyway)
"""The command line: `workoutlang` (and `wol`) check, compile, show, fmt, exercises, lsp.

Exit codes: 0 clean or warnings only, 1 errors (or warnings with --strict, or
files `fmt --check` would change), 2 usage or I/O errors, 3 an internal error
(a bug: reported in one line, never as a traceback).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from . import __version__, diagnostics
from .checks import CheckConfig
from .checks.config import codes_from, find_pyproject, from_pyproject
from .diagnostics import Diagnostic, Severity
from .errors import CompileError, ParseError, WorkoutlangError
from .files import SourceError, read_source
from .limits import MAX_EVENT_MINUTES

if TYPE_CHECKING:
    from pathlib import Path

    from . import syntax
    from .backends import EmitOptions
    from .expand import Program

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
MAX_SHOWN = 100  # diagnostics printed per file; the rest are counted


class UsageError(WorkoutlangError):
    pass


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `only`, that one command's alone (building
    every command's parser costs a few ms of each start, `check` needs one)."""
    root = argparse.ArgumentParser(
        prog="workoutlang",
        description="Check and compile strength training plans written in workoutlang.",
    )
    root.add_argument("--version", action="version", version=f"workoutlang {__version__}")
    commands = root.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (help_text, described, add_arguments) in _SUBCOMMANDS.items():
        if only in (None, name):
            add_arguments(commands.add_parser(
                name, help=help_text, description=help_text if described else None))
    return root


def _checked_args(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("files", nargs="+", metavar="FILE", help="plan files; - for stdin")
    sub.add_argument("--strict", action="store_true", help="warnings fail too")
    _tab_offers(sub.add_argument(
        "--disable", action="append", default=[], metavar="CODE",
        help="turn a check off (code or name; repeat or comma-separate)"), "codes")
    _tab_offers(sub.add_argument("--enable", action="append", default=[], metavar="CODE",
                                 help="turn a check back on"), "codes")
    sub.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text",
                     help="how to print diagnostics (github: Actions annotations; sarif: "
                     "SARIF 2.1.0 for code scanning)")
    sub.add_argument("--color", choices=("auto", "always", "never"), default="auto")


def _check_args(sub: argparse.ArgumentParser) -> None:
    _checked_args(sub)
    sub.add_argument("--plan", metavar="PLAN",
                     help="the plan file a training log follows (WOL201-WOL204)")
    sub.add_argument("--stats", action="store_true",
                     help="also print, per plan and week, the numbers the coaching checks "
                     "judged (sessions, sets and reps per tag, WOL105's volumes)")


def _compile_args(sub: argparse.ArgumentParser) -> None:
    from .backends import TARGETS

    _checked_args(sub)
    _tab_offers(sub.add_argument(
        "--to", action="append", required=True, metavar="TARGET",
        help=f"output target: {', '.join(TARGETS)} (repeat for several)"), "targets")
    sub.add_argument("-o", "--output", metavar="OUT",
                     help="output file (or folder for fit, garmin-connect, several "
                     "targets or several inputs); default: next to the input")
    sub.add_argument("--force", action="store_true", help="write even when checks fail")
    sub.add_argument("--paper", choices=("a4", "letter"), default="a4")
    sub.add_argument("--event-time", type=_event_time, default="07:00", metavar="HH:MM",
                     help="ics: start time of each session")
    sub.add_argument("--event-minutes", type=_whole_number(1, MAX_EVENT_MINUTES, " minutes"),
                     default=45, metavar="N", help="ics: length of each session")
    _tab_offers(sub.add_argument("--timezone", type=_time_zone, metavar="ZONE",
                                 help="ics: IANA zone, e.g. Europe/Oslo"), "time_zones")
    sub.add_argument("-j", "--jobs", type=_whole_number(1), default=1, metavar="N",
                     help="compile several files in N processes")


def _show_args(sub: argparse.ArgumentParser) -> None:
    sub.description = (
        "Print the expanded plan, week by week, as a coach reads it: each session's "
        "exercises with the sets, loads, tempo, side and rest of that week, after "
        "progression, deloads and rotations. A file with errors is not shown: its "
        "diagnostics are printed as `check` prints them (exit 1).")
    sub.add_argument("file", metavar="FILE", help="plan file; - for stdin")
    sub.add_argument("--week", type=_whole_number(1), metavar="N", help="only week N")


def _fmt_args(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("files", nargs="+", metavar="FILE", help="plan files; - for stdin")
    sub.add_argument("--check", action="store_true", help="only report files that would change")
    sub.add_argument("--diff", action="store_true", help="print what would change")
    sub.add_argument("--force", action="store_true", help="write read-only files too")


def _exercises_args(sub: argparse.ArgumentParser) -> None:
    _tab_offers(sub.add_argument(
        "search", nargs="?", metavar="NAME",
        help="only exercises whose name, title or an alias holds this text "
        "(case, spaces, - and _ aside)"), "exercise_names")
    _tab_offers(sub.add_argument("--tag", help="only exercises with this tag"), "tags")
    sub.add_argument("--format", choices=("text", "json"), default="text")


def _no_args(sub: argparse.ArgumentParser) -> None:
    pass


def _lazy(module: str, function: str) -> Callable[..., Any]:
    """`function` of `module` (a cli_* module of this package), imported when called:
    the training-log commands cost nothing to the others' start, completers nothing
    until Tab."""
    def call(*args: Any, **kwargs: Any) -> Any:
        import importlib

        return getattr(importlib.import_module(f"{__package__}.{module}"), function)(
            *args, **kwargs)
    return call


def _tab_offers(action: argparse.Action, completer: str) -> None:
    """Tab offers, for this argument, the words of cli_completion's `completer`
    (argcomplete reads an action's `completer`); its module is imported only then."""
    action.completer = _lazy("cli_completion", completer)  # type: ignore[attr-defined]


# command → (help, whether it is also the description, what adds its arguments)
_SUBCOMMANDS: dict[str, tuple[str, bool, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("Parse and check plan files; print diagnostics.", True, _check_args),
    "compile": ("Check, then write one or more targets.", True, _compile_args),
    "show": ("Print the expanded plan, week by week.", False, _show_args),
    "fmt": ("Format plan files in place.", False, _fmt_args),
    "exercises": ("List the exercise catalogue.", False, _exercises_args),
    "lsp": ("Run the language server on stdio.", False, _no_args),
    "next": ("Work out the coming week from a training log; print it or write targets.",
             True, _lazy("cli_next", "add_arguments")),
    "review": ("Compare a training log with its plan: adherence, balance, loads, misses.",
               True, _lazy("cli_review", "add_arguments")),
    "log": ("Training log tools: import Garmin strength activities as log entries.",
            True, _lazy("cli_log", "add_arguments")),
    "explain": ("Print a check's documentation: what it finds, a bad and a good example.",
                True, _lazy("cli_checks", "add_explain_arguments")),
    "docs": ("Print a page of the documentation shipped with workoutlang: a check's page "
             "by its code or name, the tutorial, the language reference…; with no topic, "
             "list them.", True, _lazy("cli_checks", "add_docs_arguments")),
    "checks": ("List every check code: its name, severity as configured here, whether "
               "it is on, and its summary.", True, _lazy("cli_checks", "add_checks_arguments")),
    "completion": ("Print a shell completion script (bash, zsh or fish).", False,
                   _lazy("cli_completion", "add_arguments")),
}


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None and "_ARGCOMPLETE" in os.environ:
        _complete_and_exit()  # Tab in a shell: never returns
    argv = sys.argv[1:] if argv is None else list(argv)
    command = argv[0] if argv and argv[0] in _SUBCOMMANDS else None
    _escape_unencodable()
    args = _parser(command).parse_args(argv)
    if args.command == "fmt" or getattr(args, "format", "text") != "text":
        _utf8_stdout()
    if sys.stdout is None:  # started with it closed (`>&-`): the output would be lost
        print("workoutlang: error: standard output is closed", file=sys.stderr)
        return EXIT_USAGE
    try:
        code: int = _COMMANDS[args.command](args)
        return code
    except (WorkoutlangError, SourceError) as error:
        where = f"{error.span.location}: " if error.span is not None else ""
        print(f"{where}workoutlang: error: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:  # writing an output: a full disk, a read-only folder…
        print(f"workoutlang: error: cannot write {error.filename or 'the output'}: "
              f"{error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: say so in one line, never a traceback
        print(f"workoutlang: internal error: {type(error).__name__}: {error}\n"
              "This is a bug in workoutlang; please report it with the input file.",
              file=sys.stderr)
        return EXIT_INTERNAL


def _complete_and_exit() -> None:
    """The shell code of `workoutlang completion SHELL` runs the program on each Tab
    with the command line in the environment (COMP_LINE…): argcomplete parses it with
    the whole parser, prints the words that may follow and exits the process. Only the
    program's own command line is completed, so main(argv) never is."""
    import argcomplete

    # options are offered once a `-` is typed, not among the commands and file names
    argcomplete.autocomplete(_parser(), always_complete_options=False)


def _escape_unencodable() -> None:
    """Never fail on a character the terminal's encoding lacks (an ASCII locale,
    PYTHONIOENCODING=ascii): messages show it escaped, `…` as `\\u2026`."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _utf8_stdout() -> None:
    """Standard output carries data, not messages (the formatted plan, a diff of it,
    JSON): UTF-8 whatever the locale, so that no character is escaped or lost."""
    import codecs

    stdout = sys.stdout
    if isinstance(stdout, io.TextIOWrapper) and codecs.lookup(stdout.encoding).name != "utf-8":
        stdout.reconfigure(encoding="utf-8")


# Option values are checked as the command line is read: a bad one is a usage error
# (exit 2) named by its option, before any file is read.


def _whole_number(low: int, high: int | None = None, unit: str = "") -> Callable[[str], int]:
    def whole_number(text: str) -> int:
        shown = text if len(text) <= 20 else text[:20] + "…"
        try:
            value = int(text)
        except ValueError:  # also beyond int()'s 4,300 digits
            raise argparse.ArgumentTypeError(f"{shown!r} is not a whole number") from None
        if value < low or (high is not None and value > high):
            bounds = f"{low} to {high}" if high is not None else f"{low} or more"
            raise argparse.ArgumentTypeError(f"{shown}: give {bounds}{unit}")
        return value
    return whole_number


def _event_time(text: str) -> str:
    import datetime

    try:
        at = datetime.time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: write the time as HH:MM, e.g. 07:00") \
            from None
    if at.tzinfo is not None:
        raise argparse.ArgumentTypeError(f"{text!r}: give the time without an offset, "
                                         "and the zone with --timezone")
    return text


def _time_zone(text: str) -> str:
    """An IANA zone that zoneinfo (what the ics backend uses) can load."""
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
        raise argparse.ArgumentTypeError(f"unknown time zone {text!r}: use an IANA name "
                                         "such as Europe/Oslo") from None
    return text


# --- configuration ----------------------------------------------------------------------


def _config(args: argparse.Namespace, source: str) -> CheckConfig:
    """pyproject.toml nearest the file, then the command-line flags over it."""
    try:
        start = os.getcwd() if source == "-" else os.path.dirname(os.path.realpath(source))
    except FileNotFoundError:  # the current folder was deleted: no pyproject.toml to find
        return _command_line_config(args, CheckConfig())
    pyproject = find_pyproject(start)
    return _command_line_config(args, from_pyproject(pyproject) if pyproject else CheckConfig())


def _command_line_config(args: argparse.Namespace, base: CheckConfig) -> CheckConfig:
    enabled = codes_from(args.enable, "--enable")
    disabled = codes_from(args.disable, "--disable")
    return attrs.evolve(
        base,
        strict=args.strict or base.strict,
        disabled=(base.disabled | disabled) - enabled,
        enabled=(base.enabled - disabled) | enabled,
        # compile's targets: some warnings matter only for some (WOL010's %1rm: a watch)
        targets=base.targets | frozenset(getattr(args, "to", None) or ()),
    )


def _color(args: argparse.Namespace, stream: TextIO) -> bool:
    if args.color != "auto":
        return bool(args.color == "always")
    return stream.isatty() and "NO_COLOR" not in os.environ


def _display_name(source: str) -> str:
    return "<stdin>" if source == "-" else source


# --- check and compile ------------------------------------------------------------------


@attrs.frozen
class _Outcome:
    """What checking one file gave; plain data so that worker processes can return it."""

    source: str
    text: str | None
    found: tuple[Diagnostic, ...]
    failed: bool
    io_error: str | None = None
    usage: bool = True  # whether io_error is a usage or I/O problem (exit 2)


def _check_one(args: argparse.Namespace, source: str) -> tuple[_Outcome, object | None]:
    from .checks import failed
    from .compiler import build_program
    from .parser import parse

    try:
        text = read_source(source)
        config = _config(args, source)
        if getattr(args, "plan", None):  # `check LOG --plan PLAN`
            config = attrs.evolve(config, plans_for_logs=(_plan_for_logs(args.plan),))
    except WorkoutlangError as error:
        return _Outcome(source, None, (), True, error.message), None
    try:
        tree = parse(text, _display_name(source))
    except ParseError as error:
        return _Outcome(source, text, _despite(error, config), True), None
    program = build_program(tree, config)
    found = program.diagnostics
    return _Outcome(source, text, found, failed(found, config.strict)), program


def _despite(error: ParseError, config: CheckConfig) -> tuple[Diagnostic, ...]:
    """The syntax errors, and what the checks find in the tree the parser repaired
    when every repair was clear (`ParseError.partial`): one run reports them all."""
    if error.partial is None:
        return tuple(error.diagnostics)
    from .checks import run_checks

    return tuple(sorted((*error.diagnostics, *run_checks(error.partial, config)),
                        key=lambda d: (d.span.file or "", d.span.line, d.span.column)))


def _plan_for_logs(path: str) -> syntax.PlanFile:
    """The file given with --plan, parsed; its own diagnostics are its own `check`'s."""
    from .parser import parse

    try:
        return parse(read_source(path), _display_name(path))
    except SourceError as error:
        raise UsageError(f"--plan: {error.message}") from None
    except ParseError as error:
        raise UsageError(f"{error.span.location if error.span else path}: the plan given "
                         f"with --plan does not parse: {error.message}; check it with "
                         f"`workoutlang check {path}`") from None


def _report(outcomes: list[_Outcome], args: argparse.Namespace,
            out: TextIO | None = None) -> None:
    """Print the diagnostics to `out` (stdout; stderr when stdout carries an output)."""
    out = out or sys.stdout
    if args.format == "json":
        import json

        data = [d.to_dict() for o in outcomes for d in o.found]
        print(json.dumps(data, indent=2, ensure_ascii=False), file=out)
    elif args.format in ("github", "sarif"):  # for CI: report_formats.py
        from .report_formats import render

        out.write(render(args.format, [d for o in outcomes for d in o.found],
                         [o.io_error for o in outcomes if o.io_error]))
    else:
        color = _color(args, out)
        for outcome in outcomes:
            for d in outcome.found[:MAX_SHOWN]:
                print(diagnostics.render_text(d, outcome.text, color), file=out)
            hidden = len(outcome.found) - MAX_SHOWN
            if hidden > 0:
                print(f"{_display_name(outcome.source)}: … and {hidden} more diagnostics "
                      "not shown", file=out)
        _summary(outcomes)
    for outcome in outcomes:
        if outcome.io_error:
            print(f"workoutlang: error: {outcome.io_error}", file=sys.stderr)


def _summary(outcomes: list[_Outcome]) -> None:
    found = [d for o in outcomes for d in o.found]
    errors = sum(d.severity is Severity.ERROR for d in found)
    warnings = sum(d.severity is Severity.WARNING for d in found)
    if found:
        print(f"{errors} error{'s' * (errors != 1)}, "
              f"{warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)


def check_file(args: argparse.Namespace, source: str, plan: syntax.PlanFile | None = None
               ) -> tuple[_Outcome, Program | None]:
    """`check` of one file for the training-log commands (`next`, `review`): a log
    file's entries are checked against `plan`, as `check LOG --plan PLAN` does. The
    checked program, unless the file did not parse; a missing file is a usage error."""
    from .checks import failed
    from .compiler import build_program
    from .parser import parse

    text = read_source(source)
    config = _config(args, source)
    if plan is not None:
        config = attrs.evolve(config, plans_for_logs=(plan,))
    try:
        tree = parse(text, _display_name(source))
    except ParseError as error:
        return _Outcome(source, text, _despite(error, config), True), None
    program = build_program(tree, config)
    found = program.diagnostics
    return _Outcome(source, text, found, failed(found, config.strict)), program


def _exit_code(outcomes: list[_Outcome]) -> int:
    if any(o.io_error and o.usage for o in outcomes):
        return EXIT_USAGE
    return EXIT_FAILED if any(o.failed for o in outcomes) else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    if args.stats and args.format == "sarif":
        raise UsageError("--stats: SARIF has no place for the figures; use --format json")
    checked = [_check_one(args, source) for source in args.files]
    outcomes = [outcome for outcome, _ in checked]
    if args.stats:
        _report_with_stats(checked, args)
    else:
        _report(outcomes, args)
    return _exit_code(outcomes)


def _report_with_stats(checked: list[tuple[_Outcome, object | None]],
                       args: argparse.Namespace) -> None:
    """`check --stats`: the diagnostics, then each file's figures (stats.py); JSON is
    one object, {"diagnostics": [...], "stats": [{"file": ..., ...}]}."""
    from . import stats
    from .expand import Program

    figures = [(outcome.source, stats.file_stats(program.tree, program.plans))
               for outcome, program in checked
               if isinstance(program, Program) and program.plans]  # a log alone: none
    outcomes = [outcome for outcome, _ in checked]
    if args.format == "json":
        import json

        buffer = io.StringIO()
        _report(outcomes, args, buffer)
        print(json.dumps({"diagnostics": json.loads(buffer.getvalue()),
                          "stats": [{"file": _display_name(source), **stats.to_dict(found)}
                                    for source, found in figures]},
                         indent=2, ensure_ascii=False))
        return
    _report(outcomes, args)
    for source, found in figures:
        if len(args.files) > 1:
            print(f"{_display_name(source)}:")
        print(stats.render_text(found))


def _emit_options(args: argparse.Namespace) -> EmitOptions:
    from .backends import EmitOptions

    return EmitOptions(paper=args.paper, event_time=args.event_time,
                       event_minutes=args.event_minutes, timezone=args.timezone)


def _destination(args: argparse.Namespace, source: str, target: str,
                 suffix: str = "") -> Path | None:
    """Where one target of one source goes; None means standard output. `-o` names the
    file (the folder for fit and garmin-connect), or a folder to write into when there
    are several outputs, when it ends with a slash or when it is an existing folder.
    A name made from the source's ends in `suffix` before the extension (`-next`)."""
    from pathlib import Path

    from .backends import TARGETS

    extension = TARGETS[target][1]
    several = len(args.to) > 1 or len(args.files) > 1
    stem = "plan" if source == "-" else Path(source).stem
    name = stem + suffix + (extension or f"-{target}")
    if args.output == "-":  # standard output, for one single-file target
        if several or extension is None:
            raise UsageError("-o - prints one single-file target (json, html, pdf or ics)")
        return None
    if args.output:
        into = several or (extension is not None and names_a_folder(args.output))
        return Path(args.output) / name if into else Path(args.output)
    if source == "-":
        if extension is None:
            raise UsageError(f"--to {target} writes a folder of files: give -o FOLDER")
        return None
    return Path(source).with_name(name)


def names_a_folder(output: str) -> bool:
    """Whether `-o OUT` for one file means a folder to write it into: OUT ends with a
    slash (the folder is made) or is an existing folder."""
    return output.endswith(("/", os.sep)) or os.path.isdir(output)


_Rendered = list[tuple[str, bytes | dict[str, bytes]]]  # (target, its output)
_Result = tuple[_Outcome, list[str], _Rendered]


def _compile_one(args: argparse.Namespace, source: str) -> _Result:
    """Check one file and render every target in memory; writing is the caller's."""
    from .compiler import emit_program

    outcome, program = _check_one(args, source)
    if program is None:
        return outcome, [], []
    only_a_log = _only_a_log(program, source, "compiled")
    if only_a_log is not None:
        return attrs.evolve(outcome, failed=True, io_error=only_a_log, usage=False), [], []
    if outcome.failed and not args.force:
        return outcome, [f"{_display_name(source)}: not compiled: fix the errors above "
                         "(or use --force)"], []
    rendered: _Rendered = [
        (target, emit_program(program, target, _emit_options(args), force=True))  # type: ignore[arg-type]
        for target in args.to]
    notes = [f"{_display_name(source)}: written despite errors (--force)"] * outcome.failed
    return attrs.evolve(outcome, failed=False), notes, rendered


def _only_a_log(program: object, source: str, verb: str) -> str | None:
    """The message for a file that holds a training log and no plan: `next` and
    `review` read it, with its plan."""
    tree = getattr(program, "tree", None)
    if tree is None or tree.plans or not tree.logs:
        return None
    return (f"{_display_name(source)}: not {verb}: it holds a training log and no plan; "
            f"give it to `workoutlang next PLAN --log {_display_name(source)}` or "
            "`workoutlang review` with its plan")


def _compile_worker(job: tuple[argparse.Namespace, str]) -> _Result:
    """`_compile_one` for a worker process: the rendered bytes go back to the parent."""
    args, source = job
    try:
        return _compile_one(args, source)
    except WorkoutlangError as error:
        where = f"{error.span.location}: " if error.span is not None else ""
        # a target that cannot express this plan fails the file (1); anything else is usage (2)
        return _Outcome(source, None, (), True, where + error.message,
                        usage=not isinstance(error, CompileError)), [], []


def cmd_compile(args: argparse.Namespace) -> int:
    """Check and render every input first; then write all outputs as one transaction
    (transaction.py), or nothing at all if any input failed."""
    from .backends import TARGETS, load

    for target in args.to:
        if target not in TARGETS:
            load(target)  # raises the did-you-mean error
    if "-" in args.files and len(args.files) > 1:
        raise UsageError("standard input (-) can only be compiled on its own")
    if args.output == "":
        raise UsageError("-o '': give a file or folder name (or - for standard output)")
    destinations = {(source, target): _destination(args, source, target)
                    for source in args.files for target in args.to}
    jobs = max(1, min(args.jobs, len(args.files)))
    work = [(args, source) for source in args.files]
    if jobs == 1:
        results = [_compile_worker(job) for job in work]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = _progress(pool.map(_compile_worker, work, chunksize=4), len(work))
    outcomes = [r[0] for r in results]
    to_stdout = None in destinations.values()  # then stdout is the output, not messages
    _report(outcomes, args, sys.stderr if to_stdout else sys.stdout)
    notes = [note for _, said, _ in results for note in said]
    status = _exit_code(outcomes)
    if status != EXIT_OK:
        if len(outcomes) > 1 and any(rendered for _, _, rendered in results):
            notes.append("workoutlang: nothing written: a run writes every input's outputs "
                         "or none")
        if notes:
            print(*notes, sep="\n", file=sys.stderr)
        return status
    outputs = [(destinations[outcome.source, target], output,
                 f"{_display_name(outcome.source)} --to {target}")
                for outcome, _, rendered in results for target, output in rendered]
    return write_outputs(args.files, outputs, notes)


Output = tuple["Path | None", "bytes | dict[str, bytes]", str]  # (where, what, label)


def write_outputs(inputs: list[str], outputs: list[Output], notes: list[str]) -> int:
    """Write every output as one transaction (transaction.py): files and folders, and
    standard output (where None) once the files are in place; then the notes."""
    from .stopping import Interrupted
    from .transaction import Transaction

    run, printed = Transaction(inputs), []
    for destination, output, label in outputs:
        if destination is None:
            assert isinstance(output, bytes)
            printed.append(output)
        elif isinstance(output, dict):
            run.folder(destination, output, label)
            notes.append(f"wrote {len(output)} file(s) to {destination}/")
        else:
            run.file(destination, output, label)
            notes.append(f"wrote {destination}")
    try:
        run.commit()
    except Interrupted as stop:
        print(f"workoutlang: interrupted by {stop.name}: every output was put back as it "
              "was", file=sys.stderr)
        return 128 + stop.signum
    for data in printed:  # standard output once the files are in place
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    if notes:
        print(*notes, sep="\n", file=sys.stderr)
    return EXIT_OK


def _progress(results: Iterable[_Result], total: int) -> list[_Result]:
    """Collect results, with a progress bar when stderr is a terminal."""
    if not sys.stderr.isatty():
        return list(results)
    from rich.progress import Progress

    items: list[_Result] = []
    with Progress(transient=True) as bar:
        task = bar.add_task("compiling", total=total)
        for item in results:
            items.append(item)
            bar.advance(task)
    return items


# --- other commands -----------------------------------------------------------------------


def cmd_show(args: argparse.Namespace) -> int:
    from .compiler import not_expanded
    from .show import render_plan

    args.files, args.strict, args.disable, args.enable = [args.file], False, [], []
    args.format, args.color = "text", "auto"  # how problems are reported, if any
    outcome, program = _check_one(args, args.file)
    if program is None:
        _report([outcome], args)
        return _exit_code([outcome])
    only_a_log = _only_a_log(program, args.file, "shown")
    if only_a_log is not None:
        _report([outcome], args)
        print(f"workoutlang: error: {only_a_log}", file=sys.stderr)
        return EXIT_FAILED
    if outcome.failed:  # shown, a misspelled exercise would silently vanish from its week
        _report([outcome], args)
        print(f"{_display_name(args.file)}: not shown: fix the errors above", file=sys.stderr)
        return EXIT_FAILED
    unexpanded = not_expanded(program, "not shown")  # type: ignore[arg-type]
    if unexpanded is not None:  # a plan past the expansion budget: a plan error (1)
        _report([outcome], args)
        where = f"{unexpanded.span.location}: " if unexpanded.span is not None else ""
        print(f"{where}workoutlang: error: {unexpanded.message}", file=sys.stderr)
        return EXIT_FAILED
    weeks = max((len(p.weeks) for p in program.plans), default=0)  # type: ignore[attr-defined]
    if args.week is not None and not 1 <= args.week <= weeks:
        raise UsageError(f"--week {args.week}: the plan has weeks 1 to {weeks}")
    terminal = sys.stdout.isatty()
    width = os.get_terminal_size().columns if terminal else 100
    print(render_plan(program, args.week, width, terminal), end="")  # type: ignore[arg-type]
    return EXIT_OK


def cmd_fmt(args: argparse.Namespace) -> int:
    """Format every file first, then write them all or none (workoutlang/rewrite.py)."""
    import difflib

    from . import rewrite
    from .formatter import FormatterError, format_text
    from .stopping import Interrupted

    status = EXIT_OK
    changes: list[tuple[rewrite.Original, bytes]] = []
    for source in args.files:
        name = _display_name(source)
        original = None
        if source == "-":
            text = read_source(source)
        else:
            original, text = rewrite.read(source)
        try:
            formatted = format_text(text)
        except FormatterError as error:  # the formatter refused its own output: a bug
            print(f"workoutlang: internal error: {error.message}\n{name} is unchanged; "
                  "please report this with the file.", file=sys.stderr)
            return EXIT_INTERNAL
        except ParseError as error:
            for d in error.diagnostics:
                d = attrs.evolve(d, span=attrs.evolve(d.span, file=name))
                print(diagnostics.render_text(d, text), file=sys.stderr)
            print(f"{name}: not formatted: fix the syntax errors first", file=sys.stderr)
            status = EXIT_FAILED
            continue
        changed = formatted != text
        if args.diff and changed:
            sys.stdout.writelines(difflib.unified_diff(
                text.splitlines(keepends=True), formatted.splitlines(keepends=True),
                f"{name} (original)", f"{name} (formatted)"))
        if args.check:
            if changed:
                print(f"would reformat {name}", file=sys.stderr)
                status = EXIT_FAILED
        elif original is None:
            sys.stdout.write(formatted)
        elif changed and not args.diff:
            rewrite.refuse_unwritable(original, args.force)  # before any file is written
            changes.append((original, formatted.encode("utf-8")))
    try:
        rewrite.rewrite_all(changes, args.force)
    except Interrupted as stop:
        print(f"workoutlang: interrupted by {stop.name}: every file was put back as it was",
              file=sys.stderr)
        return 128 + stop.signum
    for original, _ in changes:
        print(f"reformatted {original.name}", file=sys.stderr)
    return status


def cmd_exercises(args: argparse.Namespace) -> int:
    from .catalogue import TAGS, load_catalogue

    catalogue = load_catalogue()
    names = sorted(catalogue.names())
    if args.tag:
        if args.tag not in TAGS and not any(args.tag in catalogue.lookup(n).tags for n in names):  # type: ignore[union-attr]
            raise UsageError(f"unknown tag {args.tag!r}; tags are {', '.join(sorted(TAGS))}")
        names = [n for n in names if args.tag in catalogue.lookup(n).tags]  # type: ignore[union-attr]
    if args.search is not None:
        names = [n for n in names if _matches(args.search, catalogue.lookup(n))]
        if not names:
            nearest = None if args.tag else catalogue.suggest(args.search)
            print(f"workoutlang: no exercise{' with tag ' + args.tag if args.tag else ''} "
                  f"matches {args.search!r}" + (f"; did you mean {nearest}?" if nearest else ""),
                  file=sys.stderr)
            return EXIT_FAILED
    entries = [catalogue.lookup(n) for n in names]
    if args.format == "json":
        import json

        print(json.dumps([{
            "name": e.name, "display": e.display, "tags": sorted(e.tags),
            "unilateral": e.unilateral, "measure": e.measure, "measures": list(e.measures),
            "aliases": list(e.aliases),
            "fit": f"{e.fit_category}/{e.fit_name}" if e.fit_category else None,
            "fit_approx": e.fit_approx or None,  # why the FIT mapping is only the nearest
            "connect": "/".join(e.connect_keys) if e.connect_keys else None,
        } for e in entries if e], indent=2))
        return EXIT_OK
    rows = [("exercise", "measure", "sides", "tags", "aliases")] + [
        (e.name, "/".join(e.measures), "one side" if e.unilateral else "both",
         " ".join(sorted(e.tags)), ", ".join(e.aliases)) for e in entries if e is not None]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        padded = "  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True))
        print(f"{padded}  {row[-1]}".rstrip())
    return EXIT_OK


def _matches(search: str, exercise: object) -> bool:
    """`exercises NAME`: the text in the exercise's name, title or an alias, whatever
    its case and whether words are joined by spaces, - or _ (`Step up` finds step_up;
    the words stay apart, so that `rdl` does not find forwa-rd_l-unge)."""
    import re

    def words(text: str) -> str:
        return re.sub(r"[\s_-]+", "_", text.strip().lower())

    wanted = words(search)
    names = (exercise.name, exercise.display, *exercise.aliases)  # type: ignore[attr-defined]
    return any(wanted in words(name) for name in names)


def cmd_lsp(args: argparse.Namespace) -> int:
    from .lsp import serve

    serve()
    return EXIT_OK


_COMMANDS = {
    "check": cmd_check,
    "compile": cmd_compile,
    "show": cmd_show,
    "fmt": cmd_fmt,
    "exercises": cmd_exercises,
    "lsp": cmd_lsp,
    "next": _lazy("cli_next", "run"),
    "review": _lazy("cli_review", "run"),
    "log": _lazy("cli_log", "run"),
    "explain": _lazy("cli_checks", "explain"),
    "docs": _lazy("cli_checks", "docs"),
    "checks": _lazy("cli_checks", "checks"),
    "completion": _lazy("cli_completion", "run"),
}
