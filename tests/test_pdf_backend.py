"""The pdf target, read back with pypdf: every exercise and the plan's name are
in its text, and the pages have the paper's size. Layout is the html target's,
tested there; this file checks what WeasyPrint made of it.
"""

from __future__ import annotations

import functools
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pypdf
import pytest
import v2_programs
from fontTools.ttLib import TTFont

from workoutlang import compiler, expand
from workoutlang.backends import EmitOptions, pdf
from workoutlang.parser import parse

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "outputs"

# points: 1 in = 72 pt, 1 mm = 72 / 25.4 pt
PAGE_SIZES = {"a4": (210 * 72 / 25.4, 297 * 72 / 25.4), "letter": (8.5 * 72, 11 * 72)}


@functools.cache  # WeasyPrint takes seconds a document: render each one once
def pdf_of(path: Path, paper: str = "a4") -> tuple[expand.Program, pypdf.PdfReader]:
    program = program_of(path)
    data = pdf.emit(program, EmitOptions(paper=paper))
    assert data.startswith(b"%PDF-")
    return program, pypdf.PdfReader(io.BytesIO(data), strict=True)


def program_of(path: Path) -> expand.Program:
    """The program the compiler builds from a plan file (checks run, weeks expanded)."""
    return compiler.build_program(parse(path.read_text(encoding="utf-8"), path.name))


def words(reader: pypdf.PdfReader) -> str:
    """The text of every page, whitespace collapsed (names may wrap in a cell)."""
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_text_holds_the_plan_and_every_exercise() -> None:
    """marathon_build has week blocks, a deload, supersets and circuits."""
    program, reader = pdf_of(ROOT / "examples" / "marathon_build.wol")
    found = words(reader)
    for plan in program.plans:
        assert plan.plan.name in found
        for week in plan.weeks:
            for session in week.sessions:
                assert session.name in found
                for item in session.all_items():
                    assert item.exercise.display in found, item.exercise.display


@pytest.mark.parametrize("paper", sorted(PAGE_SIZES))
def test_every_page_has_the_paper_size(paper: str) -> None:
    _, reader = pdf_of(DATA / "escaping.wol", paper)
    width, height = PAGE_SIZES[paper]
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.5)


def test_a_session_starts_a_page() -> None:
    program, reader = pdf_of(ROOT / "examples" / "marathon_build.wol")
    names = [s.name for s in program.plans[0].weeks[0].sessions]
    firsts = [" ".join(page.extract_text().split())[:200] for page in reader.pages]
    for name in names:
        assert any(name in first for first in firsts[1:])


def test_importing_the_backend_does_not_import_weasyprint() -> None:
    code = ("import sys, workoutlang.backends.pdf, workoutlang.backends.html; "
            "print('weasyprint' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_same_input_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Font subsets carry no clock time (fontTools stamps them unless told otherwise)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    program = program_of(DATA / "escaping.wol")
    first = pdf.emit(program, EmitOptions())
    time.sleep(1.1)  # font timestamps have a resolution of one second
    assert pdf.emit(program, EmitOptions()) == first
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_a_v2_plan_prints_its_schemes_weights_and_turns() -> None:
    reader = pypdf.PdfReader(io.BytesIO(v2_programs.emitted("pdf")))
    text = words(reader)
    for shown in ("240 lb (85% TM)", "185 lb, RPE 8", "3×40 m", "1×5+", "1–2 × a week",
                  "In turn with B", "W1 Fri"):
        assert shown in text


def test_the_log_is_dated_by_session_day_with_a_line_a_set() -> None:
    """runner_two_day starts Mon 4 Jan 2027, its second session on Thursdays: the log's
    columns carry those days, and each set of a loaded line is a `kg ×` line to fill in."""
    program, reader = pdf_of(ROOT / "examples" / "runner_two_day.wol")
    found = words(reader)
    assert "W1 Mon 4 Jan" in found and "W1 Thu 7 Jan" in found
    assert "W8 Thu 25 Feb" in found
    romanian = next(i for i in program.plans[0].weeks[0].sessions[0].all_items()
                    if i.exercise.name == "romanian_deadlift")
    assert romanian.sets == 3
    # four weeks a table, eight weeks: 2 tables × 4 columns × 3 sets
    log_page = next(p for p in reader.pages if "Romanian deadlift" in p.extract_text()
                    and "W1 Mon 4 Jan" in " ".join(p.extract_text().split()))
    assert " ".join(log_page.extract_text().split()).count("kg ×") >= 4 * romanian.sets


def test_the_fonts_are_the_bundled_ones_not_the_machines() -> None:
    """Every font embedded is the bundled DejaVu Sans Condensed (its name table survives
    subsetting), named by the family fonts.css declares: no system font is used, even
    for the arrows and signs (→, ↳, ×, –) of the tables."""
    _, reader = pdf_of(DATA / "escaping.wol")
    _, v2 = pdf_of(ROOT / "examples" / "runner_two_day.wol")
    found = {}
    for page in [*reader.pages, *v2.pages]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            data = descriptor.get_object()["/FontFile2"].get_object().get_data()
            found[str(font["/BaseFont"]).split("+", 1)[1]] = \
                TTFont(io.BytesIO(data))["name"].getDebugName(4)
    assert set(found.values()) == {"DejaVu Sans Condensed", "DejaVu Sans Condensed Bold"}
    assert all(name.startswith("Workoutlang-Sans") for name in found)


def test_the_cover_has_the_balance_chart_with_its_numbers() -> None:
    """The chart's SVG text is PDF text: each group's name, then its sets a run of weeks
    (balance.py's), the runs under them and the legend of the deload week."""
    from workoutlang import balance

    program, reader = pdf_of(ROOT / "examples" / "eight_week_base.wol")
    runs = balance.runs(program.plans[0].weeks)
    rows = [f"{balance.TITLES[group]} " + " ".join(f"{run.sets[i]:g}" for run in runs)
            for i, group in enumerate(balance.GROUPS)]
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Sets a week per tag" in cover
    assert " ".join(rows) + " 1-3 4 5-8 week deload week" in cover
