"""Hypothesis is the `strategies` extra, not a dependency (issue 16.10): `import
workoutlang` and every command work without it, and `workoutlang.strategies` says
how to install it. Each test runs a Python with Hypothesis blocked
(`sys.modules["hypothesis"] = None` makes any import of it fail)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
LOG = EXAMPLES / "training_log"
BLOCKED = "import sys\nsys.modules['hypothesis'] = None\n"

# every command of `workoutlang --help`, and what it exits with here
COMMANDS = [
    (["check", str(EXAMPLES / "runner_two_day.wol")], 0),
    (["compile", str(EXAMPLES / "runner_two_day.wol"), "--to", "json", "--to", "html",
      "--to", "ics", "--to", "fit", "--to", "garmin-connect", "-o", "OUT/"], 0),
    (["show", str(EXAMPLES / "runner_two_day.wol"), "--week", "1"], 0),
    (["fmt", "--check", str(EXAMPLES / "runner_two_day.wol")], 0),
    (["exercises", "--tag", "core"], 0),
    (["explain", "WOL005"], 0),
    (["checks"], 0),
    (["next", str(LOG / "plan.wol"), "--log", str(LOG / "log.wol")], 0),
    (["review", str(LOG / "plan.wol"), "--log", str(LOG / "log.wol")], 0),
    (["log", "import", str(LOG / "week7-lower-body.fit"), "--plan", str(LOG / "plan.wol")], 0),
    (["completion", "bash"], 0),
    (["docs", "WOL005"], 0),
]


def blocked_python(program: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BLOCKED + program], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_hypothesis_is_blocked_in_the_subprocess(tmp_path: Path) -> None:
    result = blocked_python("import hypothesis", tmp_path)
    assert result.returncode == 1 and "import of hypothesis halted" in result.stderr


@pytest.mark.parametrize(("argv", "status"), COMMANDS, ids=lambda a: a[0] if a else "")
def test_every_command_works_without_hypothesis(argv: list[str], status: int,
                                                tmp_path: Path) -> None:
    argv = [str(tmp_path / "OUT") + "/" if a == "OUT/" else a for a in argv]
    result = blocked_python(f"from workoutlang.cli import main\nraise SystemExit(main({argv!r}))",
                            tmp_path)
    assert "hypothesis" not in result.stderr.lower(), result.stderr
    assert result.returncode == status, result.stderr


def test_the_commands_list_is_every_command() -> None:
    from workoutlang.cli import _SUBCOMMANDS

    assert {argv[0] for argv, _ in COMMANDS} == set(_SUBCOMMANDS) - {"lsp"}


def test_the_language_server_and_the_library_import_without_hypothesis(
        tmp_path: Path) -> None:
    plan = EXAMPLES / "runner_two_day.wol"
    result = blocked_python(
        "import pathlib, workoutlang as wol, workoutlang.lsp\n"
        f"tree = wol.parse(pathlib.Path({str(plan)!r}).read_text(), 'plan.wol')\n"
        "line = next(i for i in tree.plans[0].sessions[0].items\n"
        "            if isinstance(i, wol.syntax.ExerciseLine))\n"
        "built = wol.syntax.ExerciseLine.nowhere(line.name, line.prescription, line.modifiers)\n"
        "print(wol.check(tree) == [] and len(wol.compile(tree, 'json')) > 0\n"
        "      and (built.name, built.file, built.line) == (line.name, None, 1))", tmp_path)
    assert result.returncode == 0 and result.stdout == "True\n", result.stderr


def test_the_strategies_say_how_to_install_hypothesis(tmp_path: Path) -> None:
    result = blocked_python("import workoutlang.strategies", tmp_path)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last == ("ImportError: workoutlang.strategies needs Hypothesis: "
                    "pip install 'workoutlang[strategies]'")


def test_only_the_strategies_module_imports_hypothesis() -> None:
    importers = set()
    for path in (ROOT / "workoutlang").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] == "hypothesis" for n in names):
                importers.add(path.relative_to(ROOT).as_posix())
    assert importers == {"workoutlang/strategies.py"}


def test_pyproject_keeps_hypothesis_an_extra() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not any(d.startswith("hypothesis") for d in project["dependencies"])
    extras = project["optional-dependencies"]
    assert any(d.startswith("hypothesis") for d in extras["strategies"])
    assert any(d.startswith("hypothesis") for d in extras["test"])
