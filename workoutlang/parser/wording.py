"""Syntax errors in words a coach understands.

`explain` turns a Lark exception into a `Problem`: where, what to say, a
hint, and which lines error recovery should skip. The words of the language
that the messages name come from the vocabulary.
"""

from __future__ import annotations

import difflib
import re

import attrs
from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

from ..vocabulary import (
    BAND_WORD,
    BLOCK_KINDS,
    HEADER_KEYWORDS,
    LAP_WORD,
    MODIFIER_KEYWORDS,
    PROPERTY_KEYS,
    ROUNDS_WORDS,
    SIDES,
    UNITS,
)
from .grammar import IndentationProblem, lark


def _one_of(words: tuple[str, ...]) -> str:
    """`a, b or c`."""
    return ", ".join(words[:-1]) + " or " + words[-1]


# what each terminal stands for, in a message
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
    "PRESCRIPTION": "sets and reps such as 3x8, 3x8-12, 3x45s, 3x40m or 1x5+",
    "DURATION": "a duration such as 45s, 1min or 1min30s",
    "LAP": f'"{LAP_WORD}"',
    "DISTANCE": "a distance such as 40m, 1km or 50yd",
    "PERCENT_TM": "a percentage of training max such as 85%tm",
    "WEIGHT": "a weight such as 40kg or 90lb",
    "PERCENT_1RM": "a percentage of one-rep max such as 70%1rm",
    "PERCENT": "a percentage such as 60%",
    "TEMPO": "a tempo such as 3-1-1",
    "PROGRESS": "a progression such as +2.5kg/week",
    "SIDE": _one_of(SIDES),
    "BLOCK_KIND": _one_of(BLOCK_KINDS),
    "PROPERTY_KEY": _one_of(PROPERTY_KEYS),
    "ROUNDS": f'"{ROUNDS_WORDS[-1]}"',
    "UNIT": _one_of(UNITS),
    "FIT_NAME": "a FIT category/name such as plank/side_plank",
}
# the words that may follow a prescription, for "did you mean"
_MODIFIER_WORDS = (*(k for k in MODIFIER_KEYWORDS if k != "@"), *SIDES)
# where each header goes, in the order of HEADER_KEYWORDS (plan, session, week, exercise)
_NESTED_HEADERS = dict(zip(HEADER_KEYWORDS, (
    "plans start in column 1; check the indentation",
    "sessions go directly inside a plan or a week block; check the indentation",
    "week blocks go directly inside a plan; check the indentation",
    "exercise definitions start in column 1; check the indentation",
    "rotations go directly inside a plan or a week block; check the indentation",
    "max lines go directly inside a plan; check the indentation",
    "training logs start in column 1; check the indentation",
), strict=True))
_HEADER_WORDS = (*HEADER_KEYWORDS, *BLOCK_KINDS)


def _describe(terminal: str) -> str:
    if terminal in _WORDS:
        return _WORDS[terminal]
    pattern = lark().get_terminal(terminal).pattern
    return f'"{pattern.value}"' if pattern.type == "str" else terminal.lower()


def _expected_words(expected: set[str]) -> str:
    # The contextual lexer always accepts a newline; it is noise unless alone.
    names = sorted(expected - {"_NL", "__IGNORE_0"}) or sorted(expected)
    words = [_describe(n) for n in names]
    if "INT" in names and "PRESCRIPTION" in names:
        words = [w for w in words
                 if w not in (_WORDS["INT"], _WORDS["DURATION"], _WORDS["DISTANCE"])]
    if "INT" in names and "DECIMAL" in names:
        words = [w for w in words if w != _WORDS["INT"]]
    if "DURATION" in names and "LAP" in names:  # after `rest`: one phrase
        words = [f"{w}, or {LAP_WORD}" if w == _WORDS["DURATION"] else w
                 for w in words if w != _WORDS["LAP"]]
    if len(words) > 6:
        words = words[:6] + ["…"]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


_FOUND_WORD = re.compile(r"[^\s]+")


