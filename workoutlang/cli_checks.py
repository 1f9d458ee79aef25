"""`workoutlang explain CODE`, `workoutlang docs [TOPIC]` and `workoutlang checks`:
the rules table and the docs read aloud.

`explain` prints a rule's page (rule_pages.page, the text docs/checks/ is built
from). `docs` prints any page of docs/ as the package ships it: a check's whole
page (explain's text and the test suite's example files), the tutorial, the
language reference…; with no topic it lists them. `checks` lists every code with
its severity as `check` would apply it here: the nearest pyproject.toml's
`[tool.workoutlang]` from the current folder, then `--disable`/`--enable`/`--strict`
(a file's own `# wol: disable=` comments are the file's business, not shown).
"""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path

from . import cli
from .diagnostics import CODES, NAMES, RULES, Severity, resolve_code


def add_explain_arguments(sub: argparse.ArgumentParser) -> None:
    cli._tab_offers(sub.add_argument("code", metavar="CODE",
                                     help="a code or name: WOL006, wol006, missing-side"),
                    "codes")


def add_docs_arguments(sub: argparse.ArgumentParser) -> None:
    cli._tab_offers(sub.add_argument(
        "topic", metavar="TOPIC", nargs="?",
        help="a page (tutorial, language, outputs/fit) or a check code or name; "
        "none lists them"), "docs_topics")


def add_checks_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--strict", action="store_true", help="warnings fail too")
    cli._tab_offers(sub.add_argument(
        "--disable", action="append", default=[], metavar="CODE",
        help="show a check as off (code or name; repeat or comma-separate)"), "codes")
    cli._tab_offers(sub.add_argument("--enable", action="append", default=[], metavar="CODE",
                                     help="show a check as back on"), "codes")
    sub.add_argument("--format", choices=("text", "json"), default="text")


def explain(args: argparse.Namespace) -> int:
    from .rule_pages import page

    code = resolve_code(args.code)
    if code is None:
        raise cli.UsageError(f"unknown check code {args.code.strip()!r}{_nearest(args.code)} "
                             "(`workoutlang checks` lists every code)")
    print(page(CODES[code]), end="")
    return cli.EXIT_OK


def docs(args: argparse.Namespace) -> int:
    from .rule_pages import page, topics

    pages = topics()
    if args.topic is None:
        _list_topics(pages)
        return cli.EXIT_OK
    word = args.topic.strip().removesuffix(".md")
    code = resolve_code(word.removeprefix("checks/"))
    name = f"checks/{code}" if code is not None else _page_named(word, pages)
    if name in pages:
        print(pages[name].read_text(encoding="utf-8"), end="")
    elif code is not None:  # pages not installed (a source tree without docs/)
        print(page(CODES[code]), end="")
    else:
        close = difflib.get_close_matches(word.lower(), list(pages), n=1, cutoff=0.6)
        nearest = f"; did you mean {close[0]}?" if close else _nearest(word)
        raise cli.UsageError(f"unknown docs topic {word!r}{nearest} "
                             "(`workoutlang docs` lists the topics)")
    return cli.EXIT_OK


def _page_named(word: str, pages: dict[str, Path]) -> str:
    """A page by its whole name (`outputs/fit`) or, when no other page shares it, by
    its last part (`fit`)."""
    if word.lower() in pages:
        return word.lower()
    ends = [name for name in pages if name.rpartition("/")[2] == word.lower()]
    return ends[0] if len(ends) == 1 else word


def _list_topics(pages: dict[str, Path]) -> None:
    from .rule_pages import docs_folder, title

    if pages:
        print(f"Pages ({docs_folder()}):")
        width = max(len(name) for name in pages if not name.startswith("checks/"))
        for name, path in pages.items():
            if not name.startswith("checks/"):
                print(f"  {name:<{width}}  {title(path)}")
    else:
        print("The docs pages are not installed here; the checks' own pages are:")
    print("Checks (by code or name: workoutlang docs WOL006, workoutlang docs missing-side):")
    for rule in RULES:
        print(f"  {rule.code}  {rule.name}")


def _nearest(text: str) -> str:
    """`; did you mean WOL106 (session-frequency)?`, or nothing when none is close."""
    word = text.strip()
    close = difflib.get_close_matches(word.upper(), list(CODES), n=1, cutoff=0.6) or \
        difflib.get_close_matches(word.lower(), list(NAMES), n=1, cutoff=0.6)
    if not close:
        return ""
    code = resolve_code(close[0])
    assert code is not None
    return f"; did you mean {code} ({CODES[code].name})?"


def checks(args: argparse.Namespace) -> int:
    config = cli._config(args, "-")  # "-": the pyproject.toml nearest the current folder
    rows = []
    for rule in RULES:
        severity = config.severity_of(rule.code, rule.severity)
        on = severity is not Severity.OFF
        rows.append({
            "code": rule.code,
            "name": rule.name,
            "default_severity": rule.severity.value,
            "severity": severity.value,  # "off" when it is off
            "on": on,
            # whether a finding of it fails a run (exit 1; compile refuses)
            "fails": severity is Severity.ERROR or (config.strict and on),
            "summary": rule.summary,
        })
    if args.format == "json":
        import json

        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return cli.EXIT_OK
    name_width = max(len(rule.name) for rule in RULES)
    print(f"{'code':<6}  {'name':<{name_width}}  {'severity':<9}  {'on':<3}  summary")
    for row in rows:
        shown = str(row["severity"]) + ("*" if row["severity"] != row["default_severity"]
                                        else "")
        print(f"{row['code']:<6}  {row['name']:<{name_width}}  {shown:<9}  "
              f"{'yes' if row['on'] else 'no':<3}  {row['summary']}")
    if any(row["severity"] != row["default_severity"] for row in rows):
        print("* not its default severity: set by pyproject.toml or the command line")
    if config.strict:
        print("--strict: warnings fail the run as errors do")
    return cli.EXIT_OK
