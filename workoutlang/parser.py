"""Source text → syntax tree. The only module that knows Lark.

Lark's LALR parser runs with an inline transformer, so the syntax tree is
built during the parse with no intermediate Lark tree. Syntax errors become
WOL001 diagnostics in plain words; the parser recovers by blanking the bad
line (and the block it opens) and parsing again, so one run reports several.
"""

from __future__ import annotations

import contextvars
import difflib
import functools
import os
import re
import sys
from collections.abc import Iterator
from typing import Any, TypeVar

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.indenter import Indenter

from . import diagnostics, syntax
from .errors import ParseError
from .limits import ABSURD, MAX_DIGITS, MAX_SYNTAX_ERRORS
from .memo import IdentityMemo
from .syntax import Span

V = TypeVar("V")

CHUNK_LINES = 40

# (file name, line offset) of the chunk being parsed; the transformer puts both in spans
_where: contextvars.ContextVar[tuple[str | None, int]] = contextvars.ContextVar(
    "where", default=(None, 0))


def _grammar_path() -> str:
    """The grammar inside an installed wheel, or grammar/ in a checkout. Plain
    os.path: importlib.resources and pathlib cost ~12 ms of every start."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "grammar", "workoutlang.lark")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(here), "grammar", "workoutlang.lark")


class IndentationProblem(Exception):
    """A dedent to a column no enclosing block uses; raised by the indenter."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(f"line {line}")
        self.line = line
        self.column = column


class _WolIndenter(Indenter):
    NL_type = "_NL"
    OPEN_PAREN_types: list[str] = []
    CLOSE_PAREN_types: list[str] = []
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 1  # tabs are rejected before parsing; see _tab_errors

    def handle_NL(self, token: Token) -> Iterator[Token]:
        # Lark's DedentError has no position; this one knows the line.
        yield token
        indent = len(token.rsplit("\n", 1)[1])
        if indent > self.indent_level[-1]:
            self.indent_level.append(indent)
            yield Token.new_borrow_pos(self.INDENT_type, "", token)
            return
        while indent < self.indent_level[-1]:
            self.indent_level.pop()
            yield Token.new_borrow_pos(self.DEDENT_type, "", token)
        if indent != self.indent_level[-1]:
            raise IndentationProblem(token.end_line or 0, indent + 1)


# --- tokens to values ---------------------------------------------------------------


def _span(first: Token, last: Token | None = None) -> Span:
    """The span from the start of token `first` to the end of `last`."""
    file, offset = _where.get()
    last = first if last is None else last
    line = (first.line or 0) + offset
    end_line = line if last.end_line == first.line else (last.end_line or 0) + offset
    return Span(file, line, first.column or 0, end_line, last.end_column or 0)


# A value with the columns it spans on its line, for the node that holds it.
_Placed = tuple[Any, int, int]


def _placed(value: Any, first: Token, last: Token) -> _Placed:
    return value, first.column or 0, last.end_column or 0


_SHARED: dict[Any, Any] = {}
MAX_SHARED = 1 << 16


def _share(value: V) -> V:
    """One object for all equal values (modifier tuples, column tuples): most
    lines of a plan repeat a few of them, and a parsed file stays small."""
    found = _SHARED.get(value)
    if found is None:
        if len(_SHARED) >= MAX_SHARED:
            _SHARED.clear()  # the values are immutable: forgetting only costs sharing
        _SHARED[value] = found = value
    return found


def _int(text: str) -> int:
    return int(text) if len(text) <= MAX_DIGITS else ABSURD


def _number(text: str) -> float:
    whole = text.split(".")[0]
    return float(text) if len(whole) <= MAX_DIGITS else float(ABSURD)


_DURATION_PART = re.compile(r"([0-9]+)([hms])")
_SECONDS = {"h": 3600, "m": 60, "s": 1}


def duration(text: str) -> syntax.Duration:
    """`1m30s` → Duration(90, "1m30s")."""
    seconds = sum(_int(n) * _SECONDS[unit] for n, unit in _DURATION_PART.findall(text))
    return syntax.Duration(min(seconds, ABSURD), text)


