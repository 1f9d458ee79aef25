"""The one exception family of workoutlang; every error carries a span."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .syntax import PlanFile, Span


class WorkoutlangError(Exception):
    """Base of every error the library raises; `span` says where, when known."""

    def __init__(self, message: str, span: Span | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span


class ParseError(WorkoutlangError):
    """The source has syntax errors; `diagnostics` holds every WOL001 found.

    `partial` is the tree of the file as the parser repaired it, when every error
    had one clear repair (a header's missing `:`, tab indentation of one width):
    `check` runs the checks on it, so one run reports the other mistakes too.
    None when a line had to be left out: checks would see a plan that is not
    the one written."""

    def __init__(self, diagnostics: list[Diagnostic], partial: PlanFile | None = None) -> None:
        first = diagnostics[0]
        super().__init__(first.message, first.span)
        self.diagnostics = diagnostics
        self.partial = partial


class CompileError(WorkoutlangError):
    """A target cannot be produced from this plan (e.g. ics without a start date)."""
