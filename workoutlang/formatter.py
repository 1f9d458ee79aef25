"""The canonical layout of plan files (and training logs), proved safe before it is
returned.

`format_text` parses the source, prints the tree in one layout (docs/
formatting.md), and then proves the result the way black does: the output
parses, means what the input meant (the trees are equal once spans and the
as-written spellings of values are set aside), formats to itself, and keeps
every comment. If any proof fails it raises `FormatterError` and nothing is
written.

Comments are not attached to nodes in the tree; they are placed by line: an
own-line comment goes just before the statement on the first code line after
it (indented to that statement's depth), a trailing comment stays at the end
of its statement's line. Statements keep their source order, except a plan's
`max` lines, which go first in the plan (their comments with them).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import attrs

from . import syntax
from .errors import ParseError, WorkoutlangError
from .parser import parse, untab
from .spelling import (
    SpellingError,
    load_text,
    percent,
    scheme_text,
    spell,
    week_range_text,
)
from .vocabulary import (
    DAYS_KEYWORD,
    GRADUATE_KEYWORD,
    LADDER_KEYWORD,
    LOG_KEYWORD,
    MAX_KEYWORD,
    ROTATION_KEYWORD,
    SKIPPED_WORD,
    TM_KEYWORD,
    WAVE_KEYWORD,
)

__all__ = ["FormatterError", "format_text", "format_tree", "meaning"]

INDENT = "  "
# a trailing comment keeps its column when the code still ends this far before it
COMMENT_GAP = 2

# the fixed orders: modifiers, plan options, block options
MODIFIER_ORDER: tuple[type, ...] = (syntax.Load, syntax.Tempo, syntax.Side, syntax.Rest,
                                    syntax.Progress, syntax.Reset, syntax.Note)
PLAN_OPTION_ORDER: tuple[type, ...] = (syntax.WeeksOption, syntax.UnitsOption,
                                       syntax.StartOption, syntax.DeloadEveryOption,
                                       syntax.CycleOption, syntax.RoundOption,
                                       syntax.SupplementOption)
BLOCK_OPTION_ORDER: tuple[type, ...] = (syntax.Rounds, syntax.Rest)

_BARE_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FIT_PART = re.compile(r"[A-Za-z0-9_]+")


class FormatterError(WorkoutlangError):
    """An internal error: the formatter's output failed one of its own proofs."""


# --- statements ------------------------------------------------------------------------
# Values are spelled by `spelling.spell`; here they are put in their fixed order.


def _ordered(items: tuple[Any, ...], order: tuple[type, ...]) -> list[Any]:
    """Stable sort by kind: duplicates (a WOL004 error) are kept, side by side. A kind
    that has no place in `order` is not part of the language: SpellingError."""
    def rank(item: Any) -> int:
        try:
            return order.index(type(item))
        except ValueError:
            raise SpellingError(f"no place for a {type(item).__qualname__} node among "
                                f"{', '.join(kind.__name__ for kind in order)}") from None
    return sorted(items, key=rank)


def _max_options(options: tuple[float | syntax.Progress, ...]) -> list[float | syntax.Progress]:
    """A max line's `tm` before its `progress` (duplicates kept, side by side)."""
    return sorted(options, key=lambda option: isinstance(option, syntax.Progress))


def _modifiers(modifiers: tuple[syntax.Modifier, ...]) -> list[str]:
    return [spell(m) for m in _ordered(modifiers, MODIFIER_ORDER)]


def exercise_line(line: syntax.ExerciseLine) -> str:
    """`NAME PRESCRIPTION MODIFIERS`, or with a set scheme `NAME GROUP, GROUP MODIFIERS`,
    each group's load right after it."""
    first = scheme_text(line.scheme) if line.scheme else spell(line.prescription)
    return " ".join([line.name, first, *_modifiers(line.modifiers)])


def wave_header(wave: syntax.Wave) -> str:
    return " ".join([wave.name, WAVE_KEYWORD, *_modifiers(wave.modifiers)]) + ":"


