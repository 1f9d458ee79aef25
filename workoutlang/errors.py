"""The one exception family of workoutlang; every error carries a span."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .syntax import Span


class WorkoutlangError(Exception):
    """Base of every error the library raises; `span` says where, when known."""

    def __init__(self, message: str, span: Span | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span


class ParseError(WorkoutlangError):
    """The source has syntax errors; `diagnostics` holds every WOL001 found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        first = diagnostics[0]
        super().__init__(first.message, first.span)
        self.diagnostics = diagnostics


class CompileError(WorkoutlangError):
    """A target cannot be produced from this plan (e.g. ics without a start date)."""