@functools.lru_cache(maxsize=4096)
def _prescription(kind: str, text: str) -> syntax.Prescription:
    """The value of a PRESCRIPTION, INT or DURATION token; cached, so that every
    `3x8` of a file is one object."""
    if kind == "INT":
        return syntax.Prescription("reps", None, _int(text), _int(text), None, text)
    if kind == "DURATION":
        return syntax.Prescription("time", None, None, None, duration(text), text)
    sets_text, amount = text.split("x", 1)
    sets = _int(sets_text)
    if amount == "max":
        return syntax.Prescription("max", sets, None, None, None, text)
    if amount[-1] in "hms":
        return syntax.Prescription("time", sets, None, None, duration(amount), text)
    low, _, high = amount.partition("-")
    return syntax.Prescription("reps", sets, _int(low), _int(high or low), None, text)


@functools.lru_cache(maxsize=4096)
def _load(kind: str, words: tuple[str, ...]) -> syntax.Load:
    """The value of `@ …` from the kind of its first token and the words after `@`."""
    text = "".join(words)
    head = words[0]
    if kind == "WEIGHT":
        return syntax.Load("weight", _number(head[:-2]), head[-2:], None, text)
    if kind == "BW":
        if len(words) > 1:
            weight = words[2]
            return syntax.Load("bodyweight", _number(weight[:-2]), weight[-2:], None, text)
        return syntax.Load("bodyweight", None, None, None, text)
    if kind == "PERCENT_1RM":
        return syntax.Load("percent_1rm", _number(head[:-4]), None, None, text)
    if kind == "BAND":
        return syntax.Load("band", None, None, words[2], text)
    return syntax.Load(head.lower(), _number(words[1]), None, None, f"{head} {words[1]}")


@functools.lru_cache(maxsize=4096)
def _tempo(text: str) -> syntax.Tempo:
    parts = tuple(None if p in ("x", "X") else _int(p) for p in text.split("-"))
    return syntax.Tempo(parts, text)


@functools.lru_cache(maxsize=4096)
def _rounds(text: str) -> syntax.Rounds:
    return syntax.Rounds(_int(text))


@functools.lru_cache(maxsize=4096)
def _side(text: str) -> syntax.Side:
    return syntax.Side(text)


@functools.lru_cache(maxsize=4096)
def _note(text: str) -> syntax.Note:
    return syntax.Note(text)


@functools.lru_cache(maxsize=4096)
def _rest(text: str) -> syntax.Rest:
    return syntax.Rest(duration(text))


@functools.lru_cache(maxsize=4096)
def _progress(text: str) -> syntax.Progress:
    match = _PROGRESS.fullmatch(text)
    assert match is not None  # the terminal's regex guarantees it
    return syntax.Progress(_number(match.group(1)), _PROGRESS_UNITS[match.group(2)], text)


_PROGRESS = re.compile(r"\+([0-9]+(?:\.[0-9]+)?)(kg|lb|reps?|s|sets?)/week")
_PROGRESS_UNITS = {"kg": "kg", "lb": "lb", "rep": "rep", "reps": "rep", "s": "s",
                   "set": "set", "sets": "set"}


