"""Source text → syntax tree. The only package that knows Lark.

Lark's LALR parser runs with an inline transformer, so the syntax tree is
built during the parse with no intermediate Lark tree. Syntax errors become
WOL001 diagnostics in plain words; the parser recovers and parses again, so one
run reports several: a header missing its ":" gets it (a clear repair, so the
repaired tree is still checked: `ParseError.partial`), another broken header is
replaced by a stand-in of its kind so that the lines under it are still parsed,
and any other bad line is blanked.

The package along its jobs: `grammar` (the grammar file, the indenter, one
Lark parser a thread, the line lexer for completion), `transform` (tokens →
syntax nodes and values), `wording` (syntax errors in words), and here the
public `parse`: chunking, caching and error recovery.

Safe under threads: each thread parses with its own Lark parser, and what the
caches hold (trees, problems) is immutable.
"""

from __future__ import annotations

import difflib
import functools
import re

from lark.exceptions import UnexpectedInput

from .. import diagnostics, syntax
from ..errors import ParseError
from ..limits import MAX_SYNTAX_ERRORS
from ..memo import IdentityMemo, current_scope
from ..syntax import Span
from ..vocabulary import BLOCK_KINDS, LOG_KEYWORD, PLAN_KEYWORD, HeaderKeyword
from . import tabs
from .grammar import IndentationProblem, Word, _grammar_path, lark, lex_line
from .transform import duration, where
from .wording import Problem, explain, first_word, is_code

__all__ = ["CHUNK_LINES", "IndentationProblem", "Word", "_grammar_path", "duration",
           "lex_line", "parse", "parse_log", "scan_comments", "untab"]

CHUNK_LINES = 40


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


# --- error recovery and chunks ----------------------------------------------------


def _indent_of(line: str) -> int:
    return tabs.indent_of(line, tabs.width.get())


# A broken header that opens a block is replaced by one of its kind that parses, so
# the lines under it are still parsed (and their own errors reported); the kind is
# the header's first word, or the keyword it misspells.
_STAND_INS: dict[str, str] = {
    "plan": 'plan "_":', "session": 'session "_":', "week": "week 1:",
    "rotation": "rotation on mon:", "exercise": "exercise _:", "log": 'log "_":',
    **{kind: f"{kind}:" for kind in BLOCK_KINDS}}
_DATE = re.compile(r"\s*\d{4}-\d\d-\d\d\b")  # a log entry's header: DATE "SESSION":


def _stand_in(line: str) -> str | None:
    """A header of the same kind as `line` that parses, or None when the kind is unclear."""
    if _DATE.match(line):
        return '2000-01-01 "_":'
    word = first_word(line)
    if word and line.lstrip()[len(word):len(word) + 1] not in ("", " ", '"', ":"):
        return None  # `step_up-3x8`: not a keyword with a typo
    close = difflib.get_close_matches(word.lower(), _STAND_INS, n=1, cutoff=0.75)
    return _STAND_INS[close[0]] if close else None


def _opens_block(lines: list[str], index: int) -> bool:
    """Whether the next line of code after `index` is indented deeper."""
    indent = _indent_of(lines[index])
    for line in lines[index + 1:]:
        if is_code(line):
            return _indent_of(line) > indent
    return False


def _blank(lines: list[str], problem: Problem, stand_ins: set[int]) -> None:
    """Repair the bad line, or put a stand-in in place of a broken header (its line in
    `stand_ins`), or blank the bad line and, for a header, the block it would open."""
    index = problem.skip_from - 1
    if not 0 <= index < len(lines):
        return
    if problem.insert is not None:
        at = problem.column - 1
        lines[index] = lines[index][:at] + problem.insert + lines[index][at:]
        return
    indent = _indent_of(lines[index])
    opens = _opens_block(lines, index)
    stand_in = _stand_in(lines[index]) if problem.skip_nested and opens else None
    if stand_in is not None and index + 1 not in stand_ins:
        lines[index] = " " * indent + stand_in
        stand_ins.add(index + 1)
        return
    is_header = opens or lines[index].split("#")[0].rstrip().endswith(":")
    lines[index] = ""
    if not (problem.skip_nested and is_header):
        return
    for i in range(index + 1, len(lines)):
        if lines[i].strip() and _indent_of(lines[i]) <= indent:
            break
        lines[i] = ""