def ladder_header(ladder: syntax.Ladder) -> str:
    """`ladder 3x5-8 each_leg graduate 3x8:`."""
    return " ".join([LADDER_KEYWORD, spell(ladder.prescription), *_modifiers(ladder.modifiers),
                     GRADUATE_KEYWORD, spell(ladder.graduate)]) + ":"


def ladder_rung(rung: syntax.ExerciseLine) -> str:
    """A rung: its name and its own modifiers (the others are the ladder's header's)."""
    shared = len(rung.header_parts or (1,)) - 1
    return " ".join([rung.name, *_modifiers(rung.modifiers[shared:])])


def wave_row(row: syntax.ExerciseLine) -> str:
    """A row of a wave: its groups alone (the name and modifiers are the header's)."""
    return scheme_text(row.groups)


def max_line(line: syntax.MaxLine) -> str:
    """`max squat 315lb tm 90% progress +10lb/cycle`."""
    if line.load.kind != "weight" or line.load.effort is not None:
        raise SpellingError(f"a max is a weight, not a load of kind {line.load.kind!r}")
    words = [MAX_KEYWORD, line.exercise,
             load_text(line.load.kind, line.load.amount, line.load.unit, None)]
    for option in _max_options(line.options):
        words.append(spell(option) if isinstance(option, syntax.Progress)
                     else f"{TM_KEYWORD} {percent(option)}")
    return " ".join(words)


def plan_header(plan: syntax.Plan) -> str:
    options = [spell(option) for option in _ordered(plan.options, PLAN_OPTION_ORDER)]
    return " ".join([f'plan "{plan.name}"', *options]) + ":"


def week_header(week: syntax.Week) -> str:
    """`week 5-6 deload 50%:`; a bare week (the template at a deload) has no colon."""
    words = ["week", week_range_text(week.first, week.last)]
    if week.deload is not None:
        words.append(spell(week.deload))
    return " ".join(words) + ("" if week.bare else ":")


def _days(days: tuple[syntax.Day, ...]) -> str:
    return f" {DAYS_KEYWORD} {', '.join(spell(d) for d in days)}" if days else ""


def session_header(session: syntax.Session) -> str:
    """`session "A" on mon, thu:` or `session "A" 1-2 per week:`."""
    often = f" {spell(session.per_week)}" if session.per_week is not None else ""
    return f'session "{session.name}"{_days(session.days)}{often}:'


def rotation_header(rotation: syntax.Rotation) -> str:
    return f"{ROTATION_KEYWORD}{_days(rotation.days)}:"


def block_header(block: syntax.Block) -> str:
    options = [spell(option) for option in _ordered(block.options, BLOCK_OPTION_ORDER)]
    return " ".join([block.kind, *options]) + ":"


def log_header(log: syntax.Log) -> str:
    return f'{LOG_KEYWORD} "{log.plan}":'


def _skipped(note: str | None) -> str:
    """`skipped`, or `skipped note "…"`."""
    return SKIPPED_WORD if note is None else f"{SKIPPED_WORD} {spell(syntax.Note(note))}"


def entry_header(entry: syntax.Entry) -> str:
    """`2027-03-02 "Lower body + core":`, or a session not done,
    `2027-03-05 "Upper body" skipped note "ill"` (no body, no colon)."""
    head = f'{entry.date} "{entry.session}"'
    return f"{head} {_skipped(entry.note)}" if entry.skipped else f"{head}:"


def done_line(line: syntax.DoneLine) -> str:
    """`squat 5 @ 100kg, 3 @ 95kg each_leg note "…"`: the values as written, each
    with its own load, then the line's load (right after the last value), side and
    note; or `pallof_press skipped note "no cable"`."""
    if line.skipped:
        if line.groups or any(not isinstance(m, syntax.Note) for m in line.modifiers):
            raise SpellingError("a skipped done line has no values, load or side")
        notes = [spell(m) for m in line.modifiers]
        return " ".join([line.name, SKIPPED_WORD, *notes])
    if not line.groups:
        raise SpellingError(f"the done line {line.name!r} has no value")
    return " ".join([line.name, scheme_text(line.groups), *_modifiers(line.modifiers)])


