"""What every rule reads: the tree, the merged catalogue, the expanded plans, and each
training log with the plan it follows."""

from __future__ import annotations

import attrs

from .. import syntax
from ..catalogue import Catalogue
from ..expand import Clamp, ExpandedPlan
from ..logbook import Matching


@attrs.frozen
class FollowedLog:
    """A training log of the file and the plan it follows (checks/log.py finds it)."""

    log: syntax.Log
    # the file's exercises with those of the followed plan's file merged: a log names
    # exercises as its plan does
    catalogue: Catalogue
    # where the entries fall in the plan; None when no plan is at hand (nothing to match)
    # or the plan named is not found among several
    matching: Matching | None
    # False: no plan has the log's name, and the only plan at hand is followed (WOL201
    # says so at the log's header)
    by_name: bool = True
    # the names of the plans at hand (the file's and those given with --plan)
    plans_at_hand: tuple[str, ...] = ()


@attrs.frozen
class Context:
    tree: syntax.PlanFile
    catalogue: Catalogue  # the built-in catalogue with the file's definitions merged
    plans: tuple[ExpandedPlan, ...]  # in the order of tree.plans
    # progressions the expansion held at a bound, by position (WOL003 warns of each)
    clamps: tuple[Clamp, ...] = ()
    # the targets being compiled to (CheckConfig.targets): WOL010 warns of a %1rm
    # without a max only for a watch target; empty for `check`
    targets: frozenset[str] = frozenset()
    # each of tree.logs, in order, with its plan (CheckConfig.plans_for_logs adds plans
    # from other files to those the logs may follow)
    logs: tuple[FollowedLog, ...] = ()
