"""The canonical layout of plan files, proved safe before it is returned.

`format_text` parses the source, prints the tree in one layout (docs/
formatting.md), and then proves the result the way black does: the output
parses, means what the input meant (the trees are equal once spans and the
as-written spellings of values are set aside), formats to itself, and keeps
every comment. If any proof fails it raises `FormatterError` and nothing is
written.

Comments are not attached to nodes in the tree; they are placed by line: an
own-line comment goes just before the statement on the first code line after
it (indented to that statement's depth), a trailing comment stays at the end
of its statement's line.
"""

from __future__ import annotations

import bisect
import decimal
import re
from typing import Any

import attrs

from . import syntax
from .errors import ParseError, WorkoutlangError
from .parser import parse

__all__ = ["FormatterError", "format_text", "format_tree", "meaning"]

INDENT = "  "
# a trailing comment keeps its column when the code still ends this far before it
COMMENT_GAP = 2

# the fixed orders: modifiers, plan options, block options
MODIFIER_ORDER: tuple[type, ...] = (syntax.Load, syntax.Tempo, syntax.Side, syntax.Rest,
                                    syntax.Progress, syntax.Note)
PLAN_OPTION_ORDER: tuple[type, ...] = (syntax.WeeksOption, syntax.UnitsOption,
                                       syntax.StartOption, syntax.DeloadEveryOption)
BLOCK_OPTION_ORDER: tuple[type, ...] = (syntax.Rounds, syntax.Rest)

_BARE_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FIT_PART = re.compile(r"[A-Za-z0-9_]+")


class FormatterError(WorkoutlangError):
    """An internal error: the formatter's output failed one of its own proofs."""


# --- values ----------------------------------------------------------------------------


def number(value: float) -> str:
    """40.0 → "40", 2.50 → "2.5", 1e-05 → "0.00001": the shortest exact decimal."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(decimal.Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def duration(seconds: int) -> str:
    """90 → "1m30s", 3600 → "1h", 0 → "0s": hours, minutes, seconds, zeros left out."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{n}{unit}" for n, unit in ((hours, "h"), (minutes, "m"), (secs, "s")) if n]
    return "".join(parts) or "0s"


def prescription(p: syntax.Prescription) -> str:
    prefix = "" if p.sets is None else f"{p.sets}x"
    if p.kind == "max":
        return prefix + "max"
    if p.kind == "time":
        assert p.duration is not None, "a timed prescription has a duration"
        return prefix + duration(p.duration.seconds)
    if p.reps_min == p.reps_max:
        return f"{prefix}{p.reps_min}"
    return f"{prefix}{p.reps_min}-{p.reps_max}"


def load(m: syntax.Load) -> str:
    if m.kind == "weight":
        return f"{number(m.amount or 0)}{m.unit}"
    if m.kind == "bodyweight":
        return "bw" if m.amount is None else f"bw+{number(m.amount)}{m.unit}"
    if m.kind == "percent_1rm":
        return f"{number(m.amount or 0)}%1rm"
    if m.kind == "band":
        return f"band:{m.level}"
    return f"{m.kind} {number(m.amount or 0)}"  # rpe, rir


def progress(m: syntax.Progress) -> str:
    unit: str = m.unit
    if unit in ("rep", "set") and m.amount != 1:
        unit += "s"
    return f"+{number(m.amount)}{unit}/week"


def tempo(m: syntax.Tempo) -> str:
    return "-".join("x" if p is None else str(p) for p in m.parts)


def modifier(m: syntax.Modifier) -> str:
    if isinstance(m, syntax.Load):
        return "@ " + load(m)
    if isinstance(m, syntax.Tempo):
        return "tempo " + tempo(m)
    if isinstance(m, syntax.Side):
        return m.value
    if isinstance(m, syntax.Rest):
        return "rest " + duration(m.duration.seconds)
    if isinstance(m, syntax.Progress):
        return "progress " + progress(m)
    return f'note "{m.text}"'


def _ordered(items: tuple[Any, ...], order: tuple[type, ...]) -> list[Any]:
    """Stable sort by kind: duplicates (a WOL004 error) are kept, side by side."""
    return sorted(items, key=lambda item: order.index(type(item)))


def exercise_line(line: syntax.ExerciseLine) -> str:
    words = [line.name, prescription(line.prescription)]
    words += [modifier(m) for m in _ordered(line.modifiers, MODIFIER_ORDER)]
    return " ".join(words)


