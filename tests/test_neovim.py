"""Neovim with the snippet in editors/neovim/workoutlang.lua, driven headless
through the language server: diagnostics on a plan with problems, hover on an
exercise, formatting of a mis-indented plan. tests/data/neovim/driver.lua does
the editor's part and writes what it saw as JSON; this file checks it.

Neovim comes from Debian (`apt-get install neovim`, which .ci/run does; Debian 12
ships 0.7, which the snippet supports beside 0.8 and later). WOL_NVIM names
another `nvim` to run, e.g. a newer one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workoutlang.catalogue import load_catalogue
from workoutlang.formatter import INDENT, format_text

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
SNIPPET = ROOT / "editors" / "neovim" / "workoutlang.lua"
PROBLEMS = DATA / "lsp" / "problems.wol"  # the plan tests/test_lsp.py uses
MISINDENTED = DATA / "neovim" / "misindented.wol"
TIMEOUT_MS = 60_000  # for each wait inside Neovim; the server answers in well under a second


def _nvim() -> str:
    nvim = os.environ.get("WOL_NVIM") or shutil.which("nvim")
    assert nvim, "Neovim is needed: `apt-get install neovim` (.ci/run installs it)"
    return nvim


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if needle in line)


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """What headless Neovim saw, from one run of the driver."""
    out = tmp_path_factory.mktemp("neovim") / "seen.json"
    text = PROBLEMS.read_text(encoding="utf-8")
    hover_line = _line_of(text, "romanian_deadlift")
    env = {
        **os.environ,
        # the snippet runs `workoutlang lsp`: this venv's, first on PATH
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "WOL_NVIM_SNIPPET": str(SNIPPET),
        "WOL_NVIM_PROBLEMS": str(PROBLEMS),
        "WOL_NVIM_MISINDENTED": str(MISINDENTED),
        "WOL_NVIM_HOVER_LINE": str(hover_line),
        "WOL_NVIM_HOVER_COLUMN": str(text.split("\n")[hover_line].index("romanian") + 4),
        "WOL_NVIM_TIMEOUT_MS": str(TIMEOUT_MS),
        "WOL_NVIM_OUT": str(out),
    }
    result = subprocess.run(
        [_nvim(), "--headless", "--clean", "-c", f"luafile {DATA / 'neovim' / 'driver.lua'}"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=6 * TIMEOUT_MS / 1000,
        stdin=subprocess.DEVNULL)
    assert out.exists(), f"Neovim wrote nothing (exit {result.returncode}):\n" \
        + result.stdout + result.stderr
    found: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    assert found.get("error") is None, f"{found}\n{result.stdout}{result.stderr}"
    return found


def test_the_snippet_sets_the_filetype_and_attaches_the_server(seen: dict[str, object]) -> None:
    assert seen["filetype"] == "workoutlang"
    assert seen["commentstring"] == "# %s"  # the grammar's comment, as in editors/vscode
    assert seen["shiftwidth"] == len(INDENT)  # the formatter's indent
    assert seen["ready"] is True
    assert seen["clients"] == ["workoutlang"]


def test_headless_neovim_gets_the_servers_diagnostics(seen: dict[str, object]) -> None:
    assert seen["got_diagnostics"] is True, "no diagnostics within the timeout"
    text = PROBLEMS.read_text(encoding="utf-8")
    diagnostics = seen["diagnostics"]
    assert isinstance(diagnostics, list)
    found = {(d["code"], d["line"]): d for d in diagnostics}
    unknown = found["WOL002", _line_of(text, "squatt")]
    assert unknown["column"] == text.split("\n")[_line_of(text, "squatt")].index("squatt")
    assert "did you mean squat?" in unknown["message"]
    assert unknown["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert unknown["source"] == "workoutlang"
    assert ("WOL006", _line_of(text, "step_up")) in found


def test_hover_on_an_exercise_shows_the_catalogue_entry(seen: dict[str, object]) -> None:
    hover = seen.get("hover")
    assert isinstance(hover, str), seen
    exercise = load_catalogue().lookup("romanian_deadlift")
    assert exercise is not None
    assert exercise.display in hover and "both sides at once" in hover
    assert f"FIT: `{exercise.fit_category}/{exercise.fit_name}`" in hover


def test_formatting_gives_the_formatters_text(seen: dict[str, object]) -> None:
    original = MISINDENTED.read_text(encoding="utf-8")
    expected = format_text(original)
    assert expected != original
    assert seen["ready_to_format"] is True
    assert f"{seen['formatted']}\n" == expected
