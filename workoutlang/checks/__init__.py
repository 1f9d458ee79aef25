"""The checks a good coach would make, run in one explicit order.

Each rule is a function taking a `Context` and yielding diagnostics; it never
prints and never raises. Its docstring's first line is its summary, and its
body holds a bad and a good example: docs/checks/ is built from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import attrs

from .. import syntax
from ..catalogue import Catalogue, load_catalogue
from ..diagnostics import CODES, Diagnostic, Severity
from ..expand import ExpandedPlan, expand
from ..memo import IdentityMemo
from .config import CheckConfig, file_directives
from .context import Context

Rule = Callable[[Context], Iterator[Diagnostic]]

__all__ = ["CheckConfig", "Context", "RULES", "build_context", "run_checks"]


def _rules() -> tuple[Rule, ...]:
    from . import lines, values, weeks

    return (
        values.bad_value,
        lines.unknown_exercise,
        lines.duplicate_modifier,
        lines.measure_mismatch,
        lines.missing_side,
        lines.side_on_bilateral,
        weeks.core_coverage,
        weeks.posterior_chain_coverage,
        weeks.single_leg_balance,
        weeks.single_leg_coverage,
        weeks.quad_dominance,
        weeks.session_frequency,
        weeks.mobility_balance_coverage,
    )


RULES: tuple[Rule, ...] = _rules()


# the same definitions (unchanged since the last parse) give the same catalogue object
_merged: IdentityMemo[Catalogue] = IdentityMemo(64)


def build_context(tree: syntax.PlanFile, catalogue: Catalogue | None = None) -> Context:
    """Merge the file's exercise definitions and expand every plan."""
    base = catalogue or load_catalogue()
    merged = _merged.get(base, *tree.exercises) or \
        _merged.put(base.with_definitions(tree.exercises), base, *tree.exercises)
    expanded: list[ExpandedPlan] = []
    notes: list[Diagnostic] = []
    for plan in tree.plans:
        result, found = expand(plan, merged)
        expanded.append(result)
        notes.extend(found)
    return Context(tree, merged, tuple(expanded), tuple(notes))


def run_checks(tree: syntax.PlanFile, config: CheckConfig,
               context: Context | None = None) -> list[Diagnostic]:
    """Every rule's diagnostics with severities configured, sorted by position."""
    context = context or build_context(tree)
    found: list[Diagnostic] = list(context.expansion_notes)
    for rule in RULES:
        found.extend(rule(context))
    return configure(found, config.merged_with(file_directives(tree)), tree)


def configure(found: Iterable[Diagnostic], config: CheckConfig,
              tree: syntax.PlanFile) -> list[Diagnostic]:
    """Apply severities and line-level `# wol: disable=` comments; drop what is off."""
    line_disabled = config.line_disabled
    out = []
    for diagnostic in found:
        if diagnostic.code in line_disabled.get(diagnostic.span.line, ()):
            continue
        severity = config.severity_of(diagnostic.code, diagnostic.severity)
        if severity is Severity.OFF:
            continue
        out.append(attrs.evolve(diagnostic, severity=severity))
    out.sort(key=lambda d: (d.span.file or "", d.span.line, d.span.column, d.code))
    return _unique(out)


def _unique(found: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[str, int, int, str]] = set()
    out = []
    for d in found:
        key = (d.code, d.span.line, d.span.column, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def failed(found: Iterable[Diagnostic], strict: bool = False) -> bool:
    """Whether these diagnostics fail a run: errors, or warnings too when strict."""
    return any(d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)
               for d in found)


assert {rule.__name__.replace("_", "-") for rule in RULES} <= {c.name for c in CODES.values()}
