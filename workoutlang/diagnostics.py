"""Diagnostics are data: one frozen class, one table of codes, three renderings."""

from __future__ import annotations

import enum
import functools
from typing import Any

import attrs

from .syntax import Span

DOCS_URL = "https://workoutlang.dev/docs/checks/{code}"


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@attrs.frozen
class Code:
    """A registered diagnostic code: `WOL006` / `missing-side`."""

    code: str
    name: str
    severity: Severity
    summary: str


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("WOL001", "syntax", Severity.ERROR, "the parser's error, with what was expected"),
        Code("WOL002", "unknown-exercise", Severity.ERROR, "name not in catalogue or file"),
        Code("WOL003", "bad-value", Severity.ERROR, "a value out of range or malformed"),
        Code("WOL004", "duplicate-modifier", Severity.ERROR, "the same modifier twice on a line"),
        Code("WOL005", "measure-mismatch", Severity.WARNING,
             "timed prescription for a rep exercise or the reverse"),
        Code("WOL006", "missing-side", Severity.ERROR,
             "a unilateral exercise with no each_leg/each_side/left/right"),
        Code("WOL007", "side-on-bilateral", Severity.WARNING,
             "each_leg on a two-legged exercise"),
        Code("WOL101", "core-coverage", Severity.ERROR, "a week with no core exercise"),
        Code("WOL102", "posterior-chain-coverage", Severity.ERROR,
             "a week with no posterior-chain exercise"),
        Code("WOL103", "single-leg-balance", Severity.ERROR,
             "in a session, left and right volume of the same exercise differ"),
        Code("WOL104", "single-leg-coverage", Severity.WARNING, "a week with no single-leg work"),
        Code("WOL105", "quad-dominance", Severity.WARNING,
             "in a week, quad-dominant volume exceeds posterior-chain volume"),
        Code("WOL106", "session-frequency", Severity.WARNING,
             "fewer than 2 or more than 3 strength sessions in a week"),
        Code("WOL107", "mobility-balance-coverage", Severity.WARNING,
             "a week with no mobility or balance work"),
    )
}

NAMES: dict[str, str] = {c.name: c.code for c in CODES.values()}


def resolve_code(text: str) -> str | None:
    """`WOL006`, `wol006` or `missing-side` → `WOL006`; None when unknown."""
    upper = text.strip().upper()
    if upper in CODES:
        return upper
    return NAMES.get(text.strip().lower())


@attrs.frozen
class Diagnostic:
    """One finding: its code, severity, where, and what to do about it."""

    code: str
    severity: Severity
    span: Span
    message: str
    hint: str | None = None
    # other places that matter, e.g. the first of two duplicate modifiers
    related: tuple[tuple[Span, str], ...] = ()

    @property
    def name(self) -> str:
        return CODES[self.code].name

    def to_dict(self) -> dict[str, Any]:
        """The JSON face (`--format json`)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "file": self.span.file,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "message": self.message,
            "hint": self.hint,
            "related": [
                {"file": s.file, "line": s.line, "column": s.column, "message": m}
                for s, m in self.related
            ],
        }


def make(code: str, span: Span, message: str, hint: str | None = None,
         related: tuple[tuple[Span, str], ...] = ()) -> Diagnostic:
    """A diagnostic with the code's default severity."""
    return Diagnostic(code, CODES[code].severity, span, message, hint, related)


def render_text(diagnostic: Diagnostic, source: str | None, color: bool = False) -> str:
    """The compiler face: `file:line:col: error[WOL006]: message`, the line, a caret."""
    span = diagnostic.span
    label = f"{diagnostic.severity.value}[{diagnostic.code}]"
    if color:
        tint = "\x1b[1;31m" if diagnostic.severity is Severity.ERROR else "\x1b[1;33m"
        label = f"{tint}{label}\x1b[0m"
    lines = [f"{span.location}: {label}: {diagnostic.message}"]
    source_lines = _lines(source) if source is not None else ()
    if 1 <= span.line <= len(source_lines):
        text = source_lines[span.line - 1].rstrip("\r")
        shown = text[:200]
        start = min(max(span.column - 1, 0), len(shown))
        end = span.end_column - 1 if span.end_line == span.line else len(text)
        width = max(1, min(end, len(shown)) - start)
        gutter = f"{span.line:>4} | "
        lines.append(gutter + shown)
        lines.append(" " * (len(gutter) + start) + "^" * width)
    if diagnostic.hint:
        lines.append(f"  = help: {diagnostic.hint}")
    for related_span, message in diagnostic.related:
        lines.append(f"  = note: {related_span.location}: {message}")
    return "\n".join(lines)


@functools.lru_cache(maxsize=4)
def _lines(source: str) -> tuple[str, ...]:
    """The source's lines, split once for all the diagnostics shown from one file
    (splitting a large file again for each of them took seconds)."""
    return tuple(source.splitlines())