def plan_header(plan: syntax.Plan) -> str:
    words = [f'plan "{plan.name}"']
    for option in _ordered(plan.options, PLAN_OPTION_ORDER):
        if isinstance(option, syntax.WeeksOption):
            words.append(f"weeks {option.count}")
        elif isinstance(option, syntax.UnitsOption):
            words.append(f"units {option.unit}")
        elif isinstance(option, syntax.StartOption):
            words.append(f"start {option.date}")
        else:
            words.append(f"deload every {option.every} weeks")
            if option.percent is not None:
                words.append(f"{number(option.percent)}%")
    return " ".join(words) + ":"


def week_header(week: syntax.Week) -> str:
    words = ["week", str(week.first) if week.first == week.last else f"{week.first}-{week.last}"]
    if week.deload is not None:
        words.append("deload")
        if week.deload.percent is not None:
            words.append(f"{number(week.deload.percent)}%")
    return " ".join(words) + ":"


def session_header(session: syntax.Session) -> str:
    days = f" on {', '.join(d.name for d in session.days)}" if session.days else ""
    return f'session "{session.name}"{days}:'


def block_header(block: syntax.Block) -> str:
    words: list[str] = [block.kind]
    for option in _ordered(block.options, BLOCK_OPTION_ORDER):
        if isinstance(option, syntax.Rounds):
            words.append(f"{option.count} {'round' if option.count == 1 else 'rounds'}")
        else:
            words.append("rest " + duration(option.duration.seconds))
    return " ".join(words) + ":"


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
            else:
                add(item, depth + 1, exercise_line(item), blank)

    for top in _by_line([*tree.plans, *tree.exercises]):
        if isinstance(top, syntax.Plan):
            add(top, 0, plan_header(top), FORCE)
            for child in _by_line([*top.sessions, *top.weeks]):
                if isinstance(child, syntax.Session):
                    session(child, 1, FORCE)
                    continue
                add(child, 1, week_header(child), FORCE)
                for index, s in enumerate(child.sessions):
                    session(s, 2, FORCE if index else NEVER)
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


def render(tree: syntax.PlanFile, source: str | None = None) -> str:
    """The tree in the canonical layout; `source` tells where blank lines were."""
    statements = _statements(tree)
    blanks = _blank_counter(source)

    def blank_between(before: int, after: int) -> bool:
        if before >= after or after - 1 >= len(blanks):
            return False
        return blanks[after - 1] - blanks[before] > 0

    # comments by the statement they belong to (index len(statements): the end of file)
    starts = [s.line for s in statements]
    above: dict[int, list[syntax.Comment]] = {}
    trailing: dict[int, syntax.Comment] = {}
    for comment in tree.comments:
        line = comment.span.line
        if comment.own_line:
            above.setdefault(bisect.bisect_right(starts, line), []).append(comment)
        else:
            trailing[bisect.bisect_left(starts, line)] = comment

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
              syntax.Tempo: "text", syntax.Progress: "text"}


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
    before = [(c.text.rstrip(), c.own_line) for c in tree.comments]
    after = [(c.text, c.own_line) for c in again.comments]
    if before != after:
        raise _fail("comments", "a comment was lost, changed or moved")


# --- entry points ----------------------------------------------------------------------


def format_text(text: str, filename: str | None = None) -> str:
    """`text` in the canonical layout (docs/formatting.md).

    Raises ParseError when the text has syntax errors, and FormatterError (an
    internal error) when the output fails one of the formatter's own proofs.
    Line endings follow the input's first line (LF or CRLF).
    """
    tree = parse(text, filename)
    output = render(tree, text.lstrip("\ufeff").replace("\r\n", "\n"))
    _prove(tree, output)
    crlf = "\n" in text and text.split("\n", 1)[0].endswith("\r")
    return output.replace("\n", "\r\n") if crlf else output


def format_tree(tree: syntax.PlanFile) -> str:
    """A syntax tree (parsed or built, e.g. by `workoutlang.strategies`) as source text.

    A built tree needs no comments and its spans may all be the same; the
    text is proved like `format_text`'s output, so a tree that the language
    cannot express raises FormatterError.
    """
    output = render(tree)
    _prove(tree, output)
    return output
