"""The check path stays light: no PDF or FIT library is imported to check a plan,
and nothing that only another command, a cache miss or a pyproject.toml needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workoutlang.checks.config import find_pyproject

CLEAN = Path(__file__).parent / "data" / "checks" / "clean.wol"  # no diagnostics

PROGRAM = """
import sys
import workoutlang as wol
tree = wol.parse(open(sys.argv[1]).read())
wol.check(tree)
heavy = [m for m in ("weasyprint", "garmin_fit_sdk", "pygls", "jinja2", "icalendar")
         if m in sys.modules]
print(",".join(heavy))
"""

# `workoutlang check FILE`, then the modules of interest that it imported, on the last line
CLI_PROGRAM = """
import sys
from workoutlang.cli import main
code = main(["check", sys.argv[1]])
print(code, ",".join(m for m in sys.argv[2:] if m in sys.modules))
"""

# what `check` never needs with the catalogue's cache warm and no pyproject.toml around:
# the TOML reader, json (only --format json), the backends and their registry
NOT_ON_THE_CHECK_PATH = ("tomllib", "json", "workoutlang.backends", "weasyprint",
                         "garmin_fit_sdk", "pygls", "jinja2", "icalendar")


def test_check_does_not_import_heavy_backends(tmp_path: Path) -> None:
    plan = tmp_path / "plan.wol"
    plan.write_text('plan "p":\n  session "a" on mon:\n    plank 3x45s\n')
    result = subprocess.run([sys.executable, "-c", PROGRAM, str(plan)], capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == ""


def _check(plan: Path, tmp_path: Path, *modules: str) -> str:
    """Run `check` in a new process with its own cache folder; the modules imported."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}  # the caches go there
    result = subprocess.run([sys.executable, "-c", CLI_PROGRAM, str(plan), *modules],
                            capture_output=True, text=True, check=True, cwd=plan.parent,
                            env=env)
    code, _, imported = result.stdout.splitlines()[-1].partition(" ")
    assert code == "0", result.stdout + result.stderr
    return imported


def test_check_with_a_warm_cache_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    if find_pyproject(folder) is not None:
        pytest.skip("a pyproject.toml above the temporary folder")
    plan = folder / "plan.wol"
    plan.write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    assert "tomllib" in _check(plan, tmp_path, "tomllib")  # the first run fills the cache
    assert _check(plan, tmp_path, *NOT_ON_THE_CHECK_PATH) == ""


def test_check_reads_a_pyproject_toml_when_there_is_one(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.workoutlang]\nstrict = false\n")
    plan = tmp_path / "plan.wol"
    plan.write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    _check(plan, tmp_path)  # fills the cache
    assert _check(plan, tmp_path, "tomllib") == "tomllib"


def test_importing_the_package_loads_no_check() -> None:
    code = ("import sys, workoutlang as wol; assert 'workoutlang.checks' not in sys.modules;"
            "assert wol.CheckConfig is sys.modules['workoutlang.checks'].CheckConfig")
    subprocess.run([sys.executable, "-c", code], check=True)
