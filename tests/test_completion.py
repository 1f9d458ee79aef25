"""Shell completion (workoutlang/cli_completion.py, argcomplete's).

Each Tab runs the program with the command line in the environment, as argcomplete's
shell code does (`_ARGCOMPLETE`, `COMP_LINE`, `COMP_POINT`); the words offered are read
from the file `_ARGCOMPLETE_STDOUT_FILENAME` names. Then the printed shell code is loaded
into bash and its function called as bash calls it on Tab; into zsh and fish the same
way when they are installed (otherwise their scripts are only read).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from workoutlang import cli
from workoutlang.backends import TARGETS
from workoutlang.catalogue import load_catalogue
from workoutlang.diagnostics import CODES

BIN = Path(sys.executable).parent  # the virtual environment's, with both console scripts
PROGRAMS = ("workoutlang", "wol")
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def offered(line: str, cwd: Path | None = None) -> list[str]:
    """The words Tab offers at the end of `line`, its first word naming the program: one
    word a line (`_ARGCOMPLETE_IFS`), none followed by a space (`…_SUPPRESS_SPACE`)."""
    with tempfile.TemporaryDirectory(prefix="wol-completion-") as folder:
        out = Path(folder) / "words"
        env = {**ENV, "_ARGCOMPLETE": "1", "_ARGCOMPLETE_IFS": "\n",
               "_ARGCOMPLETE_SUPPRESS_SPACE": "1", "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
               "COMP_LINE": line, "COMP_POINT": str(len(line))}
        result = subprocess.run([BIN / line.split()[0]], env=env, cwd=cwd,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""  # the command itself did not run
        return out.read_text(encoding="utf-8").splitlines()


def exercises_starting(prefix: str) -> list[str]:
    return sorted(n for n in load_catalogue().names() if n.startswith(prefix))


# (what is typed after the program's name, the words Tab offers)
CASES = [
    ("co", ["compile", "completion"]),
    ("", list(cli._SUBCOMMANDS)),  # options only once a - is typed
    ("log i", ["import"]),
    ("log import --p", ["--plan"]),
    ("check --", ["--help", "--strict", "--disable", "--enable", "--format", "--color",
                  "--plan", "--stats"]),
    ("check --st", ["--strict", "--stats"]),
    ("compile plan.wol --to ", list(TARGETS)),
    ("compile plan.wol --to g", ["garmin-connect"]),
    ("next plan.wol --to f", ["fit"]),
    ("check --disable WOL10", [f"WOL10{n}" for n in range(1, 10)]),
    ("checks --enable WOL20", [c for c in CODES if c.startswith("WOL20")]),
    ("explain WOL00", [f"WOL00{n}" for n in range(1, 10)]),
    ("docs tut", ["tutorial"]),
    ("docs WOL11", [c for c in CODES if c.startswith("WOL11")]),
    ("exercises step", exercises_starting("step")),
    ("exercises --tag co", ["core"]),
    ("check --format ", ["text", "json", "github", "sarif"]),
    ("check --format=j", ["--format=json"]),
    ("review plan.wol --to h", ["html"]),
    ("completion ", ["bash", "zsh", "fish"]),
    ("compile plan.wol --timezone Europe/Osl", ["Europe/Oslo"]),
    ("lsp ", []),
]


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize(("typed", "words"), CASES,
                         ids=[typed or "(nothing)" for typed, _ in CASES])
def test_tab_offers(program: str, typed: str, words: list[str]) -> None:
    assert sorted(offered(f"{program} {typed}")) == sorted(words)


def test_tab_offers_file_names_where_an_argument_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "plan one.wol").write_text("")
    (tmp_path / "plan two.wol").write_text("")
    (tmp_path / "plans").mkdir()
    # escaped for the shell, a folder with its slash
    assert sorted(offered("workoutlang show pl", cwd=tmp_path)) == [
        "plan\\ one.wol", "plan\\ two.wol", "plans/"]
    assert offered("wol compile -o plan\\ o", cwd=tmp_path) == ["plan\\ one.wol"]
    assert offered("wol compile --to json plan\\ t", cwd=tmp_path) == ["plan\\ two.wol"]


def test_a_completion_does_not_run_the_command(tmp_path: Path) -> None:
    """Tab after `fmt` must not format: argcomplete exits before the command runs."""
    messy = tmp_path / "messy.wol"
    messy.write_text('plan "p" weeks 1:\n  session "a" on mon:\n    plank   3x45s\n')
    before = messy.read_text()
    offered("workoutlang fmt messy.wol ", cwd=tmp_path)
    assert messy.read_text() == before


def test_main_with_arguments_ignores_the_completion_variables(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Only the program's own command line is completed: main(argv) runs argv."""
    monkeypatch.setenv("_ARGCOMPLETE", "1")
    monkeypatch.setenv("COMP_LINE", "workoutlang co")
    monkeypatch.setenv("COMP_POINT", "14")
    assert cli.main(["completion", "fish"]) == cli.EXIT_OK
    assert "complete --command wol" in capsys.readouterr().out


# --- the shell code, loaded into each shell ----------------------------------------------


def shell_code(shell: str) -> str:
    return subprocess.run([BIN / "workoutlang", "completion", shell], capture_output=True,
                          text=True, check=True, timeout=60).stdout