def entry_note(note: syntax.EntryNote) -> str:
    return spell(syntax.Note(note.text))


def _property_value(value: str) -> str:
    return value if _BARE_WORD.fullmatch(value) else f'"{value}"'


def exercise_property(prop: syntax.ExerciseProperty) -> str:
    values = prop.values
    if prop.key == "fit" and len(values) == 2 and all(_FIT_PART.fullmatch(v) for v in values):
        words = ["/".join(values)]
    elif prop.key == "note" and len(values) == 1:
        words = [f'"{values[0]}"']
    else:
        words = [_property_value(v) for v in values]
    return " ".join([prop.key, *words])


# --- layout ----------------------------------------------------------------------------

# Whether a blank line goes before a statement (and the comments just above it).
FORCE, KEEP, NEVER = "force", "keep", "never"


@attrs.frozen
class _Statement:
    line: int  # its line in the source (all 1 in a generated tree)
    depth: int
    code: str
    blank: str  # FORCE, KEEP or NEVER


def _by_line(nodes: list[Any]) -> list[Any]:
    return sorted(nodes, key=lambda n: n.span.line)


def _statements(tree: syntax.PlanFile) -> list[_Statement]:
    """Every statement of the file in output order (which is source order)."""
    out: list[_Statement] = []

    def add(node: Any, depth: int, code: str, blank: str) -> None:
        out.append(_Statement(node.span.line, depth, code, blank))

    def lines(items: tuple[syntax.ExerciseLine, ...], depth: int) -> None:
        for index, line in enumerate(items):
            add(line, depth, exercise_line(line), KEEP if index else NEVER)

    def session(s: syntax.Session, depth: int, blank: str) -> None:
        add(s, depth, session_header(s), blank)
        for index, item in enumerate(s.items):
            blank = KEEP if index else NEVER
            if isinstance(item, syntax.Block):
                add(item, depth + 1, block_header(item), blank)
                lines(item.items, depth + 2)
            elif isinstance(item, syntax.Wave):
                add(item, depth + 1, wave_header(item), blank)
                for row_index, row in enumerate(item.rows):
                    add(row, depth + 2, wave_row(row), KEEP if row_index else NEVER)
            elif isinstance(item, syntax.Ladder):
                add(item, depth + 1, ladder_header(item), blank)
                for rung_index, rung in enumerate(item.rungs):
                    add(rung, depth + 2, ladder_rung(rung), KEEP if rung_index else NEVER)
            else:
                add(item, depth + 1, exercise_line(item), blank)

    def sessions(children: list[syntax.Session | syntax.Rotation], depth: int,
                 first: str) -> None:
        """Sessions and rotations, in source order, a blank line between them."""
        for index, child in enumerate(children):
            blank = FORCE if index else first
            if isinstance(child, syntax.Session):
                session(child, depth, blank)
                continue
            add(child, depth, rotation_header(child), blank)
            sessions(list(child.sessions), depth + 1, NEVER)

    for top in _by_line([*tree.plans, *tree.exercises, *tree.logs]):
        if isinstance(top, syntax.Log):
            add(top, 0, log_header(top), FORCE)
            for entry in top.entries:  # a blank line kept, none added: the writer's choice
                add(entry, 1, entry_header(entry), KEEP)
                for item_index, item in enumerate(entry.items):
                    code = done_line(item) if isinstance(item, syntax.DoneLine) \
                        else entry_note(item)
                    add(item, 2, code, KEEP if item_index else NEVER)
        elif isinstance(top, syntax.Plan):
            add(top, 0, plan_header(top), FORCE)
            for max_ in top.maxes:  # first, in source order
                add(max_, 1, max_line(max_), NEVER)
            for child in _by_line([*top.sessions, *top.rotations, *top.weeks]):
                if not isinstance(child, syntax.Week):
                    sessions([child], 1, FORCE)
                    continue
                add(child, 1, week_header(child), FORCE)
                sessions(_by_line([*child.sessions, *child.rotations]), 2, NEVER)
        else:
            add(top, 0, f"exercise {top.name}:", FORCE)
            for index, prop in enumerate(top.properties):
                add(prop, 1, exercise_property(prop), KEEP if index else NEVER)
    return out


