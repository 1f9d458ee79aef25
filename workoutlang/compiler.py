"""The pipeline in one place: tree → checks → expanded program → target bytes."""

from __future__ import annotations

import attrs

from . import syntax
from .checks import CheckConfig, build_context, failed, run_checks
from .errors import CompileError
from .expand import Program
from .limits import MAX_EXPANDED_ITEMS, MAX_PLAN_ITEMS


def build_program(tree: syntax.PlanFile, config: CheckConfig | None = None) -> Program:
    """Merge the file's exercises, expand every plan and run every check."""
    context = build_context(tree)
    found = run_checks(tree, config or CheckConfig(), context)
    return Program(tree, context.catalogue, context.plans, tuple(found))


def compile_tree(tree: syntax.PlanFile, target: str, options: object | None = None,
                 config: CheckConfig | None = None,
                 force: bool = False) -> bytes | dict[str, bytes]:
    """Check, then emit `target`; refuse (CompileError) when the checks find errors."""
    config = config or CheckConfig()
    config = attrs.evolve(config, targets=config.targets | {target})
    program = build_program(tree, config)
    return emit_program(program, target, options, config.strict, force)


def emit_program(program: Program, target: str, options: object | None = None,
                 strict: bool = False, force: bool = False) -> bytes | dict[str, bytes]:
    """Emit `target`; refuse (CompileError) when the checks found errors (unless
    `force`), and always when a plan was too big to expand: there is nothing to write."""
    unexpanded = not_expanded(program, "not compiled")
    if unexpanded is not None:
        raise unexpanded
    if not force and failed(program.diagnostics, strict):
        errors = [d for d in program.diagnostics if d.severity.value == "error"] or \
            list(program.diagnostics)
        first = errors[0]
        raise CompileError(
            f"not compiled: the checks found {len(errors)} problem(s), the first at "
            f"{first.span.location}: {first.message}", first.span)
    from .backends import EmitOptions, emit  # here: checking alone never loads the backends

    if options is not None and not isinstance(options, EmitOptions):
        raise TypeError("options must be a workoutlang.backends.EmitOptions")
    return emit(program, target, options)


def not_expanded(program: Program, verb: str) -> CompileError | None:
    """The error (`verb`: "not compiled"…) for the first plan past the expansion budget
    (WOL003), or None."""
    for plan in program.plans:
        over = plan.over_budget
        if over is not None:
            size = (f"{over.items:,} items, more than {MAX_PLAN_ITEMS:,}" if over.alone else
                    f"{over.file_items:,} items with the plans above it, more than "
                    f"{MAX_EXPANDED_ITEMS:,}")
            return CompileError(f'{verb}: plan "{plan.plan.name}" expands to {size}',
                                plan.plan.span)
    return None
