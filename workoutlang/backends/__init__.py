"""Targets by name; each backend module is imported only when it is used.

Every backend module exposes `emit(program, options) -> bytes | dict[str, bytes]`:
bytes for a single-file target, or file name → bytes for a folder of files.
"""

from __future__ import annotations

import difflib
import importlib
from typing import Protocol

import attrs

from ..errors import WorkoutlangError
from ..expand import Program

# target name → (module, file extension or None for a folder of files)
TARGETS: dict[str, tuple[str, str | None]] = {
    "json": ("workoutlang.backends.json", ".json"),
    "html": ("workoutlang.backends.html", ".html"),
    "pdf": ("workoutlang.backends.pdf", ".pdf"),
    "fit": ("workoutlang.backends.fit", None),
    "garmin-connect": ("workoutlang.backends.garmin_connect", None),
    "ics": ("workoutlang.backends.ics", ".ics"),
}


@attrs.frozen
class EmitOptions:
    paper: str = "a4"  # pdf/html page size: "a4" or "letter"
    event_time: str = "07:00"  # ics: local start time of each session
    event_minutes: int = 45  # ics: length of each session
    timezone: str | None = None  # ics: IANA zone for event times; None = floating time


class Backend(Protocol):
    def emit(self, program: Program, options: EmitOptions) -> bytes | dict[str, bytes]: ...


class UnknownTarget(WorkoutlangError):
    pass


def load(target: str) -> Backend:
    """The backend module for `target`, imported now; did-you-mean on a typo."""
    if target not in TARGETS:
        close = difflib.get_close_matches(target, TARGETS, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise UnknownTarget(
            f"unknown target {target!r}{hint}; targets are {', '.join(TARGETS)}"
        )
    module: Backend = importlib.import_module(TARGETS[target][0])
    return module


def emit(program: Program, target: str,
         options: EmitOptions | None = None) -> bytes | dict[str, bytes]:
    return load(target).emit(program, options or EmitOptions())
