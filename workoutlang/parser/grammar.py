"""The grammar, the indenter, and the Lark parser built from them, one per thread.

Lark's `Indenter` keeps the indentation levels of the text being parsed on
itself, so a Lark instance (which holds its postlex) parses one text at a
time. Each thread gets its own instance, with its own indenter and
transformer: parsing needs no lock, and a thread never sees another's levels.

Building the parse tables from the grammar costs ~30 ms, so they are kept, as
the plain data that `Lark.memo_serialize` gives, in the user's own cache
folder (`usercache`) and loaded from there in ~4 ms, once per thread. Not
Lark's `cache=True`: that keeps its file in the shared temporary folder and
unpickles whatever it finds there. The builds are serialised so that threads
starting together build and write the tables once.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections.abc import Iterator
from typing import NamedTuple

import lark as lark_package
from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters
from lark.grammar import Rule
from lark.indenter import Indenter
from lark.lexer import BasicLexer, LexerThread, TerminalDef

from .. import usercache
from . import tabs
from .transform import ToTree

# how the grammar is built; the postlex and the transformer are objects, given at each load
_OPTIONS: dict[str, object] = {"parser": "lalr", "lexer": "contextual",
                               "maybe_placeholders": False}
_GIVEN_AT_LOAD = ("postlex", "transformer")


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
    tab_len = 1  # unused: handle_NL reads the tab width of the parse (tabs.width)

    def handle_NL(self, token: Token) -> Iterator[Token]:
        # Lark's DedentError has no position; this one knows the line.
        yield token
        white = token.rsplit("\n", 1)[1]
        indent = len(white.expandtabs(tabs.width.get())) if "\t" in white else len(white)
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
            built = _build()
        _mine.lark = built
    return built


def _build() -> Lark:
    """A new parser, from the kept tables when they match this grammar, this Lark and
    these options, else from the grammar (and the tables kept for the next run)."""
    with open(_grammar_path(), encoding="utf-8") as file:
        grammar = file.read()
    key = hashlib.sha256(
        f"{grammar}{sorted(_OPTIONS.items())}{lark_package.__version__}".encode()).hexdigest()
    name = f"grammar-{key[:32]}-py{sys.version_info[0]}{sys.version_info[1]}.pickle"
    kept = usercache.read(name)
    if isinstance(kept, dict) and kept.get("key") == key:
        try:
            loaded: Lark = Lark._load_from_dict(  # type: ignore[no-untyped-call]
                kept["data"], kept["memo"], postlex=_WolIndenter(), transformer=ToTree())
            return loaded
        except Exception:  # tables of another shape: build them again
            pass
    built = Lark(grammar, postlex=_WolIndenter(), transformer=ToTree(), **_OPTIONS)
    data, memo = built.memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items() if k not in _GIVEN_AT_LOAD}
    usercache.write(name, {"key": key, "data": data, "memo": memo})
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
