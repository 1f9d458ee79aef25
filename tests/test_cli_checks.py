"""`workoutlang explain CODE` and `workoutlang checks` (workoutlang/cli_checks.py)."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

from workoutlang import cli
from workoutlang.diagnostics import CODES, RULES

DOCS = Path(__file__).parent.parent / "docs"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    printed = capsys.readouterr()
    return status, printed.out, printed.err


@pytest.mark.parametrize("word", ["WOL006", "wol006", "missing-side", " Missing-Side "])
def test_explain_takes_a_code_or_a_name(capsys: pytest.CaptureFixture[str], word: str) -> None:
    status, out, _ = run(capsys, "explain", word)
    assert status == 0
    assert out.startswith("# WOL006 missing-side\n\n**Default severity:** error\n")
    assert "step_up 3x8 tempo 3-1-1 each_leg" in out  # the docstring's good example


def test_explain_prints_the_docs_page_without_its_test_cases(
        capsys: pytest.CaptureFixture[str]) -> None:
    page = runpy.run_path(str(DOCS / "build_check_pages.py"))["page"]
    for rule in RULES:
        if rule.check is None:
            continue
        _, out, _ = run(capsys, "explain", rule.code)
        # the docs page is the same text, plus the suite's example files before the last line
        head, _, tail = out.rstrip("\n").rpartition("\n\n")
        built = page(rule)
        assert built.startswith(head) and built.rstrip("\n").endswith(tail), rule.code


def test_explain_the_parsers_code(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "WOL001")
    assert status == 0 and out.startswith("# WOL001 syntax") and "Turn it off" not in out


@pytest.mark.parametrize(("word", "nearest"), [("WOL16", "WOL106 (session-frequency)"),
                                               ("missing-sid", "WOL006 (missing-side)")])
def test_explain_an_unknown_code_suggests_the_nearest(capsys: pytest.CaptureFixture[str],
                                                      word: str, nearest: str) -> None:
    status, out, err = run(capsys, "explain", word)
    assert status == 2 and out == ""
    assert f"unknown check code {word!r}; did you mean {nearest}?" in err


def test_explain_something_far_from_any_code(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "explain", "zzzz")
    assert status == 2 and "did you mean" not in err and "workoutlang checks" in err


def rows(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, dict[str, object]]:
    status, out, _ = run(capsys, "checks", "--format", "json", *argv)
    assert status == 0
    return {row["code"]: row for row in json.loads(out)}


def test_checks_lists_every_code_with_its_defaults(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no pyproject.toml above a fresh temporary folder
    found = rows(capsys)
    assert list(found) == list(CODES)
    assert found["WOL105"] == {"code": "WOL105", "name": "quad-dominance",
                               "default_severity": "warning", "severity": "warning",
                               "on": True, "fails": False,
                               "summary": CODES["WOL105"].summary}
    assert found["WOL006"]["fails"] is True


def test_checks_reads_pyproject_and_the_options(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.workoutlang]\ndisable = ["session-frequency", "WOL107"]\n'
        '[tool.workoutlang.severity]\nWOL105 = "error"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = rows(capsys, "--enable", "WOL107", "--disable", "WOL104", "--strict")
    assert (found["WOL106"]["severity"], found["WOL106"]["on"]) == ("off", False)
    assert (found["WOL107"]["severity"], found["WOL107"]["on"]) == ("warning", True)
    assert (found["WOL104"]["severity"], found["WOL104"]["on"]) == ("off", False)
    assert (found["WOL105"]["severity"], found["WOL105"]["fails"]) == ("error", True)
    assert found["WOL107"]["fails"] is True  # --strict: warnings fail
    status, out, _ = run(capsys, "checks")
    line = next(text for text in out.splitlines() if text.startswith("WOL106"))
    assert line.split()[1:4] == ["session-frequency", "off*", "no"]
    assert "* not its default severity" in out


def test_checks_refuses_an_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "checks", "--disable", "WOL999")
    assert status == 2 and "unknown check code 'WOL999'" in err


@pytest.mark.parametrize(("command", "words"), [("explain", "documentation"),
                                               ("docs", "documentation shipped"),
                                               ("checks", "whether it is on")])
def test_help_describes_the_command(capsys: pytest.CaptureFixture[str], command: str,
                                    words: str) -> None:
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    out = " ".join(capsys.readouterr().out.split())  # as argparse wraps it
    assert words in out


@pytest.mark.parametrize("word", ["WOL006", "missing-side", "checks/WOL006", "WOL006.md"])
def test_docs_prints_a_checks_whole_page(capsys: pytest.CaptureFixture[str], word: str) -> None:
    status, out, _ = run(capsys, "docs", word)
    # the page as docs/ has it: explain's text with the test suite's example files
    assert status == 0 and out == (DOCS / "checks" / "WOL006.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("word", "page"), [("tutorial", "tutorial.md"),
                                            ("outputs/fit", "outputs/fit.md"),
                                            ("fit", "outputs/fit.md"),
                                            ("checks", "checks/README.md")])
def test_docs_prints_other_pages(capsys: pytest.CaptureFixture[str], word: str,
                                 page: str) -> None:
    status, out, _ = run(capsys, "docs", word)
    assert status == 0 and out == (DOCS / page).read_text(encoding="utf-8")


def test_docs_lists_the_pages_and_the_codes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "docs")
    assert status == 0
    assert "  tutorial " in out and "Tutorial: your first plan" in out
    assert "  outputs/fit " in out
    for rule in RULES:
        assert f"  {rule.code}  {rule.name}\n" in out


@pytest.mark.parametrize(("word", "nearest"), [("WOL16", "WOL106 (session-frequency)"),
                                               ("tutrial", "tutorial")])
def test_docs_an_unknown_topic_suggests_the_nearest(capsys: pytest.CaptureFixture[str],
                                                    word: str, nearest: str) -> None:
    status, out, err = run(capsys, "docs", word)
    assert status == 2 and out == ""
    assert f"unknown docs topic {word!r}; did you mean {nearest}?" in err
    assert "`workoutlang docs` lists the topics" in err


def test_docs_without_the_pages_installed(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from workoutlang import rule_pages

    monkeypatch.setattr(rule_pages, "docs_folder", lambda: None)
    rule_pages.check_page_uri.cache_clear()
    assert rule_pages.check_page_uri("WOL006") is None  # the language server links nothing
    rule_pages.check_page_uri.cache_clear()  # not kept for the tests after this one
    status, out, _ = run(capsys, "docs", "WOL006")
    assert status == 0 and out == rule_pages.page(CODES["WOL006"])  # explain's page
    status, out, _ = run(capsys, "docs")
    assert status == 0 and "not installed" in out and "  WOL006  missing-side\n" in out
    status, _, err = run(capsys, "docs", "tutorial")
    assert status == 2 and "unknown docs topic 'tutorial'" in err
