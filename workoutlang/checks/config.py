"""Severity configuration: defaults, pyproject.toml, file comments, command line.

Later sources win: the code's default, then `[tool.workoutlang]` in the
nearest pyproject.toml, then `# wol: disable=…` comments in the file, then
`--disable`/`--enable` on the command line (passed in as the base config and
re-applied last by `merged_with`).
"""

from __future__ import annotations

import os
import re
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
    """The nearest pyproject.toml at or above the folder `start`."""
    folder = os.fspath(start)
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def from_pyproject(path: str | os.PathLike[str]) -> CheckConfig:
    """Read `[tool.workoutlang]`: strict, disable, enable, and a severity table."""
    import tomllib  # here: a run with no pyproject.toml need not pay ~6 ms for it

    try:
        with open(path, encoding="utf-8") as file:
            data = tomllib.loads(file.read())
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read [tool.workoutlang]: {error}") from None
    table = data.get("tool", {}).get("workoutlang", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.workoutlang] must be a table")
    where = f"{path} [tool.workoutlang]"
    severities: dict[str, Severity] = {}
    for key, value in table.get("severity", {}).items():
        (code,) = codes_from([key], where)
        try:
            severities[code] = Severity(str(value))
        except ValueError:
            raise ConfigError(f"{where}: severity of {key} must be error, warning or off") \
                from None
    return CheckConfig(
        strict=bool(table.get("strict", False)),
        disabled=codes_from(_words(table.get("disable", [])), where),
        enabled=codes_from(_words(table.get("enable", [])), where),
        severities=severities,
    )


def _words(value: object) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value or []]  # type: ignore[attr-defined]


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
