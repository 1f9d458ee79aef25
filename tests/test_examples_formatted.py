"""The bundled examples are in the formatter's canonical layout (`fmt --check` passes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workoutlang import format as format_text

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").rglob("*.wol"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_is_formatted(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_text(text) == text
