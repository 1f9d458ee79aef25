"""`workoutlang completion bash|zsh|fish` (workoutlang/cli_completion.py).

The bash script is loaded into a real bash and its function called as bash calls it
(COMP_WORDS, COMP_CWORD). zsh and fish are run only when installed (`zsh -n`,
`fish -n`); whatever the machine, their scripts are read back here and must name
exactly the parser's commands and options, in the syntax those shells expect.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workoutlang import cli, cli_completion
from workoutlang.backends import TARGETS

SCRIPT = shutil.which("workoutlang", path=str(Path(sys.executable).parent)) or "workoutlang"
BASH = shutil.which("bash")
COMMANDS = list(cli_completion.walk(cli._parser()))
PATHS = {" ".join(c.path) for c in COMMANDS}


def script(shell: str) -> str:
    result = subprocess.run([SCRIPT, "completion", shell], capture_output=True, text=True,
                            check=True, timeout=60)
    return result.stdout


def complete_in_bash(words: list[str], cwd: Path | None = None) -> list[str]:
    """What bash's completion function offers for `words` (the last one being typed)."""
    assert BASH is not None
    program = (f"source <({shlex.quote(SCRIPT)} completion bash)\n"
               f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
               f"COMP_CWORD={len(words) - 1}\n"
               '_workoutlang\nprintf "%s\\n" "${COMPREPLY[@]}"\n')
    result = subprocess.run([BASH, "-c", program], capture_output=True, text=True, cwd=cwd,
                            check=True, timeout=60)
    return [line for line in result.stdout.splitlines() if line]


pytestmark = pytest.mark.skipif(BASH is None, reason="bash is not installed")


def test_bash_registers_both_names() -> None:
    result = subprocess.run(
        [BASH or "bash", "-c", f"source <({SCRIPT} completion bash); complete -p workoutlang wol"],
        capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.splitlines() == ["complete -F _workoutlang workoutlang",
                                          "complete -F _workoutlang wol"]


@pytest.mark.parametrize(("words", "offered"), [
    (["workoutlang", ""], sorted(cli._SUBCOMMANDS)),
    (["workoutlang", "ch"], ["check", "checks"]),
    (["wol", "check", "--st"], ["--stats", "--strict"]),
    (["workoutlang", "check", "--format", ""], ["json", "text"]),
    (["workoutlang", "check", "--format", "=", "j"], ["json"]),  # --format=j, split at =
    (["workoutlang", "compile", "plan.wol", "--to", ""], sorted(TARGETS)),
    (["workoutlang", "compile", "plan.wol", "--to", "g"], ["garmin-connect"]),
    (["workoutlang", "log", ""], ["import"]),
    (["workoutlang", "log", "import", "--p"], ["--plan"]),
    (["workoutlang", "explain", "WOL00"], [f"WOL00{n}" for n in range(1, 10)]),
    (["workoutlang", "completion", ""], ["bash", "fish", "zsh"]),
    (["workoutlang", "exercises", "--tag", "co"], ["core"]),
    (["workoutlang", "exercises", "step_"], ["step_down", "step_up"]),
    (["workoutlang", "lsp", ""], []),  # no argument: no file names either
], ids=lambda value: " ".join(value) if isinstance(value, list) else None)
def test_bash_offers(words: list[str], offered: list[str]) -> None:
    assert sorted(complete_in_bash(words)) == offered


def test_bash_offers_file_names_where_an_argument_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "plan one.wol").write_text("")
    (tmp_path / "plan two.wol").write_text("")
    assert sorted(complete_in_bash(["workoutlang", "show", "pl"], tmp_path)) == [
        "plan one.wol", "plan two.wol"]
    assert complete_in_bash(["workoutlang", "compile", "-o", "plan o"], tmp_path) == [
        "plan one.wol"]
    assert complete_in_bash(["workoutlang", "compile", "--to", "json", "plan t"], tmp_path) == [
        "plan two.wol"]