class _ToTree(Transformer[Token, Any]):
    """Builds syntax nodes as the LALR parser reduces; spans come from tokens."""

    def start(self, children: list[Any]) -> syntax.PlanFile:
        plans = tuple(c for c in children if isinstance(c, syntax.Plan))
        defs = tuple(c for c in children if isinstance(c, syntax.ExerciseDef))
        return syntax.PlanFile(plans, defs, (), _where.get()[0])

    # plans
    def plan(self, children: list[Any]) -> syntax.Plan:
        header, *items = children
        name, options, span = header
        sessions = tuple(i for i in items if isinstance(i, syntax.Session))
        weeks = tuple(i for i in items if isinstance(i, syntax.Week))
        return syntax.Plan(name, options, sessions, weeks, span)

    def plan_header(self, children: list[Any]) -> tuple[str, tuple[Any, ...], Span]:
        name = str(children[1])[1:-1]
        options = tuple(c for c in children[2:-1])
        return name, options, _span(children[0], children[-1])

    def weeks_option(self, c: list[Token]) -> syntax.WeeksOption:
        return syntax.WeeksOption(_int(c[1]), _span(c[0], c[-1]))

    def units_option(self, c: list[Token]) -> syntax.UnitsOption:
        return syntax.UnitsOption(str(c[1]), _span(c[0], c[-1]))

    def start_option(self, c: list[Token]) -> syntax.StartOption:
        return syntax.StartOption(str(c[1]), _span(c[0], c[-1]))

    def deload_every_option(self, c: list[Token]) -> syntax.DeloadEveryOption:
        percent = _number(c[4][:-1]) if len(c) > 4 else None
        return syntax.DeloadEveryOption(_int(c[2]), percent, _span(c[0], c[-1]))

    def week(self, children: list[Any]) -> syntax.Week:
        (first, last, deload, span), *sessions = children
        return syntax.Week(first, last, deload, tuple(sessions), span)

    def week_header(self, c: list[Any]) -> tuple[int, int, syntax.Deload | None, Span]:
        low, _, high = str(c[1]).partition("-")
        deload = c[2] if isinstance(c[2], syntax.Deload) else None
        return _int(low), _int(high or low), deload, _span(c[0], c[-1])

    def deload(self, c: list[Token]) -> syntax.Deload:
        percent = _number(c[1][:-1]) if len(c) > 1 else None
        return syntax.Deload(percent, _span(c[0], c[-1]))

    def session(self, children: list[Any]) -> syntax.Session:
        (name, days, span), *items = children
        return syntax.Session(name, days, tuple(items), span)

    def session_header(self, c: list[Any]) -> tuple[str, tuple[syntax.Day, ...], Span]:
        days = tuple(x for x in c if isinstance(x, syntax.Day))
        return str(c[1])[1:-1], days, _span(c[0], c[-1])

    def day(self, c: list[Token]) -> syntax.Day:
        return syntax.Day(str(c[0]), _span(c[0]))

    def block(self, children: list[Any]) -> syntax.Block:
        (kind, options, option_spans, span), *items = children
        return syntax.Block(kind, options, option_spans, tuple(items), span)

    def block_header(self, c: list[Any]
                     ) -> tuple[str, tuple[Any, ...], tuple[Span, ...], Span]:
        file, offset = _where.get()
        line = (c[0].line or 0) + offset
        placed: list[_Placed] = c[1:-1]
        return (str(c[0]), tuple(value for value, _, _ in placed),
                tuple(Span(file, line, start, line, end) for _, start, end in placed),
                _span(c[0], c[-1]))

    def rounds(self, c: list[Token]) -> _Placed:
        return _placed(_rounds(str(c[0])), c[0], c[-1])

    # exercise lines: modifiers come with their columns, which the line keeps
    def exercise_line(self, c: list[Any]) -> syntax.ExerciseLine:
        name, prescription, *placed = c
        # a side is a bare SIDE token (no rule of its own: one reduction less)
        modifiers = [_placed(_side(str(m)), m, m) if type(m) is Token else m for m in placed]
        columns = [name.column, name.end_column, prescription.column, prescription.end_column]
        for _, start, end in modifiers:
            columns += (start, end)
        file, offset = _where.get()
        return syntax.ExerciseLine(
            sys.intern(str(name)), _prescription(prescription.type, str(prescription)),
            _share(tuple(value for value, _, _ in modifiers)), file, name.line + offset,
            _share(tuple(columns)),
        )

    def load(self, c: list[Token]) -> _Placed:
        return _placed(_load(c[1].type, tuple(str(t) for t in c[1:])), c[0], c[-1])

    def tempo(self, c: list[Token]) -> _Placed:
        return _placed(_tempo(str(c[1])), c[0], c[-1])

    def rest(self, c: list[Token]) -> _Placed:
        return _placed(_rest(str(c[1])), c[0], c[-1])

    def progress(self, c: list[Token]) -> _Placed:
        return _placed(_progress(str(c[1])), c[0], c[-1])

    def note(self, c: list[Token]) -> _Placed:
        return _placed(_note(str(c[1])[1:-1]), c[0], c[-1])

    # exercise definitions
    def exercise_def(self, children: list[Any]) -> syntax.ExerciseDef:
        (name, name_span, span), *properties = children
        return syntax.ExerciseDef(name, name_span, tuple(properties), span)

    def exercise_header(self, c: list[Token]) -> tuple[str, Span, Span]:
        return str(c[1]), _span(c[1]), _span(c[0], c[-1])

    def exercise_property(self, c: list[Token]) -> syntax.ExerciseProperty:
        key, *values = c
        words: list[str] = []
        for v in values:
            if v.type == "STRING":
                words.append(str(v)[1:-1])
            elif v.type == "FIT_NAME":
                words.extend(str(v).split("/"))
            else:
                words.append(str(v))
        return syntax.ExerciseProperty(str(key), tuple(words), _span(key, c[-1]))


