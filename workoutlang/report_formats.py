"""Diagnostics for CI: GitHub Actions workflow commands and SARIF 2.1.0.

`check --format github` prints one workflow command a diagnostic, which GitHub
shows as an annotation on the line; `--format sarif` prints one SARIF log, which
code scanning (github/codeql-action/upload-sarif) and other tools read. Both are
made from the same Diagnostic objects as the text and JSON faces.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from . import __version__
from .diagnostics import RULES, Diagnostic, Fix, Rule, Severity
from .syntax import Span

# the schema that the log names and the tests validate it against
# (tests/data/sarif/, from the OASIS SARIF TC's repository)
SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
# a file name that is no file: nothing to point a location at
NOT_A_FILE = (None, "<stdin>", "<input>")
# SARIF's names for our severities (`none`: a rule that is off by default)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.OFF: "none"}


def render(form: str, found: Sequence[Diagnostic], problems: Sequence[str]) -> str:
    """`found` as `form` (github or sarif), each line ended; `problems` are the files
    that could not be read, which a CI log should show too. Nothing found is no line in
    github's form, and a log with no results in SARIF's."""
    if form == "github":
        return "".join(f"{line}\n" for line in github(found, problems))
    if form == "sarif":
        import json

        return json.dumps(sarif(found, problems), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"no report format {form!r}")


# --- GitHub Actions workflow commands ----------------------------------------------------
# The escapes are those of @actions/core (actions/toolkit, packages/core/src/command.ts,
# escapeData and escapeProperty): the runner reads `%`, CR and LF in the message, and
# also `:` and `,` in a property, as the command's own syntax.


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(found: Iterable[Diagnostic], problems: Iterable[str] = ()) -> list[str]:
    """One `::error file=F,line=L,col=C,title=WOL006 missing-side::message` a
    diagnostic (`::warning` for warnings; the hint on the message's next line)."""
    lines = []
    for d in found:
        if d.severity is Severity.OFF:
            continue
        properties = {"line": str(d.span.line), "col": str(d.span.column),
                      "title": f"{d.code} {d.name}"}
        if d.span.file not in NOT_A_FILE:
            properties = {"file": str(d.span.file), **properties}
        message = d.message if d.hint is None else f"{d.message}\nhelp: {d.hint}"
        listed = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
        lines.append(f"::{d.severity.value} {listed}::{_escape_data(message)}")
    lines += [f"::error title=workoutlang::{_escape_data(problem)}" for problem in problems]
    return lines


# --- SARIF 2.1.0 -------------------------------------------------------------------------


def sarif(found: Iterable[Diagnostic], problems: Iterable[str] = ()) -> dict[str, Any]:
    """One run of the tool `workoutlang`: every registered rule (described from its
    check's docstring, as `workoutlang explain` prints it), then one result a
    diagnostic. Files that could not be read are the invocation's notifications."""
    problems = list(problems)
    index = {rule.code: number for number, rule in enumerate(RULES)}
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "workoutlang", "version": __version__,
                            "rules": [_rule(rule) for rule in RULES]}},
        # our columns count characters (code points), not UTF-16 units, SARIF's default
        "columnKind": "unicodeCodePoints",
        "invocations": [{
            "executionSuccessful": not problems,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": problem}} for problem in problems],
        }],
        "results": [_result(d, index[d.code]) for d in found if d.severity is not Severity.OFF],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule(rule: Rule) -> dict[str, Any]:
    from .rule_pages import page

    described = page(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.partition("\n")[0]},
        "help": {"text": described, "markdown": described},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _result(d: Diagnostic, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message if d.hint is None else f"{d.message}\nhelp: {d.hint}"},
        "locations": [{"physicalLocation": _physical(d.span)}],
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": number, "physicalLocation": _physical(span), "message": {"text": message}}
            for number, (span, message) in enumerate(d.related)]
    if d.fixes:
        result["fixes"] = [_fix(fix) for fix in d.fixes]
    return result


def _physical(span: Span) -> dict[str, Any]:
    found: dict[str, Any] = {"artifactLocation": _artifact(span.file)}
    if span.line >= 1 and span.column >= 1:
        found["region"] = _region(span)
    return found


def _artifact(file: str | None) -> dict[str, Any]:
    """A relative path stays relative (code scanning resolves it against the
    repository's root); an absolute one becomes a file: URI; standard input has none."""
    if file in NOT_A_FILE:
        return {"description": {"text": "standard input"}}
    path = PurePath(str(file))
    uri = path.as_uri() if path.is_absolute() else quote(path.as_posix())
    return {"uri": uri}


def _region(span: Span) -> dict[str, Any]:
    # both ends 1-based, the end exclusive, as SARIF's region counts them
    end_line = max(span.end_line, span.line)
    end_column = span.end_column if end_line > span.line else max(span.end_column, span.column)
    return {"startLine": span.line, "startColumn": span.column,
            "endLine": end_line, "endColumn": max(end_column, 1)}


def _fix(fix: Fix) -> dict[str, Any]:
    return {"description": {"text": fix.title},
            "artifactChanges": [{
                "artifactLocation": _artifact(fix.span.file),
                "replacements": [{"deletedRegion": _region(fix.span),
                                  "insertedContent": {"text": fix.replacement}}],
            }]}
