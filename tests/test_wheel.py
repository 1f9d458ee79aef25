"""The package as a user gets it: `python -m build` makes an sdist and a wheel that
`twine check` passes, and the wheel, installed into a fresh virtual environment away
from the checkout, carries the grammar, the data files and the docs pages and runs every
command.

The fresh environment installs the wheel's dependencies from the package index, as a
user's `pip install` would: this also proves that the declared dependencies suffice.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from workoutlang import __version__
from workoutlang.backends import TARGETS

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"

PROGRAM = """
import sys
sys.path.insert(0, sys.argv[1])
import workoutlang as wol
assert wol.__file__.startswith(sys.argv[1]), wol.__file__
tree = wol.parse('plan "p" weeks 1:\\n  session "a" on mon:\\n'
                 '    step_up 3x8 tempo 3-1-1 each_leg\\n')
print(sorted(d.code for d in wol.check(tree)))
from workoutlang import cli
from workoutlang.rule_pages import check_page_uri
print(check_page_uri("WOL006"))
cli.main(["docs", "WOL006"])
"""

BAD = 'plan "p" weeks 1:\n  session "a" on mon:\n    step_up 3x8\n'
MESSY = 'plan "p" weeks 1:\n  session "a" on mon:\n    step_up   3x8    each_leg\n'
LOG = ["log/plan.wol", "--log", "log/log.wol"]

# (id, arguments, exit code, words the output holds, a file the command writes), run in
# a scratch folder holding plan.wol (examples/runner_two_day.wol), bad.wol, messy.wol
# and log/ (examples/training_log). Every command of `workoutlang --help` needs one.
COMMANDS: list[tuple[str, list[str], int, str, str | None]] = [
    ("version", ["--version"], 0, f"workoutlang {__version__}", None),
    ("check", ["check", "plan.wol"], 0, "", None),
    ("check-errors", ["check", "bad.wol"], 1, "error[WOL006]", None),
    ("check-json", ["check", "--format", "json", "bad.wol"], 1, '"code": "WOL006"', None),
    ("check-github", ["check", "--format", "github", "bad.wol"], 1,
     "::error file=bad.wol,line=3,col=5,title=WOL006 missing-side::", None),
    ("check-sarif", ["check", "--format", "sarif", "bad.wol"], 1, '"version": "2.1.0"', None),
    ("check-stats", ["check", "--stats", "plan.wol"], 0, "quad/posterior", None),
    ("check-log", ["check", "log/log.wol", "--plan", "log/plan.wol"], 0, "", None),
    *[(f"compile-{target}", ["compile", "plan.wol", "--to", target, "-o", f"out-{target}/"],
       0, "", f"out-{target}/*{suffix or ''}") for target, (_, suffix) in TARGETS.items()],
    ("show", ["show", "plan.wol", "--week", "2"], 0, "week 2 of 8", None),
    ("fmt-check", ["fmt", "--check", "plan.wol"], 0, "", None),
    ("fmt", ["fmt", "messy.wol"], 0, "reformatted messy.wol", None),
    ("exercises", ["exercises", "--tag", "core"], 0, "dead_bug", None),
    ("exercises-json", ["exercises", "--format", "json"], 0, '"fit":', None),
    ("exercises-search", ["exercises", "single leg"], 0, "single_leg_deadlift", None),
    ("completion", ["completion", "bash"], 0, "-F _python_argcomplete workoutlang wol", None),
    ("explain", ["explain", "missing-side"], 0, "# WOL006 missing-side", None),
    ("checks", ["checks"], 0, "WOL204", None),
    ("docs", ["docs", "missing-side"], 0, "# WOL006 missing-side", None),
    ("docs-topics", ["docs"], 0, "Tutorial: your first plan", None),
    ("next", ["next", *LOG], 0, "worked out from the log", None),
    ("next-fit", ["next", *LOG, "--to", "fit", "-o", "watch/"], 0, "", "watch/*.fit"),
    ("review", ["review", *LOG], 0, "Review of", None),
    ("review-html", ["review", *LOG, "--to", "html", "-o", "review.html"], 0, "",
     "review.html"),
    ("log", ["log", "import", "log/week7-lower-body.fit", "--plan", "log/plan.wol",
             "--timezone", "Europe/Oslo"], 0, "romanian_deadlift", None),
]
# `lsp` speaks on stdio: test_the_installed_language_server_starts_and_shuts_down
COVERED_ELSEWHERE = {"lsp"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, as `python -m build` makes them (the wheel from the
    sdist, so the sdist holds all it needs); no isolation: hatchling is a test tool."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "-o", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("workoutlang-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin` folder of a fresh virtual environment, outside the checkout, with the
    wheel installed."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
                   check=True, capture_output=True, timeout=600)
    return venv / "bin"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scratch")
    shutil.copy(EXAMPLES / "runner_two_day.wol", folder / "plan.wol")
    shutil.copytree(EXAMPLES / "training_log", folder / "log")
    (folder / "bad.wol").write_text(BAD, encoding="utf-8")
    (folder / "messy.wol").write_text(MESSY, encoding="utf-8")
    return folder


def away(bin_folder: Path) -> dict[str, str]:
    """An environment that reaches nothing of the checkout."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return {**env, "PATH": f"{bin_folder}{os.pathsep}{env.get('PATH', '')}", "NO_COLOR": "1"}


