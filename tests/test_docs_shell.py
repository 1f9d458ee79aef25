"""Every shell block of README.md and docs/ runs as written, after the README's install.

A block fenced ```sh, ```shell, ```bash or ```console is run from a scratch copy of
the checkout (nothing in the checkout is written), with the virtual environment's
bin/ first on PATH, as `. .venv/bin/activate` leaves a shell; the copy's `.venv`
links to the environment running the tests, so `.venv/bin/workoutlang` works too.
The blocks of one page run in page order in one scratch copy: a block may use what
an earlier block of the page made. The copy's root also holds `plan.wol` and
`log.wol`, copies of examples/training_log/'s, for the commands that stand for
"your plan" and "your log" with those names.

- ```sh, ```shell, ```bash: run with `bash -e -o pipefail`; must exit 0.
- ```console: a line starting `$ ` is a command (a line ending in `\\` goes on to the
  next), the lines up to the next command are what it prints (standard output and
  error). The printed text must match, after this normalisation: the scratch folder's
  path reads `.`, spaces at line ends and blank lines at the end are dropped. A
  command may exit non-zero only when the next command is `echo $?`, which shows it.
- `<!-- file: NAME -->` on the line before a fence (of any language): the block is
  written to NAME in the scratch copy, as the reader would save it in an editor.
- `<!-- not-run: REASON -->` on the line before a fence: the block is not run; the
  test of it is skipped with the reason, which must be given.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
SHELLS = {"sh", "shell", "bash", "console"}
FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([\w-]*)")
MARK = re.compile(r"^\s*<!--\s*(not-run|file):(.*?)-->\s*$")
# not copied into the scratch checkout: version control, environments, caches, outputs,
# and the big folders no page's command reads (the golden outputs, the benchmarks)
LEFT_BEHIND = shutil.ignore_patterns(".git", ".venv", "node_modules", "__pycache__",
                                     ".*_cache", ".hypothesis", "out", "mutants", "dist",
                                     "build", "*.egg-info", "golden", "bench")
STATUS = "@@docs-shell-status"
YOURS = ("plan.wol", "log.wol")  # "your plan" and "your log" in the docs' commands
TIMEOUT = 300  # seconds a block may take (a PDF, a FIT import)


@attrs.frozen
class Block:
    page: Path
    line: int  # of the opening fence, 1-based
    language: str
    text: str
    mark: str  # "", "not-run" or "file"
    argument: str  # the mark's reason or file name

    @property
    def id(self) -> str:
        where = f"{self.page.relative_to(ROOT).as_posix()}:{self.line}"
        return f"{where} not-run: {self.argument}" if self.mark == "not-run" else where


def blocks(page: Path, every: bool = False) -> list[Block]:
    """The page's fenced blocks that run or write a file (`every`: all), in page order."""
    found = []
    lines = page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence, language = opening.groups()
        end = index + 1
        while end < len(lines) and not (lines[end].strip().startswith(fence)
                                         and lines[end].strip().strip(fence[0]) == ""):
            end += 1
        body = [line.removeprefix(indent) for line in lines[index + 1:end]]
        mark = MARK.match(lines[index - 1]) if index > 0 else None
        kind, argument = (mark.group(1), mark.group(2).strip()) if mark else ("", "")
        if language in SHELLS or kind == "file" or every:
            found.append(Block(page, index + 1, language, "\n".join(body) + "\n", kind,
                               argument))
        index = end + 1
    return found


ALL = [block for page in PAGES for block in blocks(page)]
RUN = [block for block in ALL if block.mark != "file"]
_ran: set[Block] = set()  # the blocks run so far, in this process


@functools.cache
def scratch(page: Path, base: Path) -> Path:
    """The page's scratch copy of the checkout, with `.venv` linked to this environment."""
    folder = base / page.relative_to(ROOT).as_posix().replace("/", "_")
    shutil.copytree(ROOT, folder, ignore=LEFT_BEHIND, symlinks=True)
    (folder / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    for name in YOURS:
        shutil.copyfile(ROOT / "examples" / "training_log" / name, folder / name)
    return folder


def environment(folder: Path) -> dict[str, str]:
    bin_dir = Path(sys.prefix) / "bin"
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "COLUMNS", "LINES", "FORCE_COLOR")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=sys.prefix,
               HOME=str(folder / ".home"), XDG_CACHE_HOME=str(folder / ".cache"),
               PYTHONUNBUFFERED="1", NO_COLOR="1", TERM="dumb", LC_ALL="C.UTF-8")
    return env


def run_block(block: Block, folder: Path) -> None:
    if block.mark == "file":
        (folder / block.argument).parent.mkdir(parents=True, exist_ok=True)
        (folder / block.argument).write_text(block.text, encoding="utf-8")
    elif block.language == "console":
        run_console(block, folder)
    else:
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block.text], cwd=folder,
                                env=environment(folder), capture_output=True, text=True,
                                timeout=TIMEOUT)
        assert result.returncode == 0, (
            f"{block.id} exited {result.returncode}\n--- block\n{block.text}"
            f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}")


