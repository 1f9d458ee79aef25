"""Diagnostics are data: one frozen class, one table of rules, three renderings."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from .limits import (
    MAX_FOOT_CONTACTS,
    MAX_SESSION_MINUTES,
    MAX_SESSIONS_A_WEEK,
    MAX_WATCH_STEPS,
    MAX_WEEKS_WITHOUT_DELOAD,
    MIN_SESSIONS_A_WEEK,
    MIN_WORKING_SETS,
)
from .syntax import Span

if TYPE_CHECKING:
    from .checks.context import Context

    Check = Callable[[Context], Iterator["Diagnostic"]]

# a tab in a source line shown under a diagnostic: spaces to the next multiple of 4
TAB_SHOWN = 4


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@attrs.frozen
class Rule:
    """A registered code: `WOL006` / `missing-side`, its default severity, a one-line
    summary, and the check that finds it.

    `check` names the check function as `module:function` under
    `workoutlang.checks`; None for WOL001, which the parser reports. The
    function is imported only when checks run (parsing never pays for them), and
    its docstring is the rule's documentation (docs/checks/, hover).
    """

    code: str
    name: str
    severity: Severity
    summary: str
    check: str | None = None

    def load(self) -> Check | None:
        """The check function (imports its module); None for the parser's WOL001."""
        if self.check is None:
            return None
        import importlib

        module, _, function = self.check.partition(":")
        found: Check = getattr(importlib.import_module(f"workoutlang.checks.{module}"), function)
        return found

    @property
    def doc(self) -> str:
        """The check's docstring, cleaned; the summary for a rule without a check."""
        import inspect

        check = self.load()
        return inspect.cleandoc(check.__doc__ or "") if check is not None else self.summary


