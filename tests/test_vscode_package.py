"""The VS Code extension as it ships: `npm run package` bundles the client with
esbuild (vsce runs `vscode:prepublish` first) and packs a .vsix with vsce. The
.vsix (a zip) must hold what VS Code reads and nothing else: the manifest, the
bundled client, the grammar, the language configuration and the README.
`npm ci` in editors/vscode installs esbuild and vsce (.ci/run does)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

VSCODE = Path(__file__).parent.parent / "editors" / "vscode"

# vsce's own two files, then the extension's (vsce lower-cases README.md).
VSCE_FILES = {"[Content_Types].xml", "extension.vsixmanifest"}
EXTENSION_FILES = {
    "extension/package.json",
    "extension/dist/extension.js",
    "extension/language-configuration.json",
    "extension/readme.md",
    "extension/LICENSE.txt",
    "extension/THIRD_PARTY_NOTICES.txt",
}
# Zipped, the bundle is about 90 KB; node_modules let in by mistake is megabytes.
MAX_VSIX_BYTES = 300_000


def _package(out: Path) -> Path:
    npm = shutil.which("npm")
    assert npm, "npm is needed to package the VS Code extension (Node.js)"
    assert (VSCODE / "node_modules" / "@vscode" / "vsce").is_dir(), \
        "run `npm ci` in editors/vscode first"
    # Packaging must build the bundle itself, so an old one may not stand in for it.
    (VSCODE / "dist" / "extension.js").unlink(missing_ok=True)
    vsix = out / "workoutlang.vsix"
    result = subprocess.run([npm, "run", "package", "--", "--out", str(vsix)], cwd=VSCODE,
                            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    return vsix


def test_vsix_holds_the_bundle_grammar_configuration_and_readme_only(tmp_path: Path) -> None:
    vsix = _package(tmp_path)
    with zipfile.ZipFile(vsix) as archive:
        entries = {info.filename: info.file_size for info in archive.infolist()}
        manifest = json.loads(archive.read("extension/package.json"))
        grammar = archive.read("extension/syntaxes/workoutlang.tmLanguage.json")
        configuration = archive.read("extension/language-configuration.json")
        bundle = archive.read("extension/dist/extension.js")
        licence = archive.read("extension/LICENSE.txt")

    size = vsix.stat().st_size
    listing = "\n".join(f"{name:55} {entries[name]:>8}" for name in sorted(entries))
    print(f"{vsix.name}: {size} bytes\n{listing}")
    grammars = {f"extension/syntaxes/{path.name}" for path in (VSCODE / "syntaxes").glob("*.json")}
    assert set(entries) == VSCE_FILES | EXTENSION_FILES | grammars, listing
    assert size < MAX_VSIX_BYTES, f"{size} bytes:\n{listing}"

    # What the manifest points at is in the package, byte for byte as in the repository.
    assert f"extension/{manifest['main'].removeprefix('./')}" == "extension/dist/extension.js"
    (language,) = manifest["contributes"]["languages"]
    (grammar_entry,) = manifest["contributes"]["grammars"]
    assert language["configuration"] == "./language-configuration.json"
    assert configuration == (VSCODE / "language-configuration.json").read_bytes()
    assert grammar == (VSCODE / grammar_entry["path"]).read_bytes()
    assert "dependencies" not in manifest, "the client is bundled; nothing to install beside it"
    assert licence == (VSCODE.parent.parent / "LICENSE").read_bytes()

    # The bundle runs with no node_modules beside it (a stub stands in for `vscode`).
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "extension.js").write_bytes(bundle)
    result = subprocess.run(["node", str(VSCODE / "tests" / "load_bundle.js"),
                             str(alone / "extension.js")],
                            cwd=alone, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["activate", "deactivate"]


def test_the_notices_name_every_bundled_package_at_its_version(tmp_path: Path) -> None:
    """The minified bundle drops its packages' licence headers: THIRD_PARTY_NOTICES.txt
    carries them, and must name exactly what esbuild puts in the bundle."""
    esbuild = VSCODE / "node_modules" / ".bin" / "esbuild"
    meta = tmp_path / "meta.json"
    subprocess.run([str(esbuild), "extension.js", "--bundle", "--platform=node",
                    "--external:vscode", f"--metafile={meta}", f"--outfile={tmp_path / 'b.js'}",
                    "--log-level=error"], cwd=VSCODE, check=True, timeout=120)
    bundled = set()
    for source in json.loads(meta.read_text())["inputs"]:
        parts = source.split("node_modules/")[-1].split("/") if "node_modules/" in source else []
        if parts:
            name = "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]
            version = json.loads((VSCODE / "node_modules" / name / "package.json").read_text())
            bundled.add(f"{name} {version['version']}")
    notices = (VSCODE / "THIRD_PARTY_NOTICES.txt").read_text(encoding="utf-8")
    named = set(re.findall(r"^(\S+ \d+\.\d+\.\d+) \(", notices, re.M))
    assert named == bundled and bundled
