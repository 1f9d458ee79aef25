"""The golden-file helper: it compares, it rewrites on WOL_REGEN, and it refuses to
rewrite under CI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import check_golden


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WOL_REGEN", raising=False)
    monkeypatch.delenv("CI", raising=False)


def test_same_text_passes_and_other_text_fails(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text("old\n", encoding="utf-8")
    check_golden(path, "old\n")
    with pytest.raises(AssertionError, match="case.json differs"):
        check_golden(path, "new\n")


def test_load_compares_what_the_texts_mean(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text('{"a": 1}', encoding="utf-8")
    check_golden(path, '{\n  "a": 1\n}\n', load=json.loads)
    with pytest.raises(AssertionError):
        check_golden(path, '{"a": 2}', load=json.loads)


def test_regen_rewrites_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sub" / "case.json"
    monkeypatch.setenv("WOL_REGEN", "1")
    check_golden(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"


def test_regen_is_refused_under_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "case.json"
    path.write_text("old\n", encoding="utf-8")
    monkeypatch.setenv("WOL_REGEN", "1")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="WOL_REGEN is set under CI"):
        check_golden(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"


def test_a_missing_golden_file_fails(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="no golden file"):
        check_golden(tmp_path / "none.json", "x")
