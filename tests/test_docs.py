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


def test_no_link_to_a_workoutlang_site() -> None:
    """workoutlang has no web site: a page links to the docs shipped with the package (the
    language server: a file:// URL of the installed page), and an identifier that must look
    like a URL (a JSON schema's $id) says it is none with the reserved `.invalid`."""
    # uuid5's namespace for calendar UIDs: a name, never fetched; changing it would change
    # the UID of every event already imported into a calendar
    names = {'uuid.uuid5(uuid.NAMESPACE_URL, "https://workoutlang.dev/ics")'}
    texts = [path for path in (ROOT / "workoutlang").rglob("*")
             if path.suffix in (".py", ".json", ".j2", ".css", ".toml", ".md", ".lark")]
    for path in [*texts, ROOT / "README.md", ROOT / "pyproject.toml", *DOCS.rglob("*.md")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            for host in re.findall(r"https?://([^/\s\"')]*workoutlang[^/\s\"')]*)", line):
                assert host.endswith(".invalid") or any(name in line for name in names), \
                    f"{path.relative_to(ROOT)} links to {host}, which does not exist"