def _blank_counter(source: str | None) -> list[int]:
    """counts[n]: how many of the first n source lines are blank."""
    counts = [0]
    for line in (source.split("\n") if source is not None else []):
        counts.append(counts[-1] + (not line.strip()))
    return counts


def _placed_comments(statements: list[_Statement], comments: tuple[syntax.Comment, ...]
                     ) -> tuple[dict[int, list[syntax.Comment]], dict[int, syntax.Comment]]:
    """The comments by the index of the statement they belong to (len(statements): the
    end of the file): those on their own lines above it, the one at the end of its line."""
    # by source line: the statements are in output order, where `max` lines come first
    order = sorted(range(len(statements)), key=lambda i: statements[i].line)
    starts = [statements[i].line for i in order]

    def statement(position: int) -> int:
        return order[position] if position < len(order) else len(statements)

    above: dict[int, list[syntax.Comment]] = {}
    trailing: dict[int, syntax.Comment] = {}
    for comment in comments:
        line = comment.span.line
        if comment.own_line:
            above.setdefault(statement(bisect.bisect_right(starts, line)), []).append(comment)
        else:
            trailing[statement(bisect.bisect_left(starts, line))] = comment
    return above, trailing


def _comments_in_output_order(tree: syntax.PlanFile) -> list[syntax.Comment]:
    """The tree's comments in the order `render` writes them."""
    statements = _statements(tree)
    above, trailing = _placed_comments(statements, tree.comments)
    out: list[syntax.Comment] = []
    for index in range(len(statements) + 1):
        out += above.get(index, ())
        if index in trailing:
            out.append(trailing[index])
    return out


def render(tree: syntax.PlanFile, source: str | None = None) -> str:
    """The tree in the canonical layout; `source` tells where blank lines were."""
    statements = _statements(tree)
    blanks = _blank_counter(source)

    def blank_between(before: int, after: int) -> bool:
        if before >= after or after - 1 >= len(blanks):
            return False
        return blanks[after - 1] - blanks[before] > 0

    above, trailing = _placed_comments(statements, tree.comments)

    out: list[str] = []
    previous: int | None = None  # source line of the last line written

    def emit(text: str, line: int, blank: str) -> None:
        nonlocal previous
        if out and (blank == FORCE or (blank == KEEP and previous is not None
                                        and blank_between(previous, line))):
            out.append("")
        out.append(text)
        previous = line

    for index in range(len(statements) + 1):
        statement = statements[index] if index < len(statements) else None
        depth = statement.depth if statement else 0
        blank = statement.blank if statement else KEEP
        for comment in above.get(index, ()):
            emit(INDENT * depth + comment.text.rstrip(), comment.span.line, blank)
            blank = KEEP  # between comments and their statement: as the source had it
        if statement is None:
            break
        code = INDENT * depth + statement.code
        note = trailing.get(index)
        if note is not None:
            column = max(note.span.column - 1, len(code) + COMMENT_GAP)
            code = code.ljust(column) + note.text.rstrip()
        emit(code, statement.line, blank)
    return "\n".join(out) + "\n"


# --- proofs ----------------------------------------------------------------------------

# fields that hold a value as written; the value fields beside them hold the meaning
_SPELLINGS = {syntax.Duration: "text", syntax.Prescription: "text", syntax.Load: "text",
              syntax.Tempo: "text", syntax.Progress: "text", syntax.Distance: "text"}