@functools.cache
def _lark() -> Lark:
    return Lark.open(
        _grammar_path(),
        parser="lalr",
        lexer="contextual",
        postlex=_WolIndenter(),
        transformer=_ToTree(),
        maybe_placeholders=False,
        cache=True,
    )


# --- comments -------------------------------------------------------------------------


def scan_comments(lines: list[str], filename: str | None,
                  first: int = 0) -> tuple[syntax.Comment, ...]:
    """Every `#` comment outside a string, with its span; `lines` start at line
    index `first` of the file."""
    found = []
    for number, line in enumerate(lines, start=first + 1):
        if "#" not in line:
            continue
        in_string = False
        for column, char in enumerate(line):
            if char == '"':
                in_string = not in_string
            elif char == "#" and not in_string:
                text = line[column:].rstrip("\r\n")
                own_line = not line[:column].strip()
                span = Span(filename, number, column + 1, number, column + 1 + len(text))
                found.append(syntax.Comment(text, own_line, span))
                break
    return tuple(found)


# --- syntax errors in words -----------------------------------------------------------

_WORDS = {
    "_NL": "the end of the line",
    "_INDENT": "an indented block",
    "_DEDENT": "the end of the block",
    "$END": "the end of the file",
    "STRING": 'a text in double quotes such as "Lower body"',
    "NAME": "a name",
    "INT": "a whole number",
    "DECIMAL": "a number",
    "DATE": "a date such as 2027-01-04",
    "WEEK_RANGE": "a week number such as 4 or 2-3",
    "PRESCRIPTION": "sets and reps such as 3x8, 3x8-12, 3x45s or 3xmax",
    "DURATION": "a duration such as 45s, 1m or 1m30s",
    "WEIGHT": "a weight such as 40kg or 90lb",
    "PERCENT_1RM": "a percentage of one-rep max such as 70%1rm",
    "PERCENT": "a percentage such as 60%",
    "TEMPO": "a tempo such as 3-1-1",
    "PROGRESS": "a progression such as +2.5kg/week",
    "SIDE": "each_leg, each_side, left or right",
    "BLOCK_KIND": "warmup, cooldown, superset or circuit",
    "PROPERTY_KEY": "tags, unilateral, bilateral, measure, fit, alias or note",
    "ROUNDS": '"rounds"',
    "UNIT": "kg or lb",
    "FIT_NAME": "a FIT category/name such as plank/side_plank",
}
_MODIFIER_WORDS = ("tempo", "rest", "progress", "note", "each_leg", "each_side", "left", "right")
_NESTED_HEADERS = {
    "plan": "plans start in column 1; check the indentation",
    "week": "week blocks go directly inside a plan; check the indentation",
    "session": "sessions go directly inside a plan or a week block; check the indentation",
    "exercise": "exercise definitions start in column 1; check the indentation",
}
_BLOCK_WORDS = ("warmup", "cooldown", "superset", "circuit")
_HEADER_WORDS = ("plan", "session", "week", "exercise", "warmup", "cooldown", "superset",
                 "circuit")


