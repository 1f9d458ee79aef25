"""Shared test helpers: the golden-file fixture, and cache resets under mutation testing."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterator

import pytest
from golden import Golden, check_golden

# --- golden files ----------------------------------------------------------------------


@pytest.fixture
def golden() -> Golden:
    """`golden(path, actual[, load])`: compare with a golden file (see tests/golden.py)."""
    return check_golden


# --- mutation testing ----------------------------------------------------------------------

# mutmut runs each mutant in a process forked from one that already ran the tests once:
# the package's caches (parsed chunks, expansions) would hand back results computed by the
# original code, and a mutant behind a cache hit could never be caught.
UNDER_MUTATION = "MUTANT_UNDER_TEST" in os.environ or "mutmut" in sys.modules


def _clear_package_caches() -> None:
    for name, module in list(sys.modules.items()):
        if not name.startswith("workoutlang") or module is None:
            continue
        for key, value in list(vars(module).items()):
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()
            elif type(value).__name__ == "IdentityMemo":
                value.clear()
            elif key == "_SHARED" and isinstance(value, dict):
                value.clear()  # the parser's table of shared values (transform._share)


@pytest.fixture(autouse=UNDER_MUTATION)
def _fresh_caches() -> Iterator[None]:
    _clear_package_caches()
    yield