def meaning(node: Any) -> Any:
    """`node` with spans, spellings (`90s`, `40.0kg`), option and modifier order and
    comments set aside: what the formatter must never change."""
    if isinstance(node, syntax.Span):
        return None
    if isinstance(node, tuple):
        return tuple(meaning(n) for n in node)
    if not attrs.has(type(node)):
        return node
    changes = {f.name: meaning(getattr(node, f.name)) for f in attrs.fields(type(node))
               if f.init}
    if isinstance(node, syntax.PlanFile):
        changes.update(comments=(), filename=None)
    elif isinstance(node, syntax.ExerciseLine):
        changes["modifiers"] = tuple(_ordered(changes["modifiers"], MODIFIER_ORDER))
        changes.update(file=None, line=0, columns=())  # its positions
        if node.header_line is not None:  # a wave's row: where its header stands
            changes["header_line"] = 0
    elif isinstance(node, (syntax.Wave, syntax.Ladder)):
        changes["modifiers"] = tuple(_ordered(changes["modifiers"], MODIFIER_ORDER))
    elif isinstance(node, syntax.DoneLine):  # the order of its load, side and note is fmt's
        changes["modifiers"] = tuple(_ordered(changes["modifiers"], MODIFIER_ORDER))
    elif isinstance(node, syntax.MaxLine):
        changes["options"] = tuple(_max_options(changes["options"]))
    elif isinstance(node, syntax.Plan):
        changes["options"] = tuple(_ordered(changes["options"], PLAN_OPTION_ORDER))
    elif isinstance(node, syntax.Block):
        changes["options"] = tuple(_ordered(changes["options"], BLOCK_OPTION_ORDER))
    if type(node) in _SPELLINGS:
        changes[_SPELLINGS[type(node)]] = ""
    return attrs.evolve(node, **changes)


def _fail(check: str, detail: str) -> FormatterError:
    return FormatterError(
        f"internal error: the formatter's {check} check failed ({detail}); the file was "
        "left as it is. This is a bug in workoutlang; please report it with the file.")


def _prove(tree: syntax.PlanFile, output: str) -> None:
    """Raise FormatterError unless `output` is a safe formatting of `tree`."""
    try:
        again = parse(output, tree.filename)
    except ParseError as error:
        first = error.diagnostics[0]
        raise _fail("re-parse", f"line {first.span.line}: {first.message}") from None
    if meaning(again) != meaning(tree):
        raise _fail("equivalence", "the output means something else than the input")
    if render(again, output) != output:
        raise _fail("stability", "formatting the output again changes it")
    # in the order they are written: source order, but a `max` line's go up with it
    before = [(c.text.rstrip(), c.own_line) for c in _comments_in_output_order(tree)]
    after = [(c.text, c.own_line) for c in again.comments]
    if before != after:
        raise _fail("comments", "a comment was lost, changed or moved")


# --- entry points ----------------------------------------------------------------------


def format_text(text: str, filename: str | None = None) -> str:
    """`text` in the canonical layout (docs/formatting.md).

    Raises ParseError when the text has syntax errors, and FormatterError (an
    internal error) when the output fails one of the formatter's own proofs.
    Line endings follow the input's first line (LF or CRLF). Tab indentation
    becomes the canonical indentation when the width of a tab is clear (see
    `parser.tabs`); when it is not, the ParseError says so.
    """
    text = untab(text) or text  # None: ambiguous tabs, which parse reports
    tree = parse(text, filename)
    output = _spelled(tree, text.lstrip("\ufeff").replace("\r\n", "\n"))
    _prove(tree, output)
    crlf = "\n" in text and text.split("\n", 1)[0].endswith("\r")
    return output.replace("\n", "\r\n") if crlf else output


def format_tree(tree: syntax.PlanFile) -> str:
    """A syntax tree (parsed or built, e.g. by `workoutlang.strategies`) as source text.

    A built tree needs no comments and its spans may all be the same; the
    text is proved like `format_text`'s output, so a tree that the language
    cannot express raises FormatterError: so does one holding a node that is
    not the language's (no silent fallback prints it some other way).
    """
    output = _spelled(tree)
    _prove(tree, output)
    return output


def _spelled(tree: syntax.PlanFile, source: str | None = None) -> str:
    """`render`, with a node that has no spelling turned into the internal error it is."""
    try:
        return render(tree, source)
    except SpellingError as error:
        raise _fail("spelling", str(error)) from error
