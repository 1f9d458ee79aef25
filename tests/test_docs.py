"""The docs stay true: check pages match their rules, and every link points somewhere."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"


def test_check_pages_are_built_from_the_rules() -> None:
    pages = runpy.run_path(str(DOCS / "build_check_pages.py"))["pages"]()
    for name, text in pages.items():
        assert (DOCS / "checks" / name).read_text(encoding="utf-8") == text, \
            f"docs/checks/{name} is out of date: run python docs/build_check_pages.py"


def test_every_code_has_a_page() -> None:
    from workoutlang.diagnostics import CODES

    for code in CODES:
        assert (DOCS / "checks" / f"{code}.md").is_file(), code


def test_relative_links_resolve() -> None:
    for page in [ROOT / "README.md", *DOCS.rglob("*.md")]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links to {target}"