def run_in(shell: str, program: str, cwd: Path | None = None) -> list[str]:
    """Run `program` in `shell` (skipped where it is not installed); its output lines."""
    found = shutil.which(shell)
    if found is None:
        pytest.skip(f"{shell} is not installed; test_each_script_names_both_programs reads "
                    "its script")
    argv = [found, "-f", "-c", program] if shell == "zsh" else [found, "-c", program]
    result = subprocess.run(argv, capture_output=True, text=True, env=ENV, cwd=cwd,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_bash_registers_both_programs() -> None:
    assert run_in("bash", "source <(workoutlang completion bash); complete -p workoutlang wol") \
        == [f"complete -o bashdefault -o default -o nospace -F _python_argcomplete {program}"
            for program in PROGRAMS]


def in_bash(words: list[str], cwd: Path | None = None) -> list[str]:
    """What bash's completion function sets COMPREPLY to for `words` (the last one being
    typed), called as bash calls it on Tab: COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT
    set, and the program's name, the word and the one before it as arguments."""
    line = " ".join(words)
    quoted = " ".join(shlex.quote(word) for word in words)
    program = (f"source <(workoutlang completion bash)\n"
               f"COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}\n"
               f"COMP_LINE={shlex.quote(line)}; COMP_POINT={len(line)}\n"
               f"_python_argcomplete {quoted.split()[0]} {shlex.quote(words[-1])} "
               f"{shlex.quote(words[-2])}\n"
               'printf "%s\\n" "${COMPREPLY[@]}"\n')
    # outside a real Tab, compopt fails: the function then leaves a space after a word
    return [word.rstrip() for word in run_in("bash", program, cwd) if word]


@pytest.mark.parametrize("program", PROGRAMS)
def test_bash_round_trip(program: str, tmp_path: Path) -> None:
    assert sorted(in_bash([program, "co"])) == ["compile", "completion"]
    assert in_bash([program, "log", "i"]) == ["import"]
    assert sorted(in_bash([program, "compile", "x.wol", "--to", ""])) == sorted(TARGETS)
    (tmp_path / "plan one.wol").write_text("")
    assert in_bash([program, "check", "plan"], tmp_path) == ["plan\\ one.wol"]


@pytest.mark.parametrize("program", PROGRAMS)
def test_zsh_round_trip(program: str) -> None:
    """zsh loads the same code (`#compdef`, registered by compdef after compinit); its
    function is called with zsh's BUFFER, CURSOR and words, and `_describe`, the
    completion system's lister, replaced by one that prints what it is given."""
    def in_zsh(line: str) -> list[str]:
        code = ('autoload -U compinit; compinit -u; eval "$(workoutlang completion zsh)"\n'
                "print -r -- ${_comps[workoutlang]} ${_comps[wol]}\n"
                '_describe() { print -rl -- "${(@P)2}"; }\n'
                f"BUFFER={shlex.quote(line)}; CURSOR={len(line)}; words=({line})\n"
                "_python_argcomplete\n")
        registered, *described = run_in("zsh", code)
        assert registered == "_python_argcomplete _python_argcomplete"
        return [word.partition(":")[0] for word in described]  # zsh's NAME:DESCRIPTION

    assert in_zsh(f"{program} co") == ["compile", "completion"]
    assert in_zsh(f"{program} log i") == ["import"]
    assert in_zsh(f"{program} check --format j") == ["json"]


@pytest.mark.parametrize("program", PROGRAMS)
def test_fish_round_trip(program: str) -> None:
    """fish's own `complete -C` completes a command line with the loaded script."""
    def in_fish(line: str) -> list[str]:
        code = f"workoutlang completion fish | source; complete -C {shlex.quote(line)}"
        return [word.partition("\t")[0] for word in run_in("fish", code)]  # NAME\tHELP

    assert in_fish(f"{program} co") == ["compile", "completion"]
    assert in_fish(f"{program} log i") == ["import"]
    assert in_fish(f"{program} compile x.wol --to g") == ["garmin-connect"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_script_names_both_programs(shell: str) -> None:
    """Whatever shells this machine has: the script registers both console scripts."""
    text = shell_code(shell)
    if shell == "fish":
        assert [line for line in text.splitlines() if line.startswith("complete ")] == [
            f"complete --command {p} -f -a '(__fish_{p}_complete)'" for p in PROGRAMS]
    else:  # zsh runs bash's code: argcomplete's is written for both
        assert text.startswith("#compdef workoutlang wol\n")
        assert "-F _python_argcomplete workoutlang wol\n" in text
        assert "compdef _python_argcomplete workoutlang wol\n" in text


# --- start-up ----------------------------------------------------------------------------

# `workoutlang checks` (one command's parser), then `workoutlang --version` (the whole
# parser, the `completion` command's arguments too): the modules of interest loaded
STARTUP = """
import sys
from workoutlang.cli import main

def loaded():
    return ",".join(m for m in ("argcomplete", "workoutlang.cli_completion")
                    if m in sys.modules)

code = main(["checks"])
after_checks = loaded()
try:
    main(["--version"])
except SystemExit:
    pass
print(code, after_checks, loaded())
"""


def test_a_normal_start_does_not_import_argcomplete() -> None:
    """A completer is imported only when Tab asks for its words; argcomplete only on Tab."""
    env = {k: v for k, v in ENV.items() if k != "_ARGCOMPLETE"}
    result = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True,
                            env=env, check=True, timeout=60)
    assert result.stdout.splitlines()[-1].split(" ") == ["0", "", "workoutlang.cli_completion"]
