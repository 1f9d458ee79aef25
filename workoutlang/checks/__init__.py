"""The checks a good coach would make, run in the order of the rules table.

Each rule (diagnostics.RULES) names its check: a function taking a `Context`
and yielding diagnostics; it never prints and never raises. Its docstring's
first line is its summary, and its body holds a bad and a good example:
docs/checks/ is built from it. A code turned off for the whole run is not
checked at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import attrs

from .. import syntax
from ..catalogue import Catalogue, load_catalogue
from ..diagnostics import RULES, Diagnostic, Rule, Severity
from ..expand import Clamp, ExpandedPlan, expand
from ..memo import IdentityMemo
from ..weeks import over_budget
from .config import CheckConfig, file_directives
from .context import Context
from .lines import side_word
from .log import follow
from .weeks import session_volumes, week_volumes

Check = Callable[[Context], Iterator[Diagnostic]]

__all__ = ["CHECKS", "RULES", "CheckConfig", "Context", "Rule", "build_context", "run_checks",
           "session_volumes", "side_word", "week_volumes"]


def _checks() -> dict[str, Check]:
    out = {}
    for rule in RULES:
        check = rule.load()
        if check is not None:
            out[rule.code] = check
    return out


# code → its check function, loaded once from the table (WOL001 has none: the parser's)
CHECKS: dict[str, Check] = _checks()


# the same definitions (unchanged since the last parse) give the same catalogue object
_merged: IdentityMemo[Catalogue] = IdentityMemo(64)


def build_context(tree: syntax.PlanFile, catalogue: Catalogue | None = None) -> Context:
    """Merge the file's exercise definitions and expand every plan within the
    expansion budget (limits.MAX_EXPANDED_ITEMS): one past it is left unexpanded,
    its weeks empty, and WOL003 says why."""
    base = catalogue or load_catalogue()
    merged = _merged.get(base, *tree.exercises) or \
        _merged.put(base.with_definitions(tree.exercises), base, *tree.exercises)
    expanded: list[ExpandedPlan] = []
    clamps: list[Clamp] = []
    too_big = over_budget(tree.plans)  # counted from the tree: nothing is built to count
    for plan in tree.plans:
        if id(plan) in too_big:
            expanded.append(ExpandedPlan(plan, (), too_big[id(plan)]))
            continue
        result, found = expand(plan, merged)
        expanded.append(result)
        clamps.extend(found)
    plans = tuple(expanded)
    return Context(tree, merged, plans, tuple(clamps), logs=follow(tree, merged, plans))


def run_checks(tree: syntax.PlanFile, config: CheckConfig,
               context: Context | None = None) -> list[Diagnostic]:
    """Every rule's diagnostics with severities configured, errors first, then by
    position (`configure`).

    A rule whose code `config` (with the file's directives) turns off is not run."""
    context = context or build_context(tree)
    config = config.merged_with(file_directives(tree))
    if config.targets != context.targets:
        context = attrs.evolve(context, targets=config.targets)
    if config.plans_for_logs and context.tree.logs:
        context = attrs.evolve(context, logs=follow(tree, context.catalogue, context.plans,
                                                    config.plans_for_logs))
    found: list[Diagnostic] = []
    for rule in RULES:
        check = CHECKS.get(rule.code)
        if check is not None and config.severity_of(rule.code, rule.severity) is not Severity.OFF:
            found.extend(check(context))
    return configure(found, config, tree)


def configure(found: Iterable[Diagnostic], config: CheckConfig,
              tree: syntax.PlanFile) -> list[Diagnostic]:
    """Apply severities and line-level `# wol: disable=` comments; drop what is off.

    Sorted by file, then errors before warnings, then position: a real error is
    never printed below a warning that a line further up drew."""
    line_disabled = config.line_disabled
    out = []
    for diagnostic in found:
        if diagnostic.code in line_disabled.get(diagnostic.span.line, ()):
            continue
        severity = config.severity_of(diagnostic.code, diagnostic.severity)
        if severity is Severity.OFF:
            continue
        out.append(attrs.evolve(diagnostic, severity=severity))
    out.sort(key=lambda d: (d.span.file or "", d.severity is not Severity.ERROR,
                            d.span.line, d.span.column, d.code))
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

