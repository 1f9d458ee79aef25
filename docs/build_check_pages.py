"""Write docs/checks/WOLnnn.md from each check's docstring: `python docs/build_check_pages.py`.

The page text is workoutlang.rule_pages.page (what `workoutlang explain` prints);
here each page also gets the test suite's example files for its code.
tests/test_docs.py fails when a page is out of date with its rule.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workoutlang.diagnostics import RULES, Rule
from workoutlang.rule_pages import page as rule_page

PAGES = Path(__file__).parent / "checks"
CASES = Path(__file__).parent.parent / "tests" / "data" / "checks"


def page(rule: Rule) -> str:
    cases = sorted(CASES.glob(f"{rule.code}_*.wol"))
    return rule_page(rule, (case.read_text(encoding="utf-8") for case in cases))


def pages() -> dict[str, str]:
    """Every rule with a check (not WOL001, the parser's: its page is written by hand)."""
    return {f"{rule.code}.md": page(rule) for rule in RULES if rule.check is not None}


if __name__ == "__main__":
    for name, text in pages().items():
        (PAGES / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(pages())} pages to {PAGES}", file=sys.stderr)
