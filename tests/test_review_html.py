"""`workoutlang review --to html`: read back with html5lib (the charts hold their
numbers, every chart is named, no script, nothing fetched), and drawn by a real
browser (headless Chromium) to a screenshot that must show the charts' colours."""

from __future__ import annotations

import datetime
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest

DATA = Path(__file__).parent / "data" / "review"
SCRIPT = shutil.which("workoutlang", path=str(Path(sys.executable).parent)) or "workoutlang"
SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# the chart colours of templates/review.css: planned, done, left, right
COLOURS = {"planned": (0xC3, 0xCA, 0xD3), "done": (0x1F, 0x4F, 0x8F),
           "left": (0x0F, 0x76, 0x6E), "right": (0xC2, 0x57, 0x0C)}


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review") / "review.html"
    result = subprocess.run([SCRIPT, "review", str(DATA / "plan.wol"), "--log",
                             str(DATA / "log.wol"), "--to", "html", "-o", str(out)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return out


def tree(page: Path) -> Element:
    document: Element = html5lib.parse(page.read_bytes(), treebuilder="etree")
    return document


def text(element: Element) -> str:
    return "".join(element.itertext())


def charts(page: Path) -> dict[str, Element]:
    """Each chart by its title."""
    found = {}
    for svg in tree(page).iter(f"{SVG}svg"):
        title = svg.find(f"{SVG}title")
        assert title is not None
        found[text(title)] = svg
    return found


def bar_titles(svg: Element) -> list[str]:
    return [text(t) for shape in svg if shape.tag in (f"{SVG}rect", f"{SVG}circle")
            for t in shape.findall(f"{SVG}title")]


def test_every_chart_is_named_and_described(page: Path) -> None:
    root = tree(page)
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    svgs = list(root.iter(f"{SVG}svg"))
    assert len(svgs) == 1 + 4 + 1 + 2  # sessions, four tag groups, balance, two loads
    for svg in svgs:
        assert svg.get("role") == "img"
        labels = (svg.get("aria-labelledby") or "").split()
        assert len(labels) == 2 and all(label in ids for label in labels)
        assert svg.find(f"{SVG}desc") is not None
    assert not list(root.iter(f"{XHTML}script"))
    for element in root.iter():  # self-contained: nothing to fetch
        for attribute in ("src", "href"):
            assert not (element.get(attribute) or "").startswith(("http", "//"))


def test_the_bars_hold_the_numbers(page: Path) -> None:
    found = charts(page)
    sessions = found["Sessions per week, planned and done"]
    assert bar_titles(sessions) == [
        "Week 1, planned: 2 sessions", "Week 1, done: 2 sessions",
        "Week 2, planned: 2 sessions", "Week 2, done: 1 sessions",
        "Week 3, planned: 1 sessions", "Week 3, done: 1 sessions"]
    core = bar_titles(found["Core sets per week, planned and done"])
    assert core[:2] == ["Week 1, planned: 6 sets", "Week 1, done: 4 sets"]
    balance = bar_titles(found["Left and right volume of one-sided work, all weeks"])
    assert "Single-leg hold, left: 60 seconds" in balance
    assert "Single-leg hold, right: 50 seconds" in balance
    rdl = bar_titles(found["Romanian deadlift: heaviest set per session (kg)"])
    assert rdl == ["1 Mar, done: 50 kg", "8 Mar, done: 52.5 kg", "15 Mar, done: 52.5 kg",
                   "1 Mar, planned: 50 kg", "8 Mar, planned: 52.5 kg",
                   "15 Mar, planned: 52.5 kg"]


def test_a_bar_is_as_tall_as_its_number(page: Path) -> None:
    sessions = charts(page)["Sessions per week, planned and done"]
    heights = {text(r.find(f"{SVG}title")): float(r.get("height", "0"))  # type: ignore[arg-type]
               for r in sessions.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None}
    assert heights["Week 1, done: 2 sessions"] == pytest.approx(
        2 * heights["Week 2, done: 1 sessions"], abs=0.2)


def test_tables_beside_the_charts(page: Path) -> None:
    rows = [[text(c).strip() for c in row] for row in tree(page).iter(f"{XHTML}tr")]
    assert ["Week 2, 8 Mar", "1/2 50%", "1 skipped"] in rows
    assert ["Single-leg hold", "60", "50", "seconds", "-17%"] in rows
    assert ["8 Mar", "52.5", "8", "52.5"] in rows
    assert ["Pallof press", "3", "1", "0", "2", "0"] in rows


def test_names_are_escaped(tmp_path: Path) -> None:
    plan = (DATA / "plan.wol").read_text().replace('"Review test"', '"<b>Mine</b> & co"')
    log = (DATA / "log.wol").read_text().replace('"Review test"', '"<b>Mine</b> & co"')
    (tmp_path / "p.wol").write_text(plan)
    (tmp_path / "l.wol").write_text(log)
    result = subprocess.run([SCRIPT, "review", "p.wol", "--log", "l.wol", "--to", "html",
                             "-o", "-"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "<b>Mine</b>" not in result.stdout
    assert "&lt;b&gt;Mine&lt;/b&gt; &amp; co" in result.stdout


# --- drawn by a browser -------------------------------------------------------------------


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or \
        shutil.which("google-chrome")


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit RGB or RGBA PNG (no dependency: the
    scanline filters of the PNG specification, section 9)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, b""
    while pos < len(data):
        (size,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks += body
        pos += 12 + size
    assert depth == 8 and colour in (2, 6) and interlace == 0
    step = 3 if colour == 2 else 4
    stride = width * step
    raw = zlib.decompress(chunks)
    previous, rows = bytearray(stride), []
    for y in range(height):
        kind_of = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride) if kind_of else ():
            a = line[i - step] if i >= step else 0
            b, c = previous[i], previous[i - step] if i >= step else 0
            if kind_of == 1:
                line[i] = (line[i] + a) & 255
            elif kind_of == 2:
                line[i] = (line[i] + b) & 255
            elif kind_of == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line[i] for i in range(stride) if i % step < 3))
        previous = line
    return width, height, rows


def test_a_browser_draws_the_page(page: Path, tmp_path: Path) -> None:
    browser = chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is needed on CI to draw the review page")
        pytest.skip("no chromium here to draw the page")
    shot = tmp_path / "review.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                    f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
                   capture_output=True, timeout=120, check=False, cwd=tmp_path)
    assert shot.exists(), "chromium wrote no screenshot"
    width, height, rows = png_pixels(shot)
    assert (width, height) == (1200, 1600)
    pixels = [row[i:i + 3] for row in rows[::2] for i in range(0, len(row), 6)]
    colours = {tuple(p) for p in pixels}
    ink = sum(p != b"\xff\xff\xff" for p in pixels) / len(pixels)
    assert ink > 0.05, f"the page is nearly blank ({ink:.1%} not white)"
    for name, rgb in COLOURS.items():  # the charts were drawn, each series in its colour
        assert rgb in colours, f"no {name} bars in the screenshot"


def test_a_long_log_stacks_its_weekly_table(tmp_path: Path) -> None:
    plan = ('plan "Long" weeks 20 start 2027-01-04:\n  session "A" on mon:\n'
            "    romanian_deadlift 2x8 @ 40kg\n    plank 2x30s\n")
    mondays = (datetime.date(2027, 1, 4) + datetime.timedelta(weeks=n) for n in range(16))
    entry = '  {} "A":\n    romanian_deadlift 8, 8\n    plank 30s, 30s\n'
    log = 'log "Long":\n' + "".join(entry.format(day) for day in mondays)
    (tmp_path / "p.wol").write_text(plan + "\n" + log)
    result = subprocess.run([SCRIPT, "review", "p.wol", "--to", "html", "-o", "-"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    (tmp_path / "r.html").write_text(result.stdout)
    root = tree(tmp_path / "r.html")
    assert any("stacked" in (div.get("class") or "") for div in root.iter(f"{XHTML}div"))
    sessions = charts(tmp_path / "r.html")["Sessions per week, planned and done"]
    assert len(bar_titles(sessions)) == 2 * 16
    ticks = [text(t) for t in sessions.iter(f"{SVG}text") if t.get("class") == "tick"]
    assert "Week 16, done: 1 sessions" in bar_titles(sessions)
    assert len([t for t in ticks if t.isdigit() and int(t) > 2]) <= 16  # weeks labelled


def test_the_page_prints(page: Path, tmp_path: Path) -> None:
    """Printed to A4 by the browser, read back with pypdf: every section is there,
    with its numbers as text, on a few pages (charts beside tables, not one a page)."""
    import pypdf

    browser = chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is needed on CI to print the review page")
        pytest.skip("no chromium here to print the page")
    pdf = tmp_path / "review.pdf"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                   capture_output=True, timeout=120, check=False, cwd=tmp_path)
    reader = pypdf.PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 4
    printed = " ".join(p.extract_text() for p in reader.pages)
    for heading in ("Sessions per week", "Sets per tag", "Left and right", "Loads",
                    "What was missed", "4/5 80%", "Single-leg hold", "52.5"):
        assert heading in printed
