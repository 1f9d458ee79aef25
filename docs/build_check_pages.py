"""Write docs/checks/WOLnnn.md from each check's docstring: `python docs/build_check_pages.py`.

tests/test_docs.py fails when a page is out of date with its rule.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workoutlang.diagnostics import RULES, Rule

PAGES = Path(__file__).parent / "checks"
CASES = Path(__file__).parent.parent / "tests" / "data" / "checks"


def page(rule: Rule) -> str:
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
    cases = sorted(CASES.glob(f"{code}_*.wol"))
    if cases:
        lines += ["A whole file that triggers it (from the test suite; the `# E:`/`# W:` "
                  "comments mark the lines reported):", ""]
        for case in cases:
            lines += ["```wol", case.read_text(encoding="utf-8").rstrip(), "```", ""]
    lines += [f"Turn it off with `--disable {code}`, `# wol: disable={code}` in the file, or "
              f'`disable = ["{code}"]` under `[tool.workoutlang]` in pyproject.toml.', ""]
    return "\n".join(lines)


def pages() -> dict[str, str]:
    """Every rule with a check (not WOL001, the parser's: its page is written by hand)."""
    return {f"{rule.code}.md": page(rule) for rule in RULES if rule.check is not None}


if __name__ == "__main__":
    for name, text in pages().items():
        (PAGES / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(pages())} pages to {PAGES}", file=sys.stderr)
