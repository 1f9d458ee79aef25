"""The README's plan is written the way `workoutlang fmt` writes it (issue 16.10): the
first plan a reader copies is already in the canonical layout, and it checks clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import workoutlang as wol

README = Path(__file__).parent.parent / "README.md"
BLOCKS = re.findall(r"^```wol\n(.*?)^```$", README.read_text(encoding="utf-8"),
                    re.MULTILINE | re.DOTALL)


def test_the_readme_has_a_plan() -> None:
    assert BLOCKS


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: block.splitlines()[0][:40])
def test_the_readme_plan_is_fmt_stable(block: str) -> None:
    assert wol.format(block) == block


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: block.splitlines()[0][:40])
def test_the_readme_plan_checks_clean(block: str) -> None:
    assert wol.check(wol.parse(block, "README.md")) == []
