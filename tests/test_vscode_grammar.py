"""The VS Code TextMate grammar, tested by vscode-tmgrammar-test (npm) on the
annotated files in editors/vscode/tests/. `npm ci` in editors/vscode installs it
(the README's test command and .ci/run do)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

VSCODE = Path(__file__).parent.parent / "editors" / "vscode"


def test_textmate_grammar_passes_its_annotated_files() -> None:
    npm = shutil.which("npm")
    assert npm, "npm is needed for the editor grammar tests (Node.js)"
    assert (VSCODE / "node_modules" / "vscode-tmgrammar-test").is_dir(), \
        "run `npm ci` in editors/vscode first"
    result = subprocess.run([npm, "test", "--silent"], cwd=VSCODE, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list((VSCODE / "tests").glob("*.wol"))) >= 3
