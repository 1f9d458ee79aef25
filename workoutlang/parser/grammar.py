"""The grammar, the indenter, and the Lark parser built from them, one per thread.

Lark's `Indenter` keeps the indentation levels of the text being parsed on
itself, so a Lark instance (which holds its postlex) parses one text at a
time. Each thread gets its own instance, with its own indenter and
transformer: parsing needs no lock, and a thread never sees another's levels.
Building one costs ~8 ms (Lark's `cache=True`), once per thread; the builds
are serialised so that threads starting together do not race on the cache file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import NamedTuple

from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters
from lark.indenter import Indenter
from lark.lexer import BasicLexer, LexerThread

from .transform import ToTree


def _grammar_path() -> str:
    """The grammar inside an installed wheel, or grammar/ in a checkout. Plain
    os.path: importlib.resources and pathlib cost ~12 ms of every start."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # workoutlang/
    packaged = os.path.join(package, "grammar", "workoutlang.lark")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(package), "grammar", "workoutlang.lark")


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
    tab_len = 1  # tabs are rejected before parsing; see wording.tab_problems

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


class _PerThread(threading.local):
    lark: Lark | None = None
    lexer: BasicLexer | None = None


_mine = _PerThread()
_building = threading.Lock()


def lark() -> Lark:
    """This thread's parser: LALR with the contextual lexer, the indenter, and the
    transformer that builds the syntax tree as it reduces."""
    built = _mine.lark
    if built is None:
        with _building:
            built = Lark.open(
                _grammar_path(),
                parser="lalr",
                lexer="contextual",
                postlex=_WolIndenter(),
                transformer=ToTree(),
                maybe_placeholders=False,
                cache=True,
            )
        _mine.lark = built
    return built


class Word(NamedTuple):
    """A token of one line, as the grammar's lexer reads it out of context."""

    # the terminal's name: NAME, PRESCRIPTION, SIDE, SESSION (the keyword)…; the keywords
    # `tempo` and `progress` are __ANON_… (their names are taken by the TEMPO and
    # PROGRESS values); ERROR for a character that starts no token
    type: str
    text: str
    column: int  # 0-based


def lex_line(text: str) -> list[Word]:
    """The tokens of `text` (one line, no newline) as the grammar's terminals read
    them with no parser state: where several terminals match, the keyword or
    the higher priority wins, as at the start of a session line. A character
    no terminal matches is an ERROR word of its own; white space separates
    words and is left out."""
    lexer = _mine.lexer
    if lexer is None:
        lexer = _mine.lexer = BasicLexer(lark().lexer_conf)
    out: list[Word] = []
    start = 0
    while start < len(text):
        try:
            tokens = LexerThread.from_text(lexer, text[start:]).lex(None)  # type: ignore[no-untyped-call]
            for token in tokens:
                out.append(Word(token.type, str(token), start + (token.column or 1) - 1))
            return out
        except UnexpectedCharacters as error:
            at = start + error.column - 1
            if not text[at].isspace():
                out.append(Word("ERROR", text[at], at))
            start = at + 1
    return out
