"""The words of every diagnostic: each file in tests/data/messages is checked with
`workoutlang check`, and its text output (location with line and column, severity,
code, message, the source line with its caret, the hint and related notes) must be
exactly the `.out` file beside it.

The `.out` files are the reviewed wording: after a deliberate change, rewrite them with
`WOL_REGEN=1 .venv/bin/pytest tests/test_messages.py` and read the diff.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from golden import Golden

from workoutlang import cli
from workoutlang.diagnostics import CODES

CASES = Path(__file__).parent / "data" / "messages"
SOURCES = sorted(CASES.glob("*.wol"))
HEADER = re.compile(r"^\S+:\d+:\d+: (?:error|warning)\[(WOL\d{3})\]", re.MULTILINE)


# `# compile to: ics` in a case: its diagnostics are those of compiling to that target
# (written to standard output, its diagnostics to standard error; the watch targets
# write a scratch folder and print diagnostics and summary)
COMPILE_TO = re.compile(r"^# compile to: (\S+)$", re.MULTILINE)


def check_output(path: Path, capsys: pytest.CaptureFixture[str],
                 monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(CASES)  # locations are printed as given: plan.wol:3:5
    monkeypatch.setenv("NO_COLOR", "1")
    target = COMPILE_TO.search(path.read_text(encoding="utf-8"))
    if target is None:
        status = cli.main(["check", path.name])
        return f"{capsys.readouterr().out}exit {status}\n"
    if target.group(1) not in ("fit", "garmin-connect"):
        status = cli.main(["compile", path.name, "--to", target.group(1), "-o", "-"])
        return f"{capsys.readouterr().err}exit {status}\n"
    with tempfile.TemporaryDirectory() as out:  # the watch targets write a folder
        status = cli.main(["compile", path.name, "--to", target.group(1), "-o", out])
        printed = capsys.readouterr()
        return f"{printed.out}{printed.err}exit {status}\n".replace(out, "OUT")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_check_output(path: Path, capsys: pytest.CaptureFixture[str],
                      monkeypatch: pytest.MonkeyPatch, golden: Golden) -> None:
    golden(path.with_suffix(".out"), check_output(path, capsys, monkeypatch))


def test_each_case_is_about_its_code() -> None:
    for path in SOURCES:
        code = path.stem.split("_")[0]
        shown = HEADER.findall(path.with_suffix(".out").read_text(encoding="utf-8"))
        assert code in shown, path.name


def test_every_code_has_its_wording_pinned() -> None:
    pinned = {p.stem.split("_")[0] for p in SOURCES}
    assert pinned == set(CODES)
