"""Rules about the file's own `exercise NAME:` blocks: WOL113, a built-in exercise
retagged into a coverage category.

The coverage and volume checks (WOL101-WOL107) read an exercise's tags. A block
that adds such a tag to a catalogue exercise (`exercise squat: tags
posterior_chain`) lets a plan vouch for itself; that is sometimes right (a
variation the catalogue does not know) and often not, so it is said aloud.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import syntax
from ..catalogue import Catalogue, load_catalogue
from ..diagnostics import CODES, Diagnostic, make
from .context import Context

# the vocabulary tags (catalogue.TAGS) that checks read → the codes that read them, in
# the order `check --stats` shows them (stats.py).
# plyometric: WOL110 plyometric-dose reads it once that check is in (codes not
# registered are left out of the message).
COVERAGE_TAGS: dict[str, tuple[str, ...]] = {
    "core": ("WOL101",),
    "posterior_chain": ("WOL102", "WOL105"),
    "single_leg": ("WOL104",),
    "quad_dominant": ("WOL105",),
    "mobility": ("WOL107",),
    "balance": ("WOL107",),
    "plyometric": ("WOL110",),
}


def retagged(tree: syntax.PlanFile,
             catalogue: Catalogue | None = None) -> dict[str, dict[str, syntax.Span]]:
    """Built-in exercise name → the coverage tags the file's blocks add to it → the
    `tags` line that adds each (the first, when several do). `catalogue` is the
    built-in one (default: load_catalogue())."""
    built_in = catalogue or load_catalogue()
    out: dict[str, dict[str, syntax.Span]] = {}
    for definition in tree.exercises:
        exercise = built_in.lookup(definition.name)  # by name or alias
        if exercise is None:
            continue  # a new exercise: its tags are its own
        for prop in definition.properties:
            if prop.key != "tags":
                continue
            for tag in prop.values:
                if tag in COVERAGE_TAGS and tag not in exercise.tags:
                    out.setdefault(exercise.name, {}).setdefault(tag, prop.span)
    return out


def retagged_exercise(context: Context) -> Iterator[Diagnostic]:
    """A built-in exercise given a coverage tag it does not have in the catalogue.

    The coverage and volume checks read tags, so a plan that adds one to a
    catalogue exercise satisfies them by its own word: `exercise squat: tags
    posterior_chain` passes WOL102 with squats alone. When the tag is honest (a
    variation the catalogue does not know), keep it with `# wol: disable=WOL113`
    on the `tags` line; otherwise define a new exercise with its own name.
    `check --stats` and `review` mark the numbers that count such a tag.

    Bad:
        exercise squat:
          tags posterior_chain
    Good:
        exercise squat:
          tags posterior_chain  # wol: disable=WOL113 (a deep hip-dominant squat)
    Or:
        exercise box_squat_wide:
          tags posterior_chain quad_dominant lower
    """
    for name, tags in retagged(context.tree).items():
        for tag, span in tags.items():
            codes = [f"{code} ({CODES[code].name})" for code in COVERAGE_TAGS[tag]
                     if code in CODES]
            counts = f"it now counts for {' and '.join(codes)}" if codes else \
                "it now counts as such"
            yield make("WOL113", span,
                       f"{name} is a built-in exercise without the {tag} tag; tagging it "
                       f"{tag} here lets the plan vouch for itself: {counts}",
                       f"if {name} really is {tag.replace('_', '-')} work in this plan, keep "
                       "it with `# wol: disable=WOL113` on this line; otherwise define a "
                       "new exercise with its own name and tags")