@attrs.frozen
class Problem:
    """One syntax error: where, what to say, and which lines to skip next time.
    Frozen: the chunk cache hands the same problems to every caller."""

    line: int
    column: int
    end_column: int
    message: str
    hint: str | None
    skip_from: int
    skip_nested: bool = True
    # text that repairs the line at `column` (a missing ":"), instead of blanking it
    insert: str | None = None
    # a header with no body: after blanking bad lines this is an echo, not news
    empty_block: bool = False
    # the file was read as if fixed, with one clear meaning (tabs of a clear width)
    repaired: bool = False

    @property
    def clear_repair(self) -> bool:
        """Whether recovery read the line as meant (a ":" added, tabs read as spaces)."""
        return self.repaired or self.insert is not None

    def shifted(self, lines: int) -> Problem:
        """The same problem `lines` further down the file."""
        return attrs.evolve(self, line=self.line + lines, skip_from=self.skip_from + lines)


def explain(error: Exception, lines: list[str]) -> Problem:
    """Turn a Lark exception into words a coach understands."""
    if isinstance(error, IndentationProblem):
        return Problem(error.line, 1, error.column,
                        "this line's indentation matches no enclosing block",
                        "indent it exactly like the lines of the block it belongs to "
                        "(two spaces a level)", error.line)
    if isinstance(error, UnexpectedToken):
        token = error.token
        expected = set(error.accepts or error.expected)
        if token.type == "_INDENT":
            line = token.end_line or token.line
            return Problem(line, 1, (token.end_column or 1),
                            "unexpected indentation",
                            'only the lines of a block (after a header ending in ":") '
                            "are indented", line)
        if token.type in ("_NL", "_DEDENT", "$END") and "COLON" in expected:
            # the header's meaning is clear: recovery reads it with the ":" (a repair)
            line = _header_before(lines, token) if token.type == "$END" else \
                min(token.line or 1, len(lines))
            column = code_end(lines[line - 1]) if lines else token.column
            return Problem(line, column, column + 1,
                            'missing ":" at the end of this header',
                            'add ":" at the end of the header (a plan, week, session, block, '
                            'exercise or log header ends with ":")', line, insert=":")
        if "_INDENT" in expected:
            header = _header_before(lines, token)
            return Problem(header, 1, len(lines[header - 1]) + 1,
                            "this header opens an empty block",
                            "indent the lines that belong to it by two more spaces",
                            header, empty_block=True)
        if token.type in ("_NL", "$END"):
            return Problem(token.line, token.column, token.column + 1,
                            f"this line stops too early: expected {_expected_words(expected)}",
                            None, token.line)
        if token.type == "_DEDENT":
            return Problem(token.line, token.column, token.column + 1,
                            f"the block ends too early: expected {_expected_words(expected)}",
                            None, token.line)
        return _unexpected_word(token.line, token.column, expected, lines)
    if isinstance(error, UnexpectedCharacters):
        return _unexpected_word(error.line, error.column, set(error.allowed or ()), lines)
    assert isinstance(error, UnexpectedEOF)
    last = len(lines)
    return Problem(last, 1, 2, "the file ends in the middle of a block", None, last)