# stands in for a line reported before parsing (a tab); a comment to the grammar
_SET_ASIDE = "# (set aside)"


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
    tabbed = tabs.tab_lines(text)
    if not tabbed:
        return _parse_text(text, filename, [], set())
    tab = tabs.clear_width(text, lambda width: _errors_with_tabs(text, filename, width))
    problem = _tab_problem(text, tabbed, tab)
    if tab is None:  # ambiguous: the tab-indented lines are set aside, unread
        return _parse_text(text, filename, [problem], set(tabbed))
    token = tabs.width.set(tab)
    try:
        return _parse_text(text, filename, [problem], set())
    finally:
        tabs.width.reset(token)


def untab(text: str) -> str | None:
    """`text` with its tab indentation turned into spaces when the tabs' width is
    clear (`tabs`), else None; `text` itself when it holds no tab indentation."""
    if not tabs.tab_lines(text):
        return text
    tab = tabs.clear_width(text, lambda width: _errors_with_tabs(text, None, width))
    return None if tab is None else tabs.expand(text, tab)


def _errors_with_tabs(text: str, filename: str | None, tab: int) -> int:
    """How many syntax errors `text` has with tabs `tab` columns wide."""
    token = tabs.width.set(tab)
    try:
        _parse_text(text, filename, [], set())
    except ParseError as error:
        return len(error.diagnostics)
    finally:
        tabs.width.reset(token)
    return 0


def _tab_problem(text: str, tabbed: list[int], tab: int | None) -> Problem:
    """The one WOL001 of a file indented with tabs, at the first of them."""
    line = tabbed[0]
    source = text.split("\n", line)[line - 1]
    column = len(source) - len(source.lstrip(" ")) + 1
    end = len(source) - len(source.lstrip(" \t")) + 1
    lines = f"{len(tabbed)} line{'s' * (len(tabbed) != 1)}"
    if tab is None:
        return Problem(line, column, end, f"tab indentation on {lines}, mixed with spaces: "
                       "what the plan means depends on the width of a tab",
                       "indent with spaces, two a level; `workoutlang fmt` cannot convert "
                       "these tabs, their width is unclear", line)
    return Problem(line, column, end, f"tab indentation on {lines}",
                   "indent with spaces, two a level: `workoutlang fmt` converts the tabs "
                   f"(read here as {tab} columns wide)", line, repaired=True)


def _parse_text(text: str, filename: str | None, problems: list[Problem],
                set_aside: set[int]) -> syntax.PlanFile:
    """`parse`, once the tabs are dealt with: `problems` holds their error, and the
    lines in `set_aside` are not read."""
    plans: list[syntax.Plan] = []
    exercises: list[syntax.ExerciseDef] = []
    logs: list[syntax.Log] = []
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
        header = next((i for i, line in enumerate(lines) if is_code(line)), 0)
        if first_word(lines[header]) == PLAN_KEYWORD:
            plan = _parse_plan_chunks(lines, header, first, filename, problems)
            if plan is not None:
                plans.append(plan)
            continue
        if first_word(lines[header]) == LOG_KEYWORD:
            log = _parse_log_chunks(lines, header, first, filename, problems)
            if log is not None:
                logs.append(log)
            continue
        tree, found = _parse_chunk(chunk, first, filename)
        problems.extend(found)
        if tree is not None:
            plans.extend(tree.plans)
            exercises.extend(tree.exercises)
            logs.extend(tree.logs)
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        if len(problems) > MAX_SYNTAX_ERRORS:
            last = problems[MAX_SYNTAX_ERRORS - 1]
            problems = problems[:MAX_SYNTAX_ERRORS] + [Problem(
                last.line, 1, 2, f"stopped after {MAX_SYNTAX_ERRORS} syntax errors",
                "fix these and run again to see the rest", last.line)]
        partial = None
        if all(p.clear_repair for p in problems) and (plans or exercises or logs):
            partial = syntax.PlanFile(tuple(plans), tuple(exercises), tuple(comments),
                                      filename, tuple(logs))
        raise ParseError([_diagnostic(p, filename) for p in problems], partial)
    if not plans and not exercises and not logs:
        raise ParseError([_diagnostic(Problem(
            1, 1, 2, "this file holds no plan",
            'start one with a header such as: plan "Base phase" weeks 8:', 1), filename)])
    return syntax.PlanFile(tuple(plans), tuple(exercises), tuple(comments), filename,
                           tuple(logs))


