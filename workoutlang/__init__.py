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
    "WorkoutlangError", "__version__", "check", "compile", "format", "parse", "review",
]


def parse(text: str, filename: str | None = None) -> PlanFile:
    """Parse plan source text into a syntax tree.

    Raises ParseError (a WorkoutlangError) holding one WOL001 diagnostic per
    syntax error found; its `span` is the first one's.
    """
    from .parser import parse as _parse

    return _parse(text, filename)


def check(tree: PlanFile, config: CheckConfig | None = None) -> list[Diagnostic]:
    """Run every check on a parsed file; diagnostics sorted by position.

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


def review(plan_file: PlanFile, log_file: PlanFile) -> dict[str, object]:
    """A training log against its plan: the `workoutlang/review@1` document as plain
    data (docs/outputs/review.md). `log_file`'s first log that names a plan of
    `plan_file` is reviewed (the two may be one tree). Raises WorkoutlangError when
    `log_file` holds no log or its log follows no plan of `plan_file`."""
    from .review_data import review as _review

    return _review(plan_file, log_file)


def __getattr__(name: str) -> object:
    # CheckConfig on first use: importing it loads every check, the catalogue and
    # expansion, which parsing, formatting or `--version` do not need
    if name == "CheckConfig":
        from .checks import CheckConfig

        return CheckConfig
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
