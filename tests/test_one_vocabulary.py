"""No word list of the language is kept in more than one module.

The words live in workoutlang/vocabulary.py (and the grammar, which
tests/test_vocabulary.py holds to it). A module that keeps its own list of
them is a place a new keyword would have to be added by hand, and could
silently miss. This test finds such lists:
- anywhere, a literal (tuple, list, set, or a dict's keys) of nothing but
  words of a closed set that enumerates every one of them: `in ("kg", "lb")`
  is `in UNITS`, and a table keyed by every side is built from the
  vocabulary, `dict(zip(SIDES, (...), strict=True))`, so that it fails at
  import when a side is added and the table is not;
- a module-level constant that is a list of two or more words of one set
  (a named selection such as BOTH_SIDES belongs in the vocabulary).
A test of particular words inside a function (`kind == "weight"`,
`in ("weight", "bodyweight")`) or a table about some of them (limits per load
kind) is not a copy of the vocabulary: mypy checks those words against the
syntax tree's `Literal` kinds.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from workoutlang import vocabulary as v

PACKAGE = Path(__file__).resolve().parent.parent / "workoutlang"

# Each closed set of words, by the vocabulary name that owns it.
SETS: dict[str, frozenset[str]] = {
    "DAYS": frozenset(v.DAYS),
    "UNITS": frozenset(v.UNITS),
    "BLOCK_KINDS": frozenset(v.BLOCK_KINDS),
    "SIDES": frozenset(v.SIDES),
    "LOAD_KINDS": frozenset(v.LOAD_KINDS),
    "BAND_LEVELS": frozenset(v.BAND_LEVELS),
    "PROGRESS_UNIT_SPELLINGS": frozenset(v.PROGRESS_UNIT_SPELLINGS),
    "PROPERTY_KEYS": frozenset(v.PROPERTY_KEYS),
    "MODIFIER_KEYWORDS": frozenset(v.MODIFIER_KEYWORDS),
    "HEADER_KEYWORDS": frozenset(v.HEADER_KEYWORDS),
    "PRESCRIPTION_KINDS": frozenset(v.PRESCRIPTION_KINDS),
    "MEASURES": frozenset(v.MEASURES),
}


def _literal_words(node: ast.AST) -> list[str]:
    """The string constants a collection literal spells out."""
    if isinstance(node, ast.Dict):
        elements = [key for key in node.keys if key is not None]
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        elements = list(node.elts)
    else:
        return []
    return [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]


def _spelled(node: ast.AST, module_level: bool) -> list[tuple[int, str, list[str]]]:
    words = _literal_words(node)
    found = []
    for name, members in SETS.items():
        spelled = [w for w in words if w in members]
        if len(set(spelled)) < 2 or len(spelled) != len(words):
            continue  # not a list of words: other strings beside them (JSON keys, Connect's)
        if set(spelled) == members or (module_level and not isinstance(node, ast.Dict)):
            found.append((getattr(node, "lineno", 0), name, spelled))
    return found


def copies(source: str) -> list[tuple[int, str, list[str]]]:
    """(line, vocabulary set, words) for each literal that keeps a word list."""
    tree = ast.parse(source)
    constants: set[int] = set()
    for statement in tree.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
            constants.update(id(node) for node in ast.walk(statement.value))
    found = []
    for node in ast.walk(tree):
        found.extend(_spelled(node, id(node) in constants))
    return sorted(set((line, name, tuple(words)) for line, name, words in found))  # type: ignore[misc]


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "vocabulary.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_keeps_its_own_copy_of_the_vocabulary(path: Path) -> None:
    found = copies(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(
        f"{path.relative_to(PACKAGE)}:{line}: {words} spell {name} again: "
        f"use workoutlang.vocabulary.{name}"
        for line, name, words in found)


def test_the_finder_finds_a_copy() -> None:
    assert copies('DAYS = ("mon", "tue")\nx = {"left": 1, "right": 2, "each_leg": 3, '
                  '"each_side": 4}') == [(1, "DAYS", ("mon", "tue")),
                                         (2, "SIDES", ("left", "right", "each_leg", "each_side"))]
    assert copies('x = {"left": 1, "right": 2}\ny = ("load", "tempo", "rest")') == []
    assert copies('CONNECT = {"time": 2, "reps": 10, "lap.button": 1}') == []
    assert copies('def f(u):\n    return u in ("lb", "kg")') == [(2, "UNITS", ("lb", "kg"))]
    assert copies('def f(k):\n    return k in ("weight", "bodyweight") or k == "rpe"') == []
    assert copies('x = ("mon",)') == []
