"""Adding imported entries to a log file's text (`workoutlang log import --append`).

The file is parsed first (a file with syntax errors is not touched); the new
entries go at the end of the last `log "PLAN":` block of their plan, after its
last indented line (so after any comments that end its last entry), or in a new
block at the end of the file. An entry whose date and session the log already
has is left out. Pure: text in, text out; cli_log.py writes it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from .logimport import Entry, entry_lines
from .syntax import PlanFile

_LOG_HEADER = re.compile(r'log[ \t]+"[^"\n]*"[ \t]*:')


@attrs.frozen
class Appended:
    """The new text, and the entries left out because the log had them."""

    text: str
    added: tuple[Entry, ...]
    already: tuple[Entry, ...]


def append_entries(text: str, tree: PlanFile | None, entries: Sequence[Entry]) -> Appended:
    """`text` (whose parse is `tree`; None for an empty file) with `entries` added."""
    logged = {(log.plan, entry.date, entry.session)
              for log in (tree.logs if tree else ()) for entry in log.entries}
    added: list[Entry] = []
    already: list[Entry] = []
    for entry in entries:
        key = (entry.plan, entry.date, entry.session)
        (already if key in logged else added).append(entry)
        logged.add(key)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = _lines(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    plans = list(dict.fromkeys(entry.plan for entry in added))
    for plan in plans:
        new = [line + newline for entry in added if entry.plan == plan
               for line in entry_lines(entry)]
        headers = [log.span.line for log in (tree.logs if tree else ()) if log.plan == plan]
        if headers:
            at = _block_end(lines, headers[-1] - 1)
            lines[at:at] = new
        else:
            if any(line.strip() for line in lines):
                lines.append(newline)
            lines.append(f'log "{plan}":{newline}')
            lines.extend(new)
    return Appended("".join(lines), tuple(added), tuple(already))


def _lines(text: str) -> list[str]:
    """The lines as the parser numbers them: split at \\n only (str.splitlines also
    splits at characters a comment may hold, such as U+2028)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _block_end(lines: list[str], header: int) -> int:
    """The index just after the last indented line of the block whose header is at
    `header`: the block runs to the next line at column 1 that is neither blank nor a
    comment."""
    assert _LOG_HEADER.match(lines[header]), lines[header]
    end = header + 1
    for index in range(header + 1, len(lines)):
        line = lines[index]
        stripped = line.strip()
        if not stripped:
            continue
        if not line[0].isspace():
            if stripped.startswith("#"):
                continue
            break
        end = index + 1
    return end