def _describe(terminal: str) -> str:
    if terminal in _WORDS:
        return _WORDS[terminal]
    pattern = _lark().get_terminal(terminal).pattern
    return f'"{pattern.value}"' if pattern.type == "str" else terminal.lower()


def _expected_words(expected: set[str]) -> str:
    # The contextual lexer always accepts a newline; it is noise unless alone.
    names = sorted(expected - {"_NL", "__IGNORE_0"}) or sorted(expected)
    words = [_describe(n) for n in names]
    if "INT" in names and "PRESCRIPTION" in names:
        words = [w for w in words if w not in (_WORDS["INT"], _WORDS["DURATION"])]
    if "INT" in names and "DECIMAL" in names:
        words = [w for w in words if w != _WORDS["INT"]]
    if len(words) > 6:
        words = words[:6] + ["…"]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


_FOUND_WORD = re.compile(r"[^\s]+")


class _Problem:
    """One syntax error: where, what to say, and which lines to skip next time."""

    def __init__(self, line: int, column: int, end_column: int, message: str,
                 hint: str | None, skip_from: int, skip_nested: bool = True,
                 insert: str | None = None, empty_block: bool = False) -> None:
        self.line, self.column, self.end_column = line, column, end_column
        self.message, self.hint = message, hint
        self.skip_from, self.skip_nested = skip_from, skip_nested
        # text that repairs the line at `column` (a missing ":"), instead of blanking it
        self.insert = insert
        # a header with no body: after blanking bad lines this is an echo, not news
        self.empty_block = empty_block


def _explain(error: Exception, lines: list[str]) -> _Problem:
    """Turn a Lark exception into words a coach understands."""
    if isinstance(error, IndentationProblem):
        return _Problem(error.line, 1, error.column,
                        "this line's indentation matches no enclosing block",
                        "indent it exactly like the lines of the block it belongs to "
                        "(two spaces a level)", error.line)
    if isinstance(error, UnexpectedToken):
        token = error.token
        expected = set(error.accepts or error.expected)
        if token.type == "_INDENT":
            line = token.end_line or token.line
            return _Problem(line, 1, (token.end_column or 1),
                            "unexpected indentation",
                            'only the lines of a block (after a header ending in ":") '
                            "are indented", line)
        if token.type in ("_NL", "_DEDENT", "$END") and "COLON" in expected:
            return _Problem(token.line, token.column, token.column + 1,
                            'missing ":" at the end of this header',
                            'a plan, week, session, block or exercise header ends with ":"',
                            token.line, insert=":")
        if "_INDENT" in expected:
            header = _header_before(lines, token)
            return _Problem(header, 1, len(lines[header - 1]) + 1,
                            "this header opens an empty block",
                            "indent the lines that belong to it by two more spaces",
                            header, empty_block=True)
        if token.type in ("_NL", "$END"):
            return _Problem(token.line, token.column, token.column + 1,
                            f"this line stops too early: expected {_expected_words(expected)}",
                            None, token.line)
        if token.type == "_DEDENT":
            return _Problem(token.line, token.column, token.column + 1,
                            f"the block ends too early: expected {_expected_words(expected)}",
                            None, token.line)
        return _unexpected_word(token.line, token.column, expected, lines)
    if isinstance(error, UnexpectedCharacters):
        return _unexpected_word(error.line, error.column, set(error.allowed or ()), lines)
    assert isinstance(error, UnexpectedEOF)
    last = len(lines)
    return _Problem(last, 1, 2, "the file ends in the middle of a block", None, last)


