"""What every rule reads: the tree, the merged catalogue, the expanded plans."""

from __future__ import annotations

import attrs

from .. import syntax
from ..catalogue import Catalogue
from ..diagnostics import Diagnostic
from ..expand import ExpandedPlan


@attrs.frozen
class Context:
    tree: syntax.PlanFile
    catalogue: Catalogue  # the built-in catalogue with the file's definitions merged
    plans: tuple[ExpandedPlan, ...]  # in the order of tree.plans
    expansion_notes: tuple[Diagnostic, ...] = ()  # warnings from expansion (clamps)
