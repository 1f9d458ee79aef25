"""Severity configuration: defaults, pyproject.toml, file comments, command line.

Later sources win: the code's default, then `[tool.workoutlang]` in the
nearest pyproject.toml, then `# wol: disable=…` comments in the file, then
`--disable`/`--enable` on the command line (passed in as the base config and
re-applied last by `merged_with`).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Mapping

import attrs

from .. import syntax
from ..diagnostics import CODES, Severity, resolve_code
from ..errors import WorkoutlangError


@attrs.frozen
class CheckConfig:
    # warnings fail the run (exit 1, compile refuses)
    strict: bool = False
    # codes turned off / back on; the command line's --enable wins over any disable
    disabled: frozenset[str] = frozenset()
    enabled: frozenset[str] = frozenset()
    # per-code severity overrides, e.g. from [tool.workoutlang.severity]
    severities: Mapping[str, Severity] = attrs.field(factory=dict)
    # line number → codes disabled on that line only (trailing `# wol: disable=` comments)
    line_disabled: Mapping[int, frozenset[str]] = attrs.field(factory=dict)
    # the targets the run compiles to (empty: a plain check); rules that only matter
    # for some targets read them (WOL010's %1rm warning: fit and garmin-connect)
    targets: frozenset[str] = frozenset()
    # plans from other files that the file's training logs may follow (`check LOG
    # --plan PLAN`): WOL201-WOL204 match a log's entries against the plan it names
    plans_for_logs: tuple[syntax.PlanFile, ...] = ()

    def severity_of(self, code: str, default: Severity) -> Severity:
        if code in self.enabled:
            severity = self.severities.get(code, default)
            return default if severity is Severity.OFF else severity
        if code in self.disabled:
            return Severity.OFF
        return self.severities.get(code, default)

    def merged_with(self, file_config: CheckConfig) -> CheckConfig:
        """This config (the command line's) applied over the file's directives."""
        return CheckConfig(
            strict=self.strict or file_config.strict,
            disabled=(self.disabled | file_config.disabled) - self.enabled,
            enabled=self.enabled,
            severities={**file_config.severities, **self.severities},
            line_disabled=file_config.line_disabled,
            targets=self.targets | file_config.targets,
            plans_for_logs=self.plans_for_logs + file_config.plans_for_logs,
        )


class ConfigError(WorkoutlangError):
    """A bad [tool.workoutlang] table or an unknown code on the command line."""


def codes_from(words: Iterable[str], where: str) -> frozenset[str]:
    """Resolve codes or names (`WOL106`, `session-frequency`); raise on unknown ones."""
    out = set()
    for word in words:
        for part in word.split(","):
            if not part.strip():
                continue
            code = resolve_code(part)
            if code is None:
                raise ConfigError(f"{where}: unknown check code {part.strip()!r} "
                                  f"(codes are {', '.join(CODES)})")
            out.add(code)
    return frozenset(out)


def find_pyproject(start: str | os.PathLike[str]) -> str | None:
    """The nearest pyproject.toml at or above the folder `start`. Only regular files
    count: a folder or a FIFO of that name is passed over like a missing file, and
    so is a file another user could have planted (see `_trusted`)."""
    folder = os.fspath(start)
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if _trusted(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _trusted(path: str) -> bool:
    """Whether `path` is a regular file that only the user (or root) can have written:
    owned by the user or by root, and not writable by others. A pyproject.toml in a
    shared folder such as /tmp could otherwise turn every check off for whoever
    checks a plan below it."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    return (stat.S_ISREG(status.st_mode) and status.st_uid in (os.geteuid(), 0)
            and not status.st_mode & stat.S_IWOTH)


# the keys of [tool.workoutlang]; any other is a mistake worth a word
KEYS = ("strict", "disable", "enable", "severity")


def from_pyproject(path: str | os.PathLike[str]) -> CheckConfig:
    """Read `[tool.workoutlang]`: strict, disable, enable, and a severity table.
    Raise ConfigError, naming the file and the key, for anything else in it."""
    data = _read_toml(os.fspath(path))
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: tool must be a table, not {_described(tool)}")
    table = tool.get("workoutlang", {})
    where = f"{path}: [tool.workoutlang]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table, not {_described(table)}")
    for key in table:
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"did you mean {close[0]}?" if close else f"the keys are {', '.join(KEYS)}"
            raise ConfigError(f"{where}: unknown key {key!r}; {hint}")
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{where} strict must be true or false, not {_described(strict)}")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where} severity must be a table of codes, e.g. "
                          f"[tool.workoutlang.severity] WOL105 = \"error\", "
                          f"not {_described(severity)}")
    severities: dict[str, Severity] = {}
    for key, value in severity.items():
        code = resolve_code(key)
        if code is None:
            raise ConfigError(f"{path}: [tool.workoutlang.severity]: unknown check code "
                              f"{key!r} (codes are {', '.join(CODES)})")
        if value not in ("error", "warning", "off"):
            raise ConfigError(f"{path}: [tool.workoutlang.severity] {key} must be "
                              f"\"error\", \"warning\" or \"off\", not {_described(value)}")
        severities[code] = Severity(value)
    return CheckConfig(
        strict=strict,
        disabled=codes_from(_code_list(table, "disable", where), where + " disable"),
        enabled=codes_from(_code_list(table, "enable", where), where + " enable"),
        severities=severities,
    )


def _read_toml(path: str) -> dict[str, object]:
    import tomllib  # here: a run with no pyproject.toml need not pay ~6 ms for it

    from ..files import SourceError, read_source

    try:  # read_source: a regular file only (never waits on a FIFO), bounded, UTF-8
        text = read_source(os.path.join(".", path) if path == "-" else path)
    except SourceError as error:
        raise ConfigError(error.message) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib ends its message with "(at line L, column C)": lead with it instead
        message = str(error)
        at = re.search(r" \(at line (\d+), column (\d+)\)$", message)
        if at:
            path = f"{path}:{at[1]}:{at[2]}"
            message = message[: at.start()]
        raise ConfigError(f"{path}: not valid TOML: {message}") from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        raise ConfigError(f"{path}: not usable: arrays or tables nested too deeply") from None


def _code_list(table: dict[str, object], key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} {key} must be a list of codes or names, e.g. "
                          f"{key} = [\"WOL106\"], not {_described(value)}")
    return value


def _described(value: object) -> str:
    """A TOML value as a person reads it: `the string "false"`, `the integer 5`."""
    if isinstance(value, str):
        return f'the string "{value if len(value) <= 40 else value[:40] + "…"}"'
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return "a list"
        wrong = next(v for v in value if not isinstance(v, str))
        return f"a list holding {_described(wrong)}"
    return f"the {type(value).__name__} {value}"  # dates and times


_DIRECTIVE = re.compile(r"#\s*wol:\s*disable\s*=\s*([A-Za-z0-9_,\- ]+)")


def file_directives(tree: syntax.PlanFile) -> CheckConfig:
    """`# wol: disable=WOL106` on its own line turns a code off for the file;
    at the end of a line, for that line only. Unknown codes are ignored here."""
    disabled: set[str] = set()
    per_line: dict[int, frozenset[str]] = {}
    for comment in tree.comments:
        match = _DIRECTIVE.search(comment.text)
        if not match:
            continue
        codes = {c for c in (resolve_code(w) for w in re.split(r"[,\s]+", match.group(1)) if w)
                 if c}
        if comment.own_line:
            disabled |= codes
        else:
            per_line[comment.span.line] = frozenset(codes)
    return CheckConfig(disabled=frozenset(disabled), line_disabled=per_line)
