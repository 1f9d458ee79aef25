"""A rule's documentation page, written from its check's docstring.

docs/checks/WOLnnn.md (docs/build_check_pages.py) and `workoutlang explain CODE`
print the same text: the docs add the test suite's example files, which are not
installed with the package.
"""

from __future__ import annotations

from collections.abc import Iterable

from .diagnostics import Rule


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