def test_a_command_added_later_is_completed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scripts come from the parser: a new command and its options are in them."""
    def add(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--shape", choices=("round", "square"))

    monkeypatch.setitem(cli._SUBCOMMANDS, "newcommand", ("A new command.", False, add))
    commands = list(cli_completion.walk(cli._parser()))
    for shell in cli_completion.SHELLS:
        text = cli_completion._SCRIPTS[shell](commands)
        assert "newcommand" in text and "round square" in text, shell


# --- zsh and fish ------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_the_shell_reads_its_script(shell: str, tmp_path: Path) -> None:
    program = shutil.which(shell)
    if program is None:
        pytest.skip(f"{shell} is not installed; its script is read back by the tests below")
    path = tmp_path / f"workoutlang.{shell}"
    path.write_text(script(shell))
    result = subprocess.run([program, "-n", str(path)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr


def _case_branches(text: str, function: str) -> dict[str, dict[str, str]]:
    """The `case` branches of a generated shell function: pattern → {variable: value}."""
    body = text.split(f"{function}() {{\n", 1)[1].split("\n}\n", 1)[0]
    branches: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in body.splitlines()[1:-1]:  # inside `case "$1" in` … `esac`
        stripped = line.strip()
        if stripped.endswith(")") and not stripped.startswith(("cdescs", "odescs")):
            current = branches.setdefault(shlex.split(stripped[:-1])[0], {})
        elif stripped != ";;":
            name, _, value = stripped.partition("=")
            current[name] = value if value.startswith("(") else shlex.split(value or "''")[0]
    return branches


def test_zsh_script_structure() -> None:
    text = script("zsh")
    assert text.startswith("#compdef workoutlang wol\n")
    assert 'compdef _workoutlang workoutlang wol' in text and '_workoutlang "$@"' in text
    assert text.count("{") == text.count("}") and text.count(" case ") == text.count("esac")
    branches = _case_branches(text, "_workoutlang_spec")
    assert set(branches) == PATHS
    for command in COMMANDS:
        branch = branches[" ".join(command.path)]
        assert branch["cmds"].split() == [name for name, _ in command.commands]
        assert branch["opts"].split() == [f for o in command.options for f in o.flags]
        described = shlex.split(branch["cdescs"][1:-1])
        assert [d.split(":", 1)[0] for d in described] == branch["cmds"].split()
    for word in ("_describe", "compadd", "_files", "${words[CURRENT]}"):
        assert word in text


def test_bash_and_zsh_share_the_command_tables() -> None:
    bash, zsh = script("bash"), script("zsh")
    strip = {"cdescs", "odescs"}
    assert {p: {k: v for k, v in b.items() if k not in strip}
            for p, b in _case_branches(zsh, "_workoutlang_spec").items()} == \
        _case_branches(bash, "_workoutlang_spec")


def _fish_words(line: str) -> list[str]:
    """A fish command line's words: fish's single quotes take \\' and \\\\ escapes."""
    words, pattern = [], re.compile(r"'((?:[^'\\]|\\.)*)'|(\S+)")
    for match in pattern.finditer(line):
        quoted, bare = match.groups()
        words.append(re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else bare)
    return words


def test_fish_script_structure() -> None:
    lines = [line for line in script("fish").splitlines() if not line.startswith("#")]
    assert lines[-1] == "complete -c wol -w workoutlang"
    known = {word for c in COMMANDS for word in c.path}
    offered: dict[str, set[str]] = {}
    flags: dict[str, set[str]] = {}
    for line in lines[:-1]:
        words = _fish_words(line)
        assert words[:3] == ["complete", "-c", "workoutlang"], line
        assert "".join(line.split("'")[::2]).count("\\") == 0, line  # no escape outside quotes
        if "-n" not in words:
            continue
        condition = words[words.index("-n") + 1]
        for part in condition.split("; and "):
            if part != "__fish_use_subcommand":
                name, *subcommands = part.removeprefix("not ").split()
                assert name == "__fish_seen_subcommand_from" and set(subcommands) <= known
        path = " ".join(p.split()[-1] for p in condition.split("; and ")
                        if p.startswith("__fish_seen_subcommand_from"))
        if "-a" in words and "-x" not in words and "-d" in words:
            offered.setdefault(path, set()).add(words[words.index("-a") + 1])
        for i, word in enumerate(words):
            if word in ("-l", "-s"):
                flags.setdefault(path, set()).add(("--" if word == "-l" else "-") + words[i + 1])
    for command in COMMANDS:
        path = " ".join(command.path)
        assert offered.get(path, set()) == {name for name, _ in command.commands}, path
        assert flags[path] == {f for o in command.options for f in o.flags}, path