def _unexpected_word(line: int, column: int, expected: set[str], lines: list[str]) -> _Problem:
    line_text = lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""
    found_match = _FOUND_WORD.match(line_text, column - 1)
    found = found_match.group(0) if found_match else line_text[column - 1:column]
    if len(found) > 1 and found.endswith(":"):
        found = found[:-1]
    if len(found) > 40:  # a 300,000-character word is shown by its start
        found = found[:40] + "…"
    end = column + max(len(found), 1)
    first = _first_word(line_text)
    at = line_text.find(first) + 1
    rest = line_text[at - 1 + len(first):]
    right_after = at + len(first) + len(rest) - len(rest.lstrip())  # column of the next word
    # a header read as an exercise line (an "exercise" named `session`)
    as_exercise = bool(expected & {"PRESCRIPTION", "AT", "SIDE"})
    if first in _NESTED_HEADERS and at > 1 and as_exercise and column >= right_after \
            and line_text.split("#")[0].rstrip().endswith(":"):
        return _Problem(line, at, at + len(first), f"a {first} cannot go inside this block",
                        _NESTED_HEADERS[first], line)
    if found.startswith('"') and found.count('"') == 1 and line_text.count('"') % 2 == 1:
        return _Problem(line, column, len(line_text) + 1, "this text is not closed",
                        'add the closing " on the same line', line)
    if line_text[column - 1:column] == "\t":
        return _Problem(line, column, column + 1, "a tab inside the line", "use spaces", line)
    if first in _BLOCK_WORDS and line_text.split("#")[0].rstrip().endswith(":") and (
            "PRESCRIPTION" in expected or "AT" in expected or "SIDE" in expected):
        at = line_text.index(first) + 1
        return _Problem(line, at, at + len(first),
                        f"a {first} cannot be nested inside another block",
                        "blocks hold exercise lines only: close the outer block first", line)
    message = f"unexpected {found!r}: expected {_expected_words(expected)}"
    hint = None
    word = found.lower().split(":")[0]
    if re.fullmatch(r"\d+[X×]\d.*|x\d.*|[xX]", found):
        hint = "write sets and reps as one word with a lower-case x: 3x8"
    elif "AT" in expected or "SIDE" in expected:  # where modifiers go
        close = difflib.get_close_matches(word, _MODIFIER_WORDS, n=1, cutoff=0.6)
        message = f"unexpected {found!r} after the prescription"
        hint = (f"did you mean {close[0]}?" if close else
                'modifiers are @ LOAD, tempo E-P-C, each_leg/each_side/left/right, '
                'rest D, progress +X/week and note "…"')
    elif "PRESCRIPTION" in expected:
        message = f"unexpected {found!r}: expected {_WORDS['PRESCRIPTION']}"
        hint = "write the sets and reps right after the exercise name, e.g. step_up 3x8"
    elif "COLON" in expected and first in _HEADER_WORDS and not line_text.rstrip().endswith(":"):
        hint = 'headers end with ":"'
    elif "COLON" in expected and "BAND" in line_text.upper():
        hint = "write the band as one word: band:medium"
    else:
        close = difflib.get_close_matches(word, _HEADER_WORDS, n=1, cutoff=0.7)
        hint = f"did you mean {close[0]}?" if close else None
    return _Problem(line, column, end, message, hint, line)


def _first_word(line: str) -> str:
    match = re.match(r"\s*([A-Za-z_]+)", line)
    return match.group(1) if match else ""


def _header_before(lines: list[str], token: Token) -> int:
    """The line of the header whose block was expected where `token` stands."""
    if token.type == "$END":
        last = len(lines)
    elif token.type in ("_NL", "_DEDENT"):
        last = token.line or 1  # these carry the position of the header's own line end
    else:
        last = (token.line or 1) - 1
    for number in range(min(last, len(lines)), 0, -1):
        if _is_code(lines[number - 1]):
            return number
    return 1


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(lines: list[str], problem: _Problem) -> None:
    """Blank the bad line and, for a header, the block it would open."""
    index = problem.skip_from - 1
    if not 0 <= index < len(lines):
        return
    if problem.insert is not None:
        at = problem.column - 1
        lines[index] = lines[index][:at] + problem.insert + lines[index][at:]
        return
    indent = _indent_of(lines[index])
    is_header = lines[index].split("#")[0].rstrip().endswith(":")
    lines[index] = ""
    if not (problem.skip_nested and is_header):
        return
    for i in range(index + 1, len(lines)):
        if lines[i].strip() and _indent_of(lines[i]) <= indent:
            break
        lines[i] = ""