def parse_log(text: str, filename: str | None = None) -> syntax.PlanFile:
    """`parse`, for a file that must hold a training log (it may hold its plan too)."""
    tree = parse(text, filename)
    if not tree.logs:
        raise ParseError([_diagnostic(Problem(
            1, 1, 2, "this file holds no training log",
            'start one with a header such as: log "Base phase":', 1), filename)])
    return tree


_COLUMN_1 = re.compile(r"^[^ \t\n]", re.M)


def _top_chunks(text: str) -> list[tuple[int, str]]:
    """(index of the first line, text) of each chunk: a line of code in column 1
    and the lines up to the next one. Lines before the first join it."""
    found: list[tuple[int, int]] = []
    line, previous = 0, 0
    for match in _COLUMN_1.finditer(text):
        at = match.start()
        end = text.find("\n", at)
        if not is_code(text[at:end if end >= 0 else len(text)]):
            continue
        line += text.count("\n", previous, at)
        previous = at
        found.append((line, at))
    starts = [(0, 0), *found[1:]]
    ends = [at - 1 for _, at in starts[1:]] + [len(text)]  # each chunk without its last \n
    return [(line, text[at:end]) for (line, at), end in zip(starts, ends, strict=True)]


_FAKE_HEADERS = {PLAN_KEYWORD: f'{PLAN_KEYWORD} "_":', LOG_KEYWORD: f'{LOG_KEYWORD} "_":'}


def _cuts(lines: list[str], header: int) -> list[int]:
    """Where a block's chunks start: its header's chunk, then a new chunk at a line of
    the block's first indentation once the chunk has a few dozen lines."""
    body = [i for i in range(header + 1, len(lines)) if is_code(lines[i])]
    indent = _indent_of(lines[body[0]]) if body else 0
    cuts = [0]
    for i in body[1:]:
        # chunks of a few dozen lines: small enough to re-parse in a blink,
        # large enough that Lark's per-call set-up does not dominate
        if _indent_of(lines[i]) == indent and i - cuts[-1] >= CHUNK_LINES:
            cuts.append(i)
    return cuts


def _chunk_trees(lines: list[str], header: int, first: int, filename: str | None,
                 problems: list[Problem], keyword: HeaderKeyword) -> list[syntax.PlanFile | None]:
    """A plan or a log (`lines`, from line index `first` of the file on, opened by
    `keyword`) parsed as its header with its first items, then the further items a
    few dozen lines at a time under a stand-in header: a tree a chunk (None where it
    had errors, which go to `problems`)."""
    bounds = [*_cuts(lines, header), len(lines)]
    trees: list[syntax.PlanFile | None] = []
    for index, (low, high) in enumerate(zip(bounds, bounds[1:], strict=False)):
        if len(problems) > MAX_SYNTAX_ERRORS:
            break
        if index == 0:
            tree, found = _parse_chunk("\n".join(lines[low:high]), first + low, filename)
        else:
            chunk = _FAKE_HEADERS[keyword] + "\n" + "\n".join(lines[low:high])
            tree, found = _parse_chunk(chunk, first + low - 1, filename)
            # echoes of the stand-in header
            found = tuple(p for p in found if p.line != first + low)
        problems.extend(found)
        trees.append(tree)
    return trees


def _parse_plan_chunks(lines: list[str], header: int, first: int, filename: str | None,
                       problems: list[Problem]) -> syntax.Plan | None:
    """A plan parsed in chunks (`_chunk_trees`), put back together."""
    head: syntax.Plan | None = None
    sessions: list[syntax.Session] = []
    weeks: list[syntax.Week] = []
    rotations: list[syntax.Rotation] = []
    maxes: list[syntax.MaxLine] = []
    for index, tree in enumerate(_chunk_trees(lines, header, first, filename, problems,
                                              PLAN_KEYWORD)):
        if tree is None or len(tree.plans) != 1 or tree.exercises or tree.logs:
            continue
        plan = tree.plans[0]
        if index == 0:
            head = plan
        sessions.extend(plan.sessions)
        weeks.extend(plan.weeks)
        rotations.extend(plan.rotations)
        maxes.extend(plan.maxes)
    if head is None:
        return None
    parts = (head, *sessions, *weeks, *rotations, *maxes)
    known = _plans.get(*parts)
    if known is not None:  # nothing changed: the same Plan, so later caches hit
        return known
    return _plans.put(syntax.Plan(head.name, head.options, tuple(sessions), tuple(weeks),
                                  head.span, tuple(rotations), tuple(maxes)), *parts)