def _unexpected_word(line: int, column: int, expected: set[str], lines: list[str]) -> Problem:
    line_text = lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""
    found_match = _FOUND_WORD.match(line_text, column - 1)
    found = found_match.group(0) if found_match else line_text[column - 1:column]
    if len(found) > 1 and found.endswith(":"):
        found = found[:-1]
    if len(found) > 40:  # a 300,000-character word is shown by its start
        found = found[:40] + "…"
    end = column + max(len(found), 1)
    first = first_word(line_text)
    at = line_text.find(first) + 1
    rest = line_text[at - 1 + len(first):]
    right_after = at + len(first) + len(rest) - len(rest.lstrip())  # column of the next word
    # a header read as an exercise line (an "exercise" named `session`)
    as_exercise = bool(expected & {"PRESCRIPTION", "AT", "SIDE"})
    if first in _NESTED_HEADERS and at > 1 and as_exercise and column >= right_after \
            and line_text.split("#")[0].rstrip().endswith(":"):
        return Problem(line, at, at + len(first), f"a {first} cannot go inside this block",
                        _NESTED_HEADERS[first], line)
    if found.startswith('"') and found.count('"') == 1 and line_text.count('"') % 2 == 1:
        return Problem(line, column, len(line_text) + 1, "this text is not closed",
                        'add the closing " on the same line', line)
    if line_text[column - 1:column] == "\t":
        return Problem(line, column, column + 1, "a tab inside the line", "use spaces", line)
    if first in BLOCK_KINDS and line_text.split("#")[0].rstrip().endswith(":") and (
            "PRESCRIPTION" in expected or "AT" in expected or "SIDE" in expected):
        at = line_text.index(first) + 1
        return Problem(line, at, at + len(first),
                        f"a {first} cannot be nested inside another block",
                        "blocks hold exercise lines only: close the outer block first", line)
    # the whole word the error is in: `3X8` is read as `3`, then `X8` is the error
    start = column - 1
    while 0 < start <= len(line_text) and not line_text[start - 1].isspace():
        start -= 1
    whole_match = _FOUND_WORD.match(line_text, start)
    whole = whole_match.group(0)[:40] if whole_match else found
    before = line_text[:start].split("#")[0].split()
    if re.fullmatch(r"\d+[xX×]\S+|[xX×]\d\S*|[xX×]", whole) and not \
            re.fullmatch(r"\d+x\d\S*", whole):  # a lower-case 3x8 is some other problem
        sets, _, reps = re.sub("[X×]", "x", whole).partition("x")
        sets = sets or (before[-1] if before and before[-1].isdigit() else "")  # `3 X8`
        return Problem(line, start + 1, start + 1 + len(whole),
                       f"unexpected {whole!r}: sets and reps take a lower-case x",
                       "write sets and reps as one word with a lower-case x: "
                       f"{sets or 3}x{reps or 8}", line)
    if before and before[-1] == "tempo":  # `tempo 3s`: the tempo's form, not the dose's
        return Problem(line, start + 1, start + 1 + len(whole),
                       f"unexpected {whole!r} after tempo",
                       "write a tempo as the seconds of each phase joined by dashes, "
                       "eccentric-pause-concentric[-pause]: tempo 3-1-1", line)
    message = f"unexpected {found!r}: expected {_expected_words(expected)}"
    hint = None
    word = found.lower().split(":")[0]
    if "AT" in expected or "SIDE" in expected:  # where modifiers go
        close = difflib.get_close_matches(word, _MODIFIER_WORDS, n=1, cutoff=0.6)
        message = f"unexpected {found!r} after the prescription"
        hint = (f"did you mean {close[0]}?" if close else
                f'modifiers are @ LOAD, tempo E-P-C, {"/".join(SIDES)}, '
                'rest D, progress +X/week and note "…"')
    elif "PRESCRIPTION" in expected:
        message = f"unexpected {found!r}: expected {_WORDS['PRESCRIPTION']}"
        hint = "write the sets and reps right after the exercise name, e.g. step_up 3x8"
    elif "COLON" in expected and first in _HEADER_WORDS and not line_text.rstrip().endswith(":"):
        hint = 'headers end with ":"'
    elif "COLON" in expected and BAND_WORD.upper() in line_text.upper():
        hint = "write the band as one word: band:medium"
    else:
        close = difflib.get_close_matches(word, _HEADER_WORDS, n=1, cutoff=0.7)
        hint = f"did you mean {close[0]}?" if close else None
    return Problem(line, column, end, message, hint, line)


def first_word(line: str) -> str:
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
        if is_code(lines[number - 1]):
            return number
    return 1



def code_end(line: str) -> int:
    """The column just after the last character of `line` that is code, not a
    comment or trailing white space: where a missing ":" goes."""
    in_string = False
    end = 0
    for column, char in enumerate(line.rstrip("\r\n")):
        if char == '"':
            in_string = not in_string
        elif char == "#" and not in_string:
            break
        if not char.isspace():
            end = column + 1
    return end + 1


def is_code(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")