# stands in for a line reported before parsing (a tab); a comment to the grammar
_SET_ASIDE = "# (set aside)"


_TAB_INDENT = re.compile(r"^( *)\t[ \t]*", re.M)


def _tab_problems(text: str) -> list[_Problem]:
    problems = []
    line, previous = 1, 0
    for match in _TAB_INDENT.finditer(text):
        line += text.count("\n", previous, match.start())
        previous = match.start()
        problems.append(_Problem(line, len(match.group(1)) + 1,
                                 match.end() - match.start() + 1, "a tab in the indentation",
                                 "indent with spaces (two a level)", line))
    return problems


def parse(text: str, filename: str | None = None) -> syntax.PlanFile:
    """Parse plan source; raise ParseError holding every syntax error found.

    The file is parsed in chunks (each top-level block, and within a plan each
    session or week block) whose results are cached: a language server
    re-parsing after a one-line edit only parses the chunk that changed, and
    an error in one session cannot hide the errors of the next. Only one
    top-level block is ever split into lines, so a big file costs little more
    memory than its tree.
    """
    text = text.lstrip("\ufeff")
    problems = _tab_problems(text)
    set_aside = {problem.line for problem in problems}
    plans: list[syntax.Plan] = []
    exercises: list[syntax.ExerciseDef] = []
    comments: list[syntax.Comment] = []
    for first, chunk in _top_chunks(text):
        if len(problems) > MAX_SYNTAX_ERRORS:
            break  # enough to fix first; explaining thousands more only costs time
        lines = chunk.split("\n")
        comments.extend(scan_comments(lines, filename, first))
        if set_aside:
            lines = [_SET_ASIDE if first + i + 1 in set_aside else line
                     for i, line in enumerate(lines)]
            chunk = "\n".join(lines)
        header = next((i for i, line in enumerate(lines) if _is_code(line)), 0)
        if _first_word(lines[header]) == "plan":
            plan = _parse_plan_chunks(lines, header, first, filename, problems)
            if plan is not None:
                plans.append(plan)
            continue
        tree, found = _parse_chunk(chunk, first, filename)
        problems.extend(found)
        if tree is not None:
            plans.extend(tree.plans)
            exercises.extend(tree.exercises)
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        if len(problems) > MAX_SYNTAX_ERRORS:
            last = problems[MAX_SYNTAX_ERRORS - 1]
            problems = problems[:MAX_SYNTAX_ERRORS] + [_Problem(
                last.line, 1, 2, f"stopped after {MAX_SYNTAX_ERRORS} syntax errors",
                "fix these and run again to see the rest", last.line)]
        raise ParseError([_diagnostic(p, filename) for p in problems])
    if not plans and not exercises:
        raise ParseError([_diagnostic(_Problem(
            1, 1, 2, "this file holds no plan",
            'start one with a header such as: plan "Base phase" weeks 8:', 1), filename)])
    return syntax.PlanFile(tuple(plans), tuple(exercises), tuple(comments), filename)


