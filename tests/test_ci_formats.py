"""`check --format github` (Actions workflow commands) and `--format sarif` (SARIF 2.1.0,
validated against the OASIS schema in tests/data/sarif/)."""

from __future__ import annotations

import io
import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from workoutlang import cli
from workoutlang.diagnostics import CODES, Diagnostic, Fix, Severity, make
from workoutlang.report_formats import SARIF_SCHEMA, github, sarif
from workoutlang.rule_pages import page
from workoutlang.syntax import Span

ROOT = Path(__file__).parent.parent
# relative to ROOT, where the tests run, as a CI job names the files it checks
DATA = Path("tests", "data")
CHECKS = DATA / "checks"
SCHEMA = ROOT / DATA / "sarif" / "sarif-schema-2.1.0.json"
# errors and warnings, related locations, fixes, a syntax error, a clean file
PLANS = [CHECKS / "WOL004_duplicate_modifier.wol", CHECKS / "WOL006_missing_side.wol",
         CHECKS / "WOL107_mobility_balance_coverage.wol", CHECKS / "clean.wol",
         *sorted(p.relative_to(ROOT)
                 for p in (ROOT / DATA / "parse" / "invalid").glob("*.wol"))[:2]]
# ::error file=F,line=L,col=C,title=T::message — GitHub's workflow command for annotations
COMMAND = re.compile(r"^::(error|warning) ((?:[a-zA-Z]+=[^,:]*,?)+)::(.*)$")


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.TextIOWrapper(io.BytesIO(stdin.encode())), out, err
    try:
        code = cli.main(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


def as_json(*files: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(run("check", "--format", "json",
                                                 *map(str, files))[1])
    return found


@cache
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def at(file: str | None, line: int = 3, column: int = 5) -> Span:
    return Span(file, line, column, line, column + 4)


# --- github ------------------------------------------------------------------------------


def test_github_prints_one_command_a_diagnostic_matching_the_json_face() -> None:
    code, out, _ = run("check", "--format", "github", *map(str, PLANS))
    assert code == 1
    expected = as_json(*PLANS)
    lines = out.splitlines()
    assert len(lines) == len(expected) and expected
    for line, d in zip(lines, expected, strict=True):
        match = COMMAND.match(line)
        assert match, line
        level, listed, message = match.groups()
        properties = dict(item.split("=", 1) for item in listed.split(","))
        assert level == d["severity"]
        assert properties == {"file": d["file"], "line": str(d["line"]),
                              "col": str(d["column"]), "title": f"{d['code']} {d['name']}"}
        said = d["message"] if d["hint"] is None else f"{d['message']}\nhelp: {d['hint']}"
        assert message == said.replace("%", "%25").replace("\n", "%0A")


def test_github_warnings_are_warning_commands_and_exit_0() -> None:
    plan = CHECKS / "WOL107_mobility_balance_coverage.wol"
    code, out, _ = run("check", "--format", "github", "--disable", "WOL101,WOL102,WOL006",
                       str(plan))
    assert {line.split(" ", 1)[0] for line in out.splitlines()} == {"::warning"}
    assert "title=WOL107 mobility-balance-coverage" in out and code == 0


def test_github_prints_nothing_for_a_clean_file() -> None:
    assert run("check", "--format", "github", str(CHECKS / "clean.wol")) == (0, "", "")


def test_github_escapes_data_and_properties_as_the_runner_reads_them() -> None:
    d = make("WOL003", at("plans/a:b,c%.wol"), "100% of\r\nmax: too much, really")
    (line,) = github([d])
    assert line == ("::error file=plans/a%3Ab%2Cc%25.wol,line=3,col=5,"
                    "title=WOL003 bad-value::100%25 of%0D%0Amax: too much, really")


def test_github_names_no_file_for_standard_input_and_reports_unreadable_files() -> None:
    code, out, err = run("check", "--format", "github", "-", "no-such-plan.wol",
                         stdin='plan "p" weeks 1:\n  session "a" on mon:\n    step_up 3x8\n')
    assert code == 2
    lines = out.splitlines()
    assert any(line.startswith("::error line=3,col=5,title=WOL006 missing-side::")
               for line in lines)
    assert lines[-1].startswith("::error title=workoutlang::") and "no-such-plan.wol" in lines[-1]
    assert "no-such-plan.wol" in err  # still said where a person reads it


# --- sarif -------------------------------------------------------------------------------


def test_the_stored_schema_is_sarif_2_1_0() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"] == SARIF_SCHEMA
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_sarif_validates_and_holds_every_diagnostic_of_the_json_face() -> None:
    code, out, _ = run("check", "--format", "sarif", *map(str, PLANS))
    assert code == 1
    log = json.loads(out)
    validator().validate(log)
    (only,) = log["runs"]
    assert only["invocations"] == [{"executionSuccessful": True,
                                    "toolExecutionNotifications": []}]
    rules = only["tool"]["driver"]["rules"]
    got = [(r["ruleId"], rules[r["ruleIndex"]]["id"], r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["message"]["text"].split("\nhelp: ")[0]) for r in only["results"]]
    assert got == [(d["code"], d["code"], d["severity"], d["file"], d["line"], d["column"],
                    d["message"]) for d in as_json(*PLANS)]
    assert {"WOL001", "WOL004", "WOL006", "WOL107"} <= {r["ruleId"] for r in only["results"]}
    # WOL004's first modifier is a related location; WOL006 carries its quick fix
    assert any(r.get("relatedLocations") for r in only["results"] if r["ruleId"] == "WOL004")
    assert any(r.get("fixes") for r in only["results"] if r["ruleId"] == "WOL006")


def test_sarif_describes_every_rule_from_the_registry_and_its_page() -> None:
    log = json.loads(run("check", "--format", "sarif", str(CHECKS / "clean.wol"))[1])
    validator().validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(CODES)
    for rule in rules:
        registered = CODES[rule["id"]]
        assert rule["name"] == registered.name
        assert rule["shortDescription"]["text"] == registered.summary
        assert rule["help"]["markdown"] == page(registered)
        assert rule["defaultConfiguration"]["level"] == registered.severity.value
    assert log["runs"][0]["results"] == []


def test_sarif_of_hand_made_diagnostics_validates_at_the_edges() -> None:
    """Standard input (no file), an absolute path, a related span, an insertion fix,
    a rule that is off (not reported), a file that could not be read."""
    span = Span("/tmp/plans/week one.wol", 2, 1, 4, 1)
    found = [
        make("WOL004", at(None), "twice", related=((at(None, 2), "first here"),)),
        make("WOL006", span, "which side?", hint="add each_leg",
             fixes=(Fix("Add each_leg", Span(span.file, 2, 9, 2, 9), " each_leg"),)),
        Diagnostic("WOL107", Severity.OFF, at("x.wol"), "off"),
    ]
    log = sarif(found, ["cannot read gone.wol"])
    validator().validate(log)
    run_ = log["runs"][0]
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert [r["ruleId"] for r in run_["results"]] == ["WOL004", "WOL006"]
    first, second = run_["results"]
    assert "uri" not in first["locations"][0]["physicalLocation"]["artifactLocation"]
    assert second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "file:///tmp/plans/week%20one.wol")
    assert second["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2, "startColumn": 1, "endLine": 4, "endColumn": 1}


def test_an_invalid_log_is_rejected_by_the_validator() -> None:
    """The validation above can fail: a result with no message is not SARIF."""
    log = sarif([make("WOL006", at("a.wol"), "which side?")])
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(log)


def test_sarif_with_stats_is_a_usage_error() -> None:
    code, out, err = run("check", "--format", "sarif", "--stats", str(CHECKS / "clean.wol"))
    assert code == 2 and out == ""
    assert "--stats" in err
