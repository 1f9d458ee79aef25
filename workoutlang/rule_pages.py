"""A rule's documentation page, written from its check's docstring, and where the
docs pages are.

docs/checks/WOLnnn.md (docs/build_check_pages.py) and `workoutlang explain CODE`
print the same text: the docs add the test suite's example files. The wheel ships
docs/ as workoutlang/docs/ (pyproject.toml), so `workoutlang docs` and the language
server's links find the pages in an install as in a checkout.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from .diagnostics import Rule


@functools.cache
def docs_folder() -> Path | None:
    """workoutlang/docs/ in an installed wheel, docs/ beside the package in a checkout
    (an editable install); None when neither holds the check pages."""
    package = Path(__file__).parent
    for folder in (package / "docs", package.parent / "docs"):
        if (folder / "checks" / "WOL001.md").is_file():
            return folder
    return None


def topics() -> dict[str, Path]:
    """Every page by its name under docs/ without `.md` (`tutorial`, `outputs/fit`,
    `checks/WOL006`; a folder's README.md is the folder: `checks`), top-level first."""
    folder = docs_folder()
    if folder is None:
        return {}
    found = {}
    for path in sorted(folder.rglob("*.md"), key=lambda p: (len(p.parts), p.as_posix())):
        name = path.relative_to(folder).with_suffix("").as_posix()
        found[name.removesuffix("/README")] = path
    return found


def title(path: Path) -> str:
    """A page's first `# ` heading."""
    with path.open(encoding="utf-8") as file:
        for line in file:
            if line.startswith("# "):
                return line[2:].strip()
    return ""


@functools.cache  # per diagnostic sent: the pages do not move while the server runs
def check_page_uri(code: str) -> str | None:
    """A file:// URL of the code's docs page, as installed; None when it is not there."""
    folder = docs_folder()
    path = folder / "checks" / f"{code}.md" if folder is not None else None
    return path.as_uri() if path is not None and path.is_file() else None


def page(rule: Rule, cases: Iterable[str] = ()) -> str:
    """Markdown: title, default severity, summary, the docstring's paragraphs with its
    indented examples as `wol` code, then `cases` (whole example files) and how to
    turn the code off."""
    code = rule.code
    summary, _, body = rule.doc.partition("\n")
    lines = [f"# {code} {rule.name}", "", f"**Default severity:** {rule.severity.value}", "",
             summary, ""]
    code_lines: list[str] = []
    prose: list[str] = []  # the lines of a paragraph, up to a blank line or code
    for text in body.strip().splitlines() + [""]:
        if text.startswith("    "):
            if prose:
                lines += [" ".join(prose), ""]
                prose = []
            code_lines.append(text[4:])
            continue
        if code_lines:
            lines += ["```wol", *code_lines, "```", ""]
            code_lines = []
        if text.strip():
            prose.append(text.strip())
        elif prose:
            lines += [" ".join(prose), ""]
            prose = []
    cases = list(cases)
    if cases:
        lines += ["A whole file that triggers it (from the test suite; the `# E:`/`# W:` "
                  "comments mark the lines reported):", ""]
        for case in cases:
            lines += ["```wol", case.rstrip(), "```", ""]
    if rule.check is None:  # WOL001: the parser's, which nothing turns off
        return "\n".join(lines)
    lines += [f"Turn it off with `--disable {code}`, `# wol: disable={code}` in the file, or "
              f'`disable = ["{code}"]` under `[tool.workoutlang]` in pyproject.toml.', ""]
    return "\n".join(lines)