def _is_code(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


_COLUMN_1 = re.compile(r"^[^ \t\n]", re.M)


def _top_chunks(text: str) -> list[tuple[int, str]]:
    """(index of the first line, text) of each chunk: a line of code in column 1
    and the lines up to the next one. Lines before the first join it."""
    found: list[tuple[int, int]] = []
    line, previous = 0, 0
    for match in _COLUMN_1.finditer(text):
        at = match.start()
        end = text.find("\n", at)
        if not _is_code(text[at:end if end >= 0 else len(text)]):
            continue
        line += text.count("\n", previous, at)
        previous = at
        found.append((line, at))
    starts = [(0, 0), *found[1:]]
    ends = [at - 1 for _, at in starts[1:]] + [len(text)]  # each chunk without its last \n
    return [(line, text[at:end]) for (line, at), end in zip(starts, ends, strict=True)]


_FAKE_HEADER = 'plan "_":'


def _parse_plan_chunks(lines: list[str], header: int, first: int, filename: str | None,
                       problems: list[_Problem]) -> syntax.Plan | None:
    """A plan (`lines`, from line index `first` of the file on) parsed as its
    header with the first session, then each further session or week block on
    its own under a stand-in header."""
    end = len(lines)
    body = [i for i in range(header + 1, end) if _is_code(lines[i])]
    indent = _indent_of(lines[body[0]]) if body else 0
    cuts = [0]
    for i in body[1:]:
        # chunks of a few dozen lines: small enough to re-parse in a blink,
        # large enough that Lark's per-call set-up does not dominate
        if _indent_of(lines[i]) == indent and i - cuts[-1] >= CHUNK_LINES:
            cuts.append(i)
    bounds = [*cuts, end]
    head: syntax.Plan | None = None
    sessions: list[syntax.Session] = []
    weeks: list[syntax.Week] = []
    for index, (low, high) in enumerate(zip(bounds, bounds[1:], strict=False)):
        if len(problems) > MAX_SYNTAX_ERRORS:
            break
        if index == 0:
            tree, found = _parse_chunk("\n".join(lines[low:high]), first + low, filename)
        else:
            chunk = _FAKE_HEADER + "\n" + "\n".join(lines[low:high])
            tree, found = _parse_chunk(chunk, first + low - 1, filename)
            # echoes of the stand-in header
            found = [p for p in found if p.line != first + low]
        problems.extend(found)
        if tree is None or len(tree.plans) != 1 or tree.exercises:
            continue
        plan = tree.plans[0]
        if index == 0:
            head = plan
        sessions.extend(plan.sessions)
        weeks.extend(plan.weeks)
    if head is None:
        return None
    parts = (head, *sessions, *weeks)
    known = _plans.get(*parts)
    if known is not None:  # nothing changed: the same Plan, so later caches hit
        return known
    return _plans.put(syntax.Plan(head.name, head.options, tuple(sessions), tuple(weeks),
                                  head.span), *parts)


_plans: IdentityMemo[syntax.Plan] = IdentityMemo(256)


@functools.lru_cache(maxsize=4096)
def _parse_chunk(text: str, offset: int, filename: str | None
                 ) -> tuple[syntax.PlanFile | None, list[_Problem]]:
    """Parse one chunk whose first line is line `offset + 1` of the file."""
    token = _where.set((filename, offset))
    try:
        tree, problems = _parse_with_recovery(text.split("\n"))
    finally:
        _where.reset(token)
    for problem in problems:
        problem.line += offset
        problem.skip_from += offset
    return tree, problems


def _parse_with_recovery(lines: list[str]) -> tuple[syntax.PlanFile | None, list[_Problem]]:
    """Parse; on an error, blank the bad line (or repair it) and parse again."""
    problems: list[_Problem] = []
    work = list(lines)
    while True:
        try:
            tree: syntax.PlanFile = _lark().parse("\n".join(work) + "\n")  # type: ignore[assignment]
        except (UnexpectedInput, IndentationProblem) as error:
            problem = _explain(error, work)
            if problem.empty_block and _emptied_by_us(lines, work, problem.line):
                _blank(work, problem)
                continue
            problems.append(problem)
            if problem.line > len(lines) or len(problems) > MAX_SYNTAX_ERRORS or any(
                    p.line == problem.line for p in problems[:-1]):
                return None, problems  # nothing more to learn from this chunk
            _blank(work, problem)
            continue
        return (None if problems else tree), problems


def _emptied_by_us(lines: list[str], work: list[str], header: int) -> bool:
    """Whether the block under `header` lost its lines to earlier error recovery."""
    indent = _indent_of(lines[header - 1])
    for number in range(header, len(lines)):
        original = lines[number]
        if original == _SET_ASIDE:
            return True
        if not original.strip():
            continue
        if _indent_of(original) <= indent:
            return False
        if not work[number].strip():
            return True
    return False


def _diagnostic(problem: _Problem, filename: str | None) -> diagnostics.Diagnostic:
    span = Span(filename, problem.line, problem.column, problem.line,
                max(problem.end_column, problem.column + 1))
    return diagnostics.make("WOL001", span, problem.message, problem.hint)
