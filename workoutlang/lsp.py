"""The language server (`workoutlang lsp`): diagnostics, completion, hover, formatting,
go-to-definition, outline and quick fixes over stdio, built on pygls.

Each open document keeps its text, its lines and the last tree that parsed, so
completion and hover keep working while the text has syntax errors. Parsing is
cached by chunks in the parser, so re-checking after an edit re-parses only the
part that changed; each document's cache entries live in its own cache scope,
which holds what the last version needed and is dropped when it closes.

Inside a training log, completion and hover read the plan the log follows
(workoutlang/lsp_log.py): the sessions it plans, and what it planned each day.

Nothing a client sends leaves the server silent: a document over the CLI's size
limit, a broken pyproject.toml and a failure inside the checks each become a
diagnostic on the document's first line, and a request whose parameters do not
even decode (a negative position, a line number past 2^31) gets an error reply.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import attrs
from lsprotocol import types
from pygls import uris
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.workspace.position_codec import PositionCodec

from . import __version__, syntax
from .catalogue import TAGS, Catalogue, Exercise, load_catalogue
from .checks import CheckConfig, run_checks
from .checks.config import find_pyproject, from_pyproject
from .checks.lines import side_word
from .diagnostics import CODES, Diagnostic, Fix, Severity
from .errors import ParseError, WorkoutlangError
from .expand import expand
from .formatter import done_line, format_text
from .limits import MAX_LSP_DIAGNOSTICS, MAX_SOURCE_BYTES
from .lsp_log import (
    Followed,
    LogPlace,
    done_markdown,
    entry_markdown,
    log_markdown,
    log_place,
    neighbour_plans,
    plan_followed,
    planned_values,
    session_exercises,
    session_names,
)
from .memo import Scope
from .parser import lex_line, parse
from .rule_pages import check_page_uri
from .vocabulary import (
    BAND_LEVELS,
    BAND_WORD,
    BLOCK_KINDS,
    DAYS_KEYWORD,
    DOUBLE_KEYWORD,
    GRADUATE_KEYWORD,
    IF_DONE_WORDS,
    LADDER_KEYWORD,
    LAP_WORD,
    LOG_KEYWORD,
    MAX_KEYWORD,
    MODIFIER_KEYWORDS,
    PER_WEEK_WORDS,
    PLAN_ITEM_KEYWORDS,
    PLAN_KEYWORD,
    PLAN_OPTIONS,
    REST_KEYWORD,
    ROTATION_KEYWORD,
    ROUNDS_WORDS,
    SKIPPED_WORD,
    TM_KEYWORD,
    TOP_LEVEL_KEYWORDS,
    WAVE_KEYWORD,
)
from .vocabulary import DAYS as DAYS
from .vocabulary import PROPERTY_KEYS as PROPERTY_KEYS
from .vocabulary import SIDES as SIDES

log = logging.getLogger(__name__)

SOURCE = "workoutlang"
BLOCKS = BLOCK_KINDS
# what completion offers after a word, with a short description
AFTER: dict[str, tuple[tuple[str, str], ...]] = {
    "@": (("bw", "bodyweight"), ("bw+10kg", "bodyweight plus a weight"),
          *((f"{BAND_WORD}:{level}", f"{level} band") for level in BAND_LEVELS),
          ("rpe 7", "rate of perceived exertion"),
          ("rir 2", "reps in reserve"), ("70%1rm", "share of the one-rep max"),
          ("85%tm", "share of the training max (needs a max line)"),
          ("80kg rpe 8", "a load and how hard it should feel")),
    "tempo": (("3-1-1", "3 s down, 1 s pause, 1 s up"), ("2-0-2", "2 s down, 2 s up"),
              ("3-0-x", "3 s down, explosive up"), ("4-1-1", "slow eccentric")),
    "rest": (("45s", ""), ("1min", ""), ("1min30s", ""), ("2min", ""), ("3min", ""),
             (LAP_WORD, "until the athlete presses the lap button")),
    "progress": (("+2.5kg/week", "add load each week"), ("+1rep/week", "add a rep each week"),
                 ("+5s/week", "add time each week"),
                 ("+2.5kg/session", "add load each time the session is done"),
                 ("+5kg/cycle", "add load once a cycle"),
                 (f"{DOUBLE_KEYWORD} +2.5kg", "reps up the range, then load")),
    "units": (("kg", "kilograms"), ("lb", "pounds")),
    "measure": (("reps", "counted in repetitions"), ("time", "held for time"),
                ("distance", "carried or walked for a distance")),
    "round": (("2.5kg", "weights from a max, to 2.5 kg"), ("5lb", "to 5 lb"),
              ("1kg", "to 1 kg")),
    "cycle": (("4", "weeks a cycle (5/3/1)"), ("3", "weeks a cycle")),
    "tm": (("90%", "the training max is 90% of the max"),),
    "reset": (("-10% after 2 misses", "cut the progressed value after two misses in a row"),
              ("-10% after 3 misses", "after three misses in a row"),
              ("-5% after 1 miss", "after each miss")),
    IF_DONE_WORDS[0]: ((IF_DONE_WORDS[1], "a step only where the log shows the line done"),),
}
MODIFIERS: tuple[tuple[str, str, type], ...] = (
    ("@", "load: 40kg, bw, band:medium, rpe 7…", syntax.Load),
    ("tempo", "seconds per phase: down-pause-up", syntax.Tempo),
    ("each_leg", "both legs, one after the other", syntax.Side),
    ("each_side", "both sides, one after the other", syntax.Side),
    ("left", "left side only", syntax.Side),
    ("right", "right side only", syntax.Side),
    ("rest", "rest between sets: 90s, or lap (until the lap button)", syntax.Rest),
    ("progress", "progression: +2.5kg/week, /session, /cycle, double, if done",
     syntax.Progress),
    ("reset", "after misses in a row: reset -10% after 2 misses", syntax.Reset),
    ("note", 'a note: note "…"', syntax.Note),
)
# what a ladder's header and its rungs may carry (no progress: the ladder climbs itself)
LADDER_MODIFIERS = (syntax.Load, syntax.Tempo, syntax.Side, syntax.Rest, syntax.Note)
# what a done line of a training log may carry after its values
DONE_MODIFIERS: tuple[tuple[str, str, type], ...] = (
    ("@", "the load: of the value before it, or after the last value of every set "
     "without its own", syntax.Load),
    *((label, detail, kind) for label, detail, kind in MODIFIERS if kind is syntax.Side),
    ("note", 'a note: note "…"', syntax.Note),
)
# what a modifier word looks like as it is written, to tell which ones a line has
WRITTEN: dict[str, type] = {
    **dict(zip(MODIFIER_KEYWORDS, (syntax.Load, syntax.Tempo, syntax.Rest, syntax.Progress,
                                   syntax.Reset, syntax.Note), strict=True)),
    **{side: syntax.Side for side in SIDES}}

_WORD = re.compile(r"[A-Za-z0-9_]+")
_BLOCK_OPTIONS = (ROUNDS_WORDS[-1], REST_KEYWORD)
_CODE = re.compile(r"WOL\d{3}", re.IGNORECASE)


# --- per-document state ------------------------------------------------------------------


@attrs.define
class Document:
    """What the server knows of one open file."""

    uri: str
    filename: str | None
    config: CheckConfig
    text: str = ""
    lines: list[str] = attrs.field(factory=list)
    # the last tree that parsed, and the catalogue with its exercise definitions
    tree: syntax.PlanFile | None = None
    catalogue: Catalogue = attrs.field(factory=load_catalogue)
    # the last diagnostics found, for the quick fixes of a client that drops `data`
    found: list[Diagnostic] = attrs.field(factory=list)
    # why the configuration could not be read (then the defaults apply)
    config_problem: str | None = None
    # the parser's and the checks' cache entries for this document
    scope: Scope = attrs.field(factory=Scope)
    # over MAX_SOURCE_BYTES: not parsed, and nothing is answered about it
    oversize: bool = False


def _config_for(filename: str | None) -> tuple[CheckConfig, str | None]:
    """[tool.workoutlang] of the nearest pyproject.toml, and what was wrong with it:
    whatever reading it raises, the document is still checked, with the defaults."""
    if filename is None:
        return CheckConfig(), None
    pyproject = None
    try:
        pyproject = find_pyproject(Path(filename).resolve().parent)
        return (CheckConfig() if pyproject is None else from_pyproject(pyproject)), None
    except Exception as error:  # a config that crashes the reader is still the config's fault
        reason = error.message if isinstance(error, WorkoutlangError) else \
            f"{type(error).__name__}: {error}"
        if pyproject is not None and str(pyproject) not in reason:
            reason = f"{pyproject}: {reason}"
        log.warning("%s", reason)
        return CheckConfig(), f"{reason} (checked with the default settings)"


def _size(text: str) -> int:
    """The UTF-8 size of `text` (the CLI's measure); a lone surrogate, which JSON can
    carry, counts 3. A text surely under the limit is not encoded (its length stands)."""
    if len(text) * 4 <= MAX_SOURCE_BYTES:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def analyse(document: Document, text: str) -> list[Diagnostic]:
    """Parse and check `text`; keep its tree when it parses. Raises only on a bug
    (the server reports it); a syntax error is a diagnostic."""
    document.text = text
    document.lines = text.split("\n")
    document.found = []
    try:
        tree = parse(text, document.filename)
    except ParseError as error:
        document.found = list(error.diagnostics)
        if error.partial is not None:  # every syntax error had a clear repair: check too
            document.found = sorted([*document.found, *_checked(document, error.partial)],
                                    key=lambda d: (d.span.line, d.span.column))
        return document.found
    document.tree = tree
    document.catalogue = load_catalogue().with_definitions(tree.exercises)
    document.found = _checked(document, tree)
    return document.found


def _checked(document: Document, tree: syntax.PlanFile) -> list[Diagnostic]:
    """What the checks find in `tree`, with the document's settings."""
    config = document.config
    if tree.logs:  # a log's plan in a file beside it, as `check LOG --plan PLAN` gives it
        beside = neighbour_plans(tree, document.filename)
        config = attrs.evolve(config, plans_for_logs=config.plans_for_logs + beside)
    return run_checks(tree, config)


def notice(message: str, severity: types.DiagnosticSeverity = types.DiagnosticSeverity.Error
           ) -> types.Diagnostic:
    """A diagnostic about the whole document, not one of its lines: at 1:1."""
    return types.Diagnostic(range=types.Range(types.Position(0, 0), types.Position(0, 1)),
                            message=message, severity=severity, source=SOURCE)


# --- positions ---------------------------------------------------------------------------


# the client's code units: (Python codec, bytes a unit); UTF-32 units are code points
_UNITS = {types.PositionEncodingKind.Utf8: ("utf-8", 1),
          types.PositionEncodingKind.Utf16: ("utf-16-le", 2)}


class Positions:
    """Our 1-based code-point columns ↔ the client's 0-based positions (UTF-16 by default).

    Units are counted by encoding the line, not with pygls's codec, which counts
    character by character in Python: a thousand diagnostics on a 1 MB line of
    non-ASCII text took minutes that way."""

    def __init__(self, codec: PositionCodec, lines: Sequence[str]) -> None:
        self.lines = lines
        try:
            kind = types.PositionEncodingKind(codec.encoding)
        except ValueError:
            kind = types.PositionEncodingKind.Utf16  # what pygls falls back to
        self.units = _UNITS.get(kind)  # None: UTF-32, units are code points

    def position(self, line: int, column: int) -> types.Position:
        index, character = max(line - 1, 0), max(column - 1, 0)
        if index < len(self.lines) and self.units and not self.lines[index].isascii():
            name, width = self.units
            before = self.lines[index][:character]
            return types.Position(index, len(before.encode(name, "surrogatepass")) // width)
        return types.Position(index, character)

    def range(self, span: syntax.Span) -> types.Range:
        return types.Range(self.position(span.line, span.column),
                           self.position(span.end_line, span.end_column))

    def column(self, position: types.Position) -> int:
        """The 0-based code-point column of a client position (a unit inside a
        character counts as before it)."""
        if position.line < len(self.lines) and self.units and \
                not (line := self.lines[position.line]).isascii():
            name, width = self.units
            data = line.encode(name, "surrogatepass")[: position.character * width]
            return len(data.decode(name, "ignore"))
        return position.character


def to_lsp(diagnostic: Diagnostic, uri: str, at: Positions) -> types.Diagnostic:
    # the rule's fixes travel with the diagnostic and come back in a code action request
    data = {"fixes": [_fix_data(fix, at) for fix in diagnostic.fixes]} \
        if diagnostic.fixes else None
    message = diagnostic.message
    if diagnostic.hint and diagnostic.code != "WOL006":  # WOL006's hint is a location
        message += f"\n{diagnostic.hint}"
    page = check_page_uri(diagnostic.code)  # the installed docs page: no site to link to
    return types.Diagnostic(
        range=at.range(diagnostic.span),
        message=message,
        severity=(types.DiagnosticSeverity.Error if diagnostic.severity is Severity.ERROR
                  else types.DiagnosticSeverity.Warning),
        code=diagnostic.code,
        code_description=types.CodeDescription(href=page) if page is not None else None,
        source=SOURCE,
        related_information=[
            types.DiagnosticRelatedInformation(types.Location(uri, at.range(span)), text)
            for span, text in diagnostic.related] or None,
        data=data,
    )


def _word_at(line: str, column: int) -> tuple[str, int, int] | None:
    """The word ([A-Za-z0-9_]) touching 0-based `column`, with its start and end."""
    for match in _WORD.finditer(line):
        if match.start() <= column <= match.end():
            return match.group(), match.start(), match.end()
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _enclosing_header(lines: Sequence[str], number: int) -> str:
    """The first word of the nearest line above `number` that is indented less."""
    indent = _indent(lines[number])
    for line in reversed(lines[:number]):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and _indent(line) < indent:
            return stripped.split()[0].rstrip(":")
    return ""


# --- hover -------------------------------------------------------------------------------


def exercise_markdown(exercise: Exercise) -> str:
    side = "one side at a time (name the side)" if exercise.unilateral else "both sides at once"
    out = [f"**{exercise.display}** (`{exercise.name}`)", ""]
    out.append(f"- tags: {', '.join(sorted(exercise.tags)) or 'none'}")
    out.append(f"- {side}")
    others = [m for m in exercise.measures if m != exercise.measure]
    out.append(f"- measured in {exercise.measure}" + (f" (or {', '.join(others)})" * bool(others)))
    if exercise.fit_category:
        out.append(f"- FIT: `{exercise.fit_category}/{exercise.fit_name}`")
    else:
        out.append("- FIT: no mapping (the step is named with its title)")
    if exercise.aliases:
        out.append(f"- also called: {', '.join(exercise.aliases)}")
    if exercise.defined_at is not None:
        out.append(f"- defined in this file, line {exercise.defined_at.line}")
    if exercise.note:
        out += ["", exercise.note]
    return "\n".join(out)


MAX_HOVER_WEEKS = 12  # then "…": a hover is a glance, `show` has the rest


def weeks_markdown(document: Document, number: int) -> str | None:
    """What the exercise line (or wave) on line `number` comes to, week by week: the
    prescription and load of each set group, weights from the plan's maxes worked
    out. None when the line is not an exercise line of a plan."""
    if document.tree is None:
        return None
    for plan in document.tree.plans:
        if not plan.span.line <= number <= plan.extent.end_line:
            continue
        expanded, _ = expand(plan, document.catalogue)
        rows: list[str] = []
        seen: dict[str, list[int]] = {}
        for week in expanded.weeks:
            doing = []
            for session in week.sessions:
                for item in session.all_items():
                    line = item.line
                    if number in (line.line, line.header_line):
                        load = f" @ {item.load.text}" if item.load else ""
                        doing.append(f"{item.prescription_text}{load}")
            if doing:
                seen.setdefault(", ".join(dict.fromkeys(doing)), []).append(week.number)
        for text, weeks in seen.items():
            if len(rows) == MAX_HOVER_WEEKS:
                rows.append("- …")
                break
            rows.append(f"- {_weeks_text(weeks)}: {text}")
        return "\n".join(["**Week by week**", "", *rows]) if rows else None
    return None


def _within(span: syntax.Span, number: int, column: int) -> bool:
    return span.line == number and span.column <= column <= span.end_column


def log_hover(document: Document, number: int, column: int
              ) -> tuple[str, syntax.Span] | None:
    """Hover in a training log (1-based `number` and `column`): on an entry's date or
    session, what its session planned that day; on a done line's exercise, the
    exercise, what was planned for it that day and what was done."""
    if document.tree is None:
        return None
    for log_ in document.tree.logs:
        if not log_.span.line <= number <= log_.extent.end_line:
            continue
        if _within(log_.name_span, number, column):
            followed = plan_followed(log_.plan, document.tree, document.filename,
                                     document.catalogue)
            return log_markdown(followed, log_), log_.name_span
        for entry in log_.entries:
            if not entry.span.line <= number <= entry.extent.end_line:
                continue
            followed = plan_followed(log_.plan, document.tree, document.filename,
                                     document.catalogue)
            if _within(entry.date_span.to(entry.session_span), number, column):
                return (entry_markdown(followed, log_, entry),
                        entry.date_span.to(entry.session_span))
            for item in entry.lines:
                if not _within(item.name_span, number, column):
                    continue
                catalogue = followed.catalogue if followed is not None else document.catalogue
                exercise = catalogue.lookup(item.name)
                parts = [exercise_markdown(exercise)] if exercise is not None else []
                planned = done_markdown(followed, log_, entry, item, done_line(item))
                if planned is not None:
                    parts.insert(0, planned)
                return ("\n\n---\n\n".join(parts), item.name_span) if parts else None
    return None


def _weeks_text(weeks: list[int]) -> str:
    """`week 1`, `weeks 1-3`, `weeks 1, 3, 5`."""
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    if weeks == list(range(weeks[0], weeks[-1] + 1)):
        return f"weeks {weeks[0]}-{weeks[-1]}"
    return "weeks " + ", ".join(map(str, weeks))


def code_markdown(code: str) -> str:
    entry = CODES[code]
    out = [f"**{code} {entry.name}** ({entry.severity.value} by default)", "", entry.summary]
    if entry.check is not None:
        first, _, body = entry.doc.partition("\n")
        out = [out[0], "", first]
        if body.strip():
            out += ["", "```", body.strip("\n"), "```"]
    page = check_page_uri(code)
    out += ["", f"[Documentation]({page}), or `workoutlang docs {code}`" if page is not None
            else f"`workoutlang docs {code}` prints its page"]
    return "\n".join(out)


# --- completion --------------------------------------------------------------------------


def _item(label: str, detail: str, kind: types.CompletionItemKind, edit: types.Range,
          sort: str = "1", documentation: str | None = None) -> types.CompletionItem:
    return types.CompletionItem(
        label=label, detail=detail or None, kind=kind, sort_text=sort + label,
        text_edit=types.TextEdit(edit, label),
        documentation=types.MarkupContent(types.MarkupKind.Markdown, documentation)
        if documentation else None,
    )


def _exercise_items(catalogue: Catalogue, edit: types.Range) -> list[types.CompletionItem]:
    items = []
    for name in catalogue.names():
        exercise = catalogue.exercises[name]
        detail = " ".join(sorted(exercise.tags))
        if exercise.defined_at is not None:
            detail = f"{detail} (defined in this file)".strip()
        items.append(_item(name, detail, types.CompletionItemKind.Function, edit,
                           documentation=exercise_markdown(exercise)))
    return items


def _words(before: str) -> list[str]:
    """The words of `before` (no comment, no open text), split where the grammar's
    lexer puts white space between tokens; a text in quotes stands as `""`, so
    that a name's words are not taken for keywords."""
    words: list[str] = []
    end = -1
    for token in lex_line(before):
        text = '""' if token.type == "STRING" else token.text
        if words and token.column == end:
            words[-1] += text
        else:
            words.append(text)
        end = token.column + len(token.text)
    return words


def complete(document: Document, position: types.Position,
             at: Positions) -> list[types.CompletionItem]:
    """What may be typed at `position`, judged from the words before it on its line."""
    if position.line >= len(document.lines):
        return []
    line = document.lines[position.line].rstrip("\r")
    column = min(at.column(position), len(line))
    before = line[:column]
    place = log_place(document.lines, position.line)
    if place is not None and not place.in_entry and "#" not in before and (
            typed := _OPEN_SESSION.fullmatch(before)) is not None:
        # `2027-03-02 "Lo`: the session names, from the opening quote on
        edit = types.Range(at.position(position.line + 1, typed.start(1) + 1), position)
        return _session_items(document, place, edit)
    if "#" in before or before.count('"') % 2:
        return []  # in a comment or a string
    words = _words(before)
    typing = bool(words) and not before[-1].isspace()
    current = words.pop() if typing else ""
    edit = types.Range(at.position(position.line + 1, column - len(current) + 1), position)
    value = types.CompletionItemKind.Value
    keyword = types.CompletionItemKind.Keyword

    def values(key: str) -> list[types.CompletionItem]:
        return [_item(label, detail, value, edit) for label, detail in AFTER[key]]

    if place is not None:
        if current.endswith(",") or (current[:1].isdigit() and (words or place.in_entry)):
            return []  # a value being typed
        return _log_completion(document, place, words, edit)
    if not words:
        if _indent(line) == 0:
            return [_item(k, "", keyword, edit) for k in TOP_LEVEL_KEYWORDS]
        header = _enclosing_header(document.lines, position.line)
        if header == "exercise":
            return [_item(k, "", keyword, edit) for k in PROPERTY_KEYS]
        blocks = [_item(k, "block", keyword, edit, "2") for k in BLOCKS]
        ladder = [_item(LADDER_KEYWORD, "rungs of exercises, easiest first", keyword, edit,
                        "2")] if header == "session" else []
        heads = [_item(k, "", keyword, edit, "2") for k in PLAN_ITEM_KEYWORDS]
        return _exercise_items(document.catalogue, edit) + blocks + ladder + heads
    first, last = words[0], words[-1]
    if first == LOG_KEYWORD:
        return []  # `log "PLAN":`, a colon to come
    if first in ("session", ROTATION_KEYWORD):
        if DAYS_KEYWORD not in words:
            if PER_WEEK_WORDS[0] in words or (first == "session" and len(words) < 2):
                return []
            often = " ".join(("2", *PER_WEEK_WORDS))
            return [_item(DAYS_KEYWORD, "weekdays", keyword, edit)] + (
                [_item(often, "no fixed days", keyword, edit)] if first == "session" else [])
        written = {w.strip(",") for w in words[words.index(DAYS_KEYWORD) + 1:]}
        return [_item(d, "weekday", value, edit, str(DAYS.index(d)))
                for d in DAYS if d not in written]
    if first == MAX_KEYWORD:
        if len(words) == 1:
            return _exercise_items(document.catalogue, edit)
        if last in AFTER:
            return values(last)
        if len(words) < 3:
            return []  # the max's weight comes next
        return [_item(k, "", keyword, edit) for k in (TM_KEYWORD, "progress") if k not in words]
    if first == "tags":
        return [_item(t, "tag", value, edit) for t in sorted(TAGS) if t not in words]
    if first in (PLAN_KEYWORD, "measure") or first in BLOCKS:
        if last in AFTER:
            return values(last)
        options = PLAN_OPTIONS if first == PLAN_KEYWORD else _BLOCK_OPTIONS
        return [_item(k, "", keyword, edit) for k in options] if first != "measure" else []
    if current.startswith(f"{BAND_WORD}:") or last == "@":
        return values("@")
    if last in AFTER:
        return values(last)
    if first[:1].isdigit():
        return []  # a wave's row: set groups only
    present = {WRITTEN[w] for w in words[2:] if w in WRITTEN}
    if first == LADDER_KEYWORD:
        return _ladder_header_items(words, present, edit)
    rung = _enclosing_header(document.lines, position.line) == LADDER_KEYWORD
    if len(words) < 2 and not rung:  # the prescription comes next, or a wave
        return [_item(WAVE_KEYWORD, "a set scheme a week: rows below", keyword, edit)]
    exercise = document.catalogue.lookup(first)
    natural = side_word(exercise) if exercise is not None and exercise.unilateral else None
    out = [_item(label, detail, keyword, edit, "0" if label == natural else "1")
           for label, detail, kind in MODIFIERS if kind not in present
           and (not rung or kind in LADDER_MODIFIERS)]
    if len(words) >= 3 and last.startswith("+") and words[-2] in ("progress", DOUBLE_KEYWORD):
        out.insert(0, _item(" ".join(IF_DONE_WORDS), "a step only where the training log "
                            "shows the line done", keyword, edit, "00"))
    return out


_OPEN_SESSION = re.compile(r"\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s+(\"[^\"]*)")
_RANGE = re.compile(r"([0-9]+)x[0-9]+-([0-9]+)")


def _ladder_header_items(words: list[str], present: set[type],
                         edit: types.Range) -> list[types.CompletionItem]:
    """`ladder 3x5-8 each_leg graduate 3x8:`: after the prescription, its modifiers and
    `graduate`; after `graduate`, the top of the ladder's range."""
    keyword = types.CompletionItemKind.Keyword
    if len(words) < 2:
        return []  # the prescription comes next
    if GRADUATE_KEYWORD in words:
        top = _RANGE.fullmatch(words[1])
        if words[-1] != GRADUATE_KEYWORD or top is None:
            return []
        label = f"{top.group(1)}x{top.group(2)}"
        return [_item(label, "every set at the top of the range", types.CompletionItemKind.Value,
                      edit)]
    return [_item(GRADUATE_KEYWORD, "the target that moves to the next rung", keyword, edit,
                  "0")] + [_item(label, detail, keyword, edit)
                           for label, detail, kind in MODIFIERS
                           if kind in LADDER_MODIFIERS and kind not in present]


def _tree(document: Document, number: int) -> syntax.PlanFile | None:
    """The last tree that parsed; for a file that has not parsed since it was opened,
    the text without line `number` (0-based), the one being typed."""
    if document.tree is not None:
        return document.tree
    lines = list(document.lines)
    lines[number] = ""
    try:
        return parse("\n".join(lines), document.filename)
    except ParseError:
        return None


def _followed(document: Document, place: LogPlace, number: int) -> Followed | None:
    """The plan the log at line `number` (0-based) follows."""
    tree = _tree(document, number)
    return plan_followed(place.plan, tree, document.filename, document.catalogue)


def _session_items(document: Document, place: LogPlace,
                   edit: types.Range) -> list[types.CompletionItem]:
    """The sessions of the log's plan, quoted; those planned on the entry's weekday first."""
    followed = _followed(document, place, edit.start.line)
    if followed is None:
        return []
    line = document.lines[edit.start.line] if edit.start.line < len(document.lines) else ""
    date = next(iter(_words(line)), None)
    return [_item(f'"{name}"', f"on {days}" if days else "", types.CompletionItemKind.Class,
                  edit, "0" if on else "1")
            for name, days, on in session_names(followed.plan, date)]


def _log_completion(document: Document, place: LogPlace, words: list[str],
                    edit: types.Range) -> list[types.CompletionItem]:
    """Completion in a training log: an entry's header (`DATE "SESSION":` or
    `… skipped`) or a line of an entry (a done line, or a `note`)."""
    keyword = types.CompletionItemKind.Keyword
    last = words[-1] if words else ""
    if last == "@":
        return [_item(label, detail, types.CompletionItemKind.Value, edit)
                for label, detail in AFTER["@"]]
    if not place.in_entry:
        if not words:
            today = datetime.date.today().isoformat()
            return [_item(today, "today", types.CompletionItemKind.Value, edit)]
        if len(words) == 1 and words[0][:1].isdigit():
            return _session_items(document, place, edit)
        if len(words) == 2:
            return [_item(SKIPPED_WORD, "the session was not done", keyword, edit)]
        return [_item("note", 'why: note "…"', keyword, edit)] if last == SKIPPED_WORD else []
    if not words:
        followed = _followed(document, place, edit.start.line)
        planned = [] if followed is None else session_exercises(
            followed.plan, place.session or "", followed.catalogue)
        ours = [_item(name, f'in "{place.session}"', types.CompletionItemKind.Function, edit,
                      "0" + str(index).zfill(3)) for index, name in enumerate(planned)]
        catalogue = followed.catalogue if followed is not None else document.catalogue
        others = [i for i in _exercise_items(catalogue, edit) if i.label not in planned]
        return ours + others + [_item("note", "a note on the session", keyword, edit, "2")]
    if words[0] == "note" or last == "note" or last.endswith(","):
        return []
    if len(words) == 1:
        skipped = _item(SKIPPED_WORD, "not done: a miss", keyword, edit)
        followed = _followed(document, place, edit.start.line)
        tree = _tree(document, edit.start.line)
        log_ = next((g for g in tree.logs if g.plan == place.plan), None) \
            if tree is not None else None
        as_planned = planned_values(followed, log_, place.date or "", place.session or "",
                                    words[0]) if followed is not None and log_ is not None \
            else None
        if as_planned is None:
            return [skipped]
        label, detail = as_planned
        return [_item(label, detail, types.CompletionItemKind.Value, edit, "0"), skipped]
    if words[1] == SKIPPED_WORD:
        return [] if "note" in words else [_item("note", 'why: note "…"', keyword, edit)]
    present = {WRITTEN[w] for w in words[2:] if w in WRITTEN and w != "@"}
    return [_item(label, detail, keyword, edit) for label, detail, kind in DONE_MODIFIERS
            if kind not in present]


# --- symbols and definitions ---------------------------------------------------------------


def symbols(tree: syntax.PlanFile, at: Positions) -> list[types.DocumentSymbol]:
    def symbol(name: str, kind: types.SymbolKind, node: syntax.Session | syntax.Week
               | syntax.Plan | syntax.ExerciseDef | syntax.Log | syntax.Entry,
               detail: str | None = None,
               children: Iterable[types.DocumentSymbol] = ()) -> types.DocumentSymbol:
        return types.DocumentSymbol(name=name, kind=kind, range=at.range(node.extent),
                                    selection_range=at.range(node.span), detail=detail,
                                    children=list(children))

    def session(s: syntax.Session) -> types.DocumentSymbol:
        days = ", ".join(d.name for d in s.days) or None
        return symbol(s.name or "session", types.SymbolKind.Function, s, days)

    out = []
    for plan in tree.plans:
        children: list[types.DocumentSymbol] = []
        parts: list[syntax.Session | syntax.Week] = [*plan.sessions, *plan.weeks]
        for child in sorted(parts, key=lambda n: n.span.line):
            if isinstance(child, syntax.Session):
                children.append(session(child))
            else:
                weeks = (f"week {child.first}" if child.first == child.last
                         else f"weeks {child.first}-{child.last}")
                children.append(symbol(weeks, types.SymbolKind.Namespace, child,
                                       "deload" if child.deload else None,
                                       [session(s) for s in child.sessions]))
        out.append(symbol(plan.name or "plan", types.SymbolKind.Module, plan,
                          f"{plan.week_count} weeks", children))
    for definition in tree.exercises:
        out.append(symbol(definition.name, types.SymbolKind.Class, definition, "exercise"))
    for log_ in tree.logs:
        entries = [symbol(f"{e.date} {e.session}", types.SymbolKind.Event, e,
                          SKIPPED_WORD if e.skipped else None) for e in log_.entries]
        out.append(symbol(f"log {log_.plan}", types.SymbolKind.Module, log_,
                          f"{len(entries)} entries", entries))
    return sorted(out, key=lambda s: (s.range.start.line, s.range.start.character))


def definitions(document: Document, word: str) -> list[syntax.ExerciseDef]:
    """The file's `exercise` blocks that define or extend the exercise `word` names."""
    if document.tree is None:
        return []
    target = document.catalogue.lookup(word)
    if target is None:
        return []
    return [d for d in document.tree.exercises
            if (found := document.catalogue.lookup(d.name)) is not None
            and found.name == target.name]


# --- code actions ------------------------------------------------------------------------


def quick_fixes(document: Document, uri: str, found: Sequence[types.Diagnostic],
                at: Positions | None = None) -> list[types.CodeAction]:
    """A code action for each fix the rules attached to these diagnostics (read from
    the diagnostic's `data`, or from the document's last check when a client drops
    it); the message text is never read."""
    out = []
    for diagnostic in found:
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        fixes = data.get("fixes")
        if not isinstance(fixes, list) and at is not None:
            fixes = [_fix_data(fix, at) for fix in _fixes_of(document, diagnostic, at)]
        for fix in fixes or ():
            try:
                start_line, start_character, end_line, end_character = fix["range"]
                edit = types.TextEdit(
                    types.Range(types.Position(start_line, start_character),
                                types.Position(end_line, end_character)), str(fix["text"]))
                out.append(_fix(str(fix["title"]), uri, diagnostic, edit))
            except (KeyError, TypeError, ValueError):
                continue  # not ours
    return out


def _fix_data(fix: Fix, at: Positions) -> dict[str, object]:
    """A fix as the diagnostic's `data` carries it: title, range in client positions, text."""
    edit = at.range(fix.span)
    return {"title": fix.title, "text": fix.replacement,
            "range": [edit.start.line, edit.start.character, edit.end.line,
                      edit.end.character]}


def _fixes_of(document: Document, diagnostic: types.Diagnostic, at: Positions) -> tuple[Fix, ...]:
    """The fixes of our diagnostic with this code and range in the last check."""
    for ours in document.found:
        if ours.code == diagnostic.code and at.range(ours.span) == diagnostic.range:
            return ours.fixes
    return ()


def _fix(title: str, uri: str, diagnostic: types.Diagnostic,
         edit: types.TextEdit) -> types.CodeAction:
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic], is_preferred=True,
                            edit=types.WorkspaceEdit(changes={uri: [edit]}))


