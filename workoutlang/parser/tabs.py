"""Tab indentation: how wide a tab is, when the file says so.

A tab's width is in the eye of the editor, so a file indented with tabs is a
syntax error (one WOL001 a file). Its meaning is still clear when every width
a tab may have (2, 4 or 8 columns, to the next tab stop) gives the lines the
same depths: a file indented with tabs alone, one tab a level, always does.
Where the widths disagree (tabs mixed with spaces), the one width under which
the file has the fewest syntax errors (none, when it is otherwise right) is its
meaning; when two widths tie, the tab width is ambiguous and nothing is
converted (`parser.untab` gives None).

`width` is the tab width the indenter and the chunker use while a file is
parsed: 1 (a tab is one column) unless the parser found a clear width.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable

# the tab widths an editor may have shown the file with
WIDTHS = (2, 4, 8)

width: contextvars.ContextVar[int] = contextvars.ContextVar("tab_width", default=1)

# a tab in the indentation of a line that holds something (a blank line's tabs are harmless)
_TAB_INDENT = re.compile(r"^ *\t[ \t]*(?=[^ \t\r\n])", re.M)
_LEADING = re.compile(r"[ \t]*")


def tab_lines(text: str) -> list[int]:
    """The numbers (1-based) of the lines whose indentation holds a tab."""
    found = []
    line, previous = 1, 0
    for match in _TAB_INDENT.finditer(text):
        line += text.count("\n", previous, match.start())
        previous = match.start()
        found.append(line)
    return found


def indent_of(line: str, tab: int) -> int:
    """The column width of `line`'s indentation, a tab reaching the next multiple of `tab`."""
    leading = _LEADING.match(line)
    white = leading.group(0) if leading else ""
    return len(white.expandtabs(tab)) if "\t" in white else len(white)


def _depths(lines: list[str], tab: int) -> tuple[int, ...] | None:
    """The depth of each line of code with tabs `tab` wide; None when a line dedents
    to a width no enclosing line has (the indentation is not consistent)."""
    levels = [0]
    depths = []
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = indent_of(line, tab)
        if indent > levels[-1]:
            levels.append(indent)
        while indent < levels[-1]:
            levels.pop()
        if indent != levels[-1]:
            return None
        depths.append(len(levels) - 1)
    return tuple(depths)


def clear_width(text: str, errors: Callable[[int], int]) -> int | None:
    """The tab width that gives `text` its meaning, or None when it is ambiguous:
    of the widths that give consistent depths, the one when they all give the same
    depths, else the one under which `text` has fewer syntax errors (`errors(width)`)
    than under every other."""
    lines = text.split("\n")
    readings: dict[tuple[int, ...], int] = {}
    for tab in WIDTHS:
        depths = _depths(lines, tab)
        if depths is not None:
            readings.setdefault(depths, tab)
    if len(readings) <= 1:
        return next(iter(readings.values()), None)
    counted = sorted((errors(tab), tab) for tab in readings.values())
    return counted[0][1] if counted[0][0] < counted[1][0] else None


def expand(text: str, tab: int) -> str:
    """`text` with the tabs of its indentation turned into spaces, `tab` wide."""
    return _TAB_INDENT.sub(lambda match: match.group(0).expandtabs(tab), text)
