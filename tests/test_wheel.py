"""The built wheel carries the grammar, the data files and the docs pages, and works away
from the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent

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


def test_installed_wheel_finds_grammar_and_data(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("workoutlang-*.whl")
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
