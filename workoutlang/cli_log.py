"""`workoutlang log import ACTIVITY.fit… [--plan PLAN] [--append LOG] [--timezone ZONE]`.

Every file is read and named first (logimport.py); any file that is not a strength
activity stops the run before anything is printed or written. The entries go to
standard output, or with --append into LOG in one rewrite (rewrite.py: the file
keeps its mode and links, and is left as it was on any failure).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from . import diagnostics
from .errors import ParseError, WorkoutlangError
from .files import read_bytes, read_source

if TYPE_CHECKING:
    import datetime

    from .logimport import Entry
    from .syntax import PlanFile

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_FIT_BYTES = 64 * 1024 * 1024  # a watch's activity is well under 1 MB
ZIP_MAGIC = b"PK\x03\x04"


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from .cli import _tab_offers, _time_zone

    commands = sub.add_subparsers(dest="log_command", metavar="LOG_COMMAND", required=True)
    help_text = "Read Garmin strength activities (FIT) and write them as log entries."
    imports = commands.add_parser("import", help=help_text, description=help_text)
    imports.add_argument("files", nargs="+", metavar="ACTIVITY.fit",
                         help="FIT activity files from the watch, or Garmin Connect's zip "
                              "of one")
    imports.add_argument("--plan", metavar="PLAN",
                         help="the plan followed: names the log and the sessions, settles "
                              "which exercise a set was, gives the units")
    imports.add_argument("--append", metavar="LOG",
                         help="add the entries to this log file (created if missing) "
                              "instead of printing them")
    _tab_offers(imports.add_argument("--timezone", type=_time_zone, metavar="ZONE",
                                     help="IANA zone the dates are in, e.g. Europe/Oslo "
                                          "(default: this computer's)"), "time_zones")


def run(args: argparse.Namespace) -> int:
    import zoneinfo

    from .catalogue import load_catalogue
    from .logimport import (
        build_entry,
        fit_index,
        planned_sessions,
        read_activities,
    )

    zone: datetime.tzinfo | None = zoneinfo.ZoneInfo(args.timezone) if args.timezone else None
    log_text, log_tree = _read_log(args.append) if args.append else (None, None)
    plan_tree = _read_plan(args.plan) if args.plan else _plan_in(log_tree)
    catalogue = load_catalogue()
    if plan_tree is not None:
        catalogue = catalogue.with_definitions(plan_tree.exercises)
    sessions = planned_sessions(plan_tree, catalogue) if plan_tree else ()
    index = fit_index(catalogue)
    activities = [activity for name in args.files for label, data in _fit_files(name)
                  for activity in read_activities(data, label)]
    entries = sorted((build_entry(a, sessions, catalogue, index, zone) for a in activities),
                     key=lambda e: e.start)
    entries = _once(entries)
    for entry in entries:
        _explain(entry)
    if args.append:
        return _append(args.append, log_text, log_tree, entries)
    from .logimport import log_text as render

    sys.stdout.write(render(entries))
    return EXIT_OK


def _once(entries: list[Entry]) -> list[Entry]:
    """One entry a plan, date and session: a later activity of the same day and
    session is left out, with a warning (the log would report it as WOL204)."""
    seen: set[tuple[str, str, str]] = set()
    kept: list[Entry] = []
    for entry in entries:
        key = (entry.plan, entry.date, entry.session)
        if key in seen:
            _warn(f"{entry.file}: {entry.date} \"{entry.session}\" is already imported from "
                  "an earlier activity; not added again")
            continue
        seen.add(key)
        kept.append(entry)
    return kept


def _append(name: str, text: str | None, tree: PlanFile | None, entries: list[Entry]) -> int:
    from . import rewrite
    from .logappend import append_entries
    from .stopping import Interrupted

    result = append_entries(text or "", tree, entries)
    for entry in result.already:
        _warn(f"{name}: {entry.date} \"{entry.session}\" is already in the log; "
              "not added again")
    if not result.added:
        print(f"{name}: nothing to add", file=sys.stderr)
        return EXIT_OK
    data = result.text.encode("utf-8")
    try:
        if text is None:
            from pathlib import Path

            from .files import write_atomic

            write_atomic(Path(name), data)
        else:
            original, _ = rewrite.read(name)
            if original.data != text.encode("utf-8"):
                raise WorkoutlangError(f"{name} changed while the activities were read; "
                                       "nothing appended: run the import again")
            if not os.access(original.target, os.W_OK):
                raise WorkoutlangError(f"{name} is read-only; nothing appended")
            rewrite.rewrite_all([(original, data)], force=False)
    except Interrupted as stop:
        print(f"workoutlang: interrupted by {stop.name}: {name} was left as it was",
              file=sys.stderr)
        return 128 + stop.signum
    count = len(result.added)
    print(f"{name}: added {count} entr{'y' if count == 1 else 'ies'}", file=sys.stderr)
    return EXIT_OK


def _explain(entry: Entry) -> None:
    """Say on stderr what the athlete should finish by hand."""
    if entry.unplanned:
        _warn(f"{entry.file}: {entry.date}: no session of \"{entry.plan}\" has these "
              f"exercises or falls on that day; the entry is named \"{entry.session}\"")
    if entry.unnamed:
        sets = f"{entry.unnamed} set{'s' * (entry.unnamed != 1)}"
        _warn(f"{entry.file}: {entry.date}: {sets} could not be named: they are kept as "
              "`# unmapped:` comments to rewrite (docs/log-import.md)")


def _warn(message: str) -> None:
    print(f"workoutlang: warning: {message}", file=sys.stderr)


def _read_plan(name: str) -> PlanFile:
    tree = _parsed(name, read_source(name), "the plan")
    if not tree.plans:
        raise WorkoutlangError(f"{name}: holds no plan; give the plan file with --plan")
    return tree


def _plan_in(log_tree: PlanFile | None) -> PlanFile | None:
    """Without --plan, the plan of a log file that holds exactly one."""
    return log_tree if log_tree is not None and len(log_tree.plans) == 1 else None


def _read_log(name: str) -> tuple[str | None, PlanFile | None]:
    """LOG's text and parse; (None, None) when it does not exist yet."""
    if not os.path.lexists(name):
        return None, None
    text = read_source(name)
    if not any(line.strip() and not line.lstrip().startswith("#")
               for line in text.splitlines()):
        return text, None  # empty, or comments only: nothing to parse
    return text, _parsed(name, text, "the log")


