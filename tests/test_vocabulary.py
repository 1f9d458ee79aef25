"""The grammar and the vocabulary spell the same words, both ways.

workoutlang/vocabulary.py holds every word of the language once; the grammar
(grammar/workoutlang.lark) spells them again in its terminals and keywords,
because Lark reads them there. These tests load the grammar with Lark, read
the set of words each terminal accepts (its regular expression, enumerated)
and every quoted keyword, and compare them with the vocabulary. The last
tests change a word on one side and check that the comparison notices.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from re import _parser as sre_parse  # type: ignore[attr-defined]  # Python 3.11+
from typing import Any

import pytest
from lark import Lark

from workoutlang import vocabulary as v
from workoutlang.parser import _grammar_path

GRAMMAR = Path(_grammar_path())

# quoted strings of the grammar that are punctuation, not words
PUNCTUATION = {":", ",", "+"}

# terminal → the words it must accept, exactly
WORD_TERMINALS: dict[str, set[str]] = {
    "BLOCK_KIND": set(v.BLOCK_KINDS),
    "SIDE": set(v.SIDES),
    "PROPERTY_KEY": set(v.PROPERTY_KEYS),
    "UNIT": set(v.UNITS),
    "ROUNDS": set(v.ROUNDS_WORDS),
    "BW": {v.BODYWEIGHT_WORD},
    "RPE": {v.EFFORT_WORDS[0]},
    "RIR": {v.EFFORT_WORDS[1]},
    "BAND": {v.BAND_WORD},
    "WAVE": {v.WAVE_KEYWORD},
    "DOUBLE": {v.DOUBLE_KEYWORD},
    "IF": {v.IF_DONE_WORDS[0]},
    "DONE": {v.IF_DONE_WORDS[1]},
    "MISSES": set(v.MISSES_WORDS),
    "LADDER": {v.LADDER_KEYWORD},
    "GRADUATE": {v.GRADUATE_KEYWORD},
    "SKIPPED": {v.SKIPPED_WORD},
    "LAP": {v.LAP_WORD},
}


def keywords() -> set[str]:
    """Every quoted keyword the vocabulary has for the grammar."""
    return {*v.HEADER_KEYWORDS, *v.PLAN_OPTIONS, v.DAYS_KEYWORD, v.DELOAD_KEYWORD,
            v.EVERY_KEYWORD, *v.MODIFIER_KEYWORDS, v.TM_KEYWORD, *v.PER_WEEK_WORDS,
            v.AFTER_KEYWORD, v.LOG_KEYWORD}


def vocabulary() -> dict[str, Any]:
    return {
        "terminals": WORD_TERMINALS, "keywords": keywords(),
        "progress_units": set(v.PROGRESS_UNIT_SPELLINGS), "periods": set(v.PROGRESS_PERIODS),
        "duration_units": set(v.DURATION_UNITS), "explosive": v.EXPLOSIVE,
        "sets_separator": v.SETS_SEPARATOR, "max": v.MAX_WORD,
        "percent_1rm": v.PERCENT_1RM_SUFFIX, "percent_tm": v.PERCENT_TM_SUFFIX,
        "distance_units": set(v.DISTANCE_UNITS), "amrap": v.AMRAP_MARK,
    }


# --- the finite languages of regular expressions ----------------------------------------


def language(items: Any) -> set[str]:
    """Every string a parsed regular expression matches; lookaheads are ignored.
    Raises ValueError for an infinite language (a `+`, `*` or a large class)."""
    out = {""}
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            options = {chr(arg)}
        elif name == "SUBPATTERN":
            options = language(arg[-1])
        elif name == "BRANCH":
            options = set().union(*(language(branch) for branch in arg[1]))
        elif name == "MAX_REPEAT" or name == "MIN_REPEAT":
            low, high, inner = arg
            if high > 4:
                raise ValueError("infinite")
            once = language(inner)
            options = set()
            for count in range(low, high + 1):
                options |= {"".join(p) for p in _product(once, count)}
        elif name == "IN":
            options = set()
            for kind, value in arg:
                if str(kind) != "LITERAL":
                    raise ValueError("a class")
                options.add(chr(value))
        elif name in ("ASSERT_NOT", "ASSERT"):
            continue
        else:
            raise ValueError(name)
        out = {a + b for a in out for b in options}
    return out


def _product(strings: set[str], count: int) -> Iterator[tuple[str, ...]]:
    if count == 0:
        yield ()
        return
    for first in strings:
        for rest in _product(strings, count - 1):
            yield (first, *rest)


def parts(pattern: str) -> list[set[str]]:
    """The finite languages of the top-level parts of `pattern`, recursively through
    groups: where a part is infinite (`[0-9]+`), the finite groups inside it."""
    found: list[set[str]] = []

    def walk(items: Any) -> None:
        for op, arg in items:
            try:
                found.append(language([(op, arg)]))
            except ValueError:
                if str(op) == "SUBPATTERN":
                    walk(arg[-1])
                elif str(op) == "BRANCH":
                    for branch in arg[1]:
                        walk(branch)
                elif str(op) in ("MAX_REPEAT", "MIN_REPEAT"):
                    walk(arg[2])

    walk(sre_parse.parse(pattern))
    return found


def letters(pattern: str) -> set[str]:
    """The letters written literally in `pattern`."""
    return {s for part in parts(pattern) for word in part for s in word if s.isalpha()}


# --- the comparison ---------------------------------------------------------------------


def disagreements(grammar: Lark, words: dict[str, Any]) -> list[str]:
    """Where the grammar and `words` (the vocabulary's) differ, in words."""
    terminals = {t.name: t.pattern for t in grammar.terminals}
    found = []

    def differ(what: str, grammar_side: set[str], vocabulary_side: set[str]) -> None:
        if grammar_side != vocabulary_side:
            found.append(f"{what}: grammar {sorted(grammar_side)} "
                         f"≠ vocabulary {sorted(vocabulary_side)}")

    for name, expected in words["terminals"].items():
        differ(name, language(sre_parse.parse(terminals[name].value)), expected)

    quoted = {p.value for p in terminals.values() if p.type == "str"}
    differ("keywords", quoted - PUNCTUATION, words["keywords"])

    progress = terminals["PROGRESS"].value
    units = [p for p in parts(progress) if len(p) > 1 and all(w[-1:].isalpha() for w in p)
             and "/" not in "".join(p)]
    differ("PROGRESS units", units[0] if len(units) == 1 else set(), words["progress_units"])
    periods = [{w[1:] for w in p if w} for p in parts(progress)
               if len(p) > 1 and all(w.startswith("/") for w in p if w)]
    differ("PROGRESS periods", periods[-1] if periods else set(), words["periods"])

    differ("DURATION units", letters(terminals["DURATION"].value),
           {c for unit in words["duration_units"] for c in unit})
    differ("TEMPO letters", letters(terminals["TEMPO"].value),
           {words["explosive"], words["explosive"].upper()})

    prescription = re.compile(terminals["PRESCRIPTION"].value)
    x = words["sets_separator"]
    for example in (f"3{x}8", f"3{x}{words['max']}", f"1{x}5{words['amrap']}",
                    *(f"3{x}1{u}" for u in words["duration_units"]),
                    *(f"3{x}40{u}" for u in words["distance_units"])):
        if not prescription.fullmatch(example):
            found.append(f"PRESCRIPTION does not match {example}")
    differ("PRESCRIPTION letters", letters(terminals["PRESCRIPTION"].value),
           {x, *words["max"], *(c for unit in words["duration_units"] for c in unit),
            *(c for unit in words["distance_units"] for c in unit)})

    for terminal, suffix in (("PERCENT_1RM", words["percent_1rm"]),
                             ("PERCENT_TM", words["percent_tm"])):
        if not re.fullmatch(terminals[terminal].value, f"70{suffix}"):
            found.append(f"{terminal} does not match 70{suffix}")
    return found


def load(text: str) -> Lark:
    return Lark(text, parser="lalr", lexer="contextual")


# --- the tests --------------------------------------------------------------------------


def test_the_grammar_and_the_vocabulary_agree() -> None:
    assert disagreements(load(GRAMMAR.read_text(encoding="utf-8")), vocabulary()) == []


def test_every_keyword_of_the_grammar_is_a_word_of_the_vocabulary() -> None:
    grammar = load(GRAMMAR.read_text(encoding="utf-8"))
    quoted = {t.pattern.value for t in grammar.terminals if t.pattern.type == "str"}
    assert quoted - PUNCTUATION <= keywords()
    assert keywords() <= quoted


def test_the_enumerator_reads_the_shapes_the_grammar_uses() -> None:
    assert language(sre_parse.parse(r"(a|bc)(?![A-Za-z])")) == {"a", "bc"}
    assert language(sre_parse.parse(r"rounds?")) == {"round", "rounds"}
    assert language(sre_parse.parse(r"[xX]")) == {"x", "X"}
    with pytest.raises(ValueError):
        language(sre_parse.parse(r"[0-9]+"))


# A test that could not fail proves nothing: change a word on either side, and
# the comparison must say so.
GRAMMAR_CHANGES = {
    "a block kind": ("superset|circuit", "superset|circus"),
    "a side": ("|left|right)", "|left|right|both)"),
    "a property key": ("|alias|note)", "|alias|notes)"),
    "a unit": ("UNIT.2: /(kg|lb)", "UNIT.2: /(kg|lbs)"),
    "rounds": ("ROUNDS.2: /rounds?", "ROUNDS.2: /rounds"),
    "bw": ("BW.2: /bw", "BW.2: /bodyweight"),
    "rpe": ("RPE.2: /rpe", "RPE.2: /rpe_"),
    "a keyword": ('"tempo" TEMPO', '"pace" TEMPO'),
    "another keyword": ('("on" day', '("at" day'),
    "a progress unit": ("(kg|lb|reps?|sets?|s|%1rm|%tm)", "(kg|lb|reps?|sets?|s|%1rm|%tm|min)"),
    "the progress period": ("(week|session|cycle))?", "(wk|session|cycle))?"),
    "a duration unit": ("|[0-9]+s)(?!", "|[0-9]+sec)(?!"),
    "the sets separator": ("PRESCRIPTION.2: /[0-9]+x(", "PRESCRIPTION.2: /[0-9]+X("),
    "explosive": ("TEMPO: /([0-9]+|[xX])(-([0-9]+|[xX]))*/", "TEMPO: /[0-9]+(-[0-9]+)*/"),
}


@pytest.mark.parametrize("change", GRAMMAR_CHANGES, ids=str)
def test_a_word_changed_in_the_grammar_is_noticed(change: str) -> None:
    old, new = GRAMMAR_CHANGES[change]
    text = GRAMMAR.read_text(encoding="utf-8")
    assert text.count(old) == 1, change
    assert disagreements(load(text.replace(old, new)), vocabulary()) != [], change


VOCABULARY_CHANGES = {
    "a block kind": lambda w: w["terminals"].update(BLOCK_KIND={*v.BLOCK_KINDS, "tabata"}),
    "a side": lambda w: w["terminals"].update(SIDE=set(v.SIDES) - {"left"}),
    "a keyword": lambda w: w.update(keywords=w["keywords"] | {"repeat"}),
    "a keyword gone": lambda w: w.update(keywords=w["keywords"] - {"every"}),
    "a progress unit": lambda w: w.update(progress_units=w["progress_units"] - {"reps"}),
    "a duration unit": lambda w: w.update(duration_units={"h", "m", "s"}),
    "the period": lambda w: w.update(periods={"week", "session"}),
    "max": lambda w: w.update(max="all"),
    "%1rm": lambda w: w.update(percent_1rm="%rm"),
}


@pytest.mark.parametrize("change", VOCABULARY_CHANGES, ids=str)
def test_a_word_changed_in_the_vocabulary_is_noticed(change: str) -> None:
    words = vocabulary()
    words["terminals"] = {k: set(s) for k, s in words["terminals"].items()}
    VOCABULARY_CHANGES[change](words)
    grammar = load(GRAMMAR.read_text(encoding="utf-8"))
    assert disagreements(grammar, words) != [], change


def test_the_language_server_offers_the_vocabulary_words() -> None:
    from workoutlang import lsp

    assert [label for label, _, _ in lsp.MODIFIERS] == [
        "@", "tempo", *v.SIDES, *(k for k in v.MODIFIER_KEYWORDS if k not in ("@", "tempo"))]
    assert set(lsp.WRITTEN) == {*v.MODIFIER_KEYWORDS, *v.SIDES}
    assert (lsp.DAYS, lsp.SIDES, lsp.BLOCKS, lsp.PROPERTY_KEYS) == (
        v.DAYS, v.SIDES, v.BLOCK_KINDS, v.PROPERTY_KEYS)
    assert {label for label, _ in lsp.AFTER["units"]} == set(v.UNITS)
    assert {label for label, _ in lsp.AFTER["measure"]} == set(v.MEASURES)
    assert {*v.TOP_LEVEL_KEYWORDS, *v.PLAN_ITEM_KEYWORDS} == set(v.HEADER_KEYWORDS)