# Every code, in order: the one table. CODES, NAMES, resolve_code and the checks
# that run (workoutlang.checks.run_checks) are all read from it.
RULES: tuple[Rule, ...] = (
    Rule("WOL001", "syntax", Severity.ERROR, "the parser's error, with what was expected"),
    Rule("WOL002", "unknown-exercise", Severity.ERROR, "name not in catalogue or file",
         "lines:unknown_exercise"),
    Rule("WOL003", "bad-value", Severity.ERROR, "a value out of range or malformed",
         "values:bad_value"),
    Rule("WOL004", "duplicate-modifier", Severity.ERROR, "the same modifier twice on a line",
         "lines:duplicate_modifier"),
    Rule("WOL005", "measure-mismatch", Severity.WARNING,
         "timed prescription for a rep exercise or the reverse", "lines:measure_mismatch"),
    Rule("WOL006", "missing-side", Severity.ERROR,
         "a unilateral exercise with no each_leg/each_side/left/right", "lines:missing_side"),
    Rule("WOL007", "side-on-bilateral", Severity.WARNING,
         "each_leg on a two-legged exercise", "lines:side_on_bilateral"),
    Rule("WOL008", "unknown-fit-mapping", Severity.ERROR,
         "`fit CATEGORY/NAME` that the FIT profile does not have; suggest the nearest",
         "watch:unknown_fit_mapping"),
    Rule("WOL009", "unmapped-exercise", Severity.WARNING,
         "a custom exercise with no `fit` mapping compiled to a watch target",
         "watch:unmapped_exercise"),
    Rule("WOL010", "missing-max", Severity.ERROR,
         "`%tm` (warning: `%1rm` to a watch target) with no `max` line for the exercise",
         "values:missing_max"),
    Rule("WOL011", "no-calendar-day", Severity.WARNING,
         "a session with no days (`N per week`) compiled to a calendar (ics)",
         "calendar:no_calendar_day"),
    Rule("WOL012", "watch-step-limit", Severity.WARNING,
         f"a session of more than {MAX_WATCH_STEPS} workout steps compiled to a watch target",
         "watch:watch_step_limit"),
    Rule("WOL101", "core-coverage", Severity.ERROR, "a week with no core exercise",
         "weeks:core_coverage"),
    Rule("WOL102", "posterior-chain-coverage", Severity.ERROR,
         "a week with no posterior-chain exercise", "weeks:posterior_chain_coverage"),
    Rule("WOL103", "single-leg-balance", Severity.ERROR,
         "in a session, left and right volume of the same exercise differ",
         "weeks:single_leg_balance"),
    Rule("WOL104", "single-leg-coverage", Severity.WARNING, "a week with no single-leg work",
         "weeks:single_leg_coverage"),
    Rule("WOL105", "quad-dominance", Severity.WARNING,
         "in a week, quad-dominant volume exceeds posterior-chain volume",
         "weeks:quad_dominance"),
    Rule("WOL106", "session-frequency", Severity.WARNING,
         f"fewer than {MIN_SESSIONS_A_WEEK} or more than {MAX_SESSIONS_A_WEEK} strength "
         "sessions in a week", "weeks:session_frequency"),
    Rule("WOL107", "mobility-balance-coverage", Severity.WARNING,
         "a week with no mobility or balance work", "weeks:mobility_balance_coverage"),
    Rule("WOL108", "runaway-progression", Severity.WARNING,
         "a progression that takes a load over +50 % or reps over +100 % of where the line "
         "starts, or past a plausible load", "progression:runaway_progression"),
    Rule("WOL109", "missing-deload", Severity.WARNING,
         f"more than {MAX_WEEKS_WITHOUT_DELOAD} weeks of progression in a row with no "
         "deload week", "progression:missing_deload"),
    Rule("WOL110", "plyometric-dose", Severity.WARNING,
         f"more than {MAX_FOOT_CONTACTS} foot contacts of plyometric work in a session",
         "dose:plyometric_dose"),
    Rule("WOL111", "session-length", Severity.WARNING,
         f"a session estimated at over {MAX_SESSION_MINUTES} minutes (sets, reps at tempo, "
         "rests)", "dose:session_length"),
    Rule("WOL112", "low-dose", Severity.WARNING,
         "a week whose core, posterior-chain or single-leg work is a token dose (under "
         f"{MIN_WORKING_SETS} working sets)", "dose:low_dose"),
    Rule("WOL113", "retagged-exercise", Severity.WARNING,
         "an `exercise` block adds a coverage tag to a built-in exercise",
         "definitions:retagged_exercise"),
    Rule("WOL201", "unmatched-entry", Severity.WARNING,
         "a log entry that matches no planned session (or a log whose plan is not found)",
         "log:unmatched_entry"),
    Rule("WOL202", "unplanned-exercise", Severity.WARNING,
         "a logged exercise its session does not have", "log:unplanned_exercise"),
    Rule("WOL203", "date-outside-plan", Severity.WARNING,
         "a log date before the plan's first week or after its last", "log:date_outside_plan"),
    Rule("WOL204", "logged-twice", Severity.WARNING,
         "the same session logged twice on one day", "log:logged_twice"),
)

CODES: dict[str, Rule] = {rule.code: rule for rule in RULES}
NAMES: dict[str, str] = {rule.name: rule.code for rule in RULES}


def resolve_code(text: str) -> str | None:
    """`WOL006`, `wol006` or `missing-side` → `WOL006`; None when unknown."""
    upper = text.strip().upper()
    if upper in CODES:
        return upper
    return NAMES.get(text.strip().lower())


@attrs.frozen
class Fix:
    """A quick fix found by a rule: put `replacement` where `span` is (an empty span,
    end == start, inserts there). The language server offers it as a code action."""

    title: str  # what the editor shows: "Replace with squat", "Add each_leg"
    span: Span
    replacement: str


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
    # edits that fix it (not in to_dict: the JSON face is unchanged)
    fixes: tuple[Fix, ...] = ()

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
         related: tuple[tuple[Span, str], ...] = (), fixes: tuple[Fix, ...] = (),
         severity: Severity | None = None) -> Diagnostic:
    """A diagnostic with the code's default severity unless `severity` is given."""
    return Diagnostic(code, severity or CODES[code].severity, span, message, hint, related,
                      fixes)


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
        end = max(start + 1, min(end, len(shown)))
        if "\t" in shown:  # a tab shows as spaces, so that the caret stands under its column
            start, end = (len(shown[:start].expandtabs(TAB_SHOWN)),
                          len(shown[:end].expandtabs(TAB_SHOWN)))
            shown = shown.expandtabs(TAB_SHOWN)
        gutter = f"{span.line:>4} | "
        lines.append(gutter + shown)
        lines.append(" " * (len(gutter) + start) + "^" * max(1, end - start))
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