def _parsed(name: str, text: str, what: str) -> PlanFile:
    from .parser import parse

    try:
        return parse(text, name)
    except ParseError as error:
        for found in error.diagnostics:
            print(diagnostics.render_text(found, text), file=sys.stderr)
        raise WorkoutlangError(f"{name}: cannot read {what}: fix its syntax errors first; "
                               "nothing was imported") from None


def _fit_files(name: str) -> list[tuple[str, bytes]]:
    """The FIT files `name` holds: itself, or the `.fit` files of a zip archive (Garmin
    Connect's "Export Original" gives one), each called `ARCHIVE:MEMBER`."""
    data = _read_fit(name)
    if not data.startswith(ZIP_MAGIC):
        return [(name, data)]
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist()
                       if not m.is_dir() and m.filename.lower().endswith(".fit")]
            if not members:
                raise WorkoutlangError(f"{name}: not a strength activity: a zip archive "
                                       "with no .fit file in it")
            found = []
            for member in members:
                label = f"{name}:{member.filename}"
                with archive.open(member) as handle:  # its stated size may lie: read a cap
                    member_data = handle.read(MAX_FIT_BYTES + 1)
                if len(member_data) > MAX_FIT_BYTES:
                    raise WorkoutlangError(f"{label}: not a strength activity: larger than "
                                           f"{MAX_FIT_BYTES // (1024 * 1024)} MB")
                found.append((label, member_data))
            return found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError,
            EOFError) as error:
        raise WorkoutlangError(f"{name}: not a strength activity: a damaged zip archive "
                               f"({error})") from None


def _read_fit(name: str) -> bytes:
    """The bytes of a FIT file; only a regular file is read (a FIFO cannot hang the run)."""
    return read_bytes(name, MAX_FIT_BYTES, "give a FIT activity file",
                      "not a strength activity: ")