# --- the server --------------------------------------------------------------------------


class _Answered:
    """Stands for a request already answered with an error: nothing more to do."""

    jsonrpc = None


class Protocol(LanguageServerProtocol):
    """pygls drops a request whose parameters do not decode (a negative line, a
    number past 2^31, a missing field) and the client waits for ever: answer it
    with the error instead."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "id" not in data or "method" not in data:
                raise  # a notification or a response: there is no one to answer
            self._send_response(data["id"], error=types.ResponseError(
                error.code, f"{data['method']}: {error.message}"))
            return _Answered()

    def handle_message(self, message: Any) -> None:
        if not isinstance(message, _Answered):
            super().handle_message(message)


class WorkoutlangServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("workoutlang", __version__, protocol_cls=Protocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.documents: dict[str, Document] = {}

    def positions(self, document: Document) -> Positions:
        return Positions(self.workspace.position_codec, document.lines)

    def open(self, uri: str) -> Document:
        """A fresh state for `uri`, its configuration read again."""
        filename = uris.to_fs_path(uri)
        config, problem = _config_for(filename)
        document = Document(uri, filename, config, config_problem=problem)
        self.documents[uri] = document
        return document

    def check(self, uri: str, text: str) -> list[types.Diagnostic]:
        """The diagnostics of `text` as the document `uri`. Never raises."""
        document = self.documents.get(uri) or self.open(uri)
        out = [notice(document.config_problem)] if document.config_problem else []
        size = _size(text)
        document.oversize = size > MAX_SOURCE_BYTES
        if document.oversize:  # the CLI's limit: a mistake, and minutes of parsing
            document.text, document.lines, document.tree, document.found = "", [], None, []
            document.scope = Scope()
            return [*out, notice(
                f"this document is {size / 2**20:.1f} MB; workoutlang checks files up to "
                f"{MAX_SOURCE_BYTES // 2**20} MB, so it was not checked")]
        try:
            with document.scope:
                found = analyse(document, text)
            at = self.positions(document)
            out += [to_lsp(d, uri, at) for d in found[:MAX_LSP_DIAGNOSTICS]]
            if len(found) > MAX_LSP_DIAGNOSTICS:  # an editor shows no more; sending costs
                out.append(notice(f"{len(found) - MAX_LSP_DIAGNOSTICS} more problems not "
                                  "shown: fix these first, or see them all with "
                                  "`workoutlang check`", types.DiagnosticSeverity.Information))
            return out
        except Exception as error:  # a bug must show, not leave the editor silent
            log.exception("checking %s failed", uri)
            return [*out, notice(f"workoutlang internal error: {type(error).__name__}: "
                                 f"{error}; please report it")]

    def refresh(self, uri: str, version: int | None) -> None:
        """Re-check the document and publish its diagnostics."""
        opened = self.workspace.text_documents.get(unquote(uri))  # pygls's key
        if opened is None:
            return  # a change to a document never opened: there is nothing to check
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=self.check(uri, opened.source)))

    def close(self, uri: str) -> None:
        """Forget the document: its text, tree and cache entries."""
        self.documents.pop(uri, None)

    def document(self, uri: str) -> Document | None:
        document = self.documents.get(uri)
        return None if document is None or document.oversize else document


def make_server() -> WorkoutlangServer:
    server = WorkoutlangServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: WorkoutlangServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.open(params.text_document.uri)
        ls.refresh(params.text_document.uri, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: WorkoutlangServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: WorkoutlangServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[" ", ":", ","]))
    def completion(ls: WorkoutlangServer,
                   params: types.CompletionParams) -> types.CompletionList | None:
        document = ls.document(params.text_document.uri)
        if document is None:
            return None
        items = complete(document, params.position, ls.positions(document))
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: WorkoutlangServer, params: types.HoverParams) -> types.Hover | None:
        document = ls.document(params.text_document.uri)
        if document is None or params.position.line >= len(document.lines):
            return None
        at = ls.positions(document)
        line = document.lines[params.position.line]
        found = _word_at(line, at.column(params.position))
        if found is None:
            return None
        word, start, end = found
        number = params.position.line + 1
        logged = log_hover(document, number, at.column(params.position) + 1)
        if logged is not None:
            text, span = logged
            return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text),
                               at.range(span))
        if _CODE.fullmatch(word) and word.upper() in CODES:
            text = code_markdown(word.upper())
        elif (exercise := document.catalogue.lookup(word)) is not None:
            text = exercise_markdown(exercise)
            weeks = weeks_markdown(document, number) if start == _indent(line) else None
            if weeks is not None:
                text += "\n\n" + weeks
        elif start == _indent(line) and word[:1].isdigit() and (
                weeks := weeks_markdown(document, number)) is not None:
            text = weeks  # a wave's row
        else:
            return None
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text),
                           types.Range(at.position(number, start + 1),
                                       at.position(number, end + 1)))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: WorkoutlangServer,
                   params: types.DefinitionParams) -> list[types.Location] | None:
        document = ls.document(params.text_document.uri)
        if document is None or params.position.line >= len(document.lines):
            return None
        at = ls.positions(document)
        found = _word_at(document.lines[params.position.line], at.column(params.position))
        if found is None:
            return None
        uri = params.text_document.uri
        return [types.Location(uri, at.range(d.name_span))
                for d in definitions(document, found[0])] or None

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: WorkoutlangServer, params: types.DocumentSymbolParams
                        ) -> list[types.DocumentSymbol] | None:
        document = ls.document(params.text_document.uri)
        if document is None or document.tree is None:
            return None
        return symbols(document.tree, ls.positions(document))

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: WorkoutlangServer,
                   params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        document = ls.document(params.text_document.uri)
        if document is None:
            return None
        text = document.text
        try:
            with document.scope:
                formatted = format_text(text, document.filename)
        except ParseError:
            return None  # the diagnostics already say why
        except WorkoutlangError as error:
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Error,
                                                           error.message))
            return None
        if formatted == text:
            return []
        lines = text.split("\n")
        end = Positions(ls.workspace.position_codec, lines).position(len(lines), len(lines[-1]) + 1)
        return [types.TextEdit(types.Range(types.Position(0, 0), end), formatted)]

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: WorkoutlangServer,
                    params: types.CodeActionParams) -> list[types.CodeAction] | None:
        document = ls.document(params.text_document.uri)
        if document is None:
            return None
        return quick_fixes(document, params.text_document.uri, params.context.diagnostics,
                           ls.positions(document))

    return server


def serve() -> None:
    """Run the language server on standard input and output."""
    make_server().start_io()
