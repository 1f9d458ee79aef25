"""The pre-commit hooks (.pre-commit-hooks.yaml), tried as a user tries them:
`pre-commit try-repo CHECKOUT` in a scratch git repository, once on a good plan and
once on a bad one.

try-repo installs the hooks' environment afresh each time (the checkout and the
package's dependencies, from the package index): about 45 s a run. It takes the
checkout's last commit plus its changes to tracked files; an untracked file is left out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
BAD = 'plan "p" weeks 1:\n  session "a" on mon:\n    step_up 3x8\n'


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A git repository with a good plan (formatted, clean) and a bad one."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(ROOT / "examples" / "runner_two_day.wol", repo / "good.wol")
    (repo / "bad.wol").write_text(BAD, encoding="utf-8")
    subprocess.run(["git", "init", "-q", "."], cwd=repo, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    return repo


def try_repo(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
           "NO_COLOR": "1",
           # try-repo commits the checkout's uncommitted changes in a copy of it
           "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT),
                           "--color", "never", "--files", *files],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_the_hooks_pass_a_good_plan(scratch: Path) -> None:
    before = (scratch / "good.wol").read_text(encoding="utf-8")
    result = try_repo(scratch, "good.wol")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "workoutlang check" in result.stdout and "workoutlang fmt" in result.stdout
    assert result.stdout.count("Passed") == 2
    assert (scratch / "good.wol").read_text(encoding="utf-8") == before


def test_the_hooks_flag_a_bad_plan(scratch: Path) -> None:
    result = try_repo(scratch, "bad.wol")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.count("Failed") == 2
    assert "- hook id: workoutlang-check" in result.stdout
    assert "bad.wol:3:5: error[WOL006]" in result.stdout
    # fmt rewrote it, which fails the commit until the change is staged
    assert "- hook id: workoutlang-fmt" in result.stdout
    assert "reformatted bad.wol" in result.stdout
    assert (scratch / "bad.wol").read_text(encoding="utf-8") != BAD
