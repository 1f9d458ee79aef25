"""workoutlang: a declarative language and compiler for strength training plans.

    import workoutlang as wol
    tree = wol.parse(open("plan.wol").read(), filename="plan.wol")
    for diagnostic in wol.check(tree):
        print(diagnostic.code, diagnostic.message)
    data = wol.compile(tree, "json")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, Severity
from .errors import CompileError, ParseError, WorkoutlangError
from .syntax import PlanFile, Span

if TYPE_CHECKING:
    from .checks import CheckConfig

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it

__all__ = [
    "CheckConfig", "CompileError", "Diagnostic", "ParseError", "PlanFile", "Severity", "Span",
    "WorkoutlangError", "__version__", "check", "compile", "format", "next_week", "parse",
    "parse_log", "review",
]


def parse(text: str, filename: str | None = None) -> PlanFile:
    """Parse plan source text into a syntax tree.

    Raises ParseError (a WorkoutlangError) holding one WOL001 diagnostic per
    syntax error found; its `span` is the first one's.
    """
    from .parser import parse as _parse

    return _parse(text, filename)


def parse_log(text: str, filename: str | None = None) -> PlanFile:
    """Parse a training log (a file holding `log "PLAN":` and its entries, with or
    without the plan itself): the same parser as `parse`.

    Raises ParseError on syntax errors, and when the file holds no log.
    """
    from .parser import parse_log as _parse_log

    return _parse_log(text, filename)


def next_week(plan: PlanFile, log: PlanFile | None = None,
              sessions: int | None = None) -> dict[str, object]:
    """The coming week's sessions still to do (or the next `sessions` sessions),
    worked out from the training log `log` (default: the log in `plan`), as plain
    data in the JSON target's shape (`workoutlang/plan@1`) holding only them.

    Raises WorkoutlangError when there is no log, no plan for it, or nothing left.
    """
    from .nextweek import next_week as _next_week

    return _next_week(plan, log, sessions)


def check(tree: PlanFile, config: CheckConfig | None = None) -> list[Diagnostic]:
    """Run every check on a parsed file; diagnostics errors first, then by position.

    `config` sets severities (strict mode, enabled and disabled codes); the
    file's own `# wol: disable=…` comments are applied on top of it.
    """
    from .checks import CheckConfig, run_checks

    return run_checks(tree, config or CheckConfig())


def compile(tree: PlanFile, target: str, options: object | None = None) -> bytes | dict[str, bytes]:
    """Compile a checked tree to `target` (json, html, pdf, fit, garmin-connect, ics).

    Returns the bytes of the output, or for folder targets (fit,
    garmin-connect) a mapping of file name to bytes. Raises CompileError when
    the checks find errors or the target cannot express the plan.
    """
    from .compiler import compile_tree

    return compile_tree(tree, target, options)


def format(text: str) -> str:
    """Return `text` in the canonical layout; raises ParseError on syntax errors."""
    from .formatter import format_text

    return format_text(text)


def review(plan_file: PlanFile, log_file: PlanFile | None = None) -> dict[str, object]:
    """A training log against its plan: the `workoutlang/review@1` document as plain
    data (docs/outputs/review.md). `log_file` (default: `plan_file`) holds the log;
    the plan is the one it names, or the only one. Raises WorkoutlangError when there
    is no log, or no plan for it."""
    from .review_data import review as _review

    return _review(plan_file, log_file)


def __getattr__(name: str) -> object:
    # CheckConfig on first use: importing it loads every check, the catalogue and
    # expansion, which parsing, formatting or `--version` do not need
    if name == "CheckConfig":
        from .checks import CheckConfig

        return CheckConfig
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