def commands(block: Block) -> list[tuple[str, str]]:
    """A console block's commands, each with the text shown under it."""
    found: list[tuple[str, list[str]]] = []
    going_on = False
    for line in block.text.splitlines():
        if going_on:
            found[-1] = (found[-1][0] + "\n" + line, found[-1][1])
        elif line.startswith("$ "):
            found.append((line[2:], []))
        elif found:
            found[-1][1].append(line)
        else:
            pytest.fail(f"{block.id}: a console block starts with a `$ ` command")
        going_on = line.endswith("\\") and not found[-1][1]
    return [(command, normalised("\n".join(shown), Path())) for command, shown in found]


def normalised(text: str, folder: Path) -> str:
    if folder.parts:
        text = text.replace(str(folder), ".")
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def run_console(block: Block, folder: Path) -> None:
    steps = commands(block)
    # one shell for the block (a `cd` or a variable carries on); after each command its
    # status is printed on a line of its own and given back to `$?` for an `echo $?`
    script = "".join(f"{command}\n__status=$?\nprintf '\\n{STATUS} %d\\n' $__status\n"
                     "(exit $__status)\n" for command, _ in steps)
    result = subprocess.run(["bash", "-c", script], cwd=folder, env=environment(folder),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            timeout=TIMEOUT)
    parts = re.split(rf"\n{STATUS} (\d+)\n", result.stdout)
    statuses = [int(status) for status in parts[1::2]]
    printed = parts[0::2][:len(statuses)]  # the last part: after the last command
    assert len(statuses) == len(steps), f"{block.id}: the shell stopped early:\n{result.stdout}"
    outputs = [normalised(output, folder) for output in printed]
    if os.environ.get("WOL_REGEN") and outputs != [shown for _, shown in steps]:
        regenerate(block, [(command, output)
                           for (command, _), output in zip(steps, outputs, strict=True)])
    for number, ((command, shown), output, status) in enumerate(
            zip(steps, outputs, statuses, strict=True)):
        assert output == shown, (
            f"{block.id}: `{command}` printed\n{output}\n--- where the page shows\n{shown}\n"
            "(WOL_REGEN=1 pytest tests/test_docs_shell.py writes what it printed)")
        then = steps[number + 1][0].strip() if number + 1 < len(steps) else ""
        assert status == 0 or then == "echo $?", \
            f"{block.id}: `{command}` exited {status} and no `$ echo $?` shows it"


def regenerate(block: Block, steps: list[tuple[str, str]]) -> None:
    """Write what the commands printed into the page, under each command (WOL_REGEN=1)."""
    text = block.page.read_text(encoding="utf-8")
    new = "".join(f"$ {command}\n" + (f"{output}\n" if output else "")
                  for command, output in steps)
    old = f"```console\n{block.text}```\n"
    assert text.count(old) == 1, f"{block.id}: cannot find the block to regenerate"
    block.page.write_text(text.replace(old, f"```console\n{new}```\n"), encoding="utf-8")


def test_commands_are_in_blocks_that_run() -> None:
    """A command in a block of no language (or a `$ ` prompt in a `text` block) would
    escape this test: such a block is a shell block, or a `text` synopsis."""
    for page in PAGES:
        for block in blocks(page, every=True):
            for line in block.text.splitlines():
                prompt = line.startswith("$ ") and block.language in ("", "text")
                command = line.startswith(("workoutlang ", "wol ", ".venv/bin/")) \
                    and block.language == ""
                assert not (prompt or command), (
                    f"{block.id}: `{line}` is a command: fence it ```sh or ```console so "
                    "that it runs, or ```text if it is a synopsis")


def test_reasons_are_given() -> None:
    for block in ALL:
        if block.mark == "not-run":
            assert block.argument, f"{block.id}: say why it is not run: <!-- not-run: WHY -->"
        if block.mark == "file":
            assert block.argument and not Path(block.argument).is_absolute() \
                and ".." not in Path(block.argument).parts, f"{block.id}: a relative file name"


@pytest.mark.parametrize("block", RUN, ids=[block.id for block in RUN])
def test_shell_block_runs_as_written(block: Block,
                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    if block.mark == "not-run":
        pytest.skip(f"not-run: {block.argument}")
    folder = scratch(block.page, tmp_path_factory.getbasetemp())
    # the page's earlier blocks first, once each (also when this one runs alone: -k)
    for earlier in ALL:
        if earlier.page == block.page and earlier.line < block.line \
                and earlier.mark != "not-run" and earlier not in _ran:
            _ran.add(earlier)
            run_block(earlier, folder)
    _ran.add(block)
    run_block(block, folder)

