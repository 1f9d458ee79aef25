"""atheris harness: parsing and checking any text raises nothing but WorkoutlangError.

Run it from the repository root (see tests/fuzz/README.md):

    .venv/bin/python tests/fuzz/seed_corpus.py
    .venv/bin/python tests/fuzz/fuzz_parser.py tests/fuzz/corpus -dict=tests/fuzz/wol.dict \
        -max_total_time=600

Any other exception is a finding: libFuzzer stops, prints the traceback and
writes the input to crash-<hash>. When the formatter is there, formatted text
must also parse and format to itself.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import lark  # noqa: F401  (instrumented too: most of the parser's branches are in Lark)

    import workoutlang as wol
    from workoutlang.errors import WorkoutlangError

try:
    with atheris.instrument_imports():
        from workoutlang.formatter import format_text
except ImportError:  # the formatter is not there yet
    format_text = None


def test_one_input(data: bytes) -> None:
    # Files reach the parser as UTF-8 text (the CLI refuses anything else), so
    # decode leniently: every byte string becomes some text.
    text = data.decode("utf-8", errors="replace")
    try:
        tree = wol.parse(text, "fuzz.wol")
    except WorkoutlangError:
        return
    try:
        wol.check(tree)
    except WorkoutlangError:
        pass
    if format_text is not None:
        once = format_text(text)
        twice = format_text(once)
        if once != twice:
            raise AssertionError(f"format is not idempotent:\n{once!r}\n{twice!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