_plans: IdentityMemo[syntax.Plan] = IdentityMemo(256)


def _parse_log_chunks(lines: list[str], header: int, first: int, filename: str | None,
                      problems: list[Problem]) -> syntax.Log | None:
    """A training log parsed in chunks (`_chunk_trees`), put back together."""
    head: syntax.Log | None = None
    entries: list[syntax.Entry] = []
    for index, tree in enumerate(_chunk_trees(lines, header, first, filename, problems,
                                              LOG_KEYWORD)):
        if tree is None or len(tree.logs) != 1 or tree.plans or tree.exercises:
            continue
        if index == 0:
            head = tree.logs[0]
        entries.extend(tree.logs[0].entries)
    if head is None:
        return None
    return syntax.Log(head.plan, tuple(entries), head.span, head.name_span)


_Chunk = tuple[syntax.PlanFile | None, tuple[Problem, ...]]


def _parse_chunk(text: str, offset: int, filename: str | None) -> _Chunk:
    """Parse one chunk whose first line is line `offset + 1` of the file. The
    result is cached and shared between callers (and threads): immutable. In a
    cache scope (a language server's document) the scope holds it instead of the
    shared table, so old versions of a document do not fill the shared one."""
    scope = current_scope()
    tab = tabs.width.get()  # a chunk's tree depends on the width of its tabs
    if scope is None:
        return _parse_chunk_shared(text, offset, filename, tab)
    return scope.cached(_parse_chunk_shared, (text, offset, filename, tab),
                        lambda: _parse_chunk_uncached(text, offset, filename, tab))


def _parse_chunk_uncached(text: str, offset: int, filename: str | None, tab: int) -> _Chunk:
    token = where.set((filename, offset))
    tab_token = tabs.width.set(tab)
    try:
        tree, problems = _parse_with_recovery(text.split("\n"))
    finally:
        tabs.width.reset(tab_token)
        where.reset(token)
    return tree, tuple(problem.shifted(offset) for problem in problems)


_parse_chunk_shared = functools.lru_cache(maxsize=4096)(_parse_chunk_uncached)


def _parse_with_recovery(lines: list[str]) -> tuple[syntax.PlanFile | None, list[Problem]]:
    """Parse; on an error, blank the bad line (or repair it) and parse again."""
    problems: list[Problem] = []
    work = list(lines)
    stand_ins: set[int] = set()  # lines holding a stand-in header
    while True:
        try:
            tree: syntax.PlanFile = lark().parse("\n".join(work) + "\n")  # type: ignore[assignment]
        except (UnexpectedInput, IndentationProblem) as error:
            problem = explain(error, work)
            if problem.empty_block and _emptied_by_us(lines, work, problem.line) or \
                    problem.line in stand_ins:  # an echo: the stand-in does not fit there
                _blank(work, problem, stand_ins)
                continue
            problems.append(problem)
            if problem.line > len(lines) or len(problems) > MAX_SYNTAX_ERRORS or any(
                    p.line == problem.line for p in problems[:-1]):
                return None, problems  # nothing more to learn from this chunk
            _blank(work, problem, stand_ins)
            continue
        # with problems, the tree of the repaired text: `parse` keeps it only when
        # every repair had one clear meaning (ParseError.partial)
        return tree, problems


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


def _diagnostic(problem: Problem, filename: str | None) -> diagnostics.Diagnostic:
    span = Span(filename, problem.line, problem.column, problem.line,
                max(problem.end_column, problem.column + 1))
    fixes: tuple[diagnostics.Fix, ...] = ()
    if problem.insert is not None:  # the repair recovery made, offered as a quick fix
        at = Span(filename, problem.line, problem.column, problem.line, problem.column)
        fixes = (diagnostics.Fix(f'Add "{problem.insert}"', at, problem.insert),)
    return diagnostics.make("WOL001", span, problem.message, problem.hint, fixes=fixes)