def test_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    built = sorted(dist.iterdir())
    assert sorted(path.suffix for path in built) == [".gz", ".whl"], built
    result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, built)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


def test_the_sdist_holds_the_package_its_grammar_docs_and_examples(dist: Path) -> None:
    (sdist,) = dist.glob("workoutlang-*.tar.gz")
    with tarfile.open(sdist) as archive:
        top = {name.split("/")[1] for name in archive.getnames() if "/" in name}
    assert top == {".gitignore", "PKG-INFO", "pyproject.toml", "README.md", "LICENSE",
                   "workoutlang", "grammar", "docs", "examples"}


def test_metadata_says_what_the_package_is(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(f"workoutlang-{__version__}.dist-info/METADATA").decode()
    metadata = Parser().parsestr(text)
    assert metadata["Summary"] == "A declarative language and compiler for strength training plans"
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    with zipfile.ZipFile(wheel) as archive:
        licence = archive.read(f"workoutlang-{__version__}.dist-info/licenses/LICENSE")
    assert licence == (Path(__file__).parent.parent / "LICENSE").read_bytes()
    assert metadata["Requires-Python"] == ">=3.11"
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "Programming Language :: Python :: 3.11" in metadata.get_all("Classifier")
    # the project has no public address yet: no URL may say otherwise
    assert metadata.get_all("Project-URL") is None and metadata["Home-page"] is None
    with zipfile.ZipFile(wheel) as archive:
        entry_points = archive.read(f"workoutlang-{__version__}.dist-info/entry_points.txt")
    assert b"workoutlang = workoutlang.cli:main" in entry_points
    assert b"wol = workoutlang.cli:main" in entry_points


def test_installed_wheel_finds_grammar_and_data(wheel: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "workoutlang/grammar/workoutlang.lark" in names
        assert "workoutlang/data/catalogue.toml" in names
        # the pdf target's bundled fonts, their licence and the CSS declaring them
        assert {"workoutlang/data/fonts/DejaVuSansCondensed.ttf",
                "workoutlang/data/fonts/DejaVuSansCondensed-Bold.ttf",
                "workoutlang/data/fonts/LICENSE", "workoutlang/templates/fonts.css"} <= names
        # docs/ as workoutlang/docs/: every page, not the pages' builder nor the screenshot
        pages = {name.removeprefix("workoutlang/") for name in names
                 if name.startswith("workoutlang/docs/")}
        assert pages == {path.relative_to(ROOT).as_posix()
                         for path in (ROOT / "docs").rglob("*.md")}
        archive.extractall(tmp_path / "site")
    result = subprocess.run([sys.executable, "-c", PROGRAM, str(tmp_path / "site")],
                            capture_output=True, text=True, cwd=tmp_path, check=True)
    # step_up counts as posterior-chain work too (docs/catalogue.md): no WOL102, no WOL105
    codes, uri, page = result.stdout.split("\n", 2)
    assert codes == "['WOL101', 'WOL106', 'WOL107']"
    # the language server's link and `workoutlang docs` read the installed page
    assert uri == (tmp_path / "site" / "workoutlang" / "docs" / "checks" / "WOL006.md").as_uri()
    assert page == (ROOT / "docs" / "checks" / "WOL006.md").read_text(encoding="utf-8")


def test_the_fresh_environment_imports_the_installed_package(installed: Path,
                                                             scratch: Path) -> None:
    result = subprocess.run([str(installed / "python"), "-c",
                             "import workoutlang; print(workoutlang.__file__)"],
                            capture_output=True, text=True, cwd=scratch, env=away(installed),
                            check=True, timeout=60)
    where = Path(result.stdout.strip())
    assert where.is_relative_to(installed.parent) and not where.is_relative_to(ROOT)


@pytest.mark.parametrize(("arguments", "code", "said", "writes"),
                         [case[1:] for case in COMMANDS], ids=[case[0] for case in COMMANDS])
def test_every_command_runs_from_the_installed_wheel(
        installed: Path, scratch: Path, arguments: list[str], code: int, said: str,
        writes: str | None) -> None:
    result = subprocess.run([str(installed / "workoutlang"), *arguments], capture_output=True,
                            text=True, cwd=scratch, env=away(installed), timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == code, output
    assert said in output
    assert "Traceback" not in output
    if writes is not None:
        assert list(scratch.glob(writes)), f"{writes} not written: {output}"


def test_every_command_has_a_smoke_case(installed: Path) -> None:
    """A new command must be added to COMMANDS (or be tested on its own)."""
    result = subprocess.run([str(installed / "python"), "-c",
                             "from workoutlang.cli import _SUBCOMMANDS; print(*_SUBCOMMANDS)"],
                            capture_output=True, text=True, env=away(installed), check=True,
                            timeout=60)
    commands = set(result.stdout.split())
    assert {"check", "compile", "lsp"} <= commands
    smoked = {arguments[0] for _, arguments, *_ in COMMANDS} | COVERED_ELSEWHERE
    assert commands - smoked == set(), "add a case to COMMANDS in tests/test_wheel.py"


@pytest.mark.parametrize("program", [["wol"], ["python", "-m", "workoutlang"]])
def test_the_alias_and_python_m_run_too(installed: Path, scratch: Path,
                                        program: list[str]) -> None:
    result = subprocess.run([str(installed / program[0]), *program[1:], "check", "bad.wol"],
                            capture_output=True, text=True, cwd=scratch, env=away(installed),
                            timeout=60)
    assert result.returncode == 1 and "error[WOL006]" in result.stdout


def _message(body: dict[str, object]) -> bytes:
    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(data), data)


def _read_response(stream: object, request_id: int) -> dict[str, object]:
    """The response to `request_id`; the server's notifications before it are skipped."""
    assert hasattr(stream, "readline") and hasattr(stream, "read")
    while True:
        length = 0
        while (header := stream.readline()) not in (b"\r\n", b""):
            name, _, value = header.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        assert length, "the server closed its output"
        message: dict[str, object] = json.loads(stream.read(length))
        if message.get("id") == request_id:
            return message


def test_the_installed_language_server_starts_and_shuts_down(installed: Path,
                                                             scratch: Path) -> None:
    """initialize, initialized, shutdown, exit over stdio; the server exits with 0."""
    server = subprocess.Popen([str(installed / "workoutlang"), "lsp"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=scratch,
                              env=away(installed))
    assert server.stdin is not None and server.stdout is not None
    try:
        server.stdin.write(_message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                     "params": {"processId": None, "rootUri": None,
                                                "capabilities": {}}}))
        server.stdin.flush()
        initialized = _read_response(server.stdout, 1)
        result = initialized["result"]
        assert isinstance(result, dict)
        assert result["serverInfo"]["name"] == "workoutlang"
        assert "textDocumentSync" in result["capabilities"]
        server.stdin.write(_message({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        server.stdin.write(_message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        server.stdin.flush()
        assert _read_response(server.stdout, 2)["result"] is None
        server.stdin.write(_message({"jsonrpc": "2.0", "method": "exit"}))
        server.stdin.flush()
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
