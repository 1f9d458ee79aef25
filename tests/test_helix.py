"""editors/helix/languages.toml against what it describes. Helix is not installed
here, so the file is read with tomllib: its keys must be ones Helix reads, its
comment token and indent the language's, and its language server command must
start a server that answers `initialize` with the features Helix is told to use.

Helix's keys are from helix-editor/helix, helix-core/src/syntax/config.rs
(commit 918ac8b8632d1a0d522c15fdcc2781129a41d079): `LanguageConfiguration`
denies unknown fields; `comment-token` is an alias of `comment-tokens`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import workoutlang
from workoutlang.formatter import INDENT

ROOT = Path(__file__).parent.parent
HELIX = ROOT / "editors" / "helix" / "languages.toml"
VSCODE = ROOT / "editors" / "vscode"
SETUP = ROOT / "docs" / "editor-setup.md"

HELIX_LANGUAGE_KEYS = {
    "name", "language-id", "scope", "file-types", "shebangs", "roots", "comment-token",
    "comment-tokens", "block-comment-tokens", "text-width", "soft-wrap", "auto-format",
    "formatter", "path-completion", "word-completion", "diagnostic-severity", "grammar",
    "injection-regex", "language-servers", "indent", "debugger", "auto-pairs", "rulers",
    "workspace-lsp-roots", "persistent-diagnostic-sources",
}
HELIX_REQUIRED_KEYS = {"name", "scope", "file-types"}
HELIX_SERVER_KEYS = {"command", "args", "environment", "config", "timeout",
                     "required-root-patterns"}


def _config() -> tuple[dict[str, Any], dict[str, Any]]:
    config = tomllib.loads(HELIX.read_text(encoding="utf-8"))
    (language,) = config["language"]
    return language, config["language-server"]


def test_the_language_entry_uses_only_keys_helix_reads() -> None:
    language, servers = _config()
    assert HELIX_REQUIRED_KEYS <= set(language) <= HELIX_LANGUAGE_KEYS, set(language)
    assert set(language["indent"]) == {"tab-width", "unit"}
    for server in servers.values():
        assert "command" in server and set(server) <= HELIX_SERVER_KEYS


def test_the_docs_show_the_same_entry() -> None:
    text = SETUP.read_text(encoding="utf-8")
    helix = text[text.index("## Helix\n"):]
    block = helix[helix.index("```toml\n") + len("```toml\n"):]
    block = block[:block.index("```")]
    assert tomllib.loads(block) == tomllib.loads(HELIX.read_text(encoding="utf-8"))


def test_name_scope_and_file_types_are_the_vscode_extensions() -> None:
    language, _ = _config()
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    (vscode_language,) = manifest["contributes"]["languages"]
    (grammar,) = manifest["contributes"]["grammars"]
    assert language["name"] == vscode_language["id"]
    assert language["file-types"] == [e.removeprefix(".") for e in vscode_language["extensions"]]
    assert language["scope"] == grammar["scopeName"]
    tm_grammar = json.loads((VSCODE / grammar["path"]).read_text(encoding="utf-8"))
    assert tm_grammar["scopeName"] == language["scope"]


def test_comment_token_and_indent_are_the_languages() -> None:
    language, _ = _config()
    token = language["comment-token"]
    configuration = json.loads((VSCODE / "language-configuration.json").read_text("utf-8"))
    assert token == configuration["comments"]["lineComment"]
    # the parser reads a line starting with the token as a comment, and the formatter keeps it
    plan = (f"{token} a comment\n"
            'plan "P" weeks 1:\n'
            f'{INDENT}session "A" on mon:\n'
            f"{INDENT * 2}squat 3x5 @ 60kg\n")
    workoutlang.parse(plan)
    assert workoutlang.format(plan).startswith(f"{token} a comment\n")
    assert language["indent"] == {"tab-width": len(INDENT), "unit": INDENT}


def _framed(*messages: dict[str, Any]) -> bytes:
    """`messages` as an LSP client writes them (Content-Length framing)."""
    bodies = [json.dumps(message).encode() for message in messages]
    return b"".join(b"Content-Length: %d\r\n\r\n%s" % (len(body), body) for body in bodies)


def _unframed(data: bytes) -> list[dict[str, Any]]:
    """The messages in what a server wrote."""
    messages = []
    while data:
        header, _, rest = data.partition(b"\r\n\r\n")
        fields = dict(line.split(b":", 1) for line in header.split(b"\r\n"))
        length = int(fields[b"Content-Length"])
        messages.append(json.loads(rest[:length]))
        data = rest[length:]
    return messages


def test_the_language_server_command_starts_the_server() -> None:
    language, servers = _config()
    assert language["language-servers"] == ["workoutlang"]
    server = servers["workoutlang"]
    # Helix runs `command` from PATH; here the venv's bin folder comes first
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    command = shutil.which(server["command"], path=path)
    assert command, f"{server['command']} is not on PATH"
    session = _framed(
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"})
    result = subprocess.run([command, *server["args"]], input=session, capture_output=True,
                            timeout=120)
    answers = {m.get("id"): m for m in _unframed(result.stdout)}
    assert 1 in answers, result.stderr.decode(errors="replace")
    answer = answers[1]
    capabilities = answer["result"]["capabilities"]
    assert capabilities["hoverProvider"] and capabilities["completionProvider"]
    # auto-format = true formats on save through the server's formatting
    assert language["auto-format"] is True and capabilities["documentFormattingProvider"]
