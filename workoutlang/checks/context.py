"""What every rule reads: the tree, the merged catalogue, the expanded plans."""

from __future__ import annotations

import attrs

from .. import syntax
from ..catalogue import Catalogue
from ..expand import Clamp, ExpandedPlan


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
